"""Backing up and restoring an installation: the database, consistently while the site runs,
and the pseudonym key apart from it, with a check that the two belong together.

A backup is a new folder holding the database (SQLite's online backup, or ``pg_dump``'s
custom format), the uploaded files the database refers to (signed agreements, teams'
founding acts: ``MEDIA_ROOT``, copied to ``files/``) and ``manifest.json`` with the key's
fingerprint. The key goes to another
file only when asked (``--key-to``), never into that folder: the database and its key
together undo the pseudonymisation (docs/security.md, "Backup and restore").
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from kooperacja import __version__
from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.operations.services.keys import (
    check_key,
    fingerprint,
    key_path,
    read_key,
    stored_fingerprint,
)
from kooperacja.operations.services.worker import worker_alive

MANIFEST = "manifest.json"
UPLOADS = "files"  # the backup's copy of MEDIA_ROOT
FILES = {"sqlite": "kooperacja.sqlite3", "postgresql": "kooperacja.pgdump"}


@dataclass
class BackupResult:
    folder: Path
    engine: str
    fingerprint: str | None
    key_file: Path | None


def backup(dest: Path, key_to: Path | None = None) -> BackupResult:
    """Write a backup of the database into the new folder ``dest``; the key to ``key_to``."""
    dest = dest.resolve()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise UserError(None, N_("%(dest)s already exists; give a new folder for the backup."),
                        {"dest": str(dest)})
    if not dest.parent.is_dir():
        raise UserError(None, N_("The folder %(folder)s does not exist; create it first."),
                        {"folder": str(dest.parent)})
    if key_to is not None:
        key_to = key_to.resolve()
        if key_to.is_relative_to(dest):
            raise UserError(None, N_("Write the key outside the backup folder (--key-to): a "
                                     "database and its key together undo the pseudonymisation."))
        if key_to.exists():
            raise UserError(None, N_("%(path)s already exists; give a new file for the key."),
                            {"path": str(key_to)})
    key = _current_key()
    if key is not None:
        check_key(key)  # binds the key to the database if no import did yet
    elif key_to is not None:
        raise UserError(None, N_("There is no pseudonym key yet (no extract was imported), so "
                                 "there is none to back up; leave out --key-to."))
    engine = connection.vendor
    dest.mkdir(mode=0o700, exist_ok=True)
    try:
        target = dest / FILES[engine]
        if engine == "sqlite":
            _sqlite_copy(Path(connection.settings_dict["NAME"]), target, single_file=True)
        else:
            _pg_dump(target)
        media = Path(settings.MEDIA_ROOT)
        if media.is_dir():
            shutil.copytree(media, dest / UPLOADS)
        _write_private(dest / MANIFEST, json.dumps({
            "kooperacja": __version__, "engine": engine, "file": target.name,
            "uploads": _count_files(dest / UPLOADS),
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "key_fingerprint": stored_fingerprint(),
        }, indent=2))
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    if key_to is not None and key is not None:
        _write_private(key_to, key.hex() + "\n")
    return BackupResult(dest, engine, stored_fingerprint(), key_to)


def restore(src: Path, key_file: Path | None = None, *, replace: bool = False) -> BackupResult:
    """Replace this installation's database by the backup in ``src``.

    The key the installation will use (``key_file``, installed where the installation keeps
    its key, or the key it has) must be the one the backup's pseudonyms were made with.
    """
    manifest = _manifest(src)
    engine = connection.vendor
    if manifest["engine"] != engine:
        raise UserError(
            None,
            N_(
                "This backup is of a %(backup)s database but the installation "
                "uses %(current)s (DATABASE_URL); restore it into a matching one."
            ),
            {"backup": manifest["engine"], "current": engine},
        )
    # A new installation's database has no tables yet (restore does not migrate first), so
    # no worker and no data: docs/security.md advises restoring into one to test a backup.
    new = not connection.introspection.table_names()
    if not new and worker_alive():
        raise UserError(None, N_("A task worker is running, so the site is up: stop kooperacja "
                                 "serve (and any db_worker) before restoring."))
    if not replace and not new and _has_data():
        raise UserError(None, N_("This installation holds data that the restore would replace; "
                                 "add --replace to go on."))
    wanted = manifest.get("key_fingerprint")
    key = read_key(key_file) if key_file is not None else _current_key()
    if wanted is not None:
        if key is None:
            raise UserError(
                None,
                N_(
                    "The backup's pseudonyms were made with the key of fingerprint "
                    "%(fingerprint)s; give that key with --key FILE."
                ),
                {"fingerprint": wanted},
            )
        if fingerprint(key) != wanted:
            raise UserError(
                None,
                N_(
                    "The key (fingerprint %(key)s) does not belong to this backup "
                    "(made with %(fingerprint)s); give the key backed up with it."
                ),
                {"key": fingerprint(key), "fingerprint": wanted},
            )
    if key_file is not None and key is not None:
        _install_key(key)
    database = src / manifest["file"]
    connection.close()
    if engine == "sqlite":
        _sqlite_copy(database, Path(connection.settings_dict["NAME"]))
    else:
        _pg_restore(database)
    call_command("migrate", verbosity=0, interactive=False)
    _restore_uploads(src / UPLOADS)
    return BackupResult(src, engine, wanted, key_path() if key_file else None)


def _count_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else 0


def _restore_uploads(backed_up: Path) -> None:
    """Make MEDIA_ROOT the backup's copy: written beside it first, then put in its place,
    so that a failed copy leaves the files as they were."""
    media = Path(settings.MEDIA_ROOT)
    if not backed_up.is_dir():
        return  # a backup of an installation without uploads, or made before they were kept
    incoming = media.with_name(media.name + ".restoring")
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.copytree(backed_up, incoming)
    replaced = media.with_name(media.name + ".replaced")
    shutil.rmtree(replaced, ignore_errors=True)
    if media.exists():
        media.rename(replaced)
    incoming.rename(media)
    shutil.rmtree(replaced, ignore_errors=True)


def _current_key() -> bytes | None:
    path = key_path()
    if path is not None and not path.exists():
        return None
    return read_key()


def _install_key(key: bytes) -> None:
    path = key_path()
    if path is None:
        return  # the environment provides it, and it matched
    if path.exists():
        if read_key(path) != key:
            raise UserError(
                None,
                N_(
                    "A different pseudonym key is at %(path)s; move it away (and "
                    "keep it) before restoring this backup's key."
                ),
                {"path": str(path)},
            )
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _write_private(path, key.hex() + "\n")


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def _manifest(src: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(
            None,
            N_("%(src)s is not a Kooperacja backup (no manifest.json in it)."),
            {"src": str(src)},
        ) from None
    except (OSError, ValueError):
        raise UserError(
            None, N_("The manifest.json of %(src)s cannot be read."), {"src": str(src)}
        ) from None
    if manifest.get("engine") not in FILES or not (src / str(manifest.get("file"))).is_file():
        raise UserError(
            None,
            N_("The backup in %(src)s is incomplete (its database file is missing)."),
            {"src": str(src)},
        )
    return manifest


def _has_data() -> bool:
    from kooperacja.records.models import Institution
    from kooperacja.territory.models import Unit

    return Unit.objects.exists() or Institution.objects.exists()


def _sqlite_copy(source: Path, target: Path, *, single_file: bool = False) -> None:
    """Copy a SQLite database page by page (consistent while others write to the source);
    ``single_file`` leaves the copy out of WAL mode, one self-contained file."""
    if not target.exists():
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o600))
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
        if single_file:
            dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.DatabaseError as e:
        raise UserError(None, N_("The SQLite database could not be copied: %(error)s"),
                        {"error": str(e)}) from None
    finally:
        src.close()
        dst.close()


def _pg_args(tool: str) -> tuple[list[str], dict[str, str]]:
    path = shutil.which(tool)
    if path is None:
        raise UserError(
            None,
            N_(
                "%(tool)s was not found: install the PostgreSQL client tools of the "
                "server's version (e.g. apt install postgresql-client)."
            ),
            {"tool": tool},
        )
    db = connection.settings_dict
    args = [path, "--no-owner", "--no-privileges"]
    for flag, value in (("--host", db["HOST"]), ("--port", db["PORT"]), ("--username", db["USER"])):
        if value:
            args += [flag, str(value)]
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(args: list[str], env: dict[str, str], **kwargs: object) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]
    if done.returncode != 0:
        lines = (done.stderr or "").strip().splitlines()
        raise UserError(
            None,
            N_("%(tool)s failed: %(error)s"),
            {"tool": Path(args[0]).name, "error": lines[-1] if lines else done.returncode},
        )


def _pg_dump(target: Path) -> None:
    args, env = _pg_args("pg_dump")
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o600))
    _run([*args, "--format=custom", "--file", str(target)], env)


def _pg_restore(dump: Path) -> None:
    """Replace every table by the dump's in one transaction: a failure leaves the database
    as it was."""
    restore_args, env = _pg_args("pg_restore")
    psql_args, _ = _pg_args("psql")
    psql_args = [a for a in psql_args if a not in ("--no-owner", "--no-privileges")]
    script = subprocess.run([*restore_args, "--file", "-", str(dump)], env=env, capture_output=True,
                            check=False)
    if script.returncode != 0:
        lines = script.stderr.decode(errors="replace").strip().splitlines()
        raise UserError(None, N_("%(tool)s failed: %(error)s"),
                        {"tool": "pg_restore", "error": lines[-1] if lines else script.returncode})
    with connection.cursor():
        tables = connection.introspection.table_names()
    connection.close()
    drop = ("DROP TABLE IF EXISTS " + ", ".join(connection.ops.quote_name(t) for t in tables)
            + " CASCADE;\n") if tables else ""
    _run([*psql_args, "--no-psqlrc", "--quiet", "--single-transaction", "--set", "ON_ERROR_STOP=1",
          "--file", "-"], env, input=drop + script.stdout.decode("utf-8"))
