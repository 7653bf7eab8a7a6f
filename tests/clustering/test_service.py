"""suggest_clusters / accept_suggestion on a real store: unclustered recommendations in, the one edit path out."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from tcdesk.services import demo, records
from tcdesk.services.clustering import accept_suggestion, suggest_clusters
from tcdesk.services.records import EditRefused
from tcdesk.store.models import Cluster, ClusterMember, Recommendation
from tcdesk.sync.errors import Cancelled

from .synthetic import TOPICS

XVL = demo.DEMO_ISO3


def _unclustered(store, iso3):
    """Independent of the service: live recommendations of iso3 minus members of live clusters."""
    with store.session() as session:
        recs = set(
            session.exec(
                select(Recommendation.uid).where(Recommendation.country == iso3, col(Recommendation.deleted).is_(False))
            )
        )
        members = set(
            session.exec(
                select(ClusterMember.recommendation_uid)
                .join(Cluster, col(Cluster.uid) == ClusterMember.cluster_uid)
                .where(col(Cluster.deleted).is_(False))
            )
        )
    return recs - members


@pytest.fixture
def demo_store(office_store):
    """The demo with four of its clusters deleted (through the edit path), so ~70 recommendations are free."""
    demo.load_demo(office_store)
    with office_store.session() as session:
        clusters = sorted(session.exec(select(Cluster.uid).where(Cluster.country == XVL)))
    for uid in clusters[:4]:
        records.delete_record(office_store, "clusters", uid)
    return office_store


def test_suggestions_cover_exactly_the_unclustered_recommendations(demo_store):
    expected = _unclustered(demo_store, XVL)
    assert 40 < len(expected) < 214  # some freed, not all
    suggestions = suggest_clusters(demo_store, XVL)
    listed = [uid for s in suggestions for uid in s.uids]
    assert len(listed) == len(set(listed))
    assert set(listed) == expected
    assert all(s.title.strip() for s in suggestions)
    assert [s.size for s in suggestions] == sorted((s.size for s in suggestions), reverse=True)


def test_demo_tags_show_in_suggestions(demo_store):
    suggestions = suggest_clusters(demo_store, XVL)
    assert any(s.themes for s in suggestions)
    assert any(s.sdg_goals for s in suggestions)
    for s in suggestions:
        assert all(g in {str(n) for n in range(1, 18)} for g in s.sdg_goals)
        assert s.explanation


def test_deleted_recommendations_are_left_out(demo_store):
    victim = sorted(_unclustered(demo_store, XVL))[0]
    records.delete_record(demo_store, "recommendations", victim)
    listed = {uid for s in suggest_clusters(demo_store, XVL) for uid in s.uids}
    assert victim not in listed
    assert listed == _unclustered(demo_store, XVL)


def test_suggestions_are_deterministic(demo_store):
    first = [s.as_json() for s in suggest_clusters(demo_store, XVL)]
    again = [s.as_json() for s in suggest_clusters(demo_store, XVL)]
    assert first == again


def test_a_country_with_everything_clustered_gets_no_suggestion(office_store):
    demo.load_demo(office_store)
    with office_store.session() as session:
        cluster = session.exec(select(Cluster.uid).where(Cluster.country == XVL)).first()
    free = _unclustered(office_store, XVL)
    if free:  # the demo leaves a few recommendations out of every cluster: put them in one
        with office_store.session() as session:
            members = {
                m
                for m in session.exec(
                    select(ClusterMember.recommendation_uid).where(ClusterMember.cluster_uid == cluster)
                )
            }
        records.set_cluster_members(office_store, cluster, members | free)
    assert suggest_clusters(office_store, XVL) == []
    assert suggest_clusters(office_store, "KEN") == []  # no recommendation at all


def test_accept_creates_the_cluster_through_the_edit_path(demo_store):
    suggestion = suggest_clusters(demo_store, XVL)[0]
    uid = accept_suggestion(
        demo_store,
        XVL,
        "Renamed by the adviser",
        suggestion.uids,
        summary="From a suggestion",
        sdg_goals=suggestion.sdg_goals,
        priority="high",
    )
    row = records.get(demo_store, "clusters", uid)
    assert row["title"] == "Renamed by the adviser" and row["country"] == XVL and row["priority"] == "high"
    assert row["sdg_goals"] == "\n".join(suggestion.sdg_goals)
    assert row["updated_by"] == "KEN-HRA" and row["updated_at"].endswith("Z")
    assert int(row["rev"]) >= 1
    with demo_store.session() as session:
        members = sorted(session.exec(select(ClusterMember.recommendation_uid).where(ClusterMember.cluster_uid == uid)))
        stored = session.get(Cluster, uid)
        assert stored.local_change is not None  # dirty: the next field return carries it
    assert members == sorted(suggestion.uids)
    left = {u for s in suggest_clusters(demo_store, XVL) for u in s.uids}
    assert left.isdisjoint(suggestion.uids)  # accepted recommendations are clustered now


def test_merged_suggestions_are_accepted_as_one(demo_store):
    first, second = suggest_clusters(demo_store, XVL)[:2]
    uid = accept_suggestion(demo_store, XVL, f"{first.title} / {second.title}", first.uids + second.uids)
    with demo_store.session() as session:
        count = len(list(session.exec(select(ClusterMember).where(ClusterMember.cluster_uid == uid))))
    assert count == first.size + second.size


def _fresh_country(store, iso3="KEN"):
    uids = {}
    for topic, texts in TOPICS.items():
        for text in texts:
            values = {"country": iso3, "mechanism": "UPR", "text": text}
            uids[records.create(store, "recommendations", values)] = topic
    return uids


def test_a_fresh_country_is_suggested_and_accepted(office_store):
    topic_of = _fresh_country(office_store)
    suggestions = suggest_clusters(office_store, "KEN", k=3)
    assert sorted(u for s in suggestions for u in s.uids) == sorted(topic_of)
    for s in suggestions:
        assert len({topic_of[u] for u in s.uids}) == 1, s.title  # three topics, three clean groups
    for s in suggestions:
        accept_suggestion(office_store, "KEN", s.title, s.uids)
    assert suggest_clusters(office_store, "KEN") == []


@pytest.mark.parametrize(
    ("title", "uids", "message"),
    [
        ("A title", [], "needs at least one recommendation"),
        ("A title", ["no-such-uid"], "no recommendation with uid no-such-uid"),
        ("", None, "title: is required"),
        ("A title", "other country", "is of XVL, not KEN"),
    ],
)
def test_a_refused_accept_writes_nothing(demo_store, title, uids, message):
    free = sorted(_unclustered(demo_store, XVL))
    iso3 = XVL
    if uids is None:
        uids = free[:2]
    elif uids == "other country":
        uids, iso3 = free[:2], "KEN"
    with demo_store.session() as session:
        before = len(list(session.exec(select(Cluster.uid))))
    with pytest.raises(EditRefused, match=message):
        accept_suggestion(demo_store, iso3, title, uids)
    with demo_store.session() as session:
        assert len(list(session.exec(select(Cluster.uid)))) == before


def test_cancel_raises_cancelled_and_writes_nothing(demo_store):
    with pytest.raises(Cancelled):
        suggest_clusters(demo_store, XVL, cancelled=lambda: True)
    calls = []
    with pytest.raises(Cancelled):
        suggest_clusters(demo_store, XVL, cancelled=lambda: calls.append(1) or len(calls) > 3)


def test_progress_is_reported(demo_store):
    seen = []
    suggest_clusters(demo_store, XVL, progress=lambda f, m: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0
