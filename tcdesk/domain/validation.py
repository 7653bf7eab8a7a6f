"""Checks one value against the domain rules and returns it in its canonical text form.

The same function serves packages (where the message is prefixed with ``sheet!row column:``), the
``edit`` command and the GUI forms, so a value accepted in one place is accepted everywhere.
Readers are lenient where the contract allows it (stray spaces around list items, empty lines inside a
list cell); what is stored is always the canonical form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache

from tcdesk.domain import countries, sdg
from tcdesk.domain.schema import LIST_KINDS, Column, Kind, Sheet

_OFFICE = re.compile(r"^[A-Z0-9-]{2,32}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_UID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_WHOLE = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^\d+(\.\d+)?$")


class InvalidValue(ValueError):
    """A value that breaks a domain rule; the message says what is wrong in the user's terms."""


def split_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.replace("\r\n", "\n").split("\n") if item.strip()]


def join_list(items: list[str] | tuple[str, ...]) -> str:
    return "\n".join(items)


def check_office(code: str) -> str:
    if not _OFFICE.match(code):
        raise InvalidValue(f"{code!r} is not an office code (2-32 characters of A-Z, 0-9 and -)")
    return code


def check_uid(raw: str) -> str:
    if not _UID.match(raw):
        raise InvalidValue(f"{raw!r} is not a lower-case UUID")
    return raw  # the pattern is exactly the canonical UUID text


def check_date(raw: str) -> str:
    if not _DATE.match(raw):
        raise InvalidValue(f"{raw!r} is not a date in the form YYYY-MM-DD")
    try:
        date.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidValue(f"{raw!r} is not a real calendar date") from exc
    return raw


def check_timestamp(raw: str) -> str:
    if not _TIMESTAMP.match(raw):
        raise InvalidValue(f"{raw!r} is not a UTC timestamp in the form YYYY-MM-DDTHH:MM:SSZ")
    try:
        datetime.fromisoformat(raw[:-1])  # the pattern fixed the shape; this checks the calendar and clock
    except ValueError as exc:
        raise InvalidValue(f"{raw!r} is not a real date and time") from exc
    return raw


def check_iso3(raw: str) -> str:
    if not countries.is_iso3(raw):
        raise InvalidValue(f"{raw!r} is not an ISO 3166-1 alpha-3 country code (e.g. KEN)")
    return raw


def check_decimal(raw: str) -> str:
    if raw.startswith("-"):
        raise InvalidValue(f"{raw!r} is negative: an amount must be 0 or more")
    if not _DECIMAL.match(raw):
        raise InvalidValue(f"{raw!r} is not an amount (digits, with '.' before any decimals)")
    try:
        Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - the pattern already excludes this
        raise InvalidValue(f"{raw!r} is not a decimal number") from exc
    return raw


def _check_item(kind: Kind, item: str) -> str:
    if kind is Kind.SDG_TARGETS:
        if not sdg.is_target(item):
            hint = " (a goal; targets look like 16.3 or 16.b)" if sdg.is_goal(item) else ""
            raise InvalidValue(f"{item!r} is not an SDG target code{hint}")
    elif kind is Kind.SDG_GOALS:
        if not sdg.is_goal(item):
            raise InvalidValue(f"{item!r} is not an SDG goal (1 to 17)")
    elif kind is Kind.UID_LIST:
        check_uid(item)
    elif kind is Kind.ISO3_LIST:
        check_iso3(item)
    return item


Validator = Callable[[str], str]


def _line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise InvalidValue("must be on one line")
    return value


def _stripped(check: Validator) -> Validator:
    def run(raw: str) -> str:
        value = raw.strip()
        return check(value) if value else ""

    return run


def _enum(choices: tuple[str, ...]) -> Validator:
    allowed = frozenset(choices)
    listed = ", ".join(choices)

    def check(value: str) -> str:
        if value not in allowed:
            raise InvalidValue(f"{value!r} is not one of {listed}")
        return value

    return check


def _whole(minimum: int) -> Validator:
    def check(value: str) -> str:
        if not _WHOLE.match(value):
            raise InvalidValue(f"{value!r} is not a whole number")
        if int(value) < minimum:
            raise InvalidValue(f"{value!r} must be {minimum} or more")
        return str(int(value))

    return check


def _flag(value: str) -> str:
    if value not in ("0", "1"):
        raise InvalidValue(f"{value!r} must be 1 (deleted), 0 or empty")
    return value


def _list_of(kind: Kind) -> Validator:
    def check(raw: str) -> str:
        if "\n" not in raw and raw == raw.strip():  # the common single-item case, without a split
            return _check_item(kind, raw) if raw else ""
        return join_list([_check_item(kind, item) for item in split_list(raw)])

    return check


_SCALAR_CHECKS: dict[Kind, Validator] = {
    Kind.ISO3: check_iso3,
    Kind.UID: check_uid,
    Kind.DATE: check_date,
    Kind.TIMESTAMP: check_timestamp,
    Kind.DECIMAL: check_decimal,
    Kind.OFFICE: check_office,
    Kind.WHOLE: _whole(0),
    Kind.REVISION: _whole(1),
    Kind.FLAG: _flag,
}


@cache
def validator_for(column: Column) -> Validator | None:
    """The check for one column, chosen once; None when any text is acceptable as it is.

    Packages validate millions of cells, so each column gets the cheapest check that enforces its rule.
    Requiredness is not checked here: it depends on the whole row (a tombstone may leave cells empty).
    """
    kind = column.kind
    if kind is Kind.TEXT:
        return None
    if kind is Kind.LINE:
        return _line
    if kind in LIST_KINDS:
        return _list_of(kind)
    if kind is Kind.ENUM:
        return _stripped(_enum(column.choices))
    return _stripped(_SCALAR_CHECKS[kind])


def normalize(column: Column, raw: str | None) -> str:
    """The canonical text of ``raw`` for ``column``, or InvalidValue saying what is wrong."""
    value = "" if raw is None else str(raw)
    check = validator_for(column)
    return check(value) if check else value


def row_problems(sheet: Sheet, row: dict[str, str], *, check_meta: bool = True) -> list[tuple[str, str]]:
    """Rules that span columns of one row, as (column, problem) pairs; ``row`` is already canonical.

    ``check_meta`` is off for local edits, whose sync columns are stamped after validation.
    """
    problems: list[tuple[str, str]] = []
    deleted = row.get("deleted") == "1"
    columns = sheet.columns if check_meta else sheet.content_columns
    for column in columns:
        if column.required and not row.get(column.name) and not (deleted and column.name not in _ALWAYS):
            problems.append((column.name, "is required"))
    if sheet.name == "projects" and not deleted:
        start, end = row.get("start_date", ""), row.get("end_date", "")
        if start and end and end < start:
            problems.append(("end_date", f"{end} is before the start date {start}"))
    return problems


_ALWAYS = frozenset({"uid", "rev", "updated_at", "updated_by"})
