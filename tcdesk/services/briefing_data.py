"""Everything a briefing says about one country, read from the store in one go (no PDF, no Qt here).

The briefing (``tcdesk.briefing``) only lays out what this returns. Most of it comes from the services
the pages use (figures, clusters, checklist progress and gaps, portfolio coverage); what they lack is the
recommendations of the chosen clusters with everything the briefing prints, one grouped query here.

Choices the user makes:
- **clusters**: the high-priority ones (default) or all; with all, the recommendations in no cluster
  are listed too, so that the annex is complete;
- **not implemented only**: recommendations whose status is "implemented" are left out of every list
  (the key figures still count them: they describe the country, not the selection).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from tcdesk.services import checklist, overview, portfolio
from tcdesk.services import recommendation_query as rq
from tcdesk.services.checklist import Gap, Progress
from tcdesk.services.overview import CountryFigures
from tcdesk.services.portfolio import ClusterCoverage, ProjectRow
from tcdesk.store.db import Store
from tcdesk.sync.errors import Cancelled

IMPLEMENTED = "implemented"
STATUS_ORDER = {"not started": 0, "in progress": 1, "partially implemented": 2, "": 3, IMPLEMENTED: 4}


class UnknownCountry(LookupError):
    """The store holds nothing about this country."""


@dataclass(frozen=True)
class Rec:
    uid: str
    mechanism: str
    body: str
    cycle: str
    document: str
    paragraph: str
    recommending_state: str
    text: str
    response: str
    status: str

    @property
    def outstanding(self) -> bool:
        return self.status != IMPLEMENTED


@dataclass
class ClusterPart:
    uid: str
    title: str
    priority: str
    sdg_goals: list[str]
    summary: str
    members: int = 0  # every live member, whatever the filter
    by_status: Counter[str] = field(default_factory=Counter)
    projects: list[str] = field(default_factory=list)  # titles of the projects working on it
    recommendations: list[Rec] = field(default_factory=list)  # members the filter keeps, in reading order


@dataclass
class ChecklistPart:
    template: str
    version: int
    overall: Progress
    sections: list[Progress]
    gaps: list[Gap]


@dataclass
class PortfolioPart:
    projects: list[ProjectRow]
    funding_by_source: dict[str, Decimal]
    coverage: list[ClusterCoverage]  # the chosen clusters
    clusters_without_project: list[ClusterCoverage]  # high priority, no project
    uncovered: list[tuple[str, str, str]]  # (uid, document paragraph, text): supported, outstanding, no project

    @property
    def total_budget(self) -> Decimal:
        return sum((p.budget or Decimal(0) for p in self.projects), Decimal(0))


@dataclass
class BriefingData:
    iso3: str
    name: str
    office: str
    all_clusters: bool
    not_implemented_only: bool
    figures: CountryFigures
    sdg_goals: list[tuple[int, int]] = field(default_factory=list)  # (goal, recommendations), most first
    upr_responses: dict[str, int] = field(default_factory=dict)  # response ("" = none recorded) → UPR recs
    bodies: list[tuple[str, int]] = field(default_factory=list)  # treaty bodies and special procedures, most first
    clusters: list[ClusterPart] = field(default_factory=list)
    cluster_count: int = 0  # live clusters of the country, chosen or not
    unclustered: list[Rec] = field(default_factory=list)
    checklist: ChecklistPart | None = None
    portfolio: PortfolioPart | None = None

    def texts(self) -> Iterable[str]:
        """Every text the briefing may print, for choosing fonts before laying anything out."""
        yield self.name
        for body, _n in self.bodies:
            yield body
        for cluster in self.clusters:
            yield cluster.title
            yield cluster.summary
            yield from cluster.projects
            for rec in cluster.recommendations:
                yield rec.text
                yield rec.recommending_state
                yield rec.body
        for rec in self.unclustered:
            yield rec.text
            yield rec.recommending_state
        if self.checklist:
            for gap in self.checklist.gaps:
                yield gap.item.text
                yield gap.evidence
            for section in self.checklist.sections:
                yield section.section
        if self.portfolio:
            for project in self.portfolio.projects:
                yield project.title
                yield project.implementing_entity
                yield project.funding_source
            for _uid, _where, text in self.portfolio.uncovered:
                yield text


def natural_key(text: str) -> tuple[object, ...]:
    """'118.9' before '118.48', 'A/HRC/42/17' before 'A/HRC/42/117'."""
    return tuple(int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text))


def reading_order(rec: Rec) -> tuple[object, ...]:
    return (natural_key(rec.document), natural_key(rec.paragraph), rec.uid)


def gather(
    store: Store,
    iso3: str,
    *,
    sections: Iterable[str] = ("figures", "clusters", "checklist", "projects", "annex"),
    all_clusters: bool = False,
    not_implemented_only: bool = False,
    office: str | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BriefingData:
    """Read what the chosen ``sections`` need; raises :class:`UnknownCountry` for a country not in the store."""
    from tcdesk.services import settings

    def check() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled("briefing cancelled")

    wanted = set(sections)
    known = dict(overview.countries_in_store(store))
    if iso3 not in known:
        listed = ", ".join(f"{code} ({name})" for code, name in sorted(known.items())) or "none yet"
        raise UnknownCountry(f"no country {iso3} in the store; countries there: {listed}")
    data = BriefingData(
        iso3=iso3,
        name=known[iso3],
        office=settings.office_code(store) if office is None else office,
        all_clusters=all_clusters,
        not_implemented_only=not_implemented_only,
        figures=overview.country_figures(store, iso3),
    )
    check()
    if "figures" in wanted:
        goals = rq.facet_counts(store, rq.RecFilter(country=iso3), "sdg_goal")
        data.sdg_goals = [(int(goal), n) for goal, n in goals if goal.isdigit()]
        upr = rq.RecFilter(country=iso3, chosen={"mechanism": ("UPR",)})
        data.upr_responses = dict(rq.facet_counts(store, upr, "response"))
        others = rq.RecFilter(country=iso3, chosen={"mechanism": ("TB", "SP")})
        data.bodies = [(body, n) for body, n in rq.facet_counts(store, others, "body") if body]
    coverage = portfolio.coverage(store, iso3) if wanted & {"clusters", "projects", "annex"} else []
    data.cluster_count = len(coverage)
    chosen = [c for c in coverage if all_clusters or c.priority == "high"]
    if wanted & {"clusters", "annex"}:
        data.clusters = _cluster_parts(store, iso3, chosen, not_implemented_only)
        if all_clusters:
            data.unclustered = _unclustered(store, iso3, not_implemented_only)
    check()
    if "checklist" in wanted:
        data.checklist = _checklist(store, iso3)
    check()
    if "projects" in wanted:
        gaps = portfolio.gaps(store, iso3)
        by_source, _by_status = portfolio.funding(store, iso3)
        status = _statuses(store, iso3)
        data.portfolio = PortfolioPart(
            projects=portfolio.projects(store, iso3),
            funding_by_source=by_source,
            coverage=chosen,
            clusters_without_project=gaps.high_priority_clusters,
            uncovered=[g for g in gaps.supported_recommendations if status.get(g[0]) != IMPLEMENTED],
        )
    return data


def _cluster_parts(
    store: Store, iso3: str, chosen: list[ClusterCoverage], not_implemented_only: bool
) -> list[ClusterPart]:
    parts: dict[str, ClusterPart] = {}
    with store.engine.connect() as conn:
        details = {
            uid: (goals, summary)
            for uid, goals, summary in conn.exec_driver_sql(
                "SELECT uid, sdg_goals, summary FROM clusters WHERE country = ? AND deleted = 0", (iso3,)
            )
        }
        for c in chosen:
            goals, summary = details.get(c.uid, ("", ""))
            parts[c.uid] = ClusterPart(
                uid=c.uid,
                title=c.title,
                priority=c.priority,
                sdg_goals=sorted((g for g in goals.split("\n") if g), key=natural_key),
                summary=summary,
                members=c.members,
                by_status=Counter(c.by_status),
                projects=[title for _uid, title in c.projects],
            )
        rows = conn.exec_driver_sql(
            "SELECT m.cluster_uid, r.uid, r.mechanism, r.body, r.cycle, r.document, r.paragraph, "
            "r.recommending_state, r.text, r.response, r.implementation_status "
            "FROM cluster_members m JOIN clusters c ON c.uid = m.cluster_uid "
            "JOIN recommendations r ON r.uid = m.recommendation_uid "
            "WHERE c.country = ? AND c.deleted = 0 AND r.deleted = 0",
            (iso3,),
        )
        for cluster_uid, *values in rows:
            part = parts.get(cluster_uid)
            if part is None:
                continue
            rec = Rec(*(v or "" for v in values))
            if not_implemented_only and not rec.outstanding:
                continue
            part.recommendations.append(rec)
    for part in parts.values():
        part.recommendations.sort(key=reading_order)
    return list(parts.values())


def _unclustered(store: Store, iso3: str, not_implemented_only: bool) -> list[Rec]:
    chosen = {"status": ("not started", "in progress", "partially implemented", "")} if not_implemented_only else {}
    query = rq.RecFilter(country=iso3, chosen=chosen, clustered=False)
    rows = rq.fetch(store, query, limit=max(rq.count(store, query), 1))
    recs = [
        Rec(
            r["uid"],
            r["mechanism"],
            r["body"],
            r["cycle"],
            r["document"],
            r["paragraph"],
            r["recommending_state"],
            r["text"],
            r["response"],
            r["implementation_status"],
        )
        for r in rows
    ]
    return sorted(recs, key=reading_order)


def _statuses(store: Store, iso3: str) -> dict[str, str]:
    with store.engine.connect() as conn:
        return dict(
            conn.exec_driver_sql(
                "SELECT uid, implementation_status FROM recommendations WHERE country = ? AND deleted = 0", (iso3,)
            ).all()
        )


def _checklist(store: Store, iso3: str) -> ChecklistPart | None:
    """The newest template version this country has answers for, else the newest version there is."""
    versions = sorted(checklist.template_versions(store), key=lambda t: t.version, reverse=True)
    if not versions:
        return None
    chosen = next((t for t in versions if checklist.answers(store, iso3, t.template, t.version)), versions[0])
    overall, sections = checklist.progress(store, iso3, chosen.template, chosen.version)
    gaps = checklist.gaps(store, iso3, chosen.template, chosen.version)
    return ChecklistPart(chosen.template, chosen.version, overall, sections, gaps)
