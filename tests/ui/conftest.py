"""Fixtures for the desktop tests: a configured QApplication, isolated QSettings, windows on real stores.

The shared ``store`` / ``office_store`` fixtures come from tests/conftest.py. QSettings are redirected
to the test's temporary folder so no test reads or writes the user's real profile.
"""

from __future__ import annotations

import os

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
