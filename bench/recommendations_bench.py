"""Recommendations page benchmark: search, facet changes and scrolling on a store of N recommendations.

    .venv/bin/python bench/recommendations_bench.py [--rows 100000] [--runs 20] [--store DIR]

The store is built as bench/store_bench.py builds it (its functions are imported, not copied): the UPR Info
export in ../shared/data repeated with fresh uids until there are N. ``--store DIR`` reuses a store kept
with ``store_bench.py --keep DIR`` instead of building one (the build takes about 20 s). The planner's
statistics are refreshed first with ``Store.optimize()``, as the app does after every import. Each
figure is measured for the country with the most recommendations (what the page shows by default) and
for all countries of the store (the page's "All countries" switch). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import store_bench  # noqa: E402
from store_bench import CSV_PATH, Figures, seconds  # noqa: E402

WORDS = ("torture", "education", "women", "justice")
VIEW_ROWS = 40
"""Rows a table view shows at once (a 1080-pixel screen)."""
SHOWN_FACETS = ("mechanism", "body", "response", "status", "theme", "sdg_goal", "clustered")
"""The facet groups the page opens by default: the ones it counts on every change (ui.facet_panel)."""


def median_of(call: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median, max) seconds over ``runs`` calls, after one warm-up call."""
    call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


def add(figures: Figures, name: str, timing: tuple[float, float], extra: str = "") -> None:
    median, worst = timing
    figures.add(name, f"median {seconds(median)}, max {seconds(worst)}{extra}")


def time_search(store, scopes: dict[str, str], runs: int, figures: Figures) -> None:  # type: ignore[no-untyped-def]
    from tcdesk.services import recommendation_query as q

    for scope, country in scopes.items():
        medians = []
        for word in WORDS:
            f = q.RecFilter(country=country, text=word)

            def results(f: q.RecFilter = f) -> None:
                q.count(store, f)
                q.fetch(store, f, limit=200)

            timing = median_of(results, runs)
            medians.append(timing[0])
            add(figures, f"search '{word}', {scope}: count + first page", timing, f" ({q.count(store, f):,} found)")
        figures.add(f"search, {scope}: median of the words' medians", seconds(statistics.median(medians)))

        f = q.RecFilter(country=country, text="torture")

        def whole_page(f: q.RecFilter = f, country: str = country) -> None:
            q.count(store, f)
            q.fetch(store, f, limit=200)
            q.count(store, q.RecFilter(country=country))
            for facet in SHOWN_FACETS:
                q.facet_counts(store, f, facet)

        add(figures, f"search 'torture', {scope}: + 'of N' count + open facets", median_of(whole_page, runs))


def time_facets(store, scopes: dict[str, str], runs: int, figures: Figures) -> None:  # type: ignore[no-untyped-def]
    from tcdesk.services import recommendation_query as q

    for scope, country in scopes.items():
        base = q.RecFilter(country=country)
        theme = q.facet_counts(store, base, "theme")[0][0]
        f = base.with_facet("theme", (theme,))

        def change(f: q.RecFilter = f, base: q.RecFilter = base) -> None:
            q.count(store, f)
            q.fetch(store, f, limit=200)
            q.count(store, base)
            for facet in SHOWN_FACETS:
                q.facet_counts(store, f, facet)

        add(
            figures,
            f"facet change, {scope}: theme '{theme}'",
            median_of(change, runs),
            f" ({q.count(store, f):,} rows)",
        )
        for facet in SHOWN_FACETS:
            add(
                figures,
                f"  facet_counts({facet}), {scope}",
                median_of(lambda fc=facet, f=f: q.facet_counts(store, f, fc), runs),
            )


def walk(model, starts: list[int]) -> tuple[float, list[float]]:  # type: ignore[no-untyped-def]
    """Read every cell a view of VIEW_ROWS rows paints at each start row; (total, per-step seconds)."""
    from PySide6.QtCore import Qt

    steps = []
    for start in starts:
        began = time.perf_counter()
        for row in range(start, min(start + VIEW_ROWS, model.rowCount())):
            for column in range(model.columnCount()):
                model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
        steps.append(time.perf_counter() - began)
    return sum(steps), steps


