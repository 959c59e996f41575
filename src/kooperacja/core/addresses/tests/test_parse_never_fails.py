from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kooperacja.core.addresses import Geocoder, parse_address


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_it_parses_any_text_without_raising(text: str) -> None:
    parsed = parse_address(text)
    assert parsed.number == "" or parsed.number[0].isdigit()


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ąćęłńóśźż abcdeklmnoprstuwyz.,/-0123456789AMK", max_size=40))
def test_it_answers_every_text_with_a_known_status(text: str, geocoder: Geocoder) -> None:
    found = geocoder.match(text)
    assert found.status in ("matched", "ambiguous", "street_only", "unmatched")
    assert (found.row >= 0) == (found.status == "matched")
