"""Starting the desktop app: the QApplication, translations, the store, the first start, the main window.

``run`` is a straight sequence of small steps so that later work can move the slow ones (a migration, a
first import) off the GUI thread behind a progress dialog without reshaping it. Start-up stays fast: only
the home page is built, and its figures are grouped SQL counts.

``TCDESK_BENCH_FIRST_PAINT=1`` makes the app print ``first-paint`` when the main window first paints
and quit: the start-up benchmark and its test measure exactly that. With ``TCDESK_SMOKE_PAGES=1`` as well,
it first shows every page of the navigation in turn, printing ``page KEY`` for each: the frozen build's
smoke test uses it to see that every lazily imported page was bundled and builds on the demo data.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import tcdesk
from tcdesk.paths import DataDir
from tcdesk.services.startup import open_app_store
from tcdesk.store.db import Store, StoreError
from ui.style import STYLE_SHEET

BENCH_VARIABLE = "TCDESK_BENCH_FIRST_PAINT"
SCREENSHOT_VARIABLE = "TCDESK_SCREENSHOT"
SMOKE_PAGES_VARIABLE = "TCDESK_SMOKE_PAGES"
PAGE_SETTLE_MS = 300  # per page in the smoke run: time for its first background load to report back


def configure(app: QApplication) -> None:
    """Names (QSettings' location), version and look; shared by ``run``, the tests and the screenshots."""
    app.setOrganizationName("OHCHR")
    app.setOrganizationDomain("ohchr.org")
    app.setApplicationName("tcdesk")
    app.setApplicationDisplayName("tcdesk")
    app.setApplicationVersion(tcdesk.__version__)
    app.setStyleSheet(STYLE_SHEET)


def translations_folder() -> Path | None:
    """``resources/translations`` of the installed ``tcdesk_resources`` package, or of the source tree."""
    try:
        from importlib.resources import files

        folder = Path(str(files("tcdesk_resources") / "translations"))
    except ModuleNotFoundError:
        folder = Path(__file__).resolve().parent.parent / "resources" / "translations"
    return folder if folder.is_dir() else None


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """tcdesk's own translation for the locale (when a .qm exists) and Qt's for its standard buttons."""
    locale = locale or QLocale.system()
    installed: list[QTranslator] = []
    folders = [("tcdesk", translations_folder())]
    folders.append(("qtbase", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))))
    for name, folder in folders:
        if folder is None or not folder.is_dir():
            continue
        translator = QTranslator(app)
        if translator.load(locale, name, "_", str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def open_or_explain(data_dir: DataDir) -> Store | None:
    try:
        return open_app_store(data_dir)
    except StoreError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "tcdesk cannot open its data"), str(exc))
        return None


def first_start(store: Store, parent: QWidget | None = None) -> bool:
    """Ask for the office code when there is none, load the demo into an empty store; False = user quit."""
    from tcdesk.services import app_info, settings

    if not settings.office_code(store):
        from ui.dialogs.first_start import OfficeCodeDialog

        if not OfficeCodeDialog(store, parent).exec():
            return False
    app_info.load_first_demo(store)
    return True


class _FirstPaint(QObject):
    """Prints ``first-paint`` on the watched window's first paint event, then quits the app.

    With ``TCDESK_SCREENSHOT=FILE`` it also saves what was painted: the proof, on a machine without a
    display, that the README's start command opens the window on the demo data.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("first-paint", flush=True)
            QTimer.singleShot(0, lambda: self._finish(watched))
        return False

    @staticmethod
    def _finish(window: QObject) -> None:
        target = os.environ.get(SCREENSHOT_VARIABLE)
        if target and isinstance(window, QWidget):
            window.grab().save(target)
        if os.environ.get(SMOKE_PAGES_VARIABLE) == "1":
            _visit_pages(window, 0)
        else:
            QCoreApplication.quit()


def _visit_pages(window: QObject, index: int) -> None:
    """Show page ``index`` of the navigation, then the next one a moment later, then Settings; then quit."""
    from ui.navigation import PAGES

    if index > len(PAGES):
        QCoreApplication.quit()
        return
    if index == len(PAGES):
        window.show_settings()  # type: ignore[attr-defined]
        print("page settings", flush=True)
    else:
        window.show_page(index)  # type: ignore[attr-defined]
        print(f"page {PAGES[index].key}", flush=True)
    QTimer.singleShot(PAGE_SETTLE_MS, lambda: _visit_pages(window, index + 1))


def run(data_dir: DataDir) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    configure(app)  # type: ignore[arg-type]
    install_translators(app)  # type: ignore[arg-type]
    store = open_or_explain(data_dir)
    if store is None:
        return 1
    try:
        if not first_start(store):
            return 0
        from ui.main_window import MainWindow

        window = MainWindow(store)
        if os.environ.get(BENCH_VARIABLE) == "1":
            watcher = _FirstPaint(window)
            window.installEventFilter(watcher)
        window.show()
        return app.exec()
    finally:
        from ui import worker

        worker.cancel_all()  # an import stops at its next check and rolls back; then the store can close
        worker.wait_for_all()
        store.close()
