"""Edits that give each record its own values, all or none: what undoing a bulk edit needs.

``records.update_many`` sets the *same* values on many records. Undoing it must put back each record's
*previous* values, which differ from record to record, and must not stop half-way. ``update_each`` does
that in one transaction through ``records.update_in`` (the one edit path: validation, rev, dirty).
``values_of`` reads the current values of a few columns for many records in one query per chunk, so an
edit can remember what it replaces without loading whole records one by one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlmodel import col, select

from tcdesk.domain.schema import record_sheet
from tcdesk.services import records
from tcdesk.store.db import Store
from tcdesk.store.models import RECORD_MODELS
from tcdesk.store.rows import to_text

CHUNK = 500
"""uids per query: well under SQLite's limit on bound parameters."""


def values_of(store: Store, table: str, uids: Iterable[str], columns: Iterable[str]) -> dict[str, dict[str, str]]:
    """{uid: {column: canonical text}} of the live records among ``uids``; deleted or unknown ones are absent."""
    sheet = record_sheet(table)
    names = list(columns)
    unknown = [name for name in names if name not in sheet.columns_by_name]
    if unknown:
        raise ValueError(f"unknown column(s) of {table}: {', '.join(unknown)}")
    model = RECORD_MODELS[table]
    wanted = list(dict.fromkeys(uids))
    found: dict[str, dict[str, str]] = {}
    with store.session() as session:
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            rows = session.exec(select(model).where(col(model.uid).in_(chunk), col(model.deleted).is_(False)))
            for row in rows:
                text = to_text(sheet, row)
                found[row.uid] = {name: text[name] for name in names}
    return found


def update_each(store: Store, table: str, changes: Mapping[str, Mapping[str, str]]) -> int:
    """Apply ``{uid: {column: value}}`` in one transaction; returns how many records got a new revision.

    Raises ``records.EditRefused`` or ``records.RecordNotFound`` (and changes nothing) when any edit is refused.
    """
    with store.transaction() as session:
        return sum(records.update_in(session, table, uid, values) for uid, values in changes.items())
