"""Writing a ``Report`` out: DOCX (python-docx: Word's heading and table styles, real
tables, pictures with their alternative text; opens and edits in Word and LibreOffice),
PDF (reportlab: A4, page numbers, a table of contents) and HTML (the preview, one file
with its pictures inside)."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from django.utils.translation import gettext as _

from kooperacja.core.errors import UserError
from kooperacja.core.errors import gettext_noop as N_
from kooperacja.reports.services.document import (
    Block,
    Chapter,
    Figure,
    Paragraph,
    Recommendations,
    Report,
    Table,
)

Format = Literal["docx", "pdf", "html"]
FORMATS: tuple[Format, ...] = ("docx", "pdf", "html")
Narrative = dict[str, str] | None


def render(report: Report, fmt: Format, narrative: Narrative = None) -> bytes:
    """The report as a file of ``fmt``. ``narrative`` maps a chapter's key to the text the
    team wrote for it, put at the chapter's start (paragraphs split on blank lines)."""
    writers: dict[str, Callable[[Report, dict[str, str]], bytes]] = {
        "docx": _docx,
        "pdf": _pdf,
        "html": _html,
    }
    if fmt not in writers:
        raise UserError(
            None,
            N_("There is no report format %(format)s; the formats are: %(formats)s."),
            {"format": fmt, "formats": ", ".join(FORMATS)},
        )
    return writers[fmt](report, narrative or {})


def _paragraphs(text: str) -> list[str]:
    return [
        " ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()
    ]


def _head(report: Report) -> list[tuple[str, str]]:
    rows = [(_("Territory"), report.territory), (_("Period"), report.period)]
    if report.since:
        rows.append((_("Compared with"), report.since))
    rows.append(
        (
            _("Audience"),
            _("public") if report.audience == "public" else _("analysts (not for publication)"),
        )
    )
    return rows


def _recommendation_columns() -> list[str]:
    return [_("Recommendation"), _("Indicators"), _("Units")]


def _closing(report: Report) -> tuple[str, list[str], Table]:
    """The last chapter: sources, then the parameters, version and fingerprint."""
    rows = [[str(k), "–" if v is None else str(v)] for k, v in report.parameters.items()]
    rows.append([_("fingerprint of the inputs"), report.fingerprint])
    return (
        _("Sources, periods, version and parameters"),
        list(report.sources),
        Table(_("Parameters"), [_("parameter"), _("value")], rows),
    )


def _blocks(chapter: Chapter, narrative: dict[str, str]) -> Iterator[Block]:
    for text in _paragraphs(narrative.get(chapter.key, "")):
        yield Paragraph(text)
    if chapter.empty_note:
        yield Paragraph(chapter.empty_note)
    yield from chapter.blocks


def _recommendation_rows(block: Recommendations) -> list[list[str]]:
    return [list(row) for row in block.rows] or [["", "", ""]]


# ------------------------------------------------------------------------------ DOCX


