"""``?t=TERYT``: one territory of the installation chosen on the public map, its unit pages,
the regional view and the API's units and values (a filter, never a permission).

A territory (issue 20's shared design) is a unit that is its own ``Unit.territory``; ``t``
names one by its TERYT code (its unit code when it has none) and takes in every unit whose
territory's TERYT starts with it, so a powiat's code takes in its gminas and a
voivodeship's every unit of the region. Answers are kept once per version of the public
answers' inputs (territory/answers.py).
"""

from __future__ import annotations

from django.db.models import Q

from kooperacja.territory import answers
from kooperacja.territory.models import Unit


class NoSuchTerritory(LookupError):
    """``t`` names no territory of the installation."""


def territories(version: answers.Version | None = None) -> list[dict[str, str]]:
    """The installation's territories, ordered by TERYT: ``{"t", "code", "name", "level",
    "level_name"}``; ``t`` is what ``?t=`` takes."""

    def build() -> list[dict[str, str]]:
        found = (Unit.objects.current().territories()
                 .values_list("teryt", "code", "name", "level__code", "level__name",
                              "level__rank"))
        ordered = sorted(found, key=lambda r: (r[0] or r[1], r[5]))
        return [{"t": teryt or code, "code": code, "name": name, "level": level,
                 "level_name": level_name}
                for teryt, code, name, level, level_name, _rank in ordered]

    return answers.stored(("territories",), build, version)


def territory(t: str | None, version: answers.Version | None = None) -> dict[str, str] | None:
    """The territory ``t`` names, None when none is asked; :class:`NoSuchTerritory` for a
    code that names no territory of the installation."""
    if not t:
        return None
    for each in territories(version):
        if each["t"] == t:
            return each
    raise NoSuchTerritory(t)


def in_territory(t: str) -> Q:
    """The units of territory ``t`` and of every territory within it (a TERYT prefix)."""
    return Q(territory__teryt__startswith=t) | Q(territory__teryt="", territory__code=t)


def codes_in(t: str | None, level: str, version: answers.Version | None = None) -> set[str] | None:
    """Codes of the current units of ``level`` in territory ``t``; None without ``t`` (every
    unit). Raises :class:`NoSuchTerritory`."""
    if territory(t, version) is None:
        return None
    assert t is not None
    return answers.stored(
        ("territory-codes", t, level),
        lambda: set(Unit.objects.current().filter(in_territory(t), level__code=level)
                    .values_list("code", flat=True)), version)
