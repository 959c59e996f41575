"""The real PRG sample, read with a regular expression so as not to need the PRG reader."""

from __future__ import annotations

import re
from pathlib import Path

from kooperacja.core.addresses import AddressIndex, Geocoder

SAMPLE = Path(__file__).resolve().parents[5] / "tests" / "data" / "prg" / "prg_model2012_sample.xml"
_POINT = re.compile(
    r"<prg-ad:miejscowosc>(.*?)</prg-ad:miejscowosc>.*?"
    r"<prg-ad:ulica>(.*?)</prg-ad:ulica>.*?"
    r"<prg-ad:numerPorzadkowy>(.*?)</prg-ad:numerPorzadkowy>",
    re.DOTALL,
)


def test_it_matches_podgorna_2_in_konotop_from_the_prg_2012_sample() -> None:
    points = _POINT.findall(SAMPLE.read_text(encoding="utf-8"))
    assert ("Konotop", "Podgórna", "2") in points
    locality, street, number = (list(column) for column in zip(*points))
    geocoder = Geocoder(AddressIndex.build(locality, street, number))
    found = geocoder.match("ul. PODGORNA 2", "Konotop")
    assert found.status == "matched"
    assert points[found.row] == ("Konotop", "Podgórna", "2")
