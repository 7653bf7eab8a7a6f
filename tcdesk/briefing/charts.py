"""Charts drawn with reportlab.graphics: horizontal bars with their values written beside them.

Flat bars on a faint track, one colour (UN blue) unless the colour means something (a status), labels
on the left in the text's own script and font, values at the end of each bar. No 3D, no legend where
the labels already say it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.platypus.flowables import Flowable

from tcdesk.briefing import theme
from tcdesk.briefing.fonts import BOLD, REGULAR
from tcdesk.briefing.text import Line, Typesetter

TRACK = "#eef1f5"
LABEL_SIZE = 8.0
VALUE_SIZE = 7.8


class Chart(Flowable):
    """A drawing placed in the story, with the spacing and keep-with-next of any flowable."""

    def __init__(self, drawing: Drawing, space_after: float = 0.0):
        super().__init__()
        self.drawing = drawing
        self.width, self.height = drawing.width, drawing.height
        self.spaceBefore = 0.0
        self.spaceAfter = space_after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        renderPDF.draw(self.drawing, self.canv, 0, 0)


def _text(drawing: Drawing, line: Line, x: float, y: float, size: float, color: str) -> None:
    for font, text, width in line.pieces:
        drawing.add(String(x, y, text, fontName=font, fontSize=size, fillColor=color))
        x += width


def _title(drawing: Drawing, ts: Typesetter, title: str, y: float) -> None:
    line = ts.line(title.upper(), BOLD, 6.8)
    x = 0.0
    for font, text, width in line.pieces:
        s = String(x, y, text, fontName=font, fontSize=6.8, fillColor=theme.MUTED)
        drawing.add(s)
        x += width


def bar_chart(
    items: Sequence[tuple[str, float, str]],
    width: float,
    ts: Typesetter,
    *,
    title: str = "",
    value_text: Callable[[float], str] = lambda v: f"{v:,.0f}",
    share_of: float | None = None,
    label_width: float | None = None,
    bar: float = 9.0,
    gap: float = 7.0,
) -> Chart:
    """``items`` are (label, value, colour). ``share_of`` adds each value's share ("146 (68%)")."""
    widest = max((ts.line(label, REGULAR, LABEL_SIZE).width for label, _v, _c in items), default=0.0)
    label_room = label_width or min(widest, width * 0.5)
    labels = [ts.fit(label, REGULAR, LABEL_SIZE, label_room) for label, _v, _c in items]
    values = [value_text(v) + (f"  ({v / share_of:.0%})" if share_of else "") for _label, v, _c in items]
    value_lines = [ts.line(text, BOLD, VALUE_SIZE) for text in values]
    value_room = max((line.width for line in value_lines), default=0.0) + 8
    left = label_room + 10
    span = max(width - left - value_room, 20.0)
    top_pad = 16.0 if title else 2.0
    height = top_pad + len(items) * (bar + gap) + 2
    drawing = Drawing(width, height)
    if title:
        _title(drawing, ts, title, height - 8)
    biggest = max((v for _l, v, _c in items), default=0.0) or 1.0
    y = height - top_pad - bar
    for (_label, value, colour), label, value_line in zip(items, labels, value_lines, strict=True):
        length = span * value / biggest
        if value > 0:
            drawing.add(Rect(left, y, max(length, 1.2), bar, fillColor=colour, strokeColor=None))
        baseline = y + bar / 2 - LABEL_SIZE * 0.34
        _text(drawing, label, label_room - label.width if label.rtl else 0.0, baseline, LABEL_SIZE, theme.INK)
        _text(drawing, value_line, left + length + 5, y + bar / 2 - VALUE_SIZE * 0.34, VALUE_SIZE, theme.INK)
        y -= bar + gap
    return Chart(drawing)


def stacked_rows(
    rows: Sequence[tuple[str, Sequence[tuple[float, str]], str]],
    width: float,
    ts: Typesetter,
    *,
    bar: float = 10.0,
    gap: float = 8.0,
    note_room: float = 70.0,
) -> Chart:
    """One stacked bar per row: (label, [(value, colour)…], note written after the bar)."""
    widest = max((ts.line(label, REGULAR, LABEL_SIZE).width for label, _s, _n in rows), default=0.0)
    label_room = min(widest, width * 0.45)
    labels = [ts.fit(label, REGULAR, LABEL_SIZE, label_room) for label, _s, _n in rows]
    left = label_room + 10
    span = width - left - note_room
    height = len(rows) * (bar + gap)
    drawing = Drawing(width, height)
    y = height - bar - gap / 2
    for (_label, segments, note), label in zip(rows, labels, strict=True):
        total = sum(v for v, _c in segments) or 1.0
        x = left
        drawing.add(Rect(left, y, span, bar, fillColor=TRACK, strokeColor=None))
        for value, colour in segments:
            if value <= 0:
                continue
            length = span * value / total
            drawing.add(Rect(x, y, length, bar, fillColor=colour, strokeColor=theme.WHITE, strokeWidth=0.6))
            x += length
        baseline = y + bar / 2 - LABEL_SIZE * 0.34
        _text(drawing, label, 0.0, baseline, LABEL_SIZE, theme.INK)
        _text(drawing, ts.line(note, REGULAR, VALUE_SIZE), left + span + 8, baseline, VALUE_SIZE, theme.MUTED)
        y -= bar + gap
    return Chart(drawing)


def stacked_bar(segments: Sequence[tuple[float, str]], width: float, height: float = 7.0) -> Chart:
    drawing = Drawing(width, height)
    total = sum(v for v, _c in segments) or 1.0
    drawing.add(Rect(0, 0, width, height, fillColor=TRACK, strokeColor=None))
    x = 0.0
    for value, colour in segments:
        if value <= 0:
            continue
        length = width * value / total
        drawing.add(Rect(x, 0, length, height, fillColor=colour, strokeColor=theme.WHITE, strokeWidth=0.6))
        x += length
    return Chart(drawing)


def legend(items: Sequence[tuple[str, str]], width: float, ts: Typesetter, size: float = 7.2) -> Chart:
    """Colour swatches with their words, flowing onto a second row when the first is full."""
    placed: list[tuple[float, float, Line, str]] = []
    x, row = 0.0, 0
    for text, colour in items:
        line = ts.line(text, REGULAR, size)
        needed = 9 + line.width + 14
        if x and x + needed > width:
            x, row = 0.0, row + 1
        placed.append((x, row, line, colour))
        x += needed
    rows = row + 1
    height = rows * (size + 6)
    drawing = Drawing(width, height)
    for x, row, line, colour in placed:
        y = height - (row + 1) * (size + 6) + 3
        drawing.add(Rect(x, y, 7, 7, fillColor=colour, strokeColor=None))
        _text(drawing, line, x + 10, y + 0.8, size, theme.MUTED)
    return Chart(drawing)
