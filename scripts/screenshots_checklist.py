"""Screenshots of the CCA checklist page, made offscreen from a throw-away store with the demo data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_checklist.py [--out docs/screenshots]

Writes checklist.png (the demo country mid-assessment, an item with evidence and links selected) and
checklist-gaps.png (the Gaps tab).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSize
from shots import demo_window, output_folder, settle

from tcdesk.services import checklist


def main() -> int:
    out = output_folder(__doc__.splitlines()[0])
    with demo_window("checklist", QSize(1440, 900)) as (app, store, window, page):
        given = checklist.answers(store, "XVL", page.template, page.version)
        code = next(c for c in page.model.codes() if c in given and given[c].links and given[c].evidence)
        page.go_to(code)
        settle(app)
        window.grab().save(str(out / "checklist.png"))
        page.tabs.setCurrentIndex(1)
        settle(app)
        window.grab().save(str(out / "checklist-gaps.png"))
    for name in ("checklist.png", "checklist-gaps.png"):
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
