"""The trusted public keys as a table: label, key id, when it was added, and which one is this office's."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, Qt
from PySide6.QtGui import QFont

from tcdesk.services.trust import TrustedKeyInfo
from ui.exchange_labels import local_time
from ui.models import ROOT, SORT_ROLE, Index

COL_LABEL, COL_KEY_ID, COL_ADDED, COL_OWN = range(4)


class TrustedKeysModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._keys: list[TrustedKeyInfo] = []

    def set_rows(self, keys: list[TrustedKeyInfo]) -> None:
        self.beginResetModel()
        self._keys = list(keys)
        self.endResetModel()

    def key_at(self, row: int) -> TrustedKeyInfo:
        return self._keys[row]

    def key_ids(self) -> list[str]:
        return [k.key_id for k in self._keys]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Label"), self.tr("Key id"), self.tr("Trusted since"), self.tr("Whose"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key, column = self._keys[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if column == COL_LABEL:
                return key.label or self.tr("(no label)")
            if column == COL_KEY_ID:
                return key.key_id
            if column == COL_ADDED:
                return local_time(key.added_at) if role == Qt.ItemDataRole.DisplayRole else key.added_at
            return self.tr("This office") if key.is_own else ""
        if role == Qt.ItemDataRole.FontRole and column == COL_KEY_ID:
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            return font
        return None
