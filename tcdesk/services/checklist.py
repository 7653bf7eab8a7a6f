"""The CCA checklist: answering items, progress and gaps, carrying answers to a new template version,
and comparing two assessments.

An assessment is one country's answers to one template version: one ``assessments`` record per item
answered, created and changed through the one edit path so that answers travel to HQ like any record.
Whether an item of a newer version "needs review" is not stored: it is derived by comparing the item's
text with the same code in the version the answers came from, so it can never go stale.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tcdesk.clock import today
from tcdesk.services import records
from tcdesk.store.db import Store

NOT_ASSESSED = "not assessed"
ASSESSED = ("met", "partly met", "not met", "not applicable")
GAP_STATUSES = ("not met", "partly met")
_RANK = {"met": 2, "partly met": 1, "not met": 0}


@dataclass(frozen=True)
class Item:
    code: str
    section: str
    position: int
    text: str
    guidance: str


@dataclass
class Answer:
    uid: str
    status: str
    evidence: str
    links: list[str]
    assessed_on: str


@dataclass(frozen=True)
class TemplateVersion:
    template: str
    version: int
    items: int
    source: str


@dataclass
class Progress:
    """Counts for a section (or the whole checklist when ``section`` is empty)."""

    section: str
    items: int = 0
    statuses: Counter[str] = field(default_factory=Counter)

    @property
    def assessed(self) -> int:
        return sum(self.statuses[s] for s in ASSESSED)

    def share(self, status: str | None = None) -> float:
        """Share of items assessed (no argument) or with ``status``; 0 for an empty section."""
        if not self.items:
            return 0.0
        return (self.assessed if status is None else self.statuses[status]) / self.items


def template_versions(store: Store) -> list[TemplateVersion]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT i.template, i.version, COUNT(*), COALESCE(t.source, '') FROM checklist_items i "
            "LEFT JOIN checklist_templates t ON t.template = i.template AND t.version = i.version "
            "GROUP BY i.template, i.version ORDER BY i.template, i.version"
        ).all()
    return [TemplateVersion(*row) for row in rows]


def items(store: Store, template: str, version: int) -> list[Item]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT code, section, position, text, guidance FROM checklist_items "
            "WHERE template = ? AND version = ? ORDER BY position, code",
            (template, version),
        ).all()
    return [Item(*row) for row in rows]


def answers(store: Store, iso3: str, template: str, version: int) -> dict[str, Answer]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT code, uid, status, evidence, links, assessed_on FROM assessments "
            "WHERE country = ? AND template = ? AND version = ? AND deleted = 0",
            (iso3, template, version),
        ).all()
    return {
        code: Answer(uid, status, evidence, [x for x in links.split("\n") if x], on)
        for code, uid, status, evidence, links, on in rows
    }


def assess(
    store: Store,
    iso3: str,
    template: str,
    version: int,
    code: str,
    *,
    status: str | None = None,
    evidence: str | None = None,
    links: list[str] | None = None,
    assessed_on: str | None = None,
) -> str:
    """Record (part of) an item's answer; creates the assessment record on the first answer.

    Setting a status without a date dates the answer today. Returns the assessment's uid.
    """
    if code not in {i.code for i in items(store, template, version)}:
        raise records.EditRefused([f"code: no item {code} in {template} version {version}"])
    changes: dict[str, str] = {}
    if status is not None:
        changes["status"] = status
        if assessed_on is None and status in ASSESSED:
            assessed_on = today()
    if evidence is not None:
        changes["evidence"] = evidence
    if links is not None:
        changes["links"] = "\n".join(dict.fromkeys(links))
    if assessed_on is not None:
        changes["assessed_on"] = assessed_on
    existing = answers(store, iso3, template, version).get(code)
    if existing is not None:
        records.update(store, "assessments", existing.uid, changes)
        return existing.uid
    values = {
        "country": iso3,
        "template": template,
        "version": str(version),
        "code": code,
        "status": NOT_ASSESSED,
        **changes,
    }
    return records.create(store, "assessments", values)


def progress(store: Store, iso3: str, template: str, version: int) -> tuple[Progress, list[Progress]]:
    """Overall progress and progress per section, in the template's order."""
    given = answers(store, iso3, template, version)
    overall = Progress("")
    sections: dict[str, Progress] = {}
    for item in items(store, template, version):
        status = given[item.code].status if item.code in given else NOT_ASSESSED
        section = sections.setdefault(item.section, Progress(item.section))
        for bucket in (overall, section):
            bucket.items += 1
            bucket.statuses[status or NOT_ASSESSED] += 1
    return overall, list(sections.values())


