"""Briefing benchmark: the PDF for a country with 1,000 recommendations, 30 clusters and 50 projects.

    .venv/bin/python bench/briefing_bench.py [--recommendations 1000] [--clusters 30] [--projects 50]
        [--runs 3] [--keep OUT.pdf] [--profile]

The store is built in a temporary folder from the bundled demo: its records are copied with fresh uids
into a country XBN by bulk SQL (one ``executemany`` per table, the store's triggers keeping the search
index), until the country has the numbers asked for. A third of the clusters are of high priority; every
recommendation is in one cluster and one in five in a second; projects link clusters and
recommendations; the demo's checklist answers are copied too. Then each variant of the briefing is built
``--runs`` times and the median printed, after one cold build (fonts loaded, caches empty) reported
apart. Prints figures, asserts nothing (the tests hold the limits).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tcdesk.briefing import BriefingOptions, build_briefing  # noqa: E402
from tcdesk.paths import DataDir  # noqa: E402
from tcdesk.services import briefing_data, demo, settings  # noqa: E402
from tcdesk.store.db import Store, open_store  # noqa: E402

ISO3 = "XBN"
STAMP = "2026-11-01T09:00:00Z"


def _copy_rows(store: Store, table: str, where: str, params: tuple, count: int, change) -> list[str]:  # type: ignore[no-untyped-def]
    """Copy rows of ``table`` matching ``where`` cyclically until ``count`` exist; ``change(i, row)`` edits
    each copy (a dict). Returns the new uids."""
    with store.engine.begin() as conn:
        result = conn.exec_driver_sql(f"SELECT * FROM {table} WHERE {where} ORDER BY uid", params)
        names = list(result.keys())
        source = [dict(zip(names, row, strict=True)) for row in result]
        rows, uids = [], []
        for i in range(count):
            row = dict(source[i % len(source)])
            row["uid"] = str(uuid.uuid4())
            row["rev"], row["updated_at"], row["updated_by"], row["local_change"] = 1, STAMP, "HQ", None
            change(i, row)
            rows.append(tuple(row[n] for n in names))
            uids.append(row["uid"])
        marks = ", ".join("?" for _ in names)
        conn.exec_driver_sql(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)
    return uids


def build_store(folder: Path, recommendations: int, clusters: int, projects: int) -> Store:
    store = open_store(DataDir(folder / "data"))
    settings.set_office_code(store, "XBN-HRA")
    demo.load_demo(store)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO countries (uid, rev, base_rev, updated_at, updated_by, deleted, iso3, name, region, presence) "
            "VALUES (?, 1, 0, ?, 'HQ', 0, ?, 'Republic of Benchmarkia', 'Test', 'HRA')",
            (str(uuid.uuid4()), STAMP, ISO3),
        )

    def rec(i: int, row: dict) -> None:
        row["country"] = ISO3
        row["paragraph"] = f"{100 + i // 100}.{i % 100 + 1}"

    rec_uids = _copy_rows(store, "recommendations", "country = ?", (demo.DEMO_ISO3,), recommendations, rec)
    priorities = ("high", "medium", "low")

    def cluster(i: int, row: dict) -> None:
        row["country"] = ISO3
        row["priority"] = priorities[i % 3]
        if i >= 12:
            row["title"] = f"{row['title']} ({i // 12 + 1})"

    cluster_uids = _copy_rows(store, "clusters", "country = ?", (demo.DEMO_ISO3,), clusters, cluster)

    def project(i: int, row: dict) -> None:
        row["country"] = ISO3
        row["code"] = f"XBN-{2020 + i % 8}-{i:02d}"
        if i >= 10:
            row["title"] = f"{row['title']}, phase {i // 10 + 1}"

    project_uids = _copy_rows(store, "projects", "country = ?", (demo.DEMO_ISO3,), projects, project)

    def answer(_i: int, row: dict) -> None:
        row["country"] = ISO3

    with store.engine.connect() as conn:
        answers = conn.exec_driver_sql("SELECT COUNT(*) FROM assessments WHERE country = ?", (demo.DEMO_ISO3,)).scalar()
    _copy_rows(store, "assessments", "country = ?", (demo.DEMO_ISO3,), answers, answer)
    members = [(cluster_uids[i % clusters], uid) for i, uid in enumerate(rec_uids)]
    members += [(cluster_uids[(i * 7 + 3) % clusters], uid) for i, uid in enumerate(rec_uids) if i % 5 == 0]
    links = [(p, "cluster", cluster_uids[(i * 3) % clusters]) for i, p in enumerate(project_uids)]
    links += [
        (p, "recommendation", rec_uids[(i * 37 + k * 11) % recommendations])
        for i, p in enumerate(project_uids)
        for k in range(4)
    ]
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO cluster_members (cluster_uid, recommendation_uid) VALUES (?, ?)", members
        )
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO project_links (project_uid, kind, target_uid) VALUES (?, ?, ?)", links
        )
    return store


def timed(call) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recommendations", type=int, default=1000)
    parser.add_argument("--clusters", type=int, default=30)
    parser.add_argument("--projects", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="also write the default briefing here")
    parser.add_argument("--profile", action="store_true", help="print the hot spots of one --all-clusters build")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        store = build_store(folder, args.recommendations, args.clusters, args.projects)
        print(
            f"store built in {time.perf_counter() - started:.1f} s: {args.recommendations:,} recommendations, "
            f"{args.clusters} clusters, {args.projects} projects for {ISO3}"
        )
        out = folder / "briefing.pdf"
        variants = {
            "default (high-priority clusters, all sections)": BriefingOptions(),
            "--all-clusters": BriefingOptions(all_clusters=True),
            "--all-clusters --not-implemented-only": BriefingOptions(all_clusters=True, not_implemented_only=True),
            "--sections cover,figures": BriefingOptions(sections=("cover", "figures")),
        }
        cold = build_briefing(store, ISO3, out, BriefingOptions())
        cold_time = sum(cold.seconds.values())
        print(f"{'briefing':52} | {'pages':>5} | {'median':>8} | {'read':>7} | {'layout':>7} | max")
        print(f"{'cold start (fonts loaded, default)':52} | {cold.pages:5} | {cold_time:7.2f}s |")
        for name, options in variants.items():
            results = [build_briefing(store, ISO3, out, options) for _ in range(args.runs)]
            totals = [sum(r.seconds.values()) for r in results]
            print(
                f"{name:52} | {results[0].pages:5} | {statistics.median(totals):7.2f}s | "
                f"{statistics.median(r.seconds['read'] for r in results):6.3f}s | "
                f"{statistics.median(r.seconds['layout'] for r in results):6.2f}s | {max(totals):.2f}s"
            )
        data = briefing_data.gather(store, ISO3, all_clusters=True)
        listed = sum(len(c.recommendations) for c in data.clusters) + len(data.unclustered)
        print(f"(--all-clusters lists {listed:,} recommendation rows in the annex; fonts: {cold.fonts})")
        if args.keep:
            build_briefing(store, ISO3, args.keep, BriefingOptions(all_clusters=True))
            print(f"wrote {args.keep}")
        if args.profile:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.enable()
            build_briefing(store, ISO3, out, BriefingOptions(all_clusters=True))
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        store.close()


if __name__ == "__main__":
    main()
