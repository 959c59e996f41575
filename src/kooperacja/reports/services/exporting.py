"""A report leaving the platform: rendered, written or handed over, and audited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.records.services.audit import record_event
from kooperacja.reports.services.document import Report
from kooperacja.reports.services.render import FORMATS, Format, render


def report_format(path: Path | str) -> Format:
    """The format a file name asks for (.docx, .pdf, .html)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "htm":
        suffix = "html"
    if suffix not in FORMATS:
        raise UserError(
            path,
            N_(
                "A report is written as .docx, .pdf or .html; give --out a "
                "file name ending in one of them."
            ),
        )
    return suffix


def export_report(
    report: Report,
    fmt: Format,
    narrative: dict[str, str] | None = None,
    user: Any | None = None,
    file: str = "",
) -> bytes:
    """The report's file, its export recorded in the audit log (what, for whom, which
    inputs' fingerprint; never a number of it)."""
    data = render(report, fmt, narrative)
    record_event(
        user,
        "export",
        "report",
        {
            **{
                k: report.parameters.get(k)
                for k in ("template", "territory", "period", "since", "audience")
            },
            "format": fmt,
            "fingerprint": report.fingerprint,
            "file": file,
            "bytes": len(data),
        },
    )
    return data


def write_report(
    path: Path | str,
    report: Report,
    narrative: dict[str, str] | None = None,
    user: Any | None = None,
) -> int:
    """Write the report to ``path`` in the format its name asks for; its size in bytes."""
    fmt = report_format(path)
    data = export_report(report, fmt, narrative, user, file=str(path))
    Path(path).write_bytes(data)
    return len(data)
