"""Exchange benchmark: a full export of a real-shaped store of N recommendations, its import, and the floor.

    .venv/bin/python bench/exchange_bench.py [--rows 100000] [--runs 3] [--no-profile]

The hot spots need pyinstrument in the venv (``.venv/bin/pip install pyinstrument``; a developer tool, not
a dependency); without it they are skipped.

The source store is built as in store_bench.py (the UPR Info export in ../shared/data, sessions 1-20,
repeated with fresh uids until there are N), for the office KEN-HRA with its own signing key, plus a few
clusters and projects with members and links. Its full export is then imported into empty HQ stores that
trust the office key, and compared with the floor: python-calamine reading the recommendations sheet plus
one plain-sqlite3 ``executemany``. Prints a ``figure | value`` table, then the import's hot spots; asserts
nothing about time (docs/performance.md says what each figure means). Without ../shared/data it says so
and exits 0.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from store_bench import (
    CSV_PATH,
    CountryCodes,
    Figures,
    cluster_rows,
    country_rows,
    read_source,
    recommendation_rows,
    seconds,
    sync_fields,
)

REPO = Path(__file__).resolve().parents[1]
SOURCE_OFFICE = "KEN-HRA"
TARGET_OFFICE = "HQ"
PROJECTS = 20
RECOMMENDATIONS_PER_PROJECT = 10
HOT_SPOTS = 10


def _quiet(_fraction: float, _message: str) -> None:
    pass


def _never() -> bool:
    return False


def median(times: list[float]) -> float:
    return statistics.median(times)


def runs_text(times: list[float]) -> str:
    each = ", ".join(seconds(t) for t in times)
    return f"median {seconds(median(times))} (runs: {each})"


class Clock:
    """Wall and CPU seconds (this process: Python, calamine and SQLite all run in it) of each run.

    Other processes on the machine stretch wall time; CPU time barely moves, so ratios are given on both.
    """

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __call__(self, call: Callable[[], object]) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return call()
        finally:
            self.cpu.append(time.process_time() - cpu)
            self.wall.append(time.perf_counter() - wall)

    def add(self, wall: float, cpu: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)

    @property
    def median(self) -> float:
        return median(self.wall)

    @property
    def median_cpu(self) -> float:
        return median(self.cpu)

    def text(self) -> str:
        return f"{runs_text(self.wall)}; cpu {seconds(self.median_cpu)}"


def megabytes(kilobytes: float) -> str:
    return f"{kilobytes / 1024:,.0f} MB"


# --- the source store -------------------------------------------------------------------------------


Row = dict[str, object]


def project_rows(rows: list[Row], clusters: list[Row], iso3: str) -> tuple[list[Row], list[dict[str, str]]]:
    """A handful of projects of the busiest country, each linked to one cluster and ten recommendations."""
    from tcdesk.domain.vocabulary import FUNDING_SOURCES, MODALITIES, PROJECT_STATUSES

    in_country = [str(r["uid"]) for r in rows if r["country"] == iso3]
    projects: list[Row] = []
    links: list[dict[str, str]] = []
    for i in range(PROJECTS):
        uid = str(uuid.uuid4())
        theme = str(clusters[i % len(clusters)]["title"]) if clusters else "human rights"
        projects.append(
            {
                **sync_fields(uid),
                "country": iso3,
                "code": f"{iso3}-{2024 + i % 3}-{i + 1:03d}",
                "title": f"Support to the follow-up of recommendations on {theme.lower()}",
                "status": PROJECT_STATUSES[i % len(PROJECT_STATUSES)],
                "start_date": f"{2024 + i % 3}-0{1 + i % 9}-15",
                "end_date": f"{2027 + i % 3}-12-31",
                "budget_usd": f"{(i + 1) * 75_000}.00",
                "funding_source": FUNDING_SOURCES[i % len(FUNDING_SOURCES)],
                "implementing_entity": "OHCHR",
                "partners": "UNDP\nUNICEF\nNational Human Rights Commission",
                "modality": MODALITIES[i % len(MODALITIES)],
                "summary": "Technical cooperation with the national mechanism for reporting and follow-up.",
                "results": "",
                "sdg_targets": "16.3\n16.a\n5.1",
            }
        )
        if clusters:
            links.append({"project_uid": uid, "kind": "cluster", "target_uid": str(clusters[i % len(clusters)]["uid"])})
        start = i * RECOMMENDATIONS_PER_PROJECT
        links.extend(
            {"project_uid": uid, "kind": "recommendation", "target_uid": r}
            for r in in_country[start : start + RECOMMENDATIONS_PER_PROJECT]
        )
    return projects, links


def build_source(data_dir: Path, count: int, figures: Figures):  # type: ignore[no-untyped-def]
    """The KEN-HRA store holding N recommendations; returns (store, its public key)."""
    from sqlalchemy import insert

    from tcdesk.paths import DataDir
    from tcdesk.services import settings, trust
    from tcdesk.store.db import open_store
    from tcdesk.store.models import Cluster, ClusterMember, Country, Project, ProjectLink, Recommendation

    store = open_store(DataDir(data_dir))
    started = time.perf_counter()
    codes = CountryCodes()
    source, countries = read_source(codes)
    rows = recommendation_rows(source, count)
    busiest = Counter(str(r["country"]) for r in rows).most_common(1)[0][0]
    clusters, members = cluster_rows(rows, busiest)
    projects, links = project_rows(rows, clusters, busiest)
    country_table = country_rows(countries, busiest)
    with store.engine.begin() as connection:
        connection.execute(insert(Recommendation.__table__), rows)
        connection.execute(insert(Country.__table__), country_table)
        connection.execute(insert(Cluster.__table__), clusters)
        connection.execute(insert(ClusterMember.__table__), members)
        connection.execute(insert(Project.__table__), projects)
        connection.execute(insert(ProjectLink.__table__), links)
    settings.set_office_code(store, SOURCE_OFFICE)
    public = trust.create_office_key(store)
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    figures.add(
        "source store (KEN-HRA, signed)",
        f"{count:,} recommendations, {len(country_table)} countries, {len(clusters)} clusters, "
        f"{len(members):,} members, {len(projects)} projects, {len(links)} links "
        f"(built in {seconds(time.perf_counter() - started)})",
    )
    return store, public


def fresh_store(root: Path, public):  # type: ignore[no-untyped-def]
    """An empty HQ store that trusts the source office's key (Alembic runs here, outside every timing)."""
    from tcdesk.paths import DataDir
    from tcdesk.services import settings, trust
    from tcdesk.store.db import open_store

    store = open_store(DataDir(root))
    settings.set_office_code(store, TARGET_OFFICE)
    trust.trust_key(store, public)
    return store


