"""Key figures of one country for the home page (and, later, the briefing's figures page).

Every figure is one grouped SQL count over an index, so the home page of a 100,000-recommendation store
is ready in milliseconds and never loads records into Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from tcdesk.domain import countries as iso
from tcdesk.domain import vocabulary as v
from tcdesk.services.sync_state import acknowledged_mark
from tcdesk.store.db import Store
from tcdesk.store.models import (
    RECORD_MODELS,
    Assessment,
    ChecklistItem,
    Cluster,
    Country,
    Project,
    Recommendation,
)


@dataclass
class CountryFigures:
    iso3: str
    name: str
    recommendations: int = 0
    by_mechanism: dict[str, int] = field(default_factory=dict)
    by_response: dict[str, int] = field(default_factory=dict)  # "" = no response recorded
    by_status: dict[str, int] = field(default_factory=dict)  # "" = status not recorded
    clusters: int = 0
    high_priority_clusters: int = 0
    projects: int = 0
    active_projects: int = 0
    checklist_items: int = 0
    checklist_assessed: int = 0

    @property
    def checklist_share(self) -> float:
        return self.checklist_assessed / self.checklist_items if self.checklist_items else 0.0


def _grouped(session: Session, column, *where) -> dict[str, int]:  # type: ignore[no-untyped-def]
    rows = session.exec(select(column, func.count()).where(*where).group_by(column)).all()
    return {value or "": count for value, count in rows}


def _ordered(counts: dict[str, int], order: tuple[str, ...]) -> dict[str, int]:
    """Every known value in the vocabulary's order (zeros included), then anything else found."""
    result = {key: counts.get(key, 0) for key in order}
    result.update({k: n for k, n in counts.items() if k not in result})
    return result


def country_figures(store: Store, iso3: str) -> CountryFigures:
    with store.session() as session:
        figures = CountryFigures(iso3=iso3, name=country_name(session, iso3))
        live = (Recommendation.country == iso3, col(Recommendation.deleted).is_(False))
        figures.by_mechanism = _ordered(_grouped(session, Recommendation.mechanism, *live), v.MECHANISMS)
        figures.by_response = _ordered(_grouped(session, Recommendation.response, *live), (*v.RESPONSES, ""))
        figures.by_status = _ordered(
            _grouped(session, Recommendation.implementation_status, *live), (*v.IMPLEMENTATION_STATUSES, "")
        )
        figures.recommendations = sum(figures.by_mechanism.values())
        clusters = _grouped(session, Cluster.priority, Cluster.country == iso3, col(Cluster.deleted).is_(False))
        figures.clusters = sum(clusters.values())
        figures.high_priority_clusters = clusters.get("high", 0)
        projects = _grouped(session, Project.status, Project.country == iso3, col(Project.deleted).is_(False))
        figures.projects = sum(projects.values())
        figures.active_projects = projects.get("active", 0)
        figures.checklist_items, figures.checklist_assessed = _checklist_progress(session, iso3)
        return figures


def _checklist_progress(session: Session, iso3: str) -> tuple[int, int]:
    """Items of the newest template version this country has answers for, and how many are assessed."""
    latest = session.exec(
        select(Assessment.template, Assessment.version)
        .where(Assessment.country == iso3, col(Assessment.deleted).is_(False))
        .order_by(col(Assessment.version).desc())
        .limit(1)
    ).first()
    if latest is None:
        return 0, 0
    template, version = latest
    items = session.exec(
        select(func.count()).where(ChecklistItem.template == template, ChecklistItem.version == version)
    ).one()
    assessed = session.exec(
        select(func.count()).where(
            Assessment.country == iso3,
            Assessment.template == template,
            Assessment.version == version,
            col(Assessment.deleted).is_(False),
            col(Assessment.status).not_in(["", "not assessed"]),
        )
    ).one()
    return items, assessed


def country_name(session: Session, iso3: str) -> str:
    row = session.exec(select(Country.name).where(Country.iso3 == iso3, col(Country.deleted).is_(False))).first()
    return row or iso.country_name(iso3)


def countries_in_store(store: Store) -> list[tuple[str, str]]:
    """(iso3, name) of every country with a country record or a recommendation, sorted by name."""
    with store.session() as session:
        codes = set(session.exec(select(Country.iso3).where(col(Country.deleted).is_(False))))
        codes |= set(session.exec(select(Recommendation.country).distinct()))
        return sorted(((c, country_name(session, c)) for c in codes if c), key=lambda pair: pair[1])


def pending_changes(store: Store) -> int:
    """Records changed here and not yet acknowledged by HQ: the status bar's "changes to send".

    Edits to the demo country are not counted: demo data is never exported.
    """
    from tcdesk.services import settings

    with store.session() as session:
        mark = acknowledged_mark(session)
        demo = settings.read(session, settings.DEMO_COUNTRY)
        total = 0
        for model in RECORD_MODELS.values():
            where = [col(model.local_change) > mark]
            if demo:
                where.append((model.iso3 if model is Country else model.country) != demo)
            total += session.exec(select(func.count()).where(*where)).one()
        return total
