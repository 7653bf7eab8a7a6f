"""Foundation benchmark: a real-shaped store of N recommendations, its key queries, and app start-up.

    .venv/bin/python bench/store_bench.py [--rows 100000] [--runs 5] [--keep DIR] [--skip-gui]

The recommendations are the UPR Info export in ../shared/data (sessions 1-20, 41,066 rows), repeated with
fresh uids until there are N. Prints a ``figure | value`` table and asserts nothing about time
(docs/performance.md says what each figure means). Without ../shared/data it says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CSV_PATH = REPO.parent / "shared/data/upr-info/upr_info_recommendations_sessions01-20.csv"
UPDATED_AT = "2026-01-01T00:00:00Z"
OFFICE = "BEN-HRA"
STATUSES = ("not started", "in progress", "partially implemented", "implemented", "")
RESPONSES = {"Accepted": "supported", "Noted": "noted"}
CLUSTERS = 30
PRIORITIES = ("high", "medium", "low")
# UPR Info short forms that pycountry does not find, or finds wrongly with search_fuzzy
# ("Republic of Korea" comes out as PRK, "Niger" as NGA).
ALIASES = {
    "Antigua & Barbuda": "ATG",
    "Bosnia & Herzegovina": "BIH",
    "Cape Verde": "CPV",
    "Democratic Republic of Congo": "COD",
    "DPR Korea": "PRK",
    "Guinea Bissau": "GNB",
    "Macedonia FYR": "MKD",
    "Niger": "NER",
    "Republic of Congo": "COG",
    "Republic of Korea": "KOR",
    "Sao Tome & Principe": "STP",
    "St Kitts & Nevis": "KNA",
    "St Lucia": "LCA",
    "St Vincent & the Grenadines": "VCT",
    "Swaziland": "SWZ",
    "Trinidad & Tobago": "TTO",
    "Turkey": "TUR",
}
UNMAPPED = "XXA"

GUI_TIMEOUT = 120.0
QT_FLOOR = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
            self.seen = True
            print("first-paint", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

app = QApplication(sys.argv)
window = QWidget()
window.resize(1200, 800)
spy = FirstPaint()
window.installEventFilter(spy)
window.show()
sys.exit(app.exec())
"""


# --- building the store -----------------------------------------------------------------------------


