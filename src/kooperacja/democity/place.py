"""Where a demo city lies and what it is called: its name, codes and centre.

The demo city is :data:`HUTNOW`; a demo of two territories (``kooperacja demo
--territories 2``) adds :data:`MLOTOW` beside it in the same fictional powiat, with codes of
its own so that the two share one register of address points and one set of levels.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import names


@dataclass(frozen=True)
class Place:
    """A fictional gmina: its town's name, TERC code, centre, localities and prefixes."""

    name: str
    locative: str  # "w Hutnowie": in the names of its institutions
    teryt_gmina: str
    centre_lonlat: tuple[float, float]
    # SIMC codes of the town and of its two villages, and the villages' names (the first
    # village has no streets).
    simc: tuple[str, str, str]
    villages: tuple[str, str]
    # Put before every district and estate code (unit codes are unique per level).
    code_prefix: str = ""
    # Postcodes are PREFIX + district digit + estate digit.
    postcode_prefix: str = "44-9"

    def simc_codes(self) -> dict[str, str]:
        """Locality name → SIMC code."""
        return dict(zip((self.name, *self.villages), self.simc))


HUTNOW = Place(
    name=names.CITY_NAME,
    locative=names.CITY_LOCATIVE,
    teryt_gmina="2499011",
    centre_lonlat=(18.62, 50.52),
    simc=("0999001", "0999002", "0999003"),
    villages=(names.ESTATE_NAMES["village"][0], names.ESTATE_NAMES["village"][1]),
)
# 0.2° of longitude east of Hutnów (about 14 km): the two towns do not touch.
MLOTOW = Place(
    name="Młotów",
    locative="Młotowie",
    teryt_gmina="2499021",
    centre_lonlat=(18.82, 50.52),
    simc=("0999011", "0999012", "0999013"),
    villages=("Jaroszowice", "Brzezinka"),
    code_prefix="M",
    postcode_prefix="44-8",
)
# The fictional powiat both lie in, and its voivodeship.
POWIAT = ("2499", "powiat hutnowski")
WOJEWODZTWO = ("24", "śląskie")
