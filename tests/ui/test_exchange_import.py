"""Importing a package from the Exchange page, as a user would: file → preview → Import → result.

Packages are written by the tests' independent writer (tests/sync/packages.py). Only the file dialog is
replaced (it is Qt's, not what is under test); every button and check box is clicked.
"""

from __future__ import annotations

import re
import threading

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from tcdesk.services import exchange, records
from tcdesk.services.records import RecordNotFound
from tests.sync.packages import Signer, rec_row, sheet_of, write_package
from ui.models import exchange_log as log_columns

pytestmark = pytest.mark.gui
WAIT_MS = 15_000


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot, box) -> None:
    """Click a check box on its box (a stretched check box has empty space at its centre)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


@pytest.fixture
def choose_file(monkeypatch):
    """The open-file dialog answers with ``path``."""

    def choose(path) -> None:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))

    return choose


@pytest.fixture
def exchange_page(qtbot, make_window):
    def open_page(store):
        window = make_window(store)
        window.show_page(5)
        page = window.stack.currentWidget()
        assert type(page).__name__ == "ExchangePage"
        return window, page

    return open_page


def preview(qtbot, page, choose_file, path):
    choose_file(path)
    click(qtbot, page.import_button)
    qtbot.waitUntil(
        lambda: page.flows.preview_dialog is not None and page.flows.preview_dialog.isVisible(), timeout=WAIT_MS
    )
    return page.flows.preview_dialog


def result_text(page) -> str:
    return page.result.text.text()


def wait_for_result(qtbot, page, fragment: str) -> None:
    qtbot.waitUntil(lambda: fragment in result_text(page) and not page.flows.busy, timeout=WAIT_MS)


def test_a_trusted_package_is_previewed_then_imported_and_the_status_bar_follows(
    qtbot, exchange_page, choose_file, field, hq_signer, tmp_path
):
    # Two local changes go to HQ in a field return; HQ's update acknowledges it and brings two records.
    records.create(field, "countries", {"iso3": "KEN", "name": "Kenya"})
    records.create(field, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": "Adopt a law"})
    sent = exchange.export_package(field, tmp_path / "return.xlsx")
    first, second = pytest.uid(), pytest.uid()
    path = tmp_path / "hq-update-4.xlsx"
    write_package(
        path,
        {"recommendations": sheet_of([rec_row(first, text="Ratify OP-CAT"), rec_row(second, text="Abolish")])},
        signer=hq_signer,
        sequence=4,
        manifest={"acknowledges": sent.package_id},
    )
    window, page = exchange_page(field)
    assert window.status.changes.property("count") == 2
    assert page.pending.number.text() == "2"

    dialog = preview(qtbot, page, choose_file, path)
    assert dialog.origin.text() == "HQ"
    assert dialog.kind.text() == "HQ update"
    assert dialog.sequence.text() == "4"
    assert dialog.package_id.text() and dialog.package_id.text() != "—"
    assert dialog.verdict.tone == "good" and "HQ Geneva 2026" in dialog.verdict.text.text()
    assert "HQ Geneva 2026" in dialog.signer.text() and "trusted" in dialog.signer.text()
    model = dialog.counts_model
    assert model.headerData(model.column_of("inserted"), Qt.Orientation.Horizontal) == "New"
    row = model.sheets().index("recommendations")
    assert model.data(model.index(row, model.column_of("inserted"))) == "2"
    assert not dialog.allow.isVisible() and dialog.import_button.isEnabled()
    assert records_absent(field, first)  # a preview writes nothing

    click(qtbot, dialog.import_button)
    wait_for_result(qtbot, page, "Imported")
    assert "2 new" in result_text(page) and page.result.tone == "good"
    assert records.get(field, "recommendations", first)["text"] == "Ratify OP-CAT"
    qtbot.waitUntil(lambda: window.status.changes.property("count") == 0)  # HQ acknowledged the return
    assert window.status.changes.text() == "0 changes to send"
    qtbot.waitUntil(lambda: page.pending.number.text() == "0")
    assert "HQ update from HQ, no. 4" in page.last_import.caption.text()
    assert page.log.model.rowCount() == 2


def records_absent(store, uid) -> bool:
    try:
        records.get(store, "recommendations", uid)
    except RecordNotFound:
        return True
    return False


@pytest.mark.parametrize(
    ("signer", "warning"),
    [(None, "Not signed"), (Signer("Somebody's laptop"), "does not trust")],
    ids=["unsigned", "untrusted"],
)
def test_an_unsigned_or_untrusted_package_needs_the_tick_and_the_log_says_it_was_allowed(
    qtbot, exchange_page, choose_file, field, tmp_path, signer, warning
):
    uid = pytest.uid()
    path = tmp_path / "from-a-stranger.xlsx"
    write_package(path, {"recommendations": sheet_of([rec_row(uid)])}, signer=signer)
    _window, page = exchange_page(field)
    dialog = preview(qtbot, page, choose_file, path)
    assert dialog.verdict.tone == "warning" and warning in dialog.verdict.text.text()
    assert dialog.allow.isVisible() and not dialog.allow.isChecked()
    assert not dialog.import_button.isEnabled()

    tick(qtbot, dialog.allow)
    assert dialog.allow.isChecked() and dialog.import_button.isEnabled()
    tick(qtbot, dialog.allow)  # and off again
    assert not dialog.import_button.isEnabled()
    tick(qtbot, dialog.allow)
    click(qtbot, dialog.import_button)
    wait_for_result(qtbot, page, "Imported")
    assert records.get(field, "recommendations", uid)["text"] == "Ratify the Convention"
    entry = exchange.exchange_log(field)[0]
    assert entry.allowed_untrusted is True and entry.trusted is False
    log = page.log.model
    qtbot.waitUntil(lambda: log.rowCount() == 1)
    assert log.data(log.index(0, log_columns.COL_ALLOWED)) == "Allowed once"
    assert "allowed for this import only" in page.log.detail_facts.text()


def test_a_refused_package_lists_every_problem_and_offers_no_import(
    qtbot, exchange_page, choose_file, field, hq_signer, tmp_path
):
    rows = [rec_row(pytest.uid()) for _ in range(5)]
    rows[1]["response"] = "acepted"
    rows[2]["issued_on"] = "2024-13-01"
    rows[4]["sdg_targets"] = "5.1\n19.2"
    path = tmp_path / "bad.xlsx"
    write_package(path, {"recommendations": sheet_of(rows)}, signer=hq_signer)
    _window, page = exchange_page(field)
    dialog = preview(qtbot, page, choose_file, path)
    assert dialog.verdict.tone == "bad" and "cannot be imported" in dialog.verdict.text.text()
    assert "3 problems found" in dialog.verdict.text.text()
    lines = dialog.problems.toPlainText().splitlines()
    assert len(lines) == 3
    assert all(re.match(r"^recommendations!\d+ [a-z_]+: ", line) for line in lines), lines
    assert "recommendations!3 response: 'acepted' is not one of supported, noted" in lines
    assert dialog.problems.isReadOnly() and dialog.problems.isVisible()
    assert dialog.problems_caption.text() == "Problems found: 3"
    assert not dialog.import_button.isVisible() and not dialog.allow.isVisible()
    assert not dialog.counts_view.isVisible()

    click(qtbot, dialog.copy_button)
    copied = QApplication.clipboard().text()
    assert all(line in copied for line in lines) and "bad.xlsx was refused" in copied
    click(qtbot, dialog.close_button)
    qtbot.waitUntil(lambda: page.flows.preview_dialog is None)
    assert exchange.exchange_log(field) == []


def test_a_file_that_is_not_a_package_is_refused_with_its_reason(qtbot, exchange_page, choose_file, field, tmp_path):
    path = tmp_path / "minutes.xlsx"
    path.write_bytes(b"Minutes of the meeting with the Ministry of Justice")
    _window, page = exchange_page(field)
    dialog = preview(qtbot, page, choose_file, path)
    assert dialog.verdict.tone == "bad" and "minutes.xlsx" in dialog.verdict.text.text()
    assert not dialog.import_button.isVisible() and not dialog.problems.isVisible()


def test_a_package_imported_before_says_so_plainly(qtbot, exchange_page, choose_file, field, hq_signer, tmp_path):
    path = tmp_path / "u.xlsx"
    write_package(path, {"recommendations": sheet_of([rec_row(pytest.uid())])}, signer=hq_signer)
    assert exchange.import_package(field, path).applied
    _window, page = exchange_page(field)
    dialog = preview(qtbot, page, choose_file, path)
    assert dialog.verdict.tone == "info" and "Already imported" in dialog.verdict.text.text()
    assert "would change nothing" in dialog.verdict.text.text()
    assert not dialog.import_button.isVisible()


def test_cancelling_an_import_while_it_applies_leaves_the_store_unchanged(
    qtbot, exchange_page, choose_file, field, hq_signer, tmp_path, monkeypatch
):
    sent_before = exchange.export_package(field, tmp_path / "return.xlsx")  # something for HQ to acknowledge
    uids = [pytest.uid() for _ in range(3)]
    path = tmp_path / "u.xlsx"
    write_package(
        path,
        {"recommendations": sheet_of([rec_row(u) for u in uids])},
        signer=hq_signer,
        manifest={"acknowledges": sent_before.package_id},
    )
    # The import pauses right after it reports "applying", until the test has clicked Cancel: the real
    # service then meets the cancellation at its first check inside the transaction.
    applying, release = threading.Event(), threading.Event()
    real_import = exchange.import_package

    def paused_import(store, chosen, *, progress, cancelled, **kwargs):
        def report(fraction, message):
            progress(fraction, message)
            if message == "applying":
                applying.set()
                release.wait(WAIT_MS / 1000)

        return real_import(store, chosen, progress=report, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(exchange, "import_package", paused_import)
    log_before = exchange.exchange_log(field)
    _window, page = exchange_page(field)
    dialog = preview(qtbot, page, choose_file, path)
    click(qtbot, dialog.import_button)
    try:
        operation = page.flows.operation
        progress = operation.dialog
        qtbot.waitUntil(
            lambda: progress.isVisible() and progress.message.text() == "Applying the changes…", timeout=WAIT_MS
        )
        assert applying.is_set()
        assert not page.import_button.isEnabled()  # one operation at a time
        click(qtbot, progress.cancel_button)
        assert progress.message.text() == "Cancelling…"
    finally:
        release.set()
    wait_for_result(qtbot, page, "Import cancelled")
    assert "nothing was applied" in result_text(page)
    assert not shiboken6.isValid(progress) or not progress.isVisible()
    assert all(records_absent(field, uid) for uid in uids)
    after = exchange.exchange_log(field)
    assert [(e.package_id, e.acknowledged) for e in after] == [(e.package_id, e.acknowledged) for e in log_before]
    assert page.import_button.isEnabled()
