"""Reading a briefing back with pypdf: its text, its outline, and text normalised for comparing scripts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

# Arabic marks the briefing drops (harakat) or that extraction may keep apart, and the tatweel.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def normal(text: str) -> str:
    """NFKC (Arabic presentation forms back to letters, lam-alef to two letters), no tatweel or harakat,
    one space between words."""
    return " ".join(_MARKS.sub("", unicodedata.normalize("NFKC", text)).split())


def squeezed(text: str) -> str:
    """Without any white space: Chinese lines are broken between characters."""
    return "".join(normal(text).split())


@dataclass
class Outline:
    title: str
    level: int
    page: int


@dataclass
class Briefing:
    path: Path
    pages: list[str]
    outline: list[Outline]
    metadata: dict

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def flat(self) -> str:
        return normal(self.text)

    def titles(self, level: int | None = None) -> list[str]:
        return [o.title for o in self.outline if level is None or o.level == level]

    def contains(self, text: str) -> bool:
        """The text is in the briefing, whatever line breaks it was laid out with."""
        return normal(text) in self.flat


def read(path: Path) -> Briefing:
    reader = PdfReader(str(path))
    outline: list[Outline] = []

    def walk(items, level: int) -> None:  # type: ignore[no-untyped-def]
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                outline.append(Outline(item.title, level, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return Briefing(path, [page.extract_text() for page in reader.pages], outline, dict(reader.metadata or {}))
