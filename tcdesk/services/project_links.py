"""Linking recommendations or clusters to projects from the pages that show them.

``records.set_project_links`` replaces one project's links; here several projects gain or lose the same
targets at once, all in one transaction and through the edit path (``records.stamp``), so each changed
project gets a new revision and travels in the next exchange.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import delete

from tcdesk.services import records
from tcdesk.store.db import Store
from tcdesk.store.models import RECORD_MODELS, ProjectLink

KINDS = {"recommendation": "recommendations", "cluster": "clusters"}


def links_of(store: Store, project_uid: str) -> list[tuple[str, str]]:
    """(kind, target uid) of every link of the project, sorted."""
    with store.session() as session:
        return records.project_links(session, project_uid)


def projects_linking_all(store: Store, project_uids: Iterable[str], kind: str, target_uids: Iterable[str]) -> set[str]:
    """Those of ``project_uids`` that already link every one of the targets."""
    wanted = {(kind, uid) for uid in target_uids}
    with store.session() as session:
        return {uid for uid in project_uids if wanted and wanted <= set(records.project_links(session, uid))}


def link_targets(
    store: Store,
    add_to: Iterable[str],
    remove_from: Iterable[str],
    kind: str,
    target_uids: Iterable[str],
) -> int:
    """Link the targets to the projects ``add_to`` and unlink them from ``remove_from``, all or nothing.

    Returns how many projects changed (and got a new revision); a project already as asked is left alone.
    """
    if kind not in KINDS:
        raise records.EditRefused([f"unknown link kind {kind!r}"])
    targets = {(kind, uid) for uid in target_uids}
    plans = {uid: True for uid in remove_from} | {uid: False for uid in add_to}  # uid -> remove?
    changed = 0
    with store.transaction() as session:
        missing = [
            f"no {kind} with uid {target}"
            for _kind, target in sorted(targets)
            if (record := session.get(RECORD_MODELS[KINDS[kind]], target)) is None or record.deleted
        ]
        if missing:
            raise records.EditRefused(missing)
        for project_uid, remove in plans.items():
            project = session.get(RECORD_MODELS["projects"], project_uid)
            if project is None or project.deleted:
                raise records.RecordNotFound(f"no projects record with uid {project_uid}")
            current = set(records.project_links(session, project_uid))
            wanted = current - targets if remove else current | targets
            if wanted == current:
                continue
            session.exec(delete(ProjectLink).where(ProjectLink.project_uid == project_uid))
            session.add_all(ProjectLink(project_uid=project_uid, kind=k, target_uid=t) for k, t in sorted(wanted))
            records.stamp(session, project, "projects")
            changed += 1
    return changed
