"""Recommendations page: facets, full-text search and a table of any size, a detail pane, undoable edits.

Left, the facets (``ui.facet_panel``); centre, the search box and the table (``RecommendationTableModel``:
a count and the rows on screen); right, the record in full (``ui.detail_pane``). Every filter change is
one count, the open facets' counts and, when the view paints, one block of rows: all SQL, in the query
service. Edits (status in the table, in bulk or in the pane; notes in the pane) go through
``RecommendationEditor`` and land on the page's undo stack (Ctrl+Z, Ctrl+Shift+Z).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tcdesk.services import overview, records
from tcdesk.services import recommendation_query as query
from tcdesk.services.recommendation_detail import RecommendationDetail, detail
from ui import labels
from ui.actions import shortcut_action, undo_redo_actions
from ui.context import AppContext
from ui.delegates import HighlightDelegate, StatusDelegate, status_choices
from ui.detail_pane import DetailPane
from ui.dialogs.link_to_project import LinkToProjectDialog, open_link_dialog
from ui.facet_panel import FacetPanel
from ui.models.recommendation_table import (
    COLUMNS,
    DEFAULT_VISIBLE,
    RECORD_ROLE,
    RecommendationTableModel,
    column_title,
)
from ui.pages.base import Page
from ui.recommendation_edits import RecommendationEditor
from ui.widgets import label, number

KEY_COLUMNS = "recommendations/columns"
KEY_HEADER = "recommendations/header"
KEY_SPLITTER = "recommendations/splitter"
SEARCH_DELAY_MS = 250
CONFIRM_ABOVE = 50
ALL_COUNTRIES_LIMIT = 20_000
"""'All countries' is offered up to this many recommendations in the store: beyond it, counting every facet
over every country takes longer than a facet change may (docs/performance.md, Recommendations page)."""
HIGHLIGHTED = ("text", "themes", "affected_persons", "notes")
WIDTHS = {"text": 360, "themes": 220, "affected_persons": 200, "notes": 220, "implementation_status": 150}
WIDTHS |= {"recommending_state": 160, "body": 100, "document": 100, "paragraph": 70, "mechanism": 80}
WIDTHS |= {"uid": 260, "updated_at": 150}


class RecommendationsPage(Page):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.heading.setText(self.tr("Recommendations"))
        self._quiet = False  # True while this page announces its own edit
        self._of_total = 0
        self._loaded_country = ""
        self.link_dialog: LinkToProjectDialog | None = None
        self.undo_stack = QUndoStack(self)
        self.editor = RecommendationEditor(context.store, self.undo_stack, self)
        self.editor.edited.connect(self._edited)
        self.editor.refused.connect(self._refused)

        self.facets = FacetPanel(context.country_name)
        self.facets.changed.connect(self.apply_filter)
        self.facets.allCountriesChanged.connect(lambda _on: self.apply_filter())
        self.facets.expanded.connect(self._count_facet)
        facet_scroll = QScrollArea()
        facet_scroll.setObjectName("facetScroll")
        facet_scroll.setWidgetResizable(True)
        facet_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        facet_scroll.setWidget(self.facets)
        facet_scroll.setMinimumWidth(200)

        self.model = RecommendationTableModel(context.store, self)
        self.model.editRequested.connect(self._cell_edited)
        self.table = self._build_table()
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(8, 0, 8, 0)
        centre_layout.setSpacing(6)
        centre_layout.addLayout(self._build_toolbar())
        self.empty = label(name="recommendationEmpty", role="caption", wrap=True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.linkActivated.connect(lambda _link: self.clear_filters())
        centre_layout.addWidget(self.empty)
        centre_layout.addWidget(self.table, 1)

        self.detail = DetailPane()
        self.detail.saveRequested.connect(self._detail_saved)
        self.detail.setMinimumWidth(260)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("recommendationSplitter")
        self.splitter.addWidget(facet_scroll)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 760, 300])
        self.splitter.setChildrenCollapsible(False)
        saved = QSettings().value(KEY_SPLITTER)
        if isinstance(saved, QByteArray):
            self.splitter.restoreState(saved)
        self.splitter.splitterMoved.connect(lambda *_: QSettings().setValue(KEY_SPLITTER, self.splitter.saveState()))
        self.layout_.setContentsMargins(16, 14, 16, 10)
        self.layout_.addWidget(self.splitter, 1)
        self._build_actions()
        self._restore_columns()

    # --- building ------------------------------------------------------------------------------
    def _build_toolbar(self) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setObjectName("recommendationSearch")
        self.search.setPlaceholderText(self.tr("Search text, themes and notes, in any UN language"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.count_label = label(role="caption", name="recommendationCount")
        self.bulk_button = QToolButton()
        self.bulk_button.setObjectName("bulkStatus")
        self.bulk_button.setText(self.tr("Set status…"))
        self.bulk_button.setToolTip(self.tr("Set the implementation status of the selected recommendations"))
        self.bulk_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.link_button = QToolButton()
        self.link_button.setObjectName("linkToProjectButton")
        self.columns_button = QToolButton()
        self.columns_button.setObjectName("columnsButton")
        self.columns_button.setText(self.tr("Columns"))
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_button.setMenu(QMenu(self.columns_button))
        self.columns_button.menu().aboutToShow.connect(lambda: self._fill_columns_menu(self.columns_button.menu()))
        self.undo_button, self.redo_button = QToolButton(), QToolButton()
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.search, 1)
        row.addWidget(self.count_label)
        for button in (self.bulk_button, self.link_button, self.undo_button, self.redo_button, self.columns_button):
            row.addWidget(button)
        return row

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("recommendationTable")
        table.setModel(self.model)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        table.setDragEnabled(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        table.setDefaultDropAction(Qt.DropAction.CopyAction)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measures rows: none is loaded for it
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for column, name in enumerate(COLUMNS):
            header.resizeSection(column, WIDTHS.get(name, 90))
        self._highlighter = HighlightDelegate(lambda: self.model.filter.text, table)
        for name in HIGHLIGHTED:
            table.setItemDelegateForColumn(COLUMNS.index(name), self._highlighter)
        table.setItemDelegateForColumn(COLUMNS.index("implementation_status"), StatusDelegate(table))
        table.setSortingEnabled(True)
        header.setSortIndicator(COLUMNS.index("document"), Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._table_menu)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        return table

    def _build_actions(self) -> None:
        def action(text: str, keys: list[str], slot, name: str) -> QAction:  # type: ignore[no-untyped-def]
            return shortcut_action(self, text, keys, slot, name)

        self.undo_action, self.redo_action = undo_redo_actions(
            self, self.undo_stack, "Edit", self.undo_button, self.redo_button
        )
        self.save_action = action(self.tr("Save status and notes"), ["Ctrl+S"], self.detail.save, "saveDetail")
        self.bulk_selection_action = QAction(self.tr("Set implementation status of the selection…"), self)
        self.bulk_selection_action.triggered.connect(self.set_status_of_selection)
        self.bulk_all_action = QAction(self)
        self.bulk_all_action.triggered.connect(self.set_status_of_all)
        menu = QMenu(self.bulk_button)
        menu.addAction(self.bulk_selection_action)
        menu.addAction(self.bulk_all_action)
        self.bulk_button.setMenu(menu)
        self.bulk_button.clicked.connect(self._bulk_clicked)
        self.link_action = QAction(self.tr("Link to project…"), self)
        self.link_action.setObjectName("linkToProject")
        self.link_action.setToolTip(self.tr("Link the selected recommendations to projects of this country"))
        self.link_action.triggered.connect(self.link_selection_to_project)
        self.link_button.setDefaultAction(self.link_action)
        self._update_actions()

    # --- loading and filtering -----------------------------------------------------------------
    def load(self) -> None:
        """The country or the data changed (or first show): read everything again."""
        self._commit_detail()
        several = len(overview.countries_in_store(self.context.store)) > 1
        cheap = several and query.count(self.context.store, query.RecFilter()) <= ALL_COUNTRIES_LIMIT
        self.facets.set_all_countries_available(cheap)
        country = self.context.country
        if self.facets.all_countries.isChecked():
            line = self.tr("All countries in the store")
        else:
            line = f"{self.context.country_name(country)} ({country})" if country else ""
        self.subheading.setText(line)
        self.subheading.setVisible(bool(line))
        if country != self._loaded_country:  # another country's bodies and themes mean nothing here
            for model in self.facets.models.values():
                model.clear()
        self._loaded_country = country
        self.apply_filter()

    def base_filter(self) -> query.RecFilter:
        every = self.facets.all_countries.isChecked()
        return query.RecFilter(country="" if every else self.context.country, text=self.search.text().strip())

    def apply_filter(self) -> None:
        """Show what the search and the facets select (one count; rows when painted; open facets counted)."""
        self._search_timer.stop()
        self._commit_detail()
        base = self.base_filter()
        if not base.country and not self.facets.all_countries.isChecked():
            self.model.set_filter(query.RecFilter(country="\0"))  # no country in the store: nothing to show
            self._of_total = 0
        else:
            self.model.set_filter(self.facets.apply(base))
            self._of_total = query.count(self.context.store, query.RecFilter(country=base.country))
        self.facets.refresh(self._facet_counts)
        self.detail.show_nothing()
        self._update_counts()

    def _facet_counts(self, facet: str) -> list[tuple[str, int]]:
        if self.model.filter.country == "\0":
            return []
        return query.facet_counts(self.context.store, self.model.filter, facet)

    def _count_facet(self, facet: str) -> None:
        self.facets.refresh(self._facet_counts, only=facet)

    def clear_filters(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        for model in self.facets.models.values():
            model.clear()
        self.apply_filter()

    def _update_counts(self) -> None:
        shown, total = self.model.total, self._of_total
        self.count_label.setText(labels.arg(self.tr("%1 of %2"), number(shown), number(total)))
        if not self.context.country and not self.facets.all_countries.isChecked():
            message = self.tr("No country in the store yet: import a package from HQ to start.")
        elif not total:
            message = self.tr("No recommendations for this country yet: they arrive in packages from HQ.")
        elif not shown:
            message = self.tr(
                'No recommendation matches: clear a facet or the search. <a href="clear">Clear all filters</a>'
            )
        else:
            message = ""
        self.empty.setText(message)
        self.empty.setVisible(bool(message))
        self._update_actions()

    def _update_actions(self) -> None:
        selected = len(self.selected_rows())
        self.bulk_selection_action.setEnabled(selected > 0)
        self.link_action.setEnabled(selected > 0 and bool(self.context.country))
        self.bulk_button.setEnabled(self.model.total > 0)
        self.bulk_all_action.setText(
            labels.arg(self.tr("Set implementation status of all %1 matching…"), number(self.model.total))
        )
        self.bulk_all_action.setEnabled(self.model.total > 0)

    # --- selection and detail ------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def selected_uids(self) -> list[str]:
        return [uid for uid in (self.model.uid(row) for row in self.selected_rows()) if uid]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._commit_detail()
        if current.isValid():
            self.show_detail(current.row())
        else:
            self.detail.show_nothing()

    def show_detail(self, row: int) -> None:
        record = self.model.index(row, 0).data(RECORD_ROLE)
        if not record:
            self.detail.show_nothing()
            return
        try:
            shown = detail(self.context.store, record["uid"])
        except records.RecordNotFound:
            self.detail.show_detail(RecommendationDetail(record), self.model.filter.text, deleted=True)
            return
        self.detail.show_detail(shown, self.model.filter.text)

    def _reshow_detail(self) -> None:
        uid = self.detail.uid
        if not uid:
            return
        try:
            self.detail.show_detail(detail(self.context.store, uid), self.model.filter.text)
        except records.RecordNotFound:
            self.detail.show_nothing()

    def _commit_detail(self) -> None:
        """Unsaved status or notes are saved (undoably) before the pane shows something else."""
        if getattr(self, "detail", None) is not None and self.detail.changes():
            self.detail.save()

    # --- edits ---------------------------------------------------------------------------------
    def _cell_edited(self, uid: str, field: str, value: str) -> None:
        self.editor.set_values([uid], {field: value}, self.tr("Set implementation status"))

    def _detail_saved(self, uid: str, changes: dict) -> None:
        self.editor.set_values([uid], changes, self.tr("Edit status and notes"))

    def _bulk_clicked(self) -> None:
        if self.selected_rows():
            self.set_status_of_selection()
        else:
            self.bulk_button.showMenu()  # nothing selected: offer "all matching" instead

    def set_status_of_selection(self) -> None:
        uids = self.selected_uids()
        if uids:
            self.ask_status(uids)

    def set_status_of_all(self) -> None:
        if self.model.total:
            self.ask_status(query.uids(self.context.store, self.model.filter))

    def ask_status(self, uids: list[str]) -> None:
        """Ask for a status (a window-modal dialog, not blocking) and set it on ``uids`` when confirmed."""
        dialog = QInputDialog(self)
        dialog.setObjectName("bulkStatusDialog")
        dialog.setWindowTitle(self.tr("Set implementation status"))
        dialog.setLabelText(labels.arg(self.tr("Implementation status of %1 recommendation(s):"), number(len(uids))))
        choices = status_choices()
        dialog.setComboBoxItems([name for _value, name in choices])
        dialog.setComboBoxEditable(False)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        values = {name: value for value, name in choices}
        dialog.textValueSelected.connect(lambda name: self._confirm_bulk(uids, values[name], name))
        dialog.open()

    def _confirm_bulk(self, uids: list[str], status: str, name: str) -> None:
        if len(uids) <= CONFIRM_ABOVE:
            self.set_status(uids, status)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Set implementation status"),
            labels.arg(
                self.tr("Set the status of %1 recommendations to “%2”? You can undo it."), number(len(uids)), name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("bulkConfirm")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self.set_status(uids, status))
        box.open()

    def set_status(self, uids: list[str], status: str) -> int:
        text = labels.arg(self.tr("Set implementation status of %1 recommendation(s)"), number(len(uids)))
        return self.editor.set_values(uids, {"implementation_status": status}, text)

    def link_selection_to_project(self) -> None:
        """Link to project…: tick the projects that work on the selected recommendations."""
        uids, country = self.selected_uids(), self.context.country
        if not uids or not country:
            return
        self._commit_detail()
        what = labels.arg(self.tr("Projects working on the %1 selected recommendation(s):"), number(len(uids)))
        self.link_dialog = open_link_dialog(
            self, self.context.store, country, "recommendation", uids, what, self._linked, self._refused
        )
        self.link_dialog.finished.connect(lambda _result: setattr(self, "link_dialog", None))

    def _linked(self, _changed: int) -> None:
        self._reshow_detail()  # its projects; the selection stays
        self._quiet = True
        try:
            self.context.notify_data_changed()  # the other pages and the status bar
        finally:
            self._quiet = False

    def _edited(self, uids: list[str]) -> None:
        current = self.table.currentIndex()
        self.model.refresh()
        self.facets.refresh(self._facet_counts)
        self._update_counts()
        if self.detail.uid in uids or (not current.isValid() and self.detail.uid):
            self._reshow_detail()
        self._quiet = True
        try:
            self.context.notify_data_changed()  # the status bar's changes to send, the other pages
        finally:
            self._quiet = False

    def _refused(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Edit refused"),
            self.tr("Nothing was changed:") + "\n\n" + message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("editRefused")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.detail.revert()

    def _changed(self, *args: object) -> None:
        if not self._quiet:  # our own edit is already shown
            super()._changed(*args)

    # --- columns and sorting -------------------------------------------------------------------
    def visible_columns(self) -> list[str]:
        header = self.table.horizontalHeader()
        return [name for column, name in enumerate(COLUMNS) if not header.isSectionHidden(column)]

    def set_visible_columns(self, names: list[str] | tuple[str, ...]) -> None:
        wanted = [name for name in names if name in COLUMNS] or list(DEFAULT_VISIBLE)
        header = self.table.horizontalHeader()
        for column, name in enumerate(COLUMNS):
            header.setSectionHidden(column, name not in wanted)
        self._save_columns()

    def _save_columns(self) -> None:
        settings = QSettings()
        settings.setValue(KEY_COLUMNS, self.visible_columns())
        settings.setValue(KEY_HEADER, self.table.horizontalHeader().saveState())

    def _restore_columns(self) -> None:
        settings = QSettings()
        header = self.table.horizontalHeader()
        state = settings.value(KEY_HEADER)
        if isinstance(state, QByteArray) and not state.isEmpty():
            header.restoreState(state)  # widths and order; the sort comes from the indicator it restores
        saved = settings.value(KEY_COLUMNS)
        names = [saved] if isinstance(saved, str) else list(saved or DEFAULT_VISIBLE)
        for column, name in enumerate(COLUMNS):
            header.setSectionHidden(column, name not in names)
        if not self.visible_columns():
            self.set_visible_columns(DEFAULT_VISIBLE)
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        if self.model.is_sortable(column):
            self.model.sort(column, order)
        else:
            header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.AscendingOrder)
        header.sectionResized.connect(lambda *_: self._save_columns())
        header.sectionMoved.connect(lambda *_: self._save_columns())

    def _fill_columns_menu(self, menu: QMenu) -> None:
        menu.clear()
        shown = set(self.visible_columns())
        for name in COLUMNS:
            act = menu.addAction(column_title(name))
            act.setCheckable(True)
            act.setChecked(name in shown)
            act.setEnabled(not (name in shown and len(shown) == 1))  # one column always stays
            act.toggled.connect(lambda on, n=name: self._toggle_column(n, on))
        menu.addSeparator()
        menu.addAction(self.tr("Default columns"), lambda: self.set_visible_columns(DEFAULT_VISIBLE))

    def _toggle_column(self, name: str, on: bool) -> None:
        names = set(self.visible_columns())
        names = names | {name} if on else names - {name}
        self.set_visible_columns([n for n in COLUMNS if n in names])

    def _header_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        self._fill_columns_menu(menu)
        menu.popup(self.table.horizontalHeader().mapToGlobal(position))

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if not self.model.is_sortable(column):  # lists and notes: put the indicator back
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            previous = Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(self.model.sort_column(), previous)
            header.blockSignals(False)
        self._save_columns()

    # --- context menu --------------------------------------------------------------------------
    def _table_menu(self, position: QPoint) -> None:
        self.table_menu(position).popup(self.table.viewport().mapToGlobal(position))

    def table_menu(self, position: QPoint) -> QMenu:
        """The table's context menu at ``position`` (a row outside the selection becomes the selection)."""
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
        menu = QMenu(self)
        menu.addAction(self.bulk_selection_action)
        menu.addAction(self.bulk_all_action)
        menu.addAction(self.link_action)
        menu.addSeparator()
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        return menu
