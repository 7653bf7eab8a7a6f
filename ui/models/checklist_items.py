"""The checklist as a tree: sections at the top level, their items under them (code, item, status).

Rows come from the checklist service (``set_rows``, a model reset); after an edit ``set_answers`` swaps
the answers in place (the same items, so selection and the current item stay where they are).
An item of a newer template version whose text changed since the previous version and that has no
status yet shows "changed — review" instead of its status.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from tcdesk.services import checklist
from ui import style
from ui.labels import capitalised, term
from ui.models import ROOT, SORT_ROLE, Index

CODE_ROLE = Qt.ItemDataRole.UserRole + 20
"""An item row's code ("" for a section row)."""
STATUS_ROLE = Qt.ItemDataRole.UserRole + 21
"""An item row's status in the core's vocabulary ("not assessed" when unanswered)."""
REVIEW_ROLE = Qt.ItemDataRole.UserRole + 22
"""True for an item whose text changed since the previous version and that has no status yet."""

COL_CODE, COL_TEXT, COL_STATUS = range(3)
_TITLES = (
    QT_TRANSLATE_NOOP("ChecklistItemsModel", "Code"),
    QT_TRANSLATE_NOOP("ChecklistItemsModel", "Item"),
    QT_TRANSLATE_NOOP("ChecklistItemsModel", "Status"),
)
_NO_SECTION = 0xFFFFFFFF  # internalId of section rows; item rows carry their section's number

STATUS_COLOURS = {
    "met": style.GREEN_INK,
    "partly met": style.AMBER_INK,
    "not met": style.RED_INK,
    "not applicable": style.MUTED,
    checklist.NOT_ASSESSED: style.MUTED,
}
STATUS_BACKGROUNDS = {
    "met": style.GREEN_BACKGROUND,
    "partly met": style.AMBER_BACKGROUND,
    "not met": style.RED_BACKGROUND,
}


def status_label(status: str) -> str:
    return capitalised(term(status or checklist.NOT_ASSESSED))


def short_text(text: str, length: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class ChecklistItemsModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._sections: list[tuple[str, list[checklist.Item]]] = []
        self._answers: dict[str, checklist.Answer] = {}
        self._review: set[str] = set()
        self._where: dict[str, tuple[int, int]] = {}

    # --- content ---------------------------------------------------------------------------------
    def set_rows(
        self, items: list[checklist.Item], answers: dict[str, checklist.Answer], review: set[str] | None = None
    ) -> None:
        self.beginResetModel()
        sections: dict[str, list[checklist.Item]] = {}
        for item in items:
            sections.setdefault(item.section, []).append(item)
        self._sections = list(sections.items())
        self._where = {
            item.code: (s, r) for s, (_name, rows) in enumerate(self._sections) for r, item in enumerate(rows)
        }
        self._answers = dict(answers)
        self._review = set(review or ())
        self.endResetModel()

    def set_answers(self, answers: dict[str, checklist.Answer]) -> None:
        self._answers = dict(answers)
        for s, (_name, rows) in enumerate(self._sections):
            self.dataChanged.emit(self.index(s, 0), self.index(s, 2))
            if rows:
                self.dataChanged.emit(
                    self.index(0, 0, self.index(s, 0)), self.index(len(rows) - 1, 2, self.index(s, 0))
                )

    def codes(self) -> list[str]:
        return [item.code for _name, rows in self._sections for item in rows]

    def item(self, code: str) -> checklist.Item | None:
        if code not in self._where:
            return None
        s, r = self._where[code]
        return self._sections[s][1][r]

    def status(self, code: str) -> str:
        answer = self._answers.get(code)
        return (answer.status if answer else "") or checklist.NOT_ASSESSED

    def needs_review(self, code: str) -> bool:
        return code in self._review and self.status(code) == checklist.NOT_ASSESSED

    def index_of(self, code: str, column: int = 0) -> QModelIndex:
        if code not in self._where:
            return QModelIndex()
        s, r = self._where[code]
        return self.index(r, column, self.index(s, 0))

    # --- Qt --------------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_SECTION)
        return self.createIndex(row, column, parent.row())

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _NO_SECTION:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _NO_SECTION)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self._sections)
        if parent.column() != 0 or parent.internalId() != _NO_SECTION:
            return 0
        return len(self._sections[parent.row()][1])

    def columnCount(self, parent: Index = ROOT) -> int:
        return 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 3:
            return None
        return QCoreApplication.translate("ChecklistItemsModel", _TITLES[section])

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _NO_SECTION:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _NO_SECTION:
            return self._section_data(index, role)
        item = self._sections[index.internalId()][1][index.row()]
        status = self.status(item.code)
        review = self.needs_review(item.code)
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if column == COL_CODE:
                return item.code
            if column == COL_TEXT:
                return short_text(item.text)
            if review:
                return QCoreApplication.translate("ChecklistItemsModel", "Changed — review")
            return status_label(status)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TEXT:
            return item.text
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            return QBrush(QColor(style.AMBER_INK if review else STATUS_COLOURS.get(status, style.INK)))
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_STATUS:
            colour = style.AMBER_BACKGROUND if review else STATUS_BACKGROUNDS.get(status)
            return QBrush(QColor(colour)) if colour else None
        if role == CODE_ROLE:
            return item.code
        if role == STATUS_ROLE:
            return status
        if role == REVIEW_ROLE:
            return review
        return None

    def _section_data(self, index: Index, role: int) -> Any:
        name, rows = self._sections[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if index.column() != COL_CODE:
                return None
            done = sum(1 for i in rows if self.status(i.code) != checklist.NOT_ASSESSED)
            return f"{name}   ({done} / {len(rows)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(style.INK if index.column() == COL_CODE else style.MUTED))
        if role == CODE_ROLE:
            return ""
        return None
