"""Opening the store: one SQLite file, WAL, foreign keys on, schema brought to the newest revision.

The schema revision is checked with one plain SQLite query so that an up-to-date store opens without
importing Alembic (about 0.1 s saved on every start); Alembic runs only when there is something to migrate,
and never before a timestamped backup of the file.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

from tcdesk.paths import DataDir
from tcdesk.store import search_text
from tcdesk.store.backup import backup_database

SCHEMA_HEAD = "0004_query_plans"
MIGRATIONS = Path(__file__).with_name("migrations")


class StoreError(RuntimeError):
    """The store cannot be opened or upgraded; the message says why and what to do."""


@dataclass
class Store:
    data_dir: DataDir
    engine: Engine

    @property
    def path(self) -> Path:
        return self.data_dir.database

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed whole or rolled back whole."""
        with self.session() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def optimize(self, *, after_bulk_change: bool = False) -> None:
        """Keep the query planner's statistics true to the data.

        A store's first statistics are made on empty tables; after a 100,000-row import SQLite would plan a
        theme facet blind (105 ms, against 1.2 ms with statistics). So a bulk change runs a full ANALYZE
        (about 80 ms on 100,000 recommendations here; a sampled one planned no better than none), and
        otherwise ``PRAGMA optimize`` refreshes only what SQLite finds stale.
        """
        with self.engine.connect() as connection:
            if after_bulk_change:
                connection.exec_driver_sql("ANALYZE")
            else:
                connection.exec_driver_sql("PRAGMA optimize")
            connection.commit()

    def close(self) -> None:
        with suppress(Exception):  # closing must never fail because statistics could not be refreshed
            self.optimize()
        self.engine.dispose()


def _cache_kib() -> int:
    """SQLite's page cache per connection: 64 MB by default, because a bulk import touches every index page
    (measured: 2 MB, SQLite's default, made a 100,000-row import about 0.6 s slower). ``TCDESK_CACHE_KIB``
    lowers it on a very small machine, and lets a test force uncommitted pages out to disk."""
    value = os.environ.get("TCDESK_CACHE_KIB", "")
    return int(value) if value.isdigit() and int(value) > 0 else 65536


def make_engine(database: Path) -> Engine:
    engine = create_engine(f"sqlite:///{database}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy's "begin" event open transactions, so that BEGIN covers reads and writes alike.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute(f"PRAGMA cache_size=-{_cache_kib()}")
        cursor.close()
        search_text.register(dbapi_connection)  # the search and facet triggers call these

    @event.listens_for(engine, "begin")
    def _begin(connection):  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")

    return engine


def current_revision(database: Path) -> str | None:
    """The Alembic revision recorded in the file, or None for a new or pre-Alembic file."""
    if not database.exists():
        return None
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()
    return row[0] if row else None


def alembic_config(connection):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def open_store(data_dir: DataDir, *, migrate_to: str = "head") -> Store:
    """Open (creating if need be) the store in ``data_dir``, migrated to ``migrate_to``.

    ``migrate_to`` exists for tests that build a store at an older revision.
    """
    data_dir.ensure()
    database = data_dir.database
    existed = database.exists() and database.stat().st_size > 0
    revision = current_revision(database)
    engine = make_engine(database)
    if revision != SCHEMA_HEAD or migrate_to != "head":
        if existed:
            if revision is None:
                raise StoreError(
                    f"{database} is not a tcdesk store (no schema revision found); "
                    "move it away or choose another data folder"
                )
            backup_database(database, data_dir.backups, f"before-migration-from-{revision}")
        try:
            upgrade(engine, migrate_to)
        except Exception as exc:
            engine.dispose()
            raise StoreError(f"could not upgrade the store at {database}: {exc}") from exc
    return Store(data_dir=data_dir, engine=engine)
