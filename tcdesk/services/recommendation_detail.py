"""Everything the detail pane shows about one recommendation: the record, its clusters, its projects."""

from __future__ import annotations

from dataclasses import dataclass, field

from tcdesk.services import records
from tcdesk.store.db import Store


@dataclass(frozen=True)
class LinkedItem:
    uid: str
    title: str
    extra: str = ""  # a cluster's priority, a project's status


@dataclass
class RecommendationDetail:
    record: dict[str, str]
    clusters: list[LinkedItem] = field(default_factory=list)
    projects: list[LinkedItem] = field(default_factory=list)


def detail(store: Store, uid: str) -> RecommendationDetail:
    """The record as canonical text with the live clusters it belongs to and the projects linked to it.

    A project counts when it links the recommendation itself or one of its clusters, since HQ asks which
    activities implement which recommendations.
    """
    record = records.get(store, "recommendations", uid)
    with store.engine.connect() as conn:
        clusters = [
            LinkedItem(*row)
            for row in conn.exec_driver_sql(
                "SELECT c.uid, c.title, c.priority FROM clusters c JOIN cluster_members m ON m.cluster_uid = c.uid "
                "WHERE m.recommendation_uid = ? AND c.deleted = 0 ORDER BY c.title COLLATE NOCASE",
                (uid,),
            )
        ]
        targets = [uid, *(c.uid for c in clusters)]
        marks = ",".join("?" * len(targets))
        projects = [
            LinkedItem(*row)
            for row in conn.exec_driver_sql(
                "SELECT DISTINCT p.uid, p.title, p.status FROM projects p "
                f"JOIN project_links l ON l.project_uid = p.uid WHERE l.target_uid IN ({marks}) "
                "AND p.deleted = 0 ORDER BY p.title COLLATE NOCASE",
                tuple(targets),
            )
        ]
    return RecommendationDetail(record, clusters, projects)
