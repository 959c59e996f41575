"""Importing resources from a table with addresses or a point file: one service for the
command line and any later web upload."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import ngettext

from kooperacja.addresses.services.geocoding import geocode
from kooperacja.core.accessibility.points import is_vector_file, read_points
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.links import WEB_SCHEMES, is_safe_link
from kooperacja.core.tables import (
    COUNT_OVER,
    MAX_COUNT,
    NOT_A_COUNT,
    header_key,
    read_table,
    whole_number,
)
from kooperacja.records.models import Code, Institution
from kooperacja.resources.models import Resource, ResourceKind
from kooperacja.resources.services.identity import IdProblem, Incoming, Stored, id_problem, match
from kooperacja.resources.services.location import UnitLayers
from kooperacja.territory.services.metric import metric_crs

# Our field → the headers it may have (compared by header_key: case, accents, spacing).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "identyfikator"),
    "kind": ("kind", "type", "rodzaj", "typ"),
    "address": ("address", "adres"),
    "locality": ("locality", "miejscowość"),
    "postcode": ("postcode", "kod pocztowy"),
    "lon": ("lon", "longitude", "długość geograficzna"),
    "lat": ("lat", "latitude", "szerokość geograficzna"),
    "phone": ("phone", "telefon"),
    "email": ("email", "e-mail"),
    "website": ("website", "www", "strona"),
    "opening_hours": ("opening hours", "godziny otwarcia", "godziny"),
    "capacity": ("capacity", "liczba miejsc", "pojemność"),
    "problems": ("problems", "problemy"),
    "target_groups": ("target groups", "grupy docelowe"),
    "description": ("description", "opis"),
    "last_verified": ("last verified", "zweryfikowano"),
}
NAME_COLUMNS = ("name", "nazwa")
PROBLEM_LIST = "mops_reason"
TEXT_FIELDS = ("address", "locality", "postcode", "phone", "email", "website",
               "opening_hours", "description")


@dataclass
class Rejected:
    row: int
    reason: str
    params: dict[str, object] = field(default_factory=dict)
    column: str | None = None


@dataclass
class ResourceImport:
    """What an import did: every row is added, updated, unchanged or rejected (named with
    its row and why); ``ids`` says why the file's id column was not used, if it was not."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    ids: IdProblem | None = None

    def summary(self) -> str:
        """One line on what the import did, in the reader's language."""
        return ngettext(
            "%(rows)d row: %(created)d added, %(updated)d updated, %(unchanged)d unchanged, "
            "%(rejected)d left out",
            "%(rows)d rows: %(created)d added, %(updated)d updated, %(unchanged)d unchanged, "
            "%(rejected)d left out", self.rows) % {
            "rows": self.rows, "created": self.created, "updated": self.updated,
            "unchanged": self.unchanged, "rejected": len(self.rejected)}


@dataclass
class _Row:
    number: int
    values: dict[str, str]
    lon: float | None = None
    lat: float | None = None


def _column_map(header: Iterable[str], name_field: str | None) -> dict[str, str]:
    """Our field → the file's column (only those present)."""
    keys = {header_key(h): h for h in header}
    found = {}
    for ours, names in {**COLUMNS, "name": (name_field,) if name_field else NAME_COLUMNS}.items():
        for name in names:
            if header_key(name) in keys:
                found[ours] = keys[header_key(name)]
                break
    return found


def _read(path: Path, name_field: str | None, crs: str | None, layer: str | None
          ) -> tuple[list[_Row], dict[str, str], bool]:
    """Rows of the file, the column map and whether positions come with the file."""
    if is_vector_file(path):
        points = read_points(path, crs=crs, layer=layer)
        columns = _column_map(points.fields, name_field)
        rows = [_Row(i + 1, {ours: points.fields[theirs][i] for ours, theirs in columns.items()},
                     float(points.lon[i]), float(points.lat[i])) for i in range(len(points))]
        return rows, columns, True
    table = read_table(path)
    columns = _column_map(table.header, name_field)
    at = {ours: table.header.index(theirs) for ours, theirs in columns.items()}
    rows = []
    for number, cells in table.rows:
        cells = cells + [""] * (len(table.header) - len(cells))
        rows.append(_Row(number, {ours: cells[i] for ours, i in at.items()}))
    return rows, columns, False


def _check_columns(path: Path, columns: dict[str, str], kind: str | None, located: bool,
                   name_field: str | None) -> None:
    if "name" not in columns:
        raise UserError(path,
                        N_("no column with the name (%(columns)s); give it with --name-field"),
                        {"columns": name_field or ", ".join(NAME_COLUMNS)})
    if not kind and "kind" not in columns:
        raise UserError(path, N_("the file has no kind column; give the kind of every row with "
                                 "--type KIND"))
    if not located and "address" not in columns and not {"lon", "lat"} <= set(columns):
        raise UserError(path, N_("no address column (address or adres) and no lon/lat columns: "
                                 "the resources cannot be placed"))


