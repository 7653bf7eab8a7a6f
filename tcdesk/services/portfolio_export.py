"""The technical cooperation portfolio as a workbook for colleagues: every project, and what each implements.

Two sheets: ``Projects`` (all fields, budgets as exact decimal text) and ``Links`` (one row per link, the
target named as a reader knows it: document and paragraph for a recommendation, the title for a cluster,
with the recommendation's implementation status or the cluster's priority). Not an exchange package.
"""

from __future__ import annotations

from pathlib import Path

from tcdesk.reports.workbook import Column, add_table, new_workbook, save
from tcdesk.services.cluster_matrix import country_name_of
from tcdesk.store.db import Store

PROJECT_FIELDS = (
    ("code", "Code", 14, False),
    ("title", "Title", 40, True),
    ("status", "Status", 11, False),
    ("start_date", "Start", 11, False),
    ("end_date", "End", 11, False),
    ("budget_usd", "Budget (USD)", 14, False),
    ("funding_source", "Funding source", 28, True),
    ("implementing_entity", "Implementing entity", 22, True),
    ("partners", "Partners", 30, True),
    ("modality", "Modality", 12, False),
    ("summary", "Summary", 50, True),
    ("results", "Results sought", 50, True),
    ("sdg_targets", "SDG targets", 12, True),
)


def project_rows(store: Store, iso3: str) -> list[dict[str, str]]:
    names = ", ".join(f"p.{name}" for name, *_ in PROJECT_FIELDS)
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT p.uid, {names} FROM projects p WHERE p.country = ? AND p.deleted = 0 "
            "ORDER BY p.start_date, p.code, p.title COLLATE NOCASE",
            (iso3,),
        ).all()
    keys = ("uid", *(name for name, *_ in PROJECT_FIELDS))
    return [{key: "" if value is None else str(value) for key, value in zip(keys, row, strict=True)} for row in rows]


def link_rows(store: Store, iso3: str) -> list[tuple[str, str, str, str, str]]:
    """(project code, project title, kind, target, status or priority) in project order."""
    with store.engine.connect() as conn:
        return [
            tuple("" if v is None else str(v) for v in row)
            for row in conn.exec_driver_sql(
                "SELECT p.code, p.title, l.kind, "
                "CASE l.kind WHEN 'recommendation' THEN trim(r.document || ' ' || r.paragraph) ELSE c.title END, "
                "CASE l.kind WHEN 'recommendation' THEN r.implementation_status ELSE c.priority END "
                "FROM project_links l JOIN projects p ON p.uid = l.project_uid "
                "LEFT JOIN recommendations r ON l.kind = 'recommendation' AND r.uid = l.target_uid "
                "LEFT JOIN clusters c ON l.kind = 'cluster' AND c.uid = l.target_uid "
                "WHERE p.country = ? AND p.deleted = 0 "
                "AND ((l.kind = 'recommendation' AND r.deleted = 0) OR (l.kind = 'cluster' AND c.deleted = 0)) "
                "ORDER BY p.start_date, p.code, l.kind DESC, r.document, r.paragraph, c.title",
                (iso3,),
            )
        ]


def export_portfolio(store: Store, iso3: str, path: Path) -> None:
    name = country_name_of(store, iso3)
    workbook = new_workbook()
    projects = project_rows(store, iso3)
    add_table(
        workbook,
        "Projects",
        f"{name}: technical cooperation projects",
        [Column(title, width, wrap=wrap) for _name, title, width, wrap in PROJECT_FIELDS],
        ([row[field] for field, *_ in PROJECT_FIELDS] for row in projects),
    )
    add_table(
        workbook,
        "Links",
        f"{name}: what each project implements",
        [
            Column("Project code", 14),
            Column("Project", 40, wrap=True),
            Column("Kind", 14),
            Column("Recommendation or cluster", 40, wrap=True),
            Column("Implementation status / priority", 20),
        ],
        link_rows(store, iso3),
    )
    save(workbook, path)
