"""Test set-up shared by every app (a pytest plugin, loaded with ``-p kooperacja.testing``).

It must run before pytest-django imports the settings, hence a plugin rather than a
conftest: throw-away data and key directories, no basemap, Polish as the interface language.
"""

from __future__ import annotations

import os
import sys
import tempfile
import warnings
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
import shapely

os.environ.setdefault("KOOPERACJA_DATA_DIR", tempfile.mkdtemp(prefix="kooperacja-test-"))
# The pseudonym key's folder too: tests never write to the user's real folders.
os.environ.setdefault("KOOPERACJA_KEY_DIR", tempfile.mkdtemp(prefix="kooperacja-test-keys-"))
os.environ["KOOPERACJA_TILE_URL"] = ""
os.environ.setdefault("KOOPERACJA_LANGUAGE", "pl")
# Tests sign people in directly; the second factor is tested in security/tests with it on.
os.environ.setdefault("KOOPERACJA_SECOND_FACTOR", "false")

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


PASSWORD = "secret-password-1"
# Every persona of the access rules (docs/security.md, "Roles"): attribute → role and where.
PERSONAS: dict[str, tuple[str, str | None]] = {
    "anonymous": ("", None),
    "partner_a": ("partner", "a"),
    "partner_b": ("partner", "b"),
    "steward_a": ("steward", "a"),
    "analyst_x": ("analyst", "team_x"),
    "analyst_y": ("analyst", "team_y"),
    "coordinator": ("coordinator", "team_x"),
    "admin_a": ("administrator", "a"),
    "installation": ("installation", None),
}


def build_personas(x: Any = None, y: Any = None) -> SimpleNamespace:
    """The shared cast: institution A (MOPS) of territory X, B (PUP) of territory Y, the
    diagnosis teams of X and Y, and one user per persona (e-mail ``<name>@example.org``,
    password :data:`PASSWORD`). ``x`` and ``y`` are root units; two empty ones are made
    when not given (Y is X when only X is given)."""
    from django.contrib.auth.models import AnonymousUser, User

    from kooperacja.records.models import Institution, Membership

    if x is None:
        x, y = _root_unit("X"), _root_unit("Y")
    y = y or x
    cast = SimpleNamespace(x=x, y=y, anonymous=AnonymousUser())
    for code, kind, territory in (("a", "mops", x), ("b", "pup", y), ("team_x", "other", x),
                                  ("team_y", "other", y)):
        setattr(cast, code, Institution.objects.create(
            code=code.replace("_", "-"), name=f"Institution {code.upper()}", kind=kind,
            territory=territory))
    for name, (role, institution) in PERSONAS.items():
        if name == "anonymous":
            continue
        user = User.objects.create_user(f"{name}@example.org", f"{name}@example.org", PASSWORD,
                                        is_staff=role == "installation",
                                        is_superuser=role == "installation")
        if institution is not None:
            Membership.objects.create(user=user, institution=getattr(cast, institution), role=role)
        setattr(cast, name, user)
    return cast


def _root_unit(code: str) -> Any:
    import datetime as dt

    from kooperacja.territory.models import Generation, Level, Unit

    level, _ = Level.objects.get_or_create(code="city", defaults={"name": "City", "rank": 10})
    generation, _ = Generation.objects.get_or_create(
        level=level,
        valid_from=dt.date(2020, 1, 1),
        defaults={"source": "personas", "checksum": "personas"},
    )
    unit = Unit.objects.create(generation=generation, level=level, code=code, name=f"City {code}",
                               geometry='{"type": "Polygon", "coordinates": []}', area_km2=1.0)
    unit.territory = unit
    unit.save(update_fields=["territory"])
    return unit


def approve_submissions(found: Any = None) -> int:
    """Mark submissions (the active ones when not given) approved by their data steward:
    the public sees only those while KOOPERACJA_PUBLISH_REQUIRES_APPROVAL is on
    (docs/cycle.md). Fixtures whose values tests read as the public call this once they
    have imported. Saved one by one, so the published values' version moves on."""
    from kooperacja.records.models import Submission

    chosen = Submission.objects.active() if found is None else found
    if isinstance(chosen, Submission):
        chosen = [chosen]
    approved = 0
    for submission in chosen:
        submission.review = Submission.Review.APPROVED
        submission.save(update_fields=["review"])
        approved += 1
    return approved


@pytest.fixture
def personas(db) -> SimpleNamespace:
    """:func:`build_personas` on two empty territories."""
    return build_personas()


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
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        page = browser.new_page()
        page.problems = []
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        # A request the browser cancels because the page moved on (a click on a link while
        # the map still loads) fails with ERR_ABORTED: the reader sees nothing wrong. A
        # request aborted on the page it was made for is a problem.
        navigations = 0
        started: dict[object, int] = {}

        def requested(request) -> None:
            nonlocal navigations
            navigations += request.is_navigation_request() and request.frame == page.main_frame
            started[request] = navigations

        def failed(request) -> None:
            moved_on = started.get(request, navigations) < navigations
            if not (moved_on and request.failure == "net::ERR_ABORTED"):
                page.problems.append(f"{request.url}: {request.failure}")

        page.on("request", requested)
        page.on("requestfailed", failed)
        try:
            yield page
        finally:
            browser.close()
            # While Playwright's event loop runs in this thread, asgiref's Local keeps the
            # ORM's connections per context, apart from the thread's own: those the test
            # opened are closed here, while the loop still runs (else PostgreSQL's test
            # database "is being accessed by other users" when it is dropped at the end).
            from django.db import connections

            connections.close_all()


PHONE = {"width": 375, "height": 667}
# axe-core's rules for WCAG 2.1 A and AA only (by default it adds best practices).
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def page_width(page: Any) -> int:
    """The width of the document shown, once it has loaded: a click on a link returns when
    the next page is committed, before its document exists."""
    page.wait_for_load_state("load")
    return int(page.evaluate("document.documentElement.scrollWidth"))


def axe_violations(page: Any, *, options: dict | None = None,
                   impacts: tuple[str, ...] | None = None) -> list[str]:
    """axe-core's violations on the loaded page (of ``impacts`` only, when given), each as
    its rule, impact and first elements."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")
    axe = Axe()
    found = (axe.run(page, options=options) if options else axe.run(page)).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
            for v in found if impacts is None or v["impact"] in impacts]


def assert_fits_and_passes_axe(page: Any, width: int = PHONE["width"],
                               *, impacts: tuple[str, ...] | None = None) -> None:
    """The page shown fits ``width`` (a phone's) and axe-core finds nothing wrong on it."""
    shown = page_width(page)
    assert shown <= width, (page.url, shown)
    assert axe_violations(page, impacts=impacts) == [], page.url


@pytest.fixture(autouse=True)
def _public_answers_forgotten() -> None:
    """Answers kept in memory per version of their inputs (territory/answers.py) would
    outlive the test whose rolled-back transaction took the version back."""
    answers = sys.modules.get("kooperacja.territory.answers")
    if answers is not None:
        answers.forget()


def pytest_configure(config: pytest.Config) -> None:
    _flush_sqlite_without_foreign_key_checks()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A transactional test ends with a flush; without a serialized rollback the flush
    makes the content types anew, under other keys, and the next test that restores the
    serialized database fails on them (and the code lists migrations load are gone)."""
    for item in items:
        mark = item.get_closest_marker("django_db")
        if mark and mark.kwargs.get("transaction") and not mark.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: django_db(transaction=True) needs serialized_rollback=True")


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
