"""Stores for the briefing tests: the bundled demo, and a country written in several scripts."""

from __future__ import annotations

import pytest


@pytest.fixture
def demo_store(office_store):
    from tcdesk.services import demo

    demo.load_demo(office_store)
    return office_store


@pytest.fixture
def multilingual(office_store):
    from tests.briefing.multilingual import make_multilingual_country

    return office_store, make_multilingual_country(office_store)


@pytest.fixture
def build(tmp_path):
    """Build a briefing and read it back: ``build(store, iso3, **options)``."""
    from tcdesk.briefing import BriefingOptions, build_briefing
    from tests.briefing.pdf import read

    counter = iter(range(1000))

    def make(store, iso3="XVL", fonts=None, **options):  # type: ignore[no-untyped-def]
        path = tmp_path / f"briefing-{next(counter)}.pdf"
        options.setdefault("date", "2026-11-22")
        result = build_briefing(store, iso3, path, BriefingOptions(**options), fonts=fonts)
        briefing = read(path)
        briefing.result = result  # type: ignore[attr-defined]
        return briefing

    return make
