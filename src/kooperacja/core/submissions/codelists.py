"""Code lists as data: codes with labels, aliases and validity dates, and the lookup of
whatever an office wrote (a code, a label, an old label) to its canonical code.

The seed lists live in ``codelists.json`` next to this module::

    {"<code list>": {"label_pl": ..., "label_en": ..., "note": optional,
                     "codes": [{"code": "7", "label_pl": "przemoc domowa",
                                "label_en": "domestic violence",
                                "aliases": ["przemoc w rodzinie"],       optional
                                "valid_from": "YYYY-MM-DD" or absent,    optional
                                "valid_to": "YYYY-MM-DD" or absent,      optional
                                "instrument_type": "training" or absent, optional
                                "note": "why"}]}}                        optional

``instrument_type`` on a ``mops_support`` or ``pup_instrument`` code names the shared kind
of help (a code of the ``instrument_type`` list) used to measure overlap.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from ..errors import UserError
from ..errors import gettext_noop as N_
from .normalise import fold_words
from .periods import Period

SEED_FILE = "codelists.json"


@dataclass(frozen=True)
class Code:
    """One code of one code list."""

    code_list: str
    code: str
    label_pl: str
    label_en: str
    aliases: tuple[str, ...] = ()
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    instrument_type: str | None = None
    note: str = ""

    def valid_in(self, period: Period) -> bool:
        """Whether the code was in force on at least one day of ``period``."""
        starts_in_time = self.valid_from is None or self.valid_from <= period.end
        ends_in_time = self.valid_to is None or self.valid_to >= period.start
        return starts_in_time and ends_in_time


class CodeListError(UserError):
    """Code list data that contradicts itself (one alias for two codes, say)."""


@dataclass
class CodeBook:
    """Code lists indexed for lookup: each code, label and alias, folded (case,
    diacritics and spacing ignored), points to its :class:`Code`."""

    codes: list[Code]
    _index: dict[str, dict[str, Code]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = {}
        for code in self.codes:
            keys = self._index.setdefault(code.code_list, {})
            for written in (code.code, code.label_pl, *code.aliases):
                key = code_key(written)
                other = keys.get(key)
                if other is not None and other.code != code.code:
                    raise CodeListError(
                        None, N_("Code list %(list)s: %(written)s would mean both %(one)s and "
                                 "%(other)s."),
                        {"list": code.code_list, "written": repr(written),
                         "one": repr(other.code), "other": repr(code.code)},
                    )
                keys[key] = code

    @classmethod
    def seed(cls) -> CodeBook:
        """The code lists shipped with Kooperacja (``codelists.json``)."""
        return cls(codes_from_data(load_seed()))

    @property
    def lists(self) -> list[str]:
        return list(self._index)

    def lookup(self, code_list: str, written: str) -> Code | None:
        """The code an office meant by ``written`` in ``code_list``, or None if unknown."""
        return self._index[code_list].get(code_key(written))

    def lookup_folded(self, code_list: str) -> Mapping[str, Code]:
        """The index of one list, keyed by :func:`code_key` of what is written, for
        callers that look up many values at once."""
        return self._index[code_list]

    def instrument_types(self, code_list: str) -> dict[str, str]:
        """Canonical code → instrument type, for the codes of ``code_list`` that have one."""
        return {
            c.code: c.instrument_type
            for c in self.codes
            if c.code_list == code_list and c.instrument_type
        }


def code_key(written: str) -> str:
    """The folded form under which a written code, label or alias is indexed."""
    key = fold_words(written)
    # "07" and "7" are the same reason code.
    return key.lstrip("0") or key if key.isdigit() else key


def load_seed() -> dict[str, Any]:
    """The raw seed data. The database gets it from a frozen copy in records/migrations/: a
    change to the seed needs a data migration of its own."""
    text = resources.files(__package__).joinpath(SEED_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def codes_from_data(data: Mapping[str, Any]) -> list[Code]:
    """Codes from data in the seed file's format."""
    return [
        Code(
            code_list=name,
            code=entry["code"],
            label_pl=entry["label_pl"],
            label_en=entry["label_en"],
            aliases=tuple(entry.get("aliases", ())),
            valid_from=_date(entry.get("valid_from")),
            valid_to=_date(entry.get("valid_to")),
            instrument_type=entry.get("instrument_type"),
            note=entry.get("note", ""),
        )
        for name, code_list in data.items()
        for entry in code_list["codes"]
    ]


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None
