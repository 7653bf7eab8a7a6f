"""First start: ask for this installation's office code, which every local change is attributed to.

Without an office code no edit can be stamped (tcdesk.services.records refuses it), so the app asks for
it before anything else. The code is checked with the same rule as the command line and packages
(``check_office``); OK stays disabled until it passes, and a line under the field says what is wrong.
The same dialog serves later changes of the code from the Settings page.
"""

from __future__ import annotations

import string

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tcdesk.domain.validation import InvalidValue, check_office
from tcdesk.services import settings
from tcdesk.store.db import Store
from ui.labels import arg
from ui.widgets import label

MAX_LENGTH = 32
ALLOWED = frozenset(string.ascii_uppercase + string.digits + "-")


class OfficeCodeDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None, *, first_start: bool = True):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Welcome to tcdesk") if first_start else self.tr("Office code"))
        self.setModal(True)
        self.setMinimumWidth(560)
        title = label(self.windowTitle(), "heading")

        intro = label(
            self.tr(
                "tcdesk records which office made every change, so that HQ and the field can tell "
                "their edits apart. Enter the code of your office."
            ),
            "paragraph",
            wrap=True,
        )
        self.code = QLineEdit(settings.office_code(store))
        self.code.setObjectName("officeCode")
        self.code.setMaxLength(MAX_LENGTH)
        self.code.setPlaceholderText(self.tr("e.g. KEN-HRA"))
        self.code.textEdited.connect(self._uppercase)
        self.code.textChanged.connect(self._validate)
        hint = label(
            self.tr(
                "2 to 32 characters: capital letters A–Z, digits and hyphens. Examples: KEN-HRA for the "
                "Human Rights Adviser in Kenya, HQ for headquarters in Geneva."
            ),
            "caption",
            wrap=True,
        )
        self.message = label(role="error", name="officeCodeMessage", wrap=True)

        # The reason for a refusal sits right under the field, then the format and examples.
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.addRow(self.tr("&Office code:"), self.code)
        form.addRow("", self.message)
        form.addRow("", hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if first_start:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Quit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._validate()

    @property
    def ok_button(self):  # type: ignore[no-untyped-def]
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _uppercase(self, text: str) -> None:
        upper = text.upper()
        if upper != text:
            position = self.code.cursorPosition()
            self.code.setText(upper)
            self.code.setCursorPosition(position)

    def problem(self, code: str) -> str:
        """What is wrong with ``code`` in the user's language, or "" when ``check_office`` accepts it."""
        try:
            check_office(code)
        except InvalidValue:
            pass
        else:
            return ""
        if not code:
            return ""  # nothing typed yet: OK is disabled, no need to scold
        if len(code) < 2:
            return self.tr("Too short: an office code has at least 2 characters.")
        if len(code) > MAX_LENGTH:
            return self.tr("Too long: an office code has at most 32 characters.")
        wrong = sorted({c for c in code if c not in ALLOWED})
        return arg(
            self.tr("Not allowed: %1. Use only the letters A–Z, the digits 0–9 and hyphens."),
            " ".join(repr(c) for c in wrong),
        )

    def _validate(self, *_args: object) -> None:
        # Read the field rather than the signal's argument: upper-casing re-sets the text while the
        # signal for the typed (lower-case) text is still being delivered.
        code = self.code.text().strip()
        valid = True
        try:
            check_office(code)
        except InvalidValue:
            valid = False
        message = self.problem(code)
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.ok_button.setEnabled(valid)

    def accept(self) -> None:
        try:
            settings.set_office_code(self.store, self.code.text())
        except InvalidValue:  # pragma: no cover - OK is disabled for invalid codes
            return
        super().accept()
