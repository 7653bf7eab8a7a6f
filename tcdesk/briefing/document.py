"""The page: A4, running header and footer with the classification marking, page numbers, one layout pass.

Every page carries the marking at its top and bottom (the cover too). Body pages add the country and
"Human rights briefing" on the left of the header, the date on the right, the office in the footer and
"Page 3 of 12" on the right of it. "of 12" and the contents' page numbers are form XObjects written at
save time (see ``flowables``), so the story is laid out once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from tcdesk.briefing import theme
from tcdesk.briefing.text import TextStyle, Typesetter, draw_line
from tcdesk.sync.errors import Cancelled

W, H = theme.PAGE_WIDTH, theme.PAGE_HEIGHT
BAND_TOP = H - 20 * mm
BAND_BOTTOM = H - 104 * mm
BAND_FRAME_BOTTOM = BAND_BOTTOM + 13 * mm
BAND_FRAME_HEIGHT = BAND_TOP - 12 * mm - BAND_FRAME_BOTTOM


@dataclass
class Decor:
    """What the running header and footer say."""

    marking: str
    country: str
    date: str
    office: str
    typesetter: Typesetter


def page_of_form(number: int) -> str:
    return f"tcpageof{number}"


class BriefingCanvas(Canvas):
    """A canvas that writes the page-number forms once the last page is known."""

    typesetter: Typesetter | None = None

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.entry_pages: dict[str, int] = {}
        self.page_forms: dict[str, tuple[str, TextStyle]] = {}
        self.pages_done = 0

    def showPage(self) -> None:
        self.pages_done += 1
        super().showPage()

    def save(self) -> None:
        total = self.pages_done
        for number in range(1, total + 1):
            self._number_form(page_of_form(number), f"Page {number} of {total}", theme.RUNNING)
        for name, (key, style) in self.page_forms.items():
            self._number_form(name, str(self.entry_pages.get(key, "")), style)
        super().save()

    def _number_form(self, name: str, text: str, style: TextStyle) -> None:
        assert self.typesetter is not None
        line = self.typesetter.line(text, style.weight, style.size)
        self.beginForm(name, lowerx=-160, lowery=-6, upperx=2, uppery=style.size + 4)
        draw_line(self, line, -line.width, 0, style)
        self.endForm()


def _centred(canvas: Canvas, decor: Decor, text: str, y: float, style: TextStyle) -> None:
    shown = text.upper() if style.upper else text
    line = decor.typesetter.fit(shown, style.weight, style.size, W - 2 * theme.MARGIN_LEFT, char_space=style.char_space)
    draw_line(canvas, line, (W - line.width) / 2, y, style)


def _marking(canvas: Canvas, decor: Decor) -> None:
    if decor.marking.strip():
        _centred(canvas, decor, decor.marking, H - 11 * mm, theme.MARKING)
        _centred(canvas, decor, decor.marking, 8 * mm, theme.MARKING)


def body_page(decor: Decor) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        ts = decor.typesetter
        canvas.saveState()
        _marking(canvas, decor)
        left, right = theme.MARGIN_LEFT, W - theme.MARGIN_RIGHT
        style = theme.RUNNING
        title = ts.fit(
            f"{decor.country} · Human rights briefing", style.weight, style.size, (right - left) * 0.7, "ltr"
        )
        draw_line(canvas, title, left, H - 17 * mm, style)
        date = ts.line(decor.date, style.weight, style.size)
        draw_line(canvas, date, right - date.width, H - 17 * mm, style)
        canvas.setStrokeColor(theme.RULE)
        canvas.setLineWidth(0.6)
        canvas.line(left, H - 19.2 * mm, right, H - 19.2 * mm)
        canvas.line(left, 17.5 * mm, right, 17.5 * mm)
        office = f"Office {decor.office}" if decor.office else "tcdesk"
        draw_line(canvas, ts.fit(office, style.weight, style.size, (right - left) * 0.6), left, 13.2 * mm, style)
        canvas.translate(right, 13.2 * mm)
        canvas.doForm(page_of_form(canvas.getPageNumber()))
        canvas.restoreState()

    return draw


def cover_page(decor: Decor) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(theme.UN_BLUE)
        canvas.rect(0, BAND_BOTTOM, W, BAND_TOP - BAND_BOTTOM, stroke=0, fill=1)
        canvas.setFillColor(theme.UN_BLUE_DARK)
        canvas.rect(0, BAND_BOTTOM, W, 2.2 * mm, stroke=0, fill=1)
        _marking(canvas, decor)
        canvas.setStrokeColor(theme.RULE)
        canvas.setLineWidth(0.6)
        canvas.line(theme.MARGIN_LEFT, 17.5 * mm, W - theme.MARGIN_RIGHT, 17.5 * mm)
        canvas.restoreState()

    return draw


class BriefingDoc(BaseDocTemplate):
    def __init__(self, filename: str, decor: Decor, *, title: str, author: str, subject: str, cover: bool = True):
        super().__init__(
            filename,
            pagesize=(W, H),
            leftMargin=theme.MARGIN_LEFT,
            rightMargin=theme.MARGIN_RIGHT,
            topMargin=theme.MARGIN_TOP,
            bottomMargin=theme.MARGIN_BOTTOM,
            title=title,
            author=author,
            subject=subject,
            creator="tcdesk",
            lang="en",
        )
        body = Frame(
            theme.MARGIN_LEFT,
            theme.MARGIN_BOTTOM,
            theme.FRAME_WIDTH,
            H - theme.MARGIN_TOP - theme.MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        band = Frame(
            theme.MARGIN_LEFT,
            BAND_FRAME_BOTTOM,
            theme.FRAME_WIDTH,
            BAND_FRAME_HEIGHT,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="band",
        )
        below = Frame(
            theme.MARGIN_LEFT,
            theme.MARGIN_BOTTOM,
            theme.FRAME_WIDTH,
            BAND_BOTTOM - 14 * mm - theme.MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="below",
        )
        templates = [
            PageTemplate("cover", [band, below], onPage=cover_page(decor)),
            PageTemplate("body", [body], onPage=body_page(decor)),
        ]
        self.addPageTemplates(templates if cover else templates[::-1])  # the first one starts the document
        self.decor = decor

    def build_story(
        self,
        story: list,
        *,
        progress: Callable[[float, str], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        start: float = 0.2,
        end: float = 0.97,
    ) -> int:
        """Lay out and write the story; returns the number of pages."""
        estimate = [max(len(story), 1)]

        def on_progress(kind: str, value: int) -> None:
            if cancelled is not None and cancelled():
                raise Cancelled("briefing cancelled")
            if kind == "SIZE_EST":
                estimate[0] = max(value, 1)
            elif kind == "PAGE" and progress is not None:
                done = min(self._flowables_done / estimate[0], 1.0)
                progress(start + (end - start) * done, f"laying out page {value}")
            elif kind == "PROGRESS":
                self._flowables_done = value

        self._flowables_done = 0
        self.setProgressCallBack(on_progress)
        decor = self.decor

        class Maker(BriefingCanvas):
            typesetter = decor.typesetter

        self.build(story, canvasmaker=Maker)
        return self.canv.pages_done if hasattr(self.canv, "pages_done") else self.page