class _Kinds:
    def __init__(self) -> None:
        self.by_key: dict[str, ResourceKind] = {}
        for kind in ResourceKind.objects.all():
            for text in (kind.code, kind.label_pl, kind.label_en):
                self.by_key.setdefault(header_key(text), kind)

    def get(self, text: str) -> ResourceKind | None:
        return self.by_key.get(header_key(text))

    def codes(self) -> str:
        return ", ".join(ResourceKind.objects.values_list("code", flat=True))


def _problem_codes() -> dict[str, Code]:
    """A code as written → the code: "4" means reason 4; "list:code" any other list."""
    found = {}
    for code in Code.objects.select_related("code_list"):
        found[f"{code.code_list.code}:{code.code}".lower()] = code
        if code.code_list.code == PROBLEM_LIST:
            found[code.code.lower()] = code
    return found


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def import_resources(
    path: Path | str,
    kind: str | None = None,
    name_field: str | None = None,
    crs: str | None = None,
    layer: str | None = None,
    owner: str | None = None,
    progress: Callable[[int], None] = lambda n: None,
    source: str | None = None,
) -> ResourceImport:
    """Import resources from CSV/XLSX (geocoded addresses or lon/lat columns) or a point
    file (GeoPackage, Shapefile, GeoJSON, any CRS).

    A row's own kind wins; ``kind`` is the default for rows without one (and required when
    the file has no kind column). A row updates the resource imported earlier from a file
    of the same name that has its id, when the file's ids are all given and unique, or else
    its name within a few metres (:mod:`kooperacja.resources.services.identity`); every row
    is its own entry. Rows that cannot be placed or read are left out and listed with their
    row number. ``source`` names the file the entries came from (default: its name; the
    import wizard gives the name the file was sent under, its copy being stored under another).
    """
    path = Path(path)
    kinds = _Kinds()
    default_kind = None
    if kind:
        default_kind = kinds.get(kind)
        if default_kind is None:
            raise UserError(path, N_("unknown kind %(kind)s; the kinds are: %(kinds)s"),
                            {"kind": kind, "kinds": kinds.codes()})
    institution = None
    if owner:
        institution = Institution.objects.filter(code=owner).first()
        if institution is None:
            raise UserError(path, N_("no institution with the code %(code)s (see the admin, "
                                     "Institutions)"), {"code": owner})
    rows, columns, located = _read(path, name_field, crs, layer)
    _check_columns(path, columns, kind, located, name_field)
    result = ResourceImport(rows=len(rows))
    if "id" in columns:
        result.ids = id_problem(columns["id"], [row.values["id"] for row in rows])
    use_ids = "id" in columns and result.ids is None
    _place(rows, result)
    problems = _problem_codes()
    layers = UnitLayers.current()
    today = timezone.localdate()
    ready: list[tuple[dict[str, object], list[Code]]] = []
    incoming: list[Incoming] = []
    for row in rows:
        checked = None
        if row.lon is not None and row.lat is not None:
            checked = _fields(row, columns, kinds, default_kind, institution, problems, layers,
                              today, result)
        if checked is None or row.lon is None or row.lat is None:
            progress(1)
            continue
        ready.append(checked)
        incoming.append(Incoming(row.values["id"] if use_ids else "", str(checked[0]["name"]),
                                 row.lon, row.lat))
    source = (source or path.name)[:255]
    targets = match(incoming, _stored(source), metric_crs())
    existing = Resource.objects.prefetch_related("problems").in_bulk(
        [pk for pk in targets if pk is not None])
    with transaction.atomic():
        for (fields, codes), target, entry in zip(ready, targets, incoming):
            fields["source_id"] = entry.id[:100]
            _store(source, existing.get(target) if target else None, fields, codes, result)
            progress(1)
    return result


def _stored(source: str) -> list[Stored]:
    return [Stored(pk, source_id, name, lon, lat) for pk, source_id, name, lon, lat in
            Resource.objects.filter(source=source).order_by("pk")
            .values_list("pk", "source_id", "name", "lon", "lat")]


