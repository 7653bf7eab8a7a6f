"""Assessments, projects and their links travel field → HQ → field (and to a second laptop) intact."""

from __future__ import annotations

from sqlmodel import select

from tcdesk.paths import DataDir
from tcdesk.services import checklist, exchange, records, settings, trust
from tcdesk.services.startup import open_app_store
from tcdesk.store.models import Assessment, Cluster, ClusterMember, Project, ProjectLink, Recommendation
from tcdesk.sync.keys import parse_public_key


def _store(tmp_path, name, office):
    store = open_app_store(DataDir(tmp_path / name))
    settings.set_office_code(store, office)
    return store


def _content(store):
    """Every record and link, without this installation's own bookkeeping (local_change)."""
    with store.session() as session:
        out = {}
        for model in (Recommendation, Cluster, ClusterMember, Project, ProjectLink, Assessment):
            rows = [r.model_dump(exclude={"local_change", "base_rev"}) for r in session.exec(select(model))]
            out[model.__tablename__] = sorted(rows, key=repr)
        return out


def test_field_work_reaches_hq_and_comes_back_intact(tmp_path):
    field, hq, laptop = _store(tmp_path, "field", "KEN-HRA"), _store(tmp_path, "hq", "HQ"), None
    field_key, hq_key = trust.create_office_key(field), trust.create_office_key(hq)
    trust.trust_key(hq, parse_public_key(field_key.line()))
    trust.trust_key(field, parse_public_key(hq_key.line()))

    rec = records.create(
        field,
        "recommendations",
        {"country": "KEN", "mechanism": "UPR", "text": "Adopt a law", "implementation_status": "in progress"},
    )
    cluster = records.create(field, "clusters", {"country": "KEN", "title": "Justice", "priority": "high"})
    records.set_cluster_members(field, cluster, [rec])
    project = records.create(
        field,
        "projects",
        {
            "country": "KEN",
            "title": "Legal aid",
            "status": "active",
            "budget_usd": "125000.50",
            "start_date": "2026-01-01",
            "end_date": "2027-12-31",
            "partners": "Bar association\nUNDP",
        },
    )
    records.set_project_links(field, project, [("recommendation", rec), ("cluster", cluster)])
    code = checklist.items(field, "CCA-HR", 1)[0].code
    checklist.assess(field, "KEN", "CCA-HR", 1, code, status="partly met", evidence="Chapter 4", links=[rec, cluster])

    ret = exchange.export_package(field, tmp_path / "return.xlsx")
    assert ret.kind == "field-return" and ret.signed
    assert set(ret.rows) >= {
        "recommendations",
        "clusters",
        "cluster_members",
        "projects",
        "project_links",
        "assessments",
    }
    assert exchange.import_package(hq, tmp_path / "return.xlsx").applied
    assert _content(hq) == _content(field)

    update = exchange.export_package(hq, tmp_path / "update.xlsx")
    assert update.acknowledges == [ret.package_id]
    back = exchange.import_package(field, tmp_path / "update.xlsx")
    assert back.applied
    assert all(c["inserted"] == c["updated"] == c["conflicting"] == 0 for c in back.counts.values()), back.counts
    assert _content(field) == _content(hq)

    laptop = _store(tmp_path, "laptop", "KEN-HRA")  # a second laptop of the same office, from HQ's update
    trust.trust_key(laptop, parse_public_key(hq_key.line()))
    assert exchange.import_package(laptop, tmp_path / "update.xlsx").applied
    assert _content(laptop) == _content(field)
    for store in (field, hq, laptop):
        store.close()
