"""Merging a validated package into the store: planned first (the preview), applied in one transaction.

Per record (PACKAGE-FORMAT.md, "What an import must guarantee"):
- unknown here → inserted (a tombstone too, so that an older revision arriving later cannot resurrect it);
- lower revision than ours → stale, skipped;
- same revision → unchanged when the content is the same, else a conflict;
- higher revision → applied, unless we changed the record since HQ last acknowledged our changes and the
  content differs: then a conflict, both versions kept, ours in force.
Cluster members and project links travel with their parent's revision and are replaced only when the
parent is applied. Writes are bulk ``executemany`` statements, never row-by-row ORM objects.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import Connection

from tcdesk.clock import utc_now
from tcdesk.domain.schema import SHEETS, Kind, Sheet
from tcdesk.services.sync_state import acknowledged_mark
from tcdesk.store.search_index import insert_recommendations_in_bulk
from tcdesk.sync.errors import Cancelled
from tcdesk.sync.manifest import Manifest
from tcdesk.sync.validate import Problems, SheetData

RECORD_ORDER = ("countries", "recommendations", "clusters", "projects", "assessments")
OUTCOMES = ("inserted", "updated", "unchanged", "stale", "conflicting", "deleted")
CHILDREN = {"clusters": ("cluster_members", "cluster_uid"), "projects": ("project_links", "project_uid")}
_CHUNK = 500

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]


@dataclass
class RecordPlan:
    writes: list[tuple[str, ...]] = field(default_factory=list)  # rows to overwrite (the uid is here)
    inserts: list[tuple[str, ...]] = field(default_factory=list)  # rows new to this store
    conflicts: list[tuple[str, ...]] = field(default_factory=list)
    tombstoned: list[str] = field(default_factory=list)
    applied: set[str] = field(default_factory=set)  # parents whose children are replaced


@dataclass
class Plan:
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    records: dict[str, RecordPlan] = field(default_factory=dict)
    acknowledged: list[str] = field(default_factory=list)
    new_templates: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, sheet: str, outcome: str, n: int = 1) -> None:
        self.counts.setdefault(sheet, Counter())[outcome] += n

    def counts_json(self) -> dict[str, dict[str, int]]:
        return {s: {o: c.get(o, 0) for o in OUTCOMES} for s, c in self.counts.items()}


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _stored_text(sheet: Sheet, row: tuple) -> tuple[str, ...]:  # type: ignore[type-arg]
    out = []
    for column, value in zip(sheet.columns, row, strict=False):
        if column.kind is Kind.FLAG:
            out.append("1" if value else "0")
        else:
            out.append("" if value is None else str(value))
    return tuple(out)


def _local_rows(conn: Connection, sheet: Sheet, uids: list[str]) -> dict[str, tuple[tuple[str, ...], int | None]]:
    columns = ", ".join(sheet.column_names)
    found: dict[str, tuple[tuple[str, ...], int | None]] = {}
    if not conn.exec_driver_sql(f"SELECT 1 FROM {sheet.name} LIMIT 1").first():
        return found
    for chunk in _chunks(uids):
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT {columns}, local_change FROM {sheet.name} WHERE uid IN ({marks})"
        for row in conn.exec_driver_sql(sql, tuple(chunk)):
            found[row[0]] = (_stored_text(sheet, tuple(row[:-1])), row[-1])
    return found


def _existing(conn: Connection, table: str, column: str = "uid") -> set[str]:
    return {r[0] for r in conn.exec_driver_sql(f"SELECT {column} FROM {table} WHERE deleted = 0")}


def _comparable(sheet: Sheet) -> list[int]:
    """Positions compared to decide 'same content': everything but the revision bookkeeping."""
    skip = {"rev", "base_rev", "updated_at", "updated_by"}
    return [i for i, name in enumerate(sheet.column_names) if name not in skip]


def _children_of(data: dict[str, SheetData], sheet_name: str) -> dict[str, list[tuple[str, ...]]]:
    child = CHILDREN.get(sheet_name)
    grouped: dict[str, list[tuple[str, ...]]] = {}
    if child and child[0] in data:
        for row in data[child[0]].rows:
            grouped.setdefault(row[0], []).append(row[1:])
    return grouped


def plan_records(conn: Connection, data: dict[str, SheetData], mark: int, plan: Plan) -> None:
    for name in RECORD_ORDER:
        if name not in data:
            continue
        sheet_data, sheet = data[name], SHEETS[name]
        rec = plan.records.setdefault(name, RecordPlan())
        local = _local_rows(conn, sheet, [row[0] for row in sheet_data.rows])
        compare = _comparable(sheet)
        deleted_at = sheet.column_names.index("deleted")
        children = _children_of(data, name)
        outcomes: dict[str, str] = {}
        for row in sheet_data.rows:
            row = (*row[:deleted_at], "1" if row[deleted_at] == "1" else "0", *row[deleted_at + 1 :])
            uid, rev, is_tombstone = row[0], int(row[1]), row[deleted_at] == "1"
            found = local.get(uid)
            if found is None:
                outcome = "deleted" if is_tombstone else "inserted"
            else:
                mine, change = found
                same = all(mine[i] == row[i] for i in compare)
                dirty = change is not None and change > mark
                if rev < int(mine[1]):
                    outcome = "stale"
                elif rev == int(mine[1]):
                    outcome = "unchanged" if same else "conflicting"
                elif dirty and not same:
                    outcome = "conflicting"
                else:
                    outcome = "deleted" if is_tombstone and mine[deleted_at] != "1" else "updated"
            plan.count(name, outcome)
            outcomes[uid] = outcome
            if outcome in ("inserted", "updated", "deleted"):
                (rec.inserts if found is None else rec.writes).append(row)
                rec.applied.add(uid)
                if is_tombstone:
                    rec.tombstoned.append(uid)
            elif outcome == "conflicting":
                theirs = dict(zip(sheet.column_names, row, strict=True))
                if name in CHILDREN:
                    theirs["_children"] = [list(c) for c in children.get(uid, [])]
                rec.conflicts.append((name, uid, str(rev), json.dumps(theirs, ensure_ascii=False)))
        child = CHILDREN.get(name)
        if child and child[0] in data:
            _count_children(plan, child[0], data[child[0]], outcomes)


def _count_children(plan: Plan, child: str, rows: SheetData, outcomes: dict[str, str]) -> None:
    """Members and links share their parent's fate: written when it is, skipped when it is not."""
    for row in rows.rows:
        if row[0] in outcomes:
            plan.count(child, outcomes[row[0]])


