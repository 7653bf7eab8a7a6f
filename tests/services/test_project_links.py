"""Linking targets to several projects at once: one transaction, through the edit path."""

from __future__ import annotations

import pytest

from tcdesk.services import portfolio, project_links, records
from tcdesk.services.demo import DEMO_ISO3, load_demo
from tcdesk.store.models import Project


def _rev(store, uid: str) -> int:
    return int(records.get(store, "projects", uid)["rev"])


@pytest.fixture
def demo(office_store):
    load_demo(office_store)
    return office_store


def test_link_and_unlink_recommendations_stamps_only_changed_projects(demo):
    first, second = portfolio.projects(demo, DEMO_ISO3)[:2]
    recs = [uid for uid, *_ in portfolio.gaps(demo, DEMO_ISO3).supported_recommendations[:2]]
    assert len(recs) == 2
    before = project_links.links_of(demo, first.uid)
    rev_first, rev_second = _rev(demo, first.uid), _rev(demo, second.uid)

    assert project_links.link_targets(demo, [first.uid], [], "recommendation", recs) == 1
    after = project_links.links_of(demo, first.uid)
    assert set(after) == set(before) | {("recommendation", r) for r in recs}
    assert _rev(demo, first.uid) == rev_first + 1 and _rev(demo, second.uid) == rev_second
    with demo.session() as session:
        assert session.get(Project, first.uid).local_change  # the next field return carries it
    assert project_links.projects_linking_all(demo, [first.uid, second.uid], "recommendation", recs) == {first.uid}

    # linking again changes nothing and makes no revision
    assert project_links.link_targets(demo, [first.uid], [], "recommendation", recs) == 0
    assert _rev(demo, first.uid) == rev_first + 1

    assert project_links.link_targets(demo, [], [first.uid], "recommendation", recs) == 1
    assert set(project_links.links_of(demo, first.uid)) == set(before) - {("recommendation", r) for r in recs}
    assert _rev(demo, first.uid) == rev_first + 2


def test_a_refused_link_changes_nothing(demo):
    first, second = portfolio.projects(demo, DEMO_ISO3)[:2]
    cluster = portfolio.coverage(demo, DEMO_ISO3)[0].uid
    revs = (_rev(demo, first.uid), _rev(demo, second.uid))
    links = (project_links.links_of(demo, first.uid), project_links.links_of(demo, second.uid))
    with pytest.raises(records.EditRefused):
        project_links.link_targets(demo, [first.uid, second.uid], [], "cluster", [cluster, "no-such-cluster"])
    with pytest.raises(records.RecordNotFound):
        project_links.link_targets(demo, [first.uid, "no-such-project"], [], "cluster", [cluster])
    with pytest.raises(records.EditRefused):
        project_links.link_targets(demo, [first.uid], [], "goal", [cluster])
    assert (_rev(demo, first.uid), _rev(demo, second.uid)) == revs
    assert (project_links.links_of(demo, first.uid), project_links.links_of(demo, second.uid)) == links
