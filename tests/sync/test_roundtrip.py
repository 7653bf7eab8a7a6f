"""A full export read back into an empty store reproduces every record and link exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from tcdesk.paths import DataDir
from tcdesk.services import exchange, records, trust
from tcdesk.services import settings as app_settings
from tcdesk.services.startup import open_app_store
from tcdesk.store.db import open_store
from tcdesk.store.models import (
    Assessment,
    ChecklistItem,
    ChecklistTemplate,
    Cluster,
    ClusterMember,
    Country,
    Project,
    ProjectLink,
    Recommendation,
)
from tcdesk.sync.keys import parse_public_key
from tests.sync.packages import contract_digest

TRICKY = [
    "=SUM(A1:A9)",
    "+254 700 000",
    "-5 points",
    "@mention",
    "\tindented",
    "\rcarriage",
    " padded  ",
    "line one\nline two\r\nthree",
    "مراجعة القوانين الوطنية",
    "国家人权机构",
    "Национальный план",
    "_x000D_ literal",
    'ampersand & <angle> "quotes"',
    "ctl\x01\x1f",
    "x" * 30_000,
]

free_text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200),
)
one_line = free_text.map(lambda t: t.replace("\r", " ").replace("\n", " ")).filter(lambda t: t.strip())


def _snapshot(store) -> dict[str, list]:
    models = (
        Country,
        Recommendation,
        Cluster,
        ClusterMember,
        Project,
        ProjectLink,
        ChecklistTemplate,
        ChecklistItem,
        Assessment,
    )
    with store.session() as session:
        out = {}
        for model in models:
            rows = [r.model_dump() for r in session.exec(select(model)).all()]
            for row in rows:
                row.pop("local_change", None)  # the receiver has not changed anything itself
                row.pop("received_at", None)
                row.pop("source", None)
            out[model.__tablename__] = sorted(rows, key=repr)
        return out


def _fill(store, text: str, title: str, extra_texts: list[str] = ()) -> None:
    country = records.create(store, "countries", {"iso3": "KEN", "name": title, "presence": "HRA"})
    for extra in extra_texts:
        records.create(
            store,
            "recommendations",
            {
                "country": "KEN",
                "mechanism": "SP",
                "text": extra,
                "notes": extra,
                "paragraph": _one_line(extra),
            },
        )
    recs = [
        records.create(
            store,
            "recommendations",
            {
                "country": "KEN",
                "mechanism": m,
                "body": "CEDAW" if m == "TB" else m,
                "text": text,
                "notes": text,
                "recommending_state": title,
                "themes": "Women's rights\nChildren: definition; general principles",
                "sdg_targets": "5.1\n16.b",
                "issued_on": "2024-02-29",
                "response": "noted" if m == "UPR" else "",
            },
        )
        for m in ("UPR", "TB", "SP")
    ]
    records.update(store, "recommendations", recs[0], {"implementation_status": "in progress"})
    cluster = records.create(
        store,
        "clusters",
        {"country": "KEN", "title": title, "summary": text, "sdg_goals": "5\n16", "priority": "high"},
    )
    records.set_cluster_members(store, cluster, recs[:2])
    project = records.create(
        store,
        "projects",
        {
            "country": "KEN",
            "title": title,
            "budget_usd": "1250000.75",
            "start_date": "2025-01-01",
            "end_date": "2027-06-30",
            "partners": "KNCHR\nUN Women",
            "results": text,
            "status": "active",
        },
    )
    records.set_project_links(store, project, [("recommendation", recs[2]), ("cluster", cluster)])
    records.create(
        store,
        "assessments",
        {
            "country": "KEN",
            "template": "CCA-HR",
            "version": "1",
            "code": _first_item(store),
            "status": "partly met",
            "evidence": text,
            "links": f"{recs[0]}\n{cluster}",
            "assessed_on": "2026-03-01",
        },
    )
    gone = records.create(store, "clusters", {"country": "KEN", "title": "to delete"})
    records.delete_record(store, "clusters", gone)
    assert country


def _first_item(store) -> str:
    with store.session() as session:
        return session.exec(select(ChecklistItem.code).order_by(ChecklistItem.position)).first()


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def _round_trip(tmp_path, text: str, title: str, extra_texts: list[str] = ()) -> None:
    source = open_app_store(DataDir(tmp_path / "source"))
    target = open_app_store(DataDir(tmp_path / "target"))  # as the app and the CLI open a new store
    try:
        app_settings.set_office_code(source, "KEN-HRA")
        public = trust.create_office_key(source)
        _fill(source, text, title, extra_texts)
        path = tmp_path / "full.xlsx"
        exchange.export_package(source, path, full=True)
        trust.trust_key(target, parse_public_key(public.line()))
        outcome = exchange.import_package(target, path)
        assert outcome.applied, outcome.report()
        assert _snapshot(target) == _snapshot(source)
    finally:
        source.close()
        target.close()


def test_round_trip_with_every_awkward_text(tmp_path):
    _round_trip(tmp_path, TRICKY[0], _one_line(TRICKY[6]), extra_texts=TRICKY)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=free_text, title=one_line)
def test_round_trip_property(tmp_path_factory, text, title):
    _round_trip(tmp_path_factory.mktemp("rt"), text, title)


def test_export_digest_matches_an_independent_computation(office_store, tmp_path):
    from openpyxl import load_workbook

    records.create(office_store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": "=1+1"})
    path = tmp_path / "out.xlsx"
    exchange.export_package(office_store, path, full=True)
    workbook = load_workbook(path)
    sheets = {}
    for ws in workbook.worksheets:
        rows = [["" if c is None else str(c) for c in row] for row in ws.iter_rows(values_only=True)]
        sheets[ws.title] = rows
        if ws.title != "manifest":
            assert all(cell.data_type == "s" for row in ws.iter_rows() for cell in row if cell.value is not None)
    manifest = {k: v for k, v in sheets.pop("manifest")[1:]}
    assert contract_digest(manifest, sheets) == manifest["digest"]
    assert workbook.sheetnames[0] == "manifest"


def test_exporting_twice_gives_the_same_data_sheets(office_store, tmp_path):
    import zipfile

    from tcdesk.services.checklist_templates import ensure_bundled_template

    with office_store.transaction() as session:
        ensure_bundled_template(session)
    _fill(office_store, "same", "Same")
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    exchange.export_package(office_store, first, full=True)
    exchange.export_package(office_store, second, full=True)
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        data_parts = [n for n in a.namelist() if n.startswith("xl/worksheets/") and n != "xl/worksheets/sheet1.xml"]
        assert data_parts and all(a.read(n) == b.read(n) for n in data_parts)
        assert a.read("xl/worksheets/sheet1.xml") != b.read("xl/worksheets/sheet1.xml")  # package id, sequence


@pytest.fixture
def hq(tmp_path):
    store = open_store(DataDir(tmp_path / "hq"))
    app_settings.set_office_code(store, "HQ")
    yield store
    store.close()


def test_field_return_carries_changes_until_hq_acknowledges_them(office_store, hq, tmp_path):
    uid = records.create(office_store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": "t"})
    first = exchange.export_package(office_store, tmp_path / "r1.xlsx")
    assert first.rows == {"recommendations": 1} and first.kind == "field-return"
    again = exchange.export_package(office_store, tmp_path / "r2.xlsx")
    assert again.rows == {"recommendations": 1}  # not acknowledged yet: still carried

    assert exchange.import_package(hq, tmp_path / "r1.xlsx", allow_untrusted=True).applied
    update = exchange.export_package(hq, tmp_path / "u.xlsx")
    assert update.kind == "hq-update" and update.acknowledges == [first.package_id]
    assert exchange.import_package(office_store, tmp_path / "u.xlsx", allow_untrusted=True).applied

    from tcdesk.services.overview import pending_changes

    assert pending_changes(office_store) == 0
    assert exchange.export_package(office_store, tmp_path / "r3.xlsx").rows == {}
    records.update(office_store, "recommendations", uid, {"notes": "follow-up"})
    delta = exchange.export_package(office_store, tmp_path / "r4.xlsx")
    assert delta.rows == {"recommendations": 1}
    row = records.get(office_store, "recommendations", uid)
    assert row["base_rev"] == "1" and row["rev"] == "2"
    # HQ's next update does not acknowledge the same return twice.
    assert exchange.export_package(hq, tmp_path / "u2.xlsx").acknowledges == []
