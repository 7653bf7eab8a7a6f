"""Projects page: the technical cooperation portfolio, what each project implements, and where nothing does.

Three tabs. *Portfolio*: the project table, a form to create, edit and delete a project, and its links to
recommendations and clusters (pickers). *Coverage*: per cluster, the recommendations' status and the
projects working on it; the gaps (high-priority clusters and supported recommendations no project works
on); the budget by funding source and by status. *Timeline*: one bar per project on a time axis.

Every change goes through ``records`` (validation, revision, change mark) and lands on the page's undo
stack (Ctrl+Z, Ctrl+Shift+Z); a refused edit shows the store's reasons next to the fields and saves
nothing. Amounts stay decimal text from the field to the store.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tcdesk.domain import vocabulary as v
from tcdesk.services import clusters as cluster_service
from tcdesk.services import portfolio, records
from tcdesk.services import recommendation_query as query
from tcdesk.services.portfolio_export import export_portfolio
from tcdesk.store.db import Store
from ui import labels
from ui.actions import undo_redo_actions
from ui.context import AppContext
from ui.labels import arg
from ui.models import SORT_ROLE
from ui.models.projects import ProjectTableModel, amount
from ui.models.recommendation_table import COLUMNS as REC_COLUMNS
from ui.models.recommendation_table import UID_ROLE as REC_UID_ROLE
from ui.models.recommendation_table import RecommendationTableModel
from ui.pages.base import Page
from ui.project_timeline import STATUS_COLOURS, TimelineWidget
from ui.widgets import Card, Notice, label

TABLE = "projects"
TEXT_FIELDS = ("code", "title", "start_date", "end_date", "budget_usd", "implementing_entity")
LONG_FIELDS = ("partners", "summary", "results")
FIELDS = (
    "code",
    "title",
    "status",
    "start_date",
    "end_date",
    "budget_usd",
    "funding_source",
    "implementing_entity",
    "partners",
    "modality",
    "summary",
    "results",
    "sdg_targets",
)
PICKER_COLUMNS = ("document", "paragraph", "text", "response", "implementation_status")


def sdg_list(text: str) -> str:
    """'16.3, 5.2; 10.3' or one per line → the store's list text (one per line)."""
    return "\n".join(item for item in re.split(r"[,;\s]+", text) if item)


def problem_field(problem: str) -> str:
    """'end_date: … is before …' → 'end_date' ('' when the problem names no field)."""
    name, sep, _rest = problem.partition(":")
    return name.strip() if sep and name.strip() in FIELDS else ""


class _Step(QUndoCommand):
    """An edit already applied when pushed; undo/redo run through the same edit path (False = refused)."""

    def __init__(self, text: str, redo: Callable[[], bool], undo: Callable[[], bool]):
        super().__init__(text)
        self._redo, self._undo = redo, undo
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        if not self._redo():
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._undo():
            self.setObsolete(True)


