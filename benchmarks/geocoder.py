"""Geocoder throughput: repeated addresses, distinct fuzzy ones, and a national register.

``run()`` yields one dict per figure; ``benchmarks/run.py`` prints them with peak memory.
Targets (issue 3): >= 100,000 records/s when most addresses repeat, >= 5,000 distinct
fuzzy queries/s, on one core, also against a 7.5-million-point register.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np

try:
    from kooperacja.core.addresses import AddressIndex, Geocoder
except ImportError:  # run from a checkout without installing the package
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from kooperacja.core.addresses import AddressIndex, Geocoder

_FIRST = ["Adama", "Józefa", "Tadeusza", "Marii", "Jana", "Stefana", "Henryka", "Juliusza"]
_ROOTS = [
    "Kowal",
    "Nowak",
    "Wiśniew",
    "Dąbrow",
    "Lewandow",
    "Zieliń",
    "Szymań",
    "Woźniak",
    "Kozłow",
    "Jankow",
    "Mazur",
    "Krawczyk",
    "Piotrow",
    "Grabow",
    "Pawłow",
    "Michal",
    "Król",
    "Wieczor",
    "Jabłoń",
    "Wróbl",
    "Majew",
    "Olszew",
    "Stępień",
    "Malinow",
    "Jaworś",
    "Adamczyk",
    "Dudek",
    "Nowic",
    "Pawlak",
    "Górec",
    "Sikor",
    "Walczak",
    "Rutkow",
    "Baran",
    "Michalak",
    "Szewczyk",
    "Ostrow",
    "Tomaszew",
    "Pietrzak",
    "Zalew",
]
_ENDINGS = ["skiego", "ckiego", "owa", "ska", "ny", "cza", "ińskiej", "kowej"]


def _street_names(rng: np.random.Generator) -> np.ndarray:
    """Distinct street names like "ul. Józefa Kowalskiego", "Nowakowa"."""
    names = []
    for root in _ROOTS:
        for ending in _ENDINGS:
            name = root + ending
            if rng.random() < 0.4:
                name = f"{rng.choice(_FIRST)} {name}"
            names.append(f"ul. {name}" if rng.random() < 0.5 else name)
    return np.array(names, dtype=object)


def _letters(i: int) -> str:
    """A locality name suffix without digits: 0 -> "Aa", 27 -> "Ba"."""
    out = ""
    while True:
        i, rest = divmod(i, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[rest] + out
        if i == 0:
            return out.rjust(2, "a").capitalize()


def _register(
    n_localities: int, streets_per_locality: int, numbers_per_street: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Register columns built by indexing small pools, so each string exists once."""
    rng = np.random.default_rng(seed)
    pool = _street_names(rng)
    localities = np.array([f"Borek {_letters(i)}" for i in range(n_localities)], dtype=object)
    numbers = np.array([str(i) for i in range(1, numbers_per_street + 1)], dtype=object)
    streets_total = n_localities * streets_per_locality
    street_of_street = np.concatenate(
        [rng.choice(len(pool), streets_per_locality, replace=False) for _ in range(n_localities)]
    )
    per_point = np.repeat(np.arange(streets_total), numbers_per_street)
    return (
        localities[per_point // streets_per_locality],
        pool[street_of_street[per_point]],
        numbers[np.tile(np.arange(numbers_per_street), streets_total)],
    )


def _written(street: str, number: str, rng: np.random.Generator, typo: bool) -> str:
    name = street.removeprefix("ul. ")
    if typo:
        word = max(name.split(), key=len)
        at = int(rng.integers(1, len(word) - 2))
        name = name.replace(word, word[:at] + word[at + 1] + word[at] + word[at + 2 :])
    form = int(rng.integers(0, 4))
    text = [
        f"ul. {name} {number}",
        f"{name.upper()} {number} m. 3",
        f"{name} {number}",
        f"ul {name} {number}/2A",
    ][form]
    return text.replace("/2A", " lok. 2")


def _queries(
    columns: tuple[np.ndarray, np.ndarray, np.ndarray], n: int, seed: int, typo: bool
) -> tuple[list[str], list[str]]:
    rng = np.random.default_rng(seed)
    localities, streets, numbers = columns
    rows = rng.choice(len(numbers), n, replace=False)
    addresses = [_written(streets[r], numbers[r], rng, typo) for r in rows]
    return addresses, [localities[r] for r in rows]


def _timed(name: str, records: int, started: float, **extra: object) -> dict:
    seconds = time.perf_counter() - started
    return {
        "name": name,
        "records": records,
        "seconds": round(seconds, 3),
        "records_per_s": round(records / seconds),
        **extra,
    }


def _throughput(
    label: str, index: AddressIndex, columns: tuple, n_queries: int, n_distinct: int
) -> Iterator[dict]:
    geocoder = Geocoder(index)
    distinct, places = _queries(columns, n_distinct, seed=1, typo=False)
    rng = np.random.default_rng(2)
    # Real extracts repeat a few addresses many times: draw with a Zipf-like weight.
    weights = 1.0 / np.arange(1, n_distinct + 1) ** 0.8
    picks = rng.choice(n_distinct, n_queries, p=weights / weights.sum())
    addresses = np.array(distinct, dtype=object)[picks]
    localities = np.array(places, dtype=object)[picks]
    started = time.perf_counter()
    result = geocoder.geocode(addresses, localities)
    yield _timed(
        f"geocode_repeated_{label}",
        n_queries,
        started,
        distinct=result.n_distinct,
        matched_share=round(result.counts()["matched"] / n_queries, 4),
    )

    typos, typo_places = _queries(columns, n_distinct // 4, seed=3, typo=True)
    geocoder = Geocoder(index)
    started = time.perf_counter()
    result = geocoder.geocode(typos, typo_places)
    fuzzy = int((result.method == "fuzzy").sum())
    yield _timed(
        f"geocode_fuzzy_distinct_{label}",
        len(typos),
        started,
        fuzzy_share=round(fuzzy / len(typos), 4),
        matched_share=round(result.counts()["matched"] / len(typos), 4),
    )


def run(quick: bool = False) -> Iterator[dict]:
    """Yield geocoder benchmark figures.

    Parameters
    ----------
    quick : bool
        Small sizes for a smoke run.

    Yields
    ------
    dict
        ``name``, ``records``, ``seconds``, ``records_per_s`` and extra figures.
    """
    city_localities = 2
    city = _register(city_localities, 150 if quick else 300, 20 if quick else 60, seed=5)
    started = time.perf_counter()
    index = AddressIndex.build(*city)
    yield _timed("build_city_register", index.n_points, started)
    n_queries, n_distinct = (50_000, 2_000) if quick else (1_000_000, 20_000)
    yield from _throughput(
        "city_1m" if not quick else "city",
        index,
        city,
        n_queries,
        min(n_distinct, index.n_points // 2),
    )

    # 25,000 localities x 20 streets x 15 numbers = 7.5 million points.
    national = _register(*((2_000, 25, 10) if quick else (25_000, 20, 15)), seed=6)
    started = time.perf_counter()
    index = AddressIndex.build(*national)
    yield _timed(
        "build_national_register",
        index.n_points,
        started,
        index_array_mb=round(index.memory_bytes() / 2**20, 1),
    )
    yield from _throughput(
        "national_1m" if not quick else "national", index, national, n_queries, n_distinct
    )
