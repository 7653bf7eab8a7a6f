"""A briefing on a large country stays quick: 1,000 recommendations, 30 clusters, 50 projects.

bench/briefing_bench.py builds the same store and prints the figures (docs/performance.md); here the
limit is generous (a loaded CI machine) but an accidental quadratic layout would still fail it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tcdesk.briefing import BriefingOptions, build_briefing

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import briefing_bench

LIMIT_SECONDS = 4.0  # measured here: about 0.5 s (high-priority clusters), 1.3 s (all clusters)


def test_large_country_briefing_is_quick(tmp_path):
    store = briefing_bench.build_store(tmp_path, 1000, 30, 50)
    try:
        build_briefing(store, "XBN", tmp_path / "warm.pdf", BriefingOptions(sections=("figures",)))  # fonts loaded
        for options in (BriefingOptions(), BriefingOptions(all_clusters=True)):
            started = time.perf_counter()
            result = build_briefing(store, "XBN", tmp_path / "big.pdf", options)
            took = time.perf_counter() - started
            assert took < LIMIT_SECONDS, f"{result.pages} pages took {took:.2f} s"
            assert result.pages > 40
    finally:
        store.close()
