"""The recommendations table: a count and the rows on screen, never the whole result in memory.

After Anki's browser model: ``rowCount`` is the SQL count of what the filter selects (so the scroll bar is
right for 100,000 rows), and ``data()`` asks the query service for the block of ``block_size`` rows a
row falls in the first time the view paints it. The last ``cache_blocks`` blocks are kept (least recently
used first out). Sorting and filtering are SQL's (``recommendation_query``): changing either resets the
model. ``rows_loaded`` counts the rows fetched, for tests and the benchmark.

Edits never happen here: ``setData`` on the implementation status only emits ``editRequested``; the
page turns that into an undoable command through the services and then calls :meth:`refresh`.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from tcdesk.services import recommendation_query as query
from tcdesk.store.db import Store
from ui import labels
from ui.models import ROOT, SORT_ROLE, Index

Row = dict[str, str]

UID_ROLE = Qt.ItemDataRole.UserRole + 10
"""The row's recommendation uid."""
RECORD_ROLE = Qt.ItemDataRole.UserRole + 11
"""The whole row as the query service gave it (canonical text)."""

MIME_TYPE = "application/x-tcdesk-recommendation-uids"
"""Dragged recommendations: their uids, one per line (the clusters page accepts them)."""

_PREFERRED_ORDER = (  # the text early: it is what people read; codes and bodies are short
    "document",
    "paragraph",
    "text",
    "mechanism",
    "body",
    "cycle",
    "session",
    "recommending_state",
    "response",
    "issued_on",
    "implementation_status",
    "themes",
    "affected_persons",
    "sdg_targets",
    "notes",
    "country",
    "updated_at",
    "rev",
    "uid",
)
COLUMNS = tuple(name for name in _PREFERRED_ORDER if name in query.LISTED) + tuple(
    name for name in query.LISTED if name not in _PREFERRED_ORDER
)
DEFAULT_VISIBLE = (
    "document",
    "paragraph",
    "text",
    "mechanism",
    "body",
    "response",
    "implementation_status",
    "themes",
)
LIST_FIELDS = ("themes", "affected_persons", "sdg_targets")
EDITABLE = ("implementation_status",)


def column_title(name: str) -> str:
    """The translated header of a field (also used by the column menu and the detail pane)."""
    titles = {
        "uid": QCoreApplication.translate("RecommendationColumns", "Identifier"),
        "document": QCoreApplication.translate("RecommendationColumns", "Document"),
        "paragraph": QCoreApplication.translate("RecommendationColumns", "Paragraph"),
        "mechanism": QCoreApplication.translate("RecommendationColumns", "Mechanism"),
        "body": QCoreApplication.translate("RecommendationColumns", "Body"),
        "cycle": QCoreApplication.translate("RecommendationColumns", "Cycle"),
        "session": QCoreApplication.translate("RecommendationColumns", "Session"),
        "recommending_state": QCoreApplication.translate("RecommendationColumns", "Recommending State"),
        "text": QCoreApplication.translate("RecommendationColumns", "Recommendation"),
        "response": QCoreApplication.translate("RecommendationColumns", "Response"),
        "issued_on": QCoreApplication.translate("RecommendationColumns", "Issued on"),
        "implementation_status": QCoreApplication.translate("RecommendationColumns", "Implementation status"),
        "country": QCoreApplication.translate("RecommendationColumns", "Country"),
        "updated_at": QCoreApplication.translate("RecommendationColumns", "Last changed"),
        "themes": QCoreApplication.translate("RecommendationColumns", "Themes"),
        "affected_persons": QCoreApplication.translate("RecommendationColumns", "Affected persons"),
        "sdg_targets": QCoreApplication.translate("RecommendationColumns", "SDG targets"),
        "notes": QCoreApplication.translate("RecommendationColumns", "Notes"),
        "rev": QCoreApplication.translate("RecommendationColumns", "Revision"),
    }
    return titles.get(name, name)


def shown_value(name: str, value: str) -> str:
    """A field's canonical text as a table cell shows it: lists joined, vocabulary translated, one line."""
    if not value:
        return ""
    if name in LIST_FIELDS:
        return "; ".join(item for item in value.split("\n") if item)
    if name in ("response", "implementation_status"):
        return labels.capitalised(labels.term(value))
    return " ".join(value.split()) if name in ("text", "notes") else value


