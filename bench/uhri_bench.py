"""Timings of the UHRI import on a large export (docs/uhri-import.md keeps the figures).

    .venv/bin/python bench/uhri_bench.py [--rows 10000] [--runs 3]

Builds a UHRI Excel export and the same as JSON from the UPR Info recommendations in
``../shared/data/upr-info`` (UN country names, "- " bullets, multi-line themes and SDG labels at target and
goal level, Excel date serials), then times on a new store: detection, reading and mapping, a preview, the
first import, a re-import of the same file (nothing changes), and the import of a newer export where one row
in ten has a changed text, themes or SDGs. Without ../shared/data it prints a skip message and exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tcdesk.paths import DataDir  # noqa: E402
from tcdesk.services import settings, uhri_import  # noqa: E402
from tcdesk.store.db import open_store  # noqa: E402
from tcdesk.uhri.detect import detect  # noqa: E402
from tcdesk.uhri.importer import read_uhri  # noqa: E402
from tests.uhri.exports import UPR_INFO, XLSX_COLUMNS, json_item, xlsx_row  # noqa: E402

SDG_LABELS = (
    "16.3 - Promote the rule of law and ensure equal access to justice",
    "5.1 - End discrimination against women and girls",
    "16 - PEACE, JUSTICE AND STRONG INSTITUTIONS",
    "10.3 - Ensure equal opportunity and end discrimination",
    "4.7 - Education for sustainable development and global citizenship",
)


def annotations(rows: int):  # type: ignore[no-untyped-def]
    import tests.uhri.exports as exports

    if not UPR_INFO.exists():
        return None
    every = exports.upr_info_annotations({n for n in _states()}, limit=rows)
    out = []
    for n, a in enumerate(every):
        out.append(a.but(sdgs=SDG_LABELS[n % 3 : n % 3 + 2], affected=("Women & girls",) if n % 4 == 0 else ()))
    return out


def _states() -> set[str]:
    import csv

    with open(UPR_INFO, encoding="utf-8", newline="") as handle:
        return {line["To"].strip() for line in csv.DictReader(handle)}


def write_xlsx(path: Path, items) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Export")
    sheet.append(XLSX_COLUMNS)
    for a in items:
        sheet.append(xlsx_row(a))
    workbook.save(path)


def write_json(path: Path, items) -> None:  # type: ignore[no-untyped-def]
    import json

    path.write_text(json.dumps([json_item(a) for a in items], ensure_ascii=False), encoding="utf-8")


def timed(label: str, runs: int, make, action):  # type: ignore[no-untyped-def]
    times, cpu = [], []
    result = None
    for _ in range(runs):
        state = make()
        started, started_cpu = time.perf_counter(), time.process_time()
        result = action(state)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"{label:<48} {statistics.median(times):7.2f} s  cpu {statistics.median(cpu):6.2f} s"
        f"   (runs: {', '.join(f'{t:.2f}' for t in times)})"
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    items = annotations(args.rows)
    if items is None:
        print("skipped: ../shared/data not found")
        return 0
    work = Path(tempfile.mkdtemp(prefix="uhri-bench-"))
    xlsx, js = work / "export.xlsx", work / "export.json"
    write_xlsx(xlsx, items)
    write_json(js, items)
    newer = [a.but(text=a.text + " (revised)") if n % 10 == 0 else a for n, a in enumerate(items)]
    xlsx2 = work / "newer.xlsx"
    write_xlsx(xlsx2, newer)
    print(f"{len(items)} rows; Excel {xlsx.stat().st_size / 1e6:.1f} MB, JSON {js.stat().st_size / 1e6:.1f} MB")

    counter = iter(range(1_000_000))

    def new_store():  # type: ignore[no-untyped-def]
        store = open_store(DataDir(work / f"store-{next(counter)}"))
        settings.set_office_code(store, "BEN-HRA")
        return store

    def imported():  # type: ignore[no-untyped-def]
        store = new_store()
        uhri_import.import_uhri(store, xlsx)
        return store

    timed("detect (Excel)", args.runs, lambda: None, lambda _: detect(xlsx))
    timed("detect (JSON)", args.runs, lambda: None, lambda _: detect(js))
    batch = timed("read + map (Excel)", args.runs, lambda: None, lambda _: read_uhri(xlsx, "uhri-xlsx"))
    timed("read + map (JSON)", args.runs, lambda: None, lambda _: read_uhri(js, "uhri-json"))
    print(f"  mapped rows: {len(batch.rows)}, unusable: {batch.unusable}, skipped: {dict(batch.skipped)}")
    timed("preview, empty store (Excel)", args.runs, new_store, lambda s: uhri_import.preview_uhri(s, xlsx))
    first = timed("first import (Excel, whole)", args.runs, new_store, lambda s: uhri_import.import_uhri(s, xlsx))
    print(f"  {first.new} new")
    timed("first import (JSON, whole)", args.runs, new_store, lambda s: uhri_import.import_uhri(s, js))
    same = timed(
        "re-import, same file (nothing changes)", args.runs, imported, lambda s: uhri_import.import_uhri(s, xlsx)
    )
    print(f"  {same.unchanged} unchanged, {same.updated} updated")
    newer_outcome = timed(
        "import of a newer export (1 row in 10 changed)",
        args.runs,
        imported,
        lambda s: uhri_import.import_uhri(s, xlsx2),
    )
    print(f"  {newer_outcome.updated} updated, {newer_outcome.unchanged} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
