"""Working with clusters: listing them, growing and shrinking their membership, naming SDG goals.

Membership changes go through records.set_cluster_members so that they stamp the cluster (membership is
part of the cluster's revision and travels with it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tcdesk.domain import sdg
from tcdesk.services import records
from tcdesk.store.db import Store

LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")


@dataclass(frozen=True)
class ClusterSummary:
    uid: str
    title: str
    priority: str
    sdg_goals: tuple[str, ...]
    summary: str
    members: int


def list_clusters(store: Store, iso3: str) -> list[ClusterSummary]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT c.uid, c.title, c.priority, c.sdg_goals, c.summary, "
            "(SELECT COUNT(*) FROM cluster_members m JOIN recommendations r ON r.uid = m.recommendation_uid "
            " WHERE m.cluster_uid = c.uid AND r.deleted = 0) "
            "FROM clusters c WHERE c.country = ? AND c.deleted = 0 ORDER BY c.title COLLATE NOCASE",
            (iso3,),
        ).all()
    return [
        ClusterSummary(uid, title, priority, tuple(g for g in goals.split("\n") if g), summary, n)
        for uid, title, priority, goals, summary, n in rows
    ]


def member_uids(store: Store, cluster_uid: str) -> list[str]:
    with store.session() as session:
        return records.cluster_members(session, cluster_uid)


def add_members(store: Store, cluster_uid: str, uids: Iterable[str]) -> int:
    """Add recommendations (already present ones are ignored); returns how many were new."""
    current = set(member_uids(store, cluster_uid))
    new = set(uids) - current
    if new:
        records.set_cluster_members(store, cluster_uid, current | new)
    return len(new)


def remove_members(store: Store, cluster_uid: str, uids: Iterable[str]) -> int:
    current = set(member_uids(store, cluster_uid))
    gone = current & set(uids)
    if gone:
        records.set_cluster_members(store, cluster_uid, current - gone)
    return len(gone)


def goal_titles(store: Store, language: str = "en") -> dict[str, str]:
    """Goal code → title to show when picking goals: HQ's official title when the store has the SDG
    reference in that language (or English), else tcdesk's own short name."""
    column = f"title_{language if language in LANGUAGES else 'en'}"
    titles = {code: f"{code}. {name}" for code, name in ((str(g), n) for g, n in sdg.GOAL_NAMES.items())}
    with store.engine.connect() as conn:
        for code, title, english in conn.exec_driver_sql(
            f"SELECT code, {column}, title_en FROM sdg_reference WHERE code NOT LIKE '%.%'"
        ):
            if code in titles and (title or english):
                titles[code] = f"{code}. {title or english}"
    return titles
