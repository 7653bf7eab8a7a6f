"""Timestamped copies of the database, taken before anything that could go wrong at scale.

Uses SQLite's online backup API rather than a file copy: with WAL, recent commits may still sit in the
``-wal`` file, and a plain copy of the main file would silently miss them.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

KEEP_PER_REASON = 10


def backup_database(database: Path, backups: Path, reason: str) -> Path:
    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backups / f"{database.stem}-{stamp}-{reason}.sqlite3"
    source = sqlite3.connect(database)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    _prune(backups, database.stem, reason)
    return target


def _prune(backups: Path, stem: str, reason: str) -> None:
    """Keep the newest few backups of each kind: a field laptop's disk is small."""
    old = sorted(backups.glob(f"{stem}-*-{reason}.sqlite3"))[:-KEEP_PER_REASON]
    for path in old:
        path.unlink(missing_ok=True)
