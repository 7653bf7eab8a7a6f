"""Coverage and gaps change as links are made; funding sums are exact decimals."""

from __future__ import annotations

from decimal import Decimal

from tcdesk.services import portfolio, records
from tcdesk.services.demo import DEMO_ISO3, load_demo


def _rec(store, response="supported"):
    return records.create(
        store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": "t", "response": response}
    )


def test_gaps_close_when_a_project_links_a_cluster_or_a_recommendation(office_store):
    a, b, noted = _rec(office_store), _rec(office_store), _rec(office_store, "noted")
    justice = records.create(office_store, "clusters", {"country": "KEN", "title": "Justice", "priority": "high"})
    records.set_cluster_members(office_store, justice, [a])
    project = records.create(
        office_store, "projects", {"country": "KEN", "title": "Courts", "status": "active", "budget_usd": "100000.10"}
    )
    before = portfolio.gaps(office_store, "KEN")
    assert [c.title for c in before.high_priority_clusters] == ["Justice"]
    assert {u for u, _, _ in before.supported_recommendations} == {a, b}  # noted ones are not gaps

    records.set_project_links(office_store, project, [("cluster", justice)])
    after = portfolio.gaps(office_store, "KEN")
    assert after.high_priority_clusters == []
    assert {u for u, _, _ in after.supported_recommendations} == {b}  # a is covered through its cluster
    records.set_project_links(office_store, project, [("cluster", justice), ("recommendation", b)])
    assert portfolio.gaps(office_store, "KEN").supported_recommendations == []
    (row,) = portfolio.coverage(office_store, "KEN")
    assert row.projects == [(project, "Courts")] and row.by_status == {"": 1}
    assert noted


def test_closed_projects_cover_nothing(office_store):
    rec = _rec(office_store)
    project = records.create(office_store, "projects", {"country": "KEN", "title": "Old", "status": "closed"})
    records.set_project_links(office_store, project, [("recommendation", rec)])
    assert [u for u, _, _ in portfolio.gaps(office_store, "KEN").supported_recommendations] == [rec]


def test_funding_is_summed_as_decimals(office_store):
    for amount, source, status in (
        ("0.10", "Peacebuilding Fund", "active"),
        ("0.20", "Peacebuilding Fund", "active"),
        ("1000", "Other", "pipeline"),
        ("", "Other", "pipeline"),
    ):
        records.create(
            office_store,
            "projects",
            {"country": "KEN", "title": "p", "budget_usd": amount, "funding_source": source, "status": status},
        )
    by_source, by_status = portfolio.funding(office_store, "KEN")
    assert by_source == {"Peacebuilding Fund": Decimal("0.30"), "Other": Decimal("1000")}
    assert by_status["active"] == Decimal("0.30")


def test_demo_portfolio_has_coverage_gaps_and_a_timeline(store):
    load_demo(store)
    gaps = portfolio.gaps(store, DEMO_ISO3)
    assert len(gaps.high_priority_clusters) >= 1  # the demo leaves a high-priority cluster uncovered
    assert all(p.start_date <= p.end_date for p in portfolio.timeline(store, DEMO_ISO3))
    first = portfolio.projects(store, DEMO_ISO3)[0]
    assert len(portfolio.linked_recommendations(store, first.uid)) == first.recommendations
