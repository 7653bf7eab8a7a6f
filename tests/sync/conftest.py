from __future__ import annotations

import pytest

from tcdesk.services import settings, trust
from tcdesk.sync.keys import parse_public_key
from tests.sync.packages import Signer


@pytest.fixture
def hq_signer() -> Signer:
    return Signer("HQ Geneva 2026")


@pytest.fixture
def field(office_store, hq_signer):
    """A field office store (KEN-HRA) that trusts HQ's key."""
    trust.trust_key(office_store, parse_public_key(hq_signer.public_line()))
    return office_store


@pytest.fixture
def hq_store(tmp_path):
    from tcdesk.paths import DataDir
    from tcdesk.store.db import open_store

    store = open_store(DataDir(tmp_path / "hq"))
    settings.set_office_code(store, "HQ")
    yield store
    store.close()
