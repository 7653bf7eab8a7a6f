"""About tcdesk: the version and where the data lives, for support calls and for the user's own backups."""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

import tcdesk
from tcdesk.paths import DataDir
from ui.labels import arg
from ui.widgets import label


class AboutDialog(QDialog):
    def __init__(self, data_dir: DataDir, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About tcdesk"))
        self.setMinimumWidth(520)

        title = label(arg(self.tr("tcdesk %1"), tcdesk.__version__), "heading", "aboutTitle")
        description = label(
            self.tr(
                "The Human Rights Adviser's offline desk: recommendations of the human rights mechanisms, "
                "thematic clusters, the CCA human rights checklist, technical cooperation projects, the "
                "exchange with OHCHR headquarters, and briefings."
            ),
            "paragraph",
            wrap=True,
        )
        self.version = QLabel(tcdesk.__version__)
        self.version.setObjectName("aboutVersion")
        self.location = QLabel(str(data_dir.root))
        self.location.setObjectName("aboutDataLocation")
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location.setCursor(Qt.CursorShape.IBeamCursor)
        self.database = QLabel(str(data_dir.database))
        self.database.setObjectName("aboutDatabase")
        self.database.setWordWrap(True)
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        runtime = QLabel(
            arg(
                self.tr("Qt %1, PySide6 %2, Python %3"),
                qVersion(),
                PySide6.__version__,
                sys.version.split()[0],
            )
        )
        runtime.setObjectName("aboutRuntime")

        form = QFormLayout()
        form.setHorizontalSpacing(18)
        form.addRow(self.tr("Version:"), self.version)
        form.addRow(self.tr("Data folder:"), self.location)
        form.addRow(self.tr("Database file:"), self.database)
        form.addRow(self.tr("Built with:"), runtime)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(description)
        layout.addLayout(form)
        layout.addWidget(buttons)
