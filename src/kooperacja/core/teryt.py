"""Reading the TERC register of Statistics Poland (voivodeships, counties, gminas)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from kooperacja.core import limits
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.tables import read_table

FIELDS = ("WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA")


class TercError(UserError):
    """A TERC file that cannot be read."""


@dataclass(frozen=True)
class TercEntry:
    """One unit: ``code`` is WOJ (2), WOJ+POW (4) or WOJ+POW+GMI+RODZ (7 characters)."""

    code: str
    name: str
    kind: str
    valid_on: dt.date


def read_terc(path: Path | str) -> list[TercEntry]:
    """Read TERC as Statistics Poland publishes it: XML (``<row>`` elements) or ';' CSV."""
    path = Path(path)
    if not path.exists():
        raise TercError(path, N_("file not found"))
    rows = _xml_rows(path) if path.suffix.lower() == ".xml" else _csv_rows(path)
    entries = []
    for number, row in rows:
        code = row["WOJ"] + row["POW"] + row["GMI"] + row["RODZ"]
        if len(code) not in (2, 4, 7) or not code.isdigit():
            raise TercError(path, N_("WOJ, POW, GMI and RODZ do not make a TERC code"), row=number)
        try:
            valid_on = dt.date.fromisoformat(row["STAN_NA"])
        except ValueError:
            raise TercError(path, N_("STAN_NA is not a date (YYYY-MM-DD)"), row=number,
                            field="STAN_NA") from None
        entries.append(TercEntry(code, row["NAZWA"], row["NAZWA_DOD"], valid_on))
    if not entries:
        raise TercError(path, N_("no TERC rows found"))
    return entries


def _xml_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        rows = limits.iterparse(str(path), events=("end",), tag="row")
        for number, (_, element) in enumerate(rows, start=1):
            yield number, {f: (element.findtext(f) or "").strip() for f in FIELDS}
            limits.release(element)
    except etree.XMLSyntaxError as exc:
        raise TercError(path, N_("not a readable XML file (line %(line)s: %(error)s)"),
                        {"line": exc.lineno, "error": exc.msg}) from None


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    table = read_table(path)
    columns = {f: table.column(f) for f in FIELDS}
    for number, cells in table.rows:
        cells = cells + [""] * (len(table.header) - len(cells))
        yield number, {f: cells[i] for f, i in columns.items()}
