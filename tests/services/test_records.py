"""The one edit path: validated, rev + 1, stamped, marked to send; refused edits change nothing."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tcdesk.services import records
from tcdesk.services.overview import pending_changes
from tcdesk.services.records import EditRefused, RecordNotFound
from tcdesk.store.models import ClusterMember, Conflict, Recommendation

REC = {"country": "KEN", "mechanism": "UPR", "text": "Ratify the Optional Protocol", "response": "supported"}


def _raw(store, uid):
    with store.session() as session:
        return session.get(Recommendation, uid).model_dump()


def test_create_stamps_a_first_revision_marked_to_send(office_store):
    uid = records.create(office_store, "recommendations", REC | {"sdg_targets": "16.3\n 5.1 \n"})
    row = records.get(office_store, "recommendations", uid)
    assert row["rev"] == "1" and row["base_rev"] == "0"
    assert row["updated_by"] == "KEN-HRA" and row["updated_at"].endswith("Z")
    assert row["sdg_targets"] == "16.3\n5.1"  # stray spaces and empty lines dropped, canonical form stored
    assert pending_changes(office_store) == 1


def test_update_bumps_rev_and_marks_the_record_dirty(office_store):
    uid = records.create(office_store, "recommendations", REC)
    first_mark = _raw(office_store, uid)["local_change"]
    after = records.update(office_store, "recommendations", uid, {"implementation_status": "in progress"})
    assert after["rev"] == "2"
    assert after["implementation_status"] == "in progress"
    assert _raw(office_store, uid)["local_change"] > first_mark


def test_an_edit_that_changes_nothing_makes_no_revision(office_store):
    uid = records.create(office_store, "recommendations", REC)
    after = records.update(office_store, "recommendations", uid, {"response": "supported"})
    assert after["rev"] == "1"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"implementation_status": "done"},
            "implementation_status: 'done' is not one of not started, in progress",
        ),
        ({"response": "acepted"}, "response: 'acepted' is not one of supported, noted"),
        ({"country": "Kenya"}, "country: 'Kenya' is not an ISO 3166-1 alpha-3"),
        ({"issued_on": "2024-02-30"}, "issued_on: '2024-02-30' is not a real calendar date"),
        ({"sdg_targets": "16.3\n16"}, "'16' is not an SDG target code (a goal"),
        ({"sdg_targets": "18.1"}, "'18.1' is not an SDG target code"),
        ({"text": ""}, "text: is required"),
        ({"colour": "blue"}, "unknown column 'colour' of recommendations"),
        ({"rev": "9"}, "rev: kept by tcdesk itself"),
    ],
)
def test_invalid_edits_are_refused_and_change_nothing(office_store, changes, message):
    uid = records.create(office_store, "recommendations", REC)
    before = _raw(office_store, uid)
    with pytest.raises(EditRefused, match=message.replace("(", r"\(")):
        records.update(office_store, "recommendations", uid, changes | {"notes": "changed too"})
    assert _raw(office_store, uid) == before


def test_bulk_update_is_all_or_nothing(office_store):
    uids = [records.create(office_store, "recommendations", REC) for _ in range(3)]
    with pytest.raises(RecordNotFound):
        records.update_many(
            office_store,
            "recommendations",
            [*uids, "00000000-0000-4000-8000-000000000000"],
            {"implementation_status": "implemented"},
        )
    assert all(records.get(office_store, "recommendations", u)["implementation_status"] == "" for u in uids)
    assert records.update_many(office_store, "recommendations", uids, {"implementation_status": "implemented"}) == 3


def test_unknown_uid_and_table(office_store):
    with pytest.raises(RecordNotFound):
        records.update(office_store, "recommendations", "00000000-0000-4000-8000-000000000000", {"notes": "x"})
    with pytest.raises(ValueError, match="unknown table 'recs'"):
        records.update(office_store, "recs", "00000000-0000-4000-8000-000000000000", {"notes": "x"})


def test_edits_need_an_office_code(store):
    with pytest.raises(EditRefused, match="no office code"):
        records.create(store, "recommendations", REC)


def test_project_dates_and_budget_rules(office_store):
    base = {"country": "KEN", "title": "NHRI support"}
    with pytest.raises(EditRefused, match="end_date: 2025-01-01 is before the start date 2025-06-01"):
        records.create(office_store, "projects", base | {"start_date": "2025-06-01", "end_date": "2025-01-01"})
    with pytest.raises(EditRefused, match="budget_usd: '-5' is negative"):
        records.create(office_store, "projects", base | {"budget_usd": "-5"})
    with pytest.raises(EditRefused, match="budget_usd: '1,000' is not an amount"):
        records.create(office_store, "projects", base | {"budget_usd": "1,000"})
    uid = records.create(office_store, "projects", base | {"budget_usd": "1000.50"})
    assert records.get(office_store, "projects", uid)["budget_usd"] == "1000.50"


def test_membership_is_part_of_the_cluster_revision(office_store):
    rec = records.create(office_store, "recommendations", REC)
    cluster = records.create(office_store, "clusters", {"country": "KEN", "title": "Justice", "sdg_goals": "16"})
    assert records.set_cluster_members(office_store, cluster, [rec]) is True
    assert records.get(office_store, "clusters", cluster)["rev"] == "2"
    assert records.set_cluster_members(office_store, cluster, [rec]) is False  # unchanged: no new revision
    with pytest.raises(EditRefused, match="no recommendation with uid"):
        records.set_cluster_members(office_store, cluster, [rec, "00000000-0000-4000-8000-000000000000"])
    with office_store.session() as session:
        assert session.exec(select(ClusterMember.recommendation_uid)).all() == [rec]


def test_project_links_stamp_the_project(office_store):
    rec = records.create(office_store, "recommendations", REC)
    project = records.create(office_store, "projects", {"country": "KEN", "title": "P"})
    assert records.set_project_links(office_store, project, [("recommendation", rec)])
    assert records.get(office_store, "projects", project)["rev"] == "2"
    with pytest.raises(EditRefused, match="no cluster with uid"):
        records.set_project_links(office_store, project, [("cluster", rec)])


def test_delete_leaves_a_tombstone_that_is_sent(office_store):
    uid = records.create(office_store, "clusters", {"country": "KEN", "title": "T"})
    records.delete_record(office_store, "clusters", uid)
    with pytest.raises(RecordNotFound):
        records.get(office_store, "clusters", uid)
    with office_store.session() as session:
        from tcdesk.store.models import Cluster

        tomb = session.get(Cluster, uid)
        assert tomb.deleted and tomb.rev == 2 and tomb.local_change is not None


def test_an_edit_during_a_conflict_goes_above_their_revision(office_store):
    uid = records.create(office_store, "recommendations", REC)
    with office_store.transaction() as session:
        session.add(Conflict(table_name="recommendations", uid=uid, their_rev=5, theirs="{}"))
    assert records.update(office_store, "recommendations", uid, {"notes": "mine"})["rev"] == "6"
