"""Screenshots of the Projects page, made offscreen from a throw-away store with the demo data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_projects.py [--out docs/screenshots]

Writes projects.png (portfolio and form), coverage.png (coverage, gaps, funding) and timeline.png.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSize
from shots import demo_window, output_folder, settle


def main() -> int:
    out = output_folder(__doc__.splitlines()[0])
    with demo_window("projects", QSize(1440, 1250)) as (app, _store, window, page):
        page._select(next(p.uid for p in page.model._rows if p.code == "XVL-2024-03"))
        settle(app)
        window.grab().save(str(out / "projects.png"))
        for tab, name in ((1, "coverage.png"), (2, "timeline.png")):
            page.tabs.setCurrentIndex(tab)
            settle(app)
            window.grab().save(str(out / name))
    for name in ("projects.png", "coverage.png", "timeline.png"):
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
