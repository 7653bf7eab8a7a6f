"""Use cases of the exchange with HQ: preview a package, import it, export one, read the log.

Data flow (ARCHITECTURE.md): read → validate → verify → plan → (backup) → apply in one transaction →
exchange log. A preview runs the same steps up to the plan inside a transaction that is rolled back, so
what the user confirms is exactly what the import will do.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from tcdesk.clock import utc_now
from tcdesk.domain.vocabulary import HQ_OFFICE
from tcdesk.services import settings, trust
from tcdesk.services.sync_state import acknowledged_mark
from tcdesk.store.backup import backup_database
from tcdesk.store.db import Store
from tcdesk.store.models import ExchangeLogEntry
from tcdesk.sync import merge, package_out
from tcdesk.sync.errors import PackageRefused
from tcdesk.sync.package_in import TRUSTED, UNSIGNED, LoadedPackage, load_package, peek_manifest

Progress = Callable[[float, str], None]
EXPORT_SEQUENCE = "export_sequence"
BULK_CHANGE = 1000  # records added or removed by one import above which planner statistics are rebuilt


def _quiet(_fraction: float, _message: str) -> None:
    pass


def _never() -> bool:
    return False


@dataclass
class ImportOutcome:
    """What a preview found or an import did; ``refused`` holds the reason when it cannot proceed."""

    file_name: str
    package_id: str = ""
    kind: str = ""
    origin: str = ""
    target: str = ""
    sequence: int = 0
    created_at: str = ""
    signer: str = ""
    signer_label: str = ""
    trust: str = UNSIGNED
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    total_problems: int = 0
    refused: str = ""
    already_imported_at: str = ""
    allowed_untrusted: bool = False
    applied: bool = False

    @property
    def needs_permission(self) -> bool:
        return self.trust != TRUSTED and not self.refused

    def report(self) -> str:
        if self.refused:
            lines = [self.refused, *(f"  {p}" for p in self.problems)]
            if self.total_problems > len(self.problems):
                lines.append(f"  … and {self.total_problems - len(self.problems)} more problems")
            return "\n".join(lines)
        if self.already_imported_at:
            return f"{self.file_name}: already imported on {self.already_imported_at}; nothing changed"
        verb = "imported" if self.applied else "would import"
        lines = [
            f"{self.file_name}: {verb} {self.kind} {self.package_id} from {self.origin} "
            f"(sequence {self.sequence}, signer: {self.trust}{' ' + self.signer if self.signer else ''})"
        ]
        for sheet, counts in self.counts.items():
            shown = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
            lines.append(f"  {sheet}: {shown or 'nothing'}")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


def _describe_raw(outcome: ImportOutcome, values: dict[str, str]) -> None:
    outcome.package_id, outcome.kind = values.get("package_id", ""), values.get("kind", "")
    outcome.origin, outcome.target = values.get("origin", ""), values.get("target", "")
    outcome.created_at, outcome.signer = values.get("created_at", ""), values.get("signer", "")
    sequence = values.get("sequence", "").strip()
    outcome.sequence = int(sequence) if sequence.isdigit() else 0


def _describe(outcome: ImportOutcome, loaded: LoadedPackage) -> None:
    m = loaded.manifest
    outcome.package_id, outcome.kind, outcome.origin, outcome.target = (
        m.package_id,
        m.kind,
        m.origin,
        m.target,
    )
    outcome.sequence, outcome.created_at, outcome.signer = m.sequence, m.created_at, m.signer
    outcome.trust, outcome.signer_label = loaded.trust, loaded.signer_label
    outcome.notes = list(loaded.notes)


def _sequence_note(session: Session, origin: str, sequence: int) -> str:
    last = session.exec(
        select(ExchangeLogEntry.sequence)
        .where(ExchangeLogEntry.direction == "import", ExchangeLogEntry.origin == origin)
        .order_by(col(ExchangeLogEntry.sequence).desc())
    ).first()
    if last is None:
        return ""
    if sequence <= last:
        return f"sequence {sequence} from {origin} is not newer than {last}, already received: applied record by record"
    if sequence > last + 1:
        return f"packages {last + 1} to {sequence - 1} from {origin} have not arrived yet"
    return ""


def _already_imported(session: Session, package_id: str) -> str:
    row = session.exec(
        select(ExchangeLogEntry.processed_at).where(
            ExchangeLogEntry.direction == "import", ExchangeLogEntry.package_id == package_id
        )
    ).first()
    return row or ""


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """An import builds millions of short-lived tuples and lists with no reference cycles; the cyclic
    collector scanning them again and again cost about 0.5 s per 100,000 rows (bench/exchange_bench.py)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_import(
    store: Store,
    path: Path,
    *,
    apply: bool,
    allow_untrusted: bool = False,
    demo: bool = False,
    progress: Progress = _quiet,
    cancelled: Callable[[], bool] = _never,
) -> ImportOutcome:
    """Preview (``apply=False``) or import a package. Never raises for a bad package: see ``refused``."""
    with _no_cyclic_gc():
        return _run_import(store, path, apply, allow_untrusted, demo, progress, cancelled)


