"""Clusters page: the country's clusters, their members, the recommendations to drag into them, the matrix.

Left, the clusters (New, Edit, Delete, Suggest clusters…); under them the selected cluster's members with
"Remove from cluster". Right, the country's recommendations with a search box: drag rows onto a cluster,
or right-click → "Add to cluster ▸". The Matrix tab is ``cluster_matrix`` with "Export matrix…". Every
change goes through the services and then tells the context (``dataChanged``) so other pages refresh.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tcdesk.services import cluster_matrix, clustering, clusters, portfolio, records
from tcdesk.services import recommendation_query as query
from tcdesk.services.records import EditRefused
from ui.context import AppContext
from ui.dialogs.cluster_dialogs import ClusterDialog, SuggestionsDialog
from ui.dialogs.link_to_project import LinkToProjectDialog, open_link_dialog
from ui.labels import arg
from ui.models import SORT_ROLE
from ui.models.cluster_tables import MEMBER_FIELDS, ClusterListModel, MatrixModel, MemberModel
from ui.models.recommendation_table import COLUMNS, DEFAULT_VISIBLE, RecommendationTableModel
from ui.pages.base import Page
from ui.progress import run_with_progress
from ui.widgets import Notice, label, number
from ui.worker import Operation

MATRIX_FOLDER = "clusters/matrix_folder"


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    view.setWordWrap(False)
    return view


class ClustersPage(Page):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.heading.setText(self.tr("Clusters"))
        self.operation: Operation | None = None
        self.suggestions_dialog: SuggestionsDialog | None = None
        self.cluster_dialog: ClusterDialog | None = None
        self.link_dialog: LinkToProjectDialog | None = None
        self.notice = Notice("clustersResult")
        self.layout_.addWidget(self.notice)

        # --- clusters and members (left) ---
        self.cluster_model = ClusterListModel(self)
        self.cluster_model.membersDropped.connect(self.add_members)
        self.cluster_view = _table("clusterList")
        self.cluster_view.setModel(self.cluster_model)
        self.cluster_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cluster_view.setAcceptDrops(True)
        self.cluster_view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.cluster_view.setDropIndicatorShown(True)
        self.cluster_view.setDefaultDropAction(Qt.DropAction.CopyAction)
        header = self.cluster_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.cluster_view.selectionModel().selectionChanged.connect(self._cluster_selected)
        self.cluster_view.doubleClicked.connect(lambda _index: self.edit_cluster())
        self.cluster_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.cluster_view.customContextMenuRequested.connect(self._cluster_menu)

        self.new_button = QPushButton(self.tr("New cluster…"))
        self.new_button.setObjectName("newCluster")
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("editCluster")
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteCluster")
        self.suggest_button = QPushButton(self.tr("Suggest clusters…"))
        self.suggest_button.setObjectName("suggestClusters")
        self.new_button.clicked.connect(self.new_cluster)
        self.edit_button.clicked.connect(self.edit_cluster)
        self.delete_button.clicked.connect(self.delete_cluster)
        self.suggest_button.clicked.connect(self.suggest)
        self.link_button = QPushButton(self.tr("Link to project…"))
        self.link_button.setObjectName("linkClusterToProject")
        self.link_button.clicked.connect(self.link_cluster_to_project)
        cluster_buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.link_button):
            cluster_buttons.addWidget(button)
        cluster_buttons.addStretch(1)
        cluster_buttons.addWidget(self.suggest_button)

        self.member_model = MemberModel(self)
        self.member_view = _table("memberList")
        self.member_view.setModel(self.member_model)
        self.member_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        member_header = self.member_view.horizontalHeader()
        member_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = {"document": 96, "paragraph": 64, "mechanism": 44, "response": 78, "implementation_status": 120}
        for name, width in widths.items():
            column = MEMBER_FIELDS.index(name)
            self.member_view.setColumnWidth(column, max(width, member_header.sectionSizeHint(column)))
        text_column = MEMBER_FIELDS.index("text")
        member_header.setSectionResizeMode(text_column, QHeaderView.ResizeMode.Stretch)
        member_header.moveSection(text_column, len(MEMBER_FIELDS) - 1)  # the long text last, taking the room
        self.members_title = label("", "cardTitle", "membersTitle")
        self.remove_button = QPushButton(self.tr("Remove from cluster"))
        self.remove_button.setObjectName("removeMembers")
        self.remove_button.clicked.connect(self.remove_selected_members)
        member_bar = QHBoxLayout()
        member_bar.addWidget(self.members_title, 1)
        member_bar.addWidget(self.remove_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(label(self.tr("Clusters"), "cardTitle"))
        left_layout.addLayout(cluster_buttons)
        left_layout.addWidget(self.cluster_view, 3)
        left_layout.addLayout(member_bar)
        left_layout.addWidget(self.member_view, 2)
        self.projects_label = label("", "caption", "clusterProjects", wrap=True)
        left_layout.addWidget(self.projects_label)

        # --- recommendations (right) ---
        self.rec_model = RecommendationTableModel(context.store, self)
        self.rec_view = _table("clusterRecommendations")
        self.rec_view.setModel(self.rec_model)
        self.rec_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.rec_view.setDragEnabled(True)
        self.rec_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.rec_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.rec_view.customContextMenuRequested.connect(self._recommendation_menu)
        shown = ("document", "paragraph", "text", "mechanism", "response")
        for column, name in enumerate(COLUMNS):
            self.rec_view.setColumnHidden(column, name not in shown or name not in DEFAULT_VISIBLE)
        rec_header = self.rec_view.horizontalHeader()
        rec_header.moveSection(rec_header.visualIndex(COLUMNS.index("text")), len(COLUMNS) - 1)
        rec_header.setStretchLastSection(True)
        for name, width in (("document", 96), ("paragraph", 64), ("mechanism", 44), ("response", 78)):
            column = COLUMNS.index(name)
            self.rec_view.setColumnWidth(column, max(width, rec_header.sectionSizeHint(column)))
        self.search = QLineEdit()
        self.search.setObjectName("clusterSearch")
        self.search.setPlaceholderText(self.tr("Search the recommendations…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self.rec_count = label("", "caption", "clusterRecommendationCount")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(label(self.tr("Recommendations: drag them onto a cluster"), "cardTitle"))
        right_layout.addWidget(self.search)
        right_layout.addWidget(self.rec_view, 1)
        right_layout.addWidget(self.rec_count)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("clustersSplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([640, 520])

        # --- matrix ---
        self.matrix_model = MatrixModel(self)
        self.matrix_proxy = QSortFilterProxyModel(self)
        self.matrix_proxy.setSourceModel(self.matrix_model)
        self.matrix_proxy.setSortRole(SORT_ROLE)
        self.matrix_view = _table("clusterMatrix")
        self.matrix_view.setModel(self.matrix_proxy)
        self.matrix_view.setSortingEnabled(False)
        self.matrix_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.matrix_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.matrix_view.setColumnWidth(0, 320)  # the title: wide enough to read, the counts scroll if need be
        self.matrix_view.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export matrix…"))
        self.export_button.setObjectName("exportMatrix")
        self.export_button.clicked.connect(self.export_matrix)
        matrix_bar = QHBoxLayout()
        matrix_bar.addWidget(
            label(self.tr("Clusters as rows, high priority first; counts of their recommendations."), "caption"), 1
        )
        matrix_bar.addWidget(self.export_button)
        matrix = QWidget()
        matrix_layout = QVBoxLayout(matrix)
        matrix_layout.addLayout(matrix_bar)
        matrix_layout.addWidget(self.matrix_view, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("clustersTabs")
        self.tabs.addTab(splitter, self.tr("Clusters"))
        self.tabs.addTab(matrix, self.tr("Matrix"))
        self.tabs.setMinimumHeight(560)
        self.layout_.addWidget(self.tabs, 1)
        self._update_buttons()

    # --- reading ---------------------------------------------------------------------------------
    @property
    def store(self):  # type: ignore[no-untyped-def]
        return self.context.store

    def load(self) -> None:
        country = self.context.country
        self.subheading.setText(f"{self.context.country_name(country)} ({country})" if country else "")
        selected = self.selected_cluster_uid()
        self.cluster_model.set_rows(clusters.list_clusters(self.store, country) if country else [])
        self.matrix_model.set_rows(cluster_matrix.cluster_matrix(self.store, country) if country else [])
        self.apply_search()
        self.select_cluster(selected)
        self._load_members()
        self._update_buttons()

    def apply_search(self) -> None:
        country = self.context.country
        f = query.RecFilter(country=country or "\0", text=self.search.text().strip())
        self.rec_model.set_filter(f)
        self.rec_count.setText(arg(self.tr("%1 recommendations"), number(self.rec_model.total)))

    def selected_cluster_uid(self) -> str:
        rows = self.cluster_view.selectionModel().selectedRows()
        cluster = self.cluster_model.cluster(rows[0].row()) if rows else None
        return cluster.uid if cluster else ""

    def select_cluster(self, uid: str) -> None:
        row = self.cluster_model.row_of(uid) if uid else -1
        if row < 0:
            self.cluster_view.clearSelection()
            return
        self.cluster_view.selectRow(row)

    def _cluster_selected(self, *_args: object) -> None:
        self._load_members()
        self._update_buttons()

    def _load_members(self) -> None:
        uid = self.selected_cluster_uid()
        rows = []
        if uid:
            for member in clusters.member_uids(self.store, uid):
                try:
                    record = records.get(self.store, "recommendations", member)
                except LookupError:
                    continue
                if record.get("deleted", "0") != "1":
                    rows.append(record)
            rows.sort(key=lambda r: (r.get("document", ""), r.get("paragraph", "")))
        self.member_model.set_rows(rows)
        cluster = self.cluster_model.cluster(self.cluster_model.row_of(uid)) if uid else None
        self.members_title.setText(
            arg(self.tr("In '%1': %2 recommendations"), cluster.title, number(len(rows)))
            if cluster
            else self.tr("Select a cluster to see its recommendations")
        )
        self._load_projects(uid)

    def _load_projects(self, uid: str) -> None:
        """'Projects: …' working on the selected cluster (directly or through a member), as coverage counts them."""
        country = self.context.country
        if not uid or not country:
            self.projects_label.clear()
            self.projects_label.hide()
            return
        row = next((c for c in portfolio.coverage(self.store, country) if c.uid == uid), None)
        titles = [title for _uid, title in row.projects] if row else []
        self.projects_label.setText(
            arg(self.tr("Projects: %1"), ", ".join(titles)) if titles else self.tr("Projects: none yet")
        )
        self.projects_label.show()

    def _update_buttons(self) -> None:
        has_country = bool(self.context.country)
        chosen = bool(self.selected_cluster_uid())
        self.new_button.setEnabled(has_country)
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.link_button.setEnabled(chosen and has_country)
        self.remove_button.setEnabled(chosen)
        self.suggest_button.setEnabled(has_country and self.operation is None)
        self.export_button.setEnabled(has_country and self.matrix_model.rowCount() > 0)

    def say(self, html: str, tone: str) -> None:
        self.notice.set_message(html, tone)

    def _changed_here(self, select: str = "") -> None:
        """After an edit: read again now (this page is shown), then tell the other pages."""
        self.refresh()
        if select:
            self.select_cluster(select)
        self.context.notify_data_changed()
        self._stale = False  # our own refresh already happened

    # --- clusters --------------------------------------------------------------------------------
    def new_cluster(self) -> None:
        if not self.context.country:
            return
        self._open_cluster_dialog(None)

    def edit_cluster(self) -> None:
        uid = self.selected_cluster_uid()
        if uid:
            self._open_cluster_dialog(uid)

    def _open_cluster_dialog(self, uid: str | None) -> None:
        values = records.get(self.store, "clusters", uid) if uid else None
        dialog = ClusterDialog(clusters.goal_titles(self.store), values, self)
        self.cluster_dialog = dialog
        dialog.accepted.connect(lambda: self._save_cluster(dialog, uid))
        dialog.finished.connect(lambda _result: self._cluster_dialog_closed(dialog))
        dialog.open()

    def _cluster_dialog_closed(self, dialog: ClusterDialog) -> None:
        if self.cluster_dialog is dialog:
            self.cluster_dialog = None
        dialog.deleteLater()

    def _save_cluster(self, dialog: ClusterDialog, uid: str | None) -> None:
        values = dialog.values()
        try:
            if uid:
                records.update(self.store, "clusters", uid, values)
            else:
                uid = records.create(self.store, "clusters", {"country": self.context.country, **values})
        except EditRefused as refused:
            self.say(arg(self.tr("<b>Not saved:</b> %1"), escape("; ".join(refused.problems))), "bad")
            return
        self.say(arg(self.tr("<b>Saved</b> the cluster '%1'."), escape(values["title"])), "good")
        self._changed_here(uid)

    def delete_cluster(self) -> None:
        uid = self.selected_cluster_uid()
        cluster = self.cluster_model.cluster(self.cluster_model.row_of(uid)) if uid else None
        if cluster is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete cluster"),
            arg(
                self.tr("Delete the cluster '%1'? Its %2 recommendations stay; only the grouping goes."),
                cluster.title,
                number(cluster.members),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        records.delete_record(self.store, "clusters", uid)
        self.say(arg(self.tr("<b>Deleted</b> the cluster '%1'."), escape(cluster.title)), "good")
        self._changed_here()

    def _cluster_menu(self, position: QPoint) -> None:
        menu = self.cluster_menu(position)
        if menu is not None:
            menu.exec(self.cluster_view.viewport().mapToGlobal(position))
            menu.deleteLater()

    def cluster_menu(self, position: QPoint) -> QMenu | None:
        """The context menu of the cluster at ``position`` (it becomes the selected one): 'Link to project…'."""
        row = self.cluster_view.indexAt(position).row()
        if row >= 0:
            self.cluster_view.selectRow(row)
        if not self.selected_cluster_uid():
            return None
        menu = QMenu(self)
        menu.setObjectName("clusterMenu")
        action = menu.addAction(self.tr("Link to project…"))
        action.setObjectName("linkClusterToProject")
        action.triggered.connect(self.link_cluster_to_project)
        return menu

    def link_cluster_to_project(self) -> None:
        uid, country = self.selected_cluster_uid(), self.context.country
        cluster = self.cluster_model.cluster(self.cluster_model.row_of(uid)) if uid else None
        if cluster is None or not country:
            return
        what = arg(self.tr("Projects working on the cluster '%1':"), cluster.title)

        def refused(message: str) -> None:
            self.say(arg(self.tr("<b>Not linked:</b> %1"), escape(message)), "bad")

        def done(changed: int) -> None:
            self.say(arg(self.tr("<b>Updated</b> the links of %1 projects."), number(changed)), "good")
            self._changed_here(uid)

        self.link_dialog = open_link_dialog(self, self.store, country, "cluster", [uid], what, done, refused)
        self.link_dialog.finished.connect(lambda _result: setattr(self, "link_dialog", None))

    # --- members ---------------------------------------------------------------------------------
    def add_members(self, cluster_uid: str, uids: list[str]) -> int:
        added = clusters.add_members(self.store, cluster_uid, uids)
        cluster = self.cluster_model.cluster(self.cluster_model.row_of(cluster_uid))
        title = escape(cluster.title if cluster else "")
        if added:
            self.say(arg(self.tr("<b>Added</b> %1 recommendations to '%2'."), number(added), title), "good")
        else:
            self.say(arg(self.tr("Those recommendations are already in '%1'."), title), "info")
        self._changed_here(cluster_uid)
        return added

    def selected_recommendations(self) -> list[str]:
        rows = sorted({index.row() for index in self.rec_view.selectionModel().selectedRows()})
        return [uid for uid in (self.rec_model.uid(row) for row in rows) if uid]

    def _recommendation_menu(self, position: QPoint) -> None:
        menu = self.recommendation_menu()
        if menu is not None:
            menu.exec(self.rec_view.viewport().mapToGlobal(position))

    def recommendation_menu(self) -> QMenu | None:
        """The context menu of the selected recommendations: 'Add to cluster ▸ <titles>'."""
        uids = self.selected_recommendations()
        if not uids:
            return None
        menu = QMenu(self)
        menu.setObjectName("recommendationMenu")
        submenu = menu.addMenu(self.tr("Add to cluster"))
        submenu.setObjectName("addToCluster")
        for row in range(self.cluster_model.rowCount()):
            cluster = self.cluster_model.cluster(row)
            assert cluster is not None
            action = submenu.addAction(cluster.title)
            action.setData(cluster.uid)
            action.triggered.connect(lambda _checked=False, uid=cluster.uid: self.add_members(uid, uids))
        submenu.setEnabled(bool(self.cluster_model.rowCount()))
        return menu

    def remove_selected_members(self) -> None:
        uid = self.selected_cluster_uid()
        rows = sorted({index.row() for index in self.member_view.selectionModel().selectedRows()})
        uids = [self.member_model.uid(row) for row in rows]
        if not uid or not uids:
            self.say(self.tr("Select the recommendations to remove from the cluster first."), "info")
            return
        gone = clusters.remove_members(self.store, uid, uids)
        self.say(arg(self.tr("<b>Removed</b> %1 recommendations from the cluster."), number(gone)), "good")
        self._changed_here(uid)

    # --- matrix ----------------------------------------------------------------------------------
    def export_matrix(self) -> None:
        country = self.context.country
        if not country:
            return
        folder = str(QSettings().value(MATRIX_FOLDER, str(Path.home())))
        suggested = str(Path(folder) / f"cluster-matrix-{country}.xlsx")
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the cluster matrix"), suggested, self.tr("Excel workbooks (*.xlsx)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        QSettings().setValue(MATRIX_FOLDER, str(path.parent))
        try:
            n = cluster_matrix.export_matrix(self.store, country, path)
        except OSError as error:
            self.say(arg(self.tr("<b>Not exported:</b> %1"), escape(str(error))), "bad")
            return
        self.say(arg(self.tr("<b>Matrix written</b> to %1: %2 clusters."), escape(str(path)), number(n)), "good")

    # --- suggestions -----------------------------------------------------------------------------
    def suggest(self) -> None:
        country = self.context.country
        if not country or self.operation is not None:
            return
        store = self.store

        def ended() -> None:
            self.operation = None
            self._update_buttons()

        self.operation = run_with_progress(
            self,
            self.tr("Suggesting clusters"),
            lambda progress, cancelled: clustering.suggest_clusters(
                store, country, progress=progress, cancelled=cancelled
            ),
            success=self._suggested,
            failure=lambda error: self.say(
                arg(self.tr("<b>No suggestions:</b> %1"), escape(str(error) or type(error).__name__)), "bad"
            ),
            cancelled=lambda: self.say(self.tr("Suggesting clusters was cancelled."), "info"),
        )
        self.operation.finished.connect(ended)
        self._update_buttons()

    def _suggested(self, suggestions: list[clustering.Suggestion]) -> None:
        if not suggestions:
            self.say(self.tr("Every recommendation of this country is in a cluster: nothing to suggest."), "info")
            return
        dialog = SuggestionsDialog(suggestions, self)
        self.suggestions_dialog = dialog
        dialog.acceptRequested.connect(self._accept_suggestions)
        dialog.finished.connect(lambda _result: self._suggestions_closed(dialog))
        dialog.open()

    def _suggestions_closed(self, dialog: SuggestionsDialog) -> None:
        if self.suggestions_dialog is dialog:
            self.suggestions_dialog = None
        dialog.deleteLater()

    def _accept_suggestions(self, chosen: list) -> None:
        dialog = self.suggestions_dialog
        made, problems, done_rows = [], [], []
        for row, title, uids in chosen:
            try:
                clustering.accept_suggestion(self.store, self.context.country, title, uids)
            except EditRefused as refused:
                problems.append(f"{title}: {'; '.join(refused.problems)}")
                continue
            made.append(title)
            done_rows.append(row)
        if dialog is not None:
            dialog.remove(done_rows)
            dialog.message.setText(
                arg(self.tr("%1 clusters created."), len(made)) + (" " + " ".join(problems) if problems else "")
            )
        if made:
            self.say(
                arg(self.tr("<b>Created</b> %1 clusters: %2."), len(made), escape(", ".join(made))),
                "warning" if problems else "good",
            )
            self._changed_here()
