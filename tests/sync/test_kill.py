"""All or nothing even when the importing process is killed in the middle of writing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import uuid

import pytest

from tcdesk.services import records
from tcdesk.sync import canonical
from tcdesk.sync.xlsx_writer import write_workbook

ROWS = 60_000


def _big_package(path) -> None:
    from tcdesk.domain.schema import RECOMMENDATIONS

    header = list(RECOMMENDATIONS.column_names)
    template = dict.fromkeys(header, "")
    template.update(
        rev="1",
        updated_at="2026-10-01T10:00:00Z",
        updated_by="HQ",
        deleted="0",
        country="KEN",
        mechanism="UPR",
        text="Strengthen the independence of the judiciary " * 3,
        sdg_targets="16.3",
    )
    rows = [[str(uuid.uuid4()) if h == "uid" else template[h] for h in header] for _ in range(ROWS)]
    manifest = {
        "format": "tcdesk-package",
        "format_version": "1",
        "package_id": str(uuid.uuid4()),
        "kind": "hq-update",
        "origin": "HQ",
        "target": "*",
        "created_at": "2026-11-01T08:00:00Z",
        "sequence": "1",
        "countries": "KEN",
        "rows.recommendations": str(ROWS),
    }
    manifest["digest"] = canonical.digest(manifest, {"recommendations": (header, rows)})
    write_workbook(path, [("manifest", ["key", "value"], list(manifest.items())), ("recommendations", header, rows)])


@pytest.mark.slow
def test_sigkill_during_the_write_leaves_the_store_as_it_was(office_store, tmp_path):
    kept = records.create(office_store, "recommendations", {"country": "KEN", "mechanism": "TB", "text": "mine"})
    data_root = office_store.data_dir.root
    office_store.close()
    package = tmp_path / "big.xlsx"
    _big_package(package)

    # A small page cache makes SQLite spill uncommitted pages to the WAL, so the kill lands on real writes.
    env = {**os.environ, "TCDESK_PROGRESS": "1", "TCDESK_CACHE_KIB": "1024"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ui",
            "--data-dir",
            str(data_root),
            "import",
            str(package),
            "--allow-untrusted",
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    seen = 0
    wal = data_root / "tcdesk.sqlite3-wal"
    for line in process.stderr:
        if "writing recommendations" in line:
            seen += 1
            if seen == 2:  # the first 20,000 rows are written, inside the open transaction
                break
    assert seen == 2, "the import never reached the writing stage"
    assert wal.exists() and wal.stat().st_size > 1_000_000  # writes really happened before the kill
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    connection = sqlite3.connect(data_root / "tcdesk.sqlite3")
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("SELECT uid, text FROM recommendations").fetchall() == [(kept, "mine")]
    assert connection.execute("SELECT COUNT(*) FROM exchange_log").fetchone() == (0,)
    connection.close()
