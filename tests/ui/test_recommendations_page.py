"""The recommendations page driven as a user would: search, facets, sorting, scrolling, edits and undo.

Expected results are computed here independently (from the records, in Python) rather than with the
query service the page uses.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QMenu, QMessageBox
from sqlmodel import select

from tcdesk.services import demo, records, settings
from tcdesk.store.models import Recommendation
from tests.ui.recommendation_fixtures import insert_recommendations, synthetic_rows
from ui.context import AppContext
from ui.models.recommendation_table import COLUMNS, DEFAULT_VISIBLE, MIME_TYPE
from ui.pages.recommendations import RecommendationsPage

pytestmark = pytest.mark.gui
XVL = demo.DEMO_ISO3
WAIT = 5000


def all_recs(store, iso3=XVL) -> list[Recommendation]:
    with store.session() as session:
        return [r for r in session.exec(select(Recommendation)).all() if r.country == iso3 and not r.deleted]


def count_shown(page) -> tuple[int, int]:
    numbers = [
        int(n.replace(",", "").replace("\u00a0", "")) for n in re.findall(r"[\d,\u00a0]+", page.count_label.text())
    ]
    return numbers[0], numbers[1]


def shown_uids(page) -> list[str]:
    return [page.model.uid(row) for row in range(page.model.rowCount())]


@pytest.fixture
def make_page(qtbot):
    def make(store, country=XVL) -> RecommendationsPage:
        context = AppContext(store)
        context.reload_countries()
        context.set_country(country)
        page = RecommendationsPage(context)
        qtbot.addWidget(page)
        page.resize(1400, 850)
        with qtbot.waitExposed(page):
            page.show()
        return page

    return make


@pytest.fixture
def page(make_page, demo_store):
    return make_page(demo_store)


def click_row(qtbot, page, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    column = COLUMNS.index("document")
    page.table.scrollTo(page.model.index(row, column))
    rect = page.table.visualRect(page.model.index(row, column))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def click_facet(qtbot, page, facet: str, value: str) -> None:
    group = page.facets.groups[facet]
    if not group.expanded:
        qtbot.mouseClick(group.header, Qt.MouseButton.LeftButton)
    view = group.view
    index = group.model.index(group.model.row_of(value))
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def answer_status_dialog(qtbot, page, name: str) -> None:
    qtbot.waitUntil(lambda: page.findChild(QInputDialog, "bulkStatusDialog") is not None, timeout=WAIT)
    dialog = page.findChild(QInputDialog, "bulkStatusDialog")
    dialog.setTextValue(name)
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


# --- search, facets, sorting ---------------------------------------------------------------------


def test_page_lists_the_country_and_counts_it(page, demo_store):
    total = len(all_recs(demo_store))
    assert total == 214
    assert count_shown(page) == (214, 214)
    assert page.model.rowCount() == 214
    assert page.visible_columns() == list(DEFAULT_VISIBLE)
    assert not page.empty.isVisible()


def test_typing_a_word_filters_the_table_and_updates_the_count(qtbot, page, demo_store):
    searched = ("text", "themes", "affected_persons", "notes")
    expected = {
        r.uid for r in all_recs(demo_store) if any(re.search(r"\btortur", getattr(r, f), re.I) for f in searched)
    }
    assert 0 < len(expected) < 214
    qtbot.keyClicks(page.search, "torture")
    qtbot.waitUntil(lambda: count_shown(page) == (len(expected), 214), timeout=WAIT)
    assert set(shown_uids(page)) == expected
    # The matches are what the highlight delegate paints in the visible text cells.
    from ui.delegates import visible_spans

    row_text = page.model.record(0)["text"]
    if "tortur" in row_text.lower():
        spans = visible_spans(row_text, row_text, "torture")
        assert row_text[spans[0][0] : spans[0][1]].lower().startswith("tortur")
    qtbot.keyClicks(page.search, "qqzz")
    qtbot.waitUntil(lambda: page.empty.isVisible(), timeout=WAIT)
    assert "No recommendation matches" in page.empty.text()
    page.empty.linkActivated.emit("clear")
    assert page.search.text() == "" and count_shown(page) == (214, 214)


def test_checking_a_facet_narrows_rows_and_recounts_the_other_facets(qtbot, page, demo_store):
    recs = all_recs(demo_store)
    noted = [r for r in recs if r.response == "noted"]
    click_facet(qtbot, page, "response", "noted")
    qtbot.waitUntil(lambda: page.model.rowCount() == len(noted), timeout=WAIT)
    assert set(shown_uids(page)) == {r.uid for r in noted}
    assert count_shown(page) == (len(noted), 214)
    status = page.facets.models["status"]
    for value in status.values():
        assert status.count_of(value) == sum(r.implementation_status == value for r in noted)
    response = page.facets.models["response"]  # its own counts ignore its own choice
    assert response.count_of("supported") == sum(r.response == "supported" for r in recs)
    # A second facet narrows further (AND); "Clear" on the first widens again.
    theme = next(t for r in noted for t in r.themes.split("\n") if t)
    click_facet(qtbot, page, "theme", theme)
    both = [r for r in noted if theme in r.themes.split("\n")]
    qtbot.waitUntil(lambda: page.model.rowCount() == len(both), timeout=WAIT)
    qtbot.mouseClick(page.facets.groups["response"].clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == sum(theme in r.themes.split("\n") for r in recs), timeout=WAIT)
    qtbot.mouseClick(page.facets.clear_all, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 214


def test_clustered_facet_and_blank_values(qtbot, page, demo_store):
    click_facet(qtbot, page, "clustered", "no")
    qtbot.waitUntil(lambda: page.model.filter.clustered is False, timeout=WAIT)
    with demo_store.engine.connect() as conn:  # independent: members of live clusters
        members = {
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT m.recommendation_uid FROM cluster_members m JOIN clusters c ON c.uid = m.cluster_uid "
                "WHERE c.deleted = 0"
            )
        }
    assert set(shown_uids(page)) == {r.uid for r in all_recs(demo_store) if r.uid not in members}
    qtbot.mouseClick(page.facets.clear_all, Qt.MouseButton.LeftButton)
    click_facet(qtbot, page, "status", "")
    blank = [r for r in all_recs(demo_store) if not r.implementation_status]
    qtbot.waitUntil(lambda: page.model.rowCount() == len(blank), timeout=WAIT)
    facet = page.facets.models["status"]
    assert facet.index(facet.row_of("")).data() == "(not recorded)"


def test_clicking_a_header_sorts_by_sql(qtbot, page, demo_store):
    column = COLUMNS.index("body")
    header = page.table.horizontalHeader()
    position = QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2)
    recs = all_recs(demo_store)

    def expected(descending: bool) -> list[str]:  # NOCASE, then uid ascending for ties
        ordered = sorted(recs, key=lambda r: r.uid)
        return [r.uid for r in sorted(ordered, key=lambda r: r.body.lower(), reverse=descending)]

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    qtbot.waitUntil(lambda: page.model.sort_field == "body", timeout=WAIT)
    first = page.model.descending
    assert shown_uids(page) == expected(first)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    qtbot.waitUntil(lambda: page.model.descending != first, timeout=WAIT)
    assert shown_uids(page) == expected(not first)
    themes = COLUMNS.index("themes")  # a list: not sortable, the indicator stays where it was
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(themes) + 10, 5)
    )
    assert page.model.sort_field == "body"
    assert header.sortIndicatorSection() == column


# --- scrolling on a large store ------------------------------------------------------------------


def test_scrolling_to_the_bottom_loads_only_what_is_seen(qtbot, make_page, office_store):
    insert_recommendations(office_store, synthetic_rows(5000))
    page = make_page(office_store, "KEN")
    assert page.model.rowCount() == 5000
    page.model.rows_loaded = 0
    bar = page.table.verticalScrollBar()
    steps = 12
    for step in range(steps + 1):  # dragging the scroll bar from top to bottom
        bar.setValue(bar.maximum() * step // steps)
        page.table.viewport().repaint()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=WAIT)
    last = page.table.rowAt(page.table.viewport().height() - 2)
    assert last == 4999, "the last row is shown at the bottom"
    assert page.model.index(4999, COLUMNS.index("text")).data().startswith("Recommendation")
    assert 0 < page.model.rows_loaded <= (steps + 1) * page.model.block_size
    assert page.model.rows_loaded < 5000 / 2
    assert page.model.cached_rows() <= page.model.cache_blocks * page.model.block_size


# --- edits and undo ------------------------------------------------------------------------------


def test_bulk_status_on_three_rows_then_undo_and_redo(qtbot, page, demo_store):
    click_row(qtbot, page, 0)
    click_row(qtbot, page, 2, Qt.KeyboardModifier.ControlModifier)
    click_row(qtbot, page, 5, Qt.KeyboardModifier.ControlModifier)
    uids = [page.model.uid(r) for r in (0, 2, 5)]
    assert page.selected_uids() == uids
    before = {uid: records.get(demo_store, "recommendations", uid) for uid in uids}
    if all(b["implementation_status"] == "implemented" for b in before.values()):
        pytest.skip("demo rows already implemented")
    qtbot.mouseClick(page.bulk_button, Qt.MouseButton.LeftButton)
    answer_status_dialog(qtbot, page, "Implemented")
    qtbot.waitUntil(
        lambda: records.get(demo_store, "recommendations", uids[0])["implementation_status"] == "implemented",
        timeout=WAIT,
    )
    after = {uid: records.get(demo_store, "recommendations", uid) for uid in uids}
    for uid in uids:
        assert after[uid]["implementation_status"] == "implemented"
        changed = before[uid]["implementation_status"] != "implemented"
        assert int(after[uid]["rev"]) == int(before[uid]["rev"]) + (1 if changed else 0)
    assert page.model.index(0, COLUMNS.index("implementation_status")).data() == "Implemented"

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: all(
            records.get(demo_store, "recommendations", uid)["implementation_status"]
            == before[uid]["implementation_status"]
            for uid in uids
        ),
        timeout=WAIT,
    )
    assert (
        page.model.index(0, COLUMNS.index("implementation_status")).data(Qt.ItemDataRole.EditRole)
        == before[uids[0]]["implementation_status"]
    )
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(
        lambda: all(
            records.get(demo_store, "recommendations", uid)["implementation_status"] == "implemented" for uid in uids
        ),
        timeout=WAIT,
    )
    record = records.get(demo_store, "recommendations", uids[0])
    assert record["updated_by"] == "KEN-HRA" and int(record["rev"]) > int(before[uids[0]]["rev"])


def test_status_for_all_matching_asks_first_and_undo_restores_each_value(qtbot, page, demo_store):
    previous = {r.uid: r.implementation_status for r in all_recs(demo_store)}
    assert len(set(previous.values())) > 2, "the demo mixes statuses: undo must restore each"
    page.bulk_all_action.trigger()
    answer_status_dialog(qtbot, page, "In progress")
    qtbot.waitUntil(lambda: page.findChild(QMessageBox, "bulkConfirm") is not None, timeout=WAIT)
    box = page.findChild(QMessageBox, "bulkConfirm")
    assert "214" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(r.implementation_status == "in progress" for r in all_recs(demo_store)), timeout=WAIT)
    assert page.facets.models["status"].values() == ["in progress"]
    page.undo_action.trigger()
    assert {r.uid: r.implementation_status for r in all_recs(demo_store)} == previous


def test_editing_notes_in_the_detail_pane_saves_through_the_edit_path(qtbot, page, demo_store):
    click_row(qtbot, page, 4)
    uid = page.model.uid(4)
    qtbot.waitUntil(lambda: page.detail.uid == uid, timeout=WAIT)
    assert page.detail.browser.isVisible()
    before = records.get(demo_store, "recommendations", uid)
    assert before["text"][:30] in page.detail.browser.toPlainText()
    page.detail.notes.setFocus()
    qtbot.keyClicks(page.detail.notes, "Raised with the ombudsperson")
    assert page.detail.save_button.isEnabled()
    qtbot.keyClick(page.detail.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "ombudsperson" in records.get(demo_store, "recommendations", uid)["notes"], timeout=WAIT)
    after = records.get(demo_store, "recommendations", uid)
    assert int(after["rev"]) == int(before["rev"]) + 1
    assert not page.detail.save_button.isEnabled()
    # Notes are searchable, and the match is marked in the pane.
    page.search.setText("ombudsperson")
    page.search.returnPressed.emit()
    assert shown_uids(page) == [uid]
    click_row(qtbot, page, 0)
    qtbot.waitUntil(lambda: page.detail.uid == uid, timeout=WAIT)
    assert "ombudsperson</span>" in page.detail.browser.toHtml()


def test_status_combo_in_the_table_edits_in_place(qtbot, page, demo_store):
    column = COLUMNS.index("implementation_status")
    index = page.model.index(1, column)
    uid = page.model.uid(1)
    old = index.data(Qt.ItemDataRole.EditRole)
    page.table.scrollTo(index)
    centre = page.table.visualRect(index).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a press, then the double click
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    from PySide6.QtWidgets import QComboBox

    qtbot.waitUntil(lambda: page.table.findChild(QComboBox, "statusEditor") is not None, timeout=WAIT)
    combo = page.table.findChild(QComboBox, "statusEditor")
    wanted = "implemented" if old != "implemented" else "not started"
    combo.setCurrentIndex(combo.findData(wanted))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(
        lambda: records.get(demo_store, "recommendations", uid)["implementation_status"] == wanted, timeout=WAIT
    )
    assert page.undo_action.isEnabled()
    page.undo_action.trigger()
    assert records.get(demo_store, "recommendations", uid)["implementation_status"] == old


def test_a_refused_edit_says_why_and_changes_nothing(qtbot, page, demo_store):
    settings.put(demo_store, settings.OFFICE, "")  # no office code: the edit path refuses every edit
    uid = page.model.uid(0)
    before = records.get(demo_store, "recommendations", uid)
    wanted = "implemented" if before["implementation_status"] != "implemented" else "not started"
    assert page.model.setData(page.model.index(0, COLUMNS.index("implementation_status")), wanted)
    qtbot.waitUntil(lambda: page.findChild(QMessageBox, "editRefused") is not None, timeout=WAIT)
    box = page.findChild(QMessageBox, "editRefused")
    assert "office code" in box.text() and "Nothing was changed" in box.text()
    assert records.get(demo_store, "recommendations", uid) == before
    assert not page.undo_action.isEnabled()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_a_record_deleted_meanwhile_is_shown_read_only(qtbot, page, demo_store):
    uid = page.model.uid(3)
    page.model.record(3)
    records.delete_record(demo_store, "recommendations", uid)
    page.show_detail(3)
    assert page.detail.deleted.isVisible()
    assert page.detail.notes.isReadOnly() and not page.detail.status.isEnabled()
    assert page.detail.changes() == {}


def test_edits_reach_the_status_bar_of_the_window(qtbot, make_window, demo_store):
    from tcdesk.services import overview

    window = make_window(demo_store)
    window.show_page(1)
    page = window.stack.currentWidget()
    assert isinstance(page, RecommendationsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 214, timeout=WAIT)
    settings.put(demo_store, settings.DEMO_COUNTRY, "")  # count demo edits as changes to send
    page.set_status([page.model.uid(0), page.model.uid(1)], "implemented")
    pending = overview.pending_changes(demo_store)
    assert pending >= 1
    qtbot.waitUntil(lambda: window.status.changes.property("count") == pending, timeout=WAIT)


# --- columns, drag ---------------------------------------------------------------------------------


def test_column_choice_is_remembered_by_a_new_page(qtbot, make_page, demo_store):
    page = make_page(demo_store)
    menu = QMenu()
    page._fill_columns_menu(menu)
    by_title = {action.text(): action for action in menu.actions()}
    by_title["Recommending State"].trigger()
    page._fill_columns_menu(menu)
    {action.text(): action for action in menu.actions()}["Themes"].trigger()
    expected = [c for c in COLUMNS if c in set(DEFAULT_VISIBLE) - {"themes"} | {"recommending_state"}]
    assert page.visible_columns() == expected
    again = make_page(demo_store)
    assert again.visible_columns() == expected


def test_dragging_rows_carries_their_uids(qtbot, page):
    click_row(qtbot, page, 1)
    click_row(qtbot, page, 3, Qt.KeyboardModifier.ShiftModifier)
    indexes = page.table.selectionModel().selectedIndexes()
    data = page.model.mimeData(indexes)
    assert bytes(data.data(MIME_TYPE)).decode().split("\n") == [page.model.uid(r) for r in (1, 2, 3)]
    assert page.table.dragEnabled()


def test_the_detail_pane_escapes_record_text(qtbot, make_page, office_store):
    uid = records.create(
        office_store,
        "recommendations",
        {"country": "KEN", "mechanism": "UPR", "text": "Repeal article <b>12</b> & protect journalists"},
    )
    page = make_page(office_store, "KEN")
    page.search.setText("journalists")
    page.search.returnPressed.emit()
    click_row(qtbot, page, 0)
    qtbot.waitUntil(lambda: page.detail.uid == uid, timeout=WAIT)
    assert "Repeal article <b>12</b> & protect journalists" in page.detail.browser.toPlainText()
    QApplication.processEvents()


def test_all_countries_is_offered_when_the_store_holds_several(qtbot, make_page, office_store, demo_store):
    page = make_page(demo_store)
    assert not page.facets.all_countries.isVisibleTo(page), "one country: nothing to switch"
    for text in ("Abolish the death penalty", "Ratify the Optional Protocol"):
        records.create(demo_store, "recommendations", {"country": "BEN", "mechanism": "UPR", "text": text})
    page = make_page(demo_store)
    assert page.facets.all_countries.isVisibleTo(page)
    qtbot.mouseClick(page.facets.all_countries, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))  # on the box
    qtbot.waitUntil(lambda: count_shown(page) == (216, 216), timeout=WAIT)
    assert page.facets.groups["country"].isVisibleTo(page)
    assert page.facets.models["country"].count_of("BEN") == 2
    click_facet(qtbot, page, "country", "BEN")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)
    assert {page.model.record(r)["country"] for r in range(2)} == {"BEN"}
    qtbot.mouseClick(page.facets.all_countries, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))  # on the box
    qtbot.waitUntil(lambda: count_shown(page) == (214, 214), timeout=WAIT)
