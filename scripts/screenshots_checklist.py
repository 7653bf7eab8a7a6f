"""Screenshots of the CCA checklist page, made offscreen from a throw-away store with the demo data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_checklist.py [--out docs/screenshots]

Writes checklist.png (the demo country mid-assessment, an item with evidence and links selected) and
checklist-gaps.png (the Gaps tab). Neither the user's data folder nor their Qt settings are touched.
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
from tcdesk.services import checklist, demo, settings  # noqa: E402
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
            settings.set_office_code(store, "XVL-HRA")
            demo.load_demo(store)
            from ui.main_window import MainWindow
            from ui.pages.checklist import ChecklistPage

            window = MainWindow(store)
            window.show()
            window.resize(QSize(1440, 900))
            window.show_page(3)
            page = window.stack.currentWidget()
            assert isinstance(page, ChecklistPage)
            settle(app)
            given = checklist.answers(store, "XVL", page.template, page.version)
            code = next(c for c in page.model.codes() if c in given and given[c].links and given[c].evidence)
            page.go_to(code)
            settle(app)
            window.grab().save(str(args.out / "checklist.png"))
            page.tabs.setCurrentIndex(1)
            settle(app)
            window.grab().save(str(args.out / "checklist-gaps.png"))
            window.close()
        finally:
            store.close()
    for name in ("checklist.png", "checklist-gaps.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
