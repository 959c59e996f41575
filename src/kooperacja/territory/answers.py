"""Answers built once per version of their inputs: the one mechanism for every stored
answer.

An answer (the units' GeoJSON, the map page's data, the directory, the resources near an
address, an indicator's published values) changes only when an import or an edit changes
what it shows. Its inputs have a version, one row of a model (:class:`Inputs`), and every
change to them moves the version on in its own transaction (the apps' receivers call
``changed``), so once the change commits no answer built before it is served again. The
version is read before building, so an answer built while its inputs change carries the
older version and is built again on the next request. One build per key at a time
(:func:`one_at_a_time`): the requests that arrive while it runs wait for its result.

Two stores share that rule: :func:`stored` keeps whole answers in each server process's
memory (a request costs one query for the version); indicators/services/published.py
keeps published values in the database, stamped with the version. The public site's
answers have the version ``PublicInputs`` (:func:`current`, :func:`inputs_changed`).
docs/benchmarks.md tells what this saves.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from django.db import connection, models
from django.db.models import F, Subquery
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

from kooperacja.territory.models import PublicInputs

T = TypeVar("T")
# Answers of older versions are dropped when a newer one is stored; this bounds the
# answers of one version, the oldest going first: the directory is keyed by its search, and
# 500 of its pages take about 20 MB.
MAX_ANSWERS = 500


@dataclass(frozen=True)
class Version:
    number: int
    changed_at: datetime | None


class Inputs:
    """The version of some answers' inputs: the one row (pk 1) of ``model``, with a
    ``version`` and, when ``dated``, a ``changed_at`` (an answer's Last-Modified)."""

    def __init__(self, model: type[models.Model], dated: bool = True) -> None:
        self.model = model
        self.dated = dated
        table = model._meta.db_table
        when = "changed_at" if dated else "NULL"
        self._sql = f"SELECT version, {when} FROM {table} WHERE id = 1"

    def changed(self) -> None:
        """Move the version on, in the transaction that changes the inputs: once it
        commits every answer built before is stale, and if it rolls back none is."""
        now = {"changed_at": timezone.now()} if self.dated else {}
        manager = self.model._default_manager
        if not manager.filter(pk=1).update(version=F("version") + 1, **now):
            manager.get_or_create(pk=1, defaults={"version": 1, **now})

    def current(self) -> Version:
        # Plain SQL: it runs on every request, and compiling the ORM's query took about as
        # long as the rest of a stored answer (docs/benchmarks.md).
        with connection.cursor() as cursor:
            cursor.execute(self._sql)
            found = cursor.fetchone()
        if found is None:
            return Version(0, None)
        number, changed_at = found
        if isinstance(changed_at, str):
            changed_at = parse_datetime(changed_at)
        if changed_at is not None and changed_at.tzinfo is None:  # SQLite's, kept in UTC
            changed_at = changed_at.replace(tzinfo=UTC)
        return Version(number, changed_at)

    def now(self) -> Subquery:
        """The current version inside a query (``filter(inputs_version=...now())``)."""
        return Subquery(self.model._default_manager.filter(pk=1).values("version")[:1])


PUBLIC = Inputs(PublicInputs)


# Called after ``inputs_changed`` (web/services/warm.py queues the building of the
# answers the first visitors would otherwise wait for).
_after_change: list[Callable[[], None]] = []


def after_change(callback: Callable[[], None]) -> None:
    """Call ``callback`` at every change of the public answers' inputs, in its transaction."""
    if callback not in _after_change:
        _after_change.append(callback)


def inputs_changed(*args: Any, **kwargs: Any) -> None:
    """The public answers' inputs changed (a signal receiver too): ``PUBLIC.changed``."""
    PUBLIC.changed()
    for callback in _after_change:
        callback()


def current() -> Version:
    """The public answers' version."""
    return PUBLIC.current()


_answers: dict[Hashable, tuple[Version, Any]] = {}
_newest = 0
_guard = threading.Lock()
_locks: dict[Hashable, threading.Lock] = {}


@contextmanager
def one_at_a_time(key: Hashable) -> Iterator[None]:
    """One build of ``key``'s answer at a time in this process; a build that fails keeps
    no lock."""
    with _guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:
        try:
            yield
        except BaseException:
            with _guard:
                _locks.pop(key, None)
            raise


def stored(key: Hashable, build: Callable[[], T], version: Version | None = None) -> T:
    """The answer for ``key`` built by ``build()`` at the public answers' current version
    (or ``version``): from memory when built at this version already, else built now (once,
    however many requests wait)."""
    version = version or current()
    found = _answers.get(key)
    if found is not None and found[0] == version:
        return found[1]  # type: ignore[no-any-return]
    with one_at_a_time(key):
        found = _answers.get(key)
        if found is not None and found[0] == version:
            return found[1]  # type: ignore[no-any-return]
        value = build()
        _keep(key, version, value)
        return value


def _keep(key: Hashable, version: Version, value: object) -> None:
    global _newest
    with _guard:
        if version.number > _newest:
            _newest = version.number
            stale = [k for k, (v, _) in _answers.items() if v.number < version.number]
            for k in stale:
                del _answers[k]
                _locks.pop(k, None)
        if len(_answers) >= MAX_ANSWERS and key not in _answers:
            oldest = next(iter(_answers))
            del _answers[oldest]
            _locks.pop(oldest, None)
        _answers[key] = (version, value)


def forget() -> None:
    """Drop every stored answer (the tests, whose rolled-back transactions take the
    version back)."""
    global _newest
    with _guard:
        _answers.clear()
        _locks.clear()
        _newest = 0


@dataclass(frozen=True)
class Body:
    """A stored HTTP body, kept compressed too, with its entity tag."""

    content: bytes
    gzipped: bytes
    etag: str
    content_type: str


def body(text: str, content_type: str) -> Body:
    content = text.encode()
    # Weak: the plain and the gzip-compressed body are the same answer.
    etag = f'W/"{hashlib.sha256(content).hexdigest()[:32]}"'
    return Body(content, gzip.compress(content, compresslevel=6, mtime=0), etag, content_type)


def version_etag(version: Version, key: Hashable) -> str:
    """An entity tag known before the answer is built: the inputs' version (its number and
    when it moved, which a restored backup brings back with the inputs), the code's version
    and the answer's parameters (``key``)."""
    from kooperacja import __version__

    changed = version.changed_at.timestamp() if version.changed_at else 0
    digest = hashlib.sha256(repr((__version__, key)).encode()).hexdigest()[:20]
    return f'W/"{version.number}.{changed:.0f}-{digest}"'


def answer(request: HttpRequest, key: Hashable, build: Callable[[], Body],
           version: Version | None = None, private: bool = False,
           keep: bool = True) -> HttpResponse:
    """The answer for ``key`` (:func:`stored`; built for this request alone unless
    ``keep``: answers of too many keys to keep, such as a map's views) with an entity tag of
    the version and ``key`` (:func:`version_etag`): a client that has it gets 304 without
    the answer being built, in any process."""
    version = version or current()
    etag = version_etag(version, key)
    modified = version.changed_at.timestamp() if version.changed_at else None
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is not None:
        return _headers(response, etag, modified, private)
    built = stored(key, build, version) if keep else build()
    return respond(request, built, version, private, etag=etag)


def respond(request: HttpRequest, stored_body: Body, version: Version,
            private: bool = False, etag: str | None = None) -> HttpResponse:
    """The stored body as an answer: 304 when the client has it (If-None-Match or
    If-Modified-Since), gzip-compressed when the client accepts it. Its entity tag is the
    body's digest unless ``etag`` is given."""
    etag = etag or stored_body.etag
    modified = version.changed_at.timestamp() if version.changed_at else None
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            response = HttpResponse(stored_body.gzipped, content_type=stored_body.content_type)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(stored_body.content, content_type=stored_body.content_type)
    return _headers(response, etag, modified, private)


def _headers(response: HttpResponse, etag: str, modified: float | None,
             private: bool) -> HttpResponse:
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = "private, no-cache" if private else "no-cache"
    # The language and the login come in cookies.
    patch_vary_headers(response, ["Accept-Encoding", "Cookie"])
    return response
