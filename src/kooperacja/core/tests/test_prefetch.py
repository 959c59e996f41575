"""Producing items on another thread: order, errors and stopping early."""

from __future__ import annotations

import threading

import pytest

from kooperacja.core import prefetch
from kooperacja.core.prefetch import prefetched


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    monkeypatch.setattr(prefetch, "usable_cores", lambda: 2)


def test_it_yields_every_item_in_order():
    assert list(prefetched(iter(range(1000)), depth=3)) == list(range(1000))


def test_it_produces_on_another_thread_ahead_of_the_consumer():
    produced: list[str] = []

    def items():
        for i in range(3):
            produced.append(threading.current_thread().name)
            yield i

    consumer = prefetched(items(), depth=2)
    assert next(consumer) == 0
    assert list(consumer) == [1, 2]
    assert set(produced) == {"prefetch"}


def test_with_one_core_it_produces_in_the_callers_thread(monkeypatch):
    monkeypatch.setattr(prefetch, "usable_cores", lambda: 1)
    produced: list[str] = []

    def items():
        for i in range(3):
            produced.append(threading.current_thread().name)
            yield i

    assert list(prefetched(items())) == [0, 1, 2]
    assert produced == [threading.current_thread().name] * 3


def test_it_raises_the_producers_error_where_the_item_would_have_come():
    def items():
        yield 1
        raise ValueError("line 2 is broken")

    consumer = prefetched(items())
    assert next(consumer) == 1
    with pytest.raises(ValueError, match="line 2 is broken"):
        next(consumer)


def test_a_consumer_that_stops_early_stops_the_producer():
    closed = threading.Event()

    def items():
        try:
            yield from range(1_000_000)
        finally:
            closed.set()

    consumer = prefetched(items(), depth=1)
    assert next(consumer) == 0
    consumer.close()
    assert not any(t.name == "prefetch" for t in threading.enumerate())
    assert closed.wait(5)
