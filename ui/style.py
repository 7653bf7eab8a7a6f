"""The app's look in one place: a few colours and one style sheet, so pages never hard-code colours.

Calm and readable: white cards on a light grey page, UN-blue accents, an amber bar for the demo notice.
The style sheet only touches widgets by object name or by the ``role`` property, so native widgets
(buttons, combo boxes, dialogs) keep the platform's look.
"""

from __future__ import annotations

UN_BLUE = "#1f5fa8"
UN_BLUE_LIGHT = "#dbe7f5"
INK = "#1d2733"
MUTED = "#5b6877"
PAGE_BACKGROUND = "#f3f5f8"
CARD_BORDER = "#d9dfe7"
TRACK = "#e6ebf1"
AMBER_BACKGROUND = "#fff4d6"
AMBER_BORDER = "#e0b44c"
AMBER_INK = "#5a4300"
GREEN_BACKGROUND = "#e6f4ea"
GREEN_BORDER = "#86c294"
GREEN_INK = "#1e5b2f"
RED_BACKGROUND = "#fdeced"
RED_BORDER = "#e3a0a4"
RED_INK = "#a4262c"
DIFFERS_BACKGROUND = "#fff1c7"
"""Rows whose values differ (mine vs. theirs): a warm tint readable under selection colours too."""

STYLE_SHEET = f"""
QWidget#pageArea {{ background: {PAGE_BACKGROUND}; }}
QScrollArea#pageScroll, QWidget#pageBody {{ background: {PAGE_BACKGROUND}; border: none; }}
QListWidget#navigation {{
    background: #ffffff; border: none; border-right: 1px solid {CARD_BORDER};
    padding-top: 8px; font-size: 10.5pt; outline: 0;
}}
QListWidget#navigation::item {{ padding: 9px 16px; color: {INK}; border-left: 3px solid transparent; }}
QListWidget#navigation::item:hover {{ background: {PAGE_BACKGROUND}; }}
QListWidget#navigation::item:selected {{
    background: {UN_BLUE_LIGHT}; color: {UN_BLUE}; border-left: 3px solid {UN_BLUE}; font-weight: 600;
}}
QFrame[role="card"] {{ background: #ffffff; border: 1px solid {CARD_BORDER}; border-radius: 6px; }}
QFrame[role="card"] QLabel {{ background: transparent; border: none; }}
QLabel[role="heading"] {{ font-size: 17pt; font-weight: 600; color: {INK}; }}
QLabel[role="subheading"] {{ color: {MUTED}; font-size: 10pt; }}
QLabel[role="cardTitle"] {{ color: {MUTED}; font-size: 9.5pt; font-weight: 600; }}
QLabel[role="bigNumber"] {{ color: {UN_BLUE}; font-size: 24pt; font-weight: 600; }}
QLabel[role="caption"] {{ color: {MUTED}; font-size: 9.5pt; }}
QLabel[role="count"] {{ color: {INK}; font-weight: 600; }}
QLabel[role="error"] {{ color: #a4262c; }}
QLabel[role="paragraph"] {{ color: {INK}; font-size: 10.5pt; }}
QFrame#demoBanner {{ background: {AMBER_BACKGROUND}; border-bottom: 1px solid {AMBER_BORDER}; }}
QFrame#demoBanner QLabel {{ color: #5a4300; background: transparent; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 0 6px; }}
QFrame[role="notice"] {{ border: 1px solid {CARD_BORDER}; border-radius: 5px; background: #ffffff; }}
QFrame[role="notice"] QLabel {{ background: transparent; border: none; color: {INK}; }}
QFrame[role="notice"][tone="good"] {{ background: {GREEN_BACKGROUND}; border-color: {GREEN_BORDER}; }}
QFrame[role="notice"][tone="good"] QLabel {{ color: {GREEN_INK}; }}
QFrame[role="notice"][tone="warning"] {{ background: {AMBER_BACKGROUND}; border-color: {AMBER_BORDER}; }}
QFrame[role="notice"][tone="warning"] QLabel {{ color: {AMBER_INK}; }}
QFrame[role="notice"][tone="bad"] {{ background: {RED_BACKGROUND}; border-color: {RED_BORDER}; }}
QFrame[role="notice"][tone="bad"] QLabel {{ color: {RED_INK}; }}
QFrame[role="notice"][tone="info"] {{ background: {UN_BLUE_LIGHT}; border-color: #a9c3e3; }}
QLabel[role="value"] {{ color: {INK}; }}
QLabel[role="mono"] {{ color: {INK}; font-family: monospace; }}
"""
