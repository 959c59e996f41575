"""Load on the served site: `kooperacja serve` (waitress) on loopback with the demo city,
100 concurrent clients for 60 s over the map page, the units' GeoJSON, an indicator's
values, the directory of resources, help near an address and the geocoder.

Target (issue 16): at least 300 requests/s overall on a 2-core machine, p95 under 500 ms
for the map's API calls (units, indicator values), no error. The load generator (one
asyncio process, aiohttp) shares the machine's cores with the server.

Each client connects from its own loopback address (127.0.1.N; Linux routes the whole
127/8 to the loopback interface), so limits per client address, such as those of the
geocoder and "near an address", meet 100 clients rather than one; answers 429 are counted
as ``limited``, apart from errors. Every client keeps its connection open and runs through
the endpoints in turn, each client starting at another one.

``LOAD_DATA_DIR`` names an already built demo data directory to use instead of building one
(a copy is not made: the run adds its stored published values and audit events to it);
``LOAD_THREADS`` sets waitress's threads per process (default: serve's own, 8) and
``LOAD_PROCESSES`` serve's processes (default: serve's own, one per core).

The figures name the CPU seconds of the server (all its processes) and of this load
generator during the run, and the machine's load average before and after: the generator
shares the cores it measures, and so does any other work on the machine.
"""

from __future__ import annotations

import asyncio
import csv
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

CLIENTS, SECONDS = 100, 60
MAP_API = ("units", "values")


