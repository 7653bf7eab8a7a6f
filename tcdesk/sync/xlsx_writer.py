"""A minimal, streaming writer of .xlsx workbooks whose every cell is a text cell.

Why not openpyxl here: measured on these machines, openpyxl's write-only mode takes 17-21 s for a
100,000-row recommendations sheet (the target for a whole export is 10 s), it turns a value starting with
``=`` into a formula unless each cell is wrapped, and it writes carriage returns raw, which every XML parser
then reads back as line feeds. This writer emits inline-string cells only, escapes per the OOXML
``ST_Xstring`` rules (``_x000D_`` for CR and control characters, ``_x005F_`` before a literal ``_xHHHH_``),
and produces byte-identical files for identical data (fixed zip timestamps), which keeps exports stable.
openpyxl is still what tcdesk uses for the formatted workbooks people read (matrices, checklists).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

_NEEDS_XSTRING = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]|_x[0-9A-Fa-f]{4}_")
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_ROWS_PER_CHUNK = 2000


def _xstring(match: re.Match[str]) -> str:
    text = match.group(0)
    if text.startswith("_x"):
        return "_x005F" + text  # a literal _xHHHH_ must not be read back as an escape
    return f"_x{ord(text):04X}_"


def _cell_text(value: str) -> str:
    if _NEEDS_XSTRING.search(value):
        value = _NEEDS_XSTRING.sub(_xstring, value)
    return escape(value)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _row_xml(number: int, values: Sequence[str], letters: Sequence[str], bold: bool) -> str:
    style = ' s="1"' if bold else ""
    cells = [
        f'<c r="{letters[i]}{number}" t="inlineStr"{style}><is><t xml:space="preserve">{_cell_text(v)}</t></is></c>'
        for i, v in enumerate(values)
        if v != ""
    ]
    return f'<row r="{number}">{"".join(cells)}</row>'


def _sheet_xml_chunks(header: Sequence[str], rows: Iterable[Sequence[str]]) -> Iterable[str]:
    letters = [column_letter(i) for i in range(max(len(header), 1))]
    yield (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft"'
        ' state="frozen"/></sheetView></sheetViews><sheetData>'
    )
    yield _row_xml(1, header, letters, bold=True)
    chunk: list[str] = []
    for number, values in enumerate(rows, start=2):
        chunk.append(_row_xml(number, values, letters, bold=False))
        if len(chunk) >= _ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk.clear()
    yield "".join(chunk)
    yield "</sheetData></worksheet>"


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
    '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _write_part(archive: zipfile.ZipFile, name: str, chunks: Iterable[str]) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w") as part:
        for chunk in chunks:
            part.write(chunk.encode("utf-8"))


def write_workbook(path: Path, sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[str]]]]) -> None:
    """Write ``(sheet name, header, rows)`` in order; rows are sequences of strings ("" = empty cell)."""
    names = [name for name, _, _ in sheets]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
            for i in range(1, len(names) + 1)
        )
        _write_part(archive, "[Content_Types].xml", [_CONTENT_TYPES.format(sheets=overrides)])
        _write_part(archive, "_rels/.rels", [_ROOT_RELS])
        sheet_entries = "".join(
            f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, name in enumerate(names, start=1)
        )
        _write_part(
            archive,
            "xl/workbook.xml",
            [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                f'xmlns:r="{_REL}"><sheets>{sheet_entries}</sheets></workbook>'
            ],
        )
        relationships = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(names) + 1)
        )
        styles_id = len(names) + 1
        _write_part(
            archive,
            "xl/_rels/workbook.xml.rels",
            [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'{relationships}<Relationship Id="rId{styles_id}" Type="{_REL}/styles" Target="styles.xml"/>'
                "</Relationships>"
            ],
        )
        _write_part(archive, "xl/styles.xml", [_STYLES])
        for i, (_, header, rows) in enumerate(sheets, start=1):
            _write_part(archive, f"xl/worksheets/sheet{i}.xml", _sheet_xml_chunks(header, rows))
