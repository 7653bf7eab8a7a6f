"""The one edit path: every local create, update and delete of a syncable record goes through here.

Each change is validated against the domain rules, then stamped: ``rev`` one above the highest revision
this installation has seen (its own, or the other side's in an open conflict), ``updated_at``/``updated_by``
set, and ``local_change`` set from the change counter so that the next field return carries it. Nothing is
written when any value is refused, and a change that changes nothing does not create a revision.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping

from sqlalchemy import event
from sqlmodel import Session, delete, select

from tcdesk.clock import utc_now
from tcdesk.domain.schema import SYNC_COLUMN_NAMES, Sheet, record_sheet
from tcdesk.domain.validation import InvalidValue, normalize, row_problems
from tcdesk.services import settings
from tcdesk.services.sync_state import acknowledged_mark
from tcdesk.store.db import Store
from tcdesk.store.models import RECORD_MODELS, ClusterMember, Conflict, ProjectLink, SyncFields
from tcdesk.store.rows import to_db, to_text


class EditRefused(ValueError):
    """The edit breaks a rule; ``problems`` lists each as 'column: what is wrong'."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class RecordNotFound(LookupError):
    pass


def _checked(sheet: Sheet, values: Mapping[str, str]) -> dict[str, str]:
    problems: list[str] = []
    clean: dict[str, str] = {}
    for name, raw in values.items():
        column = sheet.columns_by_name.get(name)
        if column is None:
            editable = ", ".join(c.name for c in sheet.content_columns)
            problems.append(f"unknown column {name!r} of {sheet.name} (columns: {editable})")
        elif name in SYNC_COLUMN_NAMES:
            problems.append(f"{name}: kept by tcdesk itself, it cannot be edited")
        else:
            try:
                clean[name] = normalize(column, raw)
            except InvalidValue as exc:
                problems.append(f"{name}: {exc}")
    if problems:
        raise EditRefused(problems)
    return clean


def _office(session: Session) -> str:
    office = settings.read(session, settings.OFFICE)
    if not office:
        raise EditRefused(["this installation has no office code yet: set it first (tcdesk office CODE)"])
    return office


@event.listens_for(Session, "after_transaction_end")
def _forget_per_transaction(session: Session, _transaction) -> None:  # type: ignore[no-untyped-def]
    session.info.pop("tcdesk", None)


