"""Smoke test of the frozen build: the PyInstaller executable, without the project's Python, does the work.

Runs only with ``TCDESK_FROZEN`` naming the built executable::

    installer/build.sh && TCDESK_FROZEN=dist/tcdesk/tcdesk .venv/bin/python -m pytest tests/frozen -m frozen

(``python3 bootstrap.py test`` does both in CI.) Every command runs in a child process of the frozen binary
with a temporary ``--data-dir``; this process only prepares input files and reads the results.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.first_revision import FIRST, make_first_revision_store

FROZEN = os.environ.get("TCDESK_FROZEN", "")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.frozen,
    pytest.mark.slow,
    pytest.mark.skipif(
        not FROZEN,
        reason="needs the frozen build: run installer/build.sh, then set TCDESK_FROZEN=dist/tcdesk/tcdesk",
    ),
]


def frozen_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "TCDESK_DATA"))}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


def tcdesk(*args: str, data_dir: Path | None = None, exe: str | Path | None = None, timeout: float = 120, **env):
    command = [str(exe or Path(FROZEN).resolve())]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    command += list(args)
    return subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, env=frozen_env(**env), cwd=str(Path.home())
    )


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result.stdout


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_version_comes_from_the_bundled_metadata():
    from tcdesk import __version__

    assert ok(tcdesk("--version")).strip() == f"tcdesk {__version__}"


def test_office_keys_signed_import_export(data, tmp_path):
    from tests.sync.packages import Signer, new_uid, rec_row, sheet_of, write_package

    ok(tcdesk("office", "KEN-HRA", data_dir=data))
    assert "KEN-HRA" in ok(tcdesk("office", data_dir=data))
    ok(tcdesk("keys", "new", data_dir=data))
    assert any((data / "keys").iterdir())

    signer = Signer()
    pub = tmp_path / "hq.pub"
    pub.write_text(signer.public_line(), encoding="utf-8")
    ok(tcdesk("keys", "trust", str(pub), data_dir=data))
    assert signer.key_id in ok(tcdesk("keys", "list", data_dir=data))

    package = tmp_path / "hq.xlsx"
    rows = [rec_row(new_uid(), text="Ratify the Optional Protocol"), rec_row(new_uid(), text="Adopt a NHRI law")]
    write_package(package, {"recommendations": sheet_of(rows)}, signer=signer)
    ok(tcdesk("import", str(package), data_dir=data))

    out = tmp_path / "out.xlsx"
    ok(tcdesk("export", str(out), "--full", data_dir=data))
    from openpyxl import load_workbook

    sheet = [list(r) for r in load_workbook(out, read_only=True)["recommendations"].iter_rows(values_only=True)]
    column = sheet[0].index("text")
    assert {r[column] for r in sheet[1:]} >= {"Ratify the Optional Protocol", "Adopt a NHRI law"}


def test_bundled_demo_package_imports_and_makes_a_briefing(data, tmp_path):
    demo = ROOT / "resources" / "demo" / "demo-package.xlsx"
    ok(tcdesk("office", "XVL-HRA", data_dir=data))
    ok(tcdesk("import", str(demo), "--allow-untrusted", data_dir=data))
    pdf = tmp_path / "b.pdf"
    ok(tcdesk("briefing", "XVL", str(pdf), data_dir=data, timeout=240))

    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    text = "".join(page.extract_text() or "" for page in reader.pages[:3])
    assert text.strip()


def test_suggested_clusters_match_those_of_the_development_numpy(data):
    """The frozen numpy has no BLAS (installer/build.sh): its suggestions must agree with .venv's OpenBLAS ones."""
    import json

    from tcdesk.clustering.metrics import adjusted_rand_index

    demo = ROOT / "resources" / "demo" / "demo-package.xlsx"
    ok(tcdesk("office", "XVL-HRA", data_dir=data))
    ok(tcdesk("import", str(demo), "--allow-untrusted", data_dir=data))
    suggest = ["clusters", "suggest", "XVL", "--json", "-k", "4"]
    frozen = json.loads(ok(tcdesk(*suggest, data_dir=data)))
    command = [sys.executable, "-m", "tcdesk", "--data-dir", str(data), *suggest]
    developed = json.loads(ok(subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)))

    def labels(suggestions):
        return {uid: number for number, s in enumerate(suggestions) for uid in s["uids"]}

    mine, theirs = labels(frozen), labels(developed)
    assert len(frozen) == 4 and len(mine) >= 12 and mine.keys() == theirs.keys()
    uids = sorted(mine)
    assert adjusted_rand_index([mine[u] for u in uids], [theirs[u] for u in uids]) >= 0.8
    assert all(s["title"] and s["explanation"] for s in frozen)


