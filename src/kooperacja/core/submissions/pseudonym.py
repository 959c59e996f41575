"""Keyed pseudonyms of people and families, and loading of the pseudonym key.

A pseudonym is HMAC-SHA256 under the installation's key of a normalised identity,
truncated to 128 bits and written as 32 hex digits. The same person gets the same
pseudonym from every institution of one installation, so their records can be linked;
without the key a pseudonym cannot be recomputed from a PESEL, so a stolen database
links nothing. The key never goes into the database.
"""

from __future__ import annotations

import datetime
import hmac
import os
import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import UserError, ngettext_noop
from ..errors import gettext_noop as N_
from .normalise import fold_words

KEY_ENV = "KOOPERACJA_PSEUDONYM_KEY"
IDENTITY_COLUMNS = ("pesel", "surname", "first_name", "birth_date", "family_number")
MIN_KEY_BYTES = 32

# Distinct prefixes keep a PESEL, a name and a family number from ever hashing alike.
_PESEL = b"pesel\x1f"
_NAME = "name\x1f{}\x1f{}\x1f{}"
_FAMILY = "family\x1f{}\x1f{}"


class PseudonymKeyError(UserError):
    """The pseudonym key is missing, unreadable or too short; the message says which."""


def _digest(key: bytes, message: bytes) -> str:
    return hmac.digest(key, message, "sha256")[:16].hex()


def person_from_pesel(key: bytes, pesel: str) -> str:
    """Pseudonym of a person from a valid, compact PESEL."""
    return _digest(key, _PESEL + pesel.encode("ascii"))


def person_from_name(key: bytes, surname: str, first_name: str, birth: datetime.date) -> str:
    """Pseudonym of a person without a PESEL, from surname, first name and birth date;
    case, diacritics, hyphens and spacing of the names do not matter."""
    message = _NAME.format(fold_words(surname), fold_words(first_name), birth.isoformat())
    return _digest(key, message.encode("utf-8"))


def family(key: bytes, institution: str, family_number: str) -> str:
    """Pseudonym of a family: one institution's family number, so families of different
    institutions never coincide."""
    message = _FAMILY.format(fold_words(institution), fold_words(family_number))
    return _digest(key, message.encode("utf-8"))


def persons_from_pesel(key: bytes, pesels: Iterable[str]) -> list[str]:
    """:func:`person_from_pesel` over a column (about 1.5 µs a number)."""
    digest = hmac.digest
    return [digest(key, _PESEL + p.encode("ascii"), "sha256")[:16].hex() for p in pesels]


def persons_from_name(
    key: bytes,
    surnames: Iterable[str],
    first_names: Iterable[str],
    births: Iterable[datetime.date],
) -> list[str]:
    """:func:`person_from_name` over columns of equal length."""
    columns = zip(surnames, first_names, births, strict=True)
    return [person_from_name(key, s, f, b) for s, f, b in columns]


def families(key: bytes, institution: str, family_numbers: Iterable[str]) -> list[str]:
    """:func:`family` over a column of one institution's family numbers; repeated numbers
    are hashed once."""
    prefix = _FAMILY.format(fold_words(institution), "")
    digest = hmac.digest
    cache: dict[str, str] = {}
    out = []
    for number in family_numbers:
        pseudonym = cache.get(number)
        if pseudonym is None:
            # Letters and digits only: folding just lower-cases them.
            folded = number.lower() if number.isascii() and number.isalnum() else fold_words(number)
            message = (prefix + folded).encode("utf-8")
            pseudonym = cache[number] = digest(key, message, "sha256")[:16].hex()
        out.append(pseudonym)
    return out


def load_key(
    environ: Mapping[str, str] | None = None,
    key_file: Path | None = None,
    *,
    create: bool = False,
) -> bytes:
    """The pseudonym key, from the first of these that is set:

    1. the environment variable ``KOOPERACJA_PSEUDONYM_KEY`` (64 hex digits);
    2. the file named by ``KOOPERACJA_PSEUDONYM_KEY_FILE`` (Docker secrets style);
    3. ``key_file``; with ``create=True`` a missing ``key_file`` is generated with 256
       random bits and permissions 0600.

    Losing the key makes new pseudonyms unlinkable to stored ones: back the file up
    outside the database backups.
    """
    environ = os.environ if environ is None else environ
    if environ.get(KEY_ENV):
        return _parse_key(environ[KEY_ENV], KEY_ENV)
    named = environ.get(KEY_ENV + "_FILE")
    path = Path(named) if named else key_file
    if path is None:
        raise PseudonymKeyError(
            None, N_("No pseudonym key: set %(variable)s to 64 hex digits or %(variable)s_FILE "
                     "to a file holding them."),
            {"variable": KEY_ENV},
        )
    if not path.exists():
        if not create or named:
            raise PseudonymKeyError(None, N_("The pseudonym key file %(path)s does not exist."),
                                    {"path": str(path)})
        _write_new_key(path)
    return _parse_key(path.read_text(encoding="ascii"), str(path))


def _parse_key(text: str, source: str) -> bytes:
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        raise PseudonymKeyError(
            None, N_("The pseudonym key in %(source)s is not written in hex digits."),
            {"source": source},
        ) from None
    if len(key) < MIN_KEY_BYTES:
        raise PseudonymKeyError(
            None, ngettext_noop("The pseudonym key in %(source)s has %(digits)s hex digit; it "
                                "needs at least %(least)s.",
                                "The pseudonym key in %(source)s has %(digits)s hex digits; it "
                                "needs at least %(least)s.", "digits"),
            {"source": source, "digits": len(key) * 2, "least": MIN_KEY_BYTES * 2},
        )
    return key


def _write_new_key(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: two processes starting at once must not each write a different key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_hex(MIN_KEY_BYTES) + "\n")


def pseudonymise_records(records: pd.DataFrame, key: bytes, institution: str) -> pd.DataFrame:
    """Replace who a person is by pseudonyms in validated records.

    Adds ``person`` (from the PESEL, or from surname, first name and birth date where
    the PESEL is empty) and ``family`` (None without a family number), and drops
    ``pesel``, ``surname``, ``first_name``, ``birth_date`` and ``family_number``.
    """
    pesel = records["pesel"].to_numpy(dtype=object)
    person = np.empty(len(records), dtype=object)
    by_pesel = pesel != ""
    person[by_pesel] = persons_from_pesel(key, pesel[by_pesel])
    if (~by_pesel).any():
        named = records[~by_pesel]
        births = named["birth_date"].to_numpy(dtype="datetime64[D]").astype(object)
        person[~by_pesel] = persons_from_name(key, named["surname"], named["first_name"], births)
    out = records.drop(columns=[c for c in IDENTITY_COLUMNS if c in records])
    out.insert(1, "person", person)
    if "family_number" in records:
        numbers = records["family_number"].to_numpy(dtype=object)
        family_of = np.array(families(key, institution, numbers), dtype=object)
        family_of[numbers == ""] = None
        out.insert(2, "family", pd.Series(family_of, index=out.index, dtype=object))
    return out
