"""Applicants' personal data encrypted at rest, with a key per organising institution.

Neither ``operations/services/keys.py`` (it keeps a key for pseudonyms, a keyed hash) nor
the virtualenv (no ``cryptography``) offers a cipher, so this module builds one from the
standard library's HMAC-SHA256 in the textbook way: a key for encryption and a key for
authentication are derived from the installation's key and the institution's id; the
plaintext is XORed with the keystream HMAC(k_enc, nonce ‖ counter) (a PRF in counter
mode) under a random 128-bit nonce, and the nonce and ciphertext are authenticated with
HMAC(k_mac, …) (encrypt-then-MAC). A changed or foreign ciphertext fails to open.

The installation's key is the pseudonym key (kept outside the data directory, backed up
with ``backup --key-to``), so there is one key to keep; the labels keep the uses apart.
Replace with Fernet when ``cryptography`` is a dependency (docs/training.md).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from typing import Any

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.operations.services.keys import pseudonym_key

VERSION = "t1"
_NONCE = 16
_TAG = 32


def _keys(institution_id: int) -> tuple[bytes, bytes]:
    root = hmac.new(pseudonym_key(), f"kooperacja training applicants {institution_id}".encode(),
                    hashlib.sha256).digest()
    return (hmac.new(root, b"encrypt", hashlib.sha256).digest(),
            hmac.new(root, b"authenticate", hashlib.sha256).digest())


def _stream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = []
    for counter in range((length + 31) // 32):
        blocks.append(hmac.new(key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest())
    return b"".join(blocks)[:length]


def seal(institution_id: int, data: Any) -> str:
    """``data`` (JSON-serialisable) encrypted for ``institution_id``, as text."""
    plain = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    k_enc, k_mac = _keys(institution_id)
    nonce = secrets.token_bytes(_NONCE)
    cipher = bytes(a ^ b for a, b in zip(plain, _stream(k_enc, nonce, len(plain))))
    tag = hmac.new(k_mac, VERSION.encode() + nonce + cipher, hashlib.sha256).digest()
    return VERSION + ":" + base64.urlsafe_b64encode(nonce + cipher + tag).decode("ascii")


def unseal(institution_id: int, text: str) -> Any:
    """What :func:`seal` sealed; a :class:`UserError` when it was changed or sealed for
    another institution or with another key."""
    if not text:
        return None
    version, _, body = text.partition(":")
    try:
        raw = base64.urlsafe_b64decode(body.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raw = b""
    k_enc, k_mac = _keys(institution_id)
    nonce, cipher, tag = raw[:_NONCE], raw[_NONCE:-_TAG], raw[-_TAG:]
    expected = hmac.new(k_mac, version.encode() + nonce + cipher, hashlib.sha256).digest()
    if version != VERSION or len(raw) < _NONCE + _TAG or not hmac.compare_digest(tag, expected):
        raise UserError(None, N_("An applicant's data cannot be opened with this installation's "
                                 "key (changed, or sealed with another key)."))
    plain = bytes(a ^ b for a, b in zip(cipher, _stream(k_enc, nonce, len(cipher))))
    return json.loads(plain.decode("utf-8"))


def contact_key(offer_id: int, institution_id: int, contact: str) -> str:
    """A keyed hash of a contact within one offer (finds a repeated application without
    keeping the contact in clear)."""
    k_enc, _ = _keys(institution_id)
    text = f"{offer_id}:{contact.strip().lower()}".encode()
    return hmac.new(k_enc, b"contact " + text, hashlib.sha256).hexdigest()
