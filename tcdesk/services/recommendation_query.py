"""Finding recommendations: filters, facets, sorting and paging done by SQLite, never over Python lists.

The recommendations page shows 100,000 rows by asking for the count and then for the slice on screen;
each facet counts with every other filter applied (so its numbers say what choosing a value would give).
Within a facet the chosen values are alternatives (OR); across facets they all apply (AND).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tcdesk.store.db import Store
from tcdesk.store.search_text import match_expression

COLUMN_FACETS = {
    "mechanism": "mechanism",
    "body": "body",
    "cycle": "cycle",
    "session": "session",
    "response": "response",
    "status": "implementation_status",
    "country": "country",
}
TAG_FACETS = {"theme": "theme", "affected": "affected", "sdg_target": "sdg"}
FACETS = (*COLUMN_FACETS, *TAG_FACETS, "sdg_goal", "clustered")
SORTABLE = (
    "document",
    "paragraph",
    "mechanism",
    "body",
    "cycle",
    "session",
    "recommending_state",
    "text",
    "response",
    "issued_on",
    "implementation_status",
    "country",
    "updated_at",
)
LISTED = ("uid", *SORTABLE, "themes", "affected_persons", "sdg_targets", "notes", "rev")


@dataclass(frozen=True)
class RecFilter:
    """What the user has chosen; empty means no restriction. ``""`` in a tuple means 'not recorded'."""

    country: str = ""
    text: str = ""
    chosen: dict[str, tuple[str, ...]] = field(default_factory=dict)  # facet name → values
    clustered: bool | None = None

    def with_facet(self, facet: str, values: tuple[str, ...]) -> RecFilter:
        chosen = dict(self.chosen)
        if values:
            chosen[facet] = tuple(values)
        else:
            chosen.pop(facet, None)
        return replace(self, chosen=chosen)


def _where(f: RecFilter, skip: str = "") -> tuple[str, list[object]]:
    clauses, params = ["r.deleted = 0"], []
    if f.country and skip != "country":
        clauses.append("r.country = ?")
        params.append(f.country)
    for facet, values in f.chosen.items():
        if facet == skip or not values:
            continue
        marks = ",".join("?" * len(values))
        if facet in COLUMN_FACETS:
            clauses.append(f"r.{COLUMN_FACETS[facet]} IN ({marks})")
            params += values
        elif facet in TAG_FACETS:
            clauses.append(
                f"r.rowid IN (SELECT rec_rowid FROM recommendation_tags WHERE kind = ? AND value IN ({marks}))"
            )
            params += [TAG_FACETS[facet], *values]
        elif facet == "sdg_goal":
            likes = " OR ".join("value LIKE ?" for _ in values)
            clauses.append(f"r.rowid IN (SELECT rec_rowid FROM recommendation_tags WHERE kind = 'sdg' AND ({likes}))")
            params += [f"{goal}.%" for goal in values]
        else:
            raise ValueError(f"unknown facet {facet!r}; facets are {', '.join(FACETS)}")
    if f.clustered is not None and skip != "clustered":
        exists = (
            "EXISTS (SELECT 1 FROM cluster_members m JOIN clusters c ON c.uid = m.cluster_uid "
            "WHERE m.recommendation_uid = r.uid AND c.deleted = 0)"
        )
        clauses.append(exists if f.clustered else f"NOT {exists}")
    expression = match_expression(f.text) if f.text.strip() else None
    if expression:
        clauses.append("r.rowid IN (SELECT rowid FROM recommendations_fts WHERE recommendations_fts MATCH ?)")
        params.append(expression)
    return " AND ".join(clauses), params


def count(store: Store, f: RecFilter) -> int:
    where, params = _where(f)
    with store.engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT COUNT(*) FROM recommendations r WHERE {where}", tuple(params)).scalar()


def fetch(
    store: Store,
    f: RecFilter,
    *,
    order_by: str = "document",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[dict[str, str]]:
    """One page of rows as canonical text, ordered by ``order_by`` then uid (a stable order for paging)."""
    if order_by not in SORTABLE:
        raise ValueError(f"cannot sort by {order_by!r}")
    where, params = _where(f)
    direction = "DESC" if descending else "ASC"
    order = f"ORDER BY r.{order_by} COLLATE NOCASE {direction}, r.uid"
    # The slice is chosen on rowids first, so a deep page sorts narrow rows, not every listed column.
    sql = (
        f"SELECT {', '.join('r.' + c for c in LISTED)} FROM recommendations r WHERE r.rowid IN "
        f"(SELECT r.rowid FROM recommendations r WHERE {where} {order} LIMIT ? OFFSET ?) {order}"
    )
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(sql, (*params, limit, offset)).all()
    return [{name: "" if v is None else str(v) for name, v in zip(LISTED, row, strict=True)} for row in rows]


def uids(store: Store, f: RecFilter) -> list[str]:
    """Every uid the filter selects (for bulk edits on "all matching")."""
    where, params = _where(f)
    with store.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql(f"SELECT r.uid FROM recommendations r WHERE {where}", tuple(params))]


def facet_counts(store: Store, f: RecFilter, facet: str) -> list[tuple[str, int]]:
    """(value, count) of one facet under every other chosen filter, most frequent first."""
    where, params = _where(f, skip=facet)
    if facet in COLUMN_FACETS:
        column = COLUMN_FACETS[facet]
        sql = f"SELECT r.{column}, COUNT(*) FROM recommendations r WHERE {where} GROUP BY r.{column}"
    elif facet in TAG_FACETS:
        sql = (
            "SELECT t.value, COUNT(*) FROM recommendation_tags t JOIN recommendations r ON r.rowid = t.rec_rowid "
            f"WHERE t.kind = ? AND {where} GROUP BY t.value"
        )
        params = [TAG_FACETS[facet], *params]
    elif facet == "sdg_goal":
        sql = (
            "SELECT DISTINCT_GOAL, COUNT(*) FROM (SELECT DISTINCT r.rowid AS rid, "
            "substr(t.value, 1, instr(t.value, '.') - 1) AS DISTINCT_GOAL FROM recommendation_tags t "
            f"JOIN recommendations r ON r.rowid = t.rec_rowid WHERE t.kind = 'sdg' AND {where}) GROUP BY DISTINCT_GOAL"
        )
    elif facet == "clustered":
        return [(label, count(store, replace(f, clustered=flag))) for label, flag in (("yes", True), ("no", False))]
    else:
        raise ValueError(f"unknown facet {facet!r}; facets are {', '.join(FACETS)}")
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(sql, tuple(params)).all()
    return sorted(((v or "", n) for v, n in rows), key=lambda pair: (-pair[1], pair[0]))
