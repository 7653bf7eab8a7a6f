from __future__ import annotations

from tcdesk.services import clusters, records
from tcdesk.store.models import SdgReference


def _rec(store, text="t"):
    return records.create(store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": text})


def test_adding_and_removing_members_stamps_the_cluster_once_per_change(office_store):
    a, b, c = _rec(office_store), _rec(office_store), _rec(office_store)
    uid = records.create(office_store, "clusters", {"country": "KEN", "title": "Justice"})
    assert clusters.add_members(office_store, uid, [a, b]) == 2
    assert clusters.add_members(office_store, uid, [a]) == 0  # already there: no new revision
    assert records.get(office_store, "clusters", uid)["rev"] == "2"
    assert clusters.add_members(office_store, uid, [c]) == 1
    assert clusters.remove_members(office_store, uid, [a, "not-a-member"]) == 1
    assert sorted(clusters.member_uids(office_store, uid)) == sorted([b, c])
    assert records.get(office_store, "clusters", uid)["rev"] == "4"
    (summary,) = clusters.list_clusters(office_store, "KEN")
    assert (summary.title, summary.members) == ("Justice", 2)


def test_a_recommendation_may_sit_in_several_clusters(office_store):
    rec = _rec(office_store)
    one = records.create(office_store, "clusters", {"country": "KEN", "title": "Justice"})
    two = records.create(office_store, "clusters", {"country": "KEN", "title": "Women"})
    clusters.add_members(office_store, one, [rec])
    clusters.add_members(office_store, two, [rec])
    assert [c.members for c in clusters.list_clusters(office_store, "KEN")] == [1, 1]


def test_goal_titles_prefer_official_titles_from_the_store(office_store):
    assert clusters.goal_titles(office_store)["16"] == "16. Peace, justice and institutions"
    with office_store.transaction() as session:
        session.add(
            SdgReference(
                code="16",
                title_en="Peace, justice and strong institutions",
                title_fr="Paix, justice et institutions efficaces",
            )
        )
    assert clusters.goal_titles(office_store, "fr")["16"] == "16. Paix, justice et institutions efficaces"
    assert clusters.goal_titles(office_store, "ar")["16"] == "16. Peace, justice and strong institutions"
    assert clusters.goal_titles(office_store, "fr")["5"] == "5. Gender equality"
