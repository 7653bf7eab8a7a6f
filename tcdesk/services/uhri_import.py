"""Use cases of a UHRI import: preview an export, import it (docs/uhri-import.md).

Flow: detect by content → read and map every row (``tcdesk.uhri.importer``) → plan against the store
(new / updated / unchanged / deleted here) → (backup) → write in ONE transaction → exchange log entry.
A preview runs the same steps up to the plan and writes nothing, so what the user confirms is what the
import does.

- New recommendations are local records: every value checked with the contract's validators and row rules
  (as ``records.create_in`` does), then ``records.stamp`` makes them rev 1, base_rev 0, attributed to this
  office and marked as changes to send, so the next field return carries them to HQ. (``create_in`` itself
  is not called: its per-record existence query is what the plan has already answered for every row at once.)
- A recommendation already in the store (same uid, see ``tcdesk.uhri.mapping``) gets only the columns UHRI
  owns (``importer.UHRI_COLUMNS``) through ``records.update_in``, and a new revision only when one of them
  changed. Implementation status, notes, paragraph, country and cluster memberships are never touched; an
  empty UHRI value never erases a stored one except in the text and the tag lists (themes, affected
  persons, SDG targets), which UHRI owns whole. A recommendation deleted in this store stays deleted.
- **Nothing half-imported.** Rows that cannot be used are listed (``row N column: reason``); the import
  refuses the whole file while there are any, unless the user explicitly asks to import the usable rows
  only (``skip_unusable=True``, ``--skip-unusable``). Whatever is written is written in one transaction:
  a refused value, an error, a cancellation or a killed process leaves the store as it was.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from tcdesk.clock import utc_now
from tcdesk.domain.schema import RECOMMENDATIONS
from tcdesk.domain.validation import InvalidValue, normalize, row_problems
from tcdesk.services import records, settings
from tcdesk.services.exchange import BULK_CHANGE
from tcdesk.store.backup import backup_database
from tcdesk.store.db import Store
from tcdesk.store.models import ExchangeLogEntry, Recommendation, Setting
from tcdesk.sync.errors import MAX_LISTED, Cancelled, PackageRefused
from tcdesk.uhri.detect import PACKAGE, UHRI_KINDS, sniff
from tcdesk.uhri.importer import KEEP_WHEN_EMPTY, UHRI_COLUMNS, MappedRow, UhriBatch, read_uhri

Progress = Callable[[float, str], None]
TABLE = "recommendations"
_CHUNK = 500  # uids per IN (...) query; SQLite allows more, this keeps every statement small
_CHECK_EVERY = 250  # rows between two looks at ``cancelled``
# The progress messages, for the GUI to translate ("writing recommendations" follows "writing <sheet>").
PROGRESS_MESSAGES = (
    "checking the file",
    "reading the export",
    "comparing with the store",
    "writing recommendations",
    "done",
)


def _quiet(_fraction: float, _message: str) -> None:
    pass


def _never() -> bool:
    return False


@dataclass
class UhriOutcome:
    """What a preview found or an import did; ``refused`` holds the reason when it cannot proceed."""

    file_name: str
    kind: str = ""
    source_rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    unusable: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # reason → rows, not errors
    changed_columns: dict[str, int] = field(default_factory=dict)  # column → updated recommendations
    countries: dict[str, int] = field(default_factory=dict)  # ISO3 → recommendations in the file
    problems: list[str] = field(default_factory=list)  # the first MAX_LISTED unusable-row problems
    total_problems: int = 0
    notes: list[str] = field(default_factory=list)
    refused: str = ""
    applied: bool = False
    skip_unusable: bool = False
    office_missing: bool = False

    @property
    def writes(self) -> int:
        return self.new + self.updated

    def report(self) -> str:
        if self.refused:
            lines = [self.refused, *(f"  {p}" for p in self.problems)]
            if self.total_problems > len(self.problems):
                lines.append(f"  … and {self.total_problems - len(self.problems)} more problems")
            lines += [f"  note: {n}" for n in self.notes]
            return "\n".join(lines)
        kind = {"uhri-xlsx": "UHRI Excel export", "uhri-json": "UHRI JSON export"}.get(self.kind, self.kind)
        if self.applied and not self.writes:
            lines = [f"{self.file_name}: {kind}, {self.source_rows} rows; nothing changed"]
        else:
            verb = "imported" if self.applied else "would import"
            lines = [f"{self.file_name}: {kind}, {self.source_rows} rows; {verb}:"]
        lines.append(f"  recommendations: {self.new} new, {self.updated} updated, {self.unchanged} unchanged")
        if self.changed_columns:
            shown = ", ".join(f"{name} {n}" for name, n in sorted(self.changed_columns.items()))
            lines.append(f"  updated columns: {shown}")
        if self.countries:
            lines.append("  countries: " + ", ".join(f"{c} {n}" for c, n in sorted(self.countries.items())))
        for reason, n in self.skipped.items():
            lines.append(f"  skipped: {n} {reason}")
        if self.unusable:
            if self.applied:
                lines.append(f"  {self.unusable} unusable rows were left out (--skip-unusable):")
            else:
                lines.append(
                    f"  {self.unusable} rows cannot be imported; the import refuses the file until they are "
                    "fixed, or imports the other rows with --skip-unusable:"
                )
            lines += [f"    {p}" for p in self.problems]
            if self.total_problems > len(self.problems):
                lines.append(f"    … and {self.total_problems - len(self.problems)} more problems")
        lines += [f"  note: {n}" for n in self.notes]
        if self.office_missing and not self.applied:
            lines.append("  note: set this installation's office code before importing (tcdesk office CODE)")
        return "\n".join(lines)


@dataclass
class _Step:
    row: MappedRow
    uid: str
    new: bool
    values: dict[str, str]  # a new record's every content column, or an existing one's changed columns


@dataclass
class _Plan:
    steps: list[_Step] = field(default_factory=list)
    unchanged: int = 0
    deleted_here: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def new(self) -> int:
        return sum(1 for step in self.steps if step.new)


def preview_uhri(
    store: Store,
    path: Path,
    *,
    countries: Iterable[str] | None = None,
    progress: Progress = _quiet,
    cancelled: Callable[[], bool] = _never,
) -> UhriOutcome:
    """What importing ``path`` would do; writes nothing. Never raises for a bad file: see ``refused``."""
    return _run(
        store, Path(path), apply=False, skip_unusable=False, countries=countries, progress=progress, cancelled=cancelled
    )


def import_uhri(
    store: Store,
    path: Path,
    *,
    skip_unusable: bool = False,
    countries: Iterable[str] | None = None,
    progress: Progress = _quiet,
    cancelled: Callable[[], bool] = _never,
) -> UhriOutcome:
    """Import ``path`` in one transaction, or refuse it whole. Raises Cancelled (nothing written) when cancelled."""
    return _run(
        store,
        Path(path),
        apply=True,
        skip_unusable=skip_unusable,
        countries=countries,
        progress=progress,
        cancelled=cancelled,
    )


def _run(
    store: Store,
    path: Path,
    *,
    apply: bool,
    skip_unusable: bool,
    countries: Iterable[str] | None,
    progress: Progress,
    cancelled: Callable[[], bool],
) -> UhriOutcome:
    outcome = UhriOutcome(file_name=path.name, skip_unusable=skip_unusable)
    progress(0.02, "checking the file")
    try:
        sniffed = sniff(path)
        if sniffed.kind not in UHRI_KINDS:
            what = "a tcdesk package: import it as a package" if sniffed.kind == PACKAGE else "not a UHRI export"
            raise PackageRefused(f"{path.name} was refused: it is {what}")
        progress(0.1, "reading the export")
        batch = read_uhri(path, sniffed.kind, countries=countries, sniffed=sniffed)
    except PackageRefused as exc:
        outcome.refused, outcome.problems, outcome.total_problems = exc.summary, exc.problems, exc.total
        return outcome
    _check(cancelled)
    _describe(outcome, batch)
    office = settings.office_code(store)
    outcome.office_missing = not office
    if apply and not office:
        outcome.refused = (
            f"{path.name} was refused: this installation has no office code yet, and imported recommendations "
            "are attributed to it. Set it first (tcdesk office CODE); nothing was imported."
        )
        return outcome
    progress(0.3, "comparing with the store")
    if not apply:
        with store.session() as session:
            plan = _plan(session, batch.rows, cancelled)
        _count(outcome, plan)
        progress(1.0, "done")
        return outcome
    if outcome.unusable and not skip_unusable:
        outcome.refused = (
            f"{path.name} was refused: {outcome.unusable} row{'s' if outcome.unusable > 1 else ''} cannot be "
            "imported (listed below); nothing was imported. Correct the export, or import the usable rows only "
            "(--skip-unusable)."
        )
        return outcome
    with store.session() as session:  # a first look, so that an import that changes nothing writes nothing
        plan = _plan(session, batch.rows, cancelled)
    if not plan.steps:
        _count(outcome, plan)
        outcome.applied = True
        progress(1.0, "done")
        return outcome
    if _store_has_records(store):
        backup_database(store.path, store.data_dir.backups, "before-uhri-import")
    try:
        with store.transaction() as session:
            plan = _plan(session, batch.rows, cancelled)
            _count(outcome, plan)
            progress(0.5, "writing recommendations")
            _apply(session, plan, progress, cancelled)
            _log(session, outcome, batch)
    except _RowRefused as exc:
        outcome.refused = f"{path.name} was refused: {exc}; nothing was imported"
        outcome.new = outcome.updated = outcome.unchanged = 0
        outcome.changed_columns, outcome.problems, outcome.total_problems = {}, [], 0
        return outcome
    outcome.applied = True
    store.optimize(after_bulk_change=outcome.new > BULK_CHANGE)
    progress(1.0, "done")
    return outcome


def _describe(outcome: UhriOutcome, batch: UhriBatch) -> None:
    outcome.kind, outcome.source_rows, outcome.unusable = batch.kind, batch.source_rows, batch.unusable
    outcome.skipped = dict(batch.skipped)
    outcome.countries = dict(batch.countries)
    outcome.problems = [str(p) for p in batch.problems[:MAX_LISTED]]
    outcome.total_problems = len(batch.problems)
    outcome.notes = list(batch.notes)


def _count(outcome: UhriOutcome, plan: _Plan) -> None:
    outcome.new = plan.new
    outcome.updated = len(plan.steps) - outcome.new
    outcome.unchanged = plan.unchanged
    columns: Counter[str] = Counter()
    for step in plan.steps:
        if not step.new:
            columns.update(step.values.keys())
    outcome.changed_columns = dict(columns)
    if plan.deleted_here:
        outcome.skipped["recommendations deleted in this store (left deleted)"] = plan.deleted_here
    if plan.problems:
        outcome.notes += plan.problems


def _check(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise Cancelled("the UHRI import was cancelled; nothing was imported")


_STORED = (
    Recommendation.uid,
    Recommendation.country,
    Recommendation.deleted,
    *(getattr(Recommendation, name) for name in UHRI_COLUMNS),
)


def _stored(session: Session, rows: list[MappedRow]) -> dict[str, tuple]:
    """uid → (country, deleted, *UHRI_COLUMNS) of every stored recommendation any row may match, in a few
    queries (plain rows, not ORM objects: a plan of 10,000 rows must stay cheap)."""
    wanted = sorted({uid for row in rows for uid in row.candidates})
    found: dict[str, tuple] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        for uid, *values in session.exec(select(*_STORED).where(col(Recommendation.uid).in_(chunk))):
            found[uid] = tuple(values)
    return found


def _match(row: MappedRow, stored: dict[str, tuple]) -> str | None:
    """The uid of the stored recommendation of this annotation for this country, under either uid form."""
    for uid in row.candidates:
        found = stored.get(uid)
        if found is not None and (found[0] == row.country or (found[1] and not found[0])):
            return uid
    return None


def _plan(session: Session, rows: list[MappedRow], cancelled: Callable[[], bool]) -> _Plan:
    plan = _Plan()
    stored = _stored(session, rows)
    taken = set(stored)
    for index, row in enumerate(rows):
        if index % _CHECK_EVERY == 0:
            _check(cancelled)
        uid = _match(row, stored)
        if uid is None:
            uid = next((u for u in row.candidates if u not in taken), None)
            if uid is None:
                plan.problems.append(f"{row.where}: no free uid for {row.annotation_id} in {row.country}; skipped")
                continue
            taken.add(uid)
            values = {"country": row.country, **row.values, "paragraph": row.paragraph}
            plan.steps.append(_Step(row, uid, True, values))
            continue
        _country, deleted, *current = stored[uid]
        if deleted:
            plan.deleted_here += 1
            continue
        changes = {
            name: new
            for name, now in zip(UHRI_COLUMNS, current, strict=True)
            if (new := row.values[name]) != (now or "") and not (name in KEEP_WHEN_EMPTY and new == "")
        }
        if changes:
            plan.steps.append(_Step(row, uid, False, changes))
        else:
            plan.unchanged += 1
    return plan


class _RowRefused(Exception):
    pass


def _new_record(session: Session, step: _Step) -> None:
    """A new local recommendation: every value checked by the contract's validators and row rules, as the
    edit path does, then stamped by ``records.stamp`` (rev 1, base_rev 0, this office, a change to send).
    The plan has already made sure the uid is free, so the edit path's per-record existence query is saved."""
    problems: list[str] = []
    clean: dict[str, str] = {}
    for column in RECOMMENDATIONS.content_columns:
        try:
            clean[column.name] = normalize(column, step.values.get(column.name, ""))
        except InvalidValue as exc:
            problems.append(f"{column.name}: {exc}")
    problems += [f"{name}: {problem}" for name, problem in row_problems(RECOMMENDATIONS, clean, check_meta=False)]
    if problems:
        raise _RowRefused(f"{step.row.where} ({step.row.country}): {'; '.join(problems)}")
    record = Recommendation(uid=step.uid, rev=0, base_rev=0, **clean)
    records.stamp(session, record, TABLE)


