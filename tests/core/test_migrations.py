"""A store created by the first schema revision opens in today's code: migrated, backed up, data intact."""

from __future__ import annotations

import sqlite3

from alembic.script import ScriptDirectory

from tcdesk.store.db import MIGRATIONS, SCHEMA_HEAD, alembic_config, current_revision, open_store
from tests.first_revision import FIRST, make_first_revision_store


def test_schema_head_constant_matches_the_migration_scripts(store):
    with store.engine.connect() as connection:
        script = ScriptDirectory.from_config(alembic_config(connection))
    assert script.get_current_head() == SCHEMA_HEAD
    assert MIGRATIONS.is_dir()


def test_upgrade_from_the_first_revision_keeps_data_and_takes_a_backup(data_dir):
    make_first_revision_store(data_dir.root)
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
