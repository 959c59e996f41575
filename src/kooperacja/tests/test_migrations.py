"""Migrations: they run from an empty database on what they hold themselves, and leave the
database with the code lists and indicators the code ships."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kooperacja
from kooperacja.core.submissions.codelists import load_seed
from kooperacja.indicators.definitions import BUILTIN, parse_definitions

MIGRATIONS = sorted(Path(kooperacja.__file__).parent.glob("*/migrations/0*.py"))


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_it_finds_the_migrations():
    assert len(MIGRATIONS) >= 10


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_it_migrates_without_the_project_code(path):
    """A migration that read live code would change, or break, when that code changes."""
    live = sorted(m for m in imported_modules(path) if m.split(".")[0] == "kooperacja")
    assert not live, f"{path.name} imports {live}: freeze the data into the migration"


@pytest.mark.django_db
def test_the_migrated_database_holds_the_seed_code_lists():
    from kooperacja.records.models import Code

    stored = {(c.code_list.code, c.code): (c.label_pl, c.label_en, sorted(c.aliases),
                                           c.instrument_type.code if c.instrument_type else "")
              for c in Code.objects.select_related("code_list", "instrument_type")}
    seed = {(name, e["code"]): (e["label_pl"], e["label_en"], sorted(e.get("aliases", [])),
                                e.get("instrument_type", ""))
            for name, spec in load_seed().items() for e in spec["codes"]}
    assert stored == seed, "the seed changed: add a data migration that brings the change"


@pytest.mark.django_db
def test_the_migrated_database_holds_the_builtin_indicators():
    from kooperacja.indicators.models import Indicator

    for definition in parse_definitions(BUILTIN):
        stored = Indicator.objects.filter(code=definition["code"]).values(*definition).get()
        assert stored == definition, "builtin.toml changed: add a data migration that brings it"
