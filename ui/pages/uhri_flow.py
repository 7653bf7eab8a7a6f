"""Importing a UHRI export (Excel or JSON) from the Exchange page's "Import…" button.

The chosen file is sniffed in the background (``tcdesk.uhri.detect``): a tcdesk package goes on to the
package flow; a UHRI export is previewed (``preview_uhri``, writes nothing) → :class:`UhriPreviewDialog`
with the counts, the notes and the rows that cannot be used ("Import the usable rows only" when there are
some) → ``import_uhri`` on the write thread → the outcome on the page. Steps chain through a zero timer so
that one operation has fully ended (``ExchangeFlows.busy`` false) before the next starts.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tcdesk.services import uhri_import
from tcdesk.services.uhri_import import UhriOutcome
from tcdesk.uhri import detect
from ui.labels import arg
from ui.widgets import fit_height_to_width, label, number

if TYPE_CHECKING:
    from ui.pages.exchange_flows import ExchangeFlows


def tr(text: str) -> str:
    return QCoreApplication.translate("UhriFlow", text)


FILE_FILTER = "tcdesk packages and UHRI exports (*.xlsx *.json);;tcdesk packages (*.xlsx);;UHRI exports (*.xlsx *.json)"


def file_filter() -> str:
    return tr(FILE_FILTER)


def kind_name(kind: str) -> str:
    return {"uhri-xlsx": tr("UHRI Excel export"), "uhri-json": tr("UHRI JSON export")}.get(kind, kind)


class UhriPreviewDialog(QDialog):
    """What importing the UHRI export would do; Import is refused when the service refused the file."""

    def __init__(self, outcome: UhriOutcome, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.outcome = outcome
        self.setObjectName("uhriPreviewDialog")
        self.setWindowTitle(tr("Import recommendations from UHRI"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                arg(
                    tr("<b>%1</b>: %2, %3 rows."),
                    escape(path.name),
                    kind_name(outcome.kind),
                    number(outcome.source_rows),
                ),
                "paragraph",
                "uhriFile",
                wrap=True,
            )
        )
        if outcome.refused:
            layout.addWidget(label(escape(outcome.refused), "error", "uhriRefused", wrap=True))
        form = QFormLayout()
        self.counts: dict[str, QWidget] = {}
        for key, name, value in (
            ("new", tr("New recommendations"), outcome.new),
            ("updated", tr("Updated"), outcome.updated),
            ("unchanged", tr("Unchanged"), outcome.unchanged),
            ("unusable", tr("Rows that cannot be used"), outcome.unusable),
        ):
            widget = label(number(value), "count", f"uhri-{key}")
            self.counts[key] = widget
            form.addRow(label(name, "caption"), widget)
        if outcome.countries:
            countries = ", ".join(f"{c} {number(n)}" for c, n in sorted(outcome.countries.items()))
            form.addRow(label(tr("Countries"), "caption"), label(countries, "value", "uhriCountries", wrap=True))
        layout.addLayout(form)
        notes = list(outcome.notes)
        notes += [arg(tr("Skipped: %1 %2"), number(n), reason) for reason, n in outcome.skipped.items()]
        if outcome.office_missing:
            notes.append(tr("Set this installation's office code (Settings) before importing."))
        self.notes = label("<br>".join(escape(n) for n in notes), "caption", "uhriNotes", wrap=True)
        self.notes.setVisible(bool(notes))
        layout.addWidget(self.notes)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("uhriProblems")
        self.problems.setReadOnly(True)
        lines = list(outcome.problems)
        if outcome.total_problems > len(outcome.problems):
            lines.append(arg(tr("… and %1 more problems"), number(outcome.total_problems - len(outcome.problems))))
        self.problems.setPlainText("\n".join(lines))
        self.problems.setVisible(bool(lines))
        self.problems.setFixedHeight(140)
        layout.addWidget(self.problems)
        self.usable_only = QCheckBox(tr("Import the usable rows only (leave out the rows listed above)"))
        self.usable_only.setObjectName("uhriUsableOnly")
        self.usable_only.setVisible(bool(outcome.unusable) and not outcome.refused)
        self.usable_only.toggled.connect(self._update)
        layout.addWidget(self.usable_only)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("uhriImport")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    @property
    def skip_unusable(self) -> bool:
        return self.usable_only.isChecked()

    def _update(self, *_args: object) -> None:
        o = self.outcome
        blocked = bool(o.refused) or o.office_missing or (bool(o.unusable) and not self.skip_unusable)
        self.import_button.setEnabled(not blocked)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        fit_height_to_width(self)


def start(flows: ExchangeFlows, path: Path, package: Callable[[Path], None]) -> None:
    """Sniff ``path`` in the background, then go on with the package flow or the UHRI preview."""

    def route(kind: str | None) -> None:
        if kind in detect.UHRI_KINDS:
            QTimer.singleShot(0, flows, lambda: _preview(flows, path))
        else:
            QTimer.singleShot(0, flows, lambda: package(path))

    flows._run(tr("Reading the file"), lambda _progress, _cancelled: detect.detect(path), success=route)


def _preview(flows: ExchangeFlows, path: Path) -> None:
    store = flows.store
    flows._run(
        tr("Reading the UHRI export"),
        lambda progress, cancelled: uhri_import.preview_uhri(store, path, progress=progress, cancelled=cancelled),
        success=lambda outcome: _show(flows, outcome, path),
        cancelled=lambda: flows.page.say(tr("Reading the UHRI export was cancelled."), "info"),
    )


def _show(flows: ExchangeFlows, outcome: UhriOutcome, path: Path) -> None:
    dialog = UhriPreviewDialog(outcome, path, flows.page)
    flows.uhri_dialog = dialog  # type: ignore[attr-defined]
    dialog.accepted.connect(lambda: QTimer.singleShot(0, flows, lambda: _import(flows, path, dialog.skip_unusable)))
    dialog.finished.connect(lambda _result: _closed(flows, dialog))
    dialog.open()


def _closed(flows: ExchangeFlows, dialog: UhriPreviewDialog) -> None:
    if getattr(flows, "uhri_dialog", None) is dialog:
        flows.uhri_dialog = None  # type: ignore[attr-defined]
    dialog.deleteLater()


def _import(flows: ExchangeFlows, path: Path, skip_unusable: bool) -> None:
    store = flows.store
    flows._run(
        tr("Importing recommendations"),
        lambda progress, cancelled: uhri_import.import_uhri(
            store, path, skip_unusable=skip_unusable, progress=progress, cancelled=cancelled
        ),
        success=lambda outcome: _imported(flows, outcome),
        cancelled=lambda: flows.page.say(tr("<b>Import cancelled:</b> nothing was applied."), "info"),
        writes=True,
    )


def _imported(flows: ExchangeFlows, outcome: UhriOutcome) -> None:
    if outcome.refused or not outcome.applied:
        flows.page.say(arg(tr("<b>Not imported.</b> %1"), escape(outcome.refused or outcome.report())), "bad")
        return
    text = arg(
        tr("<b>Imported</b> %1 (%2): %3 new, %4 updated, %5 unchanged recommendations."),
        escape(outcome.file_name),
        kind_name(outcome.kind),
        number(outcome.new),
        number(outcome.updated),
        number(outcome.unchanged),
    )
    if outcome.unusable:
        text += " " + arg(tr("%1 rows that could not be used were left out."), number(outcome.unusable))
    flows.page.say(text, "warning" if outcome.unusable else "good")
    flows.page.context.notify_data_changed()
