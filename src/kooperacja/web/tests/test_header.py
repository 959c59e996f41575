"""The header offers each role the pages of its work, and only pages it may open."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings

from kooperacja.records.models import Membership

pytestmark = pytest.mark.django_db

# The links, beyond the map and the directory, that each persona's header must offer.
OFFERED = {
    "anonymous": {"/konto/logowanie/?next=/", "/partnerstwo/"},
    "partner_a": {"/dane/upload/", "/admin/", "/konto/haslo/"},
    "steward_a": {"/dane/upload/", "/admin/"},
    "analyst_x": {"/?view=analyst"},
    "coordinator": {"/?view=analyst", "/wspolpraca/", "/admin/"},
    "admin_a": {"/dane/upload/", "/konto/osoby/", "/admin/"},
    "dpo": {"/dane/audyt/"},
    "installation": {"/?view=analyst", "/dane/upload/", "/konto/osoby/", "/dane/audyt/",
                     "/admin/"},
}


def header_links(html: str) -> set[str]:
    header = html[html.index('<header class="top">'):html.index("</header>")]
    return {href.replace("&amp;", "&") for href in re.findall(r'<a [^>]*href="([^"#]+)"', header)}


@pytest.mark.parametrize("name", list(OFFERED))
def test_it_links_each_role_to_its_pages_and_every_link_opens(client, personas, name):
    if name == "dpo":
        user = personas.partner_b
        Membership.objects.filter(user=user).update(role="dpo")
    else:
        user = getattr(personas, name)
    if name != "anonymous":
        client.force_login(user)
    links = header_links(client.get("/").content.decode())
    assert OFFERED[name] <= links, links
    for href in links:
        assert client.get(href).status_code == 200, href


@override_settings(KOOPERACJA_SITE_NAME="Kooperacja Hutnów")
def test_the_login_page_shows_the_site_s_name_not_the_host_s(client):
    page = client.get("/konto/logowanie/").content.decode()
    assert '<a class="brand" href="/">Kooperacja Hutnów</a>' in page
    assert "testserver" not in page
