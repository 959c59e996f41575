"""Writing a ``Report`` out: DOCX (python-docx), PDF (reportlab, A4, page numbers, a table
of contents) and HTML (the preview)."""

from __future__ import annotations

from typing import Literal

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.reports.services.document import Report

Format = Literal["docx", "pdf", "html"]
FORMATS: tuple[Format, ...] = ("docx", "pdf", "html")


def render(report: Report, fmt: Format, narrative: dict[str, str] | None = None) -> bytes:
    """The report as a file of ``fmt``. ``narrative`` maps a chapter's key to the text the
    team wrote for it, put at the chapter's start (paragraphs split on blank lines)."""
    if fmt not in FORMATS:
        raise UserError(None, N_("There is no report format %(format)s; the formats are: "
                                 "%(formats)s."), {"format": fmt, "formats": ", ".join(FORMATS)})
    raise NotImplementedError(fmt)
