"""Every table survives a write, a close and a re-open of the real SQLite file, value for value."""

from __future__ import annotations

import sqlite3

from sqlmodel import select

from tcdesk.store.db import SCHEMA_HEAD, current_revision, open_store
from tcdesk.store.models import (
    Assessment,
    ChecklistItem,
    ChecklistTemplate,
    Cluster,
    ClusterMember,
    Conflict,
    Country,
    ExchangeLogEntry,
    Project,
    ProjectLink,
    Recommendation,
    SdgReference,
    Setting,
    TrustedKey,
)

META = dict(rev=3, base_rev=2, updated_at="2026-03-01T10:00:00Z", updated_by="KEN-HRA", local_change=7)
REC_UID = "0b7a9a3e-1f49-4d38-9d6c-2a7c1f0e3b11"
CLUSTER_UID = "1c8b0b4f-2a5a-4e49-8e7d-3b8d2a1f4c22"
PROJECT_UID = "2d9c1c5a-3b6b-4f5a-9f8e-4c9e3b2a5d33"


def _rows():
    return [
        Country(
            uid="3e0d2d6b-4c7c-4a6b-8a9f-5d0f4c3b6e44",
            iso3="KEN",
            name="Kenya",
            region="Eastern Africa",
            presence="HRA",
            **META,
        ),
        Recommendation(
            uid=REC_UID,
            country="KEN",
            mechanism="UPR",
            body="UPR",
            cycle="4",
            session="49",
            document="A/HRC/55/11",
            paragraph="140.12",
            recommending_state="Norway",
            text="=Ratify\tthe protocol\n«مرحبا» 你好 Привет  ",
            response="supported",
            issued_on="2024-01-10",
            themes="Women's rights\nChildren: definition; general principles",
            affected_persons="Women & girls",
            sdg_targets="5.1\n16.b",
            implementation_status="in progress",
            notes="+ follow up",
            **META,
        ),
        Cluster(
            uid=CLUSTER_UID,
            country="KEN",
            title="Justice",
            summary="Fair trial",
            sdg_goals="16\n5",
            priority="high",
            **META,
        ),
        ClusterMember(cluster_uid=CLUSTER_UID, recommendation_uid=REC_UID),
        Project(
            uid=PROJECT_UID,
            country="KEN",
            code="KEN-01",
            title="NHRI support",
            status="active",
            start_date="2025-01-01",
            end_date="2026-12-31",
            budget_usd="250000.50",
            funding_source="Other",
            implementing_entity="OHCHR",
            partners="KNCHR\nUNDP",
            modality="multilateral",
            summary="s",
            results="r",
            sdg_targets="16.a",
            **META,
        ),
        ProjectLink(project_uid=PROJECT_UID, kind="cluster", target_uid=CLUSTER_UID),
        ChecklistTemplate(template="CCA-HR", version=2, received_at="2026-01-01T00:00:00Z", source="bundled"),
        ChecklistItem(
            template="CCA-HR",
            version=2,
            code="LNOB-1",
            section="Leave no one behind",
            position=1,
            text="Who is left behind?",
            guidance="Look for groups.",
        ),
        Assessment(
            uid="4f1e3e7c-5d8d-4b7c-9b0a-6e1a5d4c7f55",
            country="KEN",
            template="CCA-HR",
            version=2,
            code="LNOB-1",
            status="partly met",
            evidence="Line 1\nLine 2",
            links=REC_UID,
            assessed_on="2026-02-02",
            **META,
        ),
        SdgReference(code="16.3", title_en="Rule of law", title_ar="سيادة القانون", title_zh="法治"),
        Setting(key="office", value="KEN-HRA"),
        TrustedKey(key_id="0123456789abcdef", public_key="AAAA", label="HQ 2026", added_at="2026-01-01T00:00:00Z"),
        ExchangeLogEntry(
            direction="import",
            package_id="p",
            kind="hq-update",
            origin="HQ",
            target="*",
            sequence=4,
            counts='{"recommendations": {"inserted": 1}}',
            allowed_untrusted=True,
        ),
        Conflict(table_name="recommendations", uid=REC_UID, their_rev=4, theirs='{"text": "x"}', package_id="p"),
    ]


def _dump(session, model):
    return [row.model_dump() for row in session.exec(select(model)).all()]


def test_every_table_round_trips_through_the_file(data_dir):
    rows = _rows()
    store = open_store(data_dir)
    with store.transaction() as session:
        for row in rows:  # one flush each: members and links need their parents written first
            session.add(row)
            session.flush()
    expected = {type(r): [r.model_dump()] for r in rows}
    store.close()

    reopened = open_store(data_dir)
    with reopened.session() as session:
        for model, dumps in expected.items():
            got = _dump(session, model)
            if model is ExchangeLogEntry:
                for row in got:
                    row.pop("id")
                for row in dumps:
                    row.pop("id")
            assert got == dumps, model.__tablename__
    reopened.close()


def test_store_is_wal_with_foreign_keys(store):
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_member_of_an_unknown_recommendation_is_refused_by_the_database(store):
    import pytest
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.transaction() as session:
        session.add(Cluster(uid=CLUSTER_UID, country="KEN", title="T", **META))
        session.flush()
        session.add(ClusterMember(cluster_uid=CLUSTER_UID, recommendation_uid=REC_UID))
    with store.session() as session:
        assert session.get(Cluster, CLUSTER_UID) is None  # the whole transaction rolled back


def test_new_store_is_at_the_newest_revision(store):
    assert current_revision(store.path) == SCHEMA_HEAD


def test_a_file_that_is_not_a_store_is_refused_not_overwritten(data_dir):
    import pytest

    from tcdesk.store.db import StoreError

    data_dir.ensure()
    sqlite3.connect(data_dir.database).execute("CREATE TABLE unrelated (x)").connection.commit()
    before = data_dir.database.read_bytes()
    with pytest.raises(StoreError, match="not a tcdesk store"):
        open_store(data_dir)
    assert data_dir.database.read_bytes() == before
