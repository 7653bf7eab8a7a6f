"""A PDF shown inside the app and printed, by rendering its pages to images with pypdfium2.

Qt's own PDF module (QtPdf) is not in PySide6-Essentials below 6.12, which our pin excludes, so pages are
rendered by PDFium through pypdfium2: for the preview at screen resolution, lazily (a page is rendered
when it is first painted, and only the last few rendered pages are kept), and for printing at the
printer's resolution (capped at 300 dpi: beyond that a page image only grows, the print does not
improve). The document is read into memory, so the file on disk is never held open (Windows could not
replace it for the next briefing otherwise).

PDFium is not thread-safe, even with separate documents, yet printing 150 pages at 300 dpi takes about
30 s (docs/performance.md), which must not freeze the window: printing runs on a worker thread (QPainter
may paint on a QPrinter there) and every PDFium call, the preview's and the printer's, holds ``PDFIUM``
for the time of one page. The preview then waits at most one page's rendering for the lock.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from tcdesk.sync.errors import Cancelled

PRINT_DPI_LIMIT = 300
CACHED_PAGES = 12
PDFIUM = threading.RLock()  # held by every use of PDFium, from any thread; re-entrant within one thread


class PdfPages:
    """A PDF in memory: its page count, page sizes (points) and page images.

    PDFium's document is opened for each use and closed right after (parsing a briefing takes about a
    millisecond), so no native object outlives the widgets that show it.
    """

    def __init__(self, data: bytes):
        self.data = data
        with self.opened() as document:
            self.sizes = [document[i].get_size() for i in range(len(document))]

    def __len__(self) -> int:
        return len(self.sizes)

    @classmethod
    def open(cls, path: Path) -> PdfPages:
        return cls(path.read_bytes())

    @contextmanager
    def opened(self) -> Iterator[Any]:
        """The PDFium document, with the ``PDFIUM`` lock held until it is closed."""
        import pypdfium2 as pdfium

        with PDFIUM:
            document = pdfium.PdfDocument(self.data)
            try:
                yield document
            finally:
                document.close()

    def render(self, index: int, scale: float) -> QImage:
        """Page ``index`` at ``scale`` pixels per point (1.0 = 72 dpi), on white; from any thread."""
        with self.opened() as document:
            page = document[index]
            try:
                bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True, fill_color=(255, 255, 255, 255))
                fmt = QImage.Format.Format_RGBX8888 if bitmap.n_channels == 4 else QImage.Format.Format_RGB888
                image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt)
                image = image.copy()  # own the pixels: the bitmap's buffer goes away with it
                bitmap.close()
            finally:
                page.close()
            return image


class PageView(QWidget):
    """One page of the preview: a white sheet with a shadow, rendered when first painted."""

    MARGIN = 10

    def __init__(self, preview: PdfPreview, index: int, points: tuple[float, float]):
        super().__init__()
        self.preview = preview
        self.index = index
        self.points = points  # the page's own size: the view may outlive its PDF until it is deleted
        self.setObjectName(f"previewPage{index + 1}")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def page_size(self) -> QSize:
        width, height = self.points
        scale = self.preview.scale
        return QSize(round(width * scale), round(height * scale))

    def sizeHint(self) -> QSize:
        return self.page_size() + QSize(2 * self.MARGIN, 2 * self.MARGIN)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        sheet = QRectF(self.MARGIN, self.MARGIN, self.page_size().width(), self.page_size().height())
        painter.fillRect(sheet.translated(2, 3), QColor(0, 0, 0, 40))
        painter.drawImage(sheet, self.preview.image(self.index))
        painter.end()


class PdfPreview(QScrollArea):
    """The pages of a PDF one under the other, as wide as the view allows (up to a comfortable width)."""

    MAX_PAGE_WIDTH = 820

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("briefingPreview")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet("QScrollArea#briefingPreview, QWidget#previewBody { background: #dfe4ea; }")
        self.body = QWidget()
        self.body.setObjectName("previewBody")
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(8, 8, 8, 8)
        self.column.setSpacing(4)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.body)
        self.pages: PdfPages | None = None
        self.views: list[PageView] = []
        self.scale = 1.0
        self._images: OrderedDict[tuple[int, float], QImage] = OrderedDict()

    # --- contents --------------------------------------------------------------------------------
    def set_pdf(self, pages: PdfPages | None) -> None:
        for view in self.views:
            view.hide()  # before the event loop deletes it, it must not paint a page that is gone
            self.column.removeWidget(view)
            view.deleteLater()
        self.views = []
        self._images.clear()
        self.pages = pages
        if pages is None:
            return
        self._fit()
        for index in range(len(pages)):
            view = PageView(self, index, pages.sizes[index])
            self.views.append(view)
            self.column.addWidget(view)
        self.verticalScrollBar().setValue(0)

    def page_count(self) -> int:
        return len(self.pages) if self.pages is not None else 0

    def image(self, index: int) -> QImage:
        """The page as shown now (rendered on first use, a few kept)."""
        assert self.pages is not None
        key = (index, round(self.scale * self.devicePixelRatioF(), 3))
        image = self._images.get(key)
        if image is None:
            image = self.pages.render(index, key[1])
            image.setDevicePixelRatio(self.devicePixelRatioF())
            self._images[key] = image
            while len(self._images) > CACHED_PAGES:
                self._images.popitem(last=False)
        else:
            self._images.move_to_end(key)
        return image

    def scroll_to_page(self, index: int) -> None:
        if 0 <= index < len(self.views):
            self.ensureWidgetVisible(self.views[index], 0, 0)

    # --- size --------------------------------------------------------------------------------------
    def _fit(self) -> None:
        if self.pages is None or not len(self.pages):
            return
        widest = max(w for w, _h in self.pages.sizes)
        room = self.viewport().width() - 2 * PageView.MARGIN - 24
        width = max(240, min(room, self.MAX_PAGE_WIDTH))
        scale = width / widest
        if abs(scale - self.scale) > 0.005:
            self.scale = scale
            self._images.clear()
            for view in self.views:
                view.updateGeometry()
                view.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


def print_pages(
    pages: PdfPages,
    printer: QPrinter,
    *,
    progress: Callable[[float, str], None] = lambda fraction, message: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Paint the pages the printer asks for (its page range, else all) at its resolution; returns how many.

    Meant for a worker thread (``ui.worker``). Between pages it reports ``printing page N of M`` and looks
    at ``cancelled``: then the print job is aborted (what the printer already took may still come out)
    and :class:`Cancelled` is raised.
    """
    first, last = 1, len(pages)
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(printer.fromPage(), 1), min(printer.toPage() or last, last)
    printer.setFullPage(True)
    dpi = min(printer.resolution(), PRINT_DPI_LIMIT)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    total = last - first + 1
    printed = 0
    try:
        for number in range(first, last + 1):
            if cancelled():
                printer.abort()
                raise Cancelled(f"printing was cancelled after {printed} of {total} pages")
            progress(printed / total, f"printing page {printed + 1} of {total}")
            image = pages.render(number - 1, dpi / 72)
            if printed:
                printer.newPage()
            target = QRectF(painter.viewport())
            # keep the page's proportions inside the paper
            scale = min(target.width() / image.width(), target.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(target.x(), target.y(), width, height), image)
            printed += 1
    finally:
        painter.end()
    progress(1.0, "done")
    return printed
