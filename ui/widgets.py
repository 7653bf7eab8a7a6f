"""Small building blocks shared by the pages: a card, a big figure, a horizontal bar, a coloured notice.

The bar is painted by hand rather than a styled QProgressBar: it has no text, no focus, no animation
and looks the same on every platform, which is all a share-of-total needs.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui import style


def label(text: str = "", role: str = "", name: str = "", *, wrap: bool = False) -> QLabel:
    """A QLabel with a style ``role`` and an object name (tests and screen readers find it by name)."""
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget


def fit_height_to_width(window: QWidget) -> None:
    """Grow a window to the height its wrapped text needs at its current width.

    Qt sizes a new top-level window from its layout's minimum size, which ignores height-for-width:
    a dialog with long wrapped captions could open too short and draw them over the widgets above.
    Dialogs call this when shown.
    """
    layout = window.layout()
    if layout is not None and layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(window.width())
        if needed > window.height():
            window.resize(window.width(), needed)


def number(value: int) -> str:
    """A count in the user's number format (group separators where the locale uses them)."""
    return QLocale().toString(value)


class Card(QFrame):
    """A white, bordered box with a small title; ``body`` is the layout to fill."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 16)
        outer.setSpacing(8)
        self.title = label(title, "cardTitle")
        outer.addWidget(self.title)
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        outer.addLayout(self.body)


class Notice(QFrame):
    """A tinted box with a short message: ``tone`` is good, info, warning or bad (see ui.style).

    Used wherever the user must not miss the outcome or a risk (an import result, an unsigned package).
    The text is always rich text (a bold first phrase reads well): escape every value put into it.
    """

    TONES = ("good", "info", "warning", "bad")

    def __init__(self, name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "notice")
        if name:
            self.setObjectName(name)
        self.text = label(name=f"{name}Text" if name else "", wrap=True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.text)
        self.set_message("", "info")

    @property
    def tone(self) -> str:
        return str(self.property("tone"))

    def set_message(self, text: str, tone: str) -> None:
        if tone not in self.TONES:
            raise ValueError(f"unknown tone {tone!r}")
        self.text.setText(text)
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)
        for child in self.findChildren(QLabel):
            self.style().unpolish(child)
            self.style().polish(child)
        self.setVisible(bool(text))


class FigureCard(Card):
    """A card with one big number and a caption under it (e.g. '12' / '3 high priority')."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.number = label("0", "bigNumber", f"{name}-value")
        self.caption = label("", "caption", f"{name}-caption", wrap=True)
        self.body.addWidget(self.number)
        self.body.addWidget(self.caption)
        self.body.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_figure(self, number: str, caption: str) -> None:
        self.number.setText(number)
        self.caption.setText(caption)


class Bar(QWidget):
    """A thin horizontal bar filled to ``share`` (0..1) in the accent colour."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._share = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

    @property
    def share(self) -> float:
        return self._share

    def set_share(self, share: float) -> None:
        self._share = min(max(share, 0.0), 1.0)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(160, 10)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        track = QRectF(self.rect()).adjusted(0, 1, 0, -1)
        radius = track.height() / 2
        painter.setBrush(QColor(style.TRACK))
        painter.drawRoundedRect(track, radius, radius)
        if self._share > 0:
            filled = QRectF(track)
            filled.setWidth(max(track.height(), track.width() * self._share))
            painter.setBrush(QColor(style.UN_BLUE))
            painter.drawRoundedRect(filled, radius, radius)
        painter.end()


class BarList(QWidget):
    """Rows of 'name  [bar]  count  share' for a breakdown of a total, keyed so they can be updated."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._name = name
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(8)
        self._grid.setColumnStretch(1, 1)
        self._rows: dict[str, tuple[QLabel, Bar, QLabel, QLabel]] = {}

    def set_counts(self, rows: list[tuple[str, str, int]], total: int) -> None:
        """``rows`` are (key, display name, count); rows no longer present are removed."""
        wanted = {key for key, _text, _count in rows}
        for key in [k for k in self._rows if k not in wanted]:
            for widget in self._rows.pop(key):
                self._grid.removeWidget(widget)
                widget.deleteLater()
        for position, (key, text, count) in enumerate(rows):
            if key not in self._rows:
                slug = key.replace(" ", "-") or "none"
                self._rows[key] = (
                    label(role="caption"),
                    Bar(),
                    label(role="count", name=f"{self._name}-{slug}-count"),
                    label(role="caption", name=f"{self._name}-{slug}-share"),
                )
            caption, bar, figure, share = self._rows[key]
            caption.setText(text)
            bar.set_share(count / total if total else 0.0)
            figure.setText(number(count))
            percent = f"{round(100 * count / total)} %" if total else ""
            share.setText(percent)
            share.setMinimumWidth(share.fontMetrics().horizontalAdvance("100 %"))
            for column, widget in enumerate((caption, bar, figure, share)):
                widget.setToolTip(f"{text}: {number(count)} ({percent})" if total else text)
                if column >= 2:
                    widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self._grid.addWidget(widget, position, column)

    def count_label(self, key: str) -> QLabel:
        return self._rows[key][2]

    def name_width(self) -> int:
        """The width the longest name needs: lists side by side or stacked can line their bars up."""
        return max((row[0].sizeHint().width() for row in self._rows.values()), default=0)

    def set_name_width(self, width: int) -> None:
        self._grid.setColumnMinimumWidth(0, width)