def check_references(conn: Connection, data: dict[str, SheetData], problems: Problems, plan: Plan) -> None:
    """A member, link or assessment must point at something that exists, here or in the package."""

    def known(table: str) -> set[str]:
        uids = _existing(conn, table)
        if table in data:
            position = data[table].position("deleted")
            uids |= {r[0] for r in data[table].rows if r[position] != "1"}
        return uids

    needed = {"recommendations", "clusters", "projects"}
    if not any(s in data for s in ("cluster_members", "project_links", "assessments")):
        return
    uids = {table: known(table) for table in needed}
    if "cluster_members" in data:
        _check_children(data, "cluster_members", "clusters", uids, problems, plan)
        rows = data["cluster_members"]
        for number, row in zip(rows.numbers, rows.rows, strict=True):
            if row[1] not in uids["recommendations"]:
                problems.add(f"cluster_members!{number} recommendation_uid: no recommendation {row[1]}")
    if "project_links" in data:
        _check_children(data, "project_links", "projects", uids, problems, plan)
        rows = data["project_links"]
        for number, row in zip(rows.numbers, rows.rows, strict=True):
            table = "recommendations" if row[1] == "recommendation" else "clusters"
            if row[2] not in uids[table]:
                problems.add(f"project_links!{number} target_uid: no {row[1]} {row[2]}")
    if "assessments" in data:
        _check_assessments(conn, data, uids, problems)


def _check_children(data, child: str, parent: str, uids, problems: Problems, plan: Plan) -> None:  # type: ignore[no-untyped-def]
    rows = data[child]
    carried = {r[0] for r in data[parent].rows} if parent in data else set()
    column = CHILDREN[parent][1]
    ignored = 0
    for number, row in zip(rows.numbers, rows.rows, strict=True):
        if row[0] not in uids[parent] and row[0] not in carried:
            problems.add(f"{child}!{number} {column}: no {parent[:-1]} {row[0]}")
        elif row[0] not in carried:
            ignored += 1
    if ignored:
        plan.notes.append(
            f"{child}: {ignored} rows belong to {parent} this package does not carry, so they were ignored "
            f"(membership travels with the {parent[:-1]}'s revision)"
        )


