"""Resolve conflicts: records changed here and, differently, by the sender of a package.

The list shows every open conflict; the one selected is shown field by field, this desk's version beside
the sender's, differing fields tinted. The user keeps theirs own version, takes the sender's whole, or
ticks the fields to take from the sender and applies those choices (``conflicts.resolve`` with
``'mine'``, ``'theirs'`` or ``'fields'``). Resolving is one small transaction, so it runs on the GUI
thread; the dialog then reloads the list and tells the app that data changed (``resolved``).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tcdesk.services import conflicts, exchange
from tcdesk.services.conflicts import ConflictView
from tcdesk.services.records import RecordNotFound
from tcdesk.store.db import Store
from ui.labels import arg
from ui.models.conflicts import ConflictFieldsModel, ConflictListModel, record_kind, record_title
from ui.widgets import Notice, label

ROW_PADDING = 6


class ConflictsDialog(QDialog):
    resolved = Signal()
    """A conflict was resolved: the store changed (figures, changes to send)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("Resolve conflicts"))
        self.resize(1100, 760)
        intro = label(
            self.tr(
                "These records were changed on this desk and, differently, by the sender of a package. "
                "Your version stays in force until you choose. Keeping yours (wholly or in part) sends it "
                "to HQ with the next return; taking theirs replaces yours as it came."
            ),
            "paragraph",
            wrap=True,
        )
        self.list_model = ConflictListModel(self)
        self.list_view = QTableView()
        self.list_view.setObjectName("conflictList")
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setWordWrap(False)
        self.list_view.verticalHeader().hide()
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ConflictListModel.COL_RECORD, QHeaderView.ResizeMode.Stretch)
        self.list_view.selectionModel().selectionChanged.connect(self._selection_changed)

        self.record = label(role="cardTitle", name="conflictRecord", wrap=True)
        self.record.setTextFormat(Qt.TextFormat.PlainText)
        self.fields_model = ConflictFieldsModel(self)
        self.fields_model.choicesChanged.connect(self._update_buttons)
        self.fields_view = QTableView()
        self.fields_view.setObjectName("conflictFields")
        self.fields_view.setModel(self.fields_model)
        self.fields_view.setWordWrap(True)
        self.fields_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.fields_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.fields_view.verticalHeader().hide()
        fields_header = self.fields_view.horizontalHeader()
        fields_header.setSectionResizeMode(ConflictFieldsModel.COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        fields_header.setSectionResizeMode(ConflictFieldsModel.COL_MINE, QHeaderView.ResizeMode.Stretch)
        fields_header.setSectionResizeMode(ConflictFieldsModel.COL_THEIRS, QHeaderView.ResizeMode.Stretch)
        fields_header.setSectionResizeMode(ConflictFieldsModel.COL_TAKE, QHeaderView.ResizeMode.ResizeToContents)
        fields_header.sectionResized.connect(self._columns_resized)

        self.keep_mine = self._button(self.tr("Keep &mine"), "keepMine", lambda: self._resolve("mine"))
        self.take_theirs = self._button(self.tr("Take &theirs"), "takeTheirs", lambda: self._resolve("theirs"))
        self.apply_choices = self._button(self.tr("&Apply my choices"), "applyChoices", self._apply_choices)
        self.keep_mine.setToolTip(self.tr("Keep this desk's version of every field"))
        self.take_theirs.setToolTip(self.tr("Replace this desk's version with theirs, as it came"))
        self.apply_choices.setToolTip(self.tr("Take their value of the ticked fields, keep yours for the rest"))
        actions = QHBoxLayout()
        actions.addWidget(label(self.tr("Tick “Use theirs” for the fields to take from them."), "caption"), 1)
        for button in (self.keep_mine, self.take_theirs, self.apply_choices):
            actions.addWidget(button)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 8, 0, 0)
        detail_layout.addWidget(self.record)
        detail_layout.addWidget(self.fields_view, 1)
        detail_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list_view)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([140, 560])

        self.message = Notice("conflictsMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._origins: dict[str, str] = {}
        self.load()

    def _button(self, text: str, name: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # --- data ------------------------------------------------------------------------------------
    def load(self, row: int = 0) -> None:
        """Read the open conflicts again and select ``row`` (or the last one)."""
        self._origins = {e.package_id: e.origin for e in exchange.exchange_log(self.store)}
        self.list_model.set_rows(conflicts.open_conflicts(self.store))
        count = self.list_model.rowCount()
        if count:
            self.select(min(row, count - 1))
        else:
            self._show(None)

    def select(self, row: int) -> None:
        self.list_view.selectionModel().select(
            self.list_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.list_view.setCurrentIndex(self.list_model.index(row, 0))

    def current(self) -> ConflictView | None:
        rows = self.list_view.selectionModel().selectedRows()
        return self.list_model.view_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        self._show(self.current())

    def _show(self, view: ConflictView | None) -> None:
        if view is None:
            self.fields_model.set_view(None)
            self.record.setText(
                self.tr("No open conflicts.") if not self.list_model.rowCount() else self.tr("Select a conflict.")
            )
            self._update_buttons()
            return
        origin = self._origins.get(view.package_id) or self.tr("the sender")
        self.fields_model.set_view(
            view,
            arg(self.tr("This desk (revision %1)"), view.mine.get("rev", "?")),
            arg(self.tr("%1 (revision %2)"), origin, view.their_rev),
        )
        self.record.setText(f"{record_kind(view.table)} · {record_title(view)}")
        self._update_buttons()
        QTimer.singleShot(0, self, self._fit_rows)  # once the columns have their final widths

    def _fit_rows(self) -> None:
        """Wrap long values to their full height, with a little air, and show the first (differing) rows."""
        self.fields_view.resizeRowsToContents()
        for row in range(self.fields_model.rowCount()):
            self.fields_view.setRowHeight(row, self.fields_view.rowHeight(row) + ROW_PADDING)
        self.fields_view.scrollToTop()  # the differing fields come first

    def _columns_resized(self, *_args: object) -> None:
        QTimer.singleShot(0, self, self._fit_rows)  # once, after the header has finished resizing

    def _update_buttons(self) -> None:
        selected = self.current() is not None
        self.keep_mine.setEnabled(selected)
        self.take_theirs.setEnabled(selected)
        self.apply_choices.setEnabled(selected and bool(self.fields_model.chosen()))

    # --- resolving -------------------------------------------------------------------------------
    def _apply_choices(self) -> None:
        self._resolve("fields", self.fields_model.chosen())

    def _resolve(self, keep: str, fields: list[str] | None = None) -> None:
        view = self.current()
        if view is None:
            return
        row = self.list_view.selectionModel().selectedRows()[0].row()
        try:
            conflicts.resolve(self.store, view.uid, keep, take_theirs_for=fields or ())
        except (RecordNotFound, ValueError) as exc:
            self.message.set_message(arg(self.tr("<b>Not resolved.</b> %1"), escape(str(exc))), "bad")
            self.load(row)
            return
        done = {
            "mine": self.tr("Kept this desk's version"),
            "theirs": self.tr("Took their version"),
            "fields": self.tr("Took their value of the fields you ticked"),
        }[keep]
        self.message.set_message(
            arg(self.tr("<b>%1</b> of %2."), done, escape(f"{record_kind(view.table)} “{record_title(view)}”")),
            "good",
        )
        self.load(row)
        self.resolved.emit()
