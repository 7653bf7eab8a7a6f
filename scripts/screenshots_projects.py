"""Screenshots of the Projects page for the docs, made offscreen from a throw-away store with the demo data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_projects.py [--out docs/screenshots]

Writes projects.png (the portfolio with one project selected, its form and its links), coverage.png
(clusters with their implementation and projects, the gaps, the funding) and timeline.png (the projects
on a time axis). Neither the user's data folder nor their Qt settings are touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QSize  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tcdesk.paths import DataDir  # noqa: E402
from tcdesk.services import demo, settings  # noqa: E402
from tcdesk.store.db import open_store  # noqa: E402
from ui.app import configure  # noqa: E402


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


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
            from ui.main_window import MainWindow
            from ui.pages.projects import ProjectsPage

            settings.set_office_code(store, "XVL-HRA")
            demo.load_demo(store)
            window = MainWindow(store)
            window.show()
            window.resize(QSize(1440, 1250))
            index = next(i for i in range(window.navigation.count()) if window.navigation.item(i).text() == "Projects")
            window.show_page(index)
            settle(app)
            page = window.stack.currentWidget()
            assert isinstance(page, ProjectsPage)
            code = "XVL-2024-03"
            page._select(next(p.uid for p in page.model._rows if p.code == code))
            settle(app)
            window.grab().save(str(args.out / "projects.png"))
            page.tabs.setCurrentIndex(1)
            settle(app)
            window.grab().save(str(args.out / "coverage.png"))
            page.tabs.setCurrentIndex(2)
            settle(app)
            window.grab().save(str(args.out / "timeline.png"))
            window.close()
        finally:
            store.close()
    for name in ("projects.png", "coverage.png", "timeline.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
