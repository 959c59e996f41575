"""Hot-spot options out of range end in one clear line, not a traceback; a false-discovery
rate map that another seed could change says so."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are read in English here; one test reads the Polish default."""
    with translation.override("en"):
        yield


# The analysts see all four estates of the test city; the public too few for hot spots.
ARGS = ["hotspots", "--indicator", "poverty", "--level", "estate", "--period", "2025",
        "--audience", "analyst"]


def run(tmp_path, *extra):
    err = io.StringIO()
    out = tmp_path / "hot.csv"
    call_command(*ARGS, *extra, "--out", str(out), stderr=err, stdout=io.StringIO())
    return out, err.getvalue()


def test_it_asks_for_at_least_99_permutations(city, tmp_path):
    with pytest.raises(CommandError, match="at least 99 permutations .* not 10"):
        run(tmp_path, "--permutations", "10")
    assert not (tmp_path / "hot.csv").exists()


def test_it_refuses_a_negative_seed(city, tmp_path):
    with pytest.raises(CommandError,
                       match="seed must be a whole number from 0 to 4294967295, not -1"):
        run(tmp_path, "--seed", "-1")


def test_it_refuses_more_neighbours_than_units(city, tmp_path):
    with pytest.raises(CommandError, match="--k must be from 1 to 3: estate has 4 units"):
        run(tmp_path, "--weights", "knn", "--k", "5000")


def test_it_says_so_in_polish(city, tmp_path):
    with translation.override("pl"), pytest.raises(CommandError, match="co najmniej 99 permutacji"):
        run(tmp_path, "--permutations", "10")


def test_it_says_when_another_seed_could_draw_another_fdr_map(city, tmp_path):
    out, err = run(tmp_path, "--permutations", "99")
    parameters = json.loads(out.with_name("hot.csv.meta.json").read_text())["parameters"]
    assert parameters["fdr_depends_on_seed"] is True
    assert parameters["fdr_permutations_needed"] == 999
    assert "depends on the seed" in err and "--permutations 999" in err


def test_it_is_quiet_when_the_permutations_suffice(city, tmp_path):
    out, err = run(tmp_path, "--permutations", "999")
    parameters = json.loads(out.with_name("hot.csv.meta.json").read_text())["parameters"]
    assert parameters["fdr_depends_on_seed"] is False
    assert "seed" not in err
