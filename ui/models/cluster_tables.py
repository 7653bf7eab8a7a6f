"""Item models of the Clusters page: the country's clusters, one cluster's members, the cluster matrix.

They hold plain rows the page reads through the services (``set_rows``). The cluster list accepts
dropped recommendations (``ui.models.recommendation_table.MIME_TYPE``) and only emits ``membersDropped``:
the page adds them through the services.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QMimeData, QObject, Qt, Signal

from tcdesk.domain import vocabulary as v
from tcdesk.services.cluster_matrix import MatrixRow
from tcdesk.services.clusters import ClusterSummary
from ui import labels
from ui.models import ROOT, SORT_ROLE, Index
from ui.models.recommendation_table import MIME_TYPE, shown_value
from ui.widgets import number

UID_ROLE = Qt.ItemDataRole.UserRole + 10
"""The row's record uid (cluster or recommendation)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("ClusterTables", text)


def priority_name(priority: str) -> str:
    names = {"high": _tr("High"), "medium": _tr("Medium"), "low": _tr("Low")}
    return names.get(priority, "")


class ClusterListModel(QAbstractTableModel):
    COL_TITLE, COL_PRIORITY, COL_MEMBERS, COL_GOALS = range(4)

    membersDropped = Signal(str, list)
    """(cluster uid, recommendation uids) dropped on a cluster's row."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[ClusterSummary] = []

    def set_rows(self, rows: list[ClusterSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def cluster(self, row: int) -> ClusterSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, uid: str) -> int:
        return next((i for i, c in enumerate(self._rows) if c.uid == uid), -1)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or not 0 <= section < 4:
            return None
        return (_tr("Cluster"), _tr("Priority"), _tr("Recommendations"), _tr("SDG goals"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c, column = self._rows[index.row()], index.column()
        if role == UID_ROLE:
            return c.uid
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_MEMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_TITLE:
            return c.summary or None
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            sort = role == SORT_ROLE
            if column == self.COL_TITLE:
                return c.title
            if column == self.COL_PRIORITY:
                return ("high", "medium", "low", "").index(c.priority) if sort else priority_name(c.priority)
            if column == self.COL_MEMBERS:
                return c.members if sort else number(c.members)
            return ", ".join(sorted(c.sdg_goals, key=int))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled

    # --- drops -----------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def _target(self, row: int, parent: Index) -> ClusterSummary | None:
        if parent.isValid():
            return self.cluster(parent.row())
        return self.cluster(row)

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return data.hasFormat(MIME_TYPE) and self._target(row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        target = self._target(row, parent)
        if target is None or not data.hasFormat(MIME_TYPE):
            return False
        uids = [u for u in bytes(data.data(MIME_TYPE).data()).decode("utf-8").split("\n") if u]
        if not uids:
            return False
        self.membersDropped.emit(target.uid, uids)
        return True  # a copy: the recommendations stay where they were dragged from


MEMBER_FIELDS = ("document", "paragraph", "mechanism", "text", "response", "implementation_status")


class MemberModel(QAbstractTableModel):
    """One cluster's recommendations (rows as ``records.get`` gives them)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[dict[str, str]] = []

    def set_rows(self, rows: list[dict[str, str]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def uid(self, row: int) -> str:
        return self._rows[row]["uid"] if 0 <= row < len(self._rows) else ""

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(MEMBER_FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        from ui.models.recommendation_table import column_title

        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return column_title(MEMBER_FIELDS[section]) if 0 <= section < len(MEMBER_FIELDS) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record, name = self._rows[index.row()], MEMBER_FIELDS[index.column()]
        if role == UID_ROLE:
            return record["uid"]
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return shown_value(name, record.get(name, ""))
        if role == Qt.ItemDataRole.ToolTipRole and name == "text":
            return record.get("text") or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


STATUSES = (*v.IMPLEMENTATION_STATUSES, "")
RESPONSES = (*v.RESPONSES, "")


class MatrixModel(QAbstractTableModel):
    """``cluster_matrix``: a cluster per row; priority, goals, members, then counts."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[MatrixRow] = []
        # (kind, key): kind is "title", "priority", "goals", "members", "mechanism", "response", "status"
        self.columns: list[tuple[str, str]] = [
            ("title", ""),
            ("priority", ""),
            ("goals", ""),
            ("members", ""),
            *(("mechanism", m) for m in v.MECHANISMS),
            *(("response", r) for r in RESPONSES),
            *(("status", s) for s in STATUSES),
        ]

    def set_rows(self, rows: list[MatrixRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def column_of(self, kind: str, key: str = "") -> int:
        return self.columns.index((kind, key))

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        kind, key = self.columns[section]
        if role == Qt.ItemDataRole.ToolTipRole and kind == "mechanism":
            return labels.mechanism_name(key)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if kind == "title":
            return _tr("Cluster")
        if kind == "priority":
            return _tr("Priority")
        if kind == "goals":
            return _tr("SDG goals")
        if kind == "members":
            return _tr("Recommendations")
        if kind == "mechanism":
            return key
        if kind == "response":
            return labels.response_name(key)
        return labels.status_name(key)

    def value(self, row: int, column: int) -> Any:
        r, (kind, key) = self._rows[row], self.columns[column]
        if kind == "title":
            return r.title
        if kind == "priority":
            return r.priority
        if kind == "goals":
            return ", ".join(r.sdg_goals)
        if kind == "members":
            return r.members
        counter = {"mechanism": r.by_mechanism, "response": r.by_response, "status": r.by_status}[kind]
        return counter.get(key, 0)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value = self.value(index.row(), index.column())
        kind = self.columns[index.column()][0]
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == "priority":
                return priority_name(str(value))
            return number(value) if isinstance(value, int) else value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and kind == "title":
            return self._rows[index.row()].summary or None
        if role == UID_ROLE:
            return self._rows[index.row()].uid
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
