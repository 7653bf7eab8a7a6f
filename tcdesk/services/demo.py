"""A fictional country to explore tcdesk with, loaded and removed whole.

The demo is about XVL, a code ISO reserves for user assignment, so no real State is ever confused with it.
Its records carry HQ's attribution and no local change mark: they were never edited on this desk, so they
are not "changes to send". Uids derive from the keys in the file, so every desk gets the same demo uids
and a second load can tell the demo is already there. The demo travels as a bundled package
(resources/demo/demo-package.xlsx, built from demo-country.json by ``build_demo_package``) imported through
the same path as HQ's packages; it never touches trusted keys and is never exported.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, delete, select

from tcdesk.domain.schema import ASSESSMENTS, CLUSTERS, COUNTRIES, PROJECTS, RECOMMENDATIONS, Column, Sheet
from tcdesk.domain.schema import SHEETS as SCHEMA_SHEETS
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
    ExchangeLogEntry,
    Project,
    ProjectLink,
    Recommendation,
)
from tcdesk.store.rows import to_db, to_text

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


PACKAGE_FILE = "demo-package.xlsx"
PACKAGE_ID = str(uuid.uuid5(NAMESPACE, "tcdesk-demo/package"))


def demo_package_path() -> Traversable:
    return files("tcdesk_resources") / "demo" / PACKAGE_FILE


def build_demo_package(path: Path, data: dict[str, Any] | None = None) -> None:
    """Write the demo as an (unsigned) HQ update package: the bundled file is built by this function.

    Everything in it is fixed (package id, time, order), so rebuilding from the same JSON gives the same
    bytes and a test can tell when the committed package is out of date.
    """
    from tcdesk.sync import package_out

    data = read_demo_data() if data is None else data
    rows = _DemoRows(data, checklist_templates.bundled_template())
    out = package_out.Outgoing()
    for name in ("countries", "recommendations", "clusters", "projects", "assessments"):
        sheet = SCHEMA_SHEETS[name]
        chosen = sorted((r for r in rows.records if r.__tablename__ == name), key=lambda r: r.uid)
        header = [n for n in sheet.column_names if n != "base_rev"]
        out.sheets[name] = (header, [tuple(to_text(sheet, r)[n] for n in header) for r in chosen])
    members = sorted((m.cluster_uid, m.recommendation_uid) for m in rows.links if isinstance(m, ClusterMember))
    links = sorted((p.project_uid, p.kind, p.target_uid) for p in rows.links if isinstance(p, ProjectLink))
    out.sheets["cluster_members"] = (["cluster_uid", "recommendation_uid"], members)
    out.sheets["project_links"] = (["project_uid", "kind", "target_uid"], links)
    out.countries = {DEMO_ISO3}
    values = package_out.manifest_values(
        out, kind="hq-update", origin=HQ_OFFICE, target="*", created_at=STAMP, sequence=1, acknowledges=()
    )
    values["package_id"] = PACKAGE_ID
    package_out.write_package(path, values, out)


def load_demo(store: Store) -> DemoSummary:
    """Import the bundled demo package through the same path as any package, recorded as a demo import.

    It is unsigned, so it is allowed for this one import only; no key becomes trusted. A second call
    writes nothing.
    """
    from tcdesk.services import exchange

    data = read_demo_data()
    items = len(checklist_templates.bundled_template().items)
    if is_demo_loaded(store):
        return _summary(data, items, loaded=False)
    with store.transaction() as session:
        checklist_templates.ensure_bundled_template(session)  # the demo's assessments answer it
    with as_file(demo_package_path()) as path:
        outcome = exchange.import_package(store, Path(path), allow_untrusted=True, demo=True)
    if not outcome.applied:
        raise DemoDataError(f"the bundled demo package could not be imported: {outcome.report()}")
    with store.transaction() as session:
        settings.write(session, settings.DEMO_COUNTRY, DEMO_ISO3)
        if not settings.read(session, settings.CURRENT_COUNTRY):
            settings.write(session, settings.CURRENT_COUNTRY, DEMO_ISO3)
    return _summary(data, items, loaded=True)


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
        self.links += [ClusterMember(cluster_uid=uid, recommendation_uid=target) for target in sorted(members)]

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

    def _record(self, sheet: Sheet, key: str, values: dict[str, Any], kind: str, extra: tuple[str, ...] = ()) -> str:
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
                raise DemoDataError(f"{key} {column.name}: list item {item!r} is empty, padded or not on one line")
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
                delete(Conflict).where(Conflict.table_name == model.__tablename__, col(Conflict.uid).in_(uids))
            )
            removed += session.exec(delete(model).where(col(model.uid).in_(uids))).rowcount
        session.exec(delete(ExchangeLogEntry).where(col(ExchangeLogEntry.demo).is_(True)))
        settings.write(session, settings.DEMO_COUNTRY, "")
        if settings.read(session, settings.CURRENT_COUNTRY) == DEMO_ISO3:
            settings.write(session, settings.CURRENT_COUNTRY, "")
    return removed