def count_rows(store, table: str = "recommendations") -> int:  # type: ignore[no-untyped-def]
    with store.engine.connect() as connection:
        return int(connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


def remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


# --- export and import ------------------------------------------------------------------------------


def time_exports(store, folder: Path, runs: int, figures: Figures) -> list[Path]:  # type: ignore[no-untyped-def]
    from tcdesk.services import exchange

    paths, clock = [], Clock()
    for i in range(runs):
        path = folder / f"full-{i + 1}.xlsx"
        summary = clock(lambda path=path: exchange.export_package(store, path, full=True))
        paths.append(path)
    figures.add("full export (export_package, full=True)", clock.text())
    size = paths[0].stat().st_size
    sheets = ", ".join(f"{name} {n:,}" for name, n in summary.rows.items())
    figures.add("package file size", f"{size / 1e6:.1f} MB ({sheets}; signed: {summary.signed})")
    return paths


def more_packages(store, folder: Path, count: int, prefix: str) -> list[Path]:  # type: ignore[no-untyped-def]
    """Packages carrying the same records under new package ids (untimed)."""
    from tcdesk.services import exchange

    paths = []
    for i in range(count):
        path = folder / f"{prefix}-{i + 1}.xlsx"
        exchange.export_package(store, path, full=True)
        paths.append(path)
    return paths


def time_imports(package: Path, public, work: Path, runs: int, count: int, figures: Figures) -> tuple[Clock, Path]:  # type: ignore[no-untyped-def]
    """Imports into fresh empty stores; returns their clock and the data folder of the last (filled) store."""
    from tcdesk.services import exchange

    clock = Clock()
    last = work / "import-0"
    for i in range(runs):
        if i:
            remove_tree(last)
        last = work / f"import-{i + 1}"
        store = fresh_store(last, public)
        try:
            outcome = clock(lambda store=store: exchange.import_package(store, package))
            stored = count_rows(store)
        finally:
            store.close()
        if not outcome.applied or stored != count:
            raise SystemExit(f"import did not apply as expected: {outcome.report()} (recommendations: {stored:,})")
    figures.add("import into an empty store (import_package)", clock.text())
    figures.add("  which applied", f"yes: {stored:,} recommendations, {counts_line(outcome)}")
    figures.add("  rows per second (recommendations)", f"{count / clock.median:,.0f}")
    return clock, last


def probe_memory() -> dict[str, float]:
    """The memory probe, in its own process: wait for "PACKAGE<tab>DATA_DIR" on stdin, then import PACKAGE
    into the empty store in DATA_DIR (made by the benchmark, so no Alembic run raises the baseline).

    Linux keeps ru_maxrss across fork and exec, so a probe forked from the benchmark once it holds 100,000
    rows would start at the benchmark's own peak: this process is started first, while the benchmark is
    still small, and idles until the package exists. Kilobytes, as Linux reports ru_maxrss.
    """
    line = sys.stdin.readline().strip()
    if not line:
        return {}
    package, data_dir = (Path(part) for part in line.split("\t"))
    import python_calamine  # noqa: F401  (loaded before the baseline: the import's code, not its data)

    from tcdesk.paths import DataDir
    from tcdesk.services import exchange
    from tcdesk.store.db import open_store

    store = open_store(DataDir(data_dir))
    gc.collect()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome = exchange.import_package(store, package)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    store.close()
    return {"baseline": baseline, "peak": peak, "applied": outcome.applied}


def start_memory_probe() -> subprocess.Popen[str]:
    command = [sys.executable, str(Path(__file__).resolve()), "--probe-memory"]
    return subprocess.Popen(
        command, cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def measure_memory(probe: subprocess.Popen[str], package: Path, public, root: Path, figures: Figures) -> None:  # type: ignore[no-untyped-def]
    fresh_store(root, public).close()
    try:
        out, err = probe.communicate(f"{package}\t{root}\n", timeout=1800)
    except subprocess.TimeoutExpired:
        probe.kill()
        out, err = probe.communicate()
    remove_tree(root)
    try:
        result = json.loads(out.strip().splitlines()[-1])
    except (IndexError, ValueError):
        tail = " / ".join(err.strip().splitlines()[-3:]) or "(no output)"
        figures.add("import peak memory", f"not measured: exit {probe.returncode}: {tail}")
        return
    if not result["applied"]:
        figures.add("import peak memory", "not measured: the import did not apply")
        return
    figures.add(
        "import peak memory (fresh process)",
        f"+{megabytes(result['peak'] - result['baseline'])} over the baseline just before the import "
        f"(peak RSS {megabytes(result['peak'])}, baseline {megabytes(result['baseline'])})",
    )


# --- the floor --------------------------------------------------------------------------------------


def read_recommendations(package: Path) -> tuple[list[str], list[tuple[object, ...]]]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(package))
    try:
        grid = workbook.get_sheet_by_name("recommendations").to_python(skip_empty_area=False)
    finally:
        workbook.close()
    return grid[0], [tuple(r) for r in grid[1:]]


def insert_all(connection: sqlite3.Connection, header: list[str], rows: list[tuple[object, ...]]) -> None:
    connection.execute("BEGIN")
    marks = ", ".join("?" * len(header))
    connection.executemany(f"INSERT INTO recommendations ({', '.join(header)}) VALUES ({marks})", rows)
    connection.execute("COMMIT")


def floor_once(package: Path, database: Path, read: Clock, insert: Clock) -> int:
    """Calamine + one executemany into a plain table with the same columns, one transaction; returns rows."""
    header, rows = read(lambda: read_recommendations(package))

    def write() -> None:
        connection = sqlite3.connect(database, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")  # as the store does
        connection.execute(f"CREATE TABLE recommendations ({', '.join(header)})")
        insert_all(connection, header, rows)
        connection.close()

    insert(write)
    return len(rows)


def store_insert_once(package: Path, public, root: Path, clock: Clock, triggers: bool) -> None:  # type: ignore[no-untyped-def]
    """The floor's executemany into the store's own recommendations table: its indexes, and its triggers
    when ``triggers`` (dropped first otherwise, in this throw-away store)."""
    header, rows = read_recommendations(package)
    fresh_store(root, public).close()
    connection = sqlite3.connect(root / "tcdesk.sqlite3", isolation_level=None)
    connection.execute("PRAGMA synchronous=NORMAL")
    try:  # the store's triggers call functions that tcdesk registers on each connection (search, 0003)
        from tcdesk.store import search_text
    except ImportError:
        pass
    else:
        search_text.register(connection)
    if not triggers:
        names = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'recommendations'"
        ).fetchall()
        for (name,) in names:
            connection.execute(f"DROP TRIGGER {name}")
    clock(lambda: insert_all(connection, header, rows))
    connection.close()


def store_triggers(public, root: Path) -> list[str]:  # type: ignore[no-untyped-def]
    fresh_store(root, public).close()
    connection = sqlite3.connect(root / "tcdesk.sqlite3")
    try:
        return [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'recommendations'"
            )
        ]
    finally:
        connection.close()
        remove_tree(root)


