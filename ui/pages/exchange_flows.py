"""The Exchange page's three flows: import a package, export one, resolve conflicts.

Import: choose a file → preview it in the background → the preview dialog → import in the background
with Cancel (a cancelled import applies nothing: the service rolls back and raises ``Cancelled``) →
say how it ended. Export: the export dialog (what will go out) → choose where → write in the background
→ the summary. Only one flow runs at a time (``busy``); reads and writes go through ``ui.worker``, writes
on its single write thread. Dialogs are opened with ``open()``, never ``exec()``, so nothing nests an
event loop and tests can drive them like any window.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog

from tcdesk.services import exchange, settings
from tcdesk.services.exchange import ExportSummary, ImportOutcome
from tcdesk.sync.errors import PackageRefused
from ui.dialogs.conflicts import ConflictsDialog
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.import_preview import ImportPreviewDialog
from ui.exchange_labels import RECORD_SHEETS, kind_name, local_time, outcome_name, progress_text, sheet_name
from ui.labels import arg
from ui.pages import uhri_flow
from ui.progress import run_with_progress
from ui.widgets import number
from ui.worker import Operation

if TYPE_CHECKING:
    from ui.pages.exchange import ExchangePage

PACKAGE_FOLDER = "exchange/package_folder"
SUMMARY_OUTCOMES = ("inserted", "updated", "deleted", "conflicting", "stale")


class ExchangeFlows(QObject):
    busyChanged = Signal(bool)

    def __init__(self, page: ExchangePage):
        super().__init__(page)
        self.page = page
        self.operation: Operation | None = None
        self.preview_dialog: ImportPreviewDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.conflicts_dialog: ConflictsDialog | None = None

    @property
    def store(self):  # type: ignore[no-untyped-def]
        return self.page.context.store

    @property
    def busy(self) -> bool:
        return self.operation is not None

    def _run(self, title: str, fn, *, success, cancelled=None, failure=None, writes=False, cancellable=True) -> None:  # type: ignore[no-untyped-def]
        def ended() -> None:
            self.operation = None
            self.busyChanged.emit(False)

        self.operation = run_with_progress(
            self.page,
            title,
            fn,
            success=success,
            failure=failure or self._failed,
            cancelled=cancelled,
            writes=writes,
            cancellable=cancellable,
            describe=progress_text,
        )
        self.operation.finished.connect(ended)
        self.busyChanged.emit(True)

    def _failed(self, error: BaseException) -> None:
        self.page.say(
            arg(
                self.tr("<b>Something went wrong:</b> %1. Nothing was changed."),
                escape(str(error) or type(error).__name__),
            ),
            "bad",
        )

    def _folder(self) -> str:
        return str(QSettings().value(PACKAGE_FOLDER, str(Path.home())))

    def _remember(self, path: Path) -> None:
        QSettings().setValue(PACKAGE_FOLDER, str(path.parent))

    # --- import ----------------------------------------------------------------------------------
    def import_package(self) -> None:
        if self.busy:
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self.page, self.tr("Import a package"), self._folder(), uhri_flow.file_filter()
        )
        if not chosen:
            return
        path = Path(chosen)
        self._remember(path)
        uhri_flow.start(self, path, self._read_package)  # a UHRI export has its own flow (ui.pages.uhri_flow)

    def _read_package(self, path: Path) -> None:
        store = self.store
        self._run(
            self.tr("Reading the package"),
            lambda progress, cancelled: exchange.preview_package(store, path, progress=progress, cancelled=cancelled),
            success=lambda outcome: self._preview(outcome, path),
            cancelled=lambda: self.page.say(self.tr("Reading the package was cancelled."), "info"),
        )

    def _preview(self, outcome: ImportOutcome, path: Path) -> None:
        dialog = ImportPreviewDialog(outcome, path, self.page)
        self.preview_dialog = dialog
        dialog.accepted.connect(lambda: self._import(path, dialog.allow_untrusted))
        dialog.finished.connect(lambda _result: self._preview_closed(dialog))
        dialog.open()

    def _preview_closed(self, dialog: ImportPreviewDialog) -> None:
        if self.preview_dialog is dialog:
            self.preview_dialog = None
        dialog.deleteLater()

    def _import(self, path: Path, allow_untrusted: bool) -> None:
        store = self.store
        self._run(
            self.tr("Importing the package"),
            lambda progress, cancelled: exchange.import_package(
                store, path, allow_untrusted=allow_untrusted, progress=progress, cancelled=cancelled
            ),
            success=self._imported,
            cancelled=lambda: self.page.say(self.tr("<b>Import cancelled:</b> nothing was applied."), "info"),
            writes=True,
        )

    def _imported(self, outcome: ImportOutcome) -> None:
        name = escape(outcome.file_name)
        if outcome.refused:
            self.page.say(arg(self.tr("<b>Not imported.</b> %1"), escape(outcome.refused)), "bad")
            return
        if outcome.already_imported_at:
            self.page.say(
                arg(
                    self.tr("<b>Already imported:</b> %1 was imported on %2. Nothing changed."),
                    name,
                    local_time(outcome.already_imported_at),
                ),
                "info",
            )
            return
        totals = {o: sum(outcome.counts.get(s, {}).get(o, 0) for s in RECORD_SHEETS) for o in SUMMARY_OUTCOMES}
        parts = [f"{number(n)} {outcome_name(o).lower()}" for o, n in totals.items() if n]
        what = ", ".join(parts) if parts else self.tr("nothing changed")
        text = arg(
            self.tr("<b>Imported</b> %1 (%2 from %3, no. %4): %5."),
            name,
            kind_name(outcome.kind),
            escape(outcome.origin),
            outcome.sequence,
            what,
        )
        if totals["conflicting"]:
            text += " " + self.tr(
                "Records changed both here and by the sender are kept in both versions: choose with Resolve conflicts."
            )
        self.page.say(text, "warning" if totals["conflicting"] else "good")
        self.page.context.notify_data_changed()

    # --- export ----------------------------------------------------------------------------------
    def export_package(self) -> None:
        if self.busy:
            return
        dialog = ExportDialog(self.store, self.page)
        self.export_dialog = dialog
        dialog.accepted.connect(lambda: self._choose_export_file(dialog.full_export))
        dialog.finished.connect(lambda _result: self._export_closed(dialog))
        dialog.open()

    def _export_closed(self, dialog: ExportDialog) -> None:
        if self.export_dialog is dialog:
            self.export_dialog = None
        dialog.deleteLater()

    def default_file_name(self) -> str:
        office = settings.office_code(self.store) or "office"
        return f"tcdesk-{office}-{QDate.currentDate().toString('yyyy-MM-dd')}.xlsx"

    def _choose_export_file(self, full: bool) -> None:
        suggested = str(Path(self._folder()) / self.default_file_name())
        chosen, _ = QFileDialog.getSaveFileName(
            self.page, self.tr("Export a package"), suggested, self.tr("tcdesk packages (*.xlsx)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self._remember(path)
        store = self.store
        self._run(
            self.tr("Writing the package"),
            lambda progress, _cancelled: exchange.export_package(store, path, full=full, progress=progress),
            success=self._exported,
            failure=self._export_failed,
            writes=True,
            cancellable=False,  # the service cannot stop half-way; it writes to a temporary file anyway
        )

    def _exported(self, summary: ExportSummary) -> None:
        rows = [f"{sheet_name(s)} {number(n)}" for s, n in summary.rows.items() if n]
        text = arg(
            self.tr("<b>Package written</b> to %1: %2 no. %3, package id %4."),
            escape(str(summary.path)),
            kind_name(summary.kind),
            summary.sequence,
            summary.package_id,
        )
        text += "<br>" + (
            arg(self.tr("Rows: %1."), escape(" · ".join(rows))) if rows else self.tr("It carries no records.")
        )
        text += " " + (
            self.tr("Signed with this office's key.")
            if summary.signed
            else self.tr("Not signed: create a signing key in Settings → Trusted keys.")
        )
        if summary.acknowledges:
            text += " " + arg(self.tr("It acknowledges %1 field returns."), number(len(summary.acknowledges)))
        self.page.say(text, "good")
        self.page.context.notify_data_changed()

    def _export_failed(self, error: BaseException) -> None:
        if isinstance(error, PackageRefused):
            self.page.say(arg(self.tr("<b>Not exported.</b> %1"), escape(error.summary)), "bad")
        else:
            self.page.say(arg(self.tr("<b>Not exported:</b> %1"), escape(str(error))), "bad")

    # --- conflicts -------------------------------------------------------------------------------
    def resolve_conflicts(self) -> None:
        if self.busy:
            return
        dialog = ConflictsDialog(self.store, self.page)
        self.conflicts_dialog = dialog
        dialog.resolved.connect(self.page.context.notify_data_changed)
        dialog.finished.connect(lambda _result: self._conflicts_closed(dialog))
        dialog.open()

    def _conflicts_closed(self, dialog: ConflictsDialog) -> None:
        if self.conflicts_dialog is dialog:
            self.conflicts_dialog = None
        dialog.deleteLater()
