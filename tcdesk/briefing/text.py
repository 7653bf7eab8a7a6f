"""Text in any UN script, laid out line by line: the font per run of script, Arabic shaped and right to left.

reportlab's Paragraph draws characters in the order they are stored, which for Arabic is the reverse of
what the eye reads, and with the letters unjoined. So every text of the briefing goes through
:class:`TextBlock`, which does what a text engine would:

1. the text is split into runs by script, and each run gets the font that has its glyphs (DejaVu Sans
   or Arial for Latin, Cyrillic and Arabic, Droid Sans Fallback or SimSun for Chinese: see ``fonts``);
2. a paragraph with Arabic letters is *shaped* on its logical text (arabic-reshaper: each letter in its
   initial, medial, final or isolated form; lam-alef ligatures), which does not move any word boundary;
3. lines are broken on the logical text: at spaces, and between Chinese characters (which have none),
   never before a closing mark such as "，" or "）"; widths are measured on the shaped glyphs;
4. each line, once broken, is put in visual order by the Unicode bidirectional algorithm (python-bidi),
   with the paragraph's direction (that of its first strong letter) for every line; Arabic paragraphs are
   aligned right. Reordering per line, after breaking, is what keeps the first words on the first line.

Widths of words are cached per briefing: a 1,000-recommendation annex repeats the same words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable

from tcdesk.briefing.fonts import ARABIC, BOLD, CJK, EMBOLDENED, LATIN, REGULAR, FontSet

# (first, last, script) code point ranges; anything else is Latin-like (Latin, Cyrillic, Greek, symbols).
_RANGES = sorted(
    [
        (0x0600, 0x06FF, ARABIC),
        (0x0750, 0x077F, ARABIC),
        (0x0870, 0x08FF, ARABIC),
        (0x1100, 0x11FF, CJK),
        (0x2E80, 0x2FDF, CJK),
        (0x3000, 0x303F, CJK),
        (0x3040, 0x31FF, CJK),
        (0x3200, 0x4DBF, CJK),
        (0x4E00, 0x9FFF, CJK),
        (0xA960, 0xA97F, CJK),
        (0xAC00, 0xD7AF, CJK),
        (0xF900, 0xFAFF, CJK),
        (0xFB50, 0xFDFF, ARABIC),
        (0xFE30, 0xFE4F, CJK),
        (0xFE70, 0xFEFF, ARABIC),
        (0xFF00, 0xFFEF, CJK),
        (0x20000, 0x3134F, CJK),
    ]
)
_STARTS = [r[0] for r in _RANGES]
_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_NOT_LATIN_RE = re.compile(
    "[\u0600-\u08ff\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\ufb50-\uffef\U00020000-\U0003134f]"
)
# Marks that may not begin a line (closing punctuation) or end one (opening brackets).
NO_START = set("，。、；：？！）」』】》〉〕’”…‥·・ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.;:?!)]}%")
NO_END = set("（「『【《〈〔‘“([{")


def script_of(char: str) -> str:
    code = ord(char)
    if code < 0x0600:
        return LATIN
    i = bisect.bisect_right(_STARTS, code) - 1
    if i >= 0 and code <= _RANGES[i][1]:
        return _RANGES[i][2]
    return LATIN


def scripts_in(text: str) -> set[str]:
    """The scripts a text needs fonts for (Latin always: labels, digits and spaces)."""
    if not _NOT_LATIN_RE.search(text):
        return {LATIN}
    return {LATIN, *(script_of(ch) for ch in text if not ch.isspace())}


def is_rtl_text(text: str) -> bool:
    """True when the first strong letter is Arabic: the paragraph reads right to left."""
    for ch in text:
        script = script_of(ch)
        if script == ARABIC and ch.isalpha():
            return True
        if ch.isalpha():
            return False
    return False


@lru_cache(maxsize=8)
def _reshaper(cmap_key: int, cmap: frozenset[int]):  # type: ignore[no-untyped-def]
    """arabic-reshaper set up for one font: only the ligatures whose glyphs the font has."""
    import arabic_reshaper
    from arabic_reshaper.letters import ISOLATED, LETTERS_ARABIC
    from arabic_reshaper.ligatures import LIGATURES
    from arabic_reshaper.reshaper_config import default_config

    config: dict[str, object] = {
        "use_unshaped_instead_of_isolated": not all(
            ord(forms[ISOLATED]) in cmap for forms in LETTERS_ARABIC.values() if forms[ISOLATED]
        )
    }
    for name, (_pattern, forms) in LIGATURES:
        if default_config.get(name):
            config[name] = all(ord(f) in cmap for f in forms if f)
    return arabic_reshaper.ArabicReshaper(configuration=config)


@dataclass(frozen=True)
class TextStyle:
    size: float = 9.5
    leading: float = 13.0
    weight: str = REGULAR
    color: str = "#1d2733"
    align: str = "start"  # start (left, or right for Arabic), left, right, center
    space_before: float = 0.0
    space_after: float = 0.0
    char_space: float = 0.0
    upper: bool = False
    direction: str = "auto"  # auto (that of the first strong letter), ltr (sentences of ours), rtl

    def but(self, **changes: object) -> TextStyle:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass
class Line:
    pieces: list[tuple[str, str, float]]  # (reportlab font name, text in visual order, width)
    width: float
    rtl: bool


class Typesetter:
    """Measures and splits text for one briefing's fonts, caching the width of every word it meets."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self._widths: dict[tuple[str, str, float, float], float] = {}
        self._latin = {w: fonts.face(LATIN, w) for w in (REGULAR, BOLD)}

    # --- runs and widths -------------------------------------------------------------------------
    def pieces(self, text: str, weight: str) -> list[tuple[str, str]]:
        """(font name, text) runs; characters a run's font lacks go to another font that has them."""
        latin = self._latin.get(weight) or self.fonts.face(LATIN, weight)
        if text.isascii():
            return [(latin.name, text)]
        faces = {script: self.fonts.face(script, weight) for script in scripts_in(text)}
        runs: list[tuple[str, str]] = []
        name, chars = "", []
        for ch in text:
            if ch.isspace() and name:
                chars.append(ch)
                continue
            face = faces[script_of(ch)]
            if not face.covers(ch):
                face = next((f for f in (latin, *faces.values()) if f.covers(ch)), face)
            if face.name != name and chars:
                runs.append((name, "".join(chars)))
                chars = []
            name = face.name
            chars.append(ch)
        if chars:
            runs.append((name, "".join(chars)))
        return runs

    def width(self, text: str, weight: str, size: float, char_space: float = 0.0) -> float:
        key = (text, weight, size, char_space)
        found = self._widths.get(key)
        if found is None:
            found = sum(stringWidth(s, font, size) for font, s in self.pieces(text, weight))
            found += char_space * len(text)
            self._widths[key] = found
        return found

    def line(self, text: str, weight: str, size: float, char_space: float = 0.0, direction: str = "auto") -> Line:
        """One line as it is drawn (shaped, visual order), without breaking."""
        style = TextStyle(size=size, weight=weight, char_space=char_space, direction=direction)
        lines = self.layout(" ".join(text.split()), style, 1e9)
        return lines[0] if lines else Line([], 0.0, False)

    def fit(
        self, text: str, weight: str, size: float, width: float, direction: str = "auto", char_space: float = 0.0
    ) -> Line:
        """One line no wider than ``width``, shortened with an ellipsis when it must be."""

        def line(candidate: str) -> Line:
            return self.line(candidate, weight, size, char_space, direction)

        shown = line(text)
        if shown.width <= width:
            return shown
        words = text.split()
        while len(words) > 1:
            words.pop()
            shown = line(" ".join(words).rstrip(",;:") + "…")
            if shown.width <= width:
                return shown
        cut = text
        while len(cut) > 1 and shown.width > width:
            cut = cut[:-1]
            shown = line(cut + "…")
        return shown

    # --- breaking ----------------------------------------------------------------------------------
    def layout(self, text: str, style: TextStyle, width: float) -> list[Line]:
        lines: list[Line] = []
        for paragraph in (text.upper() if style.upper else text).split("\n"):
            lines += self._layout_paragraph(paragraph, style, width)
        return lines

    def _layout_paragraph(self, text: str, style: TextStyle, width: float) -> list[Line]:
        text = " ".join(text.split())
        if not text:
            return [Line([], 0.0, False)]
        arabic = bool(_ARABIC_RE.search(text))
        rtl = arabic and (style.direction == "rtl" or (style.direction == "auto" and is_rtl_text(text)))
        if arabic:
            face = self.fonts.face(ARABIC, style.weight)
            text = _reshaper(id(face.cmap), frozenset(face.cmap)).reshape(text)
        units = _units(text)
        measure = self.width
        space = measure(" ", style.weight, style.size, style.char_space)
        rows: list[list[tuple[str, bool]]] = []
        row: list[tuple[str, bool]] = []
        used = 0.0
        for unit, spaced in units:
            w = measure(unit, style.weight, style.size, style.char_space)
            gap = space if spaced and row else 0.0
            if row and used + gap + w > width:
                rows.append(row)
                row, used, gap = [], 0.0, 0.0
            if w > width and not row:  # a word longer than the line (a URL): broken where it must be
                chunks = self._chunks(unit, style, width)
                rows += [[(chunk, False)] for chunk in chunks[:-1]]
                row = [(chunks[-1], False)]
                used = measure(chunks[-1], style.weight, style.size, style.char_space)
                continue
            row.append((unit, spaced))
            used += gap + w
        if row:
            rows.append(row)
        result = []
        for row in rows:
            logical = "".join((" " if spaced and i else "") + unit for i, (unit, spaced) in enumerate(row))
            visual = _visual(logical, rtl) if arabic else logical
            pieces = [
                (font, s, stringWidth(s, font, style.size) + style.char_space * len(s))
                for font, s in self.pieces(visual, style.weight)
            ]
            result.append(Line(pieces, sum(p[2] for p in pieces), rtl))
        return result

    def _chunks(self, unit: str, style: TextStyle, width: float) -> list[str]:
        """A word too long for the line, cut after a slash or hyphen where possible (document symbols
        such as CEDAW/C/XVL/CO/8-9, web addresses), else between characters."""
        parts = [p for p in re.split(r"(?<=[/\-_.])", unit) if p]
        fits = lambda text: self.width(text, style.weight, style.size, style.char_space) <= width  # noqa: E731
        chunks, current = [], ""
        for part in parts:
            if fits(current + part):
                current += part
                continue
            if current:
                chunks.append(current)
                current = ""
            for ch in part:
                if current and not fits(current + ch):
                    chunks.append(current)
                    current = ""
                current += ch
        return [*chunks, current] if current else chunks


