"""Briefings page: choose what goes in, generate the PDF in the background, preview, print, open, save.

The briefing is about the app's current country. The user ticks the sections, chooses the clusters
(high priority or all), whether implemented recommendations are left out, and the classification
marking printed on every page (kept in the settings). Generation runs through ``ui.worker`` with the
progress dialog and Cancel; the PDF is written into the data folder (``briefings/``, never a shared
temporary folder: briefings are sensitive) and shown page by page (``ui.briefing_preview``). Print paints
the rendered pages at the printer's resolution, also in the background with progress and Cancel;
*Open in viewer* hands the file to the system's PDF
viewer; *Save as…* copies it where the user chooses.
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tcdesk.briefing import DEFAULT_MARKING, SECTIONS, BriefingOptions, BriefingResult, MissingFont, build_briefing
from tcdesk.clock import today
from ui.briefing_preview import PdfPages, PdfPreview, print_pages
from ui.context import AppContext
from ui.labels import arg
from ui.pages.base import PARAGRAPH_WIDTH, Page
from ui.progress import run_with_progress
from ui.widgets import Card, Notice, label
from ui.worker import Operation

MARKING_KEY = "briefings/marking"
FOLDER_KEY = "briefings/folder"
MARKINGS = (DEFAULT_MARKING, "Strictly confidential", "Confidential", "Public")


class BriefingsPage(Page):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.heading.setText(self.tr("Briefings"))
        purpose = label(
            self.tr(
                "A printable PDF on the country before a mission, a special rapporteur's visit, a UNCT retreat "
                "or a call with HQ: its key figures, the priority clusters and their recommendations, the CCA "
                "checklist, the technical cooperation portfolio and an annex of the recommendations."
            ),
            "paragraph",
            "pagePurpose",
            wrap=True,
        )
        purpose.setMaximumWidth(PARAGRAPH_WIDTH)
        self.layout_.addWidget(purpose)

        self.operation: Operation | None = None
        self.printer: QPrinter | None = None  # the printer a print job in progress paints on
        self.result: BriefingResult | None = None
        self.result_country = ""

        columns = QHBoxLayout()
        columns.setSpacing(16)
        self.layout_.addLayout(columns, 1)
        options = QVBoxLayout()
        options.setSpacing(12)
        columns.addLayout(options)
        columns.addWidget(self._preview_card(), 1)

        sections = Card(self.tr("Sections"))
        names = {
            "cover": self.tr("Cover and contents"),
            "figures": self.tr("Key figures and charts"),
            "clusters": self.tr("Clusters and key recommendations"),
            "checklist": self.tr("CCA checklist progress and gaps"),
            "projects": self.tr("Projects and coverage gaps"),
            "annex": self.tr("Annex: recommendations by cluster"),
        }
        self.section_boxes: dict[str, QCheckBox] = {}
        for key in SECTIONS:
            box = QCheckBox(names[key])
            box.setObjectName(f"section-{key}")
            box.setChecked(True)
            box.toggled.connect(self._update_buttons)
            self.section_boxes[key] = box
            sections.body.addWidget(box)
        options.addWidget(sections)

        selection = Card(self.tr("Selection"))
        self.priority_only = QRadioButton(self.tr("High-priority clusters only"))
        self.priority_only.setObjectName("priorityClustersOnly")
        self.all_clusters = QRadioButton(self.tr("All clusters"))
        self.all_clusters.setObjectName("allClusters")
        self.priority_only.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.priority_only)
        group.addButton(self.all_clusters)
        self.not_implemented = QCheckBox(self.tr("Only recommendations not yet implemented"))
        self.not_implemented.setObjectName("notImplementedOnly")
        self.marking = QComboBox()
        self.marking.setObjectName("marking")
        self.marking.setEditable(True)
        self.marking.addItems(list(MARKINGS))
        self.marking.setCurrentText(str(QSettings().value(MARKING_KEY, DEFAULT_MARKING)))
        self.marking.setToolTip(self.tr("Printed at the top and bottom of every page"))
        for widget in (self.priority_only, self.all_clusters, self.not_implemented):
            selection.body.addWidget(widget)
        form = QFormLayout()
        form.setContentsMargins(0, 6, 0, 0)
        form.addRow(label(self.tr("Marking"), "caption"), self.marking)
        selection.body.addLayout(form)
        options.addWidget(selection)

        self.generate_button = self._button(self.tr("&Generate briefing"), "generateBriefing")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.print_button = self._button(self.tr("&Print…"), "printBriefing")
        self.print_button.clicked.connect(self.print_briefing)
        self.open_button = self._button(self.tr("&Open in viewer"), "openBriefing")
        self.open_button.clicked.connect(self.open_in_viewer)
        self.save_button = self._button(self.tr("&Save as…"), "saveBriefing")
        self.save_button.clicked.connect(self.save_as)
        options.addWidget(self.generate_button)
        row = QHBoxLayout()
        row.setSpacing(8)
        for button in (self.print_button, self.open_button, self.save_button):
            row.addWidget(button)
        options.addLayout(row)
        self.notice = Notice("briefingResult")
        self.notice.setMaximumWidth(360)
        options.addWidget(self.notice)
        options.addStretch(1)
        for card in (sections, selection):
            card.setFixedWidth(360)
        self._update_buttons()

    def _preview_card(self) -> Card:
        card = Card(self.tr("Preview"))
        card.setObjectName("previewCard")
        self.preview_caption = label(self.tr("Generate a briefing to see it here."), "caption", "previewCaption")
        self.preview = PdfPreview()
        self.preview.setMinimumHeight(560)
        card.body.addWidget(self.preview_caption)
        card.body.addWidget(self.preview, 1)
        return card

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(32)
        return button

    # --- state -------------------------------------------------------------------------------------
    def load(self) -> None:
        country = self.context.country
        if country:
            self.subheading.setText(f"{self.context.country_name(country)} ({country})")
        else:
            self.subheading.setText(self.tr("No country in the store yet: import a package from HQ to start."))
        self._update_buttons()

    def chosen_sections(self) -> tuple[str, ...]:
        return tuple(key for key, box in self.section_boxes.items() if box.isChecked())

    def options(self) -> BriefingOptions:
        return BriefingOptions(
            sections=self.chosen_sections(),
            marking=self.marking.currentText().strip(),
            all_clusters=self.all_clusters.isChecked(),
            not_implemented_only=self.not_implemented.isChecked(),
        )

    @property
    def busy(self) -> bool:
        return self.operation is not None

    def _update_buttons(self, *_args: object) -> None:
        ready = self.result is not None and self.result.path.exists()
        self.generate_button.setEnabled(not self.busy and bool(self.context.country) and bool(self.chosen_sections()))
        for button in (self.print_button, self.open_button, self.save_button):
            button.setEnabled(ready and not self.busy)

    def briefing_path(self, iso3: str) -> Path:
        folder = self.context.data_dir.root / "briefings"
        return folder / f"briefing-{iso3}-{today()}.pdf"

    # --- generate ---------------------------------------------------------------------------------
    def generate(self) -> None:
        iso3 = self.context.country
        if self.busy or not iso3 or not self.chosen_sections():
            return
        options = self.options()
        QSettings().setValue(MARKING_KEY, options.marking)
        path = self.briefing_path(iso3)
        path.parent.mkdir(parents=True, exist_ok=True)
        store = self.context.store
        self.preview.set_pdf(None)  # the file is about to be replaced
        self.result = None

        def ended() -> None:
            self.operation = None
            self._update_buttons()

        self.operation = run_with_progress(
            self,
            self.tr("Generating the briefing"),
            lambda progress, cancelled: build_briefing(
                store, iso3, path, options, progress=progress, cancelled=cancelled
            ),
            success=lambda result: self._generated(result, iso3),
            failure=self._failed,
            cancelled=lambda: self.notice.set_message(self.tr("The briefing was cancelled."), "info"),
            describe=self.progress_text,
        )
        self.operation.finished.connect(ended)
        self._update_buttons()

    def progress_text(self, message: str) -> str:
        if message.startswith("laying out page "):
            return arg(self.tr("Laying out page %1…"), message.removeprefix("laying out page "))
        if message.startswith("printing page "):
            number, _, total = message.removeprefix("printing page ").partition(" of ")
            return arg(self.tr("Printing page %1 of %2…"), number, total)
        steps = {
            "reading the store": self.tr("Reading the store…"),
            "checking the fonts": self.tr("Checking the fonts…"),
            "preparing the sections": self.tr("Preparing the sections…"),
            "done": self.tr("Done"),
        }
        return steps.get(message, message)

    def _generated(self, result: BriefingResult, iso3: str) -> None:
        self.result = result
        self.result_country = iso3
        self.preview.set_pdf(PdfPages.open(result.path))
        name = self.context.country_name(iso3)
        self.preview_caption.setText(arg(self.tr("%1: %2 pages"), name, result.pages))
        self.notice.set_message(
            arg(
                self.tr(
                    "<b>Briefing ready:</b> %1 pages, kept in %2. Print it, open it in your PDF viewer or save a copy."
                ),
                result.pages,
                escape(str(result.path.parent)),
            ),
            "good",
        )
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, MissingFont):
            text = arg(self.tr("<b>A font is missing.</b> %1"), escape(str(error)))
        else:
            text = arg(self.tr("<b>The briefing could not be made:</b> %1"), escape(str(error) or type(error).__name__))
        self.notice.set_message(text, "bad")

    # --- use the result ---------------------------------------------------------------------------
    def default_file_name(self) -> str:
        iso3 = self.result_country or self.context.country
        return f"Briefing {self.context.country_name(iso3)} {today()}.pdf"

    def save_as(self) -> None:
        if self.result is None:
            return
        folder = Path(str(QSettings().value(FOLDER_KEY, str(Path.home()))))
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the briefing"), str(folder / self.default_file_name()), self.tr("PDF files (*.pdf)")
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            shutil.copyfile(self.result.path, target)
        except OSError as exc:
            self.notice.set_message(arg(self.tr("<b>Not saved:</b> %1"), escape(exc.strerror or str(exc))), "bad")
            return
        QSettings().setValue(FOLDER_KEY, str(target.parent))
        self.notice.set_message(arg(self.tr("<b>Saved</b> to %1."), escape(str(target))), "good")

    def open_in_viewer(self) -> None:
        if self.result is None:
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path))):
            self.notice.set_message(
                arg(
                    self.tr("No PDF viewer could be started. The briefing is in %1."),
                    escape(str(self.result.path)),
                ),
                "warning",
            )

    def print_briefing(self) -> None:
        if self.result is None or self.preview.pages is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.default_file_name().removesuffix(".pdf"))
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        dialog.setMinMax(1, self.preview.page_count())
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.finished.connect(lambda code: self.print_to(printer) if code == QDialog.DialogCode.Accepted else None)
        self.print_dialog = dialog
        QDialog.open(dialog)  # QPrintDialog.open(receiver, member) wants a slot; the plain one is enough

    def print_to(self, printer: QPrinter) -> None:
        """Print the current briefing on ``printer`` (the print dialog's choice) in the background.

        About 65 ms a page at 300 dpi: a 150-page briefing would hold the window for 10 s on the GUI thread,
        so it prints on a worker with a progress dialog and Cancel (``briefing_preview.print_pages``).
        """
        pages = self.preview.pages
        if pages is None or self.busy:
            return
        self.printer = printer  # the worker paints on it: keep it alive until the job has ended

        def ended() -> None:
            self.operation = None
            self.printer = None
            self._update_buttons()

        self.operation = run_with_progress(
            self,
            self.tr("Printing the briefing"),
            lambda progress, cancelled: print_pages(pages, printer, progress=progress, cancelled=cancelled),
            success=lambda printed: self.notice.set_message(
                arg(self.tr("%1 pages sent to the printer."), printed), "good"
            ),
            failure=lambda error: self.notice.set_message(
                arg(self.tr("<b>Not printed:</b> %1"), escape(str(error) or type(error).__name__)), "bad"
            ),
            cancelled=lambda: self.notice.set_message(
                self.tr("Printing was cancelled. Pages the printer had already received may still come out."),
                "info",
            ),
            describe=self.progress_text,
        )
        self.operation.finished.connect(ended)
        self._update_buttons()
