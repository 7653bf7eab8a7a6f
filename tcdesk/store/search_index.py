"""Loading many recommendations at once without paying the search triggers row by row.

The triggers of migration 0003 keep the search index and the facet tags current for every write, which is
what single edits need. For a package that brings thousands of new recommendations, running them once
per row cost about 10 s per 100,000 rows here; indexing the new rows in one statement each costs under 2 s.
So a bulk insert suspends the insert trigger, writes the rows, indexes every row above the previous
highest rowid, and puts the trigger back, all inside the caller's transaction: SQLite's DDL is
transactional, so a failure or a killed process leaves the trigger exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

INSERT_TRIGGER = "recommendations_search_insert"


def insert_recommendations_in_bulk(conn: Connection, insert: Callable[[], None]) -> None:
    """Run ``insert`` (plain INSERTs of new recommendations) with the index built once afterwards."""
    trigger_sql = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (INSERT_TRIGGER,)
    ).scalar()
    if trigger_sql is None:  # an older schema without search: nothing to keep current
        insert()
        return
    before = conn.exec_driver_sql("SELECT COALESCE(MAX(rowid), 0) FROM recommendations").scalar()
    conn.exec_driver_sql(f"DROP TRIGGER {INSERT_TRIGGER}")
    insert()
    conn.exec_driver_sql(
        "INSERT INTO recommendations_fts (rowid, doc) "
        "SELECT rowid, tc_search_doc(text, themes, affected_persons, notes) FROM recommendations WHERE rowid > ?",
        (before,),
    )
    for kind, column in (("theme", "themes"), ("affected", "affected_persons"), ("sdg", "sdg_targets")):
        conn.exec_driver_sql(
            "INSERT INTO recommendation_tags (rec_rowid, kind, value) "
            f"SELECT r.rowid, '{kind}', j.value FROM recommendations AS r, json_each(tc_list_json(r.{column})) AS j "
            "WHERE r.rowid > ?",
            (before,),
        )
    conn.exec_driver_sql(trigger_sql)