def _check_assessments(conn: Connection, data, uids, problems: Problems) -> None:  # type: ignore[no-untyped-def]
    items = {(t, str(v), c) for t, v, c in conn.exec_driver_sql("SELECT template, version, code FROM checklist_items")}
    if "checklist_items" in data:
        items |= {(r[0], r[1], r[3]) for r in data["checklist_items"].rows}
    rows = data["assessments"]
    at = {name: rows.position(name) for name in ("template", "version", "code", "links", "deleted")}
    linkable = uids["recommendations"] | uids["clusters"]
    for number, row in zip(rows.numbers, rows.rows, strict=True):
        if row[at["deleted"]] == "1":
            continue
        key = (row[at["template"]], row[at["version"]], row[at["code"]])
        if key not in items:
            problems.add(f"assessments!{number} code: no checklist item {key[2]} in {key[0]} version {key[1]}")
        for uid in filter(None, row[at["links"]].split("\n")):
            if uid not in linkable:
                problems.add(f"assessments!{number} links: no recommendation or cluster {uid}")


def plan_reference_sheets(conn: Connection, data: dict[str, SheetData], problems: Problems, plan: Plan) -> None:
    if "checklist_items" in data:
        stored: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}
        for row in conn.exec_driver_sql(
            "SELECT template, version, section, code, position, text, guidance FROM checklist_items"
        ):
            stored.setdefault((row[0], str(row[1])), {})[row[3]] = tuple(str(v) for v in row)
        incoming: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}
        for row in data["checklist_items"].rows:
            incoming.setdefault((row[0], row[1]), {})[row[3]] = row
        for key, items in incoming.items():
            if key not in stored:
                plan.new_templates.append((key[0], int(key[1])))
                plan.count("checklist_items", "inserted", len(items))
            elif stored[key] == items:
                plan.count("checklist_items", "unchanged", len(items))
            else:
                problems.add(
                    f"checklist_items: template {key[0]} version {key[1]} is already here with different items; "
                    "a template version never changes, a revised template needs a new version number"
                )
    if "sdg_reference" in data:
        stored_sdg = {
            r[0]: tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT code, title_en, title_fr, title_es, title_ar, title_ru, title_zh FROM sdg_reference"
            )
        }
        incoming_sdg = {r[0]: r for r in data["sdg_reference"].rows}
        for code, row in incoming_sdg.items():
            outcome = "inserted" if code not in stored_sdg else ("unchanged" if stored_sdg[code] == row else "updated")
            plan.count("sdg_reference", outcome)
        plan.count("sdg_reference", "deleted", len(set(stored_sdg) - set(incoming_sdg)))


def acknowledged_exports(conn: Connection, manifest: Manifest) -> tuple[list[str], int]:
    """Our exported packages this one acknowledges, and the change mark HQ will then know up to."""
    if not manifest.acknowledges:
        return [], 0
    marks = ",".join("?" * len(manifest.acknowledges))
    rows = conn.exec_driver_sql(
        f"SELECT package_id, change_mark FROM exchange_log WHERE direction = 'export' AND package_id IN ({marks})",
        tuple(manifest.acknowledges),
    ).all()
    return [r[0] for r in rows], max((r[1] or 0 for r in rows), default=0)


def make_plan(conn: Connection, data: dict[str, SheetData], manifest: Manifest, problems: Problems) -> Plan:
    from sqlmodel import Session

    plan = Plan()
    plan.acknowledged, acked = acknowledged_exports(conn, manifest)
    with Session(bind=conn) as session:
        mark = max(acknowledged_mark(session), acked)
    check_references(conn, data, problems, plan)
    plan_reference_sheets(conn, data, problems, plan)
    plan_records(conn, data, mark, plan)
    return plan


def _insert_sql(sheet: Sheet, upsert: bool) -> str:
    """Rows go in as the validated text; SQLite turns whole numbers into integers (CAST), and
    ``local_change`` is NULL because this version came from a package."""
    names = [*sheet.column_names, "local_change"]
    values = ["CAST(? AS INTEGER)" if c.kind in (Kind.WHOLE, Kind.REVISION, Kind.FLAG) else "?" for c in sheet.columns]
    sql = f"INSERT INTO {sheet.name} ({', '.join(names)}) VALUES ({', '.join(values)}, NULL)"
    if upsert:
        sql += " ON CONFLICT(uid) DO UPDATE SET " + ", ".join(f"{n} = excluded.{n}" for n in names if n != "uid")
    return sql