@dataclass(frozen=True)
class Gap:
    item: Item
    status: str
    evidence: str


def gaps(store: Store, iso3: str, template: str, version: int) -> list[Gap]:
    """Items not met or partly met, not met first, in template order within each."""
    given = answers(store, iso3, template, version)
    found = [
        Gap(i, given[i.code].status, given[i.code].evidence)
        for i in items(store, template, version)
        if i.code in given and given[i.code].status in GAP_STATUSES
    ]
    return sorted(found, key=lambda g: (GAP_STATUSES.index(g.status), g.item.position))


def unlinked_items(store: Store, iso3: str, template: str, version: int) -> list[Item]:
    """Items whose answer cites no recommendation or cluster (a cluster stands for its recommendations)."""
    given = answers(store, iso3, template, version)
    return [i for i in items(store, template, version) if i.code not in given or not given[i.code].links]


@dataclass
class CarryOver:
    carried: list[str] = field(default_factory=list)  # same code, same text: answer copied
    review: list[str] = field(default_factory=list)  # same code, text changed: answer not copied
    new: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)


def compare_versions(store: Store, template: str, old: int, new: int) -> CarryOver:
    before = {i.code: i for i in items(store, template, old)}
    after = {i.code: i for i in items(store, template, new)}
    result = CarryOver(gone=[c for c in before if c not in after])
    for code, item in after.items():
        if code not in before:
            result.new.append(code)
        elif before[code].text == item.text:
            result.carried.append(code)
        else:
            result.review.append(code)
    return result


def start_new_version(store: Store, iso3: str, template: str, old: int, new: int) -> CarryOver:
    """Begin the assessment of version ``new`` from the answers given to ``old``, in one transaction.

    Answers to unchanged items are copied (status, evidence, links, date); changed items are left for
    review with the old answer still readable in version ``old``, which is never modified.
    """
    plan = compare_versions(store, template, old, new)
    previous = answers(store, iso3, template, old)
    existing = answers(store, iso3, template, new)
    with store.transaction() as session:
        for code in plan.carried:
            if code in previous and code not in existing:
                answer = previous[code]
                records.create_in(
                    session,
                    "assessments",
                    {
                        "country": iso3,
                        "template": template,
                        "version": str(new),
                        "code": code,
                        "status": answer.status,
                        "evidence": answer.evidence,
                        "links": "\n".join(answer.links),
                        "assessed_on": answer.assessed_on,
                    },
                )
    return plan


@dataclass(frozen=True)
class Comparison:
    code: str
    section: str
    text: str
    before: str
    after: str
    change: str  # improved | slipped | same | new | gone | changed item


def compare_assessments(
    store: Store,
    iso3: str,
    template: str,
    before_version: int,
    after_version: int,
    before_country: str | None = None,
) -> list[Comparison]:
    """Item by item, what improved and what slipped between two assessments (e.g. last year's CCA)."""
    first = answers(store, before_country or iso3, template, before_version)
    second = answers(store, iso3, template, after_version)
    old_items = {i.code: i for i in items(store, template, before_version)}
    rows: list[Comparison] = []
    for item in items(store, template, after_version):
        after = second[item.code].status if item.code in second else NOT_ASSESSED
        if item.code not in old_items:
            rows.append(Comparison(item.code, item.section, item.text, "", after, "new"))
            continue
        before = first[item.code].status if item.code in first else NOT_ASSESSED
        if old_items[item.code].text != item.text:
            change = "changed item"
        elif before in _RANK and after in _RANK and _RANK[after] != _RANK[before]:
            change = "improved" if _RANK[after] > _RANK[before] else "slipped"
        else:
            change = "same" if before == after else "other"
        rows.append(Comparison(item.code, item.section, item.text, before, after, change))
    new_codes = {r.code for r in rows}
    rows += [
        Comparison(c, i.section, i.text, first[c].status if c in first else NOT_ASSESSED, "", "gone")
        for c, i in old_items.items()
        if c not in new_codes
    ]
    return rows