def _run_import(
    store: Store,
    path: Path,
    apply: bool,
    allow_untrusted: bool,
    demo: bool,
    progress: Progress,
    cancelled: Callable[[], bool],
) -> ImportOutcome:
    outcome = ImportOutcome(file_name=path.name)
    try:
        progress(0.02, "checking the file")
        values, container = peek_manifest(path)
        with store.session() as session:
            outcome.already_imported_at = _already_imported(session, values.get("package_id", "").strip())
        if outcome.already_imported_at:
            _describe_raw(outcome, values)
            return outcome
        loaded = load_package(path, trust.trusted_key_material(store), progress, cancelled, container)
    except PackageRefused as exc:
        outcome.refused, outcome.problems, outcome.total_problems = exc.summary, exc.problems, exc.total
        return outcome
    _describe(outcome, loaded)
    with store.session() as session:
        outcome.already_imported_at = _already_imported(session, loaded.manifest.package_id)
        note = _sequence_note(session, loaded.manifest.origin, loaded.manifest.sequence)
        office = settings.read(session, settings.OFFICE)
    if note:
        outcome.notes.append(note)
    if loaded.manifest.target not in ("*", "", office):
        outcome.notes.append(f"the package is addressed to {loaded.manifest.target}, not to this office ({office})")
    if outcome.already_imported_at:
        return outcome
    if apply and outcome.needs_permission and not allow_untrusted:
        outcome.refused = (
            f"{path.name} was refused: it is {loaded.trust}"
            + (
                f" (signed by key {loaded.manifest.signer}, which is not in the trusted list)"
                if loaded.manifest.signer
                else ""
            )
            + ". Import it only if you know where it comes from, allowing it explicitly for this import."
        )
        return outcome
    if apply and loaded.problems.total == 0 and _store_has_records(store):
        backup_database(store.path, store.data_dir.backups, "before-import")
    with store.engine.connect() as conn:
        transaction = conn.begin()
        try:
            plan = merge.make_plan(conn, loaded.data, loaded.manifest, loaded.problems)
            outcome.counts = plan.counts_json()
            outcome.notes += plan.notes
            if loaded.problems.total:
                outcome.refused = (
                    f"{path.name} was refused: {loaded.problems.total} problem"
                    f"{'s' if loaded.problems.total > 1 else ''} found; nothing was imported"
                )
                outcome.problems, outcome.total_problems = loaded.problems.lines, loaded.problems.total
                transaction.rollback()
                return outcome
            if not apply:
                transaction.rollback()
                return outcome
            progress(0.5, "applying")
            merge.apply_plan(conn, loaded.data, plan, loaded.manifest.package_id, progress, cancelled)
            _log_import(conn, loaded, plan, outcome, allow_untrusted and outcome.needs_permission, demo)
            transaction.commit()
        except BaseException:
            transaction.rollback()
            raise
    outcome.applied = True
    changed = sum(c.get("inserted", 0) + c.get("deleted", 0) for c in outcome.counts.values())
    store.optimize(after_bulk_change=changed > BULK_CHANGE)
    outcome.allowed_untrusted = allow_untrusted and outcome.needs_permission
    progress(1.0, "done")
    return outcome


def _store_has_records(store: Store) -> bool:
    with store.engine.connect() as conn:
        return any(conn.exec_driver_sql(f"SELECT 1 FROM {t} LIMIT 1").first() for t in merge.RECORD_ORDER)