def _write_rows(conn: Connection, sheet: Sheet, rows: list[tuple[str, ...]], upsert: bool, checkpoint) -> None:  # type: ignore[no-untyped-def]
    sql = _insert_sql(sheet, upsert)
    for start in range(0, len(rows), 20_000):
        conn.exec_driver_sql(sql, rows[start : start + 20_000])
        checkpoint()


BULK_THRESHOLD = 500


def apply_plan(
    conn: Connection,
    data: dict[str, SheetData],
    plan: Plan,
    package_id: str,
    progress: Progress,
    cancelled: CancelCheck,
) -> None:
    """Write the plan; the caller owns the transaction, so an exception (or Cancelled) rolls it all back."""

    def checkpoint(fraction: float, message: str) -> None:
        if cancelled():
            raise Cancelled("import cancelled: nothing was applied")
        progress(fraction, message)

    if plan.acknowledged:
        marks = ",".join("?" * len(plan.acknowledged))
        conn.exec_driver_sql(
            f"UPDATE exchange_log SET acknowledged = 1 WHERE direction = 'export' AND package_id IN ({marks})",
            tuple(plan.acknowledged),
        )
    _apply_reference_sheets(conn, data, plan)
    now = utc_now()
    for step, name in enumerate(RECORD_ORDER):
        rec = plan.records.get(name)
        if rec is None:
            continue
        sheet = SHEETS[name]
        fraction = 0.5 + 0.4 * step / len(RECORD_ORDER)

        def tick(fraction: float = fraction, name: str = name) -> None:
            checkpoint(fraction, f"writing {name}")

        tick()
        _write_rows(conn, sheet, rec.writes, True, tick)
        if name == "recommendations" and len(rec.inserts) > BULK_THRESHOLD:
            insert_recommendations_in_bulk(conn, partial(_write_rows, conn, sheet, rec.inserts, False, tick))
        else:
            _write_rows(conn, sheet, rec.inserts, False, tick)
        if rec.applied:
            conn.exec_driver_sql(
                "DELETE FROM conflicts WHERE table_name = ? AND uid = ?", [(name, uid) for uid in rec.applied]
            )
        if rec.conflicts:
            conn.exec_driver_sql(
                "INSERT INTO conflicts (table_name, uid, their_rev, theirs, package_id, received_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(table_name, uid) DO UPDATE SET their_rev = excluded.their_rev,"
                " theirs = excluded.theirs, package_id = excluded.package_id, received_at = excluded.received_at"
                " WHERE excluded.their_rev >= conflicts.their_rev",
                [(t, u, int(r), j, package_id, now) for t, u, r, j in rec.conflicts],
            )
        _replace_children(conn, data, name, rec)
    checkpoint(0.95, "recording the import")


def _replace_children(conn: Connection, data: dict[str, SheetData], name: str, rec: RecordPlan) -> None:
    child = CHILDREN.get(name)
    if child is None or not rec.applied:
        return
    table, column = child
    applied = sorted(rec.applied)
    conn.exec_driver_sql(f"DELETE FROM {table} WHERE {column} = ?", [(uid,) for uid in applied])
    if table in data:
        sheet = SHEETS[table]
        tombstoned = set(rec.tombstoned)
        rows = [r for r in data[table].rows if r[0] in rec.applied and r[0] not in tombstoned]
        if rows:
            names = ", ".join(sheet.column_names)
            conn.exec_driver_sql(
                f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(sheet.column_names))})", rows
            )


def _apply_reference_sheets(conn: Connection, data: dict[str, SheetData], plan: Plan) -> None:
    if plan.new_templates:
        now = utc_now()
        conn.exec_driver_sql(
            "INSERT INTO checklist_templates (template, version, received_at, source) VALUES (?, ?, ?, ?)",
            [(t, v, now, "package") for t, v in plan.new_templates],
        )
        wanted = {(t, str(v)) for t, v in plan.new_templates}
        conn.exec_driver_sql(
            "INSERT INTO checklist_items (template, version, section, code, position, text, guidance) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (r[0], int(r[1]), r[2], r[3], int(r[4]), r[5], r[6])
                for r in data["checklist_items"].rows
                if (r[0], r[1]) in wanted
            ],
        )
    if "sdg_reference" in data:
        conn.exec_driver_sql("DELETE FROM sdg_reference")
        conn.exec_driver_sql(
            "INSERT INTO sdg_reference (code, title_en, title_fr, title_es, title_ar, title_ru, title_zh) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            data["sdg_reference"].rows,
        )
