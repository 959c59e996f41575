from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandParser
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from kooperacja.addresses.services.register import ImportProgress, import_addresses
from kooperacja.command import UserCommand
from kooperacja.core.prg import FORMATS

STAGES = {
    "reading": gettext_lazy("reading the file"),
    "indexing": gettext_lazy("indexing"),
    "merging": gettext_lazy("merging into the register"),
}


class Command(UserCommand):
    help = gettext_lazy(
        "Import the address register (PRG GML model 2012 or 2021, the converted CSV, or a "
        "ZIP of them). Unchanged points keep their ids; points the file no longer lists "
        "are retired; every point is assigned to its unit at every level."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("address register file"))
        parser.add_argument("--format", choices=FORMATS, help=_("file format (detected otherwise)"))
        parser.add_argument("--crs",
                            help=_("CRS of positions the file does not declare, e.g. EPSG:2180"))
        parser.add_argument("--skip-bad-points", action="store_true",
                            help=_("leave out points without a position or number instead "
                                   "of stopping"))
        parser.add_argument("--allow-retire", action="store_true",
                            help=_("go on even when the file leaves out more than "
                                   "KOOPERACJA_RETIRE_PERCENT (20) percent of the active points "
                                   "of its gminas (they would be retired)"))

    def run(self, *args: Any, **options: Any) -> str:
        with _Bar(disable=options.get("verbosity", 1) < 1) as show:
            result = import_addresses(
                options["file"], options["format"], options["crs"], show,
                skip_bad_points=options["skip_bad_points"], allow_retire=options["allow_retire"],
            )
        done = result.register_import
        summary = _("%(file)s: %(points)s points: %(new)s new, %(changed)s changed, "
                    "%(unchanged)s unchanged, %(retired)s retired") % {
            "file": done.file_name, **{name: _grouped(getattr(done, name)) for name in (
                "points", "new", "changed", "unchanged", "retired")},
        }
        if result.skipped:
            summary += _("; %(skipped)s unusable points left out") % {
                "skipped": _grouped(result.skipped)}
        return summary


class _Bar:
    """A bar over the file's bytes (a percentage and the time left), with the points found so
    far and the stage after reading (indexing, merging) beside it. It is made at the first
    report, when the file's size is known."""

    def __init__(self, disable: bool) -> None:
        self._disable = disable
        self._bar: tqdm | None = None

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def __call__(self, progress: ImportProgress) -> None:
        if self._bar is None:
            self._bar = tqdm(total=progress.bytes_total, desc=str(STAGES[progress.stage]),
                             unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                             disable=self._disable)
        bar = self._bar
        bar.set_description_str(str(STAGES[progress.stage]), refresh=False)
        bar.set_postfix_str(_("points: %(points)s") % {"points": _grouped(progress.points)},
                            refresh=False)
        bar.update(progress.bytes_read - bar.n)
        if progress.stage != "reading":
            bar.refresh()


def _grouped(number: int) -> str:
    """``number`` with its thousands apart, as the language writes them (1 234 567)."""
    return number_format(number, force_grouping=True)
