"""A fictional country to explore tcdesk with, loaded and removed whole.

The demo is about XVL, a code ISO reserves for user assignment, so no real State is ever confused with it.
Its records carry HQ's attribution and no local change mark: they were never edited on this desk, so they
are not "changes to send". Uids derive from the keys in the file, so every desk gets the same demo uids
and a second load can tell the demo is already there. The demo never touches trusted keys: loading it
must not make any package trusted.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from sqlmodel import Session, col, delete, select

from tcdesk.domain.schema import ASSESSMENTS, CLUSTERS, COUNTRIES, PROJECTS, RECOMMENDATIONS, Column, Sheet
from tcdesk.domain.validation import InvalidValue, normalize, row_problems
from tcdesk.domain.vocabulary import HQ_OFFICE
from tcdesk.services import checklist_templates, settings
from tcdesk.store.db import Store
from tcdesk.store.models import (
    RECORD_MODELS,
    Assessment,
    Cluster,
    ClusterMember,
    Conflict,
    Country,
    Project,
    ProjectLink,
    Recommendation,
)
from tcdesk.store.rows import to_db

DEMO_ISO3 = "XVL"
NAMESPACE = uuid.UUID("fd676f91-8594-4b60-bdf2-e14331808dd9")
STAMP = "2026-01-15T09:00:00Z"
COUNTRY_KEY = "country"


class DemoDataError(ValueError):
    """The demo file breaks a domain rule; the message names the record key and the column."""


@dataclass(frozen=True)
class DemoSummary:
    recommendations: int
    clusters: int
    projects: int
    assessments: int
    checklist_items: int
    loaded: bool  # False when the demo was already in the store and nothing was written


def demo_uid(key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "tcdesk-demo/" + key))


def demo_data_path() -> Traversable:
    return files("tcdesk_resources") / "demo" / "demo-country.json"


def read_demo_data() -> dict[str, Any]:
    return json.loads(demo_data_path().read_text(encoding="utf-8"))


def is_demo_loaded(store: Store) -> bool:
    with store.session() as session:
        return _loaded(session)


def _loaded(session: Session) -> bool:
    return session.get(Country, demo_uid(COUNTRY_KEY)) is not None


def load_demo(store: Store, data: dict[str, Any] | None = None) -> DemoSummary:
    """Load the bundled demo (or ``data``, same shape) in one transaction; a second call writes nothing."""
    data = read_demo_data() if data is None else data
    with store.transaction() as session:
        checklist_templates.ensure_bundled_template(session)
        template = checklist_templates.bundled_template()
        if _loaded(session):
            return _summary(data, len(template.items), loaded=False)
        rows = _DemoRows(data, template)
        session.add_all(rows.records)
        session.flush()  # members and links refer to the records by foreign key
        session.add_all(rows.links)
        settings.write(session, settings.DEMO_COUNTRY, DEMO_ISO3)
        if not settings.read(session, settings.CURRENT_COUNTRY):
            settings.write(session, settings.CURRENT_COUNTRY, DEMO_ISO3)
    return _summary(data, len(template.items), loaded=True)


def _summary(data: dict[str, Any], items: int, *, loaded: bool) -> DemoSummary:
    return DemoSummary(
        recommendations=len(data.get("recommendations", [])),
        clusters=len(data.get("clusters", [])),
        projects=len(data.get("projects", [])),
        assessments=len(data.get("assessments", [])),
        checklist_items=items,
        loaded=loaded,
    )


class _DemoRows:
    """The demo file turned into store rows, every value checked as an edit or a package would check it."""

    def __init__(self, data: dict[str, Any], template: checklist_templates.TemplateFile):
        self.records: list[Any] = []
        self.links: list[Any] = []
        self.kinds: dict[str, str] = {}  # key -> "recommendation", "cluster", ...
        country = data["country"]
        if country.get("iso3") != DEMO_ISO3:
            raise DemoDataError(f"country iso3: the demo is about {DEMO_ISO3}, not {country.get('iso3')!r}")
        self._record(COUNTRIES, COUNTRY_KEY, country, "country")
        for rec in data["recommendations"]:
            self._record(RECOMMENDATIONS, rec["key"], rec, "recommendation")
        for cluster in data["clusters"]:
            self._cluster(cluster)
        for project in data["projects"]:
            self._project(project)
        for answer in data["assessments"]:
            self._assessment(answer, template)

    def _cluster(self, cluster: dict[str, Any]) -> None:
        uid = self._record(CLUSTERS, cluster["key"], cluster, "cluster", extra=("members",))
        members = {self._target(cluster["key"], key, "recommendation") for key in cluster.get("members", [])}
        self.links += [
            ClusterMember(cluster_uid=uid, recommendation_uid=target) for target in sorted(members)
        ]

    def _project(self, project: dict[str, Any]) -> None:
        uid = self._record(PROJECTS, project["key"], project, "project", extra=("links",))
        links = project.get("links", {})
        for kind, keys in (
            ("recommendation", links.get("recommendations", [])),
            ("cluster", links.get("clusters", [])),
        ):
            targets = {self._target(project["key"], key, kind) for key in keys}
            self.links += [ProjectLink(project_uid=uid, kind=kind, target_uid=t) for t in sorted(targets)]

    def _assessment(self, answer: dict[str, Any], template: checklist_templates.TemplateFile) -> None:
        code = answer.get("code", "")
        key = f"assessment/{template.template}/{template.version}/{code}"
        if code not in {row["code"] for row in template.items}:
            raise DemoDataError(f"{key}: no item {code!r} in the bundled checklist")
        links = [self._target(key, target, "recommendation", "cluster") for target in answer.get("links", [])]
        values = {**answer, "template": template.template, "version": str(template.version), "links": links}
        self._record(ASSESSMENTS, key, values, "assessment")

    def _target(self, owner: str, key: str, *kinds: str) -> str:
        if self.kinds.get(key) not in kinds:
            raise DemoDataError(f"{owner}: {key!r} is not the key of a {' or '.join(kinds)} of the demo")
        return demo_uid(key)

    def _record(
        self, sheet: Sheet, key: str, values: dict[str, Any], kind: str, extra: tuple[str, ...] = ()
    ) -> str:
        if key in self.kinds:
            raise DemoDataError(f"{key}: the key is used twice")
        self.kinds[key] = kind
        given = {name: raw for name, raw in values.items() if name not in ("key", *extra)}
        if sheet is not COUNTRIES and given.setdefault("country", DEMO_ISO3) != DEMO_ISO3:
            raise DemoDataError(f"{key} country: every demo record belongs to {DEMO_ISO3}")
        unknown = sorted(set(given) - {c.name for c in sheet.content_columns})
        if unknown:
            raise DemoDataError(f"{key}: unknown field(s) {', '.join(unknown)} for {sheet.name}")
        row = {c.name: _canonical(key, c, given.get(c.name, "")) for c in sheet.content_columns}
        for name, problem in row_problems(sheet, row, check_meta=False):
            raise DemoDataError(f"{key} {name}: {problem}")
        content = {name: to_db(sheet, name, text) for name, text in row.items()}
        uid = demo_uid(key)
        meta = {"rev": 1, "base_rev": 0, "updated_at": STAMP, "updated_by": HQ_OFFICE, "local_change": None}
        self.records.append(RECORD_MODELS[sheet.name](uid=uid, **meta, **content))
        return uid


def _canonical(key: str, column: Column, raw: Any) -> str:
    """One JSON value as the contract's canonical text: lists strictly one clean item per line."""
    if isinstance(raw, list):
        for item in raw:
            if not isinstance(item, str) or not item or item != item.strip() or "\n" in item or "\r" in item:
                raise DemoDataError(
                    f"{key} {column.name}: list item {item!r} is empty, padded or not on one line"
                )
        raw = "\n".join(raw)
    elif isinstance(raw, bool) or not isinstance(raw, str | int):
        raise DemoDataError(f"{key} {column.name}: {raw!r} is neither text nor a list of texts")
    try:
        return normalize(column, str(raw))
    except InvalidValue as exc:
        raise DemoDataError(f"{key} {column.name}: {exc}") from None


