"""Dialogs of the checklist page: picking recommendations or clusters to link, comparing two assessments."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tcdesk.services import checklist, clusters
from tcdesk.services import recommendation_query as query
from tcdesk.store.db import Store
from ui import style
from ui.labels import arg
from ui.models.checklist_items import short_text, status_label
from ui.models.recommendation_table import RecommendationTableModel
from ui.widgets import label


class LinkPicker(QDialog):
    """Search the country's recommendations (and pick clusters); ``chosen()`` gives the uids ticked."""

    def __init__(self, store: Store, iso3: str, already: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("linkPicker")
        self.setWindowTitle(self.tr("Link recommendations or clusters"))
        self.resize(900, 560)
        self._iso3 = iso3
        self.search = QLineEdit()
        self.search.setObjectName("linkSearch")
        self.search.setPlaceholderText(self.tr("Search recommendations and clusters…"))
        self.search.setClearButtonEnabled(True)
        self.tabs = QTabWidget()
        self.model = RecommendationTableModel(store, self)
        self.table = QTableView()
        self.table.setObjectName("linkRecommendations")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        shown = ("document", "paragraph", "text", "mechanism", "implementation_status")
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, self.model.field(column) not in shown)
        header.setSectionResizeMode(self.model.column_of("text"), QHeaderView.ResizeMode.Stretch)
        widths = {"document": 120, "paragraph": 80, "mechanism": 90, "implementation_status": 170}
        for name, width in widths.items():
            header.resizeSection(self.model.column_of(name), width)
        self.table.doubleClicked.connect(self.accept)
        self.cluster_list = QListWidget()
        self.cluster_list.setObjectName("linkClusters")
        self.cluster_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.cluster_list.itemDoubleClicked.connect(self.accept)
        self._clusters = clusters.list_clusters(store, iso3)
        self.tabs.addTab(self.table, self.tr("Recommendations"))
        self.tabs.addTab(self.cluster_list, self.tr("Clusters"))
        self.note = label(role="caption", name="linkNote", wrap=True)
        if already:
            self.note.setText(arg(self.tr("%1 already linked: they stay linked."), len(already)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Link"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._timer.start)
        self._apply_search()

    def _apply_search(self) -> None:
        text = self.search.text().strip()
        self.model.set_filter(query.RecFilter(country=self._iso3, text=text))
        self.tabs.setTabText(0, arg(self.tr("Recommendations (%1)"), self.model.total))
        self.cluster_list.clear()
        needle = text.casefold()
        for summary in self._clusters:
            if needle and needle not in f"{summary.title} {summary.summary}".casefold():
                continue
            entry = QListWidgetItem(arg(self.tr("%1 — %2 recommendations"), summary.title, summary.members))
            entry.setData(Qt.ItemDataRole.UserRole, summary.uid)
            self.cluster_list.addItem(entry)
        self.tabs.setTabText(1, arg(self.tr("Clusters (%1)"), self.cluster_list.count()))

    def select_recommendation(self, uid: str) -> bool:
        row = self.model.row_of(uid)
        if row < 0:
            return False
        self.tabs.setCurrentIndex(0)
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def chosen(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        uids = [self.model.uid(row) for row in rows]
        uids += [item.data(Qt.ItemDataRole.UserRole) for item in self.cluster_list.selectedItems()]
        return [uid for uid in uids if uid]


CHANGE_COLOURS = {
    "improved": (style.GREEN_BACKGROUND, style.GREEN_INK),
    "slipped": (style.RED_BACKGROUND, style.RED_INK),
    "changed item": (style.AMBER_BACKGROUND, style.AMBER_INK),
}


class CompareDialog(QDialog):
    """Two assessments item by item: what improved (green) and what slipped (red)."""

    def __init__(
        self,
        store: Store,
        iso3: str,
        template: str,
        versions: list[int],
        countries: list[tuple[str, str]],
        after_version: int,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(self.tr("Compare assessments"))
        self.resize(980, 600)
        self.store, self.iso3, self.template = store, iso3, template
        self.before_version, self.after_version, self.before_country = QComboBox(), QComboBox(), QComboBox()
        for combo in (self.before_version, self.after_version):
            for version in versions:
                combo.addItem(arg(self.tr("Version %1"), version), version)
        self.before_version.setObjectName("compareBeforeVersion")
        self.after_version.setObjectName("compareAfterVersion")
        self.before_country.setObjectName("compareBeforeCountry")
        for code, name in countries:
            self.before_country.addItem(f"{name} ({code})", code)
        self.before_country.setCurrentIndex(max(0, self.before_country.findData(iso3)))
        self.after_version.setCurrentIndex(max(0, self.after_version.findData(after_version)))
        earlier = [v for v in versions if v < after_version]
        self.before_version.setCurrentIndex(
            max(0, self.before_version.findData(earlier[-1] if earlier else after_version))
        )
        choose = QHBoxLayout()
        choose.addWidget(label(self.tr("Before:"), "caption"))
        choose.addWidget(self.before_country)
        choose.addWidget(self.before_version)
        choose.addSpacing(24)
        choose.addWidget(label(arg(self.tr("After (%1):"), iso3), "caption"))
        choose.addWidget(self.after_version)
        choose.addStretch(1)
        self.summary = label(role="paragraph", name="compareSummary", wrap=True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("compareTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Item"), self.tr("Before"), self.tr("After"), self.tr("Change")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        for combo in (self.before_version, self.after_version, self.before_country):
            combo.currentIndexChanged.connect(self.refresh)
        self.rows: list[checklist.Comparison] = []
        self.refresh()

    def refresh(self) -> None:
        self.rows = checklist.compare_assessments(
            self.store,
            self.iso3,
            self.template,
            int(self.before_version.currentData()),
            int(self.after_version.currentData()),
            before_country=self.before_country.currentData(),
        )
        self.table.setRowCount(len(self.rows))
        counts: dict[str, int] = {}
        for row, comparison in enumerate(self.rows):
            counts[comparison.change] = counts.get(comparison.change, 0) + 1
            values = (
                comparison.code,
                short_text(comparison.text, 120),
                status_label(comparison.before) if comparison.before else "—",
                status_label(comparison.after) if comparison.after else "—",
                self._change_name(comparison.change),
            )
            colours = CHANGE_COLOURS.get(comparison.change)
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column == 1:
                    cell.setToolTip(comparison.text)
                if colours:
                    cell.setBackground(QBrush(QColor(colours[0])))
                    cell.setForeground(QBrush(QColor(colours[1])))
                self.table.setItem(row, column, cell)
        self.table.resizeColumnToContents(0)
        for column in (2, 3, 4):
            self.table.resizeColumnToContents(column)
        self.summary.setText(
            arg(
                self.tr("%1 improved, %2 slipped, %3 unchanged, %4 items changed or new."),
                counts.get("improved", 0),
                counts.get("slipped", 0),
                counts.get("same", 0),
                counts.get("changed item", 0) + counts.get("new", 0),
            )
        )

    def _change_name(self, change: str) -> str:
        names = {
            "improved": self.tr("Improved"),
            "slipped": self.tr("Slipped"),
            "same": self.tr("Same"),
            "new": self.tr("New item"),
            "gone": self.tr("Item removed"),
            "changed item": self.tr("Item changed"),
            "other": self.tr("Changed"),
        }
        return names.get(change, change)
