"""The demo country: big and varied enough for every page, valid by the contract's rules, and removable."""

from __future__ import annotations

import copy
import uuid
from collections import Counter

import pytest
from sqlalchemy import func
from sqlmodel import select

from tcdesk.domain.schema import RECORD_SHEETS
from tcdesk.domain.validation import normalize, row_problems, split_list
from tcdesk.services import demo, settings
from tcdesk.services.overview import pending_changes
from tcdesk.store.models import (
    RECORD_MODELS,
    ChecklistItem,
    ChecklistTemplate,
    Cluster,
    ClusterMember,
    Country,
    Project,
    ProjectLink,
    Recommendation,
    TrustedKey,
)
from tcdesk.store.rows import to_text


@pytest.fixture
def loaded(store):
    demo.load_demo(store)
    return store


def _rows(session, model):
    if model is Country:
        return list(session.exec(select(Country).where(Country.iso3 == demo.DEMO_ISO3)))
    return list(session.exec(select(model).where(model.country == demo.DEMO_ISO3)))


def _count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_volumes_are_large_enough_for_every_page(loaded):
    with loaded.session() as session:
        recs = _rows(session, Recommendation)
        assert len(recs) >= 150
        assert Counter(r.mechanism for r in recs).keys() == {"UPR", "TB", "SP"}
        for rec in recs:
            assert rec.themes and rec.affected_persons and rec.sdg_targets, rec.uid
        upr = [r for r in recs if r.mechanism == "UPR"]
        assert {r.cycle for r in upr} == {"3", "4"}
        assert {r.response for r in upr} == {"supported", "noted"}
        assert all(r.recommending_state for r in upr)
        assert len({r.body for r in recs if r.mechanism == "TB"}) >= 5
        assert len(_rows(session, Cluster)) >= 10
        assert len(_rows(session, Project)) >= 8
        assert {p.status for p in _rows(session, Project)} >= {"active", "pipeline", "completed"}


def test_every_loaded_value_passes_the_domain_rules(loaded):
    with loaded.session() as session:
        for sheet in RECORD_SHEETS:
            rows = _rows(session, RECORD_MODELS[sheet.name])
            assert rows, sheet.name
            for record in rows:
                row = to_text(sheet, record)
                for column in sheet.columns:
                    assert normalize(column, row[column.name]) == row[column.name], (sheet.name, column.name)
                assert row_problems(sheet, row) == [], (sheet.name, record.uid)


def test_demo_records_come_from_hq_at_revision_one_and_are_not_local_changes(loaded):
    with loaded.session() as session:
        for model in RECORD_MODELS.values():
            for record in _rows(session, model):
                assert (record.rev, record.base_rev, record.updated_by) == (1, 0, "HQ")
                assert record.updated_at == demo.STAMP
                assert record.local_change is None and not record.deleted
    assert pending_changes(loaded) == 0


def test_members_links_and_assessment_links_point_at_demo_records(loaded):
    with loaded.session() as session:
        recs = {r.uid for r in _rows(session, Recommendation)}
        clusters = {c.uid: c for c in _rows(session, Cluster)}
        members = list(session.exec(select(ClusterMember)))
        assert members and all(m.recommendation_uid in recs and m.cluster_uid in clusters for m in members)
        sizes = Counter(m.cluster_uid for m in members)
        assert all(5 <= sizes[uid] <= 25 for uid in clusters)
        links = list(session.exec(select(ProjectLink)))
        targets = {"recommendation": recs, "cluster": set(clusters)}
        assert all(link.target_uid in targets[link.kind] for link in links)
        assert {link.project_uid for link in links} == {p.uid for p in _rows(session, Project)}
        for answer in _rows(session, RECORD_MODELS["assessments"]):
            assert set(split_list(answer.links)) <= recs | set(clusters), answer.code
        codes = set(session.exec(select(ChecklistItem.code).where(ChecklistItem.template == "CCA-HR")))
        assert {a.code for a in _rows(session, RECORD_MODELS["assessments"])} <= codes
        covered = {link.target_uid for link in links if link.kind == "cluster"}
        uncovered_high = [c for uid, c in clusters.items() if c.priority == "high" and uid not in covered]
        assert len(uncovered_high) >= 2, "the demo should show coverage gaps"


def test_loading_twice_changes_nothing(store):
    first = demo.load_demo(store)
    with store.session() as session:
        before = {name: _count(session, model) for name, model in RECORD_MODELS.items()}
        before["members"], before["links"] = _count(session, ClusterMember), _count(session, ProjectLink)
    second = demo.load_demo(store)
    with store.session() as session:
        after = {name: _count(session, model) for name, model in RECORD_MODELS.items()}
        after["members"], after["links"] = _count(session, ClusterMember), _count(session, ProjectLink)
    assert first.loaded and not second.loaded
    assert before == after
    assert first.recommendations == before["recommendations"]


def test_loading_sets_the_demo_and_current_country_settings(store):
    demo.load_demo(store)
    assert demo.is_demo_loaded(store)
    assert settings.get(store, settings.DEMO_COUNTRY) == "XVL"
    assert settings.get(store, settings.CURRENT_COUNTRY) == "XVL"


