"""The array scanner reads every feature and field as lxml reads them.

Documents are generated with what real and hand-edited GML holds: any namespace prefix
(long ones too) or none, names that begin like the names asked for, attributes in either
quote with ">" inside, whitespace inside tags, entities and ">" in text, fields nested at
any depth or repeated, features written as empty elements, and features spread over
blocks of any size.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kooperacja.core.prg import gml
from kooperacja.core.prg.sources import Source

KINDS = ("Punkt", "PRG_JednostkaAdministracyjnaNazwa")
FIELDS = ("pos", "Point", "lokalnyId", "identyfikatorSIMC", "identyfikatorULIC", "komponent")
# Names that are not asked for, some beginning like those that are.
OTHERS = ("posList", "Pointer", "lokalny", "identyfikatorSIMCx", "featureMember", "x")
KEYS = ("id", "href", "srsName")
PREFIXES = ("", "gml", "prgad", "prg-ad", "a.very.long-namespace_prefix")

# Characters XML allows; the scanner gives carriage returns and, in attributes, tabs and
# newlines as written, where an XML parser normalises them (register files have none).
_letters = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn"))
_texts = st.text(_letters | st.sampled_from(" \t\n>&"), max_size=12)
_values = st.text(_letters | st.sampled_from(" >&"), max_size=12)
_numbers = st.lists(
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda value: f"{value:.3f}")
    | st.text("0123456789.eE+-", min_size=1, max_size=4), max_size=4,
).map(" ".join)


def _escaped(text: str, quote: str = "") -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace("]]>", "]]&gt;")
    return text.replace(quote, "&quot;" if quote == '"' else "&apos;") if quote else text


@st.composite
def _attributes(draw: st.DrawFn) -> str:
    written = []
    for key in draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=2)):
        prefix = draw(st.sampled_from(("", "gml:", "xlink:")))
        quote = draw(st.sampled_from("\"'"))
        value = draw(_values)
        space = draw(st.sampled_from((" ", "\n\t", "  ")))
        written.append(f"{space}{prefix}{key}{draw(st.sampled_from(('=', ' = ')))}"
                       f"{quote}{_escaped(value, quote)}{quote}")
    return "".join(written)


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    name = draw(st.sampled_from(FIELDS + OTHERS))
    prefix = draw(st.sampled_from(PREFIXES))
    tag = f"{prefix}:{name}" if prefix else name
    attributes = draw(_attributes())
    if draw(st.booleans()) and depth < 2:
        inner = "".join(draw(st.lists(_element(depth + 1), max_size=3)))
    else:
        inner = _escaped(draw(_numbers if name == "pos" else _texts))
    if not inner and draw(st.booleans()):
        return f"<{tag}{attributes}{draw(st.sampled_from(('/', ' /')))}>"
    return f"<{tag}{attributes}>{inner}</{tag}{draw(st.sampled_from(('', ' ', chr(10))))}>"


@st.composite
def _feature(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(PREFIXES))
    tag = f"{prefix}:{draw(st.sampled_from(KINDS))}" if prefix else draw(st.sampled_from(KINDS))
    attributes = draw(_attributes())
    if draw(st.integers(0, 9)) == 0:
        return f"<{tag}{attributes}/>"
    inner = "".join(draw(st.lists(_element(), max_size=6)))
    return f"<gml:featureMember><{tag}{attributes}>{inner}</{tag}></gml:featureMember>"


def _document(features: list[str]) -> bytes:
    declarations = " ".join(
        f'xmlns:{prefix}="urn:{prefix}"' for prefix in (*PREFIXES[1:], "xlink")
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<gml:FeatureCollection {declarations} '
            f'xmlns="urn:default">\n{chr(10).join(features)}\n</gml:FeatureCollection>\n'
            ).encode()


def _summary(tables: dict[str, gml.Table]) -> dict[str, list[Any]]:
    """Everything a reader can ask of each feature, in comparable form."""
    summary: dict[str, list[Any]] = {}
    for kind, table in tables.items():
        columns = [table.attribute(None, "id")]
        for name in FIELDS:
            columns += [table.has(name).tolist(), table.text(name),
                        *(table.attribute(name, key) for key in KEYS),
                        table.attributes_of_all(name, "href")]
        summary[kind] = list(zip(*columns))
    return summary


def _merged(summaries: list[dict[str, list[Any]]]) -> dict[str, list[Any]]:
    return {kind: [feature for summary in summaries for feature in summary[kind]]
            for kind in KINDS}


def _source(data: bytes) -> Source:
    return Source("generated.gml", lambda: io.BytesIO(data))


def _scanned(data: bytes) -> dict[str, Any]:
    return _merged(list(gml.read_features(_source(data), KINDS, FIELDS, _summary)))


def _parsed(data: bytes) -> dict[str, Any]:
    return _merged([_summary(gml._tables(gml._parsed(_source(data), KINDS, FIELDS), KINDS))])


@settings(max_examples=300, deadline=None)
@given(st.lists(_feature(), max_size=8), st.sampled_from([64, 300, 4 << 20]))
def test_the_scanner_reads_what_lxml_reads(features: list[str], block_bytes: int) -> None:
    data = _document(features)
    previous, gml.BLOCK_BYTES = gml.BLOCK_BYTES, block_bytes
    try:
        scanned = _scanned(data)
    finally:
        gml.BLOCK_BYTES = previous
    assert scanned == _parsed(data)


@settings(max_examples=100, deadline=None)
@given(st.lists(_feature(), min_size=1, max_size=6))
def test_numbers_are_read_as_python_reads_them(features: list[str]) -> None:
    for tables in gml.read_features(_source(_document(features)), KINDS, FIELDS, dict):
        for table in tables.values():
            numbers = table.numbers("pos")
            texts = [text.split() for text in table.text("pos")]
            try:
                expected = [float(value) for values in texts for value in values]
            except ValueError:
                assert numbers is None
                continue
            assert numbers is not None
            assert numbers[1].tolist() == [len(values) for values in texts]
            assert numbers[0].tolist() == expected


@pytest.mark.parametrize("damage", [
    lambda text: text.replace("</prgad:Punkt>", "", 1),
    lambda text: text.replace("<prgad:Punkt>", "", 1),
    lambda text: text.replace("<prgad:pos>", "<prgad:pos <x>", 1),
    lambda text: text.replace("</prgad:Punkt>", "</prgad:Punkt>" * 2, 1),
])
def test_tags_that_do_not_pair_up_are_reported_as_lxml_reports_them(damage: Any) -> None:
    text = _document(["<prgad:Punkt><prgad:pos>1 2</prgad:pos></prgad:Punkt>"] * 3).decode()
    with pytest.raises(gml.PrgReadError, match="generated.gml"):
        list(gml.read_features(_source(damage(text).encode()), KINDS, FIELDS, dict))
