"""The home page shows the demo country's figures: checked against the service and against an independent
count made here from the records themselves."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtWidgets import QLabel
from sqlmodel import select

from tcdesk.domain import vocabulary as v
from tcdesk.services import overview
from tcdesk.store.models import Cluster, Project, Recommendation

pytestmark = pytest.mark.gui


def shown(page, name: str) -> int:
    """The whole number a label shows, whatever the locale's group separator."""
    text = page.findChild(QLabel, name).text()
    digits = "".join(c for c in text if c.isdigit())
    assert digits, f"{name} shows no number: {text!r}"
    return int(digits)


def caption_numbers(page, name: str) -> list[int]:
    import re

    return [int(n) for n in re.findall(r"\d+", page.findChild(QLabel, name).text().replace(",", ""))]


@pytest.fixture
def home(make_window, demo_store):
    from tcdesk.services import demo

    window = make_window(demo_store)
    assert window.country.currentData() == demo.DEMO_ISO3
    page = window.stack.currentWidget()
    assert type(page).__name__ == "HomePage"
    return page, demo_store, demo.DEMO_ISO3


def independent_counts(store, iso3):
    """Counted in Python from the rows, not with the grouped SQL the page uses."""
    with store.session() as session:
        recs = [r for r in session.exec(select(Recommendation)).all() if r.country == iso3 and not r.deleted]
        clusters = [c for c in session.exec(select(Cluster)).all() if c.country == iso3 and not c.deleted]
        projects = [p for p in session.exec(select(Project)).all() if p.country == iso3 and not p.deleted]
    return {
        "total": len(recs),
        "mechanism": Counter(r.mechanism for r in recs),
        "response": Counter(r.response for r in recs),
        "status": Counter(r.implementation_status for r in recs),
        "clusters": len(clusters),
        "high": sum(c.priority == "high" for c in clusters),
        "projects": len(projects),
        "active": sum(p.status == "active" for p in projects),
    }


def test_home_figures_match_the_store(home):
    page, store, iso3 = home
    figures = overview.country_figures(store, iso3)
    counted = independent_counts(store, iso3)
    assert counted["total"] > 0, "the demo should hold recommendations"

    assert shown(page, "figure-recommendations-value") == figures.recommendations == counted["total"]
    for code in v.MECHANISMS:
        assert shown(page, f"mechanism-{code}-count") == figures.by_mechanism[code] == counted["mechanism"][code]
    for response in v.RESPONSES:
        assert shown(page, f"response-{response}-count") == figures.by_response[response]
        assert figures.by_response[response] == counted["response"][response]
    assert shown(page, "response-none-count") == figures.by_response[""] == counted["response"][""]
    for status in v.IMPLEMENTATION_STATUSES:
        slug = status.replace(" ", "-")
        assert shown(page, f"status-{slug}-count") == figures.by_status[status] == counted["status"][status]
    assert shown(page, "status-none-count") == figures.by_status[""] == counted["status"][""]

    assert shown(page, "figure-clusters-value") == figures.clusters == counted["clusters"]
    assert caption_numbers(page, "figure-clusters-caption") == [counted["high"]]
    assert shown(page, "figure-projects-value") == figures.active_projects == counted["active"]
    assert caption_numbers(page, "figure-projects-caption") == [counted["projects"]]


def test_home_shows_checklist_progress(home):
    page, store, iso3 = home
    figures = overview.country_figures(store, iso3)
    value = page.findChild(QLabel, "figure-checklist-value").text()
    if figures.checklist_items:
        assert value == f"{round(figures.checklist_share * 100)} %"
        numbers = caption_numbers(page, "figure-checklist-caption")
        assert numbers == [figures.checklist_assessed, figures.checklist_items]
        assert page.checklist_bar.share == pytest.approx(figures.checklist_share)
    else:
        assert value == "–"


def test_mechanisms_are_shown_with_their_full_names(home):
    page, _store, _iso3 = home
    texts = {label.text() for label in page.findChildren(QLabel)}
    for code, name in v.MECHANISM_NAMES.items():
        assert f"{name} ({code})" in texts


def test_home_follows_an_edit_after_refresh(qtbot, home):
    from tcdesk.services import records

    page, store, iso3 = home
    window = page.window()
    with store.session() as session:
        uid = session.exec(
            select(Recommendation.uid).where(
                Recommendation.country == iso3, Recommendation.implementation_status != "implemented"
            )
        ).first()
    before = shown(page, "status-implemented-count")
    records.update(store, "recommendations", uid, {"implementation_status": "implemented"})
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: shown(page, "status-implemented-count") == before + 1)


def test_home_without_any_country_says_so(make_window, office_store):
    window = make_window(office_store)
    page = window.stack.currentWidget()
    assert page.empty.isVisible()
    assert not page.figures_area.isVisible()
    assert not window.country.isEnabled()
