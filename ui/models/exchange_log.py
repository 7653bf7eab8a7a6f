"""The exchange log as a table: one row per package imported or exported, newest first.

Rows are plain :class:`LogRow` values made from the log entries ``exchange.exchange_log`` returns (the
counts and notes JSON decoded once), so the view never touches a store object again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, Qt
from PySide6.QtGui import QColor

from ui import style
from ui.exchange_labels import RECORD_SHEETS, kind_name, local_time, outcome_name
from ui.labels import arg
from ui.models import ROOT, SORT_ROLE, Index
from ui.widgets import number

(
    COL_WHEN,
    COL_DIRECTION,
    COL_KIND,
    COL_ORIGIN,
    COL_SEQUENCE,
    COL_RECORDS,
    COL_SIGNATURE,
    COL_ALLOWED,
    COL_DEMO,
    COL_FILE,
) = range(10)
COLUMNS = 10
SUMMARY_OUTCOMES = ("inserted", "updated", "conflicting", "deleted", "stale")


@dataclass(frozen=True)
class LogRow:
    direction: str
    package_id: str
    kind: str
    origin: str
    target: str
    sequence: int
    created_at: str
    processed_at: str
    file_name: str
    signer: str
    trusted: bool
    allowed_untrusted: bool
    demo: bool
    acknowledged: bool
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    signer_label: str = ""

    @classmethod
    def from_entry(cls, entry: Any, key_labels: dict[str, str]) -> LogRow:
        """From an ``ExchangeLogEntry``; ``key_labels`` maps trusted key ids to their labels."""
        try:
            counts = json.loads(entry.counts or "{}")
        except ValueError:
            counts = {}
        try:
            notes = json.loads(entry.notes) if entry.notes else []
        except ValueError:
            notes = [entry.notes]
        return cls(
            entry.direction,
            entry.package_id,
            entry.kind,
            entry.origin,
            entry.target,
            entry.sequence,
            entry.created_at,
            entry.processed_at,
            entry.file_name,
            entry.signer,
            bool(entry.trusted),
            bool(entry.allowed_untrusted),
            bool(entry.demo),
            bool(entry.acknowledged),
            counts if isinstance(counts, dict) else {},
            [str(n) for n in notes] if isinstance(notes, list) else [str(notes)],
            key_labels.get(entry.signer, ""),
        )

    @property
    def is_import(self) -> bool:
        return self.direction == "import"

    def totals(self) -> dict[str, int]:
        """Records (not member or link rows) per outcome, over every record sheet."""
        sums: dict[str, int] = {}
        for sheet in RECORD_SHEETS:
            for outcome, n in self.counts.get(sheet, {}).items():
                sums[outcome] = sums.get(outcome, 0) + n
        return sums


class ExchangeLogModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[LogRow] = []

    def set_rows(self, rows: list[LogRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> LogRow:
        return self._rows[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMNS:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = {
                COL_SEQUENCE: self.tr("The package's sequence number: each sender numbers its packages 1, 2, 3…"),
                COL_ALLOWED: self.tr("An unsigned or untrusted package that was allowed for that one import"),
                COL_DEMO: self.tr("The demo data loaded with tcdesk"),
            }
            return tips.get(section)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("When"),
            self.tr("Direction"),
            self.tr("Kind"),
            self.tr("From"),
            self.tr("No."),
            self.tr("Records"),
            self.tr("Signed by"),
            self.tr("Allowed"),
            self.tr("Demo"),
            self.tr("File"),
        )
        return titles[section] if 0 <= section < COLUMNS else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return row.processed_at if column == COL_WHEN else row.sequence if column == COL_SEQUENCE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_FILE:
                return arg(self.tr("%1\npackage id %2"), row.file_name, row.package_id)
            if column == COL_SIGNATURE and row.signer:
                return arg(self.tr("Key id %1"), row.signer)
            if column == COL_RECORDS:
                return self.records_text(row)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column in (COL_SIGNATURE, COL_ALLOWED):
            warn = row.is_import and not row.trusted and not row.demo
            return QColor(style.RED_INK) if warn else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_SEQUENCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: LogRow, column: int) -> str:
        if column == COL_WHEN:
            return local_time(row.processed_at)
        if column == COL_DIRECTION:
            return self.tr("Import") if row.is_import else self.tr("Export")
        if column == COL_KIND:
            return kind_name(row.kind)
        if column == COL_ORIGIN:
            return row.origin
        if column == COL_SEQUENCE:
            return str(row.sequence)
        if column == COL_FILE:
            return row.file_name
        if column == COL_SIGNATURE:
            return self.signature_text(row)
        if column == COL_ALLOWED:
            return self.tr("Allowed once") if row.allowed_untrusted else ""
        if column == COL_DEMO:
            return self.tr("Demo") if row.demo else ""
        return self.records_text(row)

    def signature_text(self, row: LogRow) -> str:
        """Who signed: the trusted key's label, "Untrusted key", "This office" (exports) or "Unsigned"."""
        if not row.signer:
            return self.tr("Unsigned")
        if not row.is_import:
            return self.tr("This office")
        if row.trusted:
            return row.signer_label or self.tr("Trusted key")
        return self.tr("Untrusted key")

    def records_text(self, row: LogRow) -> str:
        totals = row.totals()
        if not row.is_import:
            exported = totals.get("exported", 0)
            return self.tr("1 record") if exported == 1 else self.tr("%n records", "", exported)
        parts = [f"{number(totals[o])} {outcome_name(o).lower()}" for o in SUMMARY_OUTCOMES if totals.get(o)]
        return " · ".join(parts) if parts else self.tr("nothing changed")
