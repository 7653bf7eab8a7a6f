"""This installation's own settings, kept in the store so they travel with a backup or a USB stick."""

from __future__ import annotations

from sqlmodel import Session

from tcdesk.domain.validation import InvalidValue, check_office
from tcdesk.store.db import Store
from tcdesk.store.models import Setting

OFFICE = "office"
CHANGE_COUNTER = "change_counter"
CURRENT_COUNTRY = "current_country"
DEMO_COUNTRY = "demo_country"


def read(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row else default


def write(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
        session.add(row)


def get(store: Store, key: str, default: str = "") -> str:
    with store.session() as session:
        return read(session, key, default)


def put(store: Store, key: str, value: str) -> None:
    with store.transaction() as session:
        write(session, key, value)


def office_code(store: Store) -> str:
    """The office every local change is attributed to; empty until the user sets it."""
    return get(store, OFFICE)


def set_office_code(store: Store, code: str) -> str:
    code = code.strip().upper()
    try:
        check_office(code)
    except InvalidValue as exc:
        raise InvalidValue(f"office code {exc}") from None
    put(store, OFFICE, code)
    return code


def next_change_mark(session: Session) -> int:
    """One more than the last local change: orders edits so exports can tell what is new since a mark."""
    mark = int(read(session, CHANGE_COUNTER, "0")) + 1
    write(session, CHANGE_COUNTER, str(mark))
    return mark
