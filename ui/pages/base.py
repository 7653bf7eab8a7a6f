"""What all pages have in common: a scrolling body on the page background, a heading, and refresh rules.

A page refreshes when the country or the data change, but only while it is shown; a hidden page just
notes that it is stale and refreshes when it next appears. Switching country on a 100,000-record store
therefore costs one page's queries, not seven.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFormLayout, QScrollArea, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.widgets import Card, label

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


class SummaryPage(Page):
    """A page whose full tools arrive later: its purpose in a paragraph and the live figures there are.

    Subclasses give :meth:`title`, :meth:`purpose` and :meth:`figures`; each figure's value label is
    named ``figure-<key>``.
    """

    needs_country = True
    """False for pages whose figures are about the whole installation (e.g. changes to send)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.heading.setText(self.title())
        self.purpose_label = label(self.purpose(), "paragraph", "pagePurpose", wrap=True)
        self.purpose_label.setMaximumWidth(PARAGRAPH_WIDTH)
        self.layout_.addWidget(self.purpose_label)
        self.card = Card(self.tr("Now in the store"))
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(24)
        self.form.setVerticalSpacing(10)
        self.card.body.addLayout(self.form)
        self.card.setMaximumWidth(PARAGRAPH_WIDTH)
        self.layout_.addWidget(self.card)
        self.later = label(
            self.tr("The tools of this page arrive in a later version of tcdesk."), "caption", "pageLater"
        )
        self.layout_.addWidget(self.later)
        self.layout_.addStretch(1)
        self._values: dict[str, object] = {}

    def title(self) -> str:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def purpose(self) -> str:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def figures(self) -> list[tuple[str, str, str]]:
        """(key, name, value) rows to show; empty when there is nothing to count yet."""
        return []

    def no_country_text(self) -> str:
        return self.tr("No country in the store yet: import a package from HQ to start.")

    def load(self) -> None:
        country = self.context.country
        line = self._country_line(country)
        self.subheading.setText(line)
        self.subheading.setVisible(bool(line))
        rows = self.figures() if country or not self.needs_country else []
        while self.form.rowCount():
            self.form.removeRow(0)
        self._values = {}
        for key, name, value in rows:
            widget = label(value, "count", f"figure-{key}")
            self._values[key] = widget
            self.form.addRow(label(name, "caption", f"figure-{key}-name"), widget)
        self.card.setVisible(bool(rows))

    def _country_line(self, country: str) -> str:
        if not self.needs_country:
            return ""
        if not country:
            return self.no_country_text()
        return f"{self.context.country_name(country)} ({country})"
