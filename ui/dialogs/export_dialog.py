"""What an export will send, shown before any file is written: kind, office, signature, changes, full or not.

Everything here is read from the services (office code, the office key, the changes to send); the
dialog returns the user's choice and the Exchange page asks for the file name and writes the package in
the background. Without an office code nothing can be exported, and the dialog says where to set one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from tcdesk.domain.vocabulary import HQ_OFFICE
from tcdesk.services import overview, settings, trust
from tcdesk.store.db import Store
from ui.exchange_labels import kind_name
from ui.labels import arg
from ui.widgets import Notice, fit_height_to_width, label, number


class ExportDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export a package"))
        self.setMinimumWidth(620)
        self.office = settings.office_code(store)
        self.at_hq = self.office == HQ_OFFICE
        key = trust.office_key(store) if self.office else None
        self.pending = overview.pending_changes(store)

        title = label(self.tr("Export for HQ") if not self.at_hq else self.tr("Export for the field"), "heading")
        self.problem = Notice("exportProblem")
        form = QFormLayout()
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(8)
        self.kind = label(self._kind_text(), "value", "exportKind", wrap=True)
        self.office_label = label(self.office or self.tr("not set"), "value", "exportOffice")
        self.signature = label(role="value", name="exportSignature", wrap=True)
        self.changes = label(role="value", name="exportChanges", wrap=True)
        for value in (self.kind, self.office_label, self.signature, self.changes):
            value.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(label(self.tr("Kind:"), "caption"), self.kind)
        form.addRow(label(self.tr("Office:"), "caption"), self.office_label)
        form.addRow(label(self.tr("Signature:"), "caption"), self.signature)
        form.addRow(label(self.tr("Changes to send:"), "caption"), self.changes)

        self.full = QCheckBox(self.tr("&Full export (every record)"))
        self.full.setObjectName("exportFull")
        self.full.setVisible(not self.at_hq)  # HQ always sends everything
        self.full.toggled.connect(self._describe_changes)
        self.full_hint = label(
            self.tr(
                "Use a full export when HQ asks for everything again, for example after it lost a return. "
                "Otherwise only the changes since HQ's last acknowledgement are sent."
            ),
            "caption",
            wrap=True,
        )
        self.full_hint.setVisible(not self.at_hq)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("&Choose file and export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportConfirm")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(self.full)
        layout.addWidget(self.full_hint)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        if key is not None:
            self.signature.setText(arg(self.tr("Signed with this office's key (key id %1)."), key.key_id))
        else:
            self.signature.setText(
                self.tr(
                    "Not signed: this office has no signing key. HQ may refuse unsigned packages; "
                    "create a signing key in Settings → Trusted keys and send HQ its public key."
                )
            )
        if not self.office:
            self.problem.set_message(
                self.tr(
                    "<b>This desk has no office code yet.</b> A package must say which office sends it: "
                    "set the code in File ▸ Settings ▸ Office, then export."
                ),
                "bad",
            )
        self.export_button.setEnabled(bool(self.office))
        self._describe_changes()

    def _kind_text(self) -> str:
        if not self.office:
            return "—"
        if self.at_hq:
            return arg(self.tr("%1, for every field office, with every record"), kind_name("hq-update"))
        return arg(self.tr("%1, to HQ"), kind_name("field-return"))

    def _describe_changes(self, *_args: object) -> None:
        if self.at_hq or self.full.isChecked():
            text = self.tr("Every record in the store (demo data excepted).")
        elif self.pending == 0:
            text = self.tr(
                "None: nothing was changed here since HQ's last acknowledgement. The package will carry "
                "no records unless you choose a full export."
            )
        elif self.pending == 1:
            text = self.tr("1 record created, changed or deleted here since HQ's last acknowledgement.")
        else:
            text = arg(
                self.tr("%1 records created, changed or deleted here since HQ's last acknowledgement."),
                number(self.pending),
            )
        self.changes.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height_to_width(self)

    @property
    def full_export(self) -> bool:
        return self.at_hq or self.full.isChecked()
