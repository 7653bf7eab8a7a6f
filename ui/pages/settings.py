"""Settings page (File ▸ Settings…): the office code, the trusted keys, the data folder, the demo data.

Actions that touch the whole window (removing or loading the demo) are only *requested* here; the main
window carries them out, so that it can confirm, refresh every page and update the banner in one place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from tcdesk.services import app_info, settings
from ui.context import AppContext
from ui.pages.base import Page
from ui.pages.trusted_keys import TrustedKeysCard
from ui.widgets import Card, label


class SettingsPage(Page):
    removeDemoRequested = Signal()
    loadDemoRequested = Signal()
    officeChanged = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.heading.setText(self.tr("Settings"))
        self.subheading.setText(self.tr("This installation of tcdesk."))

        office_card = Card(self.tr("Office"))
        self.office = label(role="count", name="settingsOffice")
        change = QPushButton(self.tr("&Change…"))
        change.clicked.connect(self._change_office)
        row = QHBoxLayout()
        row.addWidget(self.office, 1)
        row.addWidget(change)
        office_card.body.addLayout(row)
        office_card.body.addWidget(
            label(self.tr("Every change made on this desk is attributed to this office."), "caption", wrap=True)
        )

        data_card = Card(self.tr("Data"))
        form = QFormLayout()
        form.setHorizontalSpacing(18)
        self.location = QLabel(str(context.data_dir.root))
        self.location.setObjectName("settingsDataLocation")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location.setWordWrap(True)
        form.addRow(label(self.tr("Data folder:"), "caption"), self.location)
        data_card.body.addLayout(form)
        data_card.body.addWidget(
            label(
                self.tr(
                    "Start tcdesk with --data-dir FOLDER, or set TCDESK_DATA_DIR, to keep the data "
                    "elsewhere (for example on a USB stick)."
                ),
                "caption",
                wrap=True,
            )
        )

        demo_card = Card(self.tr("Demo data"))
        self.demo_state = label(role="paragraph", name="settingsDemoState", wrap=True)
        self.remove_demo = QPushButton(self.tr("&Remove demo data…"))
        self.remove_demo.clicked.connect(self.removeDemoRequested)
        self.load_demo = QPushButton(self.tr("&Load demo data"))
        self.load_demo.clicked.connect(self.loadDemoRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_demo)
        buttons.addWidget(self.load_demo)
        buttons.addStretch(1)
        demo_card.body.addWidget(self.demo_state)
        demo_card.body.addLayout(buttons)

        self.keys = TrustedKeysCard(context)
        self.keys.keysChanged.connect(context.notify_data_changed)  # the log shows keys' labels

        for card in (office_card, self.keys, data_card, demo_card):
            self.layout_.addWidget(card)
        self.layout_.addStretch(1)

    def load(self) -> None:
        store = self.context.store
        self.office.setText(settings.office_code(store) or self.tr("(not set)"))
        loaded = app_info.demo_loaded(store)
        self.demo_state.setText(
            self.tr("The fictional country Veltrana is loaded, to try tcdesk out.")
            if loaded
            else self.tr("No demo data in the store.")
        )
        self.remove_demo.setVisible(loaded)
        self.load_demo.setVisible(not loaded)
        self.keys.load()

    def _change_office(self) -> None:
        from ui.dialogs.first_start import OfficeCodeDialog

        if OfficeCodeDialog(self.context.store, self, first_start=False).exec():
            self.refresh()
            self.officeChanged.emit()
