"""A compact table of per-sheet counts (sheet × new, updated, …), used by the import preview and the log.

A handful of rows, so the table is exactly as tall as its rows (no inner scroll bar), every number
column has the same width (the eye compares columns, not labels), and nothing is selectable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.models.counts import CountsModel

NUMBER_COLUMN_PADDING = 18
MIN_NUMBER_WIDTH = 64


class CountsTable(QTableView):
    def __init__(self, model: CountsModel, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        model.modelReset.connect(self.fit)
        self.fit()

    def fit(self) -> None:
        """Size the columns and the height to the current counts."""
        model = self.model()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = header.fontMetrics()
        titles = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(1, model.columnCount())]
        width = max((metrics.horizontalAdvance(t) for t in titles), default=0) + NUMBER_COLUMN_PADDING
        for column in range(1, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(width, MIN_NUMBER_WIDTH))
        self.setMinimumWidth(160 + (model.columnCount() - 1) * max(width, MIN_NUMBER_WIDTH) + 2 * self.frameWidth())
        rows = model.rowCount()
        height = header.sizeHint().height() + 2 * self.frameWidth() + 2
        height += rows * self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(height)