def _docx(report: Report, narrative: dict[str, str]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    doc.core_properties.title = report.title
    doc.core_properties.subject = report.territory
    doc.add_heading(report.title, level=0)
    for label, value in _head(report):
        p = doc.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)
    _docx_field(
        doc,
        OxmlElement,
        qn,
        'TOC \\o "1-2" \\h \\z \\u',
        _(
            "Table of contents: update the field to fill it (F9 in Word, Tools > Update "
            "in LibreOffice)."
        ),
    )
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _docx_field(None, OxmlElement, qn, "PAGE", "1", paragraph=footer)

    def table(block: Table) -> None:
        doc.add_paragraph(block.caption, style="Caption")
        width = len(block.columns)
        t = doc.add_table(rows=len(block.rows) + 1, cols=width, style="Table Grid")
        cells = t._cells  # the whole grid at once: a row at a time is quadratic
        for cell, text in zip(cells[:width], block.columns):
            cell.paragraphs[0].add_run(str(text)).bold = True
        _repeat_header(t, OxmlElement, qn)
        for i, row in enumerate(block.rows, start=1):
            for cell, text in zip(cells[i * width : (i + 1) * width], row):
                cell.paragraphs[0].add_run(str(text))
        if block.note:
            note = doc.add_paragraph(block.note)
            note.runs[0].font.size = Pt(8)

    for chapter in report.chapters:
        doc.add_heading(chapter.title, level=1)
        for block in _blocks(chapter, narrative):
            if isinstance(block, Paragraph):
                p = doc.add_paragraph(block.text)
                if block.text == chapter.empty_note:
                    p.runs[0].italic = True
            elif isinstance(block, Figure):
                doc.add_picture(io.BytesIO(block.png), width=Cm(15))
                _alt_text(doc, block.alt)
                doc.add_paragraph(block.caption, style="Caption")
                if block.table is not None:
                    table(block.table)
            elif isinstance(block, Recommendations):
                table(
                    Table(
                        _("Recommendations of the team"),
                        _recommendation_columns(),
                        _recommendation_rows(block),
                    )
                )
            else:
                table(block)
    title, sources, parameters = _closing(report)
    doc.add_heading(title, level=1)
    for line in sources:
        doc.add_paragraph(line, style="List Bullet")
    table(parameters)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_field(
    doc: Any, element: Any, qn: Any, code: str, placeholder: str, paragraph: Any = None
) -> None:
    """A Word field (a table of contents, a page number): Word and LibreOffice fill it."""
    p = paragraph if paragraph is not None else doc.add_paragraph()
    run = p.add_run()
    begin = element("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    instr = element("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = code
    separate = element("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = element("w:t")
    text.text = placeholder
    end = element("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for part in (begin, instr, separate, text, end):
        run._r.append(part)


def _repeat_header(table: Any, element: Any, qn: Any) -> None:
    row_pr = table.rows[0]._tr.get_or_add_trPr()
    header = element("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_pr.append(header)


def _alt_text(doc: Any, alt: str) -> None:
    """The picture just added gets ``alt`` as its description (what screen readers say)."""
    from docx.oxml.ns import qn

    drawing = doc.paragraphs[-1]._p.findall(".//" + qn("wp:docPr"))
    for pr in drawing[-1:]:
        pr.set("descr", alt)


# ------------------------------------------------------------------------------- PDF

_FONTS: dict[str, str] = {}


def _fonts() -> tuple[str, str]:
    """DejaVu Sans (matplotlib's copy: always installed with it) for Polish letters."""
    if not _FONTS:
        import matplotlib
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
        addMapping("DejaVuSans", 0, 0, "DejaVuSans")
        addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
        _FONTS.update(regular="DejaVuSans", bold="DejaVuSans-Bold")
    return _FONTS["regular"], _FONTS["bold"]


def _pdf(report: Report, narrative: dict[str, str]) -> bytes:
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        Image,
        KeepTogether,
        PageBreak,
        PageTemplate,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import Table as T
    from reportlab.platypus.tableofcontents import TableOfContents

    # Pictures as binary streams: ASCII85 (reportlab's default) only makes the file larger
    # and costs seconds in pure Python.
    rl_config.useA85 = 0
    regular, bold = _fonts()
    sheet = getSampleStyleSheet()
    body = ParagraphStyle(
        "body", parent=sheet["BodyText"], fontName=regular, fontSize=9.5, leading=12.5
    )
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5)
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=10)
    head_cell = ParagraphStyle("headcell", parent=cell, fontName=bold)
    caption = ParagraphStyle("caption", parent=body, fontName=bold, fontSize=8.5, spaceBefore=6)
    title_style = ParagraphStyle("title", parent=sheet["Title"], fontName=bold)
    h1 = ParagraphStyle("Heading1", parent=sheet["Heading1"], fontName=bold, fontSize=15)
    toc = TableOfContents()
    toc.levelStyles = [ParagraphStyle("toc1", parent=body, leftIndent=0, fontSize=10)]

    def esc(text: object) -> str:
        return html.escape(str(text), quote=False)

    class Document(BaseDocTemplate):  # type: ignore[misc]
        def afterFlowable(self, flowable: Any) -> None:
            if isinstance(flowable, P) and flowable.style.name == "Heading1":
                key = f"h{self.seq.nextf('heading')}"
                self.canv.bookmarkPage(key)
                self.notify("TOCEntry", (0, flowable.getPlainText(), self.page, key))

    def page_number(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, _("page %(n)s") % {"n": doc.page})
        canvas.drawString(2 * cm, A4[1] - 1.2 * cm, f"{report.title} · {report.territory}"[:110])
        canvas.restoreState()

    out = io.BytesIO()
    doc = Document(
        out,
        pagesize=A4,
        title=report.title,
        author="Kooperacja",
        subject=report.territory,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page_number)])
    width = doc.width

    def table(block: Table) -> list[Any]:
        data: list[list[Any]] = [[P(esc(c), head_cell) for c in block.columns]]
        # Short cells as plain strings: a Paragraph per cell costs most of the PDF's time.
        data += [
            [P(esc(c), cell) if len(str(c)) > 28 else str(c) for c in row] for row in block.rows
        ]
        t = T(
            data, repeatRows=1, hAlign="LEFT", colWidths=_widths(block.columns, block.rows, width)
        )
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), regular, 8),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        parts: list[Any] = [P(esc(block.caption), caption), t]
        if block.note:
            parts.append(P(esc(block.note), small))
        return [*parts, Spacer(1, 6)]

    story: list[Any] = [P(esc(report.title), title_style)]
    story += [P(f"<b>{esc(label)}:</b> {esc(value)}", body) for label, value in _head(report)]
    story += [Spacer(1, 12), P(esc(_("Contents")), caption), toc, PageBreak()]
    for chapter in report.chapters:
        story.append(P(esc(chapter.title), h1))
        for block in _blocks(chapter, narrative):
            if isinstance(block, Paragraph):
                style = (
                    body
                    if block.text != chapter.empty_note
                    else ParagraphStyle("empty", parent=body, textColor=colors.HexColor("#555555"))
                )
                story.append(P(esc(block.text), style))
            elif isinstance(block, Figure):
                image = Image(io.BytesIO(block.png))
                scale = min(1.0, width / image.imageWidth * 0.95)
                image.drawWidth, image.drawHeight = (
                    image.imageWidth * scale,
                    image.imageHeight * scale,
                )
                story.append(KeepTogether([image, P(esc(block.caption), caption)]))
                if block.table is not None:
                    story += table(block.table)
            elif isinstance(block, Recommendations):
                story += table(
                    Table(
                        _("Recommendations of the team"),
                        _recommendation_columns(),
                        _recommendation_rows(block),
                    )
                )
            else:
                story += table(block)
    title, sources, parameters = _closing(report)
    story.append(P(esc(title), h1))
    story += [P("• " + esc(line), body) for line in sources]
    story += table(parameters)
    doc.multiBuild(story)
    return out.getvalue()


