"""Suggest clusters for a country's unclustered recommendations, and turn an accepted suggestion into a cluster.

Reading is one SQL query in a short session that is closed before any computing starts, so the GUI can
call ``suggest_clusters`` from a worker thread without holding the database. Accepting goes through the
one edit path (``records.create`` then ``records.set_cluster_members``): the new cluster gets its first
revision, attribution and change mark like any cluster made by hand. Merging, renaming and dropping are
choices made on the list of suggestions before accepting; they need nothing from the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import exists
from sqlmodel import Session, col, select

from tcdesk.clustering.engine import Progress, suggest
from tcdesk.clustering.model import Item, Suggestion
from tcdesk.services import records
from tcdesk.services.records import EditRefused
from tcdesk.store.db import Store
from tcdesk.store.models import Cluster, ClusterMember, Recommendation

__all__ = ["Suggestion", "accept_suggestion", "suggest_clusters", "unclustered_items"]


def _items(text: str) -> tuple[str, ...]:
    return tuple(line for line in text.split("\n") if line)


def unclustered_items(session: Session, iso3: str) -> list[Item]:
    """The country's live recommendations that belong to no live cluster, in uid order."""
    in_a_cluster = exists().where(
        ClusterMember.recommendation_uid == Recommendation.uid,
        ClusterMember.cluster_uid == Cluster.uid,
        col(Cluster.deleted).is_(False),
    )
    rows = session.exec(
        select(
            Recommendation.uid,
            Recommendation.text,
            Recommendation.themes,
            Recommendation.affected_persons,
            Recommendation.sdg_targets,
        )
        .where(Recommendation.country == iso3, col(Recommendation.deleted).is_(False), ~in_a_cluster)
        .order_by(Recommendation.uid)
    )
    return [
        Item(uid=uid, text=text, themes=_items(themes), affected_persons=_items(persons), sdg_targets=_items(targets))
        for uid, text, themes, persons, targets in rows
    ]


def suggest_clusters(
    store: Store,
    iso3: str,
    *,
    progress: Progress = lambda fraction, message: None,
    cancelled: Callable[[], bool] = lambda: False,
    k: int | None = None,
) -> list[Suggestion]:
    """Suggested clusters covering each unclustered recommendation of ``iso3`` exactly once, largest first.

    Raises ``tcdesk.sync.errors.Cancelled`` when ``cancelled()`` turns true; nothing is written either way.
    """
    with store.session() as session:
        items = unclustered_items(session, iso3)
    return suggest(items, k=k, progress=progress, cancelled=cancelled)


def accept_suggestion(
    store: Store,
    iso3: str,
    title: str,
    uids: Iterable[str],
    summary: str = "",
    sdg_goals: Sequence[str] = (),
    priority: str = "",
) -> str:
    """Create the cluster ``title`` of ``iso3`` with ``uids`` as members; returns its uid.

    The recommendations are checked first (they must exist, be live and be of ``iso3``), so a refused
    suggestion leaves no empty cluster behind. Values are validated as any edit: EditRefused says why.
    """
    wanted = sorted(set(uids))
    if not wanted:
        raise EditRefused(["members: a cluster suggestion needs at least one recommendation"])
    with store.session() as session:
        found = dict(
            session.exec(
                select(Recommendation.uid, Recommendation.country).where(
                    col(Recommendation.uid).in_(wanted), col(Recommendation.deleted).is_(False)
                )
            ).all()
        )
    problems = [f"members: no recommendation with uid {uid}" for uid in wanted if uid not in found]
    problems += [
        f"members: recommendation {uid} is of {found[uid]}, not {iso3}"
        for uid in wanted
        if uid in found and found[uid] != iso3
    ]
    if problems:
        raise EditRefused(problems)
    values = {
        "country": iso3,
        "title": title.strip(),
        "summary": summary,
        "sdg_goals": "\n".join(sdg_goals),
        "priority": priority,
    }
    cluster_uid = records.create(store, "clusters", values)
    records.set_cluster_members(store, cluster_uid, wanted)
    return cluster_uid
