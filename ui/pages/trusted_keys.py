"""Settings → Trusted keys: whose signed packages this desk imports without asking, and this office's key.

A package is trusted when it is signed by a key in this list. HQ's public key reaches the office as a
small file, by a channel the HRA trusts; this office's own key is created here once, and its public half
exported so that HQ can trust the office's returns. Problems (a file that is not a key, no office code
yet) are said in a line under the buttons, in the core's own words, rather than in a pop-up.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QMessageBox, QPushButton, QTableView, QWidget

from tcdesk.services import settings, trust
from tcdesk.sync.keys import KeyProblem
from ui.context import AppContext
from ui.labels import arg
from ui.models import trusted_keys as columns
from ui.models.trusted_keys import TrustedKeysModel
from ui.widgets import Card, Notice, label

KEY_FOLDER = "exchange/key_folder"


class TrustedKeysCard(Card):
    keysChanged = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(self.tr("Trusted keys"), parent)
        self.setObjectName("trustedKeys")
        self.context = context
        self.body.addWidget(
            label(
                self.tr(
                    "Packages signed with one of these keys are imported without asking. Trust HQ's key "
                    "only from a file you received through a channel you trust (handed over, or checked "
                    "by phone against the key id)."
                ),
                "caption",
                wrap=True,
            )
        )
        self.model = TrustedKeysModel(self)
        self.table = QTableView()
        self.table.setObjectName("trustedKeysTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(120)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(columns.COL_LABEL, QHeaderView.ResizeMode.Stretch)
        for column in (columns.COL_KEY_ID, columns.COL_ADDED, columns.COL_OWN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty = label(
            self.tr("No key is trusted yet: every package will need your explicit permission to be imported."),
            "paragraph",
            "trustedKeysEmpty",
            wrap=True,
        )
        self.body.addWidget(self.empty)
        self.body.addWidget(self.table)

        self.trust_button = self._button(self.tr("&Trust a key file…"), "trustKeyFile", self.trust_file)
        self.remove_button = self._button(self.tr("&Remove…"), "removeKey", self.remove_selected)
        self.create_button = self._button(self.tr("&Create this office's signing key"), "createOfficeKey", self.create)
        self.export_button = self._button(self.tr("&Export public key…"), "exportOfficeKey", self.export)
        buttons = QHBoxLayout()
        for button in (self.trust_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.create_button, self.export_button):
            buttons.addWidget(button)
        self.body.addLayout(buttons)
        self.own_key = label(role="caption", name="officeKeyState", wrap=True)
        self.own_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.own_key)
        self.message = Notice("trustedKeysMessage")
        self.body.addWidget(self.message)
        self.confirm: QMessageBox | None = None

    def _button(self, text: str, name: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    @property
    def store(self):  # type: ignore[no-untyped-def]
        return self.context.store

    def load(self) -> None:
        self.model.set_rows(trust.trusted_keys(self.store))
        self.empty.setVisible(not self.model.rowCount())
        self.table.setVisible(bool(self.model.rowCount()))
        own = trust.office_key(self.store)
        self.create_button.setVisible(own is None)
        self.export_button.setEnabled(own is not None)
        if own is None:
            self.own_key.setText(
                self.tr(
                    "This office has no signing key yet: its packages go out unsigned. Create one, then "
                    "export the public key and send it to HQ."
                )
            )
        else:
            self.own_key.setText(arg(self.tr("This office signs its packages with key %1."), own.key_id))
        self._selection_changed()

    def _selection_changed(self, *_args: object) -> None:
        self.remove_button.setEnabled(self.table.selectionModel().hasSelection())

    def _say(self, text: str, tone: str) -> None:
        self.message.set_message(text, tone)

    def _folder(self) -> str:
        return str(QSettings().value(KEY_FOLDER, str(Path.home())))

    def _remember_folder(self, path: Path) -> None:
        QSettings().setValue(KEY_FOLDER, str(path.parent))

    # --- actions ---------------------------------------------------------------------------------
    def trust_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Trust a public key"),
            self._folder(),
            self.tr("tcdesk public keys (*.pub *.txt);;All files (*)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        self._remember_folder(path)
        try:
            public, added = trust.trust_key_file(self.store, path)
        except KeyProblem as exc:
            self._say(arg(self.tr("<b>Not trusted.</b> %1"), escape(str(exc))), "bad")
            return
        name = public.label or public.key_id
        if added:
            self._say(arg(self.tr("<b>Trusted:</b> %1 (key id %2)."), escape(name), public.key_id), "good")
        else:
            self._say(arg(self.tr("%1 (key id %2) was already trusted."), escape(name), public.key_id), "info")
        self.load()
        self.keysChanged.emit()

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        key = self.model.key_at(rows[0].row())
        text = arg(self.tr("Stop trusting %1 (key id %2)?"), key.label or key.key_id, key.key_id)
        detail = self.tr("Packages signed with it will need your explicit permission to be imported.")
        if key.is_own:
            detail += " " + self.tr("This is this office's own key: restoring its own packages will ask too.")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove a trusted key"), text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(detail)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Remove"))
        box.finished.connect(lambda _result: self._removal_answered(box, key.key_id))
        self.confirm = box
        box.open()

    def _removal_answered(self, box: QMessageBox, key_id: str) -> None:
        self.confirm = None
        box.deleteLater()
        if box.clickedButton() is not box.button(QMessageBox.StandardButton.Yes):
            return
        try:
            trust.untrust(self.store, key_id)
        except KeyProblem as exc:
            self._say(escape(str(exc)), "bad")
        else:
            self._say(arg(self.tr("Key %1 is no longer trusted."), key_id), "info")
        self.load()
        self.keysChanged.emit()

    def create(self) -> None:
        try:
            public = trust.create_office_key(self.store)
        except KeyProblem as exc:
            self._say(arg(self.tr("<b>No key created.</b> %1"), escape(str(exc))), "bad")
            return
        self._say(
            arg(
                self.tr(
                    "<b>Signing key created</b> (key id %1). Export the public key and send it to HQ, so "
                    "that HQ can trust this office's packages."
                ),
                public.key_id,
            ),
            "good",
        )
        self.load()
        self.keysChanged.emit()

    def export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        office = settings.office_code(self.store) or "office"
        suggested = str(Path(self._folder()) / f"tcdesk-{office}-public-key.pub")
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export this office's public key"), suggested, self.tr("tcdesk public keys (*.pub)")
        )
        if not chosen:
            return
        path = Path(chosen)
        self._remember_folder(path)
        try:
            public = trust.export_office_key(self.store, path)
        except (KeyProblem, OSError) as exc:
            self._say(arg(self.tr("<b>Not exported.</b> %1"), escape(str(exc))), "bad")
            return
        self._say(
            arg(
                self.tr("<b>Public key saved</b> to %1. Send it to HQ and read them the key id %2 by phone."),
                escape(str(path)),
                public.key_id,
            ),
            "good",
        )
