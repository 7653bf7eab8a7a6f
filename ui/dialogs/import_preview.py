"""What a package would do, shown before anything is written: the user imports it or walks away.

The preview is the service's own dry run (``exchange.preview_package``: the same checks and merge plan
as the import, rolled back), so what the user confirms is what happens. The dialog only shows it and
returns the decision; the Exchange page runs the import. It says plainly who signed the package and
whether that key is trusted; an unsigned or untrusted package needs an explicit tick, for this import
only. A refused package lists every problem in selectable text, with a button to copy them for the
sender, and offers no Import at all.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tcdesk.services.exchange import ImportOutcome
from ui.counts_table import CountsTable
from ui.exchange_labels import kind_name, local_time
from ui.labels import arg
from ui.models.counts import CountsModel
from ui.widgets import Notice, fit_height_to_width, label, number

TRUSTED, UNTRUSTED = "trusted", "untrusted"


def selectable(text: str = "", name: str = "") -> QLabel:
    widget = label(text, "value", name)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


class ImportPreviewDialog(QDialog):
    def __init__(self, outcome: ImportOutcome, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.outcome = outcome
        self.path = path
        self.setObjectName("importPreview")
        self.setWindowTitle(self.tr("Import a package"))
        self.setMinimumWidth(760)
        refused, already = bool(outcome.refused), bool(outcome.already_imported_at)

        title = label(outcome.file_name, "heading", "previewTitle")
        self.verdict = Notice("previewVerdict")
        form = QFormLayout()
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(6)
        self.file = selectable(str(path), "previewFile")
        self.file.setWordWrap(True)
        self.origin = selectable(outcome.origin or "—", "previewOrigin")
        self.kind = selectable(kind_name(outcome.kind) if outcome.kind else "—", "previewKind")
        target = self.tr("any office") if outcome.target == "*" else outcome.target
        self.target = selectable(target or "—", "previewTarget")
        self.package_id = selectable(outcome.package_id or "—", "previewPackageId")
        self.sequence = selectable(str(outcome.sequence) if outcome.package_id else "—", "previewSequence")
        self.created = selectable(local_time(outcome.created_at) or "—", "previewCreated")
        self.signer = selectable(self._signer_text(), "previewSigner")
        for name, widget in (
            (self.tr("File:"), self.file),
            (self.tr("From:"), self.origin),
            (self.tr("Kind:"), self.kind),
            (self.tr("For:"), self.target),
            (self.tr("Package id:"), self.package_id),
            (self.tr("Sequence:"), self.sequence),
            (self.tr("Made on:"), self.created),
            (self.tr("Signed by:"), self.signer),
        ):
            form.addRow(label(name, "caption"), widget)

        self.counts_model = CountsModel(self)
        self.counts_model.set_counts(outcome.counts)
        self.counts_caption = label(self._counts_caption(), "cardTitle", "previewCountsCaption", wrap=True)
        self.counts_view = CountsTable(self.counts_model, "previewCounts")
        self.counts_note = label(self._counts_note(), "caption", "previewCountsNote", wrap=True)
        has_counts = bool(outcome.counts) and not refused
        self.counts_caption.setVisible(has_counts)
        self.counts_view.setVisible(has_counts)
        self.counts_note.setVisible(has_counts and bool(self.counts_note.text()))

        self.notes_caption = label(self.tr("Notes"), "cardTitle")
        self.notes = QPlainTextEdit("\n".join(outcome.notes))
        self.notes.setObjectName("previewNotes")
        self.notes.setReadOnly(True)
        self.notes.setMaximumHeight(96)
        self.notes_caption.setVisible(bool(outcome.notes))
        self.notes.setVisible(bool(outcome.notes))

        self.problems_caption = label(self._problems_caption(), "cardTitle", "previewProblemsCaption")
        self.problems = QPlainTextEdit(self.problem_text())
        self.problems.setObjectName("previewProblems")
        self.problems.setReadOnly(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.problems.setMinimumHeight(160)
        self.copy_button = QPushButton(self.tr("&Copy problems"))
        self.copy_button.setObjectName("copyProblems")
        self.copy_button.clicked.connect(self.copy_problems)
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        copy_row.addWidget(self.copy_button)
        for widget in (self.problems_caption, self.problems, self.copy_button):
            widget.setVisible(bool(outcome.problems))

        self.allow = QCheckBox(self.tr("I know where this package comes from: allow it for this import only"))
        self.allow.setObjectName("allowUntrusted")
        self.allow.setVisible(outcome.needs_permission and not already)
        self.allow.toggled.connect(self._update_buttons)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("previewImport")
        close = QDialogButtonBox.StandardButton.Close if refused or already else QDialogButtonBox.StandardButton.Cancel
        self.close_button = self.buttons.addButton(close)
        self.import_button.setVisible(not refused and not already)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.verdict)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(self.counts_caption)
        layout.addWidget(self.counts_view)
        layout.addWidget(self.counts_note)
        layout.addWidget(self.notes_caption)
        layout.addWidget(self.notes)
        layout.addWidget(self.problems_caption)
        layout.addWidget(self.problems, 1)
        layout.addLayout(copy_row)
        layout.addWidget(self.allow)
        layout.addStretch(0)
        layout.addWidget(self.buttons)
        self._set_verdict()
        self._update_buttons()

    # --- texts -----------------------------------------------------------------------------------
    def _signer_text(self) -> str:
        o = self.outcome
        if not o.signer:
            return self.tr("not signed")
        if o.trust == TRUSTED:
            return arg(self.tr("%1 (key id %2), trusted"), o.signer_label or o.signer, o.signer)
        return arg(self.tr("key id %1, not in your trusted keys"), o.signer)

    def _counts_caption(self) -> str:
        if self.outcome.already_imported_at:
            return ""
        return self.tr("What the import would do, per sheet")

    def _counts_note(self) -> str:
        totals = {o: sum(c.get(o, 0) for c in self.outcome.counts.values()) for o in ("conflicting", "stale")}
        lines = []
        if totals["conflicting"]:
            lines.append(
                self.tr(
                    "Conflicting: changed on this desk and by the sender. Both versions are kept and yours "
                    "stays in force until you choose between them (Resolve conflicts, after the import)."
                )
            )
        if totals["stale"]:
            lines.append(self.tr("Older: this desk already has a newer version of these records; they are skipped."))
        return "\n".join(lines)

    def _problems_caption(self) -> str:
        o = self.outcome
        if o.total_problems > len(o.problems):
            return arg(
                self.tr("Problems found: %1 (the first %2 are listed)"),
                number(o.total_problems),
                number(len(o.problems)),
            )
        return arg(self.tr("Problems found: %1"), number(len(o.problems)))

    def problem_text(self) -> str:
        """One problem per line, as the service gives them (``sheet!row column: problem``)."""
        o = self.outcome
        lines = list(o.problems)
        if o.total_problems > len(o.problems):
            lines.append(arg(self.tr("… and %1 more problems"), number(o.total_problems - len(o.problems))))
        return "\n".join(lines)

    def _set_verdict(self) -> None:
        o = self.outcome
        if o.refused:
            self.verdict.set_message(
                arg(self.tr("<b>This package cannot be imported.</b> %1"), escape(o.refused)), "bad"
            )
        elif o.already_imported_at:
            self.verdict.set_message(
                arg(
                    self.tr("<b>Already imported</b> on %1. Importing it again would change nothing."),
                    escape(local_time(o.already_imported_at)),
                ),
                "info",
            )
        elif o.trust == TRUSTED:
            self.verdict.set_message(
                arg(
                    self.tr("<b>Signed with a trusted key:</b> %1. It was not altered after it was signed."),
                    escape(o.signer_label or o.signer),
                ),
                "good",
            )
        elif o.trust == UNTRUSTED:
            self.verdict.set_message(
                arg(
                    self.tr(
                        "<b>Signed with a key this desk does not trust</b> (key id %1). Anyone can make a "
                        "key: import this package only if you know where it comes from. To trust its "
                        "sender for good, add their key in Settings → Trusted keys."
                    ),
                    escape(o.signer),
                ),
                "warning",
            )
        else:
            self.verdict.set_message(
                self.tr(
                    "<b>Not signed.</b> tcdesk cannot tell who made this package or whether it was changed "
                    "on the way. Import it only if you know where it comes from."
                ),
                "warning",
            )

    # --- behaviour -------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height_to_width(self)

    @property
    def allow_untrusted(self) -> bool:
        return self.outcome.needs_permission and self.allow.isChecked()

    def _update_buttons(self, *_args: object) -> None:
        o = self.outcome
        ready = not o.refused and not o.already_imported_at and (not o.needs_permission or self.allow.isChecked())
        self.import_button.setEnabled(ready)

    def copy_problems(self) -> None:
        header = self.outcome.refused
        QGuiApplication.clipboard().setText(f"{header}\n{self.problem_text()}" if header else self.problem_text())
