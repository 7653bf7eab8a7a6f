"""Open conflicts and their resolution: keep mine, take theirs, or pick per field.

A conflict holds the other side's version of a record that was also changed here; the local version
stays in force until the user decides. Keeping mine (wholly or partly) makes a new local revision above
both, so the next return tells HQ the outcome; taking theirs installs their revision as it came.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, delete, select

from tcdesk.domain.schema import SHEETS, SYNC_COLUMN_NAMES
from tcdesk.services import records
from tcdesk.store.db import Store
from tcdesk.store.models import RECORD_MODELS, ClusterMember, Conflict, ProjectLink
from tcdesk.store.rows import to_db, to_text


@dataclass
class ConflictView:
    table: str
    uid: str
    their_rev: int
    mine: dict[str, str]
    theirs: dict[str, str]
    my_children: list[list[str]]
    their_children: list[list[str]]
    package_id: str
    received_at: str

    @property
    def differing(self) -> list[str]:
        """Content columns whose values differ, in the contract's column order."""
        return [
            c.name
            for c in SHEETS[self.table].content_columns
            if self.mine.get(c.name, "") != self.theirs.get(c.name, "")
        ]

    @property
    def children_differ(self) -> bool:
        return sorted(self.my_children) != sorted(self.their_children)


def _children(session: Session, table: str, uid: str) -> list[list[str]]:
    if table == "clusters":
        return [[m] for m in records.cluster_members(session, uid)]
    if table == "projects":
        return [list(link) for link in records.project_links(session, uid)]
    return []


def _view(session: Session, conflict: Conflict) -> ConflictView:
    theirs = json.loads(conflict.theirs)
    their_children = theirs.pop("_children", [])
    record = session.get(RECORD_MODELS[conflict.table_name], conflict.uid)
    mine = to_text(SHEETS[conflict.table_name], record) if record else {}
    return ConflictView(
        conflict.table_name,
        conflict.uid,
        conflict.their_rev,
        mine,
        theirs,
        _children(session, conflict.table_name, conflict.uid),
        their_children,
        conflict.package_id,
        conflict.received_at,
    )


def open_conflicts(store: Store) -> list[ConflictView]:
    with store.session() as session:
        rows = session.exec(select(Conflict).order_by(Conflict.table_name, Conflict.uid)).all()
        return [_view(session, c) for c in rows]


def count(store: Store) -> int:
    with store.session() as session:
        return len(session.exec(select(Conflict.uid)).all())


def _find(session: Session, uid: str) -> Conflict:
    conflict = session.exec(select(Conflict).where(Conflict.uid == uid)).first()
    if conflict is None:
        raise records.RecordNotFound(f"no open conflict for uid {uid}")
    return conflict


def resolve(store: Store, uid: str, keep: str, take_theirs_for: Iterable[str] = ()) -> None:
    """``keep`` is 'mine', 'theirs' or 'fields' (mine, except the columns in ``take_theirs_for``)."""
    if keep not in ("mine", "theirs", "fields"):
        raise ValueError(f"keep must be mine, theirs or fields, not {keep!r}")
    with store.transaction() as session:
        conflict = _find(session, uid)
        view = _view(session, conflict)
        table, sheet = conflict.table_name, SHEETS[conflict.table_name]
        record = session.get(RECORD_MODELS[table], uid)
        if keep == "theirs":
            for name, text in view.theirs.items():
                if name in sheet.columns_by_name:
                    setattr(record, name, to_db(sheet, name, text))
            record.local_change = None
            session.add(record)
            _replace_children(session, table, uid, view.their_children)
        else:
            chosen = set(take_theirs_for)
            unknown = chosen - {c.name for c in sheet.content_columns} - {"_children"}
            if unknown:
                raise ValueError(f"unknown or non-editable columns: {', '.join(sorted(unknown))}")
            for name in chosen - {"_children"} - SYNC_COLUMN_NAMES:
                setattr(record, name, to_db(sheet, name, view.theirs.get(name, "")))
            if "_children" in chosen:
                _replace_children(session, table, uid, view.their_children)
            records.stamp(session, record, table)  # above both revisions, and marked to send
        session.delete(conflict)


def _replace_children(session: Session, table: str, uid: str, children: list[list[str]]) -> None:
    if table == "clusters":
        session.exec(delete(ClusterMember).where(ClusterMember.cluster_uid == uid))
        session.flush()
        session.add_all(ClusterMember(cluster_uid=uid, recommendation_uid=c[0]) for c in children)
    elif table == "projects":
        session.exec(delete(ProjectLink).where(ProjectLink.project_uid == uid))
        session.flush()
        session.add_all(ProjectLink(project_uid=uid, kind=c[0], target_uid=c[1]) for c in children)
