"""Shared fixtures: every test gets a real SQLite store in its own temporary folder.

Qt runs offscreen (CI has no display); QSettings are redirected per test so no test reads or writes the
user's real profile.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture
def data_dir(tmp_path: Path):
    from tcdesk.paths import DataDir

    return DataDir(tmp_path / "data")


@pytest.fixture
def store(data_dir):
    from tcdesk.store.db import open_store

    opened = open_store(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def office_store(store):
    """A store whose office code is set, as after the first-start dialog."""
    from tcdesk.services import settings

    settings.set_office_code(store, "KEN-HRA")
    return store


def shared_data(relative: str) -> Path:
    """A file of ../shared/data, or skip: a lone clone of the project has no ../shared."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"needs ../shared/data/{relative}, which is absent from a lone clone of the project")
    return path


def pytest_configure(config):
    import uuid

    pytest.uid = lambda: str(uuid.uuid4())  # a fresh record uid, lower-case as the contract requires
