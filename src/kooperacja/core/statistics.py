"""Public statistics per gmina read from the files a user downloaded (docs/statistics.md):
GUS's Local Data Bank (BDL) exports and the social-assistance tables MRPiPS-03.

Plain data in, plain data out: the codes become TERYT codes (2, 4 or 7 digits), the values
whole numbers or None where the table has no value (a symbol such as ``-``, ``.``, ``#`` or
``x``, or a BDL attribute other than a plain value). Matching the codes to units and storing
the figures is ``indicators/services/statistics.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.submissions.demography import COARSE_BANDS
from kooperacja.core.tables import Table, TableError, header_key, read_table, whole_number

# Cells that stand for "no value": GUS's conventional symbols (no data, not applicable,
# confidential) and the dashes office software writes for them.
NO_VALUE = {"", "-", "–", "—", ".", "#", "x", "X", "*", "b.d.", "bd", "brak"}
# A BDL attribute that marks a plain value: empty in the web export, 1 in the API's files.
PLAIN_ATTRIBUTES = {"", "1"}
# Rows above the header that a workbook or a regional centre's table may start with.
HEADER_SEARCH_ROWS = 30

_SEX_WORDS = {"ogolem": "", "razem": "", "mezczyzni": "M", "kobiety": "K", "m": "M", "k": "K"}
_RANGE = re.compile(r"^(\d{1,3})\s*-\s*(\d{1,3})(?:\s*lat[a]?)?$")
_OPEN = re.compile(r"^(\d{1,3})\s*(?:lat[a]?\s*)?(?:i\s*wiecej|i\s*starsi|i\s*powyzej|\+|"
                   r"ipowyzej|iwiecej)$")
_ONE = re.compile(r"^(\d{1,3})(?:\s*lat[a]?|\s*rok)?$")
_ECONOMIC = {
    "wwiekuprzedprodukcyjnym": (0, 17), "przedprodukcyjny": (0, 17),
    "wwiekuprodukcyjnym": (18, 64), "produkcyjny": (18, 64),
    "wwiekupoprodukcyjnym": (65, None), "poprodukcyjny": (65, None),
}
_YEAR = re.compile(r"^(1[89]\d\d|2[01]\d\d)$")
_MEASURE = re.compile(r"^\[.*\]$")
# The project's population bands (core/submissions/demography.py COARSE_BANDS) as ages.
TARGET_BANDS: dict[str, tuple[int, int | None]] = {
    "0-17": (0, 17), "18-29": (18, 29), "30-49": (30, 49), "50-64": (50, 64), "65+": (65, None),
}
assert set(TARGET_BANDS) == set(COARSE_BANDS)

BAND_STRADDLES = N_(
    "age group %(band)s of the file straddles the bands the installation counts in "
    "(%(bands)s); download the table by single years of age (BDL: Ludność według "
    "pojedynczych roczników wieku i płci) or by the economic age groups"
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One value of a BDL table: a unit's TERYT code, year, sex ("", "K", "M") and age
    group (None for all ages; else the lowest and highest age, None for "and over")."""

    row: int
    teryt: str
    year: int
    sex: str
    ages: tuple[int, int | None] | None
    value: int | None


@dataclass
class BdlTable:
    figures: list[Figure]
    layout: str  # "vertical" or "wide"
    not_teryt: int = 0  # rows of the country, macroregions, regions, subregions
    dimensions: set[str] = field(default_factory=set)  # "sex", "age"


