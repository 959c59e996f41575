"""What a unit code written in a file means: the one rule every import of counts per unit
(`import-records --layout aggregate`, `import-aggregates`, the web upload) follows.

A code names the current unit with that code, written in any case and with spaces around
it ("e05 " is "E05") when no unit has it exactly as written. When the same code is
current on several levels (an estate "E1" and a grid cell "E1"), the file must say which
level its units are on: guessing would put the counts on units the partner did not mean.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.territory.models import Level, Unit


@dataclass(frozen=True)
class CodedUnit:
    pk: int
    level_id: int


def current_level(code: str) -> Level:
    """The level ``code``, if it has current boundaries."""
    found = Level.objects.filter(code=code).first()
    if found is None or not Unit.objects.current().filter(level=found).exists():
        raise UserError(None, N_("There is no level %(level)s with current boundaries."),
                        {"level": code})
    return found


class UnitCodes:
    """The current units by code, at ``level`` only when it is given.

    ``find`` answers for one code; it raises a ``UserError`` naming the levels when the code
    is current on several of them and no level was given.
    """

    def __init__(self, level: Level | None = None, *, source: str | None = None) -> None:
        self.source = source
        units = Unit.objects.current()
        if level is not None:
            units = units.filter(level=level)
        self._levels = dict(Level.objects.values_list("pk", "code"))
        self._by_code: dict[str, list[CodedUnit]] = defaultdict(list)
        self._by_folded: dict[str, list[CodedUnit]] = defaultdict(list)
        for code, pk, level_id in units.order_by("level__rank").values_list(
            "code", "pk", "level_id"
        ):
            self._by_code[code].append(CodedUnit(pk, level_id))
            self._by_folded[code.strip().casefold()].append(CodedUnit(pk, level_id))

    def find(
        self, code: str, *, row: int | None = None, field: str | None = None
    ) -> CodedUnit | None:
        """The current unit ``code`` names, or None when there is none."""
        found = self._by_code.get(code) or self._by_folded.get(code.strip().casefold())
        if not found:
            return None
        if len(found) > 1:
            raise UserError(
                self.source,
                N_("unit code %(code)s is current on several levels (%(levels)s): give the "
                   "level of the file's units (--level)"),
                {"code": code, "levels": ", ".join(self._levels[u.level_id] for u in found)},
                row=row, field=field,
            )
        return found[0]