def time_floor(package: Path, public, work: Path, runs: int, imports: Clock, figures: Figures) -> Clock:  # type: ignore[no-untyped-def]
    reads, inserts, total, with_triggers, without = Clock(), Clock(), Clock(), Clock(), Clock()
    triggers = store_triggers(public, work / "triggers")
    for i in range(runs):
        folder = work / f"floor-{i + 1}"
        folder.mkdir()
        rows = floor_once(package, folder / "floor.sqlite3", reads, inserts)
        total.add(reads.wall[-1] + inserts.wall[-1], reads.cpu[-1] + inserts.cpu[-1])
        remove_tree(folder)
        store_insert_once(package, public, folder, without, triggers=False)
        remove_tree(folder)
        if triggers:
            store_insert_once(package, public, folder, with_triggers, triggers=True)
            remove_tree(folder)
    figures.add("floor: calamine read + one executemany", f"{total.text()} ({rows:,} rows)")
    figures.add("  of which calamine to_python (recommendations)", reads.text())
    figures.add("  of which executemany into a plain table", inserts.text())
    figures.add("  (same executemany into the store's table, its indexes)", without.text())
    if triggers:
        figures.add(f"  (same, with its {len(triggers)} triggers on recommendations)", with_triggers.text())
    for name, importing, floor in (
        ("wall", imports.median, total.median),
        ("cpu", imports.median_cpu, total.median_cpu),
    ):
        ratio = importing / floor
        verdict = "within" if ratio <= 3 else "over"
        figures.add(f"ratio import / floor ({name})", f"{ratio:.1f}x ({verdict} the 3x target)")
    return total


