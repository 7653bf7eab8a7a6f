"""The Clusters page: cluster editing, drag and drop, the context menu, the matrix and suggestions."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tcdesk.services import cluster_matrix, clusters, records
from tcdesk.services import recommendation_query as query
from ui.context import AppContext
from ui.pages.clusters import ClustersPage

XVL = "XVL"
WAIT_MS = 20_000


@pytest.fixture
def page(qtbot, demo_store):
    context = AppContext(demo_store)
    context.reload_countries()
    context.set_country(XVL)
    widget = ClustersPage(context)
    widget.resize(1280, 860)
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def make_cluster(qtbot, page, title="Gender equality and justice") -> str:
    page.new_button.click()
    dialog = page.cluster_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.title_edit.setText(title)
    dialog.summary_edit.setPlainText("Women's access to justice")
    for goal in ("5", "16"):
        dialog.goal_item(goal).setCheckState(Qt.CheckState.Checked)
    dialog.set_priority("high")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    made = [c for c in clusters.list_clusters(page.context.store, XVL) if c.title == title]
    assert len(made) == 1
    return made[0].uid


def test_models_pass_the_model_tester(page, qtmodeltester):
    assert page.cluster_model.rowCount() > 0
    page.select_cluster(page.cluster_model.cluster(0).uid)
    qtmodeltester.check(page.cluster_model)
    qtmodeltester.check(page.member_model)
    qtmodeltester.check(page.matrix_model)


def test_lists_the_countrys_clusters(page):
    listed = clusters.list_clusters(page.context.store, XVL)
    assert [page.cluster_model.cluster(r).uid for r in range(page.cluster_model.rowCount())] == [c.uid for c in listed]
    assert page.rec_model.total == query.count(page.context.store, query.RecFilter(country=XVL))


def test_create_a_cluster_through_the_dialog(qtbot, page):
    uid = make_cluster(qtbot, page)
    stored = records.get(page.context.store, "clusters", uid)
    assert stored["title"] == "Gender equality and justice"
    assert stored["priority"] == "high"
    assert set(stored["sdg_goals"].split("\n")) == {"5", "16"}
    assert stored["country"] == XVL
    assert page.selected_cluster_uid() == uid  # the new cluster is selected


def test_dialog_refuses_an_empty_title(qtbot, page):
    before = len(clusters.list_clusters(page.context.store, XVL))
    page.new_button.click()
    dialog = page.cluster_dialog
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.error.isVisible()
    dialog.reject()
    assert len(clusters.list_clusters(page.context.store, XVL)) == before


def test_edit_and_delete(qtbot, page, monkeypatch):
    uid = make_cluster(qtbot, page, "Old title")
    page.edit_button.click()
    dialog = page.cluster_dialog
    assert dialog.title_edit.text() == "Old title" and set(dialog.chosen_goals()) == {"5", "16"}
    dialog.title_edit.setText("New title")
    dialog.accept()
    assert records.get(page.context.store, "clusters", uid)["title"] == "New title"
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    page.select_cluster(uid)
    page.delete_button.click()
    assert uid not in {c.uid for c in clusters.list_clusters(page.context.store, XVL)}


def _rows_for(page, n: int):
    return [page.rec_model.index(row, 0) for row in range(n)]


def test_drop_recommendations_on_a_cluster(qtbot, page):
    uid = make_cluster(qtbot, page, "Dropped on")
    indexes = _rows_for(page, 3)
    wanted = {page.rec_model.uid(i.row()) for i in indexes}
    mime = page.rec_model.mimeData(indexes)
    view = page.cluster_view
    row = page.cluster_model.row_of(uid)
    view.scrollTo(page.cluster_model.index(row, 0))
    target = view.visualRect(page.cluster_model.index(row, 0)).center()
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    for kind in (QDragEnterEvent, QDragMoveEvent):  # as a real drag does: enter, move, then drop
        moved = kind(target, *args)
        QApplication.sendEvent(view.viewport(), moved)
        assert moved.isAccepted()
    QApplication.sendEvent(view.viewport(), QDropEvent(QPointF(target), *args))
    assert set(clusters.member_uids(page.context.store, uid)) == wanted
    assert page.member_model.rowCount() == 3
    assert page.cluster_model.cluster(page.cluster_model.row_of(uid)).members == 3


def test_context_menu_adds_to_a_cluster_and_members_can_be_removed(qtbot, page):
    uid = make_cluster(qtbot, page, "From the menu")
    page.rec_view.selectRow(4)
    page.rec_view.selectionModel().select(
        page.rec_model.index(5, 0),
        page.rec_view.selectionModel().SelectionFlag.Select | page.rec_view.selectionModel().SelectionFlag.Rows,
    )
    chosen = set(page.selected_recommendations())
    assert len(chosen) == 2
    menu = page.recommendation_menu()
    submenu = next(a.menu() for a in menu.actions() if a.menu())
    action = next(a for a in submenu.actions() if a.data() == uid)
    action.trigger()
    assert set(clusters.member_uids(page.context.store, uid)) == chosen

    page.select_cluster(uid)
    assert page.member_model.rowCount() == 2
    page.member_view.selectRow(0)
    gone = page.member_model.uid(0)
    page.remove_button.click()
    assert set(clusters.member_uids(page.context.store, uid)) == chosen - {gone}
    assert page.member_model.rowCount() == 1


def test_matrix_shows_the_services_counts(page):
    expected = cluster_matrix.cluster_matrix(page.context.store, XVL)
    model = page.matrix_model
    assert model.rowCount() == len(expected) > 0
    for row, want in enumerate(expected):
        assert model.value(row, model.column_of("title")) == want.title
        assert model.value(row, model.column_of("members")) == want.members
        for m in ("UPR", "TB", "SP"):
            assert model.value(row, model.column_of("mechanism", m)) == want.by_mechanism.get(m, 0)
        for r in ("supported", "noted", ""):
            assert model.value(row, model.column_of("response", r)) == want.by_response.get(r, 0)
        for s in ("not started", "in progress", "partially implemented", "implemented", ""):
            assert model.value(row, model.column_of("status", s)) == want.by_status.get(s, 0)


def test_export_matrix_writes_a_workbook(page, tmp_path, monkeypatch):
    target = tmp_path / "matrix"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    page.tabs.setCurrentIndex(1)
    page.export_button.click()
    written = tmp_path / "matrix.xlsx"
    assert written.exists()
    book = openpyxl.load_workbook(written)
    assert len(book.sheetnames) == 2
    assert "matrix.xlsx" in page.notice.text.text()


def test_suggest_and_accept_a_cluster(qtbot, page):
    store = page.context.store
    unclustered = query.uids(store, query.RecFilter(country=XVL, clustered=False))
    assert unclustered, "the demo country should have unclustered recommendations"
    page.suggest_button.click()
    qtbot.waitUntil(
        lambda: page.suggestions_dialog is not None and page.suggestions_dialog.isVisible(), timeout=WAIT_MS
    )
    dialog = page.suggestions_dialog
    suggestion = dialog.suggestions[0]
    before = len(dialog.suggestions)
    dialog.set_title(0, "Accepted suggestion")
    dialog.set_checked(0)
    dialog.accept_button.click()
    made = [c for c in clusters.list_clusters(store, XVL) if c.title == "Accepted suggestion"]
    assert len(made) == 1
    assert set(clusters.member_uids(store, made[0].uid)) == set(suggestion.uids)
    assert len(dialog.suggestions) == before - 1
    assert page.cluster_model.row_of(made[0].uid) >= 0


def test_merge_and_drop_suggestions(qtbot, page):
    page.suggest_button.click()
    qtbot.waitUntil(
        lambda: page.suggestions_dialog is not None and page.suggestions_dialog.isVisible(), timeout=WAIT_MS
    )
    dialog = page.suggestions_dialog
    if len(dialog.suggestions) < 3:
        pytest.skip("the demo gives fewer than three suggestions")
    first, second = dialog.suggestions[0], dialog.suggestions[1]
    n = len(dialog.suggestions)
    dialog.set_checked(0)
    dialog.set_checked(1)
    dialog.merge_ticked()
    assert len(dialog.suggestions) == n - 1
    merged = dialog.suggestions[0]
    assert merged.title == first.title and set(merged.uids) == set(first.uids) | set(second.uids)
    assert dialog.ticked() == [0]
    dialog.set_checked(0, False)
    dialog.set_checked(1)
    dialog.drop_ticked()
    assert len(dialog.suggestions) == n - 2
    dialog.reject()


def test_no_country_disables_the_tools(qtbot, store):
    context = AppContext(store)
    widget = ClustersPage(context)
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.new_button.isEnabled() and not widget.suggest_button.isEnabled()
    assert widget.cluster_model.rowCount() == 0
