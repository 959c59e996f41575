"""What an import of an extract needs, checked once for every way in: the command line
(`import-records`), the upload form and the background task use the same check and read the
same messages."""

from __future__ import annotations

from dataclasses import dataclass

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.submissions.layouts import LAYOUTS, Layout
from kooperacja.core.submissions.periods import Period, PeriodError, parse_period
from kooperacja.records.models import Institution
from kooperacja.records.services.institutions import get_institution
from kooperacja.territory.models import Level
from kooperacja.territory.services.codes import current_level


@dataclass(frozen=True)
class ImportParameters:
    """An extract's import, checked: institution, period, layout and, for counts per unit,
    the level of the file's units (when their codes are current on several levels)."""

    institution: Institution
    period: Period
    layout: Layout
    strict: bool = False
    level: Level | None = None

    @classmethod
    def check(
        cls, institution: Institution | str, period: str | Period, layout: str, *,
        strict: bool = False, level: Level | str | None = None,
    ) -> ImportParameters:
        """The parameters, or a ``UserError`` a person can act on."""
        if isinstance(institution, str):
            institution = get_institution(institution)
        if not isinstance(period, Period):
            try:
                period = parse_period(period)
            except PeriodError as e:
                raise UserError(None, "%(detail)s", {"detail": str(e)}) from None
        if layout not in LAYOUTS:
            raise UserError(None, N_("There is no layout %(layout)s; use one of %(layouts)s."),
                            {"layout": layout, "layouts": ", ".join(LAYOUTS)})
        if level is not None and not LAYOUTS[layout].per_unit:
            raise UserError(None, N_("A level is given for counts per unit only (layout %(layouts)s)."),
                            {"layouts": ", ".join(n for n, f in LAYOUTS.items() if f.per_unit)})
        if level is not None:
            level = current_level(level if isinstance(level, str) else level.code)
        return cls(institution, period, LAYOUTS[layout], strict, level)