# --- where the import's time goes -------------------------------------------------------------------


def breakdown_once(package: Path, public, root: Path) -> dict[str, tuple[float, float]]:  # type: ignore[no-untyped-def]
    from python_calamine import CalamineWorkbook

    from tcdesk.sync import canonical, merge, reader, safety
    from tcdesk.sync import manifest as manifest_sheet
    from tcdesk.sync.validate import Problems, validate_sheets

    phases: dict[str, tuple[float, float]] = {}

    def clock(name: str, call: Callable[[], object]) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        phases[name] = (time.perf_counter() - wall, time.process_time() - cpu)
        return result

    clock("safety.inspect", lambda: safety.inspect(package))
    workbook = clock("reader.open_workbook (runs inspect again)", lambda: reader.open_workbook(package))

    def grids() -> dict[str, list[list[object]]]:
        book = CalamineWorkbook.from_path(str(package))
        try:
            return {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names}
        finally:
            book.close()

    raw = clock("  calamine to_python, every sheet", grids)
    clock("  reader._as_sheet (grid to RawSheet)", lambda: [reader._as_sheet(n, g) for n, g in raw.items()])

    def read_manifest():  # type: ignore[no-untyped-def]
        values, rows = manifest_sheet.read_values(workbook.sheets.get("manifest"), package.name)
        manifest_sheet.check_format(values, package.name)
        return values, manifest_sheet.parse(values, rows)[0]

    values, manifest = clock("manifest", read_manifest)

    def digest() -> bool:
        content = {n: (s.header, [cells for _, cells in s.rows]) for n, s in workbook.sheets.items() if n != "manifest"}
        return canonical.digest(values, content) == manifest.digest

    if not clock("canonical.digest (content + SHA-256)", digest):
        raise SystemExit("breakdown: the digest does not match")
    problems, notes = Problems(), []
    data = clock("validate.validate_sheets", lambda: validate_sheets(workbook.sheets, manifest, problems, notes))
    if problems.total:
        raise SystemExit(f"breakdown: {problems.total} problems: {problems.lines[:3]}")
    store = fresh_store(root, public)
    try:
        with store.engine.connect() as connection:
            transaction = connection.begin()
            plan = clock("merge.make_plan", lambda: merge.make_plan(connection, data, manifest, problems))
            clock(
                "merge.apply_plan",
                lambda: merge.apply_plan(connection, data, plan, manifest.package_id, _quiet, _never),
            )
            clock("commit", transaction.commit)
    finally:
        store.close()
    return phases