def time_scrolling(store, scopes: dict[str, str], figures: Figures) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from tcdesk.services import recommendation_query as q
    from ui.models.recommendation_table import RecommendationTableModel

    _app = QApplication.instance() or QApplication([])
    for scope, country in scopes.items():
        model = RecommendationTableModel(store)
        model.set_filter(q.RecFilter(country=country))
        total = model.rowCount()
        last = max(total - VIEW_ROWS, 0)
        cases = [("drag to the bottom in 20 steps", [last * i // 20 for i in range(21)])]
        if total <= 20_000:
            cases.insert(0, ("page by page", list(range(0, total, VIEW_ROWS))))
        for name, starts in cases:
            model.set_filter(q.RecFilter(country=country))
            model.rows_loaded = model.blocks_fetched = 0
            spent, steps = walk(model, starts)
            figures.add(
                f"scroll {name}, {scope}",
                f"{model.rows_loaded:,} of {total:,} rows loaded ({model.blocks_fetched} blocks), "
                f"{seconds(spent)} in all, per view median {seconds(statistics.median(steps))}, "
                f"max {seconds(max(steps))}; at most {model.cache_blocks * model.block_size:,} rows kept",
            )
        model.set_filter(q.RecFilter(country=country))
        began = time.perf_counter()
        model.index(total - 1, 0).data()
        figures.add(f"jump to the last row, {scope}", seconds(time.perf_counter() - began))


def time_page(store, country: str, runs: int, figures: Figures) -> None:  # type: ignore[no-untyped-def]
    """The real page offscreen: a facet change and a search, each until the table has painted."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from tcdesk.services import recommendation_query as q
    from ui.app import configure
    from ui.context import AppContext
    from ui.pages.recommendations import RecommendationsPage

    app = QApplication.instance() or QApplication([])
    configure(app)  # type: ignore[arg-type]
    settings_dir = tempfile.TemporaryDirectory(prefix="tcdesk-bench-qsettings-")  # not the user's profile
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir.name)
    context = AppContext(store)
    context.reload_countries()
    context.set_country(country)
    page = RecommendationsPage(context)
    page.resize(1400, 900)
    page.show()
    app.processEvents()
    theme = q.facet_counts(store, q.RecFilter(country=country), "theme")[0][0]
    state = {"on": False}

    def toggle_facet() -> None:
        state["on"] = not state["on"]
        page.facets.choose("theme", (theme,) if state["on"] else ())
        page.table.viewport().repaint()

    add(figures, f"page: facet on/off, {country}, until painted", median_of(toggle_facet, runs))

    def search() -> None:
        page.search.setText("" if page.search.text() else "torture")
        page.apply_filter()
        page.table.viewport().repaint()

    add(figures, f"page: search 'torture' on/off, {country}, until painted", median_of(search, runs))
    page.close()
    settings_dir.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--store", metavar="DIR", help="use this store (made by store_bench.py --keep DIR)")
    args = parser.parse_args(argv)
    if not args.store and not CSV_PATH.exists():
        print(f"skipped: ../shared/data not found ({CSV_PATH})")
        return 0

    from tcdesk.paths import DataDir
    from tcdesk.services import overview, settings
    from tcdesk.store.db import open_store

    figures = Figures()
    temporary = None
    if args.store:
        data_dir = Path(args.store).expanduser().resolve()
    else:
        temporary = tempfile.TemporaryDirectory(prefix="tcdesk-bench-")
        data_dir = Path(temporary.name) / "data"
        print(f"building a store of {args.rows:,} recommendations in {data_dir}", flush=True)
        store_bench.build(data_dir, args.rows, figures)
    store = open_store(DataDir(data_dir))
    try:
        began = time.perf_counter()
        store.optimize(after_bulk_change=True)  # as after a large import
        figures.add("Store.optimize (planner statistics)", seconds(time.perf_counter() - began))
        busiest = settings.get(store, settings.CURRENT_COUNTRY)
        in_busiest = overview.country_figures(store, busiest).recommendations
        figures.add("store", f"{store.path}, busiest country {busiest} ({in_busiest:,} recommendations)")
        scopes = {busiest: busiest, "all countries": ""}
        print(f"timing ({args.runs} runs each)", flush=True)
        time_search(store, scopes, args.runs, figures)
        time_facets(store, scopes, args.runs, figures)
        time_scrolling(store, scopes, figures)
        time_page(store, busiest, args.runs, figures)
    finally:
        store.close()
        if temporary is not None:
            temporary.cleanup()
    print()
    print(figures.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
