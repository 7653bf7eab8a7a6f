"""The first-start dialog: OK only for a valid office code, an inline reason otherwise, the code saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tcdesk.services import settings
from ui.dialogs.first_start import OfficeCodeDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, store):
    shown = OfficeCodeDialog(store)
    qtbot.addWidget(shown)
    with qtbot.waitExposed(shown):
        shown.show()
    return shown


def test_ok_is_disabled_until_a_code_is_typed(dialog):
    assert dialog.code.text() == ""
    assert not dialog.ok_button.isEnabled()
    assert not dialog.message.isVisible()  # nothing typed: no scolding yet


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("K", "Too short"), ("KEN HRA", "' '"), ("KEN_HRA", "'_'"), ("KÉN", "'É'"), ("A" * 33, None)],
)
def test_an_invalid_code_keeps_ok_disabled_and_says_why(qtbot, dialog, typed, reason):
    qtbot.keyClicks(dialog.code, typed)
    assert not dialog.ok_button.isEnabled() or len(typed) > 32
    if reason is None:  # the field itself stops at 32 characters, which is a valid code
        assert dialog.code.text() == "A" * 32
        assert dialog.ok_button.isEnabled()
        return
    assert dialog.message.isVisible()
    assert reason in dialog.message.text()


def test_typing_is_upper_cased(qtbot, dialog):
    qtbot.keyClicks(dialog.code, "ken-hra")
    assert dialog.code.text() == "KEN-HRA"
    assert dialog.ok_button.isEnabled()
    assert not dialog.message.isVisible()


def test_a_valid_code_is_saved_on_ok(qtbot, dialog, store):
    qtbot.keyClicks(dialog.code, "x")
    assert not dialog.ok_button.isEnabled()
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "ben-hra")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert settings.office_code(store) == "BEN-HRA"


def test_quit_leaves_the_store_without_an_office(qtbot, dialog, store):
    qtbot.keyClicks(dialog.code, "HQ")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert settings.office_code(store) == ""


def test_the_dialog_explains_the_format_with_examples(dialog):
    from PySide6.QtWidgets import QLabel

    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "KEN-HRA" in texts
    assert "HQ" in texts