def time_breakdown(package: Path, public, work: Path, runs: int, imports: Clock, figures: Figures) -> None:  # type: ignore[no-untyped-def]
    collected: dict[str, Clock] = {}
    for i in range(runs):
        root = work / f"breakdown-{i + 1}"
        for name, (wall, cpu) in breakdown_once(package, public, root).items():
            collected.setdefault(name, Clock()).add(wall, cpu)
        remove_tree(root)
    counted, counted_cpu = 0.0, 0.0
    for name, clock in collected.items():
        share = clock.median_cpu / imports.median_cpu
        figures.add(f"phase: {name}", f"{clock.text()} = {share:.0%} of the import's cpu")
        if not name.startswith((" ", "safety")):
            counted += clock.median
            counted_cpu += clock.median_cpu
    figures.add(
        "phase: sum of the unindented phases",
        f"{seconds(counted)}, cpu {seconds(counted_cpu)}; the import: {seconds(imports.median)}, "
        f"cpu {seconds(imports.median_cpu)} (phases are timed in separate runs; the rest of run_import is small)",
    )


def time_gc_experiment(package: Path, public, work: Path, runs: int, imports: Clock, figures: Figures) -> None:  # type: ignore[no-untyped-def]
    """The same import with the cyclic garbage collector off: how much the collector's passes cost."""
    from tcdesk.services import exchange

    clock = Clock()
    for i in range(runs):
        root = work / f"gc-{i + 1}"
        store = fresh_store(root, public)
        try:
            gc.collect()
            gc.disable()
            outcome = clock(lambda store=store: exchange.import_package(store, package))
        finally:
            gc.enable()
            store.close()
        remove_tree(root)
        if not outcome.applied:
            raise SystemExit("gc experiment: the import did not apply")
    figures.add(
        "experiment: import with gc disabled",
        f"{clock.text()} = {clock.median_cpu / imports.median_cpu:.0%} of the import's cpu",
    )


def time_without_triggers(package: Path, public, work: Path, runs: int, imports: Clock, figures: Figures) -> None:  # type: ignore[no-untyped-def]
    """The same import into a store whose triggers on recommendations were dropped: what the row-by-row
    trigger work costs (the search index is then left empty, so this is a measurement, not an option)."""
    from tcdesk.services import exchange

    clock = Clock()
    for i in range(runs):
        root = work / f"no-triggers-{i + 1}"
        fresh_store(root, public).close()
        connection = sqlite3.connect(root / "tcdesk.sqlite3")
        names = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'recommendations'"
        ).fetchall()
        for (name,) in names:
            connection.execute(f"DROP TRIGGER {name}")
        connection.commit()
        connection.close()
        if not names:
            remove_tree(root)
            return
        store = open_store_at(root)
        try:
            outcome = clock(lambda store=store: exchange.import_package(store, package))
        finally:
            store.close()
        remove_tree(root)
        if not outcome.applied:
            raise SystemExit("trigger experiment: the import did not apply")
    figures.add(
        "experiment: import, store's recommendation triggers dropped",
        f"{clock.text()} = {clock.median_cpu / imports.median_cpu:.0%} of the import's cpu",
    )


