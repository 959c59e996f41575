"""Per-row validation of extracts, with rejections a person can act on.

A rejection names the row, the column (the file's own header), a reason and the reason's
parameters; each interface shows its message in the user's language
(``kooperacja.messages.rejection_message``). It never repeats what the cell holds:
messages are built only from the row number, the column header, our code lists' names and
codes, and the period.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import Plural, ngettext_noop, render_message
from ..errors import gettext_noop as N_
from ..tables import MAX_COUNT, whole_numbers
from .codelists import Code, CodeBook, code_key
from .demography import sex_and_band
from .layouts import Layout
from .periods import Period
from .pesel import Problem, check_many

# Reason → message id (English; the Polish is in the catalogues), with its parameters.
MESSAGES: dict[str, str | Plural] = {
    "value_missing": N_("Empty cell in a column required in every row."),
    Problem.FORMAT.value: N_("The PESEL holds characters other than digits."),
    Problem.LENGTH.value: ngettext_noop(
        "The PESEL has %(digits)s digit instead of 11.",
        "The PESEL has %(digits)s digits instead of 11.", "digits",
    ),
    "pesel_leading_zero_lost": N_(
        "The PESEL has 10 digits: Excel probably dropped its leading zero. Format the column "
        "as text and save the file again."
    ),
    Problem.CHECK_DIGIT.value: N_("The PESEL has a wrong check digit: look for a typo."),
    Problem.DATE.value: N_("The PESEL holds a birth date that does not exist."),
    "identity_missing": N_("No PESEL: the surname, first name and birth date are then needed."),
    "date_format": N_("Unreadable date: write it as YYYY-MM-DD or DD.MM.YYYY."),
    "date_after_period": N_("The date is after the end of the period %(period)s."),
    "address_missing": N_(
        "No address: give the address, or the street and the building number."
    ),
    "code_unknown": N_(
        "Value %(position)s in the cell is not a code, label or known variant of a label in "
        "the list %(code_list)s."
    ),
    "code_not_in_force": N_(
        "Code %(code)s of the list %(code_list)s was not in force in the period %(period)s."
    ),
    "code_list_unknown": N_("Unknown code list; allowed: %(code_lists)s."),
    "count_format": N_(
        "Not a whole number of 0 or more; write a count as 12, 12,0 or 1 234 (between "
        "thousands only a space, never a comma or a dot)."
    ),
    "count_too_large": N_("The count is over %(high)s: check that this is the right column."),
    # Found when the counts are stored (records' importing): no current unit has the code.
    "unit_unknown": N_("Unknown unit code: import its boundaries or correct the code."),
    "unit_code_repeated": N_(
        "This unit and code were already given in row %(first)s: give each pair once."),
}

_SPLIT = re.compile(r"[,|;]")
_ISO_DATE = r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T].*)?$"
_DMY_DATE = r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?:[ T].*)?$"


@dataclass(frozen=True)
class Rejection:
    """One reason one row was refused."""

    row: int
    column: str
    reason: str
    params: dict[str, Any]

    def render(self, **translators: Any) -> str:
        """The message, through ``translate`` and ``translate_plural`` as
        :meth:`~kooperacja.core.errors.UserError.render` takes them (English without)."""
        return render_message(MESSAGES[self.reason], self.params, **translators)


@dataclass
class Validated:
    """The rows that passed (``records``, with their ``row`` numbers) and the
    rejections of those that did not; a row with any rejection is not in ``records``."""

    records: pd.DataFrame
    rejections: list[Rejection]


class _Issues:
    def __init__(self, rows: np.ndarray, columns: Mapping[str, str]) -> None:
        self.rows = rows
        self.columns = columns
        self.bad = np.zeros(len(rows), dtype=bool)
        self.found: list[tuple[int, str, str, dict[str, Any]]] = []

    def add(self, positions: np.ndarray, field: str, reason: str, **params: Any) -> None:
        for i in np.flatnonzero(positions) if positions.dtype == bool else positions:
            self.found.append((int(i), field, reason, params))
        self.bad[positions] = True

    def rejections(self) -> list[Rejection]:
        out = []
        for i, field, reason, params in sorted(self.found, key=lambda f: f[0]):
            out.append(Rejection(int(self.rows[i]), self.columns.get(field, field), reason,
                                 dict(params)))
        return out


def validate_records(
    chunk: pd.DataFrame,
    layout: Layout,
    codebook: CodeBook,
    period: Period,
    columns: Mapping[str, str] | None = None,
) -> Validated:
    """Validate a chunk of a person-level extract (``mops`` or ``pup`` layout).

    ``chunk`` is what :meth:`Extract.chunks` yields; ``columns`` maps fields to the
    file's headers for messages (``Extract.columns``). The records that pass hold the
    compact PESEL, the names, ``birth_date`` (datetime64, NaT if not given), the address
    fields, ``family_number``, other dates, one column per code list holding a tuple
    of canonical codes, and ``sex`` and ``age_band`` (at the end of the period, None when
    unknown; see :mod:`.demography`), derived here while the identity is at hand.
    """
    columns = dict(columns or {f.name: f.headers[0] for f in layout.fields})
    issues = _Issues(chunk["row"].to_numpy(), columns)
    out = pd.DataFrame({"row": chunk["row"].to_numpy()})
    for f in layout.fields:
        if f.needs_value and f.name in chunk:
            issues.add(chunk[f.name].to_numpy() == "", f.name, "value_missing")

    pesel = _text(chunk, "pesel")
    out["pesel"] = _check_pesel(pesel, issues)
    for name in ("birth_date", "registration_date"):
        if name in layout.fields_by_name:
            out[name] = _check_date(_text(chunk, name), name, period, issues)
    _check_identity(pesel, chunk, out, issues)
    _check_address(chunk, issues)
    for name in (
        "surname",
        "first_name",
        "family_number",
        "address",
        "street",
        "building",
        "flat",
        "locality",
        "postal_code",
    ):
        if name in layout.fields_by_name:
            out[name] = _text(chunk, name)
    for name, code_list in layout.code_fields.items():
        out[code_list] = _check_codes(_text(chunk, name), name, code_list, codebook, period, issues)
    valid = out[~issues.bad].reset_index(drop=True)
    valid["sex"], valid["age_band"] = sex_and_band(
        valid["pesel"].to_numpy(dtype=object),
        valid["birth_date"].to_numpy(dtype="datetime64[D]") if "birth_date" in valid else None,
        period.end,
    )
    return Validated(valid, issues.rejections())


def validate_aggregate(
    chunk: pd.DataFrame,
    codebook: CodeBook,
    period: Period,
    code_list: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Validated:
    """Validate a chunk of an aggregate extract: unit code, code, count, and the code
    list either per row or for the whole file (``code_list``). Records: ``row``,
    ``unit_code``, ``code_list``, ``code``, ``count`` (int)."""
    columns = dict(columns or {"unit_code": "unit code", "code": "code", "count": "count"})
    issues = _Issues(chunk["row"].to_numpy(), columns)
    for name in ("unit_code", "code", "count"):
        issues.add(chunk[name].to_numpy() == "", name, "value_missing")
    lists = _text(chunk, "code_list")
    lists = np.where(lists == "", code_list or "", lists)
    known = np.isin(lists, codebook.lists)
    issues.add(~known, "code_list", "code_list_unknown", code_lists=", ".join(codebook.lists))
    codes = np.full(len(chunk), "", dtype=object)
    written = _text(chunk, "code")
    for name in np.unique(lists[known]):
        here = np.flatnonzero((lists == name) & (written != ""))
        found = _check_codes(written[here], "code", name, codebook, period, issues, here)
        codes[here] = [c[0] if c else "" for c in found]
    counts = whole_numbers(_text(chunk, "count"))
    issues.add((counts < 0) & (_text(chunk, "count") != ""), "count", "count_format")
    issues.add(counts > MAX_COUNT, "count", "count_too_large", high=MAX_COUNT)
    out = pd.DataFrame(
        {
            "row": chunk["row"].to_numpy(),
            "unit_code": _text(chunk, "unit_code"),
            "code_list": lists,
            "code": codes,
            "count": counts,
        }
    )
    return Validated(out[~issues.bad].reset_index(drop=True), issues.rejections())


def parse_dates(values: np.ndarray) -> np.ndarray:
    """Dates written as YYYY-MM-DD or DD.MM.YYYY (also with '-' or '/', and with a time
    after them) to datetime64[D]; NaT where empty, unreadable or not a real day."""
    inverse, uniques = pd.factorize(values)
    written = pd.Series(uniques, dtype=object)
    iso = written.str.extract(_ISO_DATE)
    dmy = written.str.extract(_DMY_DATE)
    parts = pd.DataFrame(
        {
            "year": pd.to_numeric(iso[0].fillna(dmy[2])),
            "month": pd.to_numeric(iso[1].fillna(dmy[1])),
            "day": pd.to_numeric(iso[2].fillna(dmy[0])),
        }
    )
    parsed = pd.to_datetime(parts, errors="coerce").to_numpy(dtype="datetime64[D]")
    return parsed[inverse]


def _text(chunk: pd.DataFrame, name: str) -> np.ndarray:
    if name in chunk:
        return chunk[name].to_numpy(dtype=object)
    return np.full(len(chunk), "", dtype=object)


def _check_pesel(pesel: np.ndarray, issues: _Issues) -> np.ndarray:
    given = np.flatnonzero(pesel != "")
    result = check_many(pesel[given].tolist())
    out = np.full(len(pesel), "", dtype=object)
    out[given] = result.numbers
    for i, failure in result.failures.items():
        reason = str(failure.problem)
        if failure.problem is Problem.LENGTH and failure.digits == 10:
            reason = "pesel_leading_zero_lost"
        issues.add(given[[i]], "pesel", reason, digits=failure.digits)
    return out


def _check_date(written: np.ndarray, name: str, period: Period, issues: _Issues) -> np.ndarray:
    dates = parse_dates(written)
    issues.add(np.isnat(dates) & (written != ""), name, "date_format")
    issues.add(dates > np.datetime64(period.end), name, "date_after_period", period=period.label)
    return dates


def _check_identity(
    pesel: np.ndarray, chunk: pd.DataFrame, out: pd.DataFrame, issues: _Issues
) -> None:
    named = (_text(chunk, "surname") != "") & (_text(chunk, "first_name") != "")
    born = (
        ~np.isnat(out["birth_date"].to_numpy(dtype="datetime64[D]"))
        if "birth_date" in out
        else np.zeros(len(out), dtype=bool)
    )
    named &= born
    issues.add((pesel == "") & ~named, "pesel", "identity_missing")


def _check_address(chunk: pd.DataFrame, issues: _Issues) -> None:
    whole = _text(chunk, "address") != ""
    parts = (_text(chunk, "street") != "") & (_text(chunk, "building") != "")
    field = "address" if "address" in chunk else "street"
    issues.add(~whole & ~parts, field, "address_missing")


def _check_codes(
    written: np.ndarray,
    field: str,
    code_list: str,
    codebook: CodeBook,
    period: Period,
    issues: _Issues,
    positions: np.ndarray | None = None,
) -> list[tuple[str, ...]]:
    # Offices repeat the same few combinations, so each distinct cell is read once.
    index = codebook.lookup_folded(code_list)
    inverse, uniques = pd.factorize(written)
    parsed = [_read_cell(cell, index, period) for cell in uniques]
    positions = np.arange(len(written)) if positions is None else positions
    has_problem = np.array([bool(problems) for _, problems in parsed], dtype=bool)
    for i in np.flatnonzero(has_problem[inverse]) if len(parsed) else ():
        for reason, params in parsed[inverse[i]][1]:
            issues.add(
                positions[[i]], field, reason, code_list=code_list, period=period.label, **params
            )
    return [parsed[u][0] for u in inverse]


def _read_cell(
    cell: str, index: Mapping[str, Code], period: Period
) -> tuple[tuple[str, ...], list[tuple[str, dict[str, Any]]]]:
    whole = index.get(code_key(cell)) if cell else None
    parts = [whole] if whole else [index.get(code_key(p)) for p in _SPLIT.split(cell) if p.strip()]
    codes: list[str] = []
    problems: list[tuple[str, dict[str, Any]]] = []
    for position, code in enumerate(parts, 1):
        if code is None:
            problems.append(("code_unknown", {"position": position}))
        elif not code.valid_in(period):
            problems.append(("code_not_in_force", {"code": code.code}))
        elif code.code not in codes:
            codes.append(code.code)
    return tuple(codes), problems
