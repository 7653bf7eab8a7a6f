"""Screenshots of the desktop app for the docs, made offscreen from a throw-away store with the demo data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Writes main-window.png (home page of the demo country, 1280x800) and first-start.png (the office code
dialog with an invalid code typed, so the inline message shows). Neither the user's data folder nor
their Qt settings are touched.
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
            from ui.dialogs.first_start import OfficeCodeDialog

            dialog = OfficeCodeDialog(store)
            dialog.show()
            dialog.code.setText("XVL HRA")
            settle(app)
            dialog.adjustSize()
            settle(app)
            dialog.grab().save(str(args.out / "first-start.png"))
            dialog.close()

            settings.set_office_code(store, "XVL-HRA")
            demo.load_demo(store)
            from ui.main_window import MainWindow

            window = MainWindow(store)
            window.show()
            window.resize(QSize(1280, 800))
            settle(app)
            window.grab().save(str(args.out / "main-window.png"))
            window.close()
        finally:
            store.close()
    for name in ("main-window.png", "first-start.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