def open_store_at(root: Path):  # type: ignore[no-untyped-def]
    from tcdesk.paths import DataDir
    from tcdesk.store.db import open_store

    return open_store(DataDir(root))


# --- planning cost on a full store ------------------------------------------------------------------


def time_full_store(
    store_root: Path,
    package: Path,
    new_packages: list[Path],
    public,
    work: Path,
    runs: int,
    count: int,
    figures: Figures,
) -> None:  # type: ignore[no-untyped-def]
    from tcdesk.domain.schema import SHEETS
    from tcdesk.paths import DataDir
    from tcdesk.services import exchange, trust
    from tcdesk.store.backup import backup_database
    from tcdesk.store.db import open_store
    from tcdesk.sync import merge
    from tcdesk.sync.package_in import load_package

    empty = fresh_store(work / "preview-empty", public)
    try:
        clock = Clock()
        for _ in range(runs):
            outcome = clock(lambda: exchange.preview_package(empty, package))
        if outcome.refused or outcome.applied or count_rows(empty):
            raise SystemExit(f"preview changed the store or was refused: {outcome.report()}")
        figures.add("preview into an empty store (preview_package)", clock.text())
    finally:
        empty.close()
    remove_tree(work / "preview-empty")

    store = open_store(DataDir(store_root))
    try:
        clock = Clock()
        for _ in range(runs):
            outcome = clock(lambda: exchange.import_package(store, package))
        if not outcome.already_imported_at:
            raise SystemExit(f"re-import was not recognised: {outcome.report()}")
        figures.add("re-import of the same package (already imported)", clock.text())

        clock = Clock()
        for _ in range(runs):
            outcome = clock(lambda: exchange.preview_package(store, new_packages[0]))
        figures.add("preview, new package id, filled store (all unchanged)", clock.text())

        loaded = load_package(new_packages[0], trust.trusted_key_material(store), _quiet, _never)
        sheet = SHEETS["recommendations"]
        uids = [row[0] for row in loaded.data["recommendations"].rows]
        plans, fetches = Clock(), Clock()
        for _ in range(runs):
            with store.engine.connect() as connection:
                transaction = connection.begin()
                plans(lambda c=connection: merge.make_plan(c, loaded.data, loaded.manifest, loaded.problems))
                fetches(lambda c=connection: merge._local_rows(c, sheet, uids))
                transaction.rollback()
        figures.add("  of which merge.make_plan on the filled store", plans.text())
        figures.add("  of which merge._local_rows(recommendations)", fetches.text())

        clock = Clock()
        for path in new_packages[:runs]:
            outcome = clock(lambda path=path: exchange.import_package(store, path))
            unchanged = outcome.counts.get("recommendations", {}).get("unchanged", 0)
            if not outcome.applied or unchanged != count:
                raise SystemExit(f"unchanged import did not behave: {outcome.report()}")
        figures.add("import, new package id, filled store (all unchanged)", clock.text())
        figures.add("  which applied", f"yes: {counts_line(outcome)}")

        clock = Clock()
        for i in range(runs):
            clock(lambda i=i: backup_database(store.path, work / f"backups-{i}", "bench"))
        figures.add("  of which backup_database before the import", clock.text())
    finally:
        store.close()


# --- hot spots --------------------------------------------------------------------------------------


def profile_import(package: Path, public, root: Path) -> tuple[float, list[tuple[str, float, float]]]:  # type: ignore[no-untyped-def]
    """One import under pyinstrument: (total seconds, [(function, cumulative s, own s)]) by function."""
    from pyinstrument import Profiler

    from tcdesk.services import exchange

    store = fresh_store(root, public)
    profiler = Profiler(interval=0.001)
    try:
        profiler.start()
        exchange.import_package(store, package)
        session = profiler.stop()
    finally:
        store.close()
    cumulative: dict[str, float] = {}
    own: dict[str, float] = {}

    def walk(frame, seen: frozenset[str]) -> None:  # type: ignore[no-untyped-def]
        if frame.is_synthetic:
            return
        if frame.file_path and frame.file_path.endswith("exchange_bench.py"):  # the benchmark itself
            for child in frame.children:
                walk(child, seen)
            return
        where = frame.file_path_short or frame.file_path or ""
        name = f"{frame.function} ({where}:{frame.line_no})"
        if name not in seen:  # a recursive call is counted once, by its outermost frame
            cumulative[name] = cumulative.get(name, 0.0) + frame.time
        own[name] = own.get(name, 0.0) + frame.total_self_time
        for child in frame.children:
            walk(child, seen | {name})

    root_frame = session.root_frame()
    if root_frame is not None:
        walk(root_frame, frozenset())
    rows = [(name, cumulative[name], own.get(name, 0.0)) for name in cumulative]
    return session.duration, rows


