"""Layouts of the extracts institutions send, and the matching of a file's header row to
our fields regardless of case, diacritics and spacing.

``LAYOUTS`` is the one registry of layouts: the command line, the upload form and the stored
submissions take their choices from it. A new layout is a new entry here (docs/architecture.md).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..errors import gettext_noop as N_
from .normalise import fold_words


@dataclass(frozen=True)
class Field:
    """A field we read: its name, the headers offices write for it (the first is the
    one we name in messages), and the code list its values come from, if any."""

    name: str
    headers: tuple[str, ...]
    code_list: str | None = None
    needs_value: bool = False


@dataclass(frozen=True)
class Layout:
    """Which fields an extract has and which are required.

    ``required`` lists requirements; each is a choice of alternatives, and an
    alternative is a set of fields that must all be present (Adres, or Ulica + Nr domu).
    ``per_unit`` layouts hold counts per unit code, not persons.
    """

    name: str
    fields: tuple[Field, ...]
    required: tuple[tuple[tuple[str, ...], ...], ...]
    per_unit: bool = False

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def fields_by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @property
    def code_fields(self) -> dict[str, str]:
        """Field name → the code list its values come from."""
        return {f.name: f.code_list for f in self.fields if f.code_list}


class LayoutError(UserError):
    """The header row does not fit the layout; the message names the file, the column and
    what to do about it."""


_IDENTITY = (
    Field("pesel", ("PESEL", "Nr PESEL", "Numer PESEL")),
    Field("surname", ("Nazwisko",)),
    Field("first_name", ("Imię", "Imie pierwsze", "Imię pierwsze", "Imiona")),
    Field("birth_date", ("Data urodzenia", "Dt urodzenia", "Urodzony", "Urodzona")),
)
_ADDRESS = (
    Field("address", ("Adres", "Adres zamieszkania", "Ulica i numer")),
    Field("street", ("Ulica", "Nazwa ulicy")),
    Field("building", ("Nr domu", "Numer domu", "Nr budynku", "Numer budynku", "Nr")),
    Field("flat", ("Nr lokalu", "Numer lokalu", "Nr mieszkania", "Lokal")),
    Field("locality", ("Miejscowość", "Miasto", "Miejscowosc zamieszkania")),
    Field("postal_code", ("Kod pocztowy", "Kod poczt")),
)
_ADDRESS_REQUIRED = ((("address",), ("street", "building")), (("locality",),))

LAYOUTS: dict[str, Layout] = {
    "mops": Layout(
        "mops",
        _IDENTITY
        + _ADDRESS
        + (
            Field("family_number", ("Nr rodziny", "Numer rodziny", "Id rodziny"), needs_value=True),
            Field(
                "reasons",
                ("Powody", "Powody przyznania pomocy", "Przyczyny"),
                "mops_reason",
                needs_value=True,
            ),
            Field("supports", ("Formy pomocy", "Forma pomocy", "Formy wsparcia"), "mops_support"),
        ),
        (
            (("pesel",),),
            (("surname",),),
            (("first_name",),),
            (("birth_date",),),
            *_ADDRESS_REQUIRED,
            (("family_number",),),
            (("reasons",),),
            (("supports",),),
        ),
    ),
    "pup": Layout(
        "pup",
        _IDENTITY
        + _ADDRESS
        + (
            Field(
                "categories", ("Kategorie", "Kategoria", "Kategorie bezrobotnego"), "pup_category"
            ),
            Field(
                "instruments",
                ("Instrumenty", "Formy aktywizacji", "Usługi i instrumenty"),
                "pup_instrument",
            ),
            Field("registration_date", ("Data rejestracji", "Dt rejestracji")),
        ),
        (
            (("pesel",),),
            (("surname",),),
            (("first_name",),),
            *_ADDRESS_REQUIRED,
            (("categories",),),
            (("instruments",),),
            (("registration_date",),),
        ),
    ),
    "aggregate": Layout(
        "aggregate",
        (
            Field(
                "unit_code",
                ("Unit code", "Kod jednostki", "Jednostka", "TERYT", "Rejon"),
                needs_value=True,
            ),
            Field("code", ("Code", "Kod"), needs_value=True),
            Field("count", ("Count", "Liczba", "Liczba osób", "N"), needs_value=True),
            Field("code_list", ("Code list", "Lista kodów", "Słownik")),
        ),
        ((("unit_code",),), (("code",),), (("count",),)),
        per_unit=True,
    ),
}
PER_UNIT_LAYOUTS = tuple(name for name, layout in LAYOUTS.items() if layout.per_unit)


def get_layout(name: str) -> Layout:
    """The built-in layout ``name``; the error lists the ones there are."""
    try:
        return LAYOUTS[name]
    except KeyError:
        raise LayoutError(None, N_("There is no layout %(name)s; use one of %(layouts)s."),
                          {"name": repr(name), "layouts": ", ".join(LAYOUTS)}) from None


def load_mapping(path: Path) -> dict[str, str]:
    """A column mapping (our field → the file's header) from a JSON or TOML file, either
    at the top level or under a ``columns`` table::

        [columns]
        pesel = "Nr ewidencyjny"
        reasons = "Przyczyny przyznania"
    """
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as e:
        raise LayoutError(path, N_("the mapping cannot be read: %(error)s"),
                          {"error": str(e)}) from None
    data = data.get("columns", data)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise LayoutError(path, N_('each entry must be field = "header in the file".'))
    return dict(data)


def match_columns(
    headers: Sequence[str],
    layout: Layout,
    mapping: Mapping[str, str] | None = None,
    *,
    source: str | None = None,
) -> dict[str, int]:
    """Positions of our fields in a header row: field name → column index.

    A ``mapping`` entry (field → header) takes the place of the layout's own headers for
    that field. Raises :class:`LayoutError` for an unknown field in the mapping, two
    columns that match one field, or a required field with no column.
    """
    mapping = dict(mapping or {})
    known = {f.name for f in layout.fields}
    unknown = sorted(set(mapping) - known)
    if unknown:
        raise LayoutError(
            source, N_("the column mapping names %(fields)s, which the %(layout)s layout does "
                       "not have; its fields are: %(known)s."),
            {"fields": ", ".join(unknown), "layout": layout.name,
             "known": ", ".join(sorted(known))},
        )
    folded = [fold_words(str(h)) for h in headers]
    found: dict[str, int] = {}
    for f in layout.fields:
        wanted = (
            {fold_words(mapping[f.name])}
            if f.name in mapping
            else {fold_words(h) for h in f.headers}
        )
        hits = [i for i, h in enumerate(folded) if h in wanted]
        if len(hits) > 1:
            raise LayoutError(
                source, N_("columns %(first)s and %(second)s both look like %(header)s. Rename "
                           "or remove one of them, or say which to use with a column mapping "
                           '(%(field)s = "header").'),
                {"first": hits[0] + 1, "second": hits[1] + 1, "header": _shown(f, mapping),
                 "field": f.name},
            )
        if hits:
            found[f.name] = hits[0]
    for requirement in layout.required:
        if not any(all(name in found for name in alt) for alt in requirement):
            raise LayoutError(source, *_missing_message(requirement, layout, mapping))
    return found


def _shown(f: Field, mapping: Mapping[str, str]) -> str:
    return f'"{mapping.get(f.name, f.headers[0])}"'


def _missing_message(
    requirement: tuple[tuple[str, ...], ...],
    layout: Layout,
    mapping: Mapping[str, str],
) -> tuple[str, dict[str, object]]:
    # The file's own headers are not repeated: in a file without a header row they are
    # a person's data.
    options = [" + ".join(_shown(layout.field(name), mapping) for name in alt)
               for alt in requirement]
    first = layout.field(requirement[0][0])
    accepted = ", ".join(f'"{h}"' for h in first.headers)
    params: dict[str, object] = {"options": options[0], "other": " / ".join(options[1:]),
                                 "layout": layout.name, "accepted": accepted, "field": first.name}
    if len(options) == 1:
        return N_(
            "no column for %(options)s, which the %(layout)s layout requires. Name the column "
            "%(accepted)s (case, Polish letters and spaces do not matter), or give a column "
            'mapping with %(field)s = "your header".'
        ), params
    return N_(
        "no column for %(options)s nor %(other)s, which the %(layout)s layout requires. Name "
        "the column %(accepted)s (case, Polish letters and spaces do not matter), or give a "
        'column mapping with %(field)s = "your header".'
    ), params