def teryt_of(code: str) -> str | None:
    """The TERYT code of a BDL unit code: the 12-digit id of BDL and its API
    (``011212161011`` is Kraków, TERYT ``1261011``: voivodeship in digits 3-4, powiat in 8-9,
    gmina and its type in 10-12) or a 7-digit code as the web export writes it (``1261000``
    is the powiat, ``1200000`` the voivodeship); a TERYT of 2, 4 or 7 digits stays as it is.
    None for a unit without one (the country, macroregions, regions, subregions) or a cell
    that is no such code. A workbook's number that lost its leading zero gets it back."""
    digits = code.strip().replace(" ", "")
    if not digits.isdigit():
        return None
    if len(digits) in (1, 3, 6, 11):
        digits = "0" + digits
    if len(digits) == 12:
        voivodeship, powiat, gmina = digits[2:4], digits[7:9], digits[9:12]
        if voivodeship == "00":
            return None
        if gmina != "000":
            return voivodeship + powiat + gmina
        if powiat != "00":
            return voivodeship + powiat
        return voivodeship if digits[4:7] == "000" else None
    if len(digits) == 7:
        if digits[:2] == "00":
            return None
        if digits[4:] != "000":
            return digits
        return digits[:4] if digits[2:4] != "00" else digits[:2]
    if len(digits) in (2, 4):
        return digits if digits[:2] != "00" else None
    return None


