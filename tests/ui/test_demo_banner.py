"""Demo data: the banner says so, and removing it from the menu empties the store of the demo country."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from tcdesk.services import app_info, overview

pytestmark = pytest.mark.gui


@pytest.fixture
def confirm(monkeypatch):
    """Answer Yes to the confirmation: the question box is Qt's, not what is under test."""
    asked = []

    def question(*args, **kwargs):
        asked.append(args[2] if len(args) > 2 else "")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_banner_and_menu_action_follow_the_demo(make_window, demo_store, office_store):
    window = make_window(demo_store)
    assert window.banner.isVisible()
    assert "Veltrana is a fictional country" in window.banner.text.text()
    assert window.remove_demo_action.isEnabled()


def test_no_banner_without_demo(make_window, office_store):
    window = make_window(office_store)
    assert not window.banner.isVisible()
    assert not window.remove_demo_action.isEnabled()


def test_removing_the_demo_from_the_file_menu(qtbot, make_window, demo_store, confirm):
    window = make_window(demo_store)
    assert window.country.count() == 1
    window.remove_demo_action.trigger()
    qtbot.waitUntil(lambda: not window.banner.isVisible())
    assert confirm, "the user is asked first"
    assert window.country.count() == 0
    assert overview.countries_in_store(demo_store) == []
    assert not window.remove_demo_action.isEnabled()
    home = window.stack.currentWidget()
    qtbot.waitUntil(lambda: home.empty.isVisible())
    # Removed on purpose: the next start of the empty store must not bring it back.
    assert not app_info.wants_first_demo(demo_store)


def test_the_banner_button_asks_and_a_no_keeps_the_demo(qtbot, make_window, demo_store, monkeypatch):
    from PySide6.QtCore import Qt

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window = make_window(demo_store)
    qtbot.mouseClick(window.banner.button, Qt.MouseButton.LeftButton)
    assert window.banner.isVisible()
    assert window.country.count() == 1


def test_first_start_loads_the_demo_once(office_store):
    assert app_info.wants_first_demo(office_store)
    assert app_info.load_first_demo(office_store)
    assert app_info.demo_loaded(office_store)
    assert not app_info.load_first_demo(office_store)  # a country is there now


def test_the_settings_page_removes_and_brings_back_the_demo(qtbot, make_window, demo_store, confirm):
    from PySide6.QtCore import Qt

    window = make_window(demo_store)
    window.settings_action.trigger()
    page = window.stack.currentWidget()
    assert page.remove_demo.isVisible()
    qtbot.mouseClick(page.remove_demo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.load_demo.isVisible())
    assert not window.banner.isVisible()
    assert not page.remove_demo.isVisible()

    qtbot.mouseClick(page.load_demo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.banner.isVisible())
    assert window.country.count() == 1
    assert app_info.demo_loaded(demo_store)
