"""The matrix of thematically clustered recommendations: clusters as rows, counts as columns.

After a review OHCHR sends the State "a matrix of thematically clustered recommendations linked to the
SDGs"; this is that matrix for one country, computed by grouped SQL, and its export as a workbook a person
can hand to a colleague (not an exchange package).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tcdesk.domain import sdg
from tcdesk.domain import vocabulary as v
from tcdesk.services.overview import country_name
from tcdesk.store.db import Store

NOT_RECORDED = ""


@dataclass
class MatrixRow:
    uid: str
    title: str
    priority: str
    sdg_goals: list[str]
    summary: str
    members: int = 0
    by_mechanism: Counter[str] = field(default_factory=Counter)
    by_response: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)


def cluster_matrix(store: Store, iso3: str) -> list[MatrixRow]:
    """Live clusters of the country, high priority first, with counts over their live members."""
    rows: dict[str, MatrixRow] = {}
    with store.engine.connect() as conn:
        for uid, title, priority, goals, summary in conn.exec_driver_sql(
            "SELECT uid, title, priority, sdg_goals, summary FROM clusters WHERE country = ? AND deleted = 0",
            (iso3,),
        ):
            goals_list = sorted(filter(None, goals.split("\n")), key=int)
            rows[uid] = MatrixRow(uid, title, priority, goals_list, summary)
        counts = conn.exec_driver_sql(
            "SELECT m.cluster_uid, r.mechanism, r.response, r.implementation_status, COUNT(*) "
            "FROM cluster_members m JOIN recommendations r ON r.uid = m.recommendation_uid "
            "JOIN clusters c ON c.uid = m.cluster_uid "
            "WHERE c.country = ? AND c.deleted = 0 AND r.deleted = 0 "
            "GROUP BY m.cluster_uid, r.mechanism, r.response, r.implementation_status",
            (iso3,),
        )
        for uid, mechanism, response, status, n in counts:
            row = rows[uid]
            row.members += n
            row.by_mechanism[mechanism] += n
            row.by_response[response or NOT_RECORDED] += n
            row.by_status[status or NOT_RECORDED] += n
    return sorted(rows.values(), key=lambda r: (v.priority_rank(r.priority), r.title.casefold()))


def export_matrix(store: Store, iso3: str, path: Path, labels: dict[str, str] | None = None) -> int:
    """Write the matrix and the clustered recommendations to ``path``; returns the number of clusters.

    ``labels`` translates the column titles (the GUI passes its translated words; English otherwise).
    """
    from tcdesk.reports.workbook import Column, add_table, new_workbook, save

    label = (labels or {}).get
    matrix = cluster_matrix(store, iso3)
    name = country_name_of(store, iso3)
    statuses = (*v.IMPLEMENTATION_STATUSES, NOT_RECORDED)
    columns = [
        Column(label("cluster", "Cluster"), 34, wrap=True),
        Column(label("priority", "Priority"), 10),
        Column(label("sdg_goals", "SDG goals"), 22, wrap=True),
        Column(label("members", "Recommendations"), 12),
        *(Column(m, 8) for m in v.MECHANISMS),
        *(Column(label(r, r.capitalize()), 10) for r in v.RESPONSES),
        *(Column(label(s or "not recorded", (s or "not recorded").capitalize()), 12, wrap=True) for s in statuses),
        Column(label("summary", "Summary"), 60, wrap=True),
    ]
    table = [
        [
            row.title,
            row.priority,
            "\n".join(f"{g} {sdg.GOAL_NAMES[int(g)]}" for g in row.sdg_goals),
            row.members,
            *(row.by_mechanism.get(m, 0) for m in v.MECHANISMS),
            *(row.by_response.get(r, 0) for r in v.RESPONSES),
            *(row.by_status.get(s, 0) for s in statuses),
            row.summary,
        ]
        for row in matrix
    ]
    workbook = new_workbook()
    add_table(
        workbook, label("matrix", "Matrix"), f"{name}: {label('title', 'clustered recommendations')}", columns, table
    )
    add_table(
        workbook,
        label("by_cluster", "Recommendations"),
        name,
        [
            Column(label("cluster", "Cluster"), 30, wrap=True),
            Column("Mechanism", 10),
            Column("Body", 14),
            Column("Document", 18),
            Column("Paragraph", 10),
            Column("Recommending State", 18),
            Column("Recommendation", 80, wrap=True),
            Column("Response", 11),
            Column("Status", 16),
            Column("SDG targets", 14, wrap=True),
        ],
        _clustered_recommendations(store, iso3),
    )
    save(workbook, path)
    return len(matrix)


def country_name_of(store: Store, iso3: str) -> str:
    with store.session() as session:
        return country_name(session, iso3)


def _clustered_recommendations(store: Store, iso3: str) -> list[list[str]]:
    with store.engine.connect() as conn:
        return [
            list(row)
            for row in conn.exec_driver_sql(
                "SELECT c.title, r.mechanism, r.body, r.document, r.paragraph, r.recommending_state, r.text, "
                "r.response, r.implementation_status, replace(r.sdg_targets, char(10), ', ') "
                "FROM clusters c JOIN cluster_members m ON m.cluster_uid = c.uid "
                "JOIN recommendations r ON r.uid = m.recommendation_uid "
                "WHERE c.country = ? AND c.deleted = 0 AND r.deleted = 0 "
                "ORDER BY CASE c.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END, "
                "c.title COLLATE NOCASE, r.document, r.paragraph",
                (iso3,),
            )
        ]
