"""The technical cooperation portfolio: projects, what they implement, and where nothing does.

HQ's central question (HRC resolution 54/28's repository) is which activities implement which
recommendations. Coverage answers it per cluster; the gaps are the high-priority clusters and the
supported recommendations that no project works on, directly or through one of their clusters.
Amounts are Decimal, never float.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from tcdesk.domain.vocabulary import priority_rank
from tcdesk.store.db import Store


@dataclass(frozen=True)
class ProjectRow:
    uid: str
    code: str
    title: str
    status: str
    start_date: str
    end_date: str
    budget: Decimal | None
    funding_source: str
    implementing_entity: str
    recommendations: int
    clusters: int


def projects(store: Store, iso3: str) -> list[ProjectRow]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT p.uid, p.code, p.title, p.status, p.start_date, p.end_date, p.budget_usd, p.funding_source, "
            "p.implementing_entity, "
            "(SELECT COUNT(*) FROM project_links l WHERE l.project_uid = p.uid AND l.kind = 'recommendation'), "
            "(SELECT COUNT(*) FROM project_links l WHERE l.project_uid = p.uid AND l.kind = 'cluster') "
            "FROM projects p WHERE p.country = ? AND p.deleted = 0 ORDER BY p.start_date, p.title COLLATE NOCASE",
            (iso3,),
        ).all()
    return [ProjectRow(*r[:6], Decimal(r[6]) if r[6] else None, *r[7:]) for r in rows]


@dataclass
class ClusterCoverage:
    uid: str
    title: str
    priority: str
    members: int
    by_status: dict[str, int] = field(default_factory=dict)
    projects: list[tuple[str, str]] = field(default_factory=list)  # (uid, title) working on the cluster


def _projects_by_target(conn, iso3: str) -> dict[str, list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    by_target: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for target, uid, title in conn.exec_driver_sql(
        "SELECT l.target_uid, p.uid, p.title FROM project_links l JOIN projects p ON p.uid = l.project_uid "
        "WHERE p.country = ? AND p.deleted = 0 AND p.status NOT IN ('closed') ORDER BY p.title COLLATE NOCASE",
        (iso3,),
    ):
        by_target[target].append((uid, title))
    return by_target


def coverage(store: Store, iso3: str) -> list[ClusterCoverage]:
    """Every live cluster with its recommendations' status and the projects on it (directly or via a member).

    Closed projects no longer cover anything; completed ones still count, since their results stand.
    """
    with store.engine.connect() as conn:
        by_target = _projects_by_target(conn, iso3)
        clusters = {
            uid: ClusterCoverage(uid, title, priority, 0)
            for uid, title, priority in conn.exec_driver_sql(
                "SELECT uid, title, priority FROM clusters WHERE country = ? AND deleted = 0", (iso3,)
            )
        }
        members: dict[str, list[str]] = defaultdict(list)
        for cluster, rec, status in conn.exec_driver_sql(
            "SELECT m.cluster_uid, r.uid, r.implementation_status FROM cluster_members m "
            "JOIN recommendations r ON r.uid = m.recommendation_uid JOIN clusters c ON c.uid = m.cluster_uid "
            "WHERE c.country = ? AND c.deleted = 0 AND r.deleted = 0",
            (iso3,),
        ):
            row = clusters[cluster]
            row.members += 1
            row.by_status[status or ""] = row.by_status.get(status or "", 0) + 1
            members[cluster].append(rec)
    for uid, row in clusters.items():
        found = dict(by_target.get(uid, []))
        for rec in members[uid]:
            found.update(by_target.get(rec, []))
        row.projects = sorted(found.items(), key=lambda p: p[1].casefold())
    return sorted(clusters.values(), key=lambda c: (priority_rank(c.priority), c.title.casefold()))


@dataclass
class Gaps:
    high_priority_clusters: list[ClusterCoverage]
    supported_recommendations: list[tuple[str, str, str]]  # (uid, document paragraph, text) with no project


def gaps(store: Store, iso3: str) -> Gaps:
    """High-priority clusters with no project, and supported recommendations no project works on.

    A recommendation is covered when a project links it or one of the clusters it belongs to.
    """
    covered = coverage(store, iso3)
    with store.engine.connect() as conn:
        by_target = _projects_by_target(conn, iso3)
        member_of: dict[str, list[str]] = defaultdict(list)
        for cluster, rec in conn.exec_driver_sql(
            "SELECT m.cluster_uid, m.recommendation_uid FROM cluster_members m JOIN clusters c "
            "ON c.uid = m.cluster_uid WHERE c.country = ? AND c.deleted = 0",
            (iso3,),
        ):
            member_of[rec].append(cluster)
        supported = conn.exec_driver_sql(
            "SELECT uid, trim(document || ' ' || paragraph), text FROM recommendations "
            "WHERE country = ? AND deleted = 0 AND response = 'supported' ORDER BY document, paragraph",
            (iso3,),
        ).all()
    uncovered = [
        (uid, where, text)
        for uid, where, text in supported
        if uid not in by_target and not any(c in by_target for c in member_of[uid])
    ]
    return Gaps([c for c in covered if c.priority == "high" and not c.projects], uncovered)


def funding(store: Store, iso3: str) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Budget totals by funding source and by status (projects without a budget count as 0)."""
    by_source: dict[str, Decimal] = defaultdict(Decimal)
    by_status: dict[str, Decimal] = defaultdict(Decimal)
    for project in projects(store, iso3):
        amount = project.budget or Decimal(0)
        by_source[project.funding_source or ""] += amount
        by_status[project.status or ""] += amount
    return dict(by_source), dict(by_status)


def timeline(store: Store, iso3: str) -> list[ProjectRow]:
    """Projects with both dates, in start order: what the timeline draws."""
    return [p for p in projects(store, iso3) if p.start_date and p.end_date]


def linked_recommendations(store: Store, project_uid: str) -> list[tuple[str, str, str, str]]:
    """(uid, document paragraph, text, implementation status) of the recommendations a project links."""
    with store.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT r.uid, trim(r.document || ' ' || r.paragraph), r.text, r.implementation_status "
                "FROM project_links l JOIN recommendations r ON r.uid = l.target_uid "
                "WHERE l.project_uid = ? AND l.kind = 'recommendation' AND r.deleted = 0 "
                "ORDER BY r.document, r.paragraph",
                (project_uid,),
            )
        ]
