"""Settings → Trusted keys: trust HQ's key file, refuse a file that is not a key, remove a key after a
confirmation, create this office's signing key and export its public half."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tcdesk.services import trust
from tests.sync.packages import Signer
from ui.models import trusted_keys as columns

pytestmark = pytest.mark.gui


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def keys_card(qtbot, make_window):
    def open_card(store):
        window = make_window(store)
        window.settings_action.trigger()
        page = window.stack.currentWidget()
        assert type(page).__name__ == "SettingsPage"
        return page.keys

    return open_card


@pytest.fixture
def answer_files(monkeypatch):
    def answer(path) -> None:
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))

    return answer


def shown_keys(card) -> list[tuple[str, str, str]]:
    model = card.model
    return [
        tuple(model.index(r, c).data() for c in (columns.COL_LABEL, columns.COL_KEY_ID, columns.COL_OWN))
        for r in range(model.rowCount())
    ]


def test_trusting_hq_key_file_lists_it_with_id_and_label(qtbot, keys_card, office_store, answer_files, tmp_path):
    hq = Signer("HQ Geneva 2026")
    (tmp_path / "hq.pub").write_text(hq.public_line(), encoding="utf-8")
    answer_files(tmp_path / "hq.pub")
    card = keys_card(office_store)
    assert shown_keys(card) == [] and card.empty.isVisible()
    click(qtbot, card.trust_button)
    assert shown_keys(card) == [("HQ Geneva 2026", hq.key_id, "")]
    assert card.message.tone == "good" and hq.key_id in card.message.text.text()
    assert [k.key_id for k in trust.trusted_keys(office_store)] == [hq.key_id]
    click(qtbot, card.trust_button)  # the same file again
    assert card.message.tone == "info" and "already trusted" in card.message.text.text()
    assert len(shown_keys(card)) == 1


def test_a_file_that_is_not_a_key_is_refused_plainly(qtbot, keys_card, office_store, answer_files, tmp_path):
    (tmp_path / "notes.txt").write_text("Meeting notes, not a key\n", encoding="utf-8")
    answer_files(tmp_path / "notes.txt")
    card = keys_card(office_store)
    click(qtbot, card.trust_button)
    text = card.message.text.text()
    assert card.message.tone == "bad" and card.message.isVisible()
    assert "Not trusted" in text and "is not a tcdesk public key" in text
    assert "&lt;base64&gt;" in text  # the expected form is shown, not swallowed as markup
    assert shown_keys(card) == [] and trust.trusted_keys(office_store) == []


def test_removing_a_key_asks_first(qtbot, keys_card, office_store, answer_files, tmp_path):
    hq = Signer("HQ Geneva 2026")
    (tmp_path / "hq.pub").write_text(hq.public_line(), encoding="utf-8")
    trust.trust_key_file(office_store, tmp_path / "hq.pub")
    card = keys_card(office_store)
    assert not card.remove_button.isEnabled()
    card.table.selectRow(0)
    assert card.remove_button.isEnabled()

    click(qtbot, card.remove_button)
    qtbot.waitUntil(lambda: card.confirm is not None and card.confirm.isVisible())
    click(qtbot, card.confirm.button(QMessageBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: card.confirm is None)
    assert len(shown_keys(card)) == 1

    card.table.selectRow(0)
    click(qtbot, card.remove_button)
    qtbot.waitUntil(lambda: card.confirm is not None and card.confirm.isVisible())
    assert "HQ Geneva 2026" in card.confirm.text()
    click(qtbot, card.confirm.button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: shown_keys(card) == [])
    assert trust.trusted_keys(office_store) == []


def test_create_this_office_key_and_export_it(qtbot, keys_card, office_store, answer_files, tmp_path):
    card = keys_card(office_store)
    assert card.create_button.isVisible() and not card.export_button.isEnabled()
    assert "no signing key yet" in card.own_key.text()
    click(qtbot, card.create_button)
    own = trust.office_key(office_store)
    assert own is not None
    assert shown_keys(card) == [("KEN-HRA signing key", own.key_id, "This office")]
    assert not card.create_button.isVisible() and card.export_button.isEnabled()
    assert own.key_id in card.own_key.text()

    answer_files(tmp_path / "ken.pub")
    click(qtbot, card.export_button)
    line = (tmp_path / "ken.pub").read_text(encoding="utf-8")
    assert line.startswith("tcdesk-ed25519 ") and line.strip().endswith("KEN-HRA signing key")
    assert card.message.tone == "good" and own.key_id in card.message.text.text()


def test_without_an_office_code_no_key_is_created(qtbot, keys_card, store):
    card = keys_card(store)
    click(qtbot, card.create_button)
    assert card.message.tone == "bad" and "office code" in card.message.text.text()
    assert trust.office_key(store) is None
