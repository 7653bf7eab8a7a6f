"""The parts of the main window around the pages: the demo banner and the status bar's permanent fields.

Kept apart from ``ui.main_window`` so that the window module holds only navigation and actions.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

from tcdesk.services import overview, settings
from tcdesk.store.db import Store
from ui.labels import arg


class DemoBanner(QFrame):
    """An amber bar over the pages while demo data is in the store, with a button to remove it."""

    removeRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.text = QLabel(self.tr("<b>Demo data:</b> Veltrana is a fictional country. Nothing here is real."))
        self.text.setObjectName("demoBannerText")
        self.button = QPushButton(self.tr("Remove demo data"))
        self.button.setObjectName("demoBannerRemove")
        self.button.clicked.connect(self.removeRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 12, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)


class StatusFields(QObject):
    """Office code, data folder and changes to send, as permanent widgets of a status bar."""

    PATH_WIDTH = 420

    def __init__(self, status_bar: QStatusBar, store: Store):
        super().__init__(status_bar)
        self.store = store
        self.office = QLabel()
        self.office.setObjectName("statusOffice")
        self.location = QLabel()
        self.location.setObjectName("statusDataLocation")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changes = QLabel()
        self.changes.setObjectName("statusChanges")
        for widget in (self.office, self.location, self.changes):
            status_bar.addPermanentWidget(widget)

    def refresh(self) -> None:
        code = settings.office_code(self.store)
        self.office.setText(arg(self.tr("Office: %1"), code or self.tr("not set")))
        path = str(self.store.data_dir.root)
        metrics = QFontMetrics(self.location.font())
        self.location.setText(metrics.elidedText(path, Qt.TextElideMode.ElideMiddle, self.PATH_WIDTH))
        self.location.setToolTip(arg(self.tr("Data folder: %1"), path))
        pending = overview.pending_changes(self.store)
        self.changes.setText(changes_text(pending))
        self.changes.setProperty("count", pending)


def changes_text(count: int) -> str:
    """'1 change to send', '12 changes to send' (translators give every plural form of the second)."""
    if count == 1:
        return QCoreApplication.translate("StatusFields", "1 change to send")
    return QCoreApplication.translate("StatusFields", "%n changes to send", None, count)
