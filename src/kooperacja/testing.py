"""Test set-up shared by every app (a pytest plugin, loaded with ``-p kooperacja.testing``).

It must run before pytest-django imports the settings, hence a plugin rather than a
conftest: a throw-away data directory, no basemap, Polish as the interface language.
"""

from __future__ import annotations

import os
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pytest
import shapely

os.environ.setdefault("KOOPERACJA_DATA_DIR", tempfile.mkdtemp(prefix="kooperacja-test-"))
os.environ["KOOPERACJA_TILE_URL"] = ""
os.environ.setdefault("KOOPERACJA_LANGUAGE", "pl")

# Real sample files (PRG, TERYT) kept in the repository: tests/data/README.md says whence.
SAMPLE_DATA = Path(__file__).resolve().parents[2] / "tests" / "data"


@pytest.fixture
def sample_data() -> Path:
    """The real sample files in tests/data (PRG address points, the TERC register)."""
    return SAMPLE_DATA


def write_layer(
    path: Path,
    geometries: list[shapely.Geometry],
    fields: dict[str, list[object]],
    crs: str | None,
    driver: str | None = None,
    encoding: str | None = None,
) -> Path:
    """Write a vector file with pyogrio, as GIS software would hand it over."""
    from pyogrio.raw import write

    columns = list(fields)
    arrays = [np.asarray(fields[c], dtype=object) for c in columns]
    kinds = {shapely.get_type_id(g) for g in geometries}
    geometry_type = "MultiPolygon" if 6 in kinds else "Polygon"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # pyogrio warns when crs is None on purpose
        write(
            path, shapely.to_wkb(np.asarray(geometries, dtype=object)), arrays, columns,
            geometry_type=geometry_type, crs=crs, driver=driver, encoding=encoding,
        )
    return path


@pytest.fixture
def layer_writer():
    return write_layer


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def browser_page():
    """A page in a real headless Chromium (Debian's), driven by Playwright.

    Console errors and failed requests are collected in ``page.problems``.
    """
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/test installs it)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        page = browser.new_page()
        page.problems = []
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        page.on("requestfailed", lambda r: page.problems.append(f"{r.url}: {r.failure}"))
        try:
            yield page
        finally:
            browser.close()


@pytest.fixture(autouse=True)
def _public_answers_forgotten() -> None:
    """Answers kept in memory per version of their inputs (territory/answers.py) would
    outlive the test whose rolled-back transaction took the version back."""
    answers = sys.modules.get("kooperacja.territory.answers")
    if answers is not None:
        answers.forget()


def pytest_configure(config: pytest.Config) -> None:
    _flush_sqlite_without_foreign_key_checks()


def _flush_sqlite_without_foreign_key_checks() -> None:
    """Transactional tests end with a flush that empties every table in an order set by
    the hash seed. On SQLite, deleting the address points before the records checks each
    point against the records' unindexed point column: with a demo city that took 50 s per
    test. The flush empties every table, so the checks prove nothing; it runs without them."""
    # The backend module first: importing its operations module alone is circular.
    from django.db.backends.sqlite3.base import DatabaseOperations

    flush = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: DatabaseOperations, sql_list: list[str]) -> None:
        with self.connection.constraint_checks_disabled():
            flush(self, sql_list)

    DatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