def print_hot_spots(total: float, rows: list[tuple[str, float, float]]) -> None:
    print(
        f"\nimport under pyinstrument: {seconds(total)} (1 ms sampling). The profiler's per-call overhead inflates"
        "\ncall-heavy Python (per-cell validation) far more than C work (calamine, SQLite): use it to rank"
        "\nfunctions within a phase, and the phase timings above for real seconds."
    )
    for title, key in (("cumulative", 1), ("own time", 2)):
        top = sorted(rows, key=lambda r: -r[key])[:HOT_SPOTS]
        width = max(len("function"), *(len(name) for name, _, _ in top)) if top else len("function")
        print(f"\ntop {HOT_SPOTS} by {title}")
        print(f"{'function':<{width}} | cumulative | own")
        print(f"{'-' * width}-|------------|---------")
        for row in top:
            print(f"{row[0]:<{width}} | {row[1]:>8.2f} s | {row[2]:>5.2f} s")


# --- main -------------------------------------------------------------------------------------------


def counts_line(outcome) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for sheet, counts in outcome.counts.items():
        shown = ", ".join(f"{n:,} {k}" for k, n in counts.items() if n)
        parts.append(f"{sheet}: {shown or 'nothing'}")
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="recommendations (default 100000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per timed figure; the median is shown")
    parser.add_argument("--no-profile", action="store_true", help="skip the pyinstrument run")
    parser.add_argument("--probe-memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe_memory:
        print(json.dumps(probe_memory()))
        return 0
    if not CSV_PATH.exists():
        print(f"skipped: ../shared/data not found ({CSV_PATH})")
        return 0
    if args.rows < 1 or args.runs < 1:
        parser.error("--rows and --runs must be at least 1")

    figures = Figures()
    probe = start_memory_probe()
    try:
        return run(args, figures, probe)
    finally:
        if probe.poll() is None:
            probe.kill()
            probe.communicate()


def run(args: argparse.Namespace, figures: Figures, probe: subprocess.Popen[str]) -> int:
    hot_spots = None
    with tempfile.TemporaryDirectory(prefix="tcdesk-bench-exchange-") as temporary:
        work = Path(temporary)
        packages = work / "packages"
        packages.mkdir()
        print(f"building a source store of {args.rows:,} recommendations in {work}", flush=True)
        source, public = build_source(work / "source", args.rows, figures)
        try:
            print(f"timing ({args.runs} runs each)", flush=True)
            exported = time_exports(source, packages, args.runs, figures)
            new_packages = more_packages(source, packages, args.runs, "again")
        finally:
            source.close()
        package = exported[0]
        imports, filled = time_imports(package, public, work, args.runs, args.rows, figures)
        measure_memory(probe, package, public, work / "memory", figures)
        time_floor(package, public, work, args.runs, imports, figures)
        time_breakdown(package, public, work, args.runs, imports, figures)
        time_gc_experiment(package, public, work, args.runs, imports, figures)
        time_without_triggers(package, public, work, args.runs, imports, figures)
        time_full_store(filled, package, new_packages, public, work, args.runs, args.rows, figures)
        if not args.no_profile:
            try:
                import pyinstrument  # noqa: F401  (a developer tool, not a dependency of tcdesk)
            except ImportError:
                print("hot spots skipped: pyinstrument is not installed (.venv/bin/pip install pyinstrument)")
            else:
                print("profiling one import (pyinstrument)", flush=True)
                hot_spots = profile_import(package, public, work / "profile")
    print()
    print(figures.table())
    if hot_spots is not None:
        print_hot_spots(*hot_spots)
    return 0


if __name__ == "__main__":
    sys.exit(main())
