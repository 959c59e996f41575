"""The guard against a re-import that would retire much of what is there: a boundary file
of the wrong level or area, or a register extract of one gmina for a city's, would
otherwise quietly retire most units or address points (issue 21; munigeo's importer has
the same guard). The share is a setting; the commands' ``--allow-retire`` confirms."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from kooperacja.core.errors import Plural, UserError, ngettext_noop

UNITS = ngettext_noop(
    "the file would retire %(retired)d of the level's %(before)d unit (%(percent)d %%), "
    "more than %(limit)d %%; check that it is the right level and area, or confirm with "
    "--allow-retire",
    "the file would retire %(retired)d of the level's %(before)d units (%(percent)d %%), "
    "more than %(limit)d %%; check that it is the right level and area, or confirm with "
    "--allow-retire",
    "before",
)
POINTS = ngettext_noop(
    "the file would retire %(retired)d of the %(before)d address point of its gminas "
    "(%(percent)d %%), more than %(limit)d %%; check that it is the whole register of "
    "those gminas, or confirm with --allow-retire",
    "the file would retire %(retired)d of the %(before)d address points of its gminas "
    "(%(percent)d %%), more than %(limit)d %%; check that it is the whole register of "
    "those gminas, or confirm with --allow-retire",
    "before",
)


def check_retirement(path: Path | str, message: Plural, retired: int, before: int,
                     allow: bool) -> None:
    """Refuse (a :class:`UserError` naming ``path``) to retire ``retired`` of ``before``
    when that is more than ``KOOPERACJA_RETIRE_PERCENT`` percent, unless ``allow``."""
    limit = int(settings.KOOPERACJA_RETIRE_PERCENT)
    if allow or not before or retired * 100 <= limit * before:
        return
    raise UserError(path, message, {"retired": retired, "before": before, "limit": limit,
                                    "percent": round(retired * 100 / before)})
