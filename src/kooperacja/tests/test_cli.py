"""The `kooperacja` command as a user runs it: a separate process, its own data directory."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import shapely


def kooperacja(tmp_path, *args: str, language: str = "pl_PL.UTF-8") -> subprocess.CompletedProcess:
    env = {**os.environ, "KOOPERACJA_DATA_DIR": str(tmp_path / "data"), "LANG": language}
    for name in ("DATABASE_URL", "KOOPERACJA_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "kooperacja", *args], env=env, capture_output=True,
                          text=True, timeout=120)


def test_it_lists_every_command_with_its_purpose(tmp_path):
    result = kooperacja(tmp_path, "--help")
    assert result.returncode == 0
    for command in ("import-units", "import-population", "import-teryt", "make-grid", "serve",
                    "demo", "import-addresses", "geocode"):
        assert command in result.stdout
    assert "Polecenia:" in result.stdout


@pytest.mark.parametrize("command", ["import-units", "demo", "import-addresses", "geocode"])
def test_it_explains_each_command(tmp_path, command):
    result = kooperacja(tmp_path, command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout and "--" in result.stdout


def test_it_refuses_bad_input_in_one_polish_line_without_a_traceback(tmp_path, layer_writer):
    path = layer_writer(tmp_path / "granice.shp", [shapely.box(0, 0, 1, 1)],
                        {"kod": ["A"], "nazwa": ["A"]}, None)
    result = kooperacja(tmp_path, "import-units", str(path), "--level", "district",
                        "--code-field", "kod", "--name-field", "nazwa")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "granice.shp" in lines[0] and "układu współrzędnych" in lines[0] and "--crs" in lines[0]

    english = kooperacja(tmp_path, "import-units", str(path), "--level", "district",
                         "--code-field", "kod", "--name-field", "nazwa", language="en_GB.UTF-8")
    assert "coordinate reference system" in english.stderr


def test_it_creates_the_data_directory_and_database_on_first_use(tmp_path, layer_writer):
    path = layer_writer(tmp_path / "d.geojson", [shapely.box(19, 50, 19.1, 50.1)],
                        {"kod": ["D1"], "nazwa": ["Śródmieście"]}, "EPSG:4326", driver="GeoJSON")
    result = kooperacja(tmp_path, "import-units", str(path), "--level", "district",
                        "--code-field", "kod", "--name-field", "nazwa")
    assert result.returncode == 0, result.stderr
    assert "zaimportowano 1" in result.stdout
    assert (tmp_path / "data" / "kooperacja.sqlite3").exists()
    assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o077 == 0


def test_it_serves_pages_and_static_files_with_debug_off(tmp_path):
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "KOOPERACJA_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    env.pop("KOOPERACJA_DEBUG", None)
    server = subprocess.Popen([sys.executable, "-m", "kooperacja", "serve", "--port", str(port)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):  # up to a minute: a fresh database is migrated first
            try:
                page = urllib.request.urlopen(base + "/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not answer")
        assert "kooperacja demo" in page  # the empty state explains what to do
        leaflet = urllib.request.urlopen(base + "/static/leaflet/leaflet.js", timeout=5)
        assert leaflet.status == 200 and b"Leaflet" in leaflet.read(4096)
        schema = urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=5)
        assert b"/api/v1/units" in schema.read()
    finally:
        server.terminate()
        server.wait(timeout=10)
