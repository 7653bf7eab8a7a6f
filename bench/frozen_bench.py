"""Installer benchmark: the size of the frozen folder, where it goes, and the frozen app's start-up.

    installer/build.sh && .venv/bin/python bench/frozen_bench.py [--runs 7] [--store DIR]

Size: the bytes of every file in dist/tcdesk (what ``du -sb`` counts), the disk it takes (``du -sh``) and
the tarball, then the largest parts. Start-up: wall time from spawning dist/tcdesk/tcdesk until it prints
``first-paint`` after its main window's first paint (offscreen), on a store holding the bundled demo
country (imported once by the frozen CLI, as a field office would have it), or on ``--store DIR`` (e.g. the
100,000-recommendation store that ``store_bench.py --keep DIR`` leaves). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from store_bench import first_paint, seconds

REPO = Path(__file__).resolve().parents[1]
DIST = REPO / "dist" / "tcdesk"
EXE = DIST / "tcdesk"
DEMO = REPO / "resources" / "demo" / "demo-package.xlsx"
PARTS = 14  # largest parts listed


def part_of(relative: Path) -> str:
    """The folder a file counts under: a Qt library or plugin kind on its own, else its top package."""
    parts = relative.parts
    if parts[:1] == ("_internal",):
        parts = parts[1:]
    if parts[:3] == ("PySide6", "Qt", "lib"):
        return "PySide6/Qt/lib/" + parts[3].split(".so")[0]
    if parts[:3] == ("PySide6", "Qt", "plugins"):
        return "PySide6/Qt/plugins"
    return parts[0] if len(parts) > 1 else "(files at the top: executable, Python, C++ runtime...)"


def sizes(folder: Path) -> tuple[int, int, Counter[str]]:
    """(bytes of the files, bytes of disk blocks, bytes per part)."""
    apparent = blocks = 0
    per_part: Counter[str] = Counter()
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        stat = path.stat()
        apparent += stat.st_size
        blocks += stat.st_blocks * 512
        per_part[part_of(path.relative_to(folder))] += stat.st_size
    return apparent, blocks, per_part


def mb(value: float) -> str:
    return f"{value / 1e6:.1f} MB ({value / 2**20:.1f} MiB)"


def report_size() -> None:
    apparent, blocks, per_part = sizes(DIST)
    print(f"dist/tcdesk: files {mb(apparent)}, on disk {mb(blocks)}")
    for tarball in sorted(DIST.parent.glob("tcdesk-*.tar.gz")):
        print(f"{tarball.name}: {mb(tarball.stat().st_size)}")
    print("\nlargest parts")
    for name, size in per_part.most_common(PARTS):
        print(f"  {size / 1e6:6.1f} MB  {name}")


def frozen(*args: str, data_dir: Path) -> None:
    command = [str(EXE), "--data-dir", str(data_dir), *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)}: exit {result.returncode}\n{result.stderr}")


def report_start_up(runs: int, store: Path | None) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TCDESK_BENCH_FIRST_PAINT": "1"}
    with tempfile.TemporaryDirectory(prefix="tcdesk-frozen-bench-") as temporary:
        data_dir = store
        if data_dir is None:
            data_dir = Path(temporary) / "data"
            frozen("office", "XVL-HRA", data_dir=data_dir)
            frozen("import", str(DEMO), "--allow-untrusted", data_dir=data_dir)
        times = []
        for _ in range(runs):
            seen, problem = first_paint([str(EXE), "--data-dir", str(data_dir)], env)
            if seen is None:
                print(f"\nstart-up to first paint: not measured: {problem}")
                return
            times.append(seen)
    which = f"store {store}" if store else "demo country store"
    each = ", ".join(seconds(t) for t in times)
    print(f"\nstart-up to first paint (frozen, {which}): median {seconds(statistics.median(times))} (runs: {each})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="start-ups timed; the median is shown")
    parser.add_argument("--store", type=Path, help="time the start-up on this data folder instead of the demo")
    parser.add_argument("--skip-gui", action="store_true", help="sizes only")
    args = parser.parse_args(argv)
    if not EXE.exists():
        print(f"skipped: no frozen build at {EXE} (run installer/build.sh)")
        return 0
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    report_size()
    if not args.skip_gui:
        report_start_up(args.runs, args.store)
    return 0


if __name__ == "__main__":
    sys.exit(main())
