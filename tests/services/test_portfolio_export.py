"""The portfolio workbook lists every project with all its fields, and each link named as readers know it."""

from __future__ import annotations

from openpyxl import load_workbook

from tcdesk.services import portfolio, records
from tcdesk.services.demo import DEMO_ISO3, load_demo
from tcdesk.services.portfolio_export import export_portfolio


def test_export_lists_projects_and_links(office_store, tmp_path):
    load_demo(office_store)
    project = records.create(
        office_store,
        "projects",
        {"country": DEMO_ISO3, "code": "NEW-1", "title": "=SUM(A1)", "budget_usd": "1234.50", "partners": "A\nB"},
    )
    path = tmp_path / "out" / "portfolio.xlsx"
    export_portfolio(office_store, DEMO_ISO3, path)
    book = load_workbook(path)
    assert book.sheetnames == ["Projects", "Links"]
    rows = list(book["Projects"].iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(portfolio.projects(office_store, DEMO_ISO3))
    mine = next(r for r in rows if r[0] == "NEW-1")
    assert mine[1] == "=SUM(A1)" and mine[5] == "1234.50" and mine[8] == "A\nB"
    assert book["Projects"].cell(row=3, column=1).value == "Code"
    links = list(book["Links"].iter_rows(min_row=4, values_only=True))
    expected = sum(p.recommendations + p.clusters for p in portfolio.projects(office_store, DEMO_ISO3))
    assert len(links) == expected
    kinds = {r[2] for r in links}
    assert kinds == {"recommendation", "cluster"}
    cluster_rows = [r for r in links if r[2] == "cluster"]
    assert all(r[3] for r in cluster_rows)  # titles, not uids
    assert project not in {r[3] for r in links}