class CountryCodes:
    """UPR Info country names to ISO 3166-1 alpha-3, cached per name."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}
        self.unmapped: set[str] = set()

    def __call__(self, name: str) -> str:
        if name not in self._cache:
            self._cache[name] = self._lookup(name)
        return self._cache[name]

    def _lookup(self, name: str) -> str:
        import pycountry

        if name in ALIASES:
            return ALIASES[name]
        try:  # exact names, official and common names first: search_fuzzy alone mistakes Niger for Nigeria
            return pycountry.countries.lookup(name).alpha_3
        except LookupError:
            pass
        try:
            return pycountry.countries.search_fuzzy(name)[0].alpha_3
        except LookupError:
            self.unmapped.add(name)
            return UNMAPPED


def read_source(codes: CountryCodes) -> tuple[list[dict[str, object]], dict[str, tuple[str, str]]]:
    """The CSV as recommendation rows without uid, and {iso3: (name, region)} of the States under review."""
    rows: list[dict[str, object]] = []
    countries: dict[str, tuple[str, str]] = {}
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            iso3 = codes(line["To"].strip())
            countries.setdefault(iso3, (line["To"].strip(), line["To-Rgrp"].strip()))
            session = int(line["Session"])
            themes = [t.strip() for t in line["Issue"].split(",") if t.strip()]
            rows.append(
                {
                    "country": iso3,
                    "mechanism": "UPR",
                    "body": "UPR",
                    "cycle": "1" if session <= 12 else "2",
                    "session": str(session),
                    "recommending_state": line["From"].strip(),
                    "text": line["Text"].strip(),
                    "response": RESPONSES.get(line["Response"].strip(), ""),
                    "themes": "\n".join(themes),
                }
            )
    return rows, countries


def sync_fields(uid: str) -> dict[str, object]:
    return {
        "uid": uid,
        "rev": 1,
        "base_rev": 0,
        "updated_at": UPDATED_AT,
        "updated_by": "HQ",
        "deleted": False,
        "local_change": None,
    }


def recommendation_rows(source: list[dict[str, object]], count: int) -> list[dict[str, object]]:
    empty = ("document", "paragraph", "issued_on", "affected_persons", "sdg_targets", "notes")
    blank = dict.fromkeys(empty, "")
    rows = []
    for i in range(count):
        row = {**sync_fields(str(uuid.uuid4())), **blank, **source[i % len(source)]}
        row["implementation_status"] = STATUSES[i % len(STATUSES)]
        rows.append(row)
    return rows


Row = dict[str, object]


def cluster_rows(rows: list[Row], iso3: str) -> tuple[list[Row], list[dict[str, str]]]:
    """~30 clusters of the busiest country, one per frequent issue tag, its recommendations as members."""
    by_theme: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row["country"] == iso3:
            for theme in str(row["themes"]).split("\n"):
                if theme:
                    by_theme[theme].append(str(row["uid"]))
    themes = sorted(by_theme, key=lambda t: (-len(by_theme[t]), t))[:CLUSTERS]
    clusters, members = [], []
    for i, theme in enumerate(themes):
        uid = str(uuid.uuid4())
        clusters.append(
            {
                **sync_fields(uid),
                "country": iso3,
                "title": theme,
                "summary": f"UPR recommendations on {theme.lower()}",
                "sdg_goals": "",
                "priority": PRIORITIES[i % len(PRIORITIES)],
            }
        )
        members.extend({"cluster_uid": uid, "recommendation_uid": r} for r in by_theme[theme])
    return clusters, members


def country_rows(countries: dict[str, tuple[str, str]], busiest: str) -> list[dict[str, object]]:
    from tcdesk.domain.countries import country_name

    return [
        {
            **sync_fields(str(uuid.uuid4())),
            "iso3": iso3,
            "name": country_name(iso3) if iso3 != UNMAPPED else upr_name,
            "region": region,
            "presence": "HRA" if iso3 == busiest else "",
        }
        for iso3, (upr_name, region) in sorted(countries.items())
    ]


def build(data_dir: Path, count: int, figures: Figures) -> str:
    """Build the store; returns the ISO3 of the country with the most recommendations."""
    from sqlalchemy import insert

    from tcdesk.paths import DataDir
    from tcdesk.services import settings
    from tcdesk.store.db import open_store
    from tcdesk.store.models import Cluster, ClusterMember, Country, Recommendation

    started = time.perf_counter()
    store = open_store(DataDir(data_dir))
    figures.add("create empty store (Alembic migrations)", seconds(time.perf_counter() - started))

    t0 = time.perf_counter()
    codes = CountryCodes()
    source, countries = read_source(codes)
    rows = recommendation_rows(source, count)
    busiest = Counter(str(r["country"]) for r in rows).most_common(1)[0][0]
    clusters, members = cluster_rows(rows, busiest)
    country_table = country_rows(countries, busiest)
    t1 = time.perf_counter()
    with store.engine.begin() as connection:
        connection.execute(insert(Recommendation.__table__), rows)
        connection.execute(insert(Country.__table__), country_table)
        connection.execute(insert(Cluster.__table__), clusters)
        connection.execute(insert(ClusterMember.__table__), members)
    t2 = time.perf_counter()
    settings.set_office_code(store, OFFICE)
    settings.put(store, settings.CURRENT_COUNTRY, busiest)
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()

    figures.add("read csv + make rows", f"{seconds(t1 - t0)} ({len(source):,} source rows)")
    figures.add("bulk insert (one transaction)", f"{seconds(t2 - t1)} ({count:,} recommendations)")
    figures.add("build total (csv + insert)", seconds(t2 - t0))
    figures.add("rows per second (insert)", f"{count / (t2 - t1):,.0f}")
    figures.add(
        "also inserted",
        f"{len(country_table)} countries, {len(clusters)} clusters, {len(members):,} cluster members",
    )
    if codes.unmapped:
        figures.add("unmapped country names (XXA)", ", ".join(sorted(codes.unmapped)))
    size = sum(p.stat().st_size for p in data_dir.glob("tcdesk.sqlite3*"))
    figures.add("database file size", f"{size / 1e6:.1f} MB ({size / count:,.0f} bytes per recommendation)")
    in_busiest = sum(r["country"] == busiest for r in rows)
    figures.add("busiest country", f"{busiest} ({in_busiest:,} recommendations)")
    return busiest


# --- timing -----------------------------------------------------------------------------------------


class Figures:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str]] = []

    def add(self, figure: str, value: str) -> None:
        self.rows.append((figure, value))
        print(f"  {figure}: {value}", flush=True)

    def table(self) -> str:
        width = max(len("figure"), *(len(f) for f, _ in self.rows))
        lines = [f"{'figure':<{width}} | value", f"{'-' * width}-|-{'-' * 40}"]
        lines += [f"{figure:<{width}} | {value}" for figure, value in self.rows]
        return "\n".join(lines)


def seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def timed(call: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    """(first call, all runs including the first)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times[0], times


