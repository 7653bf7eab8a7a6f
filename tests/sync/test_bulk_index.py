"""A large import indexes its new recommendations in bulk and leaves the search triggers as they were."""

from __future__ import annotations

import pytest

from tcdesk.services import exchange, records
from tcdesk.services import recommendation_query as q
from tcdesk.sync.errors import Cancelled
from tcdesk.sync.merge import BULK_THRESHOLD
from tests.sync.packages import rec_row, sheet_of, write_package


def _triggers(store) -> set[str]:
    with store.engine.connect() as conn:
        return {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


@pytest.fixture
def big_package(tmp_path, hq_signer):
    rows = [
        rec_row(pytest.uid(), text=f"Protect human rights defenders number {i}", themes="Civic space")
        for i in range(BULK_THRESHOLD + 10)
    ]
    rows[7]["text"] = "Abolish the death penalty in law and practice"
    path = tmp_path / "big.xlsx"
    write_package(path, {"recommendations": sheet_of(rows)}, signer=hq_signer)
    return path


def test_bulk_import_is_searchable_and_keeps_the_triggers(field, big_package):
    before = _triggers(field)
    assert exchange.import_package(field, big_package).applied
    assert _triggers(field) == before
    assert q.count(field, q.RecFilter(text="death penalty")) == 1
    assert q.count(field, q.RecFilter(text="defenders")) == BULK_THRESHOLD + 9
    assert dict(q.facet_counts(field, q.RecFilter(), "theme")) == {"Civic space": BULK_THRESHOLD + 10}
    later = records.create(field, "recommendations", {"country": "KEN", "mechanism": "SP", "text": "Visit prisons"})
    assert q.uids(field, q.RecFilter(text="prisons")) == [later]  # the insert trigger is back at work


def test_a_cancelled_bulk_import_leaves_store_and_triggers_unchanged(field, big_package):
    """Cancelled right after the rows are written, while the insert trigger is suspended."""
    before = _triggers(field)
    steps: list[str] = []
    with pytest.raises(Cancelled):
        exchange.import_package(
            field,
            big_package,
            progress=lambda _f, message: steps.append(message),
            cancelled=lambda: steps.count("writing recommendations") >= 1,  # the tick after the first chunk
        )
    assert _triggers(field) == before
    assert q.count(field, q.RecFilter()) == 0
    with field.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM recommendation_tags").scalar() == 0
