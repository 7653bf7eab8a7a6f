"""What the screenshot scripts share: Qt offscreen, a throw-away store with the demo loaded, Qt settings kept
out of the user's profile, and waiting for the event loop to settle. Nothing here touches the user's data.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QSize  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tcdesk.paths import DataDir  # noqa: E402
from tcdesk.services import demo, settings  # noqa: E402
from tcdesk.store.db import Store, open_store  # noqa: E402
from ui.app import configure  # noqa: E402


def output_folder(description: str) -> Path:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    return out


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Let pending layout, paint and queued signals run."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def wait_until(app: QApplication, condition: Callable[[], object], seconds: float = 60) -> None:
    """Run the event loop until ``condition()`` holds (background work reports back through it)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screenshot scene did not come about in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


@contextmanager
def demo_window(page_key: str, size: QSize) -> Iterator[tuple[QApplication, Store, object, object]]:
    """(app, store, main window, page): the demo country on page ``page_key`` of ``ui.navigation.PAGES``."""
    app = QApplication.instance() or QApplication(sys.argv)
    configure(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="tcdesk-shots-") as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        store = open_store(DataDir(Path(tmp) / "data"))
        try:
            settings.set_office_code(store, "XVL-HRA")
            demo.load_demo(store)
            from ui.main_window import MainWindow
            from ui.navigation import PAGES

            window = MainWindow(store)
            window.show()
            window.resize(size)
            window.show_page(next(i for i, spec in enumerate(PAGES) if spec.key == page_key))
            settle(app)  # type: ignore[arg-type]
            yield app, store, window, window.stack.currentWidget()  # type: ignore[misc]
            window.close()
        finally:
            store.close()
