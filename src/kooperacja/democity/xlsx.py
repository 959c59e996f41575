"""A minimal XLSX writer: one sheet of text and date cells, byte-identical on every run.

openpyxl stamps the save time into docProps/core.xml and into every zip entry, which breaks
"same seed, same bytes", and it is several times slower for tens of thousands of rows.
The files written here are read back by openpyxl in the tests.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Sequence
from html import escape
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# Built-in format 14 is the short date in the reader's locale (dd.mm.yyyy in Polish Excel).
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/>'
    '</font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill>'
    '<patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
    'xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" '
    'applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" '
    'applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
    'builtinId="0"/></cellStyles></styleSheet>'
)


def write_xlsx(
    path: Path,
    sheet: str,
    header: Sequence[str],
    columns: Sequence[Sequence[str | dt.date]],
) -> None:
    """Write one sheet: a bold header row, then text cells (str) and date cells (date)."""
    letters = [chr(ord("A") + i) for i in range(len(header))]
    rows = [_row(1, [_text(f"{c}1", h, style=2) for c, h in zip(letters, header)])]
    for r, values in enumerate(zip(*columns), start=2):
        rows.append(_row(r, [_cell(f"{c}{r}", v) for c, v in zip(letters, values)]))
    extent = f"A1:{letters[-1]}{len(rows)}"
    sheet_xml = (
        f'{_HEAD}<worksheet xmlns="{_MAIN}"><dimension ref="{extent}"/><sheetData>'
        f"{''.join(rows)}</sheetData></worksheet>"
    )
    parts = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _rels(("rId1", f"{_REL}/officeDocument", "xl/workbook.xml")),
        "xl/workbook.xml": (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": _rels(
            ("rId1", f"{_REL}/worksheet", "worksheets/sheet1.xml"),
            ("rId2", f"{_REL}/styles", "styles.xml"),
        ),
        "xl/styles.xml": _HEAD + _STYLES,
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"), compresslevel=6)


def _row(r: int, cells: list[str]) -> str:
    return f'<row r="{r}">{"".join(cells)}</row>'


def _cell(ref: str, value: str | dt.date) -> str:
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="1"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    return _text(ref, value) if value else ""


def _text(ref: str, value: str, style: int = 0) -> str:
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{escape(value, quote=False)}</t></is></c>'


def _rels(*relations: tuple[str, str, str]) -> str:
    body = "".join(
        f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in relations
    )
    return f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{body}</Relationships>'


def _content_types() -> str:
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/></Types>'
    )