def _visual(logical: str, rtl: bool) -> str:
    # bidi.algorithm (python-bidi's reference implementation, in every release since 0.4) mirrors
    # brackets in right-to-left runs; the faster bidi.get_display of 0.5+ leaves "(" as it is.
    from bidi.algorithm import get_display

    return get_display(logical, base_dir="R" if rtl else "L")


def _units(text: str) -> list[tuple[str, bool]]:
    """Breakable units with whether a space precedes them: words, and single Chinese characters."""
    units: list[tuple[str, bool]] = []
    for word in text.split(" "):
        if not word:
            continue
        if not _NOT_LATIN_RE.search(word):
            units.append((word, True))
            continue
        parts: list[str] = []
        current = ""
        for ch in word:
            cjk = script_of(ch) == CJK
            previous_cjk = bool(current) and script_of(current[-1]) == CJK
            can_break = bool(current) and current[-1] not in NO_END and ch not in NO_START
            if can_break and (cjk or (previous_cjk and ch.isalnum())):
                parts.append(current)
                current = ch
            else:
                current += ch
        parts.append(current)
        units += [(part, i == 0) for i, part in enumerate(parts)]
    return units


@lru_cache(maxsize=64)
def colour(spec: str):  # type: ignore[no-untyped-def]
    """A reportlab colour from '#rrggbb', parsed once (parsing showed in the profile of a long annex)."""
    from reportlab.lib.colors import toColor

    return toColor(spec)