def remove_demo(store: Store) -> int:
    """Delete every record of the demo country outright (it was never exchanged, so no tombstones are due).

    The bundled checklist template stays: it is not demo data. Returns the number of records removed.
    """
    models = (Recommendation, Cluster, Project, Assessment)
    owned = {model: select(model.uid).where(model.country == DEMO_ISO3) for model in models}
    owned[Country] = select(Country.uid).where(Country.iso3 == DEMO_ISO3)
    recs, clusters, projects = owned[Recommendation], owned[Cluster], owned[Project]
    removed = 0
    with store.transaction() as session:
        session.exec(
            delete(ClusterMember).where(
                col(ClusterMember.cluster_uid).in_(clusters) | col(ClusterMember.recommendation_uid).in_(recs)
            )
        )
        session.exec(
            delete(ProjectLink).where(
                col(ProjectLink.project_uid).in_(projects)
                | col(ProjectLink.target_uid).in_(recs)
                | col(ProjectLink.target_uid).in_(clusters)
            )
        )
        for model, uids in owned.items():
            session.exec(
                delete(Conflict).where(
                    Conflict.table_name == model.__tablename__, col(Conflict.uid).in_(uids)
                )
            )
            removed += session.exec(delete(model).where(col(model.uid).in_(uids))).rowcount
        settings.write(session, settings.DEMO_COUNTRY, "")
        if settings.read(session, settings.CURRENT_COUNTRY) == DEMO_ISO3:
            settings.write(session, settings.CURRENT_COUNTRY, "")
    return removed
