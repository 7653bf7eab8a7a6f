"""Conversion between stored rows and the canonical text of the exchange contract."""

from __future__ import annotations

from typing import Any

from tcdesk.domain.schema import Kind, Sheet

_INTEGER_KINDS = frozenset({Kind.WHOLE, Kind.REVISION})


def to_text(sheet: Sheet, row: Any) -> dict[str, str]:
    """The row as the package would carry it: every value a string, empty for nothing."""
    out: dict[str, str] = {}
    for column in sheet.columns:
        value = getattr(row, column.name) if not isinstance(row, dict) else row.get(column.name)
        if column.kind is Kind.FLAG:
            out[column.name] = "1" if value else "0"
        elif value is None:
            out[column.name] = ""
        else:
            out[column.name] = str(value)
    return out


def to_db(sheet: Sheet, name: str, text: str) -> Any:
    """The stored form of one canonical text value."""
    kind = sheet.columns_by_name[name].kind
    if kind is Kind.FLAG:
        return text == "1"
    if kind in _INTEGER_KINDS:
        return int(text) if text else 0
    return text
