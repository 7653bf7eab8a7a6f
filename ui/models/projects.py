"""The portfolio table: one row per project as ``portfolio.projects`` gives it (budgets stay Decimal)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QObject, Qt

from tcdesk.services.portfolio import ProjectRow
from ui import labels
from ui.models import ROOT, SORT_ROLE, Index

UID_ROLE = Qt.ItemDataRole.UserRole + 10

COL_CODE, COL_TITLE, COL_STATUS, COL_START, COL_END, COL_BUDGET, COL_FUNDING, COL_RECS, COL_CLUSTERS = range(9)


def amount(value: Decimal | None) -> str:
    """A budget with group separators and two decimals, formatted from the Decimal (never through float)."""
    return "" if value is None else f"{value:,.2f}"


def _titles() -> tuple[str, ...]:
    t = QCoreApplication.translate
    return (
        t("ProjectColumns", "Code"),
        t("ProjectColumns", "Title"),
        t("ProjectColumns", "Status"),
        t("ProjectColumns", "Start"),
        t("ProjectColumns", "End"),
        t("ProjectColumns", "Budget (USD)"),
        t("ProjectColumns", "Funding source"),
        t("ProjectColumns", "Recommendations"),
        t("ProjectColumns", "Clusters"),
    )


class ProjectTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[ProjectRow] = []

    def set_rows(self, rows: list[ProjectRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def project(self, row: int) -> ProjectRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, uid: str) -> int:
        return next((n for n, p in enumerate(self._rows) if p.uid == uid), -1)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 9:
            return _titles()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p, column = self._rows[index.row()], index.column()
        if role == UID_ROLE:
            return p.uid
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (COL_BUDGET, COL_RECS, COL_CLUSTERS):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == SORT_ROLE:
            values: tuple[Any, ...] = (
                p.code,
                p.title.casefold(),
                p.status,
                p.start_date,
                p.end_date,
                float(p.budget or 0),  # ordering only; never shown or stored
                p.funding_source,
                p.recommendations,
                p.clusters,
            )
            return values[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            shown = (
                p.code,
                p.title,
                labels.capitalised(p.status),
                p.start_date,
                p.end_date,
                amount(p.budget),
                p.funding_source,
                str(p.recommendations),
                str(p.clusters),
            )
            return shown[column]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
