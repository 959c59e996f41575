"""Polish addresses as offices write them: parsing, normalisation and offline geocoding.

>>> index = AddressIndex.build(["Konotop"], ["Podgórna"], ["2"])
>>> Geocoder(index).match("ul. PODGORNA 2, 67-416 Konotop").row
0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kooperacja.core.lazy import lazy_exports

if TYPE_CHECKING:
    from kooperacja.core.addresses.geocoder import STATUSES, Geocoder, GeocodeResult, Match
    from kooperacja.core.addresses.index import AddressIndex, normalise_number
    from kooperacja.core.addresses.normalise import (
        AMBIGUOUS_NUMBER,
        NO_NUMBER,
        TRAILING_TEXT,
        ParsedAddress,
        parse_address,
    )
    from kooperacja.core.addresses.streets import StreetKey, street_key
    from kooperacja.core.addresses.text import fold_address, repair_encoding

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "geocoder": ("STATUSES", "Geocoder", "GeocodeResult", "Match"),
        "index": ("AddressIndex", "normalise_number"),
        "normalise": (
            "AMBIGUOUS_NUMBER", "NO_NUMBER", "TRAILING_TEXT", "ParsedAddress", "parse_address",
        ),
        "streets": ("StreetKey", "street_key"),
        "text": ("fold_address", "repair_encoding"),
    },
)

__all__ = [
    "AMBIGUOUS_NUMBER",
    "NO_NUMBER",
    "STATUSES",
    "TRAILING_TEXT",
    "AddressIndex",
    "GeocodeResult",
    "Geocoder",
    "Match",
    "ParsedAddress",
    "StreetKey",
    "fold_address",
    "normalise_number",
    "parse_address",
    "repair_encoding",
    "street_key",
]
