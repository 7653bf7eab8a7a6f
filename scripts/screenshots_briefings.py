"""Screenshots of the Briefings page: the demo country's briefing in the preview, then while it prints.

    .venv/bin/python scripts/screenshots_briefings.py [--out docs/screenshots]

Printing goes to a PDF file in a temporary folder. To catch the progress dialog on page 1, the script
holds the PDFium lock that the printer's worker thread needs, the way the page's test does.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from shots import demo_window, output_folder, settle, wait_until


def with_dialog(window: QWidget, dialog: QWidget) -> QPixmap:
    """The window with its (window-modal) dialog painted where it sits: ``grab`` shows one window only."""
    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(dialog.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0)), dialog.grab())
    painter.end()
    return shot


def main() -> None:
    out = output_folder(__doc__.split("\n\n")[0])
    with demo_window("briefings", QSize(1360, 860)) as (app, _store, window, page):
        page.generate()
        wait_until(app, lambda: page.result is not None and not page.busy)
        settle(app, 0.5)
        window.grab().save(str(out / "briefings.png"))

        from ui.briefing_preview import PDFIUM

        with tempfile.TemporaryDirectory(prefix="tcdesk-print-") as tmp:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(Path(tmp) / "printed.pdf"))
            with PDFIUM:
                page.print_to(printer)
                dialog = page.operation.dialog
                wait_until(app, lambda: dialog.isVisible() and "Printing page" in dialog.message.text())
                settle(app, 0.3)
                with_dialog(window, dialog).save(str(out / "briefings-printing.png"))
                dialog.request_cancel()
            wait_until(app, lambda: not page.busy)
    print(f"saved briefings.png and briefings-printing.png in {out}")


if __name__ == "__main__":
    main()
