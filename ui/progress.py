"""The progress dialog every long operation shows, and ``run_with_progress`` to start one with it.

Our own small dialog rather than QProgressDialog: Cancel must not close the dialog at once (the work
stops only at its next safe point, and the user should see "Cancelling…" until it has), the dialog must
close itself exactly when the operation reports back, and work that cannot be stopped (writing a
package) shows no Cancel button at all. It appears only after a short delay, so quick work does not
flash a window; the caller disables its own buttons meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ui.widgets import label
from ui.worker import Operation, Work

STEPS = 1000


class ProgressDialog(QDialog):
    SHOW_AFTER_MS = 300

    def __init__(
        self,
        operation: Operation,
        title: str,
        parent: QWidget | None = None,
        *,
        cancellable: bool = True,
        describe: Callable[[str], str] = str,
    ):
        super().__init__(parent)
        self.operation = operation
        self.cancellable = cancellable
        self._describe = describe
        self.setObjectName("progressDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(440)
        self.message = label(self.tr("Starting…"), "paragraph", "progressMessage", wrap=True)
        self.bar = QProgressBar()
        self.bar.setObjectName("progressBar")
        self.bar.setRange(0, STEPS)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("progressCancel")
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.clicked.connect(self.request_cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        layout.addWidget(self.message)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        operation.progressed.connect(self._progressed)
        operation.stopped.connect(self._stopped)
        QTimer.singleShot(self.SHOW_AFTER_MS, self, self._show_if_running)

    def _show_if_running(self) -> None:
        if self.operation.is_running:
            self.show()

    def _progressed(self, fraction: float, message: str) -> None:
        if not self.operation.is_cancelled():
            self.message.setText(self._describe(message))
        self.bar.setValue(round(min(max(fraction, 0.0), 1.0) * STEPS))

    def request_cancel(self) -> None:
        if not self.cancellable or self.operation.is_cancelled():
            return
        self.operation.cancel()
        self.cancel_button.setEnabled(False)
        self.message.setText(self.tr("Cancelling…"))

    def reject(self) -> None:
        """Escape asks to cancel; the dialog closes when the work has actually stopped."""
        self.request_cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.operation.is_running:
            self.request_cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def _stopped(self, _state: str) -> None:
        self.hide()
        self.deleteLater()


def run_with_progress(
    parent: QWidget,
    title: str,
    fn: Work,
    *,
    success: Callable[[Any], object],
    failure: Callable[[BaseException], object],
    cancelled: Callable[[], object] | None = None,
    writes: bool = False,
    cancellable: bool = True,
    describe: Callable[[str], str] = str,
) -> Operation:
    """Start ``fn`` in the background with a progress dialog over ``parent``; returns the operation.

    The dialog is ``operation.dialog``; callbacks run on the GUI thread while ``parent`` exists.
    """
    operation = Operation(fn, success=success, failure=failure, cancelled=cancelled, writes=writes, owner=parent)
    operation.dialog = ProgressDialog(  # type: ignore[attr-defined]
        operation, title, parent, cancellable=cancellable, describe=describe
    )
    return operation.run()
