"""Applicants' personal data encrypted at rest, with a key per organising institution.

Fernet (the ``cryptography`` package: AES-128-CBC with HMAC-SHA256, a random IV and a
timestamp per token) under a key derived with HKDF-SHA256 from the installation's key and
the institution's id, so one institution's data cannot be opened with another's key, and
a changed token fails to open.

The installation's key is the pseudonym key (kept outside the data directory, backed up
with ``backup --key-to``), so there is one key to keep; the HKDF labels keep the uses apart
(docs/training.md).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.operations.services.keys import pseudonym_key


def _key(institution_id: int, use: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=f"kooperacja training {use} {institution_id}".encode()
                ).derive(pseudonym_key())


def _fernet(institution_id: int) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_key(institution_id, "applicants")))


def seal(institution_id: int, data: Any) -> str:
    """``data`` (JSON-serialisable) encrypted for ``institution_id``, as text."""
    plain = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return _fernet(institution_id).encrypt(plain).decode("ascii")


def unseal(institution_id: int, text: str) -> Any:
    """What :func:`seal` sealed; a :class:`UserError` when it was changed or sealed for
    another institution or with another key."""
    if not text:
        return None
    try:
        plain = _fernet(institution_id).decrypt(text.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        raise UserError(None, N_("An applicant's data cannot be opened with this installation's "
                                 "key (changed, or sealed with another key).")) from None
    return json.loads(plain.decode("utf-8"))


def contact_key(offer_id: int, institution_id: int, contact: str) -> str:
    """A keyed hash of a contact within one offer (finds a repeated application without
    keeping the contact in clear)."""
    text = f"{offer_id}:{contact.strip().lower()}".encode()
    return hmac.new(_key(institution_id, "contacts"), text, hashlib.sha256).hexdigest()
