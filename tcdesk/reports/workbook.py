"""Formatted workbooks for people (matrices, checklists, portfolios), as opposed to exchange packages.

A colleague opens these in Excel: a bold, frozen header with filters, wrapped text in long columns,
sensible widths. Every text cell is written as text, so a value starting with "=" stays words, never a
formula (openpyxl would otherwise store it as one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

HEADER_FILL = PatternFill("solid", fgColor="1F5FA8")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 14
    wrap: bool = False


def add_table(
    workbook: Workbook, name: str, heading: str, columns: Sequence[Column], rows: Iterable[Sequence[object]]
) -> Worksheet:
    """A sheet with a heading line, then a filterable table whose header stays in view."""
    sheet = workbook.create_sheet(name[:31])
    sheet.cell(row=1, column=1, value=heading).font = TITLE_FONT
    header_row = 3
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=index, value=column.title)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    last = header_row
    for last, values in enumerate(rows, start=header_row + 1):
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = sheet.cell(row=last, column=index, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cell.alignment = WRAP if column.wrap else TOP
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{max(last, header_row)}"
    return sheet


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def save(workbook: Workbook, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
