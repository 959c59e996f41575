"""The diagnosis report as plain data: chapters of paragraphs, tables, figures and the
recommendations the team writes; built from the published (disclosure-controlled) values by
``build_report`` and written out by ``render.render`` (DOCX, PDF, HTML).

The interface (the dataclasses, ``TEMPLATES``, ``build_report``) is what the web page
``/raporty/`` and saved reports build on; keep it stable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_

Audience = Literal["public", "analyst"]


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    """A real table: ``columns`` are the header, each row as many cells (already formatted
    strings: a hidden value is written as the protection's mark, never as a number)."""

    caption: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    note: str = ""


@dataclass(frozen=True)
class Figure:
    """A chart or map drawn on the server (PNG), with its text alternative and the table of
    the numbers it shows (for screen readers and for the reader who wants the numbers)."""

    caption: str
    png: bytes
    alt: str
    table: Table | None = None


@dataclass(frozen=True)
class Recommendations:
    """The table of recommendations the team writes: rows of (text, indicators, units)
    (indicators and units as comma-separated codes or names). Empty rows leave room."""

    rows: Sequence[tuple[str, str, str]] = ()


Block = Paragraph | Table | Figure | Recommendations


@dataclass(frozen=True)
class Chapter:
    """One chapter. ``key`` is stable (the narrative the team edits is keyed by it);
    ``empty_note`` says why a chapter has no data (then ``blocks`` may be empty)."""

    key: str
    title: str
    blocks: Sequence[Block] = ()
    empty_note: str = ""


@dataclass(frozen=True)
class Report:
    """The report: its chapters, then its sources (rows of text), the parameters it was
    built with and ``fingerprint``, a hash of its inputs' versions (what data, which
    version): the same fingerprint means the same numbers."""

    title: str
    territory: str  # the territory's name and code
    period: str
    since: str | None
    audience: Audience
    chapters: Sequence[Chapter]
    sources: Sequence[str] = ()
    parameters: dict[str, Any] = field(default_factory=dict)
    fingerprint: str = ""


# Template name -> its title (a gettext_noop literal; translated when rendered).
TEMPLATES: dict[str, str] = {
    "diagnoza": N_("Diagnosis of social problems"),
    "ozps": N_("Assessment of social welfare resources (OZPS)"),
}

AUDIENCES: tuple[Audience, ...] = ("public", "analyst")


def check_template(template: str) -> None:
    """Raise a UserError naming the templates that exist when ``template`` is not one."""
    if template not in TEMPLATES:
        raise UserError(
            None,
            N_("There is no report template %(template)s; the templates are: %(templates)s."),
            {"template": template, "templates": ", ".join(TEMPLATES)},
        )


def build_report(
    template: str,
    territory_code: str,
    period: str,
    *,
    since: str | None = None,
    audience: Audience = "public",
    user: Any = None,
) -> Report:
    """The report ``template`` for the territory ``territory_code`` (a unit code; the whole
    territory when it is the top unit) and ``period``, comparing with ``since`` when given.

    Every number passes disclosure control for ``audience``: a public report shows only
    the published values; ``analyst`` needs a ``user`` allowed to see analyst values
    (checked by the caller's policy). A chapter without data says so in ``empty_note``.
    Raises UserError for an unknown template, territory, period or audience.
    """
    check_template(template)
    from kooperacja.reports.services.build import build

    return build(template, territory_code, period, since=since, audience=audience, user=user)


def with_recommendations(report: Report, rows: Sequence[tuple[str, str, str]]) -> Report:
    """The report with the team's recommendations (text, indicators, units) in the table
    of its recommendations chapter."""
    chapters = [
        replace(
            chapter,
            blocks=[
                Recommendations(tuple(rows)) if isinstance(b, Recommendations) else b
                for b in chapter.blocks
            ],
        )
        for chapter in report.chapters
    ]
    return replace(report, chapters=chapters)
