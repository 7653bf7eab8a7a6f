"""A store created by the first schema revision opens in today's code: migrated, backed up, data intact."""

from __future__ import annotations

import sqlite3

from alembic.script import ScriptDirectory

from tcdesk.store.db import MIGRATIONS, SCHEMA_HEAD, alembic_config, current_revision, open_store

FIRST = "0001_initial"


def test_schema_head_constant_matches_the_migration_scripts(store):
    with store.engine.connect() as connection:
        script = ScriptDirectory.from_config(alembic_config(connection))
    assert script.get_current_head() == SCHEMA_HEAD
    assert MIGRATIONS.is_dir()


def test_upgrade_from_the_first_revision_keeps_data_and_takes_a_backup(data_dir):
    old = open_store(data_dir, migrate_to=FIRST)
    old.close()
    # Data written the way version 0001 of the app would have: plain SQL against the old schema.
    connection = sqlite3.connect(data_dir.database)
    connection.execute(
        "INSERT INTO recommendations (uid, rev, base_rev, updated_at, updated_by, deleted, local_change, country,"
        " mechanism, body, cycle, session, document, paragraph, recommending_state, text, response, issued_on,"
        " themes, affected_persons, sdg_targets, implementation_status, notes) VALUES ('0b7a9a3e-1f49-4d38-9d6c-"
        "2a7c1f0e3b11', 2, 1, '2026-01-01T00:00:00Z', 'HQ', 0, 5, 'KEN', 'UPR', 'UPR', '4', '49', 'A/HRC/55/11',"
        " '140.1', 'Chile', 'Abolish the death penalty', 'noted', '2024-01-10', 'Death penalty', '', '16.1',"
        " 'not started', 'n')"
    )
    connection.execute("INSERT INTO settings (key, value) VALUES ('office', 'KEN-HRA')")
    connection.commit()
    connection.close()
    assert current_revision(data_dir.database) == FIRST

    store = open_store(data_dir)

    assert current_revision(data_dir.database) == SCHEMA_HEAD
    backups = list(data_dir.backups.glob(f"*before-migration-from-{FIRST}.sqlite3"))
    assert len(backups) == 1
    backup = sqlite3.connect(backups[0])
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (FIRST,)
    assert backup.execute("SELECT text FROM recommendations").fetchone() == ("Abolish the death penalty",)
    with store.engine.connect() as connection:
        row = connection.exec_driver_sql("SELECT text, rev, local_change FROM recommendations").one()
        assert tuple(row) == ("Abolish the death penalty", 2, 5)
        indexes = {r[1] for r in connection.exec_driver_sql("PRAGMA index_list(recommendations)")}
        assert "ix_recommendations_country_mechanism" in indexes
    store.close()


def test_opening_an_up_to_date_store_takes_no_backup(data_dir):
    open_store(data_dir).close()
    open_store(data_dir).close()
    assert list(data_dir.backups.iterdir()) == []
