"""Screenshots of the Clusters page for the docs, made offscreen from a throw-away store with the demo data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_clusters.py [--out docs/screenshots]

Writes clusters.png (the demo country's clusters, the first high-priority one selected and its members
listed, the recommendations to drag on the right) and cluster-suggestions.png (the suggestions dialog
for the recommendations that belong to no cluster, one suggestion ticked). Neither the user's data
folder nor their Qt settings are touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QSize  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tcdesk.paths import DataDir  # noqa: E402
from tcdesk.services import demo, settings  # noqa: E402
from tcdesk.store.db import open_store  # noqa: E402
from ui.app import configure  # noqa: E402


def settle(app: QApplication, seconds: float = 0.3) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def wait_until(app: QApplication, condition, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screenshot scene did not come about in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    app = QApplication(sys.argv)
    configure(app)
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
            window.resize(QSize(1440, 900))
            window.show_page(next(i for i, spec in enumerate(PAGES) if spec.key == "clusters"))
            page = window.stack.currentWidget()
            settle(app)
            page.select_cluster(page.cluster_model.cluster(0).uid)
            settle(app)
            window.grab().save(str(args.out / "clusters.png"))

            page.suggest_button.click()
            wait_until(app, lambda: page.suggestions_dialog is not None and page.suggestions_dialog.isVisible())
            dialog = page.suggestions_dialog
            dialog.set_checked(0)
            dialog.resize(1100, 620)
            settle(app)
            dialog.grab().save(str(args.out / "cluster-suggestions.png"))
            dialog.reject()
            window.close()
        finally:
            store.close()
    for name in ("clusters.png", "cluster-suggestions.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
