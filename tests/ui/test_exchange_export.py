"""Exporting from the Exchange page: what goes out is shown first, the file is written, the log lists it.

The written package is read back with the project's own preview into a second store (HQ's), so the
summary the page shows is checked against the file itself.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from tcdesk.paths import DataDir
from tcdesk.services import exchange, records, settings, trust
from tcdesk.store.db import open_store
from tcdesk.sync.errors import PackageRefused
from tests.sync.packages import rec_row, sheet_of, write_package
from ui.models import exchange_log as log_columns

pytestmark = pytest.mark.gui
WAIT_MS = 15_000


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot, box) -> None:
    """Click a check box on its box (a stretched check box has empty space at its centre)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


@pytest.fixture
def save_as(monkeypatch):
    """The save-file dialog answers with ``path``; the name it suggested is kept in ``suggested``."""
    suggested: list[str] = []

    def choose(path) -> list[str]:
        def answer(_parent, _title, name, _filter):
            suggested.append(name)
            return str(path), ""

        monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
        return suggested

    return choose


@pytest.fixture
def hq(tmp_path):
    store = open_store(DataDir(tmp_path / "hq"))
    settings.set_office_code(store, "HQ")
    yield store
    store.close()


def open_exchange(make_window, store):
    window = make_window(store)
    window.show_page(5)
    return window, window.stack.currentWidget()


def open_export_dialog(qtbot, page):
    click(qtbot, page.export_button)
    qtbot.waitUntil(lambda: page.flows.export_dialog is not None and page.flows.export_dialog.isVisible())
    return page.flows.export_dialog


def kenya(store) -> list[str]:
    records.create(store, "countries", {"iso3": "KEN", "name": "Kenya"})
    return [
        records.create(store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": text})
        for text in ("Adopt a law on torture", "Ratify OP-CAT")
    ]


def test_export_shows_what_goes_out_then_writes_a_signed_package_that_reads_back(
    qtbot, make_window, office_store, hq, save_as, tmp_path
):
    kenya(office_store)
    key = trust.create_office_key(office_store)
    trust.export_office_key(office_store, tmp_path / "ken.pub")
    trust.trust_key_file(hq, tmp_path / "ken.pub")
    path = tmp_path / "out" / "return.xlsx"
    path.parent.mkdir()
    suggested = save_as(path)
    _window, page = open_exchange(make_window, office_store)

    dialog = open_export_dialog(qtbot, page)
    assert dialog.kind.text() == "Field return, to HQ"
    assert dialog.office_label.text() == "KEN-HRA"
    assert key.key_id in dialog.signature.text() and "Signed" in dialog.signature.text()
    assert dialog.changes.text().startswith("3 records")
    assert not dialog.problem.isVisible() and dialog.export_button.isEnabled()
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: "Package written" in page.result.text.text() and not page.flows.busy, timeout=WAIT_MS)
    today = QDate.currentDate().toString("yyyy-MM-dd")
    assert suggested[0].endswith(f"tcdesk-KEN-HRA-{today}.xlsx")
    assert path.exists()

    outcome = exchange.preview_package(hq, path)
    assert not outcome.refused, outcome.report()
    shown = page.result.text.text()
    assert outcome.package_id in shown and "Field return no. 1" in shown
    assert outcome.kind == "field-return" and outcome.origin == "KEN-HRA" and outcome.trust == "trusted"
    assert outcome.counts["recommendations"]["inserted"] == 2 and "Recommendations 2" in shown
    assert outcome.counts["countries"]["inserted"] == 1 and "Countries 1" in shown
    assert "Signed with this office's key" in shown

    log = page.log.model
    qtbot.waitUntil(lambda: log.rowCount() == 1)
    assert log.data(log.index(0, log_columns.COL_DIRECTION)) == "Export"
    assert log.data(log.index(0, log_columns.COL_FILE)) == "return.xlsx"
    assert log.data(log.index(0, log_columns.COL_RECORDS)) == "3 records"
    assert page.last_export.number.text() == today or page.last_export.number.text().count("-") == 2
    assert "not yet acknowledged" in page.last_export.caption.text()