def test_loading_keeps_a_current_country_already_chosen(store):
    settings.put(store, settings.CURRENT_COUNTRY, "KEN")
    demo.load_demo(store)
    assert settings.get(store, settings.CURRENT_COUNTRY) == "KEN"


def test_loading_trusts_no_key(loaded):
    with loaded.session() as session:
        assert session.exec(select(TrustedKey)).first() is None


def test_remove_leaves_no_demo_row_and_keeps_the_template(loaded):
    with loaded.session() as session:
        items = _count(session, ChecklistItem)
    removed = demo.remove_demo(loaded)
    assert removed > 150
    assert not demo.is_demo_loaded(loaded)
    with loaded.session() as session:
        for model in RECORD_MODELS.values():
            assert _rows(session, model) == [], model.__tablename__
        assert _count(session, ClusterMember) == 0 and _count(session, ProjectLink) == 0
        assert session.get(ChecklistTemplate, ("CCA-HR", 1)) is not None
        assert _count(session, ChecklistItem) == items
    assert settings.get(loaded, settings.DEMO_COUNTRY) == ""
    assert settings.get(loaded, settings.CURRENT_COUNTRY) == ""
    assert demo.load_demo(loaded).loaded  # and it can come back


def test_remove_keeps_a_current_country_that_is_not_the_demo(loaded):
    settings.put(loaded, settings.CURRENT_COUNTRY, "KEN")
    demo.remove_demo(loaded)
    assert settings.get(loaded, settings.CURRENT_COUNTRY) == "KEN"


def test_demo_uids_are_stable_uuids():
    uid = demo.demo_uid("upr3-001")
    assert uid == demo.demo_uid("upr3-001") != demo.demo_uid("upr3-002")
    assert str(uuid.UUID(uid)) == uid


def _data_with(change) -> dict:
    data = copy.deepcopy(demo.read_demo_data())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d["recommendations"][0].update(response="acepted"), "upr3-001 response: 'acepted'"),
        (lambda d: d["recommendations"][1].update(sdg_targets=["16"]), "upr3-002 sdg_targets: '16' is not"),
        (lambda d: d["recommendations"][2].update(themes=["Women's rights "]), "upr3-003 themes: list item"),
        (lambda d: d["recommendations"][3].update(issued_on="2019-02-30"), "upr3-004 issued_on:"),
        (lambda d: d["recommendations"][4].update(text=""), "upr3-005 text: is required"),
        (lambda d: d["clusters"][0].update(sdg_goals=["18"]), "c-justice sdg_goals:"),
        (lambda d: d["clusters"][0]["members"].append("upr9-999"), "c-justice: 'upr9-999' is not the key"),
        (lambda d: d["projects"][0].update(budget_usd="-5"), "p-nhri budget_usd:"),
        (lambda d: d["projects"][0].update(end_date="2020-01-01"), "p-nhri end_date:"),
        (lambda d: d["projects"][0]["links"]["clusters"].append("upr3-001"), "p-nhri: 'upr3-001' is not"),
        (lambda d: d["assessments"][0].update(status="done"), "GP-1 status:"),
        (lambda d: d["assessments"][0].update(code="ZZ-9"), "no item 'ZZ-9'"),
        (lambda d: d["country"].update(iso3="KEN"), "country iso3"),
        (lambda d: d["recommendations"][0].update(respons="noted"), "upr3-001: unknown field"),
    ],
)
def test_a_bad_demo_value_is_refused_naming_key_and_column_and_no_package_is_written(tmp_path, change, named):
    target = tmp_path / "demo.xlsx"
    with pytest.raises(demo.DemoDataError, match=named.replace("(", r"\(")):
        demo.build_demo_package(target, _data_with(change))
    assert not target.exists()


def test_the_bundled_package_is_built_from_the_demo_json(tmp_path):
    """Fails when demo-country.json was edited without running scripts/build_demo_package.py."""
    rebuilt = tmp_path / "demo.xlsx"
    demo.build_demo_package(rebuilt)
    assert rebuilt.read_bytes() == demo.demo_package_path().read_bytes()


def test_the_demo_arrives_through_the_package_path_as_a_demo_import(loaded):
    from tcdesk.services.exchange import exchange_log

    (entry,) = exchange_log(loaded)
    assert (entry.direction, entry.demo, entry.allowed_untrusted, entry.trusted) == ("import", True, True, False)
    assert entry.package_id == demo.PACKAGE_ID


def test_demo_records_are_never_exported(loaded, tmp_path):
    from tcdesk.services import exchange
    from tcdesk.services.overview import pending_changes

    settings.set_office_code(loaded, "XVL-HRA")
    from tcdesk.services import records

    uid = demo.demo_uid("upr3-001")
    records.update(loaded, "recommendations", uid, {"implementation_status": "implemented"})
    assert pending_changes(loaded) == 0
    summary = exchange.export_package(loaded, tmp_path / "full.xlsx", full=True)
    assert summary.rows == {}
