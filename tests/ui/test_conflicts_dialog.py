"""Resolving conflicts from the Exchange page: both versions side by side, then keep mine, take theirs or
pick fields. Conflicts are made the real way: HQ's package, a local edit, HQ's newer package."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from tcdesk.services import conflicts, overview, records
from ui import style
from ui.models.conflicts import CHILDREN, ConflictFieldsModel

pytestmark = pytest.mark.gui


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_conflicts(qtbot, make_window, store):
    window = make_window(store)
    window.show_page(5)
    page = window.stack.currentWidget()
    assert page.conflicts.number.text() == "2"
    assert page.conflicts_button.isEnabled()
    click(qtbot, page.conflicts_button)
    qtbot.waitUntil(lambda: page.flows.conflicts_dialog is not None and page.flows.conflicts_dialog.isVisible())
    return window, page, page.flows.conflicts_dialog


def select_conflict(dialog, uid: str) -> None:
    model = dialog.list_model
    row = next(r for r in range(model.rowCount()) if model.view_at(r).uid == uid)
    dialog.select(row)


def test_mine_and_theirs_side_by_side_with_differing_fields_highlighted(qtbot, make_window, field, conflicted):
    _window, _page, dialog = open_conflicts(qtbot, make_window, field)
    assert dialog.list_model.rowCount() == 2
    select_conflict(dialog, conflicted.recommendation)
    fields: ConflictFieldsModel = dialog.fields_model
    assert fields.headerData(1, Qt.Orientation.Horizontal) == "This desk (revision 2)"
    assert fields.headerData(2, Qt.Orientation.Horizontal) == "HQ (revision 3)"
    text = fields.row_of("text")
    assert fields.index(text, 1).data() == "Ratify OP-CAT by 2027"
    assert fields.index(text, 2).data() == "Ratify OP-CAT and set up an NPM"
    assert set(fields.differing_keys()) == {"text", "notes", "implementation_status"}
    tint = QColor(style.DIFFERS_BACKGROUND)
    assert fields.index(text, 0).data(Qt.ItemDataRole.BackgroundRole) == tint
    same = fields.row_of("document")
    assert fields.index(same, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert fields.index(same, 3).data(Qt.ItemDataRole.CheckStateRole) is None  # nothing to choose
    assert fields.index(text, 3).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert "Ratify OP-CAT by 2027" in dialog.record.text()
    assert not dialog.apply_choices.isEnabled()


def test_keep_mine(qtbot, make_window, field, conflicted):
    _window, page, dialog = open_conflicts(qtbot, make_window, field)
    select_conflict(dialog, conflicted.recommendation)
    click(qtbot, dialog.keep_mine)
    row = records.get(field, "recommendations", conflicted.recommendation)
    assert (row["text"], row["notes"], row["implementation_status"]) == ("Ratify OP-CAT by 2027", "Ministry met", "")
    assert row["rev"] == "4"  # above both versions, to tell HQ the outcome
    assert dialog.list_model.rowCount() == 1 and "Kept this desk's version" in dialog.message.text.text()
    qtbot.waitUntil(lambda: page.conflicts.number.text() == "1")


def test_take_theirs_and_the_status_bar_follows(qtbot, make_window, field, conflicted):
    before = overview.pending_changes(field)
    window, _page, dialog = open_conflicts(qtbot, make_window, field)
    assert window.status.changes.property("count") == before
    select_conflict(dialog, conflicted.recommendation)
    click(qtbot, dialog.take_theirs)
    row = records.get(field, "recommendations", conflicted.recommendation)
    assert (row["text"], row["notes"], row["rev"]) == ("Ratify OP-CAT and set up an NPM", "", "3")
    assert [v.uid for v in conflicts.open_conflicts(field)] == [conflicted.cluster]
    # Their version is not a change of ours: one change fewer to send, and the status bar says so.
    qtbot.waitUntil(lambda: window.status.changes.property("count") == before - 1)


def test_apply_my_choices_takes_only_the_ticked_fields(qtbot, make_window, field, conflicted):
    _window, _page, dialog = open_conflicts(qtbot, make_window, field)
    select_conflict(dialog, conflicted.recommendation)
    view, fields = dialog.fields_view, dialog.fields_model
    index = fields.index(fields.row_of("text"), ConflictFieldsModel.COL_TAKE)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Space)  # ticks the "use theirs" box, as a user at the keyboard would
    assert fields.chosen() == ["text"]
    assert dialog.apply_choices.isEnabled()
    click(qtbot, dialog.apply_choices)
    row = records.get(field, "recommendations", conflicted.recommendation)
    assert (row["text"], row["notes"]) == ("Ratify OP-CAT and set up an NPM", "Ministry met")
    assert row["implementation_status"] == ""  # not ticked: mine
    assert "fields you ticked" in dialog.message.text.text()


def test_members_are_one_row_and_can_be_taken_from_them(qtbot, make_window, field, conflicted):
    _window, _page, dialog = open_conflicts(qtbot, make_window, field)
    select_conflict(dialog, conflicted.cluster)
    fields = dialog.fields_model
    members = fields.row_of(CHILDREN)
    assert fields.index(members, 0).data() == "Member recommendations"
    assert fields.index(members, 1).data() == "1 link"
    assert fields.index(members, 2).data().splitlines() == ["2 links", "1 not on this desk", "0 only on this desk"]
    assert fields.setData(fields.index(members, 3), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert fields.chosen() == [CHILDREN]
    click(qtbot, dialog.apply_choices)
    assert records.get(field, "clusters", conflicted.cluster)["title"] == "Justice and prisons"
    with field.session() as session:
        assert records.cluster_members(session, conflicted.cluster) == sorted(conflicted.members)
    assert dialog.list_model.rowCount() == 1
    assert "No open conflicts" not in dialog.record.text()
    click(qtbot, dialog.keep_mine)
    assert dialog.list_model.rowCount() == 0 and dialog.record.text() == "No open conflicts."
    assert not dialog.keep_mine.isEnabled() and not dialog.take_theirs.isEnabled()