def _apply(session: Session, plan: _Plan, progress: Progress, cancelled: Callable[[], bool]) -> None:
    # The change counter is created (if need be) and flushed first, and the office setting and the records
    # to update are loaded up front and held (SQLAlchemy's identity map keeps only referenced objects): with
    # autoflush off, the loop then costs no query but the conflict look-up inside ``records.stamp``, and
    # every row is flushed in a few batched statements at the end.
    settings.write(session, settings.CHANGE_COUNTER, settings.read(session, settings.CHANGE_COUNTER, "0"))
    session.flush()
    held: list[object] = [session.get(Setting, settings.OFFICE)]
    updates = [step.uid for step in plan.steps if not step.new]
    for start in range(0, len(updates), _CHUNK):
        held += session.exec(select(Recommendation).where(col(Recommendation.uid).in_(updates[start : start + _CHUNK])))
    total = max(len(plan.steps), 1)
    with session.no_autoflush:
        for index, step in enumerate(plan.steps):
            if index % _CHECK_EVERY == 0:
                _check(cancelled)
                progress(0.5 + 0.45 * index / total, "writing recommendations")
            if step.new:
                _new_record(session, step)
                continue
            try:
                records.update_in(session, TABLE, step.uid, step.values)
            except records.EditRefused as exc:
                raise _RowRefused(f"{step.row.where} ({step.row.country}): {exc}") from None
    progress(0.95, "writing recommendations")
    session.flush()
    held.clear()


def _store_has_records(store: Store) -> bool:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT 1 FROM recommendations LIMIT 1").first() is not None


def _log(session: Session, outcome: UhriOutcome, batch: UhriBatch) -> None:
    counts = {
        TABLE: {
            "inserted": outcome.new,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "skipped": sum(outcome.skipped.values()),
            "unusable": outcome.unusable,
        }
    }
    session.add(
        ExchangeLogEntry(
            direction="import",
            kind=batch.kind,
            processed_at=utc_now(),
            file_name=batch.path.name,
            counts=json.dumps(counts),
            notes=json.dumps(outcome.notes, ensure_ascii=False),
        )
    )
