from __future__ import annotations

import pytest

from tcdesk.services import batch_edits, records


@pytest.fixture
def three(office_store):
    uids = [
        records.create(
            office_store,
            "recommendations",
            {"country": "KEN", "mechanism": "UPR", "text": f"Adopt law {i}", "implementation_status": status},
        )
        for i, status in enumerate(("not started", "in progress", ""))
    ]
    return office_store, uids


def test_values_of_reads_live_records_only(three):
    store, uids = three
    records.delete_record(store, "recommendations", uids[2])
    found = batch_edits.values_of(store, "recommendations", [*uids, pytest.uid()], ["implementation_status", "rev"])
    assert found == {
        uids[0]: {"implementation_status": "not started", "rev": "1"},
        uids[1]: {"implementation_status": "in progress", "rev": "1"},
    }
    with pytest.raises(ValueError, match="unknown column"):
        batch_edits.values_of(store, "recommendations", uids, ["colour"])


def test_update_each_gives_each_record_its_values_through_the_edit_path(three):
    store, uids = three
    made = batch_edits.update_each(
        store,
        "recommendations",
        {
            uids[0]: {"implementation_status": "implemented"},
            uids[1]: {"implementation_status": "in progress"},  # unchanged: no new revision
            uids[2]: {"notes": "Asked the ministry"},
        },
    )
    assert made == 2
    first, second, third = (records.get(store, "recommendations", uid) for uid in uids)
    assert (first["implementation_status"], first["rev"], first["updated_by"]) == ("implemented", "2", "KEN-HRA")
    assert second["rev"] == "1"
    assert (third["notes"], third["rev"]) == ("Asked the ministry", "2")


def test_update_each_is_all_or_none(three):
    store, uids = three
    with pytest.raises(records.EditRefused):
        batch_edits.update_each(
            store,
            "recommendations",
            {uids[0]: {"implementation_status": "implemented"}, uids[1]: {"implementation_status": "done"}},
        )
    records.delete_record(store, "recommendations", uids[2])
    with pytest.raises(records.RecordNotFound):
        batch_edits.update_each(store, "recommendations", {uids[0]: {"notes": "x"}, uids[2]: {"notes": "y"}})
    assert records.get(store, "recommendations", uids[0])["rev"] == "1"
