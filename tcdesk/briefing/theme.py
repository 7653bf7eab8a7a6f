"""The briefing's look in one place: page geometry, palette, type scale, and the colours of each status.

A restrained palette: dark grey text, UN blue (#1f5fa8) for accents, and muted tints for statuses so
that a printed page in grey scale still reads (every coloured label also carries its word).
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from tcdesk.briefing.fonts import BOLD
from tcdesk.briefing.text import TextStyle

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 22 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 24 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

INK = "#1d2733"
MUTED = "#5b6877"
FAINT = "#8a96a3"
RULE = "#d9dfe7"
ZEBRA = "#f4f6f9"
UN_BLUE = "#1f5fa8"
UN_BLUE_DARK = "#174a84"
UN_BLUE_LIGHT = "#dbe7f5"
UN_BLUE_PALE = "#eef4fb"
WHITE = "#ffffff"

# status → (ink, background): the small labels; the ink alone colours bars in charts.
IMPLEMENTATION = {
    "not started": ("#a4262c", "#fbe3e4"),
    "in progress": ("#8a5a00", "#fdf0d2"),
    "partially implemented": ("#1f5fa8", "#dbe7f5"),
    "implemented": ("#1e6b34", "#dcf0e1"),
    "": ("#5b6877", "#eceff3"),
}
CHART_IMPLEMENTATION = {
    "not started": "#c0504d",
    "in progress": "#d9a441",
    "partially implemented": "#5b8fd1",
    "implemented": "#4e9a62",
    "": "#b5bec8",
}
PRIORITY = {"high": ("#ffffff", "#1f5fa8"), "medium": ("#1f5fa8", "#dbe7f5"), "low": ("#5b6877", "#eceff3")}
PROJECT = {
    "active": ("#1e6b34", "#dcf0e1"),
    "pipeline": ("#1f5fa8", "#dbe7f5"),
    "completed": ("#3d4a57", "#e4e8ed"),
    "suspended": ("#8a5a00", "#fdf0d2"),
    "closed": ("#5b6877", "#eceff3"),
    "": ("#5b6877", "#eceff3"),
}
CHECKLIST = {
    "met": "#4e9a62",
    "partly met": "#d9a441",
    "not met": "#c0504d",
    "not applicable": "#9aa5b1",
    "not assessed": "#e3e8ee",
}
CHECKLIST_LABEL = {
    "met": ("#1e6b34", "#dcf0e1"),
    "partly met": ("#8a5a00", "#fdf0d2"),
    "not met": ("#a4262c", "#fbe3e4"),
    "not applicable": ("#5b6877", "#eceff3"),
    "not assessed": ("#5b6877", "#eceff3"),
}

BODY = TextStyle(direction="ltr", size=9.5, leading=13.6, color=INK, space_after=6)
LEAD = TextStyle(direction="ltr", size=10.5, leading=15, color=INK, space_after=10)
SMALL = TextStyle(direction="ltr", size=7.8, leading=10.4, color=MUTED)
NOTE = TextStyle(direction="ltr", size=8, leading=11, color=MUTED, space_before=4, space_after=6)
LABEL = TextStyle(direction="ltr", size=6.6, leading=9, weight=BOLD, color=MUTED, upper=True, char_space=0.55)
H1 = TextStyle(direction="ltr", size=18, leading=22, weight=BOLD, color=UN_BLUE, space_after=2)
TEXT = TextStyle(size=9.5, leading=13.6, color=INK, space_after=6)  # a text of the records, in any script
H2 = TextStyle(align="left", size=13.5, leading=17.5, weight=BOLD, color=INK, space_after=2)
H3 = TextStyle(direction="ltr", size=10.5, leading=14, weight=BOLD, color=INK, space_before=10, space_after=5)
CELL = TextStyle(size=8.6, leading=11.4, color=INK)
CELL_BOLD = CELL.but(weight=BOLD)
CELL_SMALL = TextStyle(size=7.2, leading=9.4, color=MUTED)
HEAD = TextStyle(direction="ltr", size=6.8, leading=9, weight=BOLD, color=MUTED, upper=True, char_space=0.4)
FIGURE = TextStyle(direction="ltr", size=22, leading=25, weight=BOLD, color=UN_BLUE)
FIGURE_CAPTION = TextStyle(direction="ltr", size=7.8, leading=10, color=MUTED)
COVER_TITLE = TextStyle(align="left", size=32, leading=37, weight=BOLD, color=WHITE)
COVER_SUBTITLE = TextStyle(direction="ltr", size=15, leading=20, color="#dbe7f5", space_before=6)
COVER_KICKER = TextStyle(
    direction="ltr", size=7.5, leading=10, weight=BOLD, color="#b9cfea", upper=True, char_space=1.2, space_after=10
)
MARKING = TextStyle(size=7.4, leading=9, weight=BOLD, color=INK, upper=True, char_space=1.0, align="center")
RUNNING = TextStyle(direction="ltr", size=7.2, leading=9, color=MUTED)
CONTENTS_MAIN = TextStyle(direction="ltr", size=11, leading=15, weight=BOLD, color=INK)
CONTENTS_SUB = TextStyle(size=9, leading=12.5, color=INK)