def _log_import(
    conn,
    loaded: LoadedPackage,
    plan: merge.Plan,
    outcome: ImportOutcome,  # type: ignore[no-untyped-def]
    allowed_untrusted: bool,
    demo: bool,
) -> None:
    m = loaded.manifest
    conn.exec_driver_sql(
        "INSERT INTO exchange_log (direction, package_id, kind, origin, target, sequence, created_at, processed_at,"
        " file_name, signer, trusted, allowed_untrusted, demo, change_mark, acknowledged, counts, notes)"
        " VALUES ('import', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?)",
        (
            m.package_id,
            m.kind,
            m.origin,
            m.target,
            m.sequence,
            m.created_at,
            utc_now(),
            loaded.path.name,
            m.signer,
            1 if loaded.trust == TRUSTED else 0,
            1 if allowed_untrusted else 0,
            1 if demo else 0,
            json.dumps(plan.counts_json()),
            json.dumps(outcome.notes, ensure_ascii=False),
        ),
    )


def preview_package(store: Store, path: Path, **kwargs) -> ImportOutcome:  # type: ignore[no-untyped-def]
    return run_import(store, path, apply=False, **kwargs)


def import_package(store: Store, path: Path, **kwargs) -> ImportOutcome:  # type: ignore[no-untyped-def]
    return run_import(store, path, apply=True, **kwargs)


@dataclass
class ExportSummary:
    path: Path
    package_id: str
    kind: str
    sequence: int
    rows: dict[str, int]
    signed: bool
    acknowledges: list[str]


def export_package(store: Store, path: Path, *, full: bool = False, progress: Progress = _quiet) -> ExportSummary:
    office = settings.office_code(store)
    if not office:
        raise PackageRefused("set this installation's office code first (tcdesk office CODE)")
    hq = office == HQ_OFFICE
    kind = "hq-update" if hq else "field-return"
    progress(0.05, "collecting records")
    with store.session() as session:
        mark = acknowledged_mark(session)
        counter = int(settings.read(session, settings.CHANGE_COUNTER, "0"))
        sequence = int(settings.read(session, EXPORT_SEQUENCE, "0")) + 1
        acks = _unacknowledged_returns(session) if hq else []
        demo_country = settings.read(session, settings.DEMO_COUNTRY)
    selection = package_out.Selection(
        full=full or hq, after_mark=mark, with_base_rev=not hq, exclude_country=demo_country
    )
    with store.engine.connect() as conn:
        out = package_out.collect(conn, selection, hq)
    values = package_out.manifest_values(
        out,
        kind=kind,
        origin=office,
        target="*" if hq else HQ_OFFICE,
        created_at=utc_now(),
        sequence=sequence,
        acknowledges=acks,
    )
    progress(0.4, "writing the workbook")
    sign = trust.signer(store)
    values = package_out.write_package(path, values, out, sign)
    with store.transaction() as session:
        settings.write(session, EXPORT_SEQUENCE, str(sequence))
        session.add(
            ExchangeLogEntry(
                direction="export",
                package_id=values["package_id"],
                kind=kind,
                origin=office,
                target=values["target"],
                sequence=sequence,
                created_at=values["created_at"],
                processed_at=utc_now(),
                file_name=path.name,
                signer=values.get("signer", ""),
                trusted=sign is not None,
                change_mark=None if hq else counter,
                counts=json.dumps({name: {"exported": out.rows(name)} for name in out.sheets}),
            )
        )
        if acks:
            for entry in session.exec(select(ExchangeLogEntry).where(col(ExchangeLogEntry.package_id).in_(acks))):
                entry.acknowledged = True
                session.add(entry)
    progress(1.0, "done")
    return ExportSummary(
        path,
        values["package_id"],
        kind,
        sequence,
        {n: out.rows(n) for n in out.sheets},
        sign is not None,
        acks,
    )


def _unacknowledged_returns(session: Session) -> list[str]:
    rows = session.exec(
        select(ExchangeLogEntry.package_id)
        .where(
            ExchangeLogEntry.direction == "import",
            ExchangeLogEntry.kind == "field-return",
            col(ExchangeLogEntry.acknowledged).is_(False),
        )
        .order_by(ExchangeLogEntry.id)
    )
    return list(rows)


def exchange_log(store: Store, limit: int = 500) -> list[ExchangeLogEntry]:
    with store.session() as session:
        return list(session.exec(select(ExchangeLogEntry).order_by(col(ExchangeLogEntry.id).desc()).limit(limit)))
