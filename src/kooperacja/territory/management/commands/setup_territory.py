from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from tqdm import tqdm

from kooperacja.command import UserCommand
from kooperacja.core.prg.units import LEVELS
from kooperacja.territory.services.regions import Stage, setup_territory

STAGES = {
    "reading": gettext_lazy("reading the boundary files"),
    "checking": gettext_lazy("checking that the units nest"),
    "storing": gettext_lazy("storing the levels"),
}


class Command(UserCommand):
    help = gettext_lazy(
        "Set up a region (a voivodeship, a powiat or a gmina, by its TERYT code) from PRG's "
        "administrative units (Shapefile or GML as GUGiK publishes them) and the TERC "
        "register: levels wojewodztwo, powiat and gmina with their parents. Units that do "
        "not nest are listed one by one and nothing is stored (docs/regions.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--teryt", required=True, metavar="CODE",
                            help=_("TERYT code of the region: a voivodeship (2 digits), a "
                                   "powiat (4) or a gmina (7)"))
        parser.add_argument("--boundaries", required=True, action="append", metavar="FILE",
                            help=_("PRG units file (A01_Granice_wojewodztw, "
                                   "A02_Granice_powiatow, A03_Granice_gmin; Shapefile or GML); "
                                   "repeat for each file"))
        parser.add_argument("--levels", default=",".join(LEVELS), metavar="LEVEL,LEVEL",
                            help=_("levels to build, from: wojewodztwo, powiat, gmina "
                                   "(default: all three)"))
        parser.add_argument("--terc", metavar="FILE",
                            help=_("the TERC register to load first (TERC_Urzedowy_*.xml); "
                                   "default: the one loaded with import-teryt"))
        parser.add_argument(
            "--allow-retire", action="store_true",
            help=_("replace a level even when the files leave out more than "
                   "KOOPERACJA_RETIRE_PERCENT (20) percent of its current units"))

    def run(self, *args: Any, **options: Any) -> str:
        levels = [level.strip() for level in options["levels"].split(",") if level.strip()]
        with _Bar(disable=options.get("verbosity", 1) < 1) as show:
            result = setup_territory(
                options["teryt"], options["boundaries"], levels=levels, terc=options["terc"],
                allow_retire=options["allow_retire"], progress=show,
            )
        lines = []
        if result.terc is not None:
            lines.append(ngettext(
                "loaded %(entries)d TERC entry (state on %(date)s)",
                "loaded %(entries)d TERC entries (state on %(date)s)",
                result.terc.entries) % {"entries": result.terc.entries,
                                        "date": result.terc.valid_on})
        for code in result.repaired:
            lines.append(_("repaired an invalid geometry: %(code)s") % {"code": code})
        for level in result.levels:
            stored = level.stored
            values = {"level": level.level, "loaded": level.loaded, "count": stored.units,
                      "date": stored.generation.valid_from.isoformat()}
            if stored.created:
                lines.append(ngettext(
                    "%(level)s: %(loaded)d unit of the region; the level now has %(count)d "
                    "units as a new generation valid from %(date)s",
                    "%(level)s: %(loaded)d units of the region; the level now has %(count)d "
                    "units as a new generation valid from %(date)s",
                    level.loaded) % values)
            else:
                lines.append(ngettext(
                    "%(level)s: %(loaded)d unit of the region, unchanged",
                    "%(level)s: %(loaded)d units of the region, unchanged",
                    level.loaded) % values)
        if result.parts:
            lines.append(ngettext(
                "left out %(count)d part of a gmina (its town or rural area, RODZ 4 and 5, or "
                "a city's district, RODZ 8 and 9): the gmina stands for it",
                "left out %(count)d parts of gminas (their towns or rural areas, RODZ 4 and 5, "
                "or a city's districts, RODZ 8 and 9): the gminas stand for them",
                result.parts) % {"count": result.parts})
        if result.outside:
            lines.append(ngettext(
                "left out %(count)d unit outside the region",
                "left out %(count)d units outside the region", result.outside,
            ) % {"count": result.outside})
        lines.append(_("region %(code)s (%(name)s) is set up") % {
            "code": result.teryt, "name": result.name})
        return "\n".join(lines)


class _Bar:
    """One bar per stage (reading the files, checking the units, storing the levels), made
    at the stage's first report."""

    def __init__(self, disable: bool) -> None:
        self._disable = disable
        self._bar: tqdm | None = None
        self._stage: Stage | None = None

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def __call__(self, stage: Stage, done: int, total: int) -> None:
        if stage != self._stage:
            if self._bar is not None:
                self._bar.close()
            self._stage = stage
            self._bar = tqdm(total=total, desc=str(STAGES[stage]), file=sys.stderr,
                             disable=self._disable)
        assert self._bar is not None
        self._bar.update(done - self._bar.n)
