"""Where the pseudonym key is kept, and whether a key belongs to this database.

The key is read from ``KOOPERACJA_PSEUDONYM_KEY`` or the file ``KOOPERACJA_PSEUDONYM_KEY_FILE``
names; otherwise it is generated on first use into ``pseudonym.key`` in the key directory
(``KOOPERACJA_KEY_DIR``, by default the user's configuration folder), outside the data
directory, so that a copy of the data directory does not carry it. The database keeps the
key's fingerprint: a key that does not match, or a lost key, stops an import instead of
silently producing pseudonyms that link to nothing (docs/security.md).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.core.submissions.pseudonym import KEY_ENV, PseudonymKeyError, load_key
from kooperacja.operations.models import KeyFingerprint

log = logging.getLogger(__name__)

KEY_FILE = "pseudonym.key"
_FINGERPRINT_TEXT = b"kooperacja pseudonym key fingerprint v1"


def key_path() -> Path | None:
    """The key file the installation uses; None when the key comes from the environment."""
    if os.environ.get(KEY_ENV):
        return None
    if os.environ.get(KEY_ENV + "_FILE"):
        return Path(os.environ[KEY_ENV + "_FILE"])
    default = Path(settings.KOOPERACJA_KEY_DIR) / KEY_FILE
    legacy = Path(settings.DATA_DIR) / KEY_FILE
    if not default.exists() and legacy.exists():
        return legacy  # an installation from before the key moved out; warnings() says so
    return default


def key_warnings() -> list[str]:
    """Loud warnings about where the key is kept (printed at the start of serve and demo)."""
    path = key_path()
    if path is None:
        return []
    if path.resolve().is_relative_to(Path(settings.DATA_DIR).resolve()):
        return [_("WARNING: the pseudonym key %(key)s is inside the data directory, so a copy of "
                  "the data directory carries the key that links its pseudonyms. Move it to "
                  "%(dir)s (or set KOOPERACJA_KEY_DIR) and back it up separately.")
                % {"key": path, "dir": settings.KOOPERACJA_KEY_DIR}]
    return []


def fingerprint(key: bytes) -> str:
    """A fingerprint of ``key`` that reveals nothing of it (HMAC-SHA256 of a fixed text)."""
    return hmac.new(key, _FINGERPRINT_TEXT, hashlib.sha256).hexdigest()[:32]


def stored_fingerprint() -> str | None:
    row = KeyFingerprint.objects.order_by("pk").first()
    return row.fingerprint if row else None


def read_key(path: Path | None = None, *, create: bool = False) -> bytes:
    """The key from the environment, or from ``path`` (the installation's key file by
    default); ``create`` generates a missing file (0600, in a 0700 folder)."""
    try:
        if path is not None:
            return load_key({}, key_file=path)
        target = key_path()
        if create and target is not None and not target.exists():
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return load_key(key_file=target, create=create)
    except PseudonymKeyError as e:
        raise UserError(None, "%(detail)s", {"detail": str(e)}) from None


def pseudonym_key() -> bytes:
    """The installation's pseudonym key, checked against the fingerprint in the database.

    The first key used is generated (when none is configured) and its fingerprint stored.
    A missing key file while the database holds a fingerprint is an error: a new key
    would make every new pseudonym unlinkable to the stored ones.
    """
    stored = stored_fingerprint()
    path = key_path()
    if stored is not None and path is not None and not path.exists():
        raise UserError(None, N_(
            "The pseudonym key %(path)s is missing, but this database's pseudonyms were made "
            "with a key (fingerprint %(fingerprint)s). Restore the key from its backup "
            "(kooperacja restore --key); if it is lost, read \"When the pseudonym key is "
            "lost\" in docs/security.md."), {"path": str(path), "fingerprint": stored})
    key = read_key(create=True)
    check_key(key)
    return key


def check_key(key: bytes) -> None:
    """Raise a UserError unless ``key`` belongs to this database; remember the first key."""
    stored = stored_fingerprint()
    if stored is None:
        KeyFingerprint.objects.create(fingerprint=fingerprint(key))
    elif stored != fingerprint(key):
        raise UserError(None, N_(
            "The pseudonym key (fingerprint %(key)s) does not belong to this database (made "
            "with the key of fingerprint %(fingerprint)s): its pseudonyms would not link to "
            "the stored ones. Use the key backed up with this database."),
            {"key": fingerprint(key), "fingerprint": stored})


def forget_key() -> None:
    """Let the next import start a new key (docs/security.md, "When the pseudonym key is lost")."""
    KeyFingerprint.objects.all().delete()
