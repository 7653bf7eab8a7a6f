"""The Briefings page driven as a user would: generate in the background, preview, save, print, open."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from ui.navigation import PAGES

pytestmark = pytest.mark.gui
WAIT_MS = 30_000
BRIEFINGS = [spec.key for spec in PAGES].index("briefings")


@pytest.fixture
def page(qtbot, make_window, demo_store):
    window = make_window(demo_store)
    window.show_page(BRIEFINGS)
    qtbot.waitUntil(lambda: type(window.stack.currentWidget()).__name__ == "BriefingsPage")
    return window.stack.currentWidget()


def generate(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    assert page.generate_button.isEnabled()
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def test_generate_shows_every_page_in_the_preview(qtbot, page):
    assert page.subheading.text() == "Republic of Veltrana (XVL)"
    assert not page.save_button.isEnabled() and not page.print_button.isEnabled()
    generate(qtbot, page)
    assert page.result is not None, page.notice.text.text()
    path = page.result.path
    assert path.parent == page.context.data_dir.root / "briefings"
    pages = len(PdfReader(str(path)).pages)
    assert pages == page.result.pages == page.preview.page_count() == len(page.preview.views)
    assert page.notice.tone == "good" and f"{pages} pages" in page.notice.text.text()
    assert page.save_button.isEnabled() and page.print_button.isEnabled() and page.open_button.isEnabled()
    # the first page is really drawn: the cover's UN-blue band, on white paper
    image = page.preview.image(0)
    assert not image.isNull() and image.width() > 200
    colours = {image.pixelColor(image.width() // 2, y).name() for y in range(0, image.height(), 7)}
    assert "#1f5fa8" in colours and "#ffffff" in colours
    qtbot.waitUntil(lambda: page.preview.views[0].isVisible())
    page.preview.views[0].grab()  # paints through the page view without a Qt warning


def test_sections_and_filters_reach_the_briefing(qtbot, page):
    for key in ("figures", "clusters", "checklist", "projects"):
        page.section_boxes[key].setChecked(False)
    page.all_clusters.setChecked(True)
    page.not_implemented.setChecked(True)
    page.marking.setCurrentText("Strictly confidential")
    options = page.options()
    assert options.sections == ("cover", "annex") and options.all_clusters and options.not_implemented_only
    generate(qtbot, page)
    reader = PdfReader(str(page.result.path))
    assert [item.title for item in reader.outline if not isinstance(item, list)] == [
        "Cover",
        "Contents",
        "Annex  Recommendations by cluster",
    ]
    assert "STRICTLY CONFIDENTIAL" in reader.pages[0].extract_text()
    # no section ticked: nothing to generate
    for box in page.section_boxes.values():
        box.setChecked(False)
    assert not page.generate_button.isEnabled()


def test_save_as_copies_the_briefing(qtbot, page, tmp_path, monkeypatch):
    generate(qtbot, page)
    target = tmp_path / "saved" / "for the rapporteur"
    target.parent.mkdir()
    asked = {}

    def choose(parent, caption, folder, filters):  # type: ignore[no-untyped-def]
        asked.update(caption=caption, folder=folder, filters=filters)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    written = target.with_name(target.name + ".pdf")
    assert written.read_bytes() == page.result.path.read_bytes()
    assert asked["folder"].endswith(".pdf") and "Republic of Veltrana" in asked["folder"]
    assert "Saved" in page.notice.text.text()


def test_generating_again_replaces_the_preview_without_painting_the_old_pages(qtbot, page):
    """Old page views must not paint once their PDF is gone (pytest-qt fails a test on an exception raised
    in ``paintEvent``): they are hidden at once, then deleted."""
    generate(qtbot, page)
    qtbot.waitExposed(page.preview)
    old = list(page.preview.views)
    assert old and old[0].isVisible()
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert not any(view.isVisible() for view in old)
    old[0].repaint()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.result is not None and page.preview.page_count() == page.result.pages == len(page.preview.views)


def pdf_printer(path: Path, mode=QPrinter.PrinterMode.ScreenResolution) -> QPrinter:  # type: ignore[no-untyped-def]
    printer = QPrinter(mode)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def print_and_wait(qtbot, page, printer: QPrinter) -> None:  # type: ignore[no-untyped-def]
    page.print_to(printer)
    assert page.busy and not page.print_button.isEnabled() and not page.generate_button.isEnabled()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def test_print_paints_every_page_in_the_background(qtbot, page, tmp_path):
    generate(qtbot, page)
    print_and_wait(qtbot, page, pdf_printer(tmp_path / "printed.pdf"))
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == page.result.pages
    assert f"{page.result.pages} pages sent to the printer" in page.notice.text.text()
    assert page.print_button.isEnabled()

    ranged = pdf_printer(tmp_path / "two.pdf")
    ranged.setPrintRange(QPrinter.PrintRange.PageRange)
    ranged.setFromTo(2, 3)
    print_and_wait(qtbot, page, ranged)
    assert len(PdfReader(str(tmp_path / "two.pdf")).pages) == 2
    assert "2 pages sent to the printer" in page.notice.text.text()


def test_printing_shows_its_progress_and_can_be_cancelled(qtbot, page, tmp_path):
    """The preview and the printer share PDFium through one lock: holding it keeps the job on page 1."""
    from ui.briefing_preview import PDFIUM

    generate(qtbot, page)
    with PDFIUM:
        page.print_to(pdf_printer(tmp_path / "cancelled.pdf", QPrinter.PrinterMode.HighResolution))
        dialog = page.operation.dialog
        qtbot.waitUntil(lambda: dialog.isVisible() and "Printing page 1 of" in dialog.message.text(), timeout=WAIT_MS)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert "Printing was cancelled" in page.notice.text.text()
    assert page.print_button.isEnabled() and page.generate_button.isEnabled()


def test_print_dialog_offers_the_page_range(qtbot, page):
    generate(qtbot, page)
    page.print_briefing()
    dialog = page.print_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert (dialog.minPage(), dialog.maxPage()) == (1, page.result.pages)
    dialog.reject()


def test_open_in_viewer_hands_the_file_to_the_system(qtbot, page, monkeypatch):
    generate(qtbot, page)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert [Path(u.toLocalFile()) for u in opened] == [page.result.path]


def test_a_missing_font_is_said_in_the_page(qtbot, page, tmp_path, monkeypatch):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setenv("TCDESK_FONT_DIRS", str(empty))
    generate(qtbot, page)
    assert page.result is None and page.preview.page_count() == 0
    assert page.notice.tone == "bad"
    text = page.notice.text.text()
    assert "A font is missing" in text and "fonts-dejavu-core" in text
    assert not page.save_button.isEnabled()


def test_cancel_stops_the_briefing(qtbot, page, monkeypatch):
    import ui.pages.briefings as briefings

    real = briefings.build_briefing

    def slow(*args, cancelled, **kwargs):  # type: ignore[no-untyped-def]
        while not cancelled():  # on the worker thread: a briefing that takes its time
            time.sleep(0.01)
        return real(*args, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(briefings, "build_briefing", slow)
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert page.busy and not page.generate_button.isEnabled()
    page.operation.cancel()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert page.result is None
    assert "cancelled" in page.notice.text.text()
