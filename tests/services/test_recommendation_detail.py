from __future__ import annotations

from tcdesk.services import records
from tcdesk.services.recommendation_detail import detail


def test_detail_lists_clusters_and_projects_directly_or_through_a_cluster(office_store):
    rec = records.create(office_store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": "t"})
    other = records.create(office_store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": "o"})
    justice = records.create(office_store, "clusters", {"country": "KEN", "title": "Justice", "priority": "high"})
    gone = records.create(office_store, "clusters", {"country": "KEN", "title": "Old"})
    records.set_cluster_members(office_store, justice, [rec])
    records.set_cluster_members(office_store, gone, [rec])
    records.delete_record(office_store, "clusters", gone)
    direct = records.create(office_store, "projects", {"country": "KEN", "title": "Bar training", "status": "active"})
    via = records.create(office_store, "projects", {"country": "KEN", "title": "Courts", "status": "pipeline"})
    unrelated = records.create(office_store, "projects", {"country": "KEN", "title": "Other"})
    records.set_project_links(office_store, direct, [("recommendation", rec)])
    records.set_project_links(office_store, via, [("cluster", justice)])
    records.set_project_links(office_store, unrelated, [("recommendation", other)])

    shown = detail(office_store, rec)
    assert shown.record["text"] == "t"
    assert [(c.title, c.extra) for c in shown.clusters] == [("Justice", "high")]
    assert [(p.title, p.extra) for p in shown.projects] == [("Bar training", "active"), ("Courts", "pipeline")]
