"""The main window driven as a user would: navigation, shortcuts, status bar, country, saved state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QSize, Qt

from tcdesk.services import overview, records, settings
from ui.main_window import MainWindow
from ui.navigation import PAGES

pytestmark = pytest.mark.gui

PAGE_CLASSES = [
    "HomePage",
    "RecommendationsPage",
    "ClustersPage",
    "ChecklistPage",
    "ProjectsPage",
    "ExchangePage",
    "BriefingsPage",
]


@pytest.fixture
def two_countries(office_store):
    """Kenya with three recommendations, Benin with one, made through the one edit path."""
    records.create(office_store, "countries", {"iso3": "KEN", "name": "Kenya"})
    records.create(office_store, "countries", {"iso3": "BEN", "name": "Benin"})
    uids = [
        records.create(office_store, "recommendations", {"country": c, "mechanism": "UPR", "body": "UPR", "text": t})
        for c, t in (("KEN", "one"), ("KEN", "two"), ("KEN", "three"), ("BEN", "four"))
    ]
    return office_store, uids


def click_nav(qtbot, window: MainWindow, row: int) -> None:
    item = window.navigation.item(row)
    window.navigation.scrollToItem(item)
    rect = window.navigation.visualItemRect(item)
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_window_opens_on_home(make_window, office_store):
    window = make_window(office_store)
    assert window.isVisible()
    assert window.navigation.count() == len(PAGES) == 7
    assert type(window.stack.currentWidget()).__name__ == "HomePage"
    assert window.navigation.currentRow() == 0


def test_clicking_each_navigation_item_shows_its_page(qtbot, make_window, two_countries):
    window = make_window(two_countries[0])
    for row, name in enumerate(PAGE_CLASSES):
        click_nav(qtbot, window, row)
        qtbot.waitUntil(lambda name=name: type(window.stack.currentWidget()).__name__ == name)
        assert window.stack.currentWidget().isVisible()
    assert window.stack.count() == 7  # each page built once, on first use


def test_ctrl_digit_shortcuts_reach_every_page(qtbot, make_window, office_store):
    window = make_window(office_store)
    with qtbot.waitActive(window):
        window.activateWindow()
    for row in reversed(range(7)):  # backwards, so that no page is already current
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{row + 1}"), Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda row=row: type(window.stack.currentWidget()).__name__ == PAGE_CLASSES[row])
        assert window.navigation.currentRow() == row


def test_settings_page_is_reached_from_the_file_menu(qtbot, make_window, office_store):
    window = make_window(office_store)
    window.settings_action.trigger()
    qtbot.waitUntil(lambda: type(window.stack.currentWidget()).__name__ == "SettingsPage")
    page = window.stack.currentWidget()
    assert page.office.text() == "KEN-HRA"
    assert page.location.text() == str(office_store.data_dir.root)
    assert not window.navigation.selectedItems()

    click_nav(qtbot, window, 0)  # back to the page that was current before Settings
    qtbot.waitUntil(lambda: type(window.stack.currentWidget()).__name__ == "HomePage")
    window.settings_action.trigger()
    window.navigation.setFocus()  # the list taking the focus must not leave Settings
    qtbot.waitUntil(lambda: window.navigation.hasFocus())
    assert type(window.stack.currentWidget()).__name__ == "SettingsPage"
    window.show_page(0)
    assert type(window.stack.currentWidget()).__name__ == "HomePage"
    assert window.navigation.item(0).isSelected()


def test_summary_pages_show_live_counts(qtbot, make_window, two_countries):
    from PySide6.QtWidgets import QLabel

    store, _uids = two_countries
    settings.put(store, settings.CURRENT_COUNTRY, "KEN")
    window = make_window(store)
    window.show_page(1)
    page = window.stack.currentWidget()
    qtbot.waitUntil(lambda: page.findChild(QLabel, "recommendationCount").text() == "3 of 3")
    window.show_page(5)
    exchange = window.stack.currentWidget()
    # Six records were created locally and none has been sent: all six are waiting.
    assert exchange.findChild(QLabel, "figure-pending-changes-value").text() == "6"


def test_status_bar_shows_office_path_and_changes_and_counts_an_edit(qtbot, make_window, demo_store):
    from sqlmodel import select

    from tcdesk.store.models import Recommendation

    store = demo_store
    with store.session() as session:
        demo_uid = session.exec(select(Recommendation.uid).limit(1)).first()
    before = overview.pending_changes(store)
    window = make_window(store)
    status = window.status
    assert status.office.text() == "Office: KEN-HRA"
    assert status.location.toolTip() == f"Data folder: {store.data_dir.root}"
    assert status.location.text() == str(store.data_dir.root)  # short enough here not to be elided
    assert status.changes.property("count") == before

    # Edits to the fictional demo country are never sent, so never counted; real records are.
    records.update(store, "recommendations", demo_uid, {"notes": "Raised with the Ministry of Justice."})
    for i in range(2):
        records.create(store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": f"Adopt law {i}"})
    assert status.changes.property("count") == before  # not read again until refreshed
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F5)  # F5: refresh
    qtbot.waitUntil(lambda: status.changes.property("count") == before + 2)
    assert status.changes.text() == f"{before + 2} changes to send"


def test_changes_text_says_one_change_in_the_singular():
    from ui.chrome import changes_text

    assert changes_text(1) == "1 change to send"
    assert changes_text(0) == "0 changes to send"
    assert changes_text(12) == "12 changes to send"


def test_country_selector_lists_store_countries_and_persists_the_choice(qtbot, make_window, two_countries):
    from PySide6.QtWidgets import QLabel

    store, _uids = two_countries
    window = make_window(store)
    combo = window.country
    assert [combo.itemData(i) for i in range(combo.count())] == ["BEN", "KEN"]  # sorted by name
    assert combo.currentData() == "BEN"
    home = window.stack.currentWidget()
    assert home.findChild(QLabel, "figure-recommendations-value").text() == "1"

    combo.setCurrentIndex(combo.findData("KEN"))
    qtbot.waitUntil(lambda: home.findChild(QLabel, "figure-recommendations-value").text() == "3")
    assert home.heading.text() == "Kenya"
    assert settings.get(store, settings.CURRENT_COUNTRY) == "KEN"
    window.close()

    again = make_window(store)
    assert again.country.currentData() == "KEN"


def test_geometry_and_last_page_are_restored(qtbot, make_window, office_store):
    window = make_window(office_store)
    window.resize(760, 560)
    qtbot.waitUntil(lambda: window.size() == QSize(760, 560))
    window.show_page(4)
    window.close()
    assert QSettings().value("main_window/page") == "projects"

    again = make_window(office_store)
    assert again.size() == QSize(760, 560)
    assert type(again.stack.currentWidget()).__name__ == "ProjectsPage"
    assert again.navigation.currentRow() == 4


def test_settings_page_is_restored_too(qtbot, make_window, office_store):
    window = make_window(office_store)
    window.settings_action.trigger()
    window.close()
    again = make_window(office_store)
    again.navigation.setFocus()
    qtbot.waitUntil(lambda: again.navigation.hasFocus())
    assert type(again.stack.currentWidget()).__name__ == "SettingsPage"


def test_ctrl_q_closes_the_window_and_saves_its_state(qtbot, make_window, office_store):
    window = make_window(office_store)
    window.show_page(2)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert QSettings().value("main_window/page") == "clusters"


def test_office_code_changed_from_settings_shows_in_the_status_bar(qtbot, make_window, office_store, monkeypatch):
    from ui.dialogs.first_start import OfficeCodeDialog

    def type_and_accept(dialog):
        dialog.code.setText("UGA-HRA")
        dialog.accept()
        return 1

    monkeypatch.setattr(OfficeCodeDialog, "exec", type_and_accept)
    window = make_window(office_store)
    window.settings_action.trigger()
    page = window.stack.currentWidget()
    page._change_office()
    assert settings.office_code(office_store) == "UGA-HRA"
    assert page.office.text() == "UGA-HRA"
    assert window.status.office.text() == "Office: UGA-HRA"


def test_about_dialog_shows_version_and_data_location(qtbot, office_store):
    import tcdesk
    from ui.dialogs.about import AboutDialog

    dialog = AboutDialog(office_store.data_dir)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert dialog.version.text() == tcdesk.__version__
    assert dialog.location.text() == str(office_store.data_dir.root)
    assert dialog.location.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_f1_opens_the_about_dialog(qtbot, make_window, office_store, monkeypatch):
    from ui.dialogs import about

    shown = []
    monkeypatch.setattr(about.AboutDialog, "exec", lambda self: shown.append(self.location.text()) or 0)
    window = make_window(office_store)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: shown == [str(office_store.data_dir.root)])