def _place(rows: list[_Row], result: ResourceImport) -> None:
    """Give each row without a position one: its lon/lat columns, or its geocoded address."""
    to_geocode = []
    for row in rows:
        if row.lon is not None:
            continue
        lon, lat = row.values.get("lon", ""), row.values.get("lat", "")
        if lon and lat:
            try:
                row.lon, row.lat = float(lon.replace(",", ".")), float(lat.replace(",", "."))
                continue
            except ValueError:
                result.rejected.append(Rejected(row.number, N_("lon/lat are not numbers")))
                continue
        if not row.values.get("address"):
            result.rejected.append(Rejected(row.number, N_("neither an address nor lon/lat")))
            continue
        to_geocode.append(row)
    found = geocode([r.values["address"] for r in to_geocode],
                    [r.values.get("locality", "") for r in to_geocode]) if to_geocode else []
    for row, point in zip(to_geocode, found):
        if point.status != "matched" or point.lon is None:
            result.rejected.append(Rejected(
                row.number, N_("address %(address)s not found in the register (%(status)s)"),
                {"address": row.values["address"], "status": point.status}))
            continue
        row.lon, row.lat = point.lon, point.lat
        row.values["_point"] = str(point.point_id)


def _fields(row: _Row, columns: dict[str, str], kinds: _Kinds,
            default_kind: ResourceKind | None, institution: Institution | None,
            problems: dict[str, Code], layers: UnitLayers, today: datetime.date,
            result: ResourceImport) -> tuple[dict[str, object], list[Code]] | None:
    """The row's resource fields and problem codes, or None with the row rejected."""
    values = row.values
    name = values.get("name", "")
    if not name:
        result.rejected.append(Rejected(row.number, N_("empty name")))
        return None
    kind = kinds.get(values["kind"]) if values.get("kind") else default_kind
    if kind is None:
        result.rejected.append(Rejected(row.number, N_("unknown kind %(kind)s; the kinds are: "
                                                       "%(kinds)s"),
                                        {"kind": values.get("kind", ""), "kinds": kinds.codes()}))
        return None
    written_capacity = values.get("capacity", "").strip()
    capacity = whole_number(written_capacity) if written_capacity else None
    if written_capacity and (capacity is None or capacity > MAX_COUNT):
        params: dict[str, object]
        reason, params = ((NOT_A_COUNT, {}) if capacity is None
                          else (COUNT_OVER, {"high": MAX_COUNT}))
        result.rejected.append(Rejected(row.number, reason, params, column=columns["capacity"]))
        return None
    written = _split(values.get("problems", ""))
    unknown = [c for c in written if c.lower() not in problems]
    if unknown:
        result.rejected.append(Rejected(row.number, N_("unknown problem codes %(codes)s"),
                                        {"codes": ", ".join(unknown)}))
        return None
    if values.get("website") and not is_safe_link(values["website"], WEB_SCHEMES):
        result.rejected.append(Rejected(row.number, N_("the website is not an address starting "
                                                       "with http:// or https://"),
                                        column=columns["website"]))
        return None
    try:
        verified = _date(values.get("last_verified", "")) or today
    except ValueError:
        result.rejected.append(Rejected(row.number, N_("last verified is not a date YYYY-MM-DD")))
        return None
    assert row.lon is not None and row.lat is not None  # rows without a place are not read
    fields: dict[str, object] = {
        **{f: values.get(f, "")[:_max_length(f)] for f in TEXT_FIELDS},
        "name": name[:300], "kind": kind, "lon": row.lon, "lat": row.lat,
        "address_point_id": int(values["_point"]) if values.get("_point") else None,
        "units": layers.units_at(row.lon, row.lat),
        "capacity": capacity,
        "target_groups": _split(values.get("target_groups", "")),
        "last_verified": verified,
    }
    if institution is not None:
        fields["owner"] = institution
    return fields, [problems[c.lower()] for c in written]


def _max_length(name: str) -> int | None:
    model_field = Resource._meta.get_field(name)
    return model_field.max_length if isinstance(model_field, models.Field) else None


def _store(source: str, resource: Resource | None, fields: dict[str, object], codes: list[Code],
           result: ResourceImport) -> None:
    """Create the resource, or update ``resource``; counted as added, updated or unchanged
    (the date of verification aside, which every import sets)."""
    if resource is None:
        resource = Resource.objects.create(source=source, **fields)
        resource.problems.set(codes)
        result.created += 1
        return
    content = {f: v for f, v in fields.items() if f not in ("last_verified", "source_id")}
    same_codes = {p.pk for p in resource.problems.all()} == {c.pk for c in codes}
    same = same_codes and all(getattr(resource, f) == v for f, v in content.items())
    for name, value in fields.items():
        setattr(resource, name, value)
    resource.save()
    if not same_codes:
        resource.problems.set(codes)
    if same:
        result.unchanged += 1
    else:
        result.updated += 1


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text[:10]) if text else None