def report(figures: Figures, name: str, times: list[float]) -> None:
    each = ", ".join(seconds(t) for t in times)
    figures.add(name, f"median {seconds(statistics.median(times))} (runs: {each})")


def time_queries(data_dir: Path, busiest: str, runs: int, figures: Figures) -> None:
    from tcdesk.paths import DataDir
    from tcdesk.services import overview
    from tcdesk.store.db import open_store

    def reopen() -> None:
        open_store(DataDir(data_dir)).close()

    _, times = timed(reopen, runs)
    report(figures, "open existing store (revision check)", times)

    store = open_store(DataDir(data_dir))
    try:
        result = overview.country_figures(store, busiest)
        _, times = timed(lambda: overview.country_figures(store, busiest), runs)
        report(figures, f"overview.country_figures({busiest})", times)
        figures.add(
            "  which counted",
            f"{result.recommendations:,} recommendations, {result.clusters} clusters, "
            f"responses {dict(result.by_response)}",
        )
        pending = overview.pending_changes(store)
        _, times = timed(lambda: overview.pending_changes(store), runs)
        report(figures, "overview.pending_changes", times)
        figures.add("  which counted", f"{pending} changes to send")
    finally:
        store.close()


def first_paint(command: list[str], env: dict[str, str]) -> tuple[float | None, str]:
    """Seconds from spawn until the process prints ``first-paint`` (None and why, when it never does)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    seen = None
    for line in process.stdout:
        if "first-paint" in line:
            seen = time.perf_counter() - started
            break
    try:
        _, err = process.communicate(timeout=GUI_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        return seen, "did not quit after first paint (killed)" if seen else "timed out"
    if seen is None:
        tail = " / ".join(err.strip().splitlines()[-3:]) or "(no output)"
        return None, f"exit {process.returncode} without printing first-paint: {tail}"
    return seen, ""


def time_start_up(data_dir: Path, runs: int, figures: Figures) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TCDESK_BENCH_FIRST_PAINT": "1"}
    cases = [
        ("start-up to first paint (app)", [sys.executable, "-m", "ui", "--data-dir", str(data_dir)]),
        ("Qt floor (empty QWidget)", [sys.executable, "-c", QT_FLOOR]),
    ]
    for name, command in cases:
        times = []
        for _ in range(runs):
            seen, problem = first_paint(command, env)
            if seen is None:
                figures.add(name, f"not measured: {problem}")
                break
            if problem:
                print(f"  note: {name}: {problem}", flush=True)
            times.append(seen)
        if times and len(times) == runs:
            report(figures, name, times)


# --- main -------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="recommendations (default 100000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per timed figure; the median is shown")
    parser.add_argument("--keep", metavar="DIR", help="build the store in DIR (new or empty) and keep it")
    parser.add_argument("--skip-gui", action="store_true", help="do not measure the app's start-up")
    args = parser.parse_args(argv)
    if not CSV_PATH.exists():
        print(f"skipped: ../shared/data not found ({CSV_PATH})")
        return 0
    if args.rows < 1 or args.runs < 1:
        parser.error("--rows and --runs must be at least 1")

    temporary = None
    if args.keep:
        data_dir = Path(args.keep).expanduser().resolve()
        if data_dir.exists() and any(data_dir.iterdir()):
            parser.error(f"--keep {data_dir}: the folder is not empty; give a new or empty one")
    else:
        temporary = tempfile.TemporaryDirectory(prefix="tcdesk-bench-")
        data_dir = Path(temporary.name) / "data"

    figures = Figures()
    try:
        print(f"building a store of {args.rows:,} recommendations in {data_dir}", flush=True)
        busiest = build(data_dir, args.rows, figures)
        print(f"timing ({args.runs} runs each)", flush=True)
        time_queries(data_dir, busiest, args.runs, figures)
        if not args.skip_gui:
            time_start_up(data_dir, args.runs, figures)
    finally:
        if temporary is not None:
            temporary.cleanup()
    print()
    print(figures.table())
    if args.keep:
        print(f"\nstore kept in {data_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
