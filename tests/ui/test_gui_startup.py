"""Starting the app for real: ``python -m ui`` in a subprocess, first paint, first-start demo, errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tcdesk.paths import DataDir
from tcdesk.services import app_info, overview, settings
from tcdesk.store.db import open_store

pytestmark = pytest.mark.gui
TIMEOUT = 60


def run_module(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        check=False,
    )


def test_the_app_starts_paints_and_quits(tmp_path):
    data = tmp_path / "data"
    office = run_module("tcdesk", "--data-dir", str(data), "office", "TST-HRA")
    assert office.returncode == 0, office.stderr

    started = run_module(
        "ui",
        "--data-dir",
        str(data),
        env={"TCDESK_BENCH_FIRST_PAINT": "1", "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.splitlines() == ["first-paint"]

    # The very first start of an empty store loads the demo, and the window opened on it.
    store = open_store(DataDir(data))
    try:
        assert app_info.demo_loaded(store)
        assert settings.office_code(store) == "TST-HRA"
        assert [iso3 for iso3, _name in overview.countries_in_store(store)] == [app_info.demo_country()]
        assert settings.get(store, settings.CURRENT_COUNTRY) == app_info.demo_country()
    finally:
        store.close()


def test_the_smoke_run_shows_every_page_on_the_demo_and_quits(tmp_path):
    """What the frozen build's smoke test asks of the app (TCDESK_SMOKE_PAGES), checked from source too."""
    from ui.navigation import PAGES

    data = tmp_path / "data"
    assert run_module("tcdesk", "--data-dir", str(data), "office", "TST-HRA").returncode == 0
    env = {"TCDESK_BENCH_FIRST_PAINT": "1", "TCDESK_SMOKE_PAGES": "1", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    started = run_module("ui", "--data-dir", str(data), env=env)
    assert started.returncode == 0, started.stderr
    assert started.stdout.splitlines() == ["first-paint", *(f"page {spec.key}" for spec in PAGES), "page settings"]
    assert "Traceback" not in started.stderr, started.stderr


def test_a_declined_demo_is_not_loaded_again(tmp_path):
    data = tmp_path / "data"
    store = open_store(DataDir(data))
    settings.set_office_code(store, "TST-HRA")
    settings.put(store, app_info.DEMO_DECLINED, "1")
    store.close()

    started = run_module(
        "ui",
        "--data-dir",
        str(data),
        env={"TCDESK_BENCH_FIRST_PAINT": "1", "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    assert started.returncode == 0, started.stderr
    store = open_store(DataDir(data))
    try:
        assert overview.countries_in_store(store) == []
    finally:
        store.close()


def test_a_store_that_cannot_be_opened_is_explained(tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui import app

    data = DataDir(tmp_path / "data").ensure()
    data.database.write_bytes(b"this is not a tcdesk store" * 100)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert app.open_or_explain(data) is None
    assert shown and str(data.database) in shown[0]