class RecommendationPicker(QDialog):
    """Search the country's recommendations and choose several (the recommendations table, read-only)."""

    def __init__(self, store: Store, country: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recommendationPicker")
        self.setWindowTitle(self.tr("Link recommendations"))
        self.resize(900, 560)
        self.country = country
        self.model = RecommendationTableModel(store, self)
        self.search = QLineEdit()
        self.search.setObjectName("pickerSearch")
        self.search.setPlaceholderText(self.tr("Search the text, document, body…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.view = QTableView()
        self.view.setObjectName("pickerTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        for column, name in enumerate(REC_COLUMNS):
            self.view.setColumnHidden(column, name not in PICKER_COLUMNS)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(REC_COLUMNS.index("text"), QHeaderView.ResizeMode.Stretch)
        self.count = label(role="caption", name="pickerCount")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Link selected"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(self.tr("Select one or more recommendations (Ctrl or Shift for several)."), "caption", wrap=True)
        )
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self._search("")

    def _search(self, text: str) -> None:
        self.model.set_filter(query.RecFilter(country=self.country, text=text.strip()))
        self.count.setText(arg(self.tr("%1 recommendations"), self.model.total))
        for column in (REC_COLUMNS.index("document"), REC_COLUMNS.index("paragraph")):
            self.view.resizeColumnToContents(column)

    def selected_uids(self) -> list[str]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [uid for uid in (self.model.index(row, 0).data(REC_UID_ROLE) for row in rows) if uid]


class ClusterPicker(QDialog):
    """Tick the clusters a project works on."""

    def __init__(self, store: Store, country: str, chosen: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("clusterPicker")
        self.setWindowTitle(self.tr("Link clusters"))
        self.resize(560, 480)
        self.list = QListWidget()
        self.list.setObjectName("clusterPickerList")
        for cluster in cluster_service.list_clusters(store, country):
            priority = labels.capitalised(cluster.priority) if cluster.priority else self.tr("no priority")
            item = QListWidgetItem(
                arg(self.tr("%1  (%2, %3 recommendations)"), cluster.title, priority, cluster.members)
            )
            item.setData(Qt.ItemDataRole.UserRole, cluster.uid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if cluster.uid in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr("The clusters this project works on:"), "caption"))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def item_of(self, uid: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == uid:
                return self.list.item(row)
        return None

    def checked_uids(self) -> list[str]:
        return [
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]


class ProjectsPage(Page):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.heading.setText(self.tr("Projects"))
        self.undo_stack = QUndoStack(self)
        self.current_uid = ""
        self.picker: QDialog | None = None
        self.notice = Notice("projectNotice")
        self.layout_.addWidget(self.notice)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("projectTabs")
        self.tabs.addTab(self._build_portfolio(), self.tr("Portfolio"))
        self.tabs.addTab(self._build_coverage(), self.tr("Coverage and gaps"))
        self.tabs.addTab(self._build_timeline(), self.tr("Timeline"))
        self.layout_.addWidget(self.tabs, 1)
        self._build_actions()

    # --- building ----------------------------------------------------------------------------------
    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _build_portfolio(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 10, 0, 0)
        bar = QHBoxLayout()
        self.new_button = self._button(self.tr("New project"), "newProject", self.new_project)
        self.export_button = self._button(self.tr("Export portfolio…"), "exportPortfolio", self.export)
        self.undo_button, self.redo_button = QToolButton(), QToolButton()
        bar.addWidget(self.new_button)
        bar.addStretch(1)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.redo_button)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)

        self.model = ProjectTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("projectTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setFixedHeight(330)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(6, 200)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        layout.addWidget(self.table)

        layout.addWidget(self._build_form())
        layout.addWidget(self._build_links())
        return tab

    def _build_form(self) -> Card:
        self.form_card = Card(self.tr("Project"))
        self.form_card.setObjectName("projectForm")
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        for name in TEXT_FIELDS:
            self.fields[name] = QLineEdit()
        self.fields["start_date"].setPlaceholderText(self.tr("YYYY-MM-DD, empty if not known"))
        self.fields["end_date"].setPlaceholderText(self.tr("YYYY-MM-DD, empty if not known"))
        self.fields["budget_usd"].setPlaceholderText(self.tr("e.g. 250000.00 (a '.' before the cents)"))
        status = QComboBox()
        for value in v.PROJECT_STATUSES:
            status.addItem(labels.capitalised(value), value)
        self.fields["status"] = status
        modality = QComboBox()
        modality.addItem(self.tr("Not recorded"), "")
        for value in v.MODALITIES:
            modality.addItem(labels.capitalised(value), value)
        self.fields["modality"] = modality
        funding = QComboBox()
        funding.setEditable(True)
        funding.addItems(["", *v.FUNDING_SOURCES])
        self.fields["funding_source"] = funding
        for name in LONG_FIELDS:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
            self.fields[name] = edit
        self.fields["partners"].setPlaceholderText(self.tr("One partner per line"))
        self.fields["results"].setPlaceholderText(self.tr("Short, medium and long term results, one per line"))
        self.fields["sdg_targets"] = QLineEdit()
        self.fields["sdg_targets"].setPlaceholderText(self.tr("e.g. 16.3, 5.2"))
        names = {
            "code": self.tr("Code"),
            "title": self.tr("Title"),
            "status": self.tr("Status"),
            "start_date": self.tr("Start"),
            "end_date": self.tr("End"),
            "budget_usd": self.tr("Budget (USD)"),
            "funding_source": self.tr("Funding source"),
            "implementing_entity": self.tr("Implementing entity"),
            "partners": self.tr("Partners"),
            "modality": self.tr("Modality"),
            "summary": self.tr("Summary"),
            "results": self.tr("Results sought"),
            "sdg_targets": self.tr("SDG targets"),
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        # two columns of fields: identity and money on the left, texts on the right
        left = ("code", "title", "status", "start_date", "end_date", "budget_usd", "funding_source")
        right = ("implementing_entity", "modality", "partners", "summary", "results", "sdg_targets")
        for column, group in enumerate((left, right)):
            form = QFormLayout()
            form.setVerticalSpacing(4)
            for name in group:
                widget = self.fields[name]
                widget.setObjectName(f"field-{name}")
                error = label(role="error", name=f"error-{name}", wrap=True)
                error.hide()
                self.errors[name] = error
                box = QVBoxLayout()
                box.setSpacing(1)
                box.addWidget(widget)
                box.addWidget(error)
                form.addRow(label(names[name], "caption"), box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            grid.addLayout(form, 0, column)
            grid.setColumnStretch(column, 1)
        self.form_card.body.addLayout(grid)
        self.form_problems = Notice("projectProblems")
        self.form_card.body.addWidget(self.form_problems)
        buttons = QHBoxLayout()
        self.save_button = self._button(self.tr("Save"), "saveProject", self.save)
        self.save_button.setDefault(True)
        self.delete_button = self._button(self.tr("Delete"), "deleteProject", self.delete)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.form_card.body.addLayout(buttons)
        return self.form_card

    def _build_links(self) -> Card:
        self.links_card = Card(self.tr("What this project implements"))
        self.links_card.setObjectName("projectLinksCard")
        self.links = QTreeWidget()
        self.links.setObjectName("projectLinks")
        self.links.setHeaderLabels(
            [self.tr("Recommendation or cluster"), self.tr("Status / priority"), self.tr("Text")]
        )
        self.links.setRootIsDecorated(False)
        self.links.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.links.setMinimumHeight(220)
        self.links.header().setStretchLastSection(True)
        self.links.setWordWrap(False)
        self.links_card.body.addWidget(self.links)
        buttons = QHBoxLayout()
        self.link_recs_button = self._button(
            self.tr("Link recommendations…"), "linkRecommendations", self.pick_recommendations
        )
        self.link_clusters_button = self._button(self.tr("Link clusters…"), "linkClusters", self.pick_clusters)
        self.unlink_button = self._button(self.tr("Remove link"), "removeLink", self.remove_links)
        for button in (self.link_recs_button, self.link_clusters_button, self.unlink_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.links_card.body.addLayout(buttons)
        return self.links_card

    def _build_coverage(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(14)
        card = Card(self.tr("Clusters: implementation and the projects working on them"))
        self.coverage = QTreeWidget()
        self.coverage.setObjectName("coverageTable")
        self.coverage.setRootIsDecorated(False)
        self.coverage.setHeaderLabels(
            [self.tr("Cluster"), self.tr("Priority"), self.tr("Recs"), self.tr("Implementation"), self.tr("Projects")]
        )
        card.body.addWidget(self.coverage)
        layout.addWidget(card)
        row = QHBoxLayout()
        row.setSpacing(14)
        gaps = Card(self.tr("Gaps: where no project works"))
        gaps.body.addWidget(label(self.tr("High-priority clusters with no project"), "caption"))
        self.gap_clusters = QListWidget()
        self.gap_clusters.setObjectName("gapClusters")
        self.gap_clusters.setMaximumHeight(110)
        gaps.body.addWidget(self.gap_clusters)
        self.gap_recs_caption = label(role="caption", name="gapRecommendationsCaption")
        gaps.body.addWidget(self.gap_recs_caption)
        self.gap_recs = QListWidget()
        self.gap_recs.setObjectName("gapRecommendations")
        self.gap_recs.setMinimumHeight(260)
        gaps.body.addWidget(self.gap_recs)
        row.addWidget(gaps, 3)
        money = Card(self.tr("Funding (USD)"))
        self.by_source = self._amount_tree("fundingBySource", self.tr("Funding source"))
        self.by_status = self._amount_tree("fundingByStatus", self.tr("Status"))
        money.body.addWidget(self.by_source)
        money.body.addWidget(self.by_status)
        row.addWidget(money, 2)
        layout.addLayout(row)
        layout.addStretch(1)
        return tab

    def _amount_tree(self, name: str, title: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName(name)
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels([title, self.tr("Budget")])
        tree.setMinimumHeight(150)
        tree.header().setStretchLastSection(False)
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        return tree

    def _build_timeline(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 10, 0, 0)
        legend = QHBoxLayout()
        for status in v.PROJECT_STATUSES:
            swatch = QLabel()
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background: {STATUS_COLOURS[status]}; border-radius: 3px;")
            legend.addWidget(swatch)
            legend.addWidget(label(labels.capitalised(status), "caption"))
            legend.addSpacing(10)
        legend.addWidget(
            label(
                self.tr("Red line: today. Click a row to open its project; projects without both dates are not shown."),
                "caption",
            )
        )
        legend.addStretch(1)
        layout.addLayout(legend)
        self.timeline = TimelineWidget()
        self.timeline.projectClicked.connect(self.open_project)
        layout.addWidget(self.timeline)
        layout.addStretch(1)
        return tab

    def _build_actions(self) -> None:
        self.undo_action, self.redo_action = undo_redo_actions(
            self, self.undo_stack, "ProjectEdit", self.undo_button, self.redo_button
        )

    # --- loading -----------------------------------------------------------------------------------
    @property
    def store(self) -> Store:
        return self.context.store

    def load(self) -> None:
        country = self.context.country
        self.subheading.setText(f"{self.context.country_name(country)} ({country})" if country else "")
        if not country:
            self.notice.set_message(self.tr("No country in the store yet: import a package from HQ to start."), "info")
        elif self.notice.property("noCountry"):
            self.notice.set_message("", "info")
        self.notice.setProperty("noCountry", not country)
        self.tabs.setEnabled(bool(country))
        rows = portfolio.projects(self.store, country) if country else []
        keep = self.current_uid
        self.model.set_rows(rows)
        self._select(keep)
        if not keep or self.model.row_of(keep) < 0:
            self._show_project("")
        self._load_coverage(country)
        self.timeline.set_projects(portfolio.timeline(self.store, country) if country else [])

    def _select(self, uid: str) -> None:
        row = self.model.row_of(uid)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().blockSignals(True)
        self.table.selectRow(index.row())
        self.table.setCurrentIndex(index)
        self.table.selectionModel().blockSignals(False)
        self.table.scrollTo(index)
        self._show_project(uid)

    def open_project(self, uid: str) -> None:
        """Show a project's form (e.g. after a click on its bar in the timeline)."""
        self.tabs.setCurrentIndex(0)
        self._select(uid)

    def _row_changed(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        project = self.model.project(self.proxy.mapToSource(current).row()) if current.isValid() else None
        self._show_project(project.uid if project else "")

    def _show_project(self, uid: str) -> None:
        self.current_uid = uid
        values = records.get(self.store, TABLE, uid) if uid else {}
        self._fill_form(values)
        self._clear_problems()
        self.form_card.title.setText(
            arg(self.tr("Project %1"), values.get("code") or values.get("title", "")) if uid else self.tr("New project")
        )
        self.delete_button.setEnabled(bool(uid))
        for button in (self.link_recs_button, self.link_clusters_button, self.unlink_button):
            button.setEnabled(bool(uid))
        self._load_links()

    def _fill_form(self, values: dict[str, str]) -> None:
        for name in FIELDS:
            widget, value = self.fields[name], values.get(name, "")
            if name == "sdg_targets":
                widget.setText(", ".join(item for item in value.split("\n") if item))  # type: ignore[attr-defined]
            elif isinstance(widget, QLineEdit):
                widget.setText(value)
                widget.setCursorPosition(0)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            elif isinstance(widget, QComboBox) and widget.isEditable():
                widget.setCurrentText(value)
            elif isinstance(widget, QComboBox):
                position = widget.findData(value or ("pipeline" if name == "status" else ""))
                widget.setCurrentIndex(max(position, 0))

    def form_values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for name in FIELDS:
            widget = self.fields[name]
            if name == "sdg_targets":
                values[name] = sdg_list(widget.text())  # type: ignore[attr-defined]
            elif isinstance(widget, QLineEdit):
                values[name] = widget.text().strip()
            elif isinstance(widget, QPlainTextEdit):
                text = widget.toPlainText()
                lines = [line.strip() for line in text.split("\n")]
                values[name] = "\n".join(line for line in lines if line) if name == "partners" else text.strip()
            elif isinstance(widget, QComboBox) and widget.isEditable():
                values[name] = widget.currentText().strip()
            elif isinstance(widget, QComboBox):
                values[name] = widget.currentData() or ""
        return values

    def _load_links(self) -> None:
        self.links.clear()
        if not self.current_uid:
            return
        with self.store.session() as session:
            kinds = records.project_links(session, self.current_uid)
        for uid, where, text, status in portfolio.linked_recommendations(self.store, self.current_uid):
            item = QTreeWidgetItem([where, labels.status_name(status), " ".join(text.split())])
            item.setData(0, Qt.ItemDataRole.UserRole, ("recommendation", uid))
            item.setToolTip(2, text)
            self.links.addTopLevelItem(item)
        wanted = {target for kind, target in kinds if kind == "cluster"}
        for cluster in cluster_service.list_clusters(self.store, self.context.country):
            if cluster.uid in wanted:
                priority = labels.capitalised(cluster.priority) if cluster.priority else ""
                item = QTreeWidgetItem(
                    [
                        arg(self.tr("Cluster: %1"), cluster.title),
                        priority,
                        arg(self.tr("%1 recommendations"), cluster.members),
                    ]
                )
                item.setData(0, Qt.ItemDataRole.UserRole, ("cluster", cluster.uid))
                self.links.addTopLevelItem(item)
        self.links.resizeColumnToContents(0)
        self.links.setColumnWidth(0, min(self.links.columnWidth(0) + 12, 380))
        self.links.resizeColumnToContents(1)

    def _load_coverage(self, country: str) -> None:
        self.coverage.clear()
        self.gap_clusters.clear()
        self.gap_recs.clear()
        self.by_source.clear()
        self.by_status.clear()
        if not country:
            return
        for row in portfolio.coverage(self.store, country):
            statuses = [
                f"{count} {labels.term(status) if status else self.tr('not recorded')}"
                for status, count in sorted(row.by_status.items(), key=lambda s: -s[1])
            ]
            item = QTreeWidgetItem(
                [
                    row.title,
                    labels.capitalised(row.priority) if row.priority else "",
                    str(row.members),
                    " · ".join(statuses),
                    "; ".join(title for _uid, title in row.projects) or self.tr("none"),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, row.uid)
            item.setToolTip(4, "\n".join(title for _uid, title in row.projects))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
            self.coverage.addTopLevelItem(item)
        self.coverage.resizeColumnToContents(1)
        self.coverage.resizeColumnToContents(2)
        self.coverage.setColumnWidth(0, 320)
        self.coverage.setColumnWidth(3, 300)
        rows = max(self.coverage.topLevelItemCount(), 3)
        row_height = self.coverage.sizeHintForRow(0) if self.coverage.topLevelItemCount() else 20
        self.coverage.setFixedHeight(min(self.coverage.header().sizeHint().height() + rows * row_height + 8, 480))
        found = portfolio.gaps(self.store, country)
        for cluster in found.high_priority_clusters:
            item = QListWidgetItem(arg(self.tr("%1 (%2 recommendations)"), cluster.title, cluster.members))
            item.setData(Qt.ItemDataRole.UserRole, cluster.uid)
            self.gap_clusters.addItem(item)
        if not found.high_priority_clusters:
            self.gap_clusters.addItem(self.tr("None: every high-priority cluster has a project."))
        self.gap_recs_caption.setText(
            arg(self.tr("Supported recommendations no project works on: %1"), len(found.supported_recommendations))
        )
        for uid, where, text in found.supported_recommendations:
            item = QListWidgetItem(f"{where}: {' '.join(text.split())}")
            item.setToolTip(f"<p>{html.escape(text)}</p>")
            item.setData(Qt.ItemDataRole.UserRole, uid)
            self.gap_recs.addItem(item)
        by_source, by_status = portfolio.funding(self.store, country)
        self._fill_amounts(self.by_source, sorted(by_source.items(), key=lambda s: -s[1]), str)
        order = {status: n for n, status in enumerate(v.PROJECT_STATUSES)}
        self._fill_amounts(
            self.by_status, sorted(by_status.items(), key=lambda s: order.get(s[0], 99)), labels.capitalised
        )

    def _fill_amounts(self, tree: QTreeWidget, rows: list[tuple[str, Decimal]], name: Callable[[str], str]) -> None:
        total = Decimal(0)
        for key, value in rows:
            item = QTreeWidgetItem([name(key) if key else self.tr("Not recorded"), amount(value)])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            tree.addTopLevelItem(item)
            total += value
        item = QTreeWidgetItem([self.tr("Total"), amount(total)])
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFont(1, font)
        tree.addTopLevelItem(item)

    # --- messages ----------------------------------------------------------------------------------
    def _clear_problems(self) -> None:
        for error in self.errors.values():
            error.clear()
            error.hide()
        self.form_problems.set_message("", "info")

    def _show_problems(self, problems: list[str]) -> None:
        self._clear_problems()
        general = []
        for problem in problems:
            name = problem_field(problem)
            if name:
                error = self.errors[name]
                error.setText("\n".join(filter(None, (error.text(), problem.partition(":")[2].strip()))))
                error.show()
            else:
                general.append(problem)
        lines = "".join(f"<br>{html.escape(p)}" for p in problems)
        self.form_problems.set_message(f"<b>{self.tr('Nothing was saved.')}</b>{lines}", "bad")

    def _say(self, text: str, tone: str = "good") -> None:
        self.notice.set_message(html.escape(text), tone)

    def _changed_store(self, select: str = "") -> None:
        if select:
            self.current_uid = select
        self.refresh()
        self.context.notify_data_changed()

    # --- the edit path -----------------------------------------------------------------------------
    def _attempt(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except records.EditRefused as exc:
            self._say("\n".join(exc.problems), "bad")
            return False
        except records.RecordNotFound as exc:
            self._say(arg(self.tr("The project is no longer in the store: %1"), exc), "bad")
            return False
        return True

    def new_project(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(self.proxy.index(-1, -1))
        self._show_project("")
        self.fields["code"].setFocus()

    def save(self) -> None:
        values = self.form_values()
        if not self.current_uid:
            self._create(values)
        else:
            self._update(values)

    def _create(self, values: dict[str, str], links: list[tuple[str, str]] | None = None) -> None:
        full = {"country": self.context.country, **values}
        try:
            uid = records.create(self.store, TABLE, full)
        except records.EditRefused as exc:
            self._show_problems(exc.problems)
            return
        state = {"uid": uid}

        def redo() -> bool:
            def make() -> None:
                state["uid"] = records.create(self.store, TABLE, full)
                if links:
                    records.set_project_links(self.store, state["uid"], links)

            done = self._attempt(make)
            self._changed_store(state["uid"])
            return done

        def undo() -> bool:
            done = self._attempt(lambda: records.delete_record(self.store, TABLE, state["uid"]))
            self._changed_store()
            return done

        if links:
            records.set_project_links(self.store, uid, links)
        text = arg(self.tr("New project %1"), values.get("code") or values.get("title", ""))
        self.undo_stack.push(_Step(text, redo, undo))
        self._say(arg(self.tr("Project “%1” created."), values.get("title", "")))
        self._changed_store(uid)

    def _update(self, values: dict[str, str]) -> None:
        uid = self.current_uid
        before_all = records.get(self.store, TABLE, uid)
        before = {k: before_all[k] for k in values if before_all.get(k, "") != values[k]}
        after = {k: values[k] for k in before}
        if not after:
            self._clear_problems()
            self._say(self.tr("Nothing to save: the project has not changed."), "info")
            return
        try:
            records.update(self.store, TABLE, uid, after)
        except records.EditRefused as exc:
            self._show_problems(exc.problems)
            return

        def apply(changes: dict[str, str]) -> Callable[[], bool]:
            def run() -> bool:
                done = self._attempt(lambda: records.update(self.store, TABLE, uid, changes))
                self._changed_store(uid)
                return done

            return run

        self.undo_stack.push(
            _Step(arg(self.tr("Edit project %1"), values.get("code", "")), apply(after), apply(before))
        )
        self._say(arg(self.tr("Project “%1” saved."), values.get("title", "")))
        self._changed_store(uid)

    def delete(self) -> None:
        uid = self.current_uid
        if not uid:
            return
        values = records.get(self.store, TABLE, uid)
        with self.store.session() as session:
            links = records.project_links(session, uid)
        if not self._attempt(lambda: records.delete_record(self.store, TABLE, uid)):
            return
        content = {name: values[name] for name in ("country", *FIELDS)}
        state = {"uid": uid}

        def undo() -> bool:  # a deleted record cannot come back: its values and links return as a new one
            def make() -> None:
                state["uid"] = records.create(self.store, TABLE, content)
                if links:
                    records.set_project_links(self.store, state["uid"], links)

            done = self._attempt(make)
            self._changed_store(state["uid"])
            return done

        def redo() -> bool:
            done = self._attempt(lambda: records.delete_record(self.store, TABLE, state["uid"]))
            self._changed_store()
            return done

        self.current_uid = ""
        self.undo_stack.push(_Step(arg(self.tr("Delete project %1"), values.get("code", "")), redo, undo))
        self._say(arg(self.tr("Project “%1” deleted. Undo (Ctrl+Z) brings it back."), values.get("title", "")))
        self._changed_store()

    def current_links(self) -> list[tuple[str, str]]:
        with self.store.session() as session:
            return records.project_links(session, self.current_uid)

    def set_links(self, links: list[tuple[str, str]], text: str) -> bool:
        uid = self.current_uid
        before = self.current_links()
        after = sorted(set(links))
        if before == after:
            return False
        if not self._attempt(lambda: records.set_project_links(self.store, uid, after)):
            return False

        def apply(wanted: list[tuple[str, str]]) -> Callable[[], bool]:
            def run() -> bool:
                done = self._attempt(lambda: records.set_project_links(self.store, uid, wanted))
                self._changed_store(uid)
                return done

            return run

        self.undo_stack.push(_Step(text, apply(after), apply(before)))
        self._changed_store(uid)
        return True

    # --- pickers -----------------------------------------------------------------------------------
    def pick_recommendations(self) -> None:
        if not self.current_uid:
            return
        picker = RecommendationPicker(self.store, self.context.country, self)
        picker.accepted.connect(lambda: self._link_recommendations(picker.selected_uids()))
        picker.finished.connect(picker.deleteLater)
        self.picker = picker
        picker.open()

    def _link_recommendations(self, uids: list[str]) -> None:
        links = self.current_links()
        added = [("recommendation", uid) for uid in uids if ("recommendation", uid) not in links]
        if self.set_links([*links, *added], self.tr("Link recommendations")):
            self._say(arg(self.tr("%1 recommendations linked."), len(added)))

    def pick_clusters(self) -> None:
        if not self.current_uid:
            return
        chosen = {target for kind, target in self.current_links() if kind == "cluster"}
        picker = ClusterPicker(self.store, self.context.country, chosen, self)
        picker.accepted.connect(lambda: self._link_clusters(picker.checked_uids()))
        picker.finished.connect(picker.deleteLater)
        self.picker = picker
        picker.open()

    def _link_clusters(self, uids: list[str]) -> None:
        links = [link for link in self.current_links() if link[0] != "cluster"]
        if self.set_links([*links, *(("cluster", uid) for uid in uids)], self.tr("Link clusters")):
            self._say(self.tr("Cluster links saved."))

    def remove_links(self) -> None:
        gone = {tuple(item.data(0, Qt.ItemDataRole.UserRole)) for item in self.links.selectedItems()}
        if not gone:
            self._say(self.tr("Select the links to remove first."), "info")
            return
        remaining = [link for link in self.current_links() if link not in gone]
        if self.set_links(remaining, self.tr("Remove links")):
            self._say(arg(self.tr("%1 links removed."), len(gone)))

    # --- export ------------------------------------------------------------------------------------
    def export(self) -> None:
        country = self.context.country
        if not country:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export portfolio"), f"portfolio-{country}.xlsx", self.tr("Excel workbook (*.xlsx)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        try:
            export_portfolio(self.store, country, path)
        except OSError as exc:
            self._say(arg(self.tr("The workbook could not be written: %1"), exc), "bad")
            return
        self.exported_to = path
        self._say(arg(self.tr("Portfolio exported to %1"), path))
