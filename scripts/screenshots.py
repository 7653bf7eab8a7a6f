"""Screenshots of the desktop app for the docs, made offscreen from a throw-away store with the demo data.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Writes main-window.png (home page of the demo country, 1280x800) and first-start.png (the office code
dialog with an invalid code typed, so the inline message shows), then the exchange with HQ played out
between two throw-away stores (``exchange_story``): import-preview.png (the preview of an HQ update that
updates some records and conflicts with one), conflicts.png (that conflict side by side, one field
ticked to take from HQ) and exchange-log.png (the Exchange page scrolled to its log); last
recommendations.png (a search with highlights, a facet chosen, a record in the detail pane). Neither the
user's data folder nor their Qt settings are touched.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QScrollArea
from shots import REPO, settle, wait_until

from tcdesk.paths import DataDir
from tcdesk.services import demo, settings
from tcdesk.store.db import open_store
from ui.app import configure


def exchange_story(folder: Path) -> tuple[object, Path]:
    """Two stores, HQ and the field office XVL-HRA, after a first round of exchange; returns the field
    store and HQ's second update, which brings one new record, a few updates and one conflict.

    HQ's content is the demo country, imported at HQ as ordinary records so that HQ exports it like any
    other; every step goes through the services, exactly as the app and the command line would.
    """
    from importlib.resources import as_file

    from tcdesk.services import exchange, records, trust
    from tcdesk.services.startup import open_app_store

    hq = open_app_store(DataDir(folder / "hq"))
    settings.set_office_code(hq, "HQ")
    field = open_app_store(DataDir(folder / "field"))
    settings.set_office_code(field, "XVL-HRA")
    with as_file(demo.demo_package_path()) as path:
        exchange.import_package(hq, Path(path), allow_untrusted=True)
    for store, other, name in ((hq, field, "hq.pub"), (field, hq, "xvl-hra.pub")):
        trust.create_office_key(store)
        trust.export_office_key(store, folder / name)
        trust.trust_key_file(other, folder / name)

    exchange.export_package(hq, folder / "tcdesk-HQ-1.xlsx")
    exchange.import_package(field, folder / "tcdesk-HQ-1.xlsx")
    keys = [demo.demo_uid(r["key"]) for r in demo.read_demo_data()["recommendations"]]
    first, second = keys[0], keys[1]
    records.update(field, "recommendations", first, {"implementation_status": "in progress"})
    records.update(field, "recommendations", second, {"implementation_status": "partially implemented"})
    exchange.export_package(field, folder / "tcdesk-XVL-HRA-1.xlsx")
    exchange.import_package(hq, folder / "tcdesk-XVL-HRA-1.xlsx")

    records.update(
        field,
        "recommendations",
        first,
        {"notes": "Draft bill discussed with the Ministry of Justice on 3 November; second reading due in January."},
    )
    records.update(
        hq,
        "recommendations",
        first,
        {
            "implementation_status": "partially implemented",
            "notes": "Bill adopted at first reading on 28 October (parliamentary record 2026/114).",
        },
    )
    changed = [u for u in keys[2:] if records.get(hq, "recommendations", u)["implementation_status"] != "in progress"]
    for uid in changed[:3]:
        records.update(hq, "recommendations", uid, {"implementation_status": "in progress"})
    records.create(
        hq,
        "recommendations",
        {
            "country": "XVL",
            "mechanism": "TB",
            "body": "CEDAW",
            "document": "CEDAW/C/XVL/CO/8",
            "paragraph": "12",
            "text": "Adopt a comprehensive anti-discrimination law covering multiple and intersecting forms.",
        },
    )
    update = folder / "tcdesk-HQ-2.xlsx"
    exchange.export_package(hq, update)
    hq.close()
    return field, update


def exchange_shots(app: QApplication, folder: Path, out: Path) -> None:
    from ui.main_window import MainWindow

    field, update = exchange_story(folder / "exchange")
    QFileDialog.getOpenFileName = staticmethod(lambda *_a, **_k: (str(update), ""))  # type: ignore[method-assign]
    try:
        window = MainWindow(field)
        window.show()
        window.resize(QSize(1280, 800))
        window.show_page(5)
        page = window.stack.currentWidget()
        settle(app)
        page.import_button.click()
        wait_until(app, lambda: page.flows.preview_dialog is not None and page.flows.preview_dialog.isVisible())
        preview = page.flows.preview_dialog
        settle(app)
        preview.grab().save(str(out / "import-preview.png"))

        preview.import_button.click()
        wait_until(app, lambda: "Imported" in page.result.text.text() and not page.flows.busy)
        settle(app)
        page.conflicts_button.click()
        wait_until(app, lambda: page.flows.conflicts_dialog is not None and page.flows.conflicts_dialog.isVisible())
        dialog = page.flows.conflicts_dialog
        dialog.select(0)
        fields = dialog.fields_model
        take = fields.index(fields.row_of("implementation_status"), fields.COL_TAKE)
        fields.setData(take, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)  # one field ticked
        settle(app)
        dialog.grab().save(str(out / "conflicts.png"))
        dialog.close()
        settle(app)
        page.findChild(QScrollArea, "pageScroll").ensureWidgetVisible(page.log.detail, 0, 0)
        settle(app)
        window.grab().save(str(out / "exchange-log.png"))
        window.close()
    finally:
        field.close()


def recommendations_shot(app: QApplication, folder: Path, out: Path) -> None:
    """recommendations.png: the demo country searched for "justice" (matches highlighted), one theme
    chosen in the facets and a row selected, its record in the detail pane."""
    from ui.main_window import MainWindow

    store = open_store(DataDir(folder / "recommendations"))
    try:
        settings.set_office_code(store, "XVL-HRA")
        demo.load_demo(store)
        window = MainWindow(store)
        window.show()
        window.resize(QSize(1440, 900))  # three panes: a common laptop screen rather than the minimum
        window.show_page(1)
        page = window.stack.currentWidget()
        settle(app)
        page.search.setText("justice")
        page.apply_filter()
        page.facets.choose("theme", ("Administration of justice & fair trial",))
        page.set_visible_columns(["document", "paragraph", "text", "themes", "implementation_status"])
        header = page.table.horizontalHeader()
        header.moveSection(header.visualIndex(page.model.column_of("themes")), 3)  # as a user would drag it
        header.resizeSection(page.model.column_of("text"), 280)
        settle(app)
        row = next(r for r in range(page.model.rowCount()) if "access to justice" in page.model.record(r)["text"])
        page.table.selectRow(row)
        settle(app)
        window.grab().save(str(out / "recommendations.png"))
        window.close()
    finally:
        store.close()


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
        exchange_shots(app, Path(tmp), args.out)
        recommendations_shot(app, Path(tmp), args.out)
    names = ("main-window.png", "first-start.png", "import-preview.png", "conflicts.png", "exchange-log.png")
    for name in (*names, "recommendations.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