def run(quick: bool = False) -> Iterator[dict]:
    clients, seconds = (20, 10) if quick else (CLIENTS, SECONDS)
    given = os.environ.get("LOAD_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="kooperacja-bench-load-") as tmp:
        data = Path(given) if given else Path(tmp) / "data"
        # Throughput is measured, not the rate limits of geocoding and "near" (30 a minute
        # per client by default, docs/security.md): they are raised for the run.
        env = {
            **os.environ,
            "KOOPERACJA_DATA_DIR": str(data),
            "KOOPERACJA_KEY_DIR": os.environ.get("KOOPERACJA_KEY_DIR", str(Path(tmp) / "key")),
            "KOOPERACJA_RATE_LIMIT_GEOCODE": "1000000/m",
            "KOOPERACJA_RATE_LIMIT_NEAR": "1000000/m",
        }
        env.pop("DATABASE_URL", None)
        if not given:
            subprocess.run([sys.executable, "-m", "kooperacja", "demo", "--build-only"], env=env,
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = _free_port()
        threads, processes = os.environ.get("LOAD_THREADS"), os.environ.get("LOAD_PROCESSES")
        server = subprocess.Popen(
            [sys.executable, "-m", "kooperacja", "serve", "--port", str(port),
             *(["--threads", threads] if threads else []),
             *(["--processes", processes] if processes else [])],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(base)
            urls = _urls(base, data / "demo" / "addresses.csv")
            load_before = os.getloadavg()
            started = time.perf_counter()
            cpu_before = _server_cpu(server.pid), time.process_time()
            results = asyncio.run(_load(urls, clients, seconds))
            elapsed = time.perf_counter() - started
            cpu = _server_cpu(server.pid) - cpu_before[0], time.process_time() - cpu_before[1]
            load_after = os.getloadavg()
        finally:
            server.terminate()
            server.wait(timeout=30)
    yield from _figures(results, elapsed, clients, seconds, cpu)
    yield {"name": "load_setting", "waitress_threads": threads or "8",
           "server_processes": processes or "serve's default",
           "load_average_before": [round(x, 2) for x in load_before],
           "load_average_after": [round(x, 2) for x in load_after]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(base: str) -> None:
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{base}/api/v1/levels", timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not answer within 60 s")


def _get_json(url: str) -> object:
    import json

    with urllib.request.urlopen(url, timeout=120) as response:
        return json.load(response)


def _urls(base: str, addresses: Path) -> dict[str, list[str]]:
    """Each endpoint's URLs; the indicator values are asked for once first, as the first
    visitor after an import would (computed then, served as stored afterwards)."""
    from urllib.parse import quote

    indicator = next(i for i in _get_json(f"{base}/api/v1/indicators") if i["default_period"])
    values = (f"{base}/api/v1/indicators/{indicator['id']}/values"
              f"?level=estate&period={indicator['default_period']}")
    _get_json(values)
    with addresses.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    picked = random.Random(16).sample(rows, 200)
    written = [f"{r['ulica']} {r['numer_porzadkowy']}, {r['miejscowosc']}" for r in picked]
    return {
        "map": [f"{base}/"],
        "units": [f"{base}/api/v1/units?level=estate"],
        "values": [values],
        "directory": [f"{base}/zasoby/"],
        "near": [f"{base}/api/v1/resources/near?address={quote(a)}" for a in written[:100]],
        "geocode": [f"{base}/api/v1/addresses/geocode?q={quote(a)}" for a in written[100:]],
    }


async def _load(urls: dict[str, list[str]], clients: int, seconds: float
                ) -> list[tuple[str, int | str, float]]:
    import aiohttp

    names = list(urls)
    results: list[tuple[str, int | str, float]] = []
    deadline = time.perf_counter() + seconds

    async def client(n: int) -> None:
        connector = aiohttp.TCPConnector(limit=1, local_addr=(f"127.0.1.{n + 1}", 0))
        timeout = aiohttp.ClientTimeout(total=30)
        headers = {"Accept-Encoding": "gzip"}
        # The bodies are counted, not read: decompressing them would take the server's CPU.
        async with aiohttp.ClientSession(connector=connector, timeout=timeout, headers=headers,
                                         auto_decompress=False) as session:
            i = n
            while time.perf_counter() < deadline:
                name = names[i % len(names)]
                i += 1
                url = random.choice(urls[name])
                started = time.perf_counter()
                try:
                    async with session.get(url) as response:
                        await response.read()
                        status = response.status
                except (aiohttp.ClientError, TimeoutError) as exc:
                    status = type(exc).__name__  # no answer within 30 s, or the connection failed
                results.append((name, status, time.perf_counter() - started))

    await asyncio.gather(*(client(n) for n in range(clients)))
    return results


def _server_cpu(pid: int) -> float:
    """CPU seconds of the server and the processes it forked."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return sum(_cpu_seconds(int(p)) for p in [pid, *children])


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _figures(
    results: list[tuple[str, int | str, float]],
    elapsed: float,
    clients: int,
    seconds: int,
    cpu: tuple[float, float],
) -> Iterator[dict]:
    def summary(rows: list[tuple[str, int | str, float]]) -> dict:
        times = sorted(t for _, _, t in rows)
        return {
            "requests": len(rows), "requests_per_s": round(len(rows) / elapsed, 1),
            "p50_ms": round(1000 * times[len(times) // 2], 1) if times else None,
            "p95_ms": round(1000 * times[int(len(times) * 0.95)], 1) if times else None,
            "errors": sum(1 for _, s, _ in rows if s != 200 and s != 429),
            "limited": sum(1 for _, s, _ in rows if s == 429),
            "error_statuses": dict(Counter(str(s) for _, s, _ in rows if s not in (200, 429))),
        }

    for name in dict.fromkeys(n for n, _, _ in results):
        yield {"name": f"load_{name}", **summary([r for r in results if r[0] == name])}
    map_api = [r for r in results if r[0] in MAP_API]
    yield {"name": "load_map_api", **summary(map_api)}
    yield {"name": "load_overall", "clients": clients, "seconds": seconds,
           "server_cpu_s": round(cpu[0], 1), "generator_cpu_s": round(cpu[1], 1),
           "generator_cpu_share": round(cpu[1] / (cpu[0] + cpu[1]), 2) if any(cpu) else None,
           **summary(results)}
