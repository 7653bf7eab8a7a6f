"""The portfolio on a time axis: one bar per project from start to end, coloured by status, today marked.

Painted by hand: a label column on the left, year ticks along the top, one row per project. The geometry
(:meth:`TimelineWidget.x_for`, :meth:`bar_rect`, :meth:`today_x`) is public so tests can check where
things are drawn.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from tcdesk.services.portfolio import ProjectRow
from ui import style

STATUS_COLOURS = {
    "pipeline": "#8fb3dc",
    "active": style.UN_BLUE,
    "completed": "#3f8f5a",
    "suspended": "#d49a2a",
    "closed": "#8a949f",
}
TODAY_COLOUR = "#c62828"


def _parse(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


class TimelineWidget(QWidget):
    LABEL_WIDTH = 300
    AXIS_HEIGHT = 30
    ROW_HEIGHT = 30
    BAR_HEIGHT = 16
    MARGIN = 12

    projectClicked = Signal(str)
    """The uid of the project whose row was clicked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("projectTimeline")
        self._rows: list[tuple[ProjectRow, date, date]] = []
        self._today = date.today()
        self._first = date(self._today.year, 1, 1)
        self._last = date(self._today.year + 1, 1, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(600)

    def set_projects(self, rows: list[ProjectRow], today: date | None = None) -> None:
        self._today = today or date.today()
        parsed = [(p, _parse(p.start_date), _parse(p.end_date)) for p in rows]
        self._rows = [(p, s, e) for p, s, e in parsed if s and e and e >= s]
        years = [d.year for _p, s, e in self._rows for d in (s, e)] + [self._today.year]
        self._first = date(min(years), 1, 1)
        self._last = date(max(years) + 1, 1, 1)
        self.setFixedHeight(self.AXIS_HEIGHT + self.ROW_HEIGHT * max(len(self._rows), 1) + 2 * self.MARGIN)
        self.updateGeometry()
        self.update()

    @property
    def projects(self) -> list[ProjectRow]:
        return [p for p, _s, _e in self._rows]

    def sizeHint(self) -> QSize:
        return QSize(900, self.height())

    # --- geometry --------------------------------------------------------------------------------
    def _axis_left(self) -> float:
        return float(self.LABEL_WIDTH)

    def _axis_right(self) -> float:
        return float(self.width() - self.MARGIN)

    def x_for(self, day: date) -> float:
        span = (self._last - self._first).days or 1
        share = (day - self._first).days / span
        return self._axis_left() + share * (self._axis_right() - self._axis_left())

    def today_x(self) -> float:
        return self.x_for(self._today)

    def bar_rect(self, row: int) -> QRectF:
        _p, start, end = self._rows[row]
        top = self.MARGIN + self.AXIS_HEIGHT + row * self.ROW_HEIGHT + (self.ROW_HEIGHT - self.BAR_HEIGHT) / 2
        left = self.x_for(start)
        return QRectF(left, top, max(self.x_for(end) - left, 2.0), self.BAR_HEIGHT)

    def row_at(self, y: float) -> int:
        row = int((y - self.MARGIN - self.AXIS_HEIGHT) // self.ROW_HEIGHT)
        return row if y >= self.MARGIN + self.AXIS_HEIGHT and 0 <= row < len(self._rows) else -1

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.row_at(event.position().y())
            if row >= 0:
                project, start, end = self._rows[row]
                QToolTip.showText(
                    event.globalPos(),
                    f"{project.code} {project.title}\n{start.isoformat()} – {end.isoformat()} · {project.status}",
                    self,
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().y())
        if row >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.projectClicked.emit(self._rows[row][0].uid)
        super().mousePressEvent(event)

    # --- painting --------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        metrics = QFontMetrics(self.font())
        top = self.MARGIN + self.AXIS_HEIGHT
        bottom = self.height() - self.MARGIN
        # year ticks and grid lines
        for year in range(self._first.year, self._last.year + 1):
            x = self.x_for(date(year, 1, 1))
            painter.setPen(QPen(QColor(style.CARD_BORDER), 1))
            painter.drawLine(int(x), top - 6, int(x), bottom)
            if year < self._last.year:
                middle = self.x_for(date(year, 7, 1))
                painter.setPen(QColor(style.MUTED))
                text = str(year)
                painter.drawText(int(middle - metrics.horizontalAdvance(text) / 2), top - 12, text)
        # rows: zebra, label, bar
        for row, (project, _start, _end) in enumerate(self._rows):
            y = top + row * self.ROW_HEIGHT
            if row % 2:
                painter.fillRect(QRectF(0, y, self.width(), self.ROW_HEIGHT), QColor("#f7f9fb"))
            label = f"{project.code}  {project.title}" if project.code else project.title
            painter.setPen(QColor(style.INK))
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, self.LABEL_WIDTH - 2 * self.MARGIN)
            painter.drawText(
                QRectF(self.MARGIN, y, self.LABEL_WIDTH - 2 * self.MARGIN, self.ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                shown,
            )
            rect = self.bar_rect(row)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(STATUS_COLOURS.get(project.status, style.MUTED)))
            painter.drawRoundedRect(rect, 4, 4)
            status = project.status
            small = QFont(self.font())
            small.setPointSizeF(max(self.font().pointSizeF() - 1.5, 6.0))
            if QFontMetrics(small).horizontalAdvance(status) + 10 < rect.width():
                painter.setFont(small)
                painter.setPen(QColor("#ffffff"))
                painter.drawText(rect.adjusted(6, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, status)
                painter.setFont(self.font())
        # today
        x = self.today_x()
        painter.setPen(QPen(QColor(TODAY_COLOUR), 2))
        painter.drawLine(QPointF(x, top - 8), QPointF(x, bottom))
        painter.setPen(QColor(TODAY_COLOUR))
        painter.drawText(int(x) + 4, self.MARGIN + 10, self.tr("today"))
        painter.end()
