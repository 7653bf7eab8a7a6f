"""Fixtures for the desktop tests: a configured QApplication, isolated QSettings, windows on real stores.

The shared ``store`` / ``office_store`` fixtures come from tests/conftest.py. QSettings are redirected
to the test's temporary folder so no test reads or writes the user's real profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path, qapp):
    from ui.app import configure

    configure(qapp)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield
    QSettings().clear()


@pytest.fixture
def demo_store(office_store):
    """A store with the bundled demo loaded and an office code set, as after a first start."""
    from tcdesk.services import demo

    demo.load_demo(office_store)
    return office_store


@pytest.fixture
def make_window(qtbot):
    """Build a shown main window on a store; each call builds a new one (to test restoring state)."""
    from ui.main_window import MainWindow

    def make(store):
        window = MainWindow(store)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        return window

    return make


def pytest_collection_modifyitems(config, items):
    """Qt's offscreen platform warns that it cannot propagate size hints whenever a window with a layout
    is shown; that says nothing about tcdesk, so only that exact message is ignored (every other Qt
    warning still fails the test)."""
    marker = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(marker)


@pytest.fixture
def hq_signer():
    """HQ's signing key, made by the tests' independent package writer (tests/sync/packages.py)."""
    from tests.sync.packages import Signer

    return Signer("HQ Geneva 2026")


@pytest.fixture
def field(office_store, hq_signer):
    """A field office store (KEN-HRA) that trusts HQ's key, as after Settings → Trusted keys."""
    from tcdesk.services import trust
    from tcdesk.sync.keys import parse_public_key

    trust.trust_key(office_store, parse_public_key(hq_signer.public_line()))
    return office_store


@pytest.fixture(autouse=True)
def no_work_left_running():
    """Every background operation a test started has ended before the next test (and its store) begins."""
    yield
    from ui import worker

    worker.cancel_all()
    assert worker.wait_for_all(20_000), "a background operation was still running"


def cluster_row(uid: str, rev: int, title: str) -> dict[str, str]:
    """A cluster row as HQ would send it (the writer's ``rec_row`` covers recommendations only)."""
    return {
        "uid": uid,
        "rev": str(rev),
        "base_rev": "",
        "updated_at": "2026-10-01T10:00:00Z",
        "updated_by": "HQ",
        "deleted": "0",
        "country": "KEN",
        "title": title,
        "summary": "",
        "sdg_goals": "16",
        "priority": "high",
    }


@dataclass
class Conflicted:
    recommendation: str
    cluster: str
    members: tuple[str, str]


@pytest.fixture
def conflicted(field, hq_signer, tmp_path) -> Conflicted:
    """A recommendation and a cluster edited here and, differently, by HQ afterwards (members too)."""
    from tcdesk.services import exchange, records
    from tests.sync.packages import rec_row, sheet_of, write_package

    rec, other, cluster = pytest.uid(), pytest.uid(), pytest.uid()
    members = [["cluster_uid", "recommendation_uid"], [cluster, rec]]
    write_package(
        tmp_path / "1.xlsx",
        {
            "recommendations": sheet_of([rec_row(rec, 1, "Ratify OP-CAT"), rec_row(other, 1, "Other")]),
            "clusters": sheet_of([cluster_row(cluster, 1, "Justice")]),
            "cluster_members": members,
        },
        signer=hq_signer,
    )
    assert exchange.import_package(field, tmp_path / "1.xlsx").applied
    records.update(field, "recommendations", rec, {"text": "Ratify OP-CAT by 2027", "notes": "Ministry met"})
    records.update(field, "clusters", cluster, {"title": "Justice and prisons"})
    write_package(
        tmp_path / "2.xlsx",
        {
            "recommendations": sheet_of(
                [rec_row(rec, 3, "Ratify OP-CAT and set up an NPM", implementation_status="in progress")]
            ),
            "clusters": sheet_of([cluster_row(cluster, 2, "Access to justice")]),
            "cluster_members": [*members, [cluster, other]],
        },
        signer=hq_signer,
        sequence=2,
    )
    outcome = exchange.import_package(field, tmp_path / "2.xlsx")
    assert outcome.counts["recommendations"]["conflicting"] == 1 and outcome.counts["clusters"]["conflicting"] == 1
    return Conflicted(rec, cluster, (rec, other))
