"""PDF briefings on one country, generated from the store with reportlab (no Qt here).

``build_briefing(store, iso3, path, options)`` reads what the chosen sections need
(``services.briefing_data``), checks that fonts exist for every script the texts use (``fonts``), lays
out the story (``sections``) on A4 pages (``document``) and writes the PDF through a temporary file,
so a failed or cancelled briefing leaves nothing half written. Importing this package does not import
reportlab: the command line stays quick to start.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tcdesk.briefing.fonts import FontSet, MissingFont

if TYPE_CHECKING:
    from tcdesk.services.briefing_data import BriefingData
    from tcdesk.store.db import Store

SECTIONS = ("cover", "figures", "clusters", "checklist", "projects", "annex")
DEFAULT_MARKING = "UN internal"
KEY_RECOMMENDATIONS = 8

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]

__all__ = [
    "DEFAULT_MARKING",
    "SECTIONS",
    "BriefingOptions",
    "BriefingResult",
    "FontSet",
    "MissingFont",
    "build_briefing",
    "render_briefing",
]


@dataclass(frozen=True)
class BriefingOptions:
    sections: tuple[str, ...] = SECTIONS
    marking: str = DEFAULT_MARKING
    all_clusters: bool = False  # False: the high-priority clusters only
    not_implemented_only: bool = False
    key_recommendations: int = KEY_RECOMMENDATIONS  # per cluster in the clusters section; 0 = all
    date: str = ""  # ISO date printed on the briefing; today when empty
    office: str | None = None  # the store's office code when None

    def __post_init__(self) -> None:
        unknown = [s for s in self.sections if s not in SECTIONS]
        if unknown:
            raise ValueError(f"unknown section {', '.join(unknown)}; sections are {', '.join(SECTIONS)}")
        if not self.sections:
            raise ValueError("choose at least one section")
        # keep the document's order whatever order they were given in
        object.__setattr__(self, "sections", tuple(s for s in SECTIONS if s in self.sections))


@dataclass(frozen=True)
class BriefingResult:
    path: Path
    pages: int
    outline: list[str]
    fonts: dict[str, str]
    seconds: dict[str, float] = field(default_factory=dict)  # read, layout


def build_briefing(
    store: Store,
    iso3: str,
    path: Path | str,
    options: BriefingOptions | None = None,
    *,
    fonts: FontSet | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> BriefingResult:
    """Write the briefing on ``iso3`` to ``path``.

    Raises ``services.briefing_data.UnknownCountry`` for a country the store does not hold,
    :class:`MissingFont` when a script the texts use has no font (before anything is written), and
    ``tcdesk.sync.errors.Cancelled`` when ``cancelled()`` turns true.
    """
    from tcdesk.services import briefing_data

    options = options or BriefingOptions()
    report = progress or (lambda _f, _m: None)
    report(0.0, "reading the store")
    started = time.perf_counter()
    data = briefing_data.gather(
        store,
        iso3,
        sections=options.sections,
        all_clusters=options.all_clusters,
        not_implemented_only=options.not_implemented_only,
        office=options.office,
        cancelled=cancelled,
    )
    read = time.perf_counter() - started
    result = render_briefing(data, path, options, fonts=fonts, progress=report, cancelled=cancelled)
    result.seconds["read"] = read
    return result


def render_briefing(
    data: BriefingData,
    path: Path | str,
    options: BriefingOptions,
    *,
    fonts: FontSet | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> BriefingResult:
    """Lay out ``data`` (already read from the store) and write the PDF."""
    from tcdesk.briefing.document import BriefingDoc, Decor
    from tcdesk.briefing.sections import Settings, build_story, long_date
    from tcdesk.briefing.text import Typesetter, scripts_in
    from tcdesk.clock import today

    report = progress or (lambda _f, _m: None)
    started = time.perf_counter()
    fonts = fonts or FontSet()
    report(0.15, "checking the fonts")
    needed = set()
    for text in (*data.texts(), options.marking):
        if text:
            needed |= scripts_in(text)
    for script in sorted(needed):
        fonts.face(script)  # MissingFont now, before anything is laid out or written
    ts = Typesetter(fonts)
    settings = Settings(options.sections, options.marking, options.key_recommendations, options.date or today())
    report(0.2, "preparing the sections")
    story = build_story(data, settings, ts)
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    decor = Decor(options.marking, data.name, long_date(settings.date), data.office, ts)
    doc = BriefingDoc(
        str(partial),
        decor,
        title=f"{data.name}: human rights briefing",
        author=f"Office {data.office}" if data.office else "tcdesk",
        subject=f"{options.marking} · {long_date(settings.date)}" if options.marking else long_date(settings.date),
        cover="cover" in options.sections,
    )
    try:
        pages = doc.build_story(story.flowables, progress=report, cancelled=cancelled)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    report(1.0, "done")
    return BriefingResult(target, pages, story.outline, fonts.describe(), {"layout": time.perf_counter() - started})