# The voivodeships by TERYT, as BDL names them (in capitals), to check its codes against.
VOIVODESHIPS = {
    "02": "dolnośląskie", "04": "kujawsko-pomorskie", "06": "lubelskie", "08": "lubuskie",
    "10": "łódzkie", "12": "małopolskie", "14": "mazowieckie", "16": "opolskie",
    "18": "podkarpackie", "20": "podlaskie", "22": "pomorskie", "24": "śląskie",
    "26": "świętokrzyskie", "28": "warmińsko-mazurskie", "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}
_BY_NAME = {header_key(name): code for code, name in VOIVODESHIPS.items()}
_GMINA_TYPE = re.compile(r"\((\d)\)\s*$")
CODE_SCHEME = N_("the unit code does not match the unit's name (%(name)s); the file's codes "
                 "are not in BDL's scheme read here (12 digits, voivodeship in digits 3-4): "
                 "export the table again, or write TERYT codes")


def check_name(path: Path, row: int, column: str, teryt: str, name: str) -> None:
    """Refuse a code that the row's name contradicts: a voivodeship named otherwise, or a
    gmina whose type in brackets (BDL writes ``Bolesławiec (1)``) is not its TERYT's."""
    by_name = _BY_NAME.get(header_key(name))
    kind = _GMINA_TYPE.search(name)
    if (by_name is not None and len(teryt) == 2 and by_name != teryt) or (
            kind is not None and len(teryt) == 7 and kind[1] != teryt[6]):
        raise TableError(path, CODE_SCHEME, {"name": name.strip()}, row=row, field=column)


def parse_ages(text: str) -> tuple[int, int | None] | None | str:
    """An age group as written by BDL: ``0-4``, ``85 i więcej``, ``7``, ``w wieku
    produkcyjnym``; None for all ages (``ogółem``); "?" when it is none of these."""
    key = header_key(text)
    if key in ("", "ogolem", "razem", "wszystkie", "total"):
        return None
    if key in _ECONOMIC:
        return _ECONOMIC[key]
    spaced = " ".join(text.lower().replace("ł", "l").split())
    spaced = spaced.replace("ę", "e").replace("ó", "o")
    if (m := _RANGE.match(spaced)) and int(m[1]) <= int(m[2]):
        return int(m[1]), int(m[2])
    if m := _OPEN.match(spaced):
        return int(m[1]), None
    if m := _ONE.match(spaced):
        return int(m[1]), int(m[1])
    return "?"


def _value(path: Path, row: int, column: str, text: str, attribute: str = "") -> int | None:
    if attribute.strip() not in PLAIN_ATTRIBUTES or text.strip() in NO_VALUE:
        return None
    value = whole_number(text)
    if value is None:
        raise TableError(path, N_("not a whole number of 0 or more, nor a sign of no data "
                                  "(-, ., #, x)"), row=row, field=column)
    return value


def _with_header(table: Table, *names: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The table's header row, found among its first rows by one of ``names`` (a workbook
    or a regional centre's table may carry a title above it), and the rows below it."""
    keys = {header_key(n) for n in names}
    if any(header_key(h) in keys for h in table.header):
        return table.header, table.rows
    for row, cells in table.rows:
        if row > HEADER_SEARCH_ROWS:
            break
        if any(header_key(c) in keys for c in cells):
            return [c.strip() for c in cells], table.rows
    raise TableError(table.path, N_("missing column %(column)s; the first row must name the "
                                    "columns (it has %(count)s cells)"),
                     {"column": names[0], "count": len(table.header)})


def _column(path: Path, header: list[str], *names: str, required: bool = True) -> int | None:
    keys = [header_key(h) for h in header]
    for name in names:
        if header_key(name) in keys:
            return keys.index(header_key(name))
    if required:
        raise TableError(path, N_("missing column %(column)s"), {"column": names[0]})
    return None


def read_bdl(path: Path | str, encoding: str | None = None, year: int | None = None) -> BdlTable:
    """The figures of a BDL export, in either layout: vertical (``Kod;Nazwa;Płeć;Wiek;Rok;
    Wartosc;Jednostka miary;Atrybut``, one value a row) or wide (``Kod;Nazwa`` and one column
    per combination, its header the dimensions' values, the year and the measure joined by
    ``;``: ``"ogółem;0-4;2023;[osoba]"``)."""
    table = read_table(path, encoding)
    path = table.path
    header, rows = _with_header(table, "Kod", "TERYT", "Kod TERYT")
    c_code = _column(path, header, "Kod", "TERYT", "Kod TERYT")
    assert c_code is not None
    c_value = _column(path, header, "Wartosc", "Wartość", "Value", required=False)
    if c_value is not None:
        return _vertical(path, header, rows, c_code, c_value, year)
    header, rows = _stacked_header(header, rows, c_code)
    return _wide(path, header, rows, c_code, year)


def _stacked_header(header: list[str], rows: Iterator[tuple[int, list[str]]],
                    c_code: int) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """A wide header written over several rows (a workbook: one row per dimension, the
    years, the measures, a value over merged cells written once, in its first column) as
    one row, each column's values joined by ``;`` as the CSV writes them."""
    stack = [header]
    first: tuple[int, list[str]] | None = None
    for row, cells in rows:
        if c_code < len(cells) and cells[c_code].strip():
            first = (row, cells)
            break
        stack.append(cells + [""] * (len(header) - len(cells)))
    if len(stack) > 1:
        for line in stack:
            carried = ""
            for i in range(len(line)):
                if i <= c_code or header_key(header[i]) in ("nazwa", "name"):
                    continue
                carried = line[i].strip() or carried
                line[i] = carried
        header = [";".join(p for p in (line[i].strip() for line in stack) if p)
                  if i != c_code and header_key(header[i]) not in ("nazwa", "name")
                  else header[i] for i in range(len(header))]

    def rest() -> Iterator[tuple[int, list[str]]]:
        if first is not None:
            yield first
        yield from rows

    return header, rest()


BREAKDOWN = N_("column %(column)s is a breakdown the installation does not store; export "
                "the table by sex and age only")
NOT_PERSONS = N_("the values are in %(measure)s, not persons; export the table of persons "
                 "(osoba)")
PERSONS = {"", "osoba", "osoby", "osob", "osobach", "wosobach", "persons", "person"}


def _measure(path: Path, text: str, row: int | None = None, column: str | None = None) -> None:
    """Refuse a table of rates or shares (``%``, ``na 1000 ludności``) for one of persons."""
    measure = text.strip("[] ")
    if "%" in measure or header_key(measure) not in PERSONS:
        raise TableError(path, NOT_PERSONS, {"measure": measure}, row=row,
                         field=column)


def _classify(path: Path, parts: list[str], row: int | None,
              column: str) -> tuple[str, tuple[int, int | None] | None]:
    """The sex and age group named by the values of a row's (or a wide header's)
    dimensions, in any order: ``kobiety``, ``0-4``, ``ogółem`` (all of either)."""
    sexes: list[str] = []
    groups: list[tuple[int, int | None]] = []
    for part in parts:
        key = header_key(part)
        if key in ("ogolem", "razem", ""):
            continue
        if key in _SEX_WORDS:
            sexes.append(_SEX_WORDS[key])
            continue
        ages = parse_ages(part)
        if isinstance(ages, str):
            raise TableError(path, BREAKDOWN, {"column": column}, row=row, field=column)
        if ages is not None:
            groups.append(ages)
    if len(sexes) > 1 or len(groups) > 1:
        raise TableError(path, N_("the column's header names several sexes or age groups"),
                         row=row, field=column)
    return (sexes[0] if sexes else ""), (groups[0] if groups else None)


def _vertical(path: Path, header: list[str], rows: Iterator[tuple[int, list[str]]],
              c_code: int, c_value: int, year: int | None) -> BdlTable:
    """BDL names a dimension's column after the dimension (``Płeć``, ``Wiek``, or
    ``Ogółem`` for a variable without one): the columns are told apart by their values."""
    c_year = _column(path, header, "Rok", "Year", required=year is None)
    c_attribute = _column(path, header, "Atrybut", "Attribute", required=False)
    c_measure = _column(path, header, "Jednostka miary", "Unit of measure", required=False)
    c_name = _column(path, header, "Nazwa", "Name", required=False)
    fixed = {c for c in (c_code, c_value, c_year, c_attribute, c_measure) if c is not None}
    fixed |= {i for i, h in enumerate(header) if header_key(h) in ("nazwa", "name", "")}
    dimensions = [i for i in range(len(header)) if i not in fixed]
    out = BdlTable([], "vertical")
    for row, cells in rows:
        cells = cells + [""] * (len(header) - len(cells))
        teryt = teryt_of(cells[c_code])
        if teryt is None:
            _not_a_code(path, row, header[c_code], cells[c_code])
            out.not_teryt += 1
            continue
        if c_name is not None:
            check_name(path, row, header[c_code], teryt, cells[c_name])
        when = _year(path, row, header[c_year], cells[c_year]) if c_year is not None else year
        assert when is not None
        if c_measure is not None:
            _measure(path, cells[c_measure], row, header[c_measure])
        sex, ages = "", None
        for i in dimensions:
            one_sex, one_age = _classify(path, [cells[i]], row, header[i])
            if (one_sex and sex) or (one_age and ages):
                raise TableError(path, BREAKDOWN, {"column": header[i]}, row=row,
                                 field=header[i])
            sex, ages = sex or one_sex, ages or one_age
        attribute = cells[c_attribute] if c_attribute is not None else ""
        value = _value(path, row, header[c_value], cells[c_value], attribute)
        out.figures.append(Figure(row, teryt, when, sex, ages, value))
    out.dimensions = ({"sex"} if any(f.sex for f in out.figures) else set()) | (
        {"age"} if any(f.ages for f in out.figures) else set())
    return out


def _not_a_code(path: Path, row: int, column: str, text: str) -> None:
    digits = text.strip().replace(" ", "")
    if not digits.isdigit() or len(digits) not in (1, 2, 3, 4, 6, 7, 11, 12):
        raise TableError(path, N_("not a unit code of BDL (12 digits) or TERYT (7 digits)"),
                         row=row, field=column)


def _year(path: Path, row: int | None, column: str, text: str) -> int:
    value = whole_number(text)
    if value is None or not 1800 <= value <= 2200:
        raise TableError(path, N_("expected a whole number from %(low)s to %(high)s"),
                         {"low": 1800, "high": 2200}, row=row, field=column)
    return value


@dataclass(frozen=True)
class _WideColumn:
    index: int
    year: int
    sex: str
    ages: tuple[int, int | None] | None


def _wide_column(path: Path, index: int, text: str, year: int | None) -> _WideColumn | None:
    parts = [p.strip() for p in text.split(";") if p.strip()]
    years = [p for p in parts if _YEAR.match(p)]
    if not years and year is None:
        return None
    if len(years) > 1:
        raise TableError(path, N_("the column's header names several years"), field=text)
    for part in parts:
        if _MEASURE.match(part):
            _measure(path, part, column=text)
    rest = [p for p in parts if not _YEAR.match(p) and not _MEASURE.match(p)]
    sex, ages = _classify(path, rest, None, text)
    return _WideColumn(index, int(years[0]) if years else year or 0, sex, ages)


def _wide(path: Path, header: list[str], rows: Iterator[tuple[int, list[str]]], c_code: int,
          year: int | None) -> BdlTable:
    skip = {c_code} | {i for i, h in enumerate(header)
                       if header_key(h) in ("nazwa", "name", "lp", "")}
    columns = [c for i, h in enumerate(header) if i not in skip
               and (c := _wide_column(path, i, h, year)) is not None]
    if not columns:
        raise TableError(path, N_("no column of values: give a vertical export with the column "
                                  "Wartosc, or a wide one whose headers name the year"))
    seen: set[tuple[int, str, tuple[int, int | None] | None]] = set()
    for c in columns:
        key = (c.year, c.sex, c.ages)
        if key in seen:
            raise TableError(path, N_("two columns hold the same year, sex and age group"),
                             field=header[c.index])
        seen.add(key)
    out = BdlTable([], "wide")
    c_name = _column(path, header, "Nazwa", "Name", required=False)
    for row, cells in rows:
        cells = cells + [""] * (len(header) - len(cells))
        teryt = teryt_of(cells[c_code])
        if teryt is None:
            _not_a_code(path, row, header[c_code], cells[c_code])
            out.not_teryt += 1
            continue
        if c_name is not None:
            check_name(path, row, header[c_code], teryt, cells[c_name])
        for c in columns:
            value = _value(path, row, header[c.index], cells[c.index])
            out.figures.append(Figure(row, teryt, c.year, c.sex, c.ages, value))
    out.dimensions = ({"sex"} if any(c.sex for c in columns) else set()) | (
        {"age"} if any(c.ages for c in columns) else set())
    return out


def _label(ages: tuple[int, int | None]) -> str:
    low, high = ages
    return f"{low}+" if high is None else f"{low}-{high}"


def project_bands(groups: dict[tuple[int, int | None], int | None],
                  source: Path | str | None = None) -> dict[str, int | None]:
    """The installation's bands (:data:`TARGET_BANDS`) summed from a unit's age groups of
    one year and sex. A band is given only when the file's groups inside it tile it
    exactly; None when one of them has no value. A group that straddles two bands is
    refused (:data:`BAND_STRADDLES`) unless it lies within a wider group of the file;
    groups that overlap are summed only where they tile a band without overlapping."""
    out: dict[str, int | None] = {}
    for band, (low, high) in TARGET_BANDS.items():
        inside = sorted(
            (g for g in groups if g[0] >= low and (high is None or (g[1] is not None
                                                                    and g[1] <= high))),
            key=lambda g: (g[0], -(g[1] if g[1] is not None else 999)))
        tiled = _tiling(inside, low, high)
        if tiled is not None:
            values = [groups[g] for g in tiled]
            out[band] = None if any(v is None for v in values) else sum(
                v for v in values if v is not None)
    for g in groups:
        # A detail of a wider group of the file (BDL's mobile age 18-44 within the
        # working age 18-64) is left out; any other straddling group is refused.
        if _straddles(g) and not any(_within(g, other) for other in groups if other != g):
            raise UserError(source, BAND_STRADDLES,
                            {"band": _label(g), "bands": ", ".join(TARGET_BANDS)})
    return out


def _within(group: tuple[int, int | None], other: tuple[int, int | None]) -> bool:
    high = 999 if group[1] is None else group[1]
    other_high = 999 if other[1] is None else other[1]
    return other[0] <= group[0] and high <= other_high


def _straddles(group: tuple[int, int | None]) -> bool:
    """Whether ``group`` lies across a border of the installation's bands; a group within
    one band, or a union of whole bands (``18-64``), does not."""
    low, high = group
    for b_low, b_high in TARGET_BANDS.values():
        if low >= b_low and (b_high is None or (high is not None and high <= b_high)):
            return False
    starts = {b[0] for b in TARGET_BANDS.values()}
    ends = {b[1] for b in TARGET_BANDS.values()}
    return not (low in starts and high in ends)


def _tiling(groups: list[tuple[int, int | None]], low: int,
            high: int | None) -> list[tuple[int, int | None]] | None:
    """Groups among ``groups`` (sorted) that cover low..high end to end, the finest
    preferred; None when there are none."""
    by_start: dict[int, list[tuple[int, int | None]]] = {}
    for g in groups:
        by_start.setdefault(g[0], []).append(g)
    path: list[tuple[int, int | None]] = []

    def walk(at: int) -> bool:
        for g in sorted(by_start.get(at, []), key=lambda g: 999 if g[1] is None else g[1]):
            if g[1] is None:
                if high is None:
                    path.append(g)
                    return True
                continue
            if high is not None and g[1] > high:
                continue
            path.append(g)
            if (high is not None and g[1] == high) or walk(g[1] + 1):
                return True
            path.pop()
        return False

    return path if walk(low) else None


@dataclass
class Mrpips03Row:
    row: int
    teryt: str
    year: int | None
    counts: dict[str, int | None]  # reason code → count
    total: int | None


@dataclass
class Mrpips03Table:
    rows: list[Mrpips03Row]
    reasons: dict[str, list[str]]  # code → the headers read as it
    total_column: str | None
    not_teryt: int = 0


_TOTALS = ("ogolem", "razem", "ogolembeneficjenci", "beneficjenci", "liczbaosob",
           "liczbaosobogolem", "liczbabeneficjentow", "osobyogolem",
           "liczbaosobktorymprzyznanodecyzjaswiadczenie", "liczbaosobktorymprzyznanoswiadczenie")


def read_mrpips03(path: Path | str, reason: Callable[[str], str | None],
                  encoding: str | None = None) -> Mrpips03Table:
    """A MRPiPS-03 table as regional centres publish it: one row per gmina with its TERYT
    code, one column per reason for help (``reason`` maps a header to its code on the
    reasons' code list, None for another column), optionally a total of beneficiaries and a
    year. Columns headed ``w tym …`` are parts of the column before and are skipped."""
    table = read_table(path, encoding)
    path = table.path
    header, rows = _with_header(table, "TERYT", "Kod TERYT", "Kod", "Kod gminy")
    c_code = _column(path, header, "TERYT", "Kod TERYT", "Kod gminy", "Kod")
    assert c_code is not None
    c_year = _column(path, header, "Rok", "Year", required=False)
    c_total = next((i for i, h in enumerate(header) if header_key(h) in _TOTALS), None)
    reasons: dict[str, list[str]] = {}
    columns: list[tuple[int, str]] = []
    for i, h in enumerate(header):
        if i in (c_code, c_year, c_total) or header_key(h).startswith("wtym"):
            continue
        code = reason(h)
        if code is not None:
            reasons.setdefault(code, []).append(h)
            columns.append((i, code))
    if not columns and c_total is None:
        raise TableError(path, N_("no column names a reason for help (ubóstwo, bezrobocie, "
                                  "niepełnosprawność, …) nor the total of beneficiaries"))
    out = Mrpips03Table([], reasons, header[c_total] if c_total is not None else None)
    for row, cells in rows:
        cells = cells + [""] * (len(header) - len(cells))
        teryt = teryt_of(cells[c_code])
        if teryt is None:
            if header_key(cells[c_code]) in ("", "razem", "ogolem", "suma", "wojewodztwo"):
                out.not_teryt += 1  # the table's total line
                continue
            _not_a_code(path, row, header[c_code], cells[c_code])
            out.not_teryt += 1
            continue
        counts: dict[str, int | None] = {}
        for i, code in columns:
            value = _value(path, row, header[i], cells[i])
            if code in counts:
                before = counts[code]
                counts[code] = None if before is None or value is None else before + value
            else:
                counts[code] = value
        total = _value(path, row, header[c_total], cells[c_total]) if c_total is not None else None
        when = _year(path, row, header[c_year], cells[c_year]) if c_year is not None else None
        out.rows.append(Mrpips03Row(row, teryt, when, counts, total))
    return out