class RecommendationTableModel(QAbstractTableModel):
    editRequested = Signal(str, str, str)
    """(uid, field, new value): the user edited a cell; the page decides what happens."""

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        *,
        block_size: int = 200,
        cache_blocks: int = 20,
    ):
        super().__init__(parent)
        self.store = store
        self.block_size = block_size
        self.cache_blocks = cache_blocks
        self._filter = query.RecFilter(country="\0")  # matches nothing until set_filter
        self._total = 0
        self._sort_field = "document"
        self._descending = False
        self._blocks: OrderedDict[int, list[Row]] = OrderedDict()
        self.rows_loaded = 0
        self.blocks_fetched = 0

    # --- what is shown ---------------------------------------------------------------------------
    @property
    def filter(self) -> query.RecFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total

    @property
    def sort_field(self) -> str:
        return self._sort_field

    @property
    def descending(self) -> bool:
        return self._descending

    def set_filter(self, f: query.RecFilter) -> None:
        """Show what ``f`` selects: one count now, rows when they are painted."""
        self.beginResetModel()
        self._filter = f
        self._blocks.clear()
        self._total = query.count(self.store, f)
        self.endResetModel()

    def refresh(self) -> None:
        """Read again after an edit: the same rows stay selected when the count has not changed."""
        total = query.count(self.store, self._filter)
        if total != self._total:
            self.set_filter(self._filter)
            return
        self._blocks.clear()
        if total:
            self.dataChanged.emit(self.index(0, 0), self.index(total - 1, len(COLUMNS) - 1))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column] not in query.SORTABLE:
            return  # e.g. the themes: a list has no useful order
        descending = order == Qt.SortOrder.DescendingOrder
        if (COLUMNS[column], descending) == (self._sort_field, self._descending):
            return
        self.beginResetModel()  # rows move anywhere: a selection by row number would now mean others
        self._sort_field, self._descending = COLUMNS[column], descending
        self._blocks.clear()
        self.endResetModel()

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column] in query.SORTABLE

    def sort_column(self) -> int:
        return COLUMNS.index(self._sort_field)

    # --- rows ------------------------------------------------------------------------------------
    def record(self, row: int) -> Row | None:
        """The row's values (canonical text), fetching its block when it is not cached."""
        if not 0 <= row < self._total:
            return None
        number, offset = divmod(row, self.block_size)
        block = self._blocks.get(number)
        if block is None:
            block = query.fetch(
                self.store,
                self._filter,
                order_by=self._sort_field,
                descending=self._descending,
                offset=number * self.block_size,
                limit=self.block_size,
            )
            self.rows_loaded += len(block)
            self.blocks_fetched += 1
            self._blocks[number] = block
            while len(self._blocks) > self.cache_blocks:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(number)
        return block[offset] if offset < len(block) else None  # fewer rows when some went meanwhile

    def uid(self, row: int) -> str:
        record = self.record(row)
        return record["uid"] if record else ""

    def cached_rows(self) -> int:
        return sum(len(block) for block in self._blocks.values())

    def row_of(self, uid: str) -> int:
        """The row of ``uid`` among the cached rows, or -1 (never a query: a search would be a full scan)."""
        for number, block in self._blocks.items():
            for offset, row in enumerate(block):
                if row["uid"] == uid:
                    return number * self.block_size + offset
        return -1

    @staticmethod
    def column_of(name: str) -> int:
        return COLUMNS.index(name)

    @staticmethod
    def field(column: int) -> str:
        return COLUMNS[column]

    # --- Qt's model interface --------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section] not in query.SORTABLE:
            return QCoreApplication.translate("RecommendationColumns", "This column cannot be sorted")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(COLUMNS):
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
            UID_ROLE,
            RECORD_ROLE,
            SORT_ROLE,
        ):
            return None  # painting asks for fonts, colours…: no fetch for those
        record = self.record(index.row())
        if record is None:
            return None
        name = COLUMNS[index.column()]
        value = record[name]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown_value(name, value)
        if role in (Qt.ItemDataRole.EditRole, SORT_ROLE):
            return value
        if role == UID_ROLE:
            return record["uid"]
        if role == RECORD_ROLE:
            return dict(record)
        return self._tooltip(name, value)

    @staticmethod
    def _tooltip(name: str, value: str) -> str | None:
        if not value:
            return None
        if name == "mechanism":
            return labels.mechanism_name(value)
        if name in LIST_FIELDS:
            return "\n".join(item for item in value.split("\n") if item)
        if name in ("text", "notes"):
            return f"<p>{html.escape(value)}</p>"  # rich text: Qt wraps long tooltips
        return shown_value(name, value)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDragEnabled
        if COLUMNS[index.column()] in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or COLUMNS[index.column()] not in EDITABLE:
            return False
        record = self.record(index.row())
        if record is None or record[COLUMNS[index.column()]] == str(value):
            return False
        self.editRequested.emit(record["uid"], COLUMNS[index.column()], str(value))
        return True

    # --- drag ------------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        uids = [uid for uid in (self.uid(row) for row in rows) if uid]
        data = QMimeData()
        data.setData(MIME_TYPE, "\n".join(uids).encode("utf-8"))
        data.setText("\n".join(uids))
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
