"""Validating a package's data sheets whole, before anything is written.

Every problem is reported as ``sheet!row column: problem`` (row numbers as Excel shows them). Values come
out in canonical form, in the column order of the contract, as tuples: a 100,000-row sheet stays a few
tens of MB and is checked with one precompiled validator per column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tcdesk.domain.schema import SHEETS, Sheet
from tcdesk.domain.validation import InvalidValue, row_problems, validator_for
from tcdesk.sync.manifest import Manifest
from tcdesk.sync.reader import RawSheet

PROBLEM_CAP = 10_000


@dataclass
class SheetData:
    sheet: Sheet
    rows: list[tuple[str, ...]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)

    def position(self, column: str) -> int:
        return self.sheet.column_names.index(column)

    def as_dict(self, i: int) -> dict[str, str]:
        return dict(zip(self.sheet.column_names, self.rows[i], strict=True))


@dataclass
class Problems:
    lines: list[str] = field(default_factory=list)
    total: int = 0

    def add(self, line: str) -> None:
        self.total += 1
        if len(self.lines) < PROBLEM_CAP:
            self.lines.append(line)


def _row_rules_fast(sheet: Sheet):  # type: ignore[no-untyped-def]
    """A cheap yes/no version of row_problems for the common, valid row; messages come from row_problems."""
    names = sheet.column_names
    always = [names.index(n) for n in ("uid", "rev", "updated_at", "updated_by") if n in names]
    required = [i for i, c in enumerate(sheet.columns) if c.required]
    deleted = names.index("deleted") if "deleted" in names else None
    dates = (names.index("start_date"), names.index("end_date")) if sheet.name == "projects" else None

    def ok(row: tuple[str, ...]) -> bool:
        if deleted is not None and row[deleted] == "1":
            return all(row[i] for i in always)
        if not all(row[i] for i in required):
            return False
        return not (dates and row[dates[0]] and row[dates[1]] and row[dates[1]] < row[dates[0]])

    return ok


def validate_sheet(raw: RawSheet, sheet: Sheet, problems: Problems, notes: list[str]) -> SheetData:
    header = raw.header
    positions = {name: i for i, name in reversed(list(enumerate(header))) if name}
    for name in header:
        if name and name not in sheet.columns_by_name:
            notes.append(f"{sheet.name}: column {name!r} is not part of the format and was ignored")
    missing = [c.name for c in sheet.columns if c.required and c.name not in positions]
    for name in missing:
        problems.add(f"{sheet.name}!1 {name}: required column is missing")
    if missing:
        return SheetData(sheet)
    plan = [(c, positions.get(c.name), validator_for(c)) for c in sheet.columns]
    quick_ok = _row_rules_fast(sheet)
    data = SheetData(sheet)
    seen: dict[tuple[str, ...], int] = {}
    key_at = [sheet.column_names.index(k) for k in sheet.key]
    for number, cells in raw.rows:
        values: list[str] = []
        bad = False
        for column, at, check in plan:
            text = cells[at] if at is not None else ""
            if check is not None:
                try:
                    text = check(text)
                except InvalidValue as exc:
                    problems.add(f"{sheet.name}!{number} {column.name}: {exc}")
                    bad = True
            values.append(text)
        row = tuple(values)
        if not any(values):
            notes.append(f"{sheet.name}!{number}: cells beyond the last header column only; row ignored")
            continue
        if not bad and not quick_ok(row):
            for column, problem in row_problems(sheet, dict(zip(sheet.column_names, row, strict=True))):
                problems.add(f"{sheet.name}!{number} {column}: {problem}")
                bad = True
        key = tuple(row[i] for i in key_at)
        if key in seen:
            label = ", ".join(sheet.key)
            problems.add(f"{sheet.name}!{number} {label}: same as row {seen[key]}")
            bad = True
        else:
            seen[key] = number
        data.rows.append(row)
        data.numbers.append(number)
    return data


def validate_sheets(
    sheets: dict[str, RawSheet], manifest: Manifest, problems: Problems, notes: list[str]
) -> dict[str, SheetData]:
    result: dict[str, SheetData] = {}
    for name, raw in sheets.items():
        if name == "manifest":
            continue
        sheet = SHEETS.get(name)
        if sheet is None:
            notes.append(f"sheet {name!r} is not part of the format and was ignored")
            continue
        declared = manifest.rows.get(name)
        if declared is None:
            problems.add(f"manifest: rows.{name} is missing for the sheet {name!r}")
        elif declared != len(raw.rows):
            problems.add(f"manifest: rows.{name} says {declared}, the sheet holds {len(raw.rows)} data rows")
        if sheet.hq_only and manifest.kind == "field-return":
            notes.append(f"sheet {name!r} only travels from HQ to the field; ignored in a field return")
            continue
        result[name] = validate_sheet(raw, sheet, problems, notes)
    for name, declared in manifest.rows.items():
        if name not in sheets and declared:
            problems.add(f"manifest: rows.{name} names a sheet the workbook does not have")
    return result
