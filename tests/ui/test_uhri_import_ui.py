"""Importing a UHRI export from the Exchange page: sniffed, previewed, imported (usable rows only if need be)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from tcdesk.services import records
from tcdesk.services.records import RecordNotFound
from tests.uhri.exports import KENYA, UNUSABLE, uid_of, write_xlsx

WAIT_MS = 20_000


@pytest.fixture
def exchange_page(make_window):
    def open_page(store):
        window = make_window(store)
        window.show_page(5)
        page = window.stack.currentWidget()
        assert type(page).__name__ == "ExchangePage"
        return page

    return open_page


def choose(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))


def open_preview(qtbot, page):
    page.flows.import_package()
    qtbot.waitUntil(
        lambda: getattr(page.flows, "uhri_dialog", None) is not None and page.flows.uhri_dialog.isVisible(),
        timeout=WAIT_MS,
    )
    return page.flows.uhri_dialog


def stored(store, annotation) -> dict[str, str] | None:
    try:
        return records.get(store, "recommendations", uid_of(annotation.id, "KEN"))
    except (RecordNotFound, LookupError):
        try:
            return records.get(store, "recommendations", uid_of(annotation.id))
        except (RecordNotFound, LookupError):
            return None


def test_a_uhri_excel_export_is_previewed_then_imported(qtbot, exchange_page, office_store, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "uhri.xlsx", KENYA[:4])
    page = exchange_page(office_store)
    choose(monkeypatch, path)
    dialog = open_preview(qtbot, page)
    assert dialog.counts["new"].text() == "4"
    assert not dialog.usable_only.isVisible()
    assert dialog.import_button.isEnabled()
    assert all(stored(office_store, a) is None for a in KENYA[:4])  # a preview writes nothing
    dialog.import_button.click()
    qtbot.waitUntil(lambda: "Imported" in page.result.text.text() and not page.flows.busy, timeout=WAIT_MS)
    for annotation in KENYA[:4]:
        record = stored(office_store, annotation)
        assert record is not None and record["country"] == "KEN"


def test_unusable_rows_need_the_usable_only_choice(qtbot, exchange_page, office_store, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "uhri.xlsx", [*KENYA[:3], *UNUSABLE])
    page = exchange_page(office_store)
    choose(monkeypatch, path)
    dialog = open_preview(qtbot, page)
    assert dialog.counts["unusable"].text() == str(len(UNUSABLE))
    assert dialog.usable_only.isVisible() and dialog.problems.isVisible()
    assert dialog.problems.toPlainText()
    assert not dialog.import_button.isEnabled()
    dialog.usable_only.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: "Imported" in page.result.text.text() and not page.flows.busy, timeout=WAIT_MS)
    assert all(stored(office_store, a) is not None for a in KENYA[:3])


def test_cancelling_the_preview_imports_nothing(qtbot, exchange_page, office_store, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "uhri.xlsx", KENYA[:2])
    page = exchange_page(office_store)
    choose(monkeypatch, path)
    dialog = open_preview(qtbot, page)
    dialog.reject()
    qtbot.waitUntil(lambda: not page.flows.busy, timeout=WAIT_MS)
    assert all(stored(office_store, a) is None for a in KENYA[:2])