def draw_line(canvas, line: Line, x: float, y: float, style: TextStyle) -> None:  # type: ignore[no-untyped-def]
    """Draw one laid-out line with its left end at ``x`` and its baseline at ``y``."""
    if not line.pieces:
        return
    text = canvas.beginText()
    text.setFillColor(colour(style.color))
    text.setCharSpace(style.char_space)  # always: PDF keeps the character spacing from text to text
    embolden = style.weight == BOLD and any(font in EMBOLDENED for font, _s, _w in line.pieces)
    if embolden:
        text.setStrokeColor(colour(style.color))
    for font, s, w in line.pieces:
        text.setFont(font, style.size)
        if embolden:
            text.setTextRenderMode(2 if font in EMBOLDENED else 0)
        text.setTextOrigin(x, y)
        text.textOut(s)
        x += w
    if embolden:
        text.setTextRenderMode(0)
        canvas.saveState()
        canvas.setLineWidth(style.size * 0.045)
        canvas.drawText(text)
        canvas.restoreState()
    else:
        canvas.drawText(text)


def line_x(line: Line, style: TextStyle, left: float, width: float) -> float:
    align = style.align
    if align == "start":
        align = "right" if line.rtl else "left"
    if align == "right":
        return left + width - line.width
    if align == "center":
        return left + (width - line.width) / 2
    return left


class TextBlock(Flowable):
    """A paragraph of plain text in any script (see the module's description); splits between lines."""

    def __init__(self, text: str, style: TextStyle, typesetter: Typesetter, lines: list[Line] | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self.typesetter = typesetter
        self._lines = lines
        self._laid_for = -1.0 if lines is None else None
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    @property
    def lines(self) -> list[Line]:
        return self._lines or []

    def _lay_out(self, width: float) -> None:
        if self._laid_for is not None and self._laid_for != width:
            self._lines = self.typesetter.layout(self.text, self.style, width)
            self._laid_for = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._lay_out(availWidth)
        self.width = availWidth
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def minWidth(self) -> float:
        return max((line.width for line in self.lines), default=0.0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        lines = self.lines
        fit = int(availHeight // self.style.leading)
        if fit >= len(lines):
            return [self]
        if len(lines) >= 4:  # no widow or orphan line
            fit = min(fit, len(lines) - 2)
            if fit < 2:
                return []
        if fit < 1:
            return []
        first = TextBlock(self.text, self.style.but(space_after=0.0), self.typesetter, lines[:fit])
        rest = TextBlock(self.text, self.style.but(space_before=0.0), self.typesetter, lines[fit:])
        first.width = rest.width = availWidth
        return [first, rest]

    def draw(self) -> None:
        style = self.style
        top = self.height
        lift = (style.leading - style.size) / 2 + 0.78 * style.size
        for i, line in enumerate(self.lines):
            x = line_x(line, style, 0.0, self.width)
            draw_line(self.canv, line, x, top - i * style.leading - lift, style)
