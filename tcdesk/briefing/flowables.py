"""Small flowables of the briefing: bookmark anchors, status labels, the contents list.

Page numbers that are known only once everything is laid out (the contents' page numbers, "of 12" in
the footer) are drawn as PDF form XObjects: the page uses the form by name, and the form is written
when the document is saved (``document.BriefingCanvas``). One layout pass is therefore enough, where
reportlab's TableOfContents needs two.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus.flowables import Flowable

from tcdesk.briefing import theme
from tcdesk.briefing.fonts import BOLD
from tcdesk.briefing.text import TextStyle, Typesetter, draw_line, line_x


def page_form(key: str) -> str:
    return f"tcpage{key}"


class Anchor(Flowable):
    """Where a section starts: a bookmark (PDF outline entry) and the page number for the contents."""

    _ZEROSIZE = 1

    def __init__(self, key: str, title: str, level: int = 0, closed: bool = False):
        super().__init__()
        self.key, self.title, self.level, self.closed = key, title, level, closed
        self.keepWithNext = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        canvas = self.canv
        canvas.bookmarkHorizontal(self.key, 0, 24)
        canvas.addOutlineEntry(self.title, self.key, self.level, closed=self.closed)
        pages = getattr(canvas, "entry_pages", None)
        if pages is not None:
            pages[self.key] = canvas.getPageNumber()


class Pill(Flowable):
    """A status as a small coloured label with its word (readable in grey scale too)."""

    def __init__(self, text: str, ink: str, background: str, typesetter: Typesetter, size: float = 6.5):
        super().__init__()
        self.style = TextStyle(size=size, weight=BOLD, color=ink, char_space=0.15)
        self.line = typesetter.line(text, BOLD, size, 0.15)
        self.background = background
        self.pad = size * 0.75
        self.width = self.line.width + 2 * self.pad
        self.height = size * 1.75

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.background)
        canvas.roundRect(0, 0, self.width, self.height, self.height * 0.3, stroke=0, fill=1)
        draw_line(canvas, self.line, self.pad, self.height * 0.5 - self.style.size * 0.34, self.style)
        canvas.restoreState()


class Rule(Flowable):
    def __init__(self, color: str = theme.RULE, thickness: float = 0.6, before: float = 2, after: float = 8):
        super().__init__()
        self.color, self.thickness = color, thickness
        self.spaceBefore, self.spaceAfter = before, after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.thickness

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)
        self.canv.restoreState()


@dataclass(frozen=True)
class Entry:
    key: str
    number: str
    title: str
    level: int


class Contents(Flowable):
    """The contents: each entry linked to its section, with its page number (a form filled in at save)."""

    NUMBER_WIDTH = 26.0
    PAGE_WIDTH = 34.0

    def __init__(self, entries: list[Entry], typesetter: Typesetter):
        super().__init__()
        self.entries = entries
        self.typesetter = typesetter
        self._rows: list[tuple[Entry, list, float]] = []

    def _style(self, entry: Entry) -> TextStyle:
        return theme.CONTENTS_MAIN if entry.level == 0 else theme.CONTENTS_SUB

    def _row_height(self, entry: Entry, lines: int) -> float:
        style = self._style(entry)
        return lines * style.leading + (9.0 if entry.level == 0 else 2.5)

    def _number_width(self) -> float:
        widest = max(
            (self.typesetter.width(e.number, BOLD, self._style(e).size) for e in self.entries if e.level == 0),
            default=0.0,
        )
        return max(self.NUMBER_WIDTH, widest + 10)

    def _indent(self, entry: Entry) -> float:
        return self._number_width() + entry.level * self.NUMBER_WIDTH

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self._rows = []
        for entry in self.entries:
            style = self._style(entry)
            indent = self._indent(entry)
            lines = self.typesetter.layout(entry.title, style, availWidth - indent - self.PAGE_WIDTH - 12)
            self._rows.append((entry, lines, self._row_height(entry, len(lines))))
        self.height = sum(h for _e, _l, h in self._rows)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        used, count = 0.0, 0
        for _entry, _lines, height in self._rows:
            if used + height > availHeight:
                break
            used += height
            count += 1
        if count == 0 or count == len(self.entries):
            return [] if count == 0 else [self]
        return [Contents(self.entries[:count], self.typesetter), Contents(self.entries[count:], self.typesetter)]

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        for entry, lines, height in self._rows:
            style = self._style(entry)
            top = y
            if entry.level == 0:
                top -= 6.0
            indent = self._indent(entry)
            baseline = top - style.leading + (style.leading - style.size) / 2 + 0.22 * style.size
            if entry.number:
                number = self.typesetter.line(entry.number, style.weight, style.size)
                num_style = style.but(color=theme.UN_BLUE)
                x = 0.0 if entry.level == 0 else self._number_width()
                draw_line(canvas, number, x, baseline, num_style)
            for i, line in enumerate(lines):
                x = line_x(line, style.but(align="left"), indent, line.width)
                draw_line(canvas, line, x, baseline - i * style.leading, style)
            last = lines[-1] if lines else None
            last_baseline = baseline - (len(lines) - 1) * style.leading
            # a dotted leader from the title to the page number
            start = indent + (last.width if last else 0) + 6
            end = self.width - self.PAGE_WIDTH + 4
            if end - start > 12:
                canvas.saveState()
                canvas.setStrokeColor(theme.RULE)
                canvas.setLineWidth(0.8)
                canvas.setDash(0.6, 2.6)
                canvas.setLineCap(1)
                canvas.line(start, last_baseline + 1.5, end, last_baseline + 1.5)
                canvas.restoreState()
            name = page_form(entry.key)
            forms = getattr(canvas, "page_forms", None)
            if forms is not None:
                forms[name] = (entry.key, style.but(color=theme.UN_BLUE if entry.level == 0 else theme.MUTED))
            canvas.saveState()
            canvas.translate(self.width, last_baseline)
            canvas.doForm(name)
            canvas.restoreState()
            canvas.linkRect("", entry.key, (0, y - height, self.width, y), relative=1, thickness=0)
            y -= height


class Keep(Flowable):
    """Headings kept with the start of what follows them (a table's header and first row, two lines).

    reportlab's ``keepWithNext`` keeps a heading with the *whole* next flowable: before a long table
    that means a page break and a half-empty page. This moves the headings only when the first rows
    of the table would not fit under them.
    """

    def __init__(self, head: list[Flowable], body: Flowable):
        super().__init__()
        self.head = head
        self.body = body
        self.spaceBefore = head[0].getSpaceBefore() if head else 0.0
        self.spaceAfter = body.getSpaceAfter()
        self._placed: list[tuple[Flowable, float, float]] = []

    def _items(self) -> list[Flowable]:
        return [*self.head, self.body]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        placed, y = [], 0.0
        items = self._items()
        for i, item in enumerate(items):
            if i:
                y += items[i - 1].getSpaceAfter() + item.getSpaceBefore()
            _w, h = item.wrapOn(self.canv, availWidth, max(availHeight - y, 1.0))
            placed.append((item, y, h))
            y += h
        self._placed = placed
        self.width = availWidth
        self.height = y
        return availWidth, y

    def _start(self) -> float:
        """Height of the headings plus the part of the body that must come with them."""
        item, top, height = self._placed[-1]
        heights = getattr(item, "_rowHeights", None)
        if heights:
            first = sum(heights[: getattr(item, "repeatRows", 0) + 1])
        else:
            leading = getattr(getattr(item, "style", None), "leading", 0) or 0
            first = min(height, 2 * leading) if leading else min(height, 48.0)
        return top + first

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        at_top = bool(getattr(getattr(self, "_frame", None), "_atTop", False))
        if self._start() <= availHeight or at_top:
            return self._items()
        return []

    def draw(self) -> None:
        for item, top, height in self._placed:
            item.drawOn(self.canv, 0, self.height - top - height)
