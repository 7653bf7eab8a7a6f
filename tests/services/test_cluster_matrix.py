"""The cluster matrix counts what the store holds, and its workbook is one a colleague can use."""

from __future__ import annotations

from collections import Counter

from openpyxl import load_workbook

from tcdesk.services import records
from tcdesk.services.cluster_matrix import cluster_matrix, export_matrix
from tcdesk.services.demo import DEMO_ISO3, load_demo


def test_matrix_counts_match_the_members_of_each_cluster(store):
    load_demo(store)
    matrix = cluster_matrix(store, DEMO_ISO3)
    assert len(matrix) == 12 and [r.priority for r in matrix[:4]] == ["high"] * 4
    for row in matrix:
        with store.engine.connect() as conn:
            members = conn.exec_driver_sql(
                "SELECT r.mechanism, r.response, r.implementation_status FROM cluster_members m "
                "JOIN recommendations r ON r.uid = m.recommendation_uid WHERE m.cluster_uid = ?",
                (row.uid,),
            ).all()
        assert row.members == len(members)
        assert row.by_mechanism == Counter(m for m, _, _ in members)
        assert row.by_status == Counter(s for _, _, s in members)


def test_deleted_records_leave_the_matrix(office_store):
    rec = records.create(office_store, "recommendations", {"country": "KEN", "mechanism": "TB", "text": "t"})
    gone = records.create(office_store, "recommendations", {"country": "KEN", "mechanism": "SP", "text": "g"})
    cluster = records.create(office_store, "clusters", {"country": "KEN", "title": "Justice", "sdg_goals": "16"})
    records.set_cluster_members(office_store, cluster, [rec, gone])
    records.delete_record(office_store, "recommendations", gone)
    (row,) = cluster_matrix(office_store, "KEN")
    assert (row.members, dict(row.by_mechanism)) == (1, {"TB": 1})


def test_exported_workbook_is_formatted_and_keeps_text_as_text(office_store, tmp_path):
    rec = records.create(office_store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": "=SUM(A1)"})
    cluster = records.create(
        office_store,
        "clusters",
        {"country": "KEN", "title": "=Justice", "priority": "high", "sdg_goals": "16\n5", "summary": "Fair trial"},
    )
    records.set_cluster_members(office_store, cluster, [rec])
    path = tmp_path / "matrix.xlsx"
    assert export_matrix(office_store, "KEN", path) == 1
    workbook = load_workbook(path)
    matrix = workbook["Matrix"]
    assert matrix.freeze_panes == "B4" and matrix.auto_filter.ref.startswith("A3:")
    assert matrix["A3"].font.b and matrix["A4"].value == "=Justice" and matrix["A4"].data_type == "s"
    assert matrix["C4"].value == "5 Gender equality\n16 Peace, justice and institutions"
    assert matrix["D4"].value == 1 and matrix["A4"].alignment.wrap_text
    listing = workbook["Recommendations"]
    assert listing["G4"].value == "=SUM(A1)" and listing["G4"].data_type == "s"
