"""The main window: navigation on the left, the pages in a stack, the country selector, menus, status bar.

Pages (listed in ``ui.navigation``) are built the first time they are shown, so start-up queries only
what the home page needs. The window decides when its own actions change
things (country picked, demo removed, F5); a page that changes the store (an import, a resolved
conflict) says so through ``AppContext.notify_data_changed``, and the window and the pages all follow
that one signal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from tcdesk.services import app_info
from tcdesk.store.db import Store
from ui.chrome import DemoBanner, StatusFields
from ui.context import AppContext
from ui.navigation import PAGES, SETTINGS_PAGE, page_titles
from ui.pages.base import Page
from ui.pages.settings import SettingsPage

KEY_GEOMETRY, KEY_STATE, KEY_PAGE = "main_window/geometry", "main_window/state", "main_window/page"


class MainWindow(QMainWindow):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.context = AppContext(store, self)
        self.pages: dict[str, Page] = {}
        self.setWindowTitle(self.tr("tcdesk – Human Rights Adviser's desk"))
        self.resize(1280, 800)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(200)
        self.navigation.addItems(page_titles())
        self.stack = QStackedWidget()
        self.banner = DemoBanner()
        self.banner.removeRequested.connect(self.remove_demo)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.navigation)
        body.addWidget(self.stack, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addLayout(body, 1)
        self.setCentralWidget(central)

        self.country = QComboBox()
        self.country.setObjectName("countrySelector")
        self.country.setMinimumContentsLength(24)
        self.country.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        toolbar = QToolBar(self.tr("Country"))
        toolbar.setObjectName("countryToolbar")
        toolbar.setMovable(False)
        country_label = QLabel(self.tr("&Country:"))
        country_label.setBuddy(self.country)
        country_label.setContentsMargins(8, 0, 6, 0)
        toolbar.addWidget(country_label)
        toolbar.addWidget(self.country)
        self.addToolBar(toolbar)
        self.status = StatusFields(self.statusBar(), store)
        self.context.dataChanged.connect(self.status.refresh)  # an edit on a page: changes to send
        self._build_menus()

        self.reload()
        self.context.dataChanged.connect(self.reload)  # a page changed the store: countries, status bar
        self.country.currentIndexChanged.connect(self._country_picked)
        self.navigation.currentRowChanged.connect(self._navigated)
        self.navigation.clicked.connect(lambda index: self._navigated(index.row()))
        self.restore_state()

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        self.settings_action = self._action(menu, self.tr("&Settings…"), self.show_settings, "Ctrl+,")
        self.remove_demo_action = self._action(menu, self.tr("&Remove demo data…"), self.remove_demo)
        menu.addSeparator()
        self.quit_action = self._action(menu, self.tr("&Quit"), self.close, "Ctrl+Q")
        menu = self.menuBar().addMenu(self.tr("&View"))
        self.page_actions = []
        for index, title in enumerate(page_titles()):
            action = self._action(menu, title, lambda _=False, i=index: self.show_page(i), f"Ctrl+{index + 1}")
            self.page_actions.append(action)
        menu.addSeparator()
        self.refresh_action = self._action(menu, self.tr("&Refresh"), self.refresh, "F5")
        menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = self._action(menu, self.tr("&About tcdesk"), self.show_about, "F1")

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- pages -----------------------------------------------------------------------------------
    def page(self, key: str) -> Page:
        """The page for ``key``, built the first time it is asked for."""
        if key not in self.pages:
            spec = next(s for s in (*PAGES, SETTINGS_PAGE) if s.key == key)
            widget = spec.cls(self.context)
            if isinstance(widget, SettingsPage):
                widget.removeDemoRequested.connect(self.remove_demo)
                widget.loadDemoRequested.connect(self.load_demo)
                widget.officeChanged.connect(self.status.refresh)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def show_page(self, index: int) -> None:
        if self.navigation.currentRow() == index:  # e.g. back from Settings: no currentRowChanged
            self._navigated(index)
        self.navigation.setCurrentRow(index)

    def _navigated(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.stack.setCurrentWidget(self.page(PAGES[row].key))

    def show_settings(self) -> None:
        # Only the selection is cleared: with no current row at all, the list would make its first row
        # current (and show Home) as soon as it got the focus.
        self.navigation.clearSelection()
        self.stack.setCurrentWidget(self.page(SETTINGS_PAGE.key))

    def current_page_key(self) -> str:
        current = self.stack.currentWidget()
        return next((key for key, widget in self.pages.items() if widget is current), PAGES[0].key)

    # --- data ------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the country list, the demo state and the status fields again from the store."""
        available = self.context.reload_countries()
        wanted = self.context.country if self.context.country in dict(available) else ""
        wanted = wanted or self.context.initial_country(available)
        self.country.blockSignals(True)
        self.country.clear()
        for iso3, name in available:
            self.country.addItem(f"{name} ({iso3})", iso3)
        self.country.setCurrentIndex(self.country.findData(wanted))
        self.country.setEnabled(bool(available))
        self.country.blockSignals(False)
        demo = app_info.demo_loaded(self.store)
        self.banner.setVisible(demo)
        self.remove_demo_action.setEnabled(demo)
        self.status.refresh()
        self.context.set_country(wanted)

    def refresh(self) -> None:
        """F5, and after every change made through the window: everything shown is read again.

        The window's own part (countries, banner, status bar) follows ``dataChanged`` like the pages.
        """
        self.context.notify_data_changed()

    def _country_picked(self, index: int) -> None:
        self.context.set_country(self.country.itemData(index) or "")

    def remove_demo(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Remove demo data"),
            self.tr(
                "Remove the fictional country Veltrana and all its demo records from this desk? "
                "Your own data is not touched. The demo will not come back on the next start."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        app_info.remove_demo(self.store)
        self.statusBar().showMessage(self.tr("Demo data removed."), 5000)
        self.refresh()

    def load_demo(self) -> None:
        app_info.load_demo_again(self.store)
        self.refresh()

    def show_about(self) -> None:
        from ui.dialogs.about import AboutDialog

        AboutDialog(self.store.data_dir, self).exec()

    # --- window state ----------------------------------------------------------------------------
    def restore_state(self) -> None:
        saved = QSettings()
        geometry = saved.value(KEY_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = saved.value(KEY_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        keys = [spec.key for spec in PAGES]
        page = saved.value(KEY_PAGE, PAGES[0].key)
        self.show_page(keys.index(page) if page in keys else 0)
        if page == SETTINGS_PAGE.key:
            self.show_settings()

    def save_state(self) -> None:
        saved = QSettings()
        saved.setValue(KEY_GEOMETRY, self.saveGeometry())
        saved.setValue(KEY_STATE, self.saveState())
        saved.setValue(KEY_PAGE, self.current_page_key())
        saved.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
