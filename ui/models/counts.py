"""Per-sheet counts of an import or export (sheet × new / updated / … ), for previews and the log.

The services hand counts as ``{sheet: {outcome: n}}`` (imports) or ``{sheet: {"exported": n}}``
(exports); the columns are whichever outcomes appear, in a fixed order, so one model serves both.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, Qt
from PySide6.QtGui import QColor, QFont

from ui import style
from ui.exchange_labels import OUTCOME_ORDER, SHEET_NAMES, outcome_help, outcome_name, sheet_name
from ui.models import ROOT, SORT_ROLE, Index
from ui.widgets import number

COL_SHEET = 0
_SHEET_ORDER = {name: position for position, name in enumerate(SHEET_NAMES)}
_ATTENTION = {"conflicting", "stale"}


class CountsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._sheets: list[str] = []
        self._outcomes: list[str] = []
        self._counts: dict[str, dict[str, int]] = {}

    def set_counts(self, counts: dict[str, dict[str, int]]) -> None:
        self.beginResetModel()
        self._counts = {sheet: dict(values) for sheet, values in counts.items()}
        self._sheets = sorted(self._counts, key=lambda s: (_SHEET_ORDER.get(s, len(_SHEET_ORDER)), s))
        present = {outcome for values in self._counts.values() for outcome in values}
        self._outcomes = [o for o in OUTCOME_ORDER if o in present] + sorted(present - set(OUTCOME_ORDER))
        self.endResetModel()

    def outcomes(self) -> list[str]:
        return list(self._outcomes)

    def sheets(self) -> list[str]:
        return list(self._sheets)

    def count(self, sheet: str, outcome: str) -> int:
        return self._counts.get(sheet, {}).get(outcome, 0)

    def column_of(self, outcome: str) -> int:
        return self._outcomes.index(outcome) + 1

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._sheets)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._outcomes) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        sheet = self._sheets[index.row()]
        if index.column() == COL_SHEET:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return sheet_name(sheet)
            return None
        outcome = self._outcomes[index.column() - 1]
        value = self.count(sheet, outcome)
        if role == Qt.ItemDataRole.DisplayRole:
            return number(value)
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if value == 0:
                return QColor(style.MUTED)
            return QColor(style.RED_INK) if outcome in _ATTENTION else None
        if role == Qt.ItemDataRole.FontRole and value and outcome in _ATTENTION:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        outcome = self._outcomes[section - 1] if section else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Sheet") if section == COL_SHEET else outcome_name(outcome)
        if role == Qt.ItemDataRole.ToolTipRole and section:
            return outcome_help(outcome)
        if role == Qt.ItemDataRole.TextAlignmentRole and section:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
