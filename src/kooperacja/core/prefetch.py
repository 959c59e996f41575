"""Producing the next items on another thread while the caller consumes this one."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
_END = object()


def usable_cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def prefetched(items: Iterable[T], depth: int = 2) -> Iterator[T]:
    """Iterate ``items`` on a background thread, keeping up to ``depth`` of them ready.

    Worth it when both producing and consuming spend much of their time outside the GIL
    (parsing a file, NumPy, shapely, SQLite): the two then run on two cores. With one core
    the two threads could only take turns, so ``items`` is iterated in the caller's thread.
    """
    if usable_cores() < 2:
        return iter(items)
    return _prefetched(items, depth)


def _prefetched(items: Iterable[T], depth: int) -> Iterator[T]:
    """``prefetched`` on a second thread. An exception of the producer is raised here, in
    the consumer; a consumer that stops early (or fails) stops the producer, and closes
    ``items`` if it is a generator, before this one closes.
    """
    ready: queue.Queue[tuple[object, BaseException | None]] = queue.Queue(depth)
    stop = threading.Event()

    def put(item: object, error: BaseException | None = None) -> bool:
        while not stop.is_set():
            try:
                ready.put((item, error), timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
            put(_END)
        except BaseException as error:  # handed to the consumer, which raises it
            put(_END, error)
        finally:
            # A generator stopped early (say, a reader with worker processes) cleans up now.
            close = getattr(items, "close", None)
            if close is not None:
                close()

    producer = threading.Thread(target=produce, name="prefetch", daemon=True)
    producer.start()
    try:
        while True:
            item, error = ready.get()
            if error is not None:
                raise error
            if item is _END:
                return
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        producer.join()