def _widths(columns: Sequence[str], rows: Sequence[Sequence[str]], width: float) -> list[float]:
    """Column widths from the longest text of each column, within the page's width."""
    longest = [
        max([len(str(c))] + [len(str(r[i])) for r in rows if i < len(r)]) + 2
        for i, c in enumerate(columns)
    ]
    longest = [min(n, 60) for n in longest]
    total = sum(longest)
    return [width * n / total for n in longest]


# ------------------------------------------------------------------------------ HTML


def _html(report: Report, narrative: dict[str, str]) -> bytes:
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(str(report.parameters.get("language", "pl")))}">',
        '<head><meta charset="utf-8">',
        f"<title>{esc(report.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:52rem;margin:1rem auto;padding:0 1rem}"
        "table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #999;"
        "padding:.2rem .4rem;text-align:left;vertical-align:top}caption{font-weight:bold;"
        "text-align:left}img{max-width:100%}.note{font-size:.85em;color:#444}"
        ".empty{font-style:italic}</style></head><body>",
        f"<h1>{esc(report.title)}</h1><dl>",
    ]
    parts += [f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in _head(report)]
    parts.append(f'</dl><nav aria-label="{esc(_("Contents"))}"><h2>{esc(_("Contents"))}</h2><ol>')
    parts += [f'<li><a href="#{esc(c.key)}">{esc(c.title)}</a></li>' for c in report.chapters]
    parts.append("</ol></nav>")

    def table(block: Table) -> str:
        head = "".join(f'<th scope="col">{esc(str(c))}</th>' for c in block.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in row) + "</tr>" for row in block.rows
        )
        note = f'<p class="note">{esc(block.note)}</p>' if block.note else ""
        return (
            f"<table><caption>{esc(block.caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>{note}"
        )

    for chapter in report.chapters:
        parts.append(f'<section id="{esc(chapter.key)}"><h2>{esc(chapter.title)}</h2>')
        for block in _blocks(chapter, narrative):
            if isinstance(block, Paragraph):
                cls = ' class="empty"' if block.text == chapter.empty_note else ""
                parts.append(f"<p{cls}>{esc(block.text)}</p>")
            elif isinstance(block, Figure):
                data = base64.b64encode(block.png).decode()
                parts.append(
                    f'<figure><img src="data:image/png;base64,{data}" '
                    f'alt="{esc(block.alt)}"><figcaption>{esc(block.caption)}'
                    "</figcaption></figure>"
                )
                if block.table is not None:
                    parts.append(table(block.table))
            elif isinstance(block, Recommendations):
                parts.append(
                    table(
                        Table(
                            _("Recommendations of the team"),
                            _recommendation_columns(),
                            _recommendation_rows(block),
                        )
                    )
                )
            else:
                parts.append(table(block))
        parts.append("</section>")
    title, sources, parameters = _closing(report)
    parts.append(f'<section id="sources"><h2>{esc(title)}</h2><ul>')
    parts += [f"<li>{esc(line)}</li>" for line in sources]
    parts.append("</ul>" + table(parameters) + "</section></body></html>")
    return "\n".join(parts).encode("utf-8")
