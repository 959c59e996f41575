"""The check before referral in the demo: nothing is stored; the demo's PUP extract names a
person the check answers "yes" for (training elsewhere) when MOPS asks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from kooperacja.core.submissions.pesel import check as check_pesel

# The PUP instruments of the training type (core/submissions/codelists.json).
TRAINING_WORDS = ("szkoleni", "bon szkoleniowy", "studia podyplomowe")


def example_pesel(directory: Path, manifest: dict[str, Any]) -> str | None:
    """A valid PESEL from the demo's latest PUP extract whose person PUP trained: the check
    as MOPS for instrument type ``training`` answers "yes" for it (while the period is in
    the window). None when the demo has no such row or the file is gone."""
    periods = manifest.get("periods") or {}
    key = periods[max(periods)]["files"]["pup"] if periods else "pup"
    info = manifest["files"].get(key)
    if not info:
        return None
    path = Path(directory) / info["path"]
    if not path.is_file():
        return None
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        sheet = workbook[info.get("sheet") or workbook.sheetnames[0]]
        rows = sheet.iter_rows(values_only=True)
        header = [str(c) for c in next(rows)]
        pesel, instruments = header.index("PESEL"), header.index("Instrumenty")
        for row in rows:
            number = str(row[pesel] or "")
            if (any(w in str(row[instruments] or "").lower() for w in TRAINING_WORDS)
                    and check_pesel(number).valid):
                return number
    finally:
        workbook.close()
    return None


def demo_hint(directory: Path, manifest: dict[str, Any]) -> str | None:
    """The line the demo prints about /sprawdz/, or None."""
    number = example_pesel(directory, manifest)
    if number is None:
        return None
    periods = sorted(manifest.get("periods") or {}) or ["2025"]
    return _("Check before referral (/sprawdz/) as partner@mops.example: PESEL %(pesel)s, "
             "instrument type training, help ended on or after %(since)s: \"yes\", a fictional "
             "person the labour office trained in %(period)s.") % {
        "pesel": number, "since": f"{periods[-1][:4]}-01-01", "period": periods[-1]}
