"""Open conflicts: the list of records in conflict, and one record's two versions side by side.

``ConflictFieldsModel`` has one row per content column (plus one for members or links when those
differ, and one when only one side deleted the record): field | this desk | theirs | use theirs. Rows
whose values differ come first and are tinted, and only they carry a "use theirs" check box; ``chosen()`` gives the
column names to pass to ``conflicts.resolve(..., 'fields', take_theirs_for=...)``, with ``_children``
for members or links, the name the service expects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from tcdesk.domain.schema import SHEETS
from tcdesk.services.conflicts import ConflictView
from ui import style
from ui.exchange_labels import column_name, local_time
from ui.models import ROOT, SORT_ROLE, Index

CHILDREN = "_children"
DELETED = "deleted"
EXCERPT = 160


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Conflicts", text, None, n)


def record_kind(table: str) -> str:
    names = {
        "countries": _tr("Country"),
        "recommendations": _tr("Recommendation"),
        "clusters": _tr("Cluster"),
        "projects": _tr("Project"),
        "assessments": _tr("Checklist assessment"),
    }
    return names.get(table, table)


def record_title(view: ConflictView) -> str:
    """What a user recognises the record by: its text, title, name or checklist code (mine, else theirs)."""
    side = view.mine or view.theirs
    key = {"recommendations": "text", "countries": "name", "assessments": "code"}.get(view.table, "title")
    text = " ".join((side.get(key) or side.get("uid", "")).split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


class ConflictListModel(QAbstractTableModel):
    COL_KIND, COL_RECORD, COL_COUNTRY, COL_MINE, COL_THEIRS, COL_RECEIVED = range(6)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._views: list[ConflictView] = []

    def set_rows(self, views: list[ConflictView]) -> None:
        self.beginResetModel()
        self._views = list(views)
        self.endResetModel()

    def view_at(self, row: int) -> ConflictView:
        return self._views[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._views)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Kind"),
            self.tr("Record"),
            self.tr("Country"),
            self.tr("Revision here"),
            self.tr("Their revision"),
            self.tr("Received"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        view, column = self._views[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            values = (
                record_kind(view.table),
                record_title(view),
                (view.mine or view.theirs).get("country") or (view.mine or view.theirs).get("iso3", ""),
                view.mine.get("rev", ""),
                str(view.their_rev),
                local_time(view.received_at),
            )
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_RECORD:
            side = view.mine or view.theirs
            return side.get("text") or side.get("title") or side.get("name") or view.uid
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.COL_MINE, self.COL_THEIRS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


@dataclass
class FieldRow:
    key: str  # column name, CHILDREN or DELETED
    title: str
    mine: str
    theirs: str
    differs: bool
    choosable: bool


class ConflictFieldsModel(QAbstractTableModel):
    COL_FIELD, COL_MINE, COL_THEIRS, COL_TAKE = range(4)
    choicesChanged = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[FieldRow] = []
        self._chosen: set[str] = set()
        self._mine_title = self.tr("This desk")
        self._theirs_title = self.tr("Theirs")

    def set_view(self, view: ConflictView | None, mine_title: str = "", theirs_title: str = "") -> None:
        self.beginResetModel()
        self._rows = self._make_rows(view) if view else []
        self._chosen = set()
        self._mine_title = mine_title or self.tr("This desk")
        self._theirs_title = theirs_title or self.tr("Theirs")
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self.choicesChanged.emit()

    def _make_rows(self, view: ConflictView) -> list[FieldRow]:
        rows: list[FieldRow] = []
        mine_deleted, theirs_deleted = view.mine.get(DELETED) == "1", view.theirs.get(DELETED) == "1"
        if mine_deleted != theirs_deleted:  # taken only as a whole version: "Take theirs" / "Keep mine"
            rows.append(
                FieldRow(
                    DELETED, column_name(DELETED), self._yes_no(mine_deleted), self._yes_no(theirs_deleted), True, False
                )
            )
        differing = set(view.differing)
        same: list[FieldRow] = []
        for column in SHEETS[view.table].content_columns:
            name = column.name
            mine, theirs = view.mine.get(name, ""), view.theirs.get(name, "")
            row = FieldRow(name, column_name(name), mine, theirs, name in differing, name in differing)
            (rows if row.differs else same).append(row)
        if view.children_differ:
            rows.append(self._children_row(view))
        return rows + same  # what differs first, then the rest for context, each in the contract's order

    def _yes_no(self, value: bool) -> str:
        return self.tr("Yes") if value else self.tr("No")

    def _children_row(self, view: ConflictView) -> FieldRow:
        mine = {tuple(c) for c in view.my_children}
        theirs = {tuple(c) for c in view.their_children}
        if view.table == "clusters":
            title = self.tr("Member recommendations")
        else:
            title = self.tr("Linked recommendations and clusters")
        only_theirs, only_mine = len(theirs - mine), len(mine - theirs)
        theirs_text = "\n".join(
            (
                self._links(len(theirs)),
                self.tr("%n not on this desk", "", only_theirs),
                self.tr("%n only on this desk", "", only_mine),
            )
        )
        return FieldRow(CHILDREN, title, self._links(len(mine)), theirs_text, True, True)

    def _links(self, n: int) -> str:
        return self.tr("1 link") if n == 1 else self.tr("%n links", "", n)

    # --- choices ---------------------------------------------------------------------------------
    def chosen(self) -> list[str]:
        """Keys whose "use theirs" box is ticked, in row order."""
        return [row.key for row in self._rows if row.key in self._chosen]

    def row_of(self, key: str) -> int:
        return next(i for i, row in enumerate(self._rows) if row.key == key)

    def field_row(self, row: int) -> FieldRow:
        return self._rows[row]

    def differing_keys(self) -> list[str]:
        return [row.key for row in self._rows if row.differs]

    # --- model -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Field"), self._mine_title, self._theirs_title, self.tr("Use theirs"))
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_TAKE and self._rows[index.row()].choosable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_FIELD:
                return row.title
            if column == self.COL_TAKE:
                return ""
            value = row.mine if column == self.COL_MINE else row.theirs
            return value if value else "—"
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_TAKE and row.choosable:
            return Qt.CheckState.Checked if row.key in self._chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and row.differs:
            return QColor(style.DIFFERS_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.COL_MINE, self.COL_THEIRS):
            value = row.mine if column == self.COL_MINE else row.theirs
            return None if value else QColor(style.MUTED)
        if role == Qt.ItemDataRole.FontRole and row.differs and column == self.COL_FIELD:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_TAKE and row.choosable:
            return self.tr("Tick to take their value of this field and keep yours for the others")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.CheckStateRole
            or index.column() != self.COL_TAKE
            or not self._rows[index.row()].choosable
        ):
            return False
        key = self._rows[index.row()].key
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if checked:
            self._chosen.add(key)
        else:
            self._chosen.discard(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.choicesChanged.emit()
        return True
