"""`kooperacja backup` and `restore`: the database, the key apart, and the check that they match.

Run on SQLite, and on PostgreSQL (pg_dump, pg_restore, psql) when DATABASE_URL names one."""

from __future__ import annotations

import os
import shutil

import pytest

INSTITUTIONS = ("from kooperacja.records.models import Institution; "
                "print(','.join(Institution.objects.values_list('code', flat=True)))")
BIND_KEY = "from kooperacja.operations.services.keys import pseudonym_key; pseudonym_key()"

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres") and shutil.which("pg_dump") is None,
    reason="pg_dump is not installed")


def test_it_restores_the_database_and_its_key_and_refuses_a_wrong_key(installation, tmp_path):
    assert (
        installation.kooperacja(
            "add-institution", "mops", "--name", "MOPS", "--kind", "mops"
        ).returncode
        == 0
    )
    installation.python(BIND_KEY)
    done = installation.kooperacja(
        "backup", str(tmp_path / "b"), "--key-to", str(tmp_path / "b.key")
    )
    assert done.returncode == 0, done.stderr
    assert not list((tmp_path / "b").glob("*.key"))  # the key is never in the backup folder
    assert (tmp_path / "b.key").stat().st_mode & 0o077 == 0
    assert (
        installation.kooperacja(
            "add-institution", "pup", "--name", "PUP", "--kind", "pup"
        ).returncode
        == 0
    )

    refused = installation.kooperacja("restore", str(tmp_path / "b"))
    assert (
        refused.returncode == 1
        and "--replace" in refused.stderr
        and "Traceback" not in refused.stderr
    )

    (tmp_path / "keys" / "pseudonym.key").rename(tmp_path / "lost.key")
    no_key = installation.kooperacja("restore", str(tmp_path / "b"), "--replace")
    assert no_key.returncode == 1 and "--key" in no_key.stderr
    (tmp_path / "other.key").write_text("ab" * 32)
    wrong = installation.kooperacja(
        "restore", str(tmp_path / "b"), "--replace", "--key", str(tmp_path / "other.key")
    )
    assert wrong.returncode == 1 and "does not belong" in wrong.stderr
    assert installation.python(INSTITUTIONS) == "mops,pup"  # refused restores changed nothing

    done = installation.kooperacja(
        "restore", str(tmp_path / "b"), "--replace", "--key", str(tmp_path / "b.key")
    )
    assert done.returncode == 0, done.stderr
    assert installation.python(INSTITUTIONS) == "mops"
    assert (tmp_path / "keys" / "pseudonym.key").read_text().strip() == (
        tmp_path / "b.key"
    ).read_text().strip()
    installation.python(BIND_KEY)  # the restored key belongs to the restored database


def test_it_restores_into_a_new_installation_to_test_a_backup(installation, tmp_path):
    installation.kooperacja("add-institution", "mops", "--name", "MOPS", "--kind", "mops")
    installation.python(BIND_KEY)
    done = installation.kooperacja("backup", str(tmp_path / "b"), "--key-to",
                                   str(tmp_path / "b.key"))
    assert done.returncode == 0, done.stderr
    # A scratch installation, as docs/security.md advises: no tables yet, no key.
    (tmp_path / "keys" / "pseudonym.key").unlink()
    if "DATABASE_URL" in installation.env:
        import psycopg

        with psycopg.connect(installation.env["DATABASE_URL"], autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
    else:
        for database in installation.data.glob("kooperacja.sqlite3*"):
            database.unlink()

    done = installation.kooperacja("restore", str(tmp_path / "b"), "--key",
                                   str(tmp_path / "b.key"))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert installation.python(INSTITUTIONS) == "mops"
    installation.python(BIND_KEY)


SIGNED = ("from django.core.files.base import ContentFile; "
          "from kooperacja.cooperation.models import Agreement; "
          "a = Agreement(kind='intent', title='List intencyjny'); "
          "a.scan.save('list.pdf', ContentFile(b'%PDF-1.4 podpisany'))")
SCAN = ("from kooperacja.cooperation.models import Agreement; "
        "print(Agreement.objects.get().scan.read().decode())")


def test_it_backs_up_and_restores_the_files_people_attached(installation, tmp_path):
    assert installation.kooperacja("migrate", "--verbosity", "0").returncode == 0
    installation.python(SIGNED)
    done = installation.kooperacja("backup", str(tmp_path / "b"))
    assert done.returncode == 0, done.stderr
    assert '"uploads": 1' in (tmp_path / "b" / "manifest.json").read_text()
    shutil.rmtree(installation.data / "files")  # a disk lost, say
    (installation.data / "files" / "agreements").mkdir(parents=True)
    (installation.data / "files" / "agreements" / "other.pdf").write_text("not in the backup")

    done = installation.kooperacja("restore", str(tmp_path / "b"), "--replace")
    assert done.returncode == 0, done.stderr
    assert installation.python(SCAN) == "%PDF-1.4 podpisany"
    assert not (installation.data / "files" / "agreements" / "other.pdf").exists()
    assert not list(installation.data.glob("files.*"))  # nothing left beside it


def test_it_refuses_to_import_with_a_key_that_is_not_the_databases(installation, tmp_path):
    assert (
        installation.kooperacja(
            "add-institution", "mops", "--name", "MOPS", "--kind", "mops"
        ).returncode
        == 0
    )
    installation.python(BIND_KEY)
    (tmp_path / "keys" / "pseudonym.key").unlink()
    lost = installation.kooperacja("shell", "-c", BIND_KEY)
    assert "is missing" in lost.stderr and not (tmp_path / "keys" / "pseudonym.key").exists()
    other = installation.kooperacja("shell", "-c", BIND_KEY, KOOPERACJA_PSEUDONYM_KEY="cd" * 32)
    assert "does not belong to this database" in other.stderr


def test_it_explains_a_backup_folder_that_is_not_one(installation, tmp_path):
    (tmp_path / "empty").mkdir()
    done = installation.kooperacja("restore", str(tmp_path / "empty"))
    assert (
        done.returncode == 1 and "manifest.json" in done.stderr and "Traceback" not in done.stderr
    )
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    done = installation.kooperacja("backup", str(tmp_path / "full"))
    assert done.returncode == 1 and "new folder" in done.stderr
