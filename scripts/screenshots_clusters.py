"""Screenshots of the Clusters page, made offscreen from a throw-away store with the demo data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_clusters.py [--out docs/screenshots]

Writes clusters.png (a cluster selected, its members, the recommendations to drag) and
cluster-suggestions.png (the suggestions dialog).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSize
from shots import demo_window, output_folder, settle, wait_until


def main() -> int:
    out = output_folder(__doc__.splitlines()[0])
    with demo_window("clusters", QSize(1440, 900)) as (app, _store, window, page):
        page.select_cluster(page.cluster_model.cluster(0).uid)
        settle(app)
        window.grab().save(str(out / "clusters.png"))
        page.suggest_button.click()
        wait_until(app, lambda: page.suggestions_dialog is not None and page.suggestions_dialog.isVisible())
        dialog = page.suggestions_dialog
        dialog.set_checked(0)
        dialog.resize(1100, 620)
        settle(app)
        dialog.grab().save(str(out / "cluster-suggestions.png"))
        dialog.reject()
    for name in ("clusters.png", "cluster-suggestions.png"):
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