def test_the_bundle_leaves_out_what_the_app_never_uses():
    """What installer/build.sh and the spec leave out to stay under 170 MB stays out (bench/frozen_bench.py)."""
    folder = Path(FROZEN).resolve().parent
    names = {path.relative_to(folder).as_posix() for path in folder.rglob("*")}

    def present(fragment: str) -> list[str]:
        return sorted(name for name in names if fragment in name)

    for fragment in ("openblas", "libgfortran", "reportlab/fonts/", "/pytest", "/sklearn", "/scipy", "QtNetwork"):
        assert not present(fragment), f"{fragment} in the bundle: {present(fragment)[:3]}"
    formats = [Path(name).name for name in present("Qt/plugins/imageformats/")]
    assert formats and all("svg" in name for name in formats), formats


def test_gui_paints_its_first_window_offscreen_then_shows_every_page(data, tmp_path):
    """First start on an empty store: the demo is loaded, the window painted, then every page shown in turn
    (pages are imported lazily: a module the spec forgot would fail only here)."""
    from ui.navigation import PAGES

    ok(tcdesk("office", "KEN-HRA", data_dir=data))
    shot = tmp_path / "first.png"
    started = time.monotonic()
    result = tcdesk(
        data_dir=data,
        timeout=90,
        TCDESK_BENCH_FIRST_PAINT="1",
        TCDESK_SMOKE_PAGES="1",
        TCDESK_SCREENSHOT=str(shot),
        QT_QPA_PLATFORM="offscreen",
    )
    elapsed = time.monotonic() - started
    assert ok(result).splitlines() == ["first-paint", *(f"page {spec.key}" for spec in PAGES), "page settings"]
    assert "Traceback" not in result.stderr and "Error calling Python" not in result.stderr, result.stderr
    assert elapsed < 60, f"first paint and {len(PAGES) + 1} pages after {elapsed:.1f} s"
    assert shot.exists() and shot.stat().st_size > 0


def test_a_store_from_the_first_revision_is_upgraded_with_a_backup(data):
    from tcdesk.store.db import SCHEMA_HEAD, current_revision

    make_first_revision_store(data)
    assert current_revision(data / "tcdesk.sqlite3") == FIRST

    assert "KEN-HRA" in ok(tcdesk("office", data_dir=data))

    assert current_revision(data / "tcdesk.sqlite3") == SCHEMA_HEAD
    connection = sqlite3.connect(data / "tcdesk.sqlite3")
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
    assert connection.execute("SELECT text, rev, local_change FROM recommendations").fetchall() == [
        ("Abolish the death penalty", 2, 5)
    ]
    connection.close()
    backups = list((data / "backups").glob(f"*before-migration-from-{FIRST}.sqlite3"))
    assert len(backups) == 1


def test_portable_folder_beside_the_executable_holds_all_the_data(tmp_path):
    """A copy of dist/tcdesk/ with an empty tcdesk-data/ beside the executable: the USB-stick layout."""
    app = tmp_path / "usb" / "tcdesk"
    shutil.copytree(Path(FROZEN).resolve().parent, app, symlinks=True)
    portable = app / "tcdesk-data"
    portable.mkdir()
    exe = app / Path(FROZEN).name
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"), "XDG_CONFIG_HOME": str(home / ".cfg")}

    ok(tcdesk("office", "KEN-HRA", exe=exe, **env))
    ok(tcdesk("keys", "new", exe=exe, **env))
    result = tcdesk(exe=exe, timeout=60, TCDESK_BENCH_FIRST_PAINT="1", **env)
    assert "first-paint" in ok(result)

    assert (portable / "tcdesk.sqlite3").is_file()
    for folder in ("backups", "keys", "logs"):
        assert (portable / folder).is_dir()
    assert any((portable / "keys").iterdir())
    assert not (home / ".local" / "share" / "tcdesk").exists()


if sys.platform != "linux":  # pragma: no cover
    pytestmark.append(pytest.mark.skip(reason="the smoke test drives the Linux build"))
