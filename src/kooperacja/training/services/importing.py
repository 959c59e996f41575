"""Offers imported from a CSV or XLSX table of one institution.

Every row is checked before any is stored: a file with a bad row changes nothing, and
each bad cell is named by row and column (never by its value). A row whose ``id`` the
institution imported before updates that offer.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.tables import read_table, whole_number
from kooperacja.records.models import Code, Institution
from kooperacja.records.services.audit import record_event
from kooperacja.training.models import Offer
from kooperacja.training.services.offers import place

# Our field → the headers accepted for it (compared as core.tables.header_key does).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "identyfikator"),
    "title": ("title", "tytul", "nazwa"),
    "type": ("type", "instrument_type", "rodzaj", "typ"),
    "scope": ("scope", "zakres"),
    "occupation_code": ("occupation_code", "kzis", "kod_zawodu"),
    "starts_on": ("starts_on", "start", "od", "data_rozpoczecia"),
    "ends_on": ("ends_on", "end", "do", "data_zakonczenia"),
    "address": ("address", "adres"),
    "locality": ("locality", "miejscowosc"),
    "lon": ("lon", "dlugosc"),
    "lat": ("lat", "szerokosc"),
    "area": ("area", "obszar", "dzielnica"),
    "capacity": ("capacity", "liczba_miejsc", "miejsca"),
    "target_group": ("target_group", "grupa_docelowa"),
    "criteria": ("criteria", "kryteria"),
    "funding": ("funding", "finansowanie"),
    "target_women": ("target_women", "cel_kobiety"),
    "target_men": ("target_men", "cel_mezczyzni"),
}
REQUIRED = ("title", "type", "scope", "starts_on", "ends_on", "capacity")
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class OfferImport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[UserError] = field(default_factory=list)


def _types() -> dict[str, Code]:
    """Instrument types by code, Polish and English label and alias, lower case."""
    found: dict[str, Code] = {}
    for code in Code.objects.filter(code_list__code="instrument_type"):
        for name in [code.code, code.label_pl, code.label_en, *code.aliases]:
            found.setdefault(str(name).strip().lower(), code)
    return found


def _date(text: str) -> datetime.date | None:
    match = DATE.fullmatch(text.strip())
    if not match:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


def criteria_of(text: str) -> list[dict[str, str]]:
    """``"registered unemployed; under 30"`` → named criteria with codes made of their
    names."""
    found: list[dict[str, str]] = []
    for label in (part.strip() for part in text.split(";")):
        if label:
            found.append({"code": slugify(label)[:40] or f"c{len(found) + 1}", "label": label})
    return found


def _row(path: Path, number: int, cells: dict[str, str], types: dict[str, Code],
         errors: list[UserError]) -> dict[str, Any] | None:
    before = len(errors)

    def bad(column: str, message: str, params: dict[str, object] | None = None) -> None:
        errors.append(UserError(path, message, params, row=number, field=column))

    for name in REQUIRED:
        if not cells.get(name, "").strip():
            bad(name, N_("empty; this column is required"))
    values: dict[str, Any] = {k: cells.get(k, "").strip() for k in COLUMNS}
    kind = types.get(values["type"].lower())
    if values["type"] and kind is None:
        bad("type", N_("not an instrument type (training, traineeship, public_work, "
                       "counselling, financial_support)"))
    values["instrument_type"] = kind
    for name in ("starts_on", "ends_on"):
        if values[name]:
            values[name] = _date(values[name])
            if values[name] is None:
                bad(name, N_("not a date; write YYYY-MM-DD"))
    if values["starts_on"] and values["ends_on"] and values["ends_on"] < values["starts_on"]:
        bad("ends_on", N_("the end is before the start"))
    for name in ("capacity", "target_women", "target_men"):
        if values[name]:
            number_ = whole_number(values[name])
            if number_ is None or (name == "capacity" and number_ < 1):
                bad(name, N_("not a whole number of persons"))
            values[name] = number_
        else:
            values[name] = None
    if values["occupation_code"] and not re.fullmatch(r"\d{6}", values["occupation_code"]):
        bad("occupation_code", N_("a KZiS occupation code has 6 digits"))
    for name, low, high in (("lon", -180, 180), ("lat", -90, 90)):
        if values[name]:
            value = _number(values[name])
            if value is None or not low <= value <= high:
                bad(name, N_("not a coordinate in degrees (WGS 84)"))
            values[name] = value
        else:
            values[name] = None
    if (values["lon"] is None) != (values["lat"] is None):
        bad("lat" if values["lat"] is None else "lon", N_("give both lon and lat, or neither"))
    values["criteria"] = criteria_of(values["criteria"])
    return values if len(errors) == before else None


def import_offers(path: Path | str, institution: str, user: Any = None) -> OfferImport:
    """Read every row, and store them all (one transaction) only if none is bad."""
    path = Path(path)
    owner = Institution.objects.filter(code=institution).first()
    if owner is None:
        raise UserError(None, N_("No institution with the code %(code)s."), {"code": institution})
    table = read_table(path)
    table.column(*COLUMNS["title"])  # a file without its header line stops here
    columns = {name: table.column(*headers, required=False) for name, headers in COLUMNS.items()}
    for name in REQUIRED:
        table.column(*COLUMNS[name])
    types = _types()
    result = OfferImport()
    parsed = []
    for number, row in table.rows:
        result.rows += 1
        cells = {name: (row[index] if index is not None and index < len(row) else "")
                 for name, index in columns.items()}
        values = _row(path, number, cells, types, result.errors)
        if values is not None:
            parsed.append(values)
    if result.errors:
        return result
    with transaction.atomic():
        for values in parsed:
            fields = {k: values[k] for k in (
                "title", "instrument_type", "scope", "occupation_code", "starts_on", "ends_on",
                "address", "locality", "lon", "lat", "area", "capacity", "target_group",
                "criteria", "funding", "target_women", "target_men")}
            offer = (Offer.objects.filter(institution=owner, source_id=values["id"]).first()
                     if values["id"] else None)
            if offer is None:
                offer = Offer(institution=owner, source_id=values["id"], **fields)
                result.created += 1
            else:
                for name, value in fields.items():
                    setattr(offer, name, value)
                offer.units = {}
                result.updated += 1
            place(offer)
            offer.save()
        record_event(user, "admin_add", owner, {
            "change": "import_offers", "rows": result.rows, "created": result.created,
            "updated": result.updated})
    return result
