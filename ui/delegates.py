"""Item delegates of the recommendations page: search highlights, the status combo, facet counts.

Highlights are computed while painting, so only the rows on screen ever pay for them; the text is laid
out with ``QTextLayout``, which gets right-to-left Arabic and mixed scripts right where pixel sums of
prefixes would not.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from tcdesk.domain import vocabulary as v
from tcdesk.store.search_text import highlight_spans
from ui import labels, style
from ui.models.facet_model import COUNT_ROLE
from ui.widgets import number

Index = QModelIndex | QPersistentModelIndex

HIGHLIGHT = "#ffe08a"
"""Search matches: a warm yellow that stays readable on white, on the alternate row and when selected."""


def visible_spans(text: str, shown: str, query: str) -> list[tuple[int, int]]:
    """Match spans of ``query`` in ``text`` clipped to the part ``shown`` (``text`` elided at the end)."""
    if not query.strip():
        return []
    visible = len(shown) if shown == text else max(len(shown) - 1, 0)  # minus the ellipsis
    return [(start, min(end, visible)) for start, end in highlight_spans(text, query) if start < visible]


class HighlightDelegate(QStyledItemDelegate):
    """One elided line of text with the words of the current search on a yellow ground."""

    def __init__(self, query: Callable[[], str], parent: QObject | None = None):
        super().__init__(parent)
        self._query = query

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        style_ = widget.style() if widget else QApplication.style()
        style_.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not text:
            return
        rect = style_.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style_.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        rect = rect.adjusted(margin, 0, -margin, 0)
        shown = opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        layout = QTextLayout(shown, opt.font)
        option_ = QTextOption()
        option_.setWrapMode(QTextOption.WrapMode.NoWrap)
        layout.setTextOption(option_)
        found = QTextCharFormat()
        found.setBackground(QColor(HIGHLIGHT))
        found.setForeground(QColor(style.INK))
        ranges = []
        for start, end in visible_spans(text, shown, self._query()):
            span = QTextLayout.FormatRange()
            span.start, span.length, span.format = start, end - start, found
            ranges.append(span)
        layout.setFormats(ranges)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(rect.width())
        layout.endLayout()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active if opt.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        )
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(opt.palette.color(group, role))
        top = rect.top() + (rect.height() - line.height()) / 2
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()


def status_choices() -> list[tuple[str, str]]:
    """(value, shown name) of the implementation statuses, 'not recorded' first."""
    return [("", labels.status_name(""))] + [(s, labels.status_name(s)) for s in v.IMPLEMENTATION_STATUSES]


def status_combo(parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for value, name in status_choices():
        combo.addItem(name, value)
    return combo


class StatusDelegate(QStyledItemDelegate):
    """Implementation status edited in place with a combo; picking a value commits it at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = status_combo(parent)
        combo.setObjectName("statusEditor")
        combo.activated.connect(lambda _row, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole) or ""), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        editor.setGeometry(option.rect)


class FacetDelegate(QStyledItemDelegate):
    """A facet value: check box and name, its count right-aligned; a click anywhere on the row toggles."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 4)  # a little air between the rows

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        count = number(index.data(COUNT_ROLE) or 0)
        width = opt.fontMetrics.horizontalAdvance(count) + 12
        opt.rect = opt.rect.adjusted(0, 0, -width, 0)
        opt.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, opt, index)
        painter.save()
        painter.setPen(QColor(style.MUTED))
        count_rect = option.rect.adjusted(option.rect.width() - width, 0, -4, 0)
        painter.drawText(count_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), count)
        painter.restore()

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem, index: Index) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            return True  # the release decides; a double click is two toggles, as on a check box
        if kind == QEvent.Type.MouseButtonRelease:
            if getattr(event, "button", lambda: None)() == Qt.MouseButton.LeftButton:
                checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
                model.setData(index, new, Qt.ItemDataRole.CheckStateRole)
            return True
        return super().editorEvent(event, model, option, index)
