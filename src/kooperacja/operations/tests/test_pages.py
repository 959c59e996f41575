"""Error pages in the site's look and the visitor's language; API docs without a CDN."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_it_shows_a_translated_page_for_a_missing_address(client):
    page = client.get("/nie-ma-takiej-strony/")
    assert page.status_code == 404
    html = page.content.decode()
    assert "Nie znaleziono strony" in html and "web/site.css" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Page not found" in client.get("/nie-ma-takiej-strony/").content.decode()


def test_it_shows_a_translated_page_for_a_server_error(rf):
    with translation.override("pl"):  # as the language middleware left it
        page = server_error(rf.get("/"))
    assert page.status_code == 500 and "Błąd serwera" in page.content.decode()


def test_the_api_docs_load_nothing_from_other_sites(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', html)
