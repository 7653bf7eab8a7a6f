"""An assessment as a workbook for UN country team colleagues (not an exchange package)."""

from __future__ import annotations

from pathlib import Path

from tcdesk.reports.workbook import Column, add_table, new_workbook, save
from tcdesk.services import checklist
from tcdesk.services.cluster_matrix import country_name_of


def _cited(store, uids: list[str]) -> str:  # type: ignore[no-untyped-def]
    """Linked records named as a reader knows them: document and paragraph, or the cluster's title."""
    if not uids:
        return ""
    marks = ",".join("?" * len(uids))
    with store.engine.connect() as conn:
        names = dict(
            conn.exec_driver_sql(
                f"SELECT uid, trim(document || ' ' || paragraph) FROM recommendations WHERE uid IN ({marks}) "
                f"UNION ALL SELECT uid, 'Cluster: ' || title FROM clusters WHERE uid IN ({marks})",
                (*uids, *uids),
            ).all()
        )
    return "\n".join(names.get(uid, uid) or uid for uid in uids)


def export_assessment(store, iso3: str, template: str, version: int, path: Path) -> None:  # type: ignore[no-untyped-def]
    name = country_name_of(store, iso3)
    given = checklist.answers(store, iso3, template, version)
    overall, sections = checklist.progress(store, iso3, template, version)
    workbook = new_workbook()
    add_table(
        workbook,
        "Assessment",
        f"{name}: CCA human rights checklist ({template} version {version})",
        [
            Column("Section", 24, wrap=True),
            Column("Code", 9),
            Column("Item", 60, wrap=True),
            Column("Status", 13),
            Column("Evidence", 60, wrap=True),
            Column("Linked recommendations", 28, wrap=True),
            Column("Assessed on", 12),
            Column("Guidance", 50, wrap=True),
        ],
        [
            [
                i.section,
                i.code,
                i.text,
                given[i.code].status if i.code in given else checklist.NOT_ASSESSED,
                given[i.code].evidence if i.code in given else "",
                _cited(store, given[i.code].links) if i.code in given else "",
                given[i.code].assessed_on if i.code in given else "",
                i.guidance,
            ]
            for i in checklist.items(store, template, version)
        ],
    )
    add_table(
        workbook,
        "Progress",
        f"{name}: progress by section",
        [
            Column("Section", 40, wrap=True),
            Column("Items", 8),
            Column("Assessed", 10),
            Column("Met", 8),
            Column("Partly met", 10),
            Column("Not met", 9),
            Column("Not applicable", 12),
        ],
        [
            [
                s.section or "All sections",
                s.items,
                s.assessed,
                s.statuses["met"],
                s.statuses["partly met"],
                s.statuses["not met"],
                s.statuses["not applicable"],
            ]
            for s in [*sections, overall]
        ],
    )
    save(workbook, path)
