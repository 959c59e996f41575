"""Indicator definitions in TOML (format in docs/indicators.md): read, check, store.

``parse_definitions`` is plain Python; ``load_indicators`` stores what it returns. The database
gets builtin.toml from frozen copies in migrations/: a change to the file needs a data migration.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.submissions.demography import AGE_BANDS, MERGED, expand_bands

BUILTIN = Path(__file__).with_name("builtin.toml")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
_KEYS = {"id", "name_pl", "name_en", "description_pl", "description_en", "numerator",
         "denominator", "per", "counted", "unit", "interval", "public", "protect_zeros", "position"}


def _fail(path: Path, where: str, message: str,
          params: dict[str, object] | None = None) -> UserError:
    return UserError(path, message, params, feature=where)


def _codes(path: Path, where: str, part: dict[str, Any], name: str) -> tuple[str, list[str]]:
    code_list = str(part.get("code_list", ""))
    codes = part.get("codes", [])
    if not code_list or not isinstance(codes, list) or not codes:
        raise _fail(path, where, N_("%(part)s needs code_list and a non-empty list codes"),
                    {"part": name})
    return code_list, [str(c) for c in codes]


def _sex_and_bands(path: Path, where: str, part: dict[str, Any],
                   stored: bool) -> tuple[str, list[str]]:
    """``sex`` and ``age_bands`` of a numerator or denominator; ``stored``: bands of the
    records (checked against ``core.submissions.demography``), else of population tables."""
    sex = str(part.get("sex", "")).upper()
    if sex not in ("", "K", "M"):
        raise _fail(path, where, N_("sex must be K, M or left out"))
    bands = part.get("age_bands", [])
    if not isinstance(bands, list):
        raise _fail(path, where, N_('age_bands is a list, e.g. ["18-29", "30-49"]'))
    bands = [str(b) for b in bands]
    if stored:
        try:
            expand_bands(bands)
        except ValueError:
            raise _fail(path, where, N_("age_bands of counts are among %(bands)s"),
                        {"bands": ", ".join([*AGE_BANDS, *MERGED])}) from None
    return sex, bands


def _numerator(path: Path, where: str, part: Any) -> dict[str, Any]:
    if not isinstance(part, dict):
        raise _fail(path, where, N_("numerator must be a table: [indicator.numerator]"))
    sex, bands = _sex_and_bands(path, where, part, stored=True)
    who = {"numerator_sex": sex, "numerator_age_bands": bands}
    if "overlap" in part:
        kinds = part["overlap"]
        if not isinstance(kinds, list) or len(kinds) != 2:
            raise _fail(path, where,
                        N_('overlap names two institution kinds, e.g. ["mops", "pup"]'))
        return {"numerator_overlap": [str(k) for k in kinds], "numerator_code_list": "",
                "numerator_codes": [], "numerator_institution": ""} | who
    code_list, codes = _codes(path, where, part, "numerator")
    return {"numerator_code_list": code_list, "numerator_codes": codes,
            "numerator_institution": str(part.get("institution", "")),
            "numerator_overlap": []} | who


def _denominator(path: Path, where: str, part: Any) -> dict[str, Any]:
    if not isinstance(part, dict):
        raise _fail(path, where, N_("denominator must be a table: [indicator.denominator]"))
    empty = {"denominator_sex": "", "denominator_age_bands": [], "denominator_code_list": "",
             "denominator_codes": [], "denominator_institution": ""}
    if part.get("population"):
        sex, bands = _sex_and_bands(path, where, part, stored=False)
        return empty | {"denominator": "population", "denominator_sex": sex,
                        "denominator_age_bands": bands}
    code_list, codes = _codes(path, where, part, "denominator")
    sex, bands = _sex_and_bands(path, where, part, stored=True)
    return empty | {"denominator": "counts", "denominator_code_list": code_list,
                    "denominator_codes": codes, "denominator_sex": sex,
                    "denominator_age_bands": bands,
                    "denominator_institution": str(part.get("institution", ""))}


def _definition(path: Path, where: str, entry: Any) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise _fail(path, where, N_("each [[indicator]] must be a table"))
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise _fail(path, where, N_("unknown keys %(keys)s"), {"keys": ", ".join(unknown)})
    code = str(entry.get("id", ""))
    if not _ID.match(code):
        raise _fail(path, where, N_("id must be lower-case letters, digits, - or _ (up to 60)"))
    name_pl = str(entry.get("name_pl", "")).strip()
    if not name_pl:
        raise _fail(path, code, N_("%(key)s is missing"), {"key": "name_pl"})
    per = entry.get("per", 1000)
    if not isinstance(per, int | float) or per <= 0:
        raise _fail(path, code, N_("per must be a positive number, e.g. 1000"))
    # What is counted: persons or families ("unit" in files written before the key was
    # named so; a territorial unit is something else).
    key = "unit" if "unit" in entry and "counted" not in entry else "counted"
    counted = entry.get(key, "persons")
    if counted not in ("persons", "families"):
        raise _fail(path, code, N_("%(key)s must be persons or families"), {"key": key})
    interval = entry.get("interval", "poisson")
    if interval not in ("poisson", "wilson"):
        raise _fail(path, code, N_("interval must be poisson or wilson"))
    return {
        "code": code,
        "name_pl": name_pl,
        "name_en": str(entry.get("name_en", "")).strip() or name_pl,
        "description_pl": str(entry.get("description_pl", "")).strip(),
        "description_en": str(entry.get("description_en", "")).strip(),
        **_numerator(path, code, entry.get("numerator")),
        **_denominator(path, code, entry.get("denominator", {"population": True})),
        "per": float(per),
        "counted": counted,
        "interval": interval,
        "public": bool(entry.get("public", False)),
        "protect_zeros": bool(entry.get("protect_zeros", False)),
        "position": int(entry.get("position", 100)),
    }


def parse_definitions(path: Path | str) -> list[dict[str, Any]]:
    """The indicators of a TOML file as model field values, checked; raises UserError."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(path, N_("There is no such file.")) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(path, N_("not valid TOML: %(detail)s"), {"detail": str(exc)}) from None
    entries = data.get("indicator")
    if not isinstance(entries, list) or not entries:
        raise UserError(path, N_("no [[indicator]] tables in the file"))
    definitions = [_definition(path, str(i + 1), entry) for i, entry in enumerate(entries)]
    seen: set[str] = set()
    for definition in definitions:
        if definition["code"] in seen:
            raise _fail(path, definition["code"], N_("this id appears twice"))
        seen.add(definition["code"])
    return definitions


def load_indicators(path: Path | str) -> tuple[int, int]:
    """Create or update the file's indicators; (created, updated)."""
    from django.db import transaction

    from kooperacja.indicators.models import Indicator
    from kooperacja.records.models import CodeList

    definitions = parse_definitions(path)
    known = set(CodeList.objects.values_list("code", flat=True))
    created = 0
    with transaction.atomic():
        for definition in definitions:
            for key in ("numerator_code_list", "denominator_code_list"):
                if (definition[key] and definition[key] not in known
                        and not _aggregated(definition[key])):
                    raise UserError(path, N_(
                        "indicator %(indicator)s counts codes of the list %(list)s, which does "
                        "not exist yet: first import its counts (import-aggregates --code-list "
                        "%(list)s) or add the list in the admin (Code lists), then load this "
                        "file again"), {"indicator": definition["code"], "list": definition[key]})
            code = definition.pop("code")
            _, new = Indicator.objects.update_or_create(code=code, defaults=definition)
            created += new
    return created, len(definitions) - created


def _aggregated(code_list: str) -> bool:
    from kooperacja.indicators.models import Aggregate

    return Aggregate.objects.filter(code_list=code_list).exists()
