"""The administration's lists name their columns in the reader's language, the links to
other records included."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kooperacja.records.models import Submission

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path, column, label", [
    ("/admin/records/submission/", "institution", "Instytucja"),
    ("/admin/records/membership/", "institution", "Instytucja"),
    ("/admin/records/membership/", "user", "Użytkownik"),
    ("/admin/territory/unit/", "level", "Poziom"),
    ("/admin/territory/unit/", "generation", "Generacja granic"),
    ("/admin/territory/generation/", "level", "Poziom"),
])
def test_it_names_link_columns_in_polish(client, personas, path, column, label):
    Submission.objects.create(institution=personas.a, period="2025", layout="mops",
                              period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31))
    client.force_login(personas.installation)
    page = client.get(path).content.decode()
    header = re.search(rf'<th scope="col" class="[^"]*column-{column}[^"]*">(.*?)</th>', page,
                       flags=re.DOTALL)
    assert header and label in header.group(1), header and header.group(1)
