"""Screenshots of the Recommendations and Clusters pages on real UPR Info data (not the fictional demo).

    .venv/bin/python bench/store_bench.py --rows 100000 --keep /tmp/upr-store --skip-gui
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_real_data.py /tmp/upr-store

Uses a copy of the store, so the one given is not changed. Writes recommendations-real.png (the busiest
country, a search, a record selected) and clusters-real.png.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication
from shots import REPO, settle

from tcdesk.paths import DataDir
from tcdesk.store.db import open_store
from ui.app import configure


def main() -> int:
    source = Path(sys.argv[1])
    out = REPO / "docs" / "screenshots"
    app = QApplication(sys.argv[:1])
    configure(app)
    with tempfile.TemporaryDirectory(prefix="tcdesk-shots-") as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # never the user's saved layout
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        shutil.copytree(source, Path(tmp) / "data")
        store = open_store(DataDir(Path(tmp) / "data"))
        try:
            from ui.main_window import MainWindow
            from ui.navigation import PAGES

            window = MainWindow(store)
            window.show()
            window.resize(QSize(1440, 900))
            window.show_page(next(i for i, spec in enumerate(PAGES) if spec.key == "recommendations"))
            page = window.stack.currentWidget()
            settle(app)
            page.search.setText("torture")
            settle(app, 1.5)
            page.table.selectRow(2)
            settle(app, 0.5)
            window.grab().save(str(out / "recommendations-real.png"))
            window.show_page(next(i for i, spec in enumerate(PAGES) if spec.key == "clusters"))
            clusters = window.stack.currentWidget()
            settle(app)
            clusters.select_cluster(clusters.cluster_model.cluster(0).uid)
            settle(app, 0.5)
            window.grab().save(str(out / "clusters-real.png"))
            window.close()
        finally:
            store.close()
    print(out / "recommendations-real.png", out / "clusters-real.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
