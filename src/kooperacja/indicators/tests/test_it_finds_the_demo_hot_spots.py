"""Hot spots on the demo city find the clusters its generator planted (manifest hot_spots)."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from kooperacja.indicators.models import Indicator
from kooperacja.indicators.services.spatial import hotspots
from kooperacja.records.models import Institution, Submission

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo(tmp_path):
    directory = tmp_path / "files"
    call_command("demo", "--build-only", "--dir", str(directory))
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    # Until records' import is one of the demo's steps, load the MOPS extract here.
    if not Submission.objects.filter(status="active", institution__kind="mops").exists():
        mops = manifest["files"]["mops"]
        if not Institution.objects.filter(code=mops["load"]["institution"]).exists():
            call_command("add_institution", mops["load"]["institution"], "--name", "MOPS", "--kind",
                         "mops")
        call_command("import_records", str(directory / mops["path"]), "--institution",
                     mops["load"]["institution"], "--period", mops["load"]["period"], "--layout",
                     "mops")
    return manifest


def test_it_finds_both_planted_clusters_and_nothing_else_high(demo):
    planted = demo["hot_spots"]
    result = hotspots(Indicator.objects.get(code="poverty"), "estate", "2025", "lisa",
                      smoothed=True, permutations=999, seed=0, fdr=False, audience="analyst")
    high = {row["unit_code"] for row in result.rows if row["cluster"] == "HH"}
    assert high, "no high-high cluster at all"
    assert high <= set(planted["estates"])
    for cluster in planted["clusters"]:
        assert high & set(cluster), f"planted cluster {cluster} not found"
    assert result.metadata["parameters"]["seed"] == 0 and result.islands == []
