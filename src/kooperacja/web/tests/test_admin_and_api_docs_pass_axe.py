"""The API's documentation (Swagger UI) and the administration's pages with widgets (date
and time pickers, a two-list selector, raw-id lookups, the change list's filters and
actions) pass axe-core's WCAG 2.1 AA checks, as the site's own pages do."""

from __future__ import annotations

import pytest

from kooperacja.records.models import Membership
from kooperacja.resources.models import Resource, ResourceKind
from kooperacja.testing import PASSWORD, WCAG, axe_violations, build_personas

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_api_documentation_passes_axe(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/api/v1/docs")
    page.wait_for_selector(".opblock-tag", timeout=30_000)
    assert axe_violations(page, options=WCAG) == []
    page.locator(".opblock-summary").first.click()  # an operation opened, with its parameters
    page.wait_for_selector(".opblock-body", timeout=10_000)
    assert axe_violations(page, options=WCAG) == []
    assert page.problems == []


def test_administration_pages_with_widgets_pass_axe(live_server, browser_page):
    cast = build_personas()
    resource = Resource.objects.create(name="Punkt A", kind=ResourceKind.objects.first(),
                                       owner=cast.a, is_public=True)
    page, base = browser_page, live_server.url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "installation@example.org")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit], button[type=submit]").first.click()
    page.wait_for_url(base + "/admin/")
    found = {}
    for path in ("/admin/", "/admin/resources/resource/",
                 f"/admin/resources/resource/{resource.pk}/change/",
                 "/admin/resources/resource/add/",
                 f"/admin/records/membership/{Membership.objects.first().pk}/change/",
                 "/admin/records/submission/", "/admin/records/auditevent/",
                 "/admin/auth/user/add/", f"/admin/auth/user/{cast.partner_a.pk}/change/"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        wrong = axe_violations(page, options=WCAG)
        if wrong:
            found[path] = wrong
    assert found == {}