def _per_transaction(session: Session, key: str, compute):  # type: ignore[no-untyped-def]
    """A value that cannot change within this transaction, computed once (bulk edits stamp thousands)."""
    cache = session.info.setdefault("tcdesk", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def stamp(session: Session, record: SyncFields, table: str) -> None:
    """Make ``record`` a new local revision: the single place where rev, dirty and attribution are set."""
    conflicted = _per_transaction(
        session,
        f"conflicts:{table}",
        lambda: set(session.exec(select(Conflict.uid).where(Conflict.table_name == table))),
    )
    conflict = session.get(Conflict, (table, record.uid)) if record.uid in conflicted else None
    mark = _per_transaction(session, "acknowledged", lambda: acknowledged_mark(session))
    if record.rev and (record.local_change is None or record.local_change <= mark):
        record.base_rev = record.rev  # first local edit since the last exchange starts from this revision
    seen = max(record.rev, conflict.their_rev if conflict else 0)
    record.rev = seen + 1
    record.updated_at = utc_now()
    record.updated_by = _per_transaction(session, "office", lambda: _office(session))
    record.local_change = settings.next_change_mark(session)
    session.add(record)


def _load(session: Session, table: str, uid: str) -> SyncFields:
    record = session.get(RECORD_MODELS[table], uid)
    if record is None or record.deleted:
        raise RecordNotFound(f"no {table} record with uid {uid}")
    return record


def _apply(sheet: Sheet, record: SyncFields, changes: Mapping[str, str]) -> bool:
    current = to_text(sheet, record)
    merged = {**current, **changes}
    problems = [f"{column}: {problem}" for column, problem in row_problems(sheet, merged, check_meta=False)]
    if problems:
        raise EditRefused(problems)
    changed = False
    for name, text in changes.items():
        if current[name] != text:
            setattr(record, name, to_db(sheet, name, text))
            changed = True
    return changed


def get(store: Store, table: str, uid: str) -> dict[str, str]:
    sheet = record_sheet(table)
    with store.session() as session:
        return to_text(sheet, _load(session, table, uid))


def update_in(session: Session, table: str, uid: str, changes: Mapping[str, str]) -> bool:
    """Update within a caller's transaction (bulk edits); True when a new revision was made."""
    sheet = record_sheet(table)
    clean = _checked(sheet, changes)
    record = _load(session, table, uid)
    if not _apply(sheet, record, clean):
        return False
    stamp(session, record, table)
    return True


def update(store: Store, table: str, uid: str, changes: Mapping[str, str]) -> dict[str, str]:
    sheet = record_sheet(table)
    with store.transaction() as session:
        update_in(session, table, uid, changes)
        return to_text(sheet, _load(session, table, uid))


def update_many(store: Store, table: str, uids: Iterable[str], changes: Mapping[str, str]) -> int:
    """The same change on many records, all or none; returns how many got a new revision."""
    with store.transaction() as session:
        return sum(update_in(session, table, uid, changes) for uid in uids)


def create_in(session: Session, table: str, values: Mapping[str, str], uid: str | None = None) -> str:
    sheet = record_sheet(table)
    clean = _checked(sheet, values)
    record = RECORD_MODELS[table](uid=uid or str(uuid.uuid4()), rev=0, base_rev=0)
    if session.get(RECORD_MODELS[table], record.uid) is not None:
        raise EditRefused([f"uid: {record.uid} already exists in {table}"])
    full = {c.name: "" for c in sheet.content_columns} | clean
    _apply(sheet, record, full)
    stamp(session, record, table)
    return record.uid


def create(store: Store, table: str, values: Mapping[str, str]) -> str:
    with store.transaction() as session:
        return create_in(session, table, values)


def delete_record(store: Store, table: str, uid: str) -> None:
    """Leave a tombstone that the next exchange carries; memberships and links of the record go with it."""
    with store.transaction() as session:
        record = _load(session, table, uid)
        record.deleted = True
        if table == "clusters":
            session.exec(delete(ClusterMember).where(ClusterMember.cluster_uid == uid))
        elif table == "projects":
            session.exec(delete(ProjectLink).where(ProjectLink.project_uid == uid))
        stamp(session, record, table)


def cluster_members(session: Session, cluster_uid: str) -> list[str]:
    rows = session.exec(select(ClusterMember.recommendation_uid).where(ClusterMember.cluster_uid == cluster_uid))
    return sorted(rows)


def set_cluster_members(store: Store, cluster_uid: str, recommendation_uids: Iterable[str]) -> bool:
    """Replace a cluster's members; membership is part of the cluster's revision, so the cluster is stamped."""
    wanted = sorted(set(recommendation_uids))
    with store.transaction() as session:
        cluster = _load(session, "clusters", cluster_uid)
        missing = [uid for uid in wanted if not _exists(session, "recommendations", uid)]
        if missing:
            raise EditRefused([f"no recommendation with uid {uid}" for uid in missing])
        if cluster_members(session, cluster_uid) == wanted:
            return False
        session.exec(delete(ClusterMember).where(ClusterMember.cluster_uid == cluster_uid))
        session.add_all(ClusterMember(cluster_uid=cluster_uid, recommendation_uid=uid) for uid in wanted)
        stamp(session, cluster, "clusters")
        return True


def project_links(session: Session, project_uid: str) -> list[tuple[str, str]]:
    rows = session.exec(select(ProjectLink.kind, ProjectLink.target_uid).where(ProjectLink.project_uid == project_uid))
    return sorted((kind, target) for kind, target in rows)


def set_project_links(store: Store, project_uid: str, links: Iterable[tuple[str, str]]) -> bool:
    """Replace a project's links to recommendations and clusters; stamps the project."""
    wanted = sorted(set(links))
    tables = {"recommendation": "recommendations", "cluster": "clusters"}
    with store.transaction() as session:
        project = _load(session, "projects", project_uid)
        problems = [
            f"unknown link kind {kind!r}" if kind not in tables else f"no {kind} with uid {target}"
            for kind, target in wanted
            if kind not in tables or not _exists(session, tables[kind], target)
        ]
        if problems:
            raise EditRefused(problems)
        if project_links(session, project_uid) == wanted:
            return False
        session.exec(delete(ProjectLink).where(ProjectLink.project_uid == project_uid))
        session.add_all(ProjectLink(project_uid=project_uid, kind=k, target_uid=t) for k, t in wanted)
        stamp(session, project, "projects")
        return True


def _exists(session: Session, table: str, uid: str) -> bool:
    record = session.get(RECORD_MODELS[table], uid)
    return record is not None and not record.deleted
