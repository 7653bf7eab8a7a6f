"""One facet of the recommendations page: its values with their counts, each checkable.

Counts come from ``recommendation_query.facet_counts`` (under every *other* chosen filter, so a count
says how many rows choosing that value would give). A chosen value stays listed, with 0, when the other
filters leave none of it: the user can always see and undo what narrows the table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QObject, Qt, Signal

from ui.models import ROOT, Index
from ui.widgets import number

VALUE_ROLE = Qt.ItemDataRole.UserRole + 20
COUNT_ROLE = Qt.ItemDataRole.UserRole + 21


def not_recorded() -> str:
    return QCoreApplication.translate("Facets", "(not recorded)")


class FacetModel(QAbstractListModel):
    chosenChanged = Signal()
    """The user checked or unchecked a value (not emitted by ``set_chosen``/``clear``)."""

    def __init__(self, facet: str, name: Callable[[str], str] = str, parent: QObject | None = None):
        super().__init__(parent)
        self.facet = facet
        self._name = name
        self._rows: list[tuple[str, int]] = []
        self._chosen: set[str] = set()

    # --- values ----------------------------------------------------------------------------------
    def set_counts(self, rows: list[tuple[str, int]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        present = {value for value, _count in rows}
        self._rows += [(value, 0) for value in sorted(self._chosen - present)]
        self.endResetModel()

    def values(self) -> list[str]:
        return [value for value, _count in self._rows]

    def count_of(self, value: str) -> int | None:
        return next((count for v, count in self._rows if v == value), None)

    def name_of(self, value: str) -> str:
        return self._name(value) if value else not_recorded()

    def chosen(self) -> tuple[str, ...]:
        return tuple(sorted(self._chosen))

    def set_chosen(self, values: tuple[str, ...] | list[str]) -> None:
        self._chosen = set(values)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), [Qt.ItemDataRole.CheckStateRole])

    def clear(self) -> None:
        self.set_chosen(())

    def toggle(self, row: int) -> None:
        """Check or uncheck a value as the user does (emits ``chosenChanged``)."""
        value = self._rows[row][0]
        self._chosen ^= {value}
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.chosenChanged.emit()

    def row_of(self, value: str) -> int:
        return self.values().index(value)

    # --- Qt's model interface --------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value, count = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.name_of(value)
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if value in self._chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.name_of(value)}: {number(count)}"
        if role == VALUE_ROLE:
            return value
        if role == COUNT_ROLE:
            return count
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if checked == (self._rows[index.row()][0] in self._chosen):
            return True
        self.toggle(index.row())
        return True
