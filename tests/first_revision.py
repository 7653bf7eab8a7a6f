"""A store as the first release of tcdesk left it (schema 0001, one recommendation, an office code),
written with plain SQL against that old schema: shared by the migration test and the frozen smoke test."""

from __future__ import annotations

import sqlite3
from pathlib import Path

FIRST = "0001_initial"
REC_UID = "0b7a9a3e-1f49-4d38-9d6c-2a7c1f0e3b11"
REC_TEXT = "Abolish the death penalty"


def make_first_revision_store(root: Path) -> Path:
    from tcdesk.paths import DataDir
    from tcdesk.store.db import open_store

    open_store(DataDir(root), migrate_to=FIRST).close()
    database = root / "tcdesk.sqlite3"
    connection = sqlite3.connect(database)
    connection.execute(
        "INSERT INTO recommendations (uid, rev, base_rev, updated_at, updated_by, deleted, local_change, country,"
        " mechanism, body, cycle, session, document, paragraph, recommending_state, text, response, issued_on,"
        " themes, affected_persons, sdg_targets, implementation_status, notes) VALUES (?, 2, 1,"
        " '2026-01-01T00:00:00Z', 'HQ', 0, 5, 'KEN', 'UPR', 'UPR', '4', '49', 'A/HRC/55/11', '140.1', 'Chile',"
        " ?, 'noted', '2024-01-10', 'Death penalty', '', '16.1', 'not started', 'n')",
        (REC_UID, REC_TEXT),
    )
    connection.execute("INSERT INTO settings (key, value) VALUES ('office', 'KEN-HRA')")
    connection.commit()
    connection.close()
    return database
