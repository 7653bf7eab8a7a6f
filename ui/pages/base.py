"""What all pages have in common: a scrolling body on the page background, a heading, and refresh rules.

A page refreshes when the country or the data change, but only while it is shown; a hidden page just
notes that it is stale and refreshes when it next appears. Switching country on a 100,000-record store
therefore costs one page's queries, not seven.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.widgets import label

PARAGRAPH_WIDTH = 820
"""Longer lines than this are hard to read; cards may be wider."""


class Page(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self._stale = True
        self.setObjectName("pageArea")
        scroll = QScrollArea(self)
        scroll.setObjectName("pageScroll")
        scroll.setWidgetResizable(True)
        body = QWidget()
        body.setObjectName("pageBody")
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(28, 22, 28, 22)
        self.layout_.setSpacing(16)
        self.heading = label(role="heading", name="pageHeading")
        self.subheading = label(role="subheading", name="pageSubheading", wrap=True)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        self.layout_.addLayout(titles)
        context.countryChanged.connect(self._changed)
        context.dataChanged.connect(self._changed)

    def _changed(self, *_args: object) -> None:
        # Several signals often arrive together (country and data after a removal): one refresh for all.
        if not self._stale and self.isVisible():
            QTimer.singleShot(0, self, self._refresh_if_stale)
        self._stale = True

    def _refresh_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read the figures again from the store; subclasses extend :meth:`load`."""
        self._stale = False
        self.load()

    def load(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError
