"""The exchange log on the Exchange page: every package imported or exported, and the selected one's detail.

The detail repeats what the log keeps for the entry (PACKAGE-FORMAT.md, guarantee 7): the counts per
sheet, the notes of the import, the package id, whether an untrusted package was allowed, and for a
field return whether HQ has acknowledged it.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.counts_table import CountsTable
from ui.exchange_labels import kind_name, local_time
from ui.labels import arg
from ui.models import SORT_ROLE
from ui.models import exchange_log as columns
from ui.models.counts import CountsModel
from ui.models.exchange_log import ExchangeLogModel, LogRow
from ui.widgets import Card, label


class ExchangeLogCard(Card):
    VISIBLE_ROWS = 8

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Exchange log"), parent)
        self.setObjectName("exchangeLog")
        self.model = ExchangeLogModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("exchangeLogTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(columns.COL_WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(columns.COL_FILE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty = label(self.tr("Nothing imported or exported yet."), "caption", "exchangeLogEmpty")

        self.detail = QWidget()
        self.detail.setObjectName("exchangeLogDetail")
        self.detail_title = label(role="cardTitle", name="exchangeLogDetailTitle", wrap=True)
        self.detail_title.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_facts = label(role="caption", name="exchangeLogDetailFacts", wrap=True)
        self.detail_facts.setTextFormat(Qt.TextFormat.RichText)
        self.detail_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = CountsModel(self)
        self.counts_view = CountsTable(self.counts, "exchangeLogCounts")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("exchangeLogNotes")
        self.notes.setReadOnly(True)
        self.notes.setMaximumHeight(90)
        self.notes_title = label(self.tr("Notes"), "cardTitle")
        notes = QVBoxLayout()
        notes.addWidget(self.notes_title)
        notes.addWidget(self.notes)
        notes.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(18)
        row.addWidget(self.counts_view, 3, Qt.AlignmentFlag.AlignTop)
        row.addLayout(notes, 2)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 6, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_facts)
        detail_layout.addLayout(row)

        self.body.addWidget(self.empty)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.detail)

    def set_rows(self, rows: list[LogRow]) -> None:
        self.model.set_rows(rows)
        shown = min(max(len(rows), 3), self.VISIBLE_ROWS)  # taller than that, the table scrolls
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        height += shown * self.table.verticalHeader().defaultSectionSize()
        height += self.table.horizontalScrollBar().sizeHint().height()  # room for it when narrow
        self.table.setFixedHeight(height)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows:
            self.select(0)
        else:
            self._show(None)

    def select(self, row: int) -> None:
        """Select the ``row``-th entry as shown (newest first unless the user sorted otherwise)."""
        index = self.proxy.index(row, 0)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.setCurrentIndex(index)

    def selected(self) -> LogRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        self._show(self.selected())

    def _signature_fact(self, row: LogRow) -> str:
        if not row.signer:
            return self.tr("Not signed.")
        who = escape(self.model.signature_text(row))
        if not row.is_import:
            return arg(self.tr("Signed with this office's key %1."), escape(row.signer))
        if row.trusted:
            return arg(self.tr("Signed by %1 (trusted key %2)."), who, escape(row.signer))
        return arg(self.tr("Signed with key %1, which this desk does not trust."), escape(row.signer))

    def _show(self, row: LogRow | None) -> None:
        self.detail.setVisible(row is not None)
        if row is None:
            return
        direction = self.tr("Imported") if row.is_import else self.tr("Exported")
        self.detail_title.setText(arg(self.tr("%1: %2 · %3"), direction, row.file_name, local_time(row.processed_at)))
        facts = [
            arg(self.tr("Package id: %1"), escape(row.package_id)),
            arg(
                self.tr("%1 no. %2 from %3, made on %4"),
                kind_name(row.kind),
                row.sequence,
                escape(row.origin),
                local_time(row.created_at),
            ),
            self._signature_fact(row),
        ]
        if row.allowed_untrusted:
            facts.append(self.tr("<b>Not trusted: allowed for this import only.</b>"))
        if row.demo:
            facts.append(self.tr("Demo data, loaded with tcdesk."))
        if not row.is_import and row.kind == "field-return":
            facts.append(self.tr("Acknowledged by HQ.") if row.acknowledged else self.tr("Not yet acknowledged by HQ."))
        self.detail_facts.setText("<br>".join(facts))
        self.counts.set_counts(row.counts)
        self.counts_view.setVisible(bool(row.counts))
        self.notes.setPlainText("\n".join(row.notes))
        self.notes.setVisible(bool(row.notes))
        self.notes_title.setVisible(bool(row.notes))