def test_without_a_key_the_dialog_says_how_to_sign_and_full_export_carries_everything(
    qtbot, make_window, office_store, hq, save_as, tmp_path
):
    kenya(office_store)
    exchange.export_package(office_store, tmp_path / "first.xlsx")  # everything sent once already
    path = tmp_path / "again"  # no extension typed: .xlsx is added
    save_as(path)
    _window, page = open_exchange(make_window, office_store)
    dialog = open_export_dialog(qtbot, page)
    assert "Not signed" in dialog.signature.text() and "Settings → Trusted keys" in dialog.signature.text()
    assert dialog.changes.text().startswith("3 records")  # HQ has not acknowledged the first return
    tick(qtbot, dialog.full)
    assert dialog.full_export and dialog.changes.text().startswith("Every record")
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: "Package written" in page.result.text.text() and not page.flows.busy, timeout=WAIT_MS)
    written = tmp_path / "again.xlsx"
    assert written.exists()
    assert "Not signed" in page.result.text.text()
    outcome = exchange.preview_package(hq, written)
    assert outcome.trust == "unsigned" and outcome.sequence == 2
    assert outcome.counts["recommendations"]["inserted"] == 2


def test_without_an_office_code_nothing_can_be_exported(qtbot, make_window, store):
    _window, page = open_exchange(make_window, store)
    dialog = open_export_dialog(qtbot, page)
    assert dialog.problem.isVisible() and "no office code" in dialog.problem.text.text()
    assert not dialog.export_button.isEnabled()
    assert "No office code yet" in page.subheading.text()


def test_a_refused_export_is_explained(qtbot, make_window, office_store, save_as, tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PackageRefused("the folder is on a read-only USB stick")

    monkeypatch.setattr(exchange, "export_package", refuse)
    save_as(tmp_path / "x.xlsx")
    _window, page = open_exchange(make_window, office_store)
    dialog = open_export_dialog(qtbot, page)
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: "Not exported" in page.result.text.text(), timeout=WAIT_MS)
    assert "read-only USB stick" in page.result.text.text() and page.result.tone == "bad"


def test_the_log_lists_imports_and_exports_with_their_detail(qtbot, make_window, field, hq_signer, tmp_path):
    kenya(field)
    exchange.export_package(field, tmp_path / "return.xlsx")
    path = tmp_path / "hq.xlsx"
    write_package(path, {"recommendations": sheet_of([rec_row(pytest.uid())])}, signer=hq_signer, sequence=7)
    exchange.import_package(field, path)
    _window, page = open_exchange(make_window, field)
    log = page.log.model
    assert log.rowCount() == 2
    shown = [
        [
            page.log.proxy.index(r, c).data()
            for c in (log_columns.COL_DIRECTION, log_columns.COL_KIND, log_columns.COL_ORIGIN)
        ]
        for r in range(2)
    ]
    assert shown == [["Import", "HQ update", "HQ"], ["Export", "Field return", "KEN-HRA"]]  # newest first
    first = page.log.proxy.index(0, log_columns.COL_SIGNATURE).data()
    assert first == "HQ Geneva 2026"
    assert page.log.proxy.index(0, log_columns.COL_RECORDS).data() == "1 new"
    assert page.log.proxy.index(0, log_columns.COL_SEQUENCE).data() == "7"
    assert "Imported: hq.xlsx" in page.log.detail_title.text()
    assert page.log.counts.count("recommendations", "inserted") == 1

    page.log.select(1)
    assert "Exported: return.xlsx" in page.log.detail_title.text()
    assert page.log.counts.outcomes() == ["exported"]
    assert page.log.counts.count("recommendations", "exported") == 2
    assert "Not yet acknowledged by HQ" in page.log.detail_facts.text()
