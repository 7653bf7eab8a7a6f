"""Link to project…: from the Recommendations page (the selection) and the Clusters page (the cluster)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tcdesk.services import demo, portfolio, project_links, records
from ui.context import AppContext
from ui.pages.clusters import ClustersPage
from ui.pages.recommendations import RecommendationsPage

pytestmark = pytest.mark.gui
XVL = demo.DEMO_ISO3


def _page(qtbot, store, kind):
    context = AppContext(store)
    context.reload_countries()
    context.set_country(XVL)
    page = kind(context)
    qtbot.addWidget(page)
    page.resize(1400, 860)
    with qtbot.waitExposed(page):
        page.show()
    return page


def _rev(store, uid: str) -> int:
    return int(records.get(store, "projects", uid)["rev"])


def _accept(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _unlinked_project(store, kind: str, targets: list[str]) -> portfolio.ProjectRow:
    """An open project (coverage ignores closed ones) that links none of the targets yet."""
    for project in portfolio.projects(store, XVL):
        links = project_links.links_of(store, project.uid)
        if project.status != "closed" and not any((kind, t) in links for t in targets):
            return project
    raise AssertionError("the demo has no suitable project")


def test_link_selected_recommendations_to_a_project(qtbot, demo_store):
    page = _page(qtbot, demo_store, RecommendationsPage)
    assert not page.link_action.isEnabled()  # nothing selected
    page.table.selectRow(0)
    page.table.selectionModel().select(
        page.model.index(1, 0),
        page.table.selectionModel().SelectionFlag.Select | page.table.selectionModel().SelectionFlag.Rows,
    )
    uids = page.selected_uids()
    assert len(uids) == 2 and page.link_action.isEnabled()
    project = _unlinked_project(demo_store, "recommendation", uids)
    rev = _rev(demo_store, project.uid)
    changes = []
    page.context.dataChanged.connect(lambda: changes.append(1))

    menu = page.table_menu(page.table.visualRect(page.model.index(0, 0)).center())
    assert page.link_action in menu.actions() and page.selected_uids() == uids  # right-click in the selection
    menu.deleteLater()
    page.link_action.trigger()
    dialog = page.link_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.item(project.uid).checkState() == Qt.CheckState.Unchecked
    dialog.item(project.uid).setCheckState(Qt.CheckState.Checked)
    _accept(dialog)

    linked = {uid for uid, *_ in portfolio.linked_recommendations(demo_store, project.uid)}
    assert set(uids) <= linked
    assert _rev(demo_store, project.uid) == rev + 1
    assert changes  # the other pages are told
    assert page.link_dialog is None
    assert page.selected_uids() == uids  # the selection stays; the detail pane shows the project
    assert page.detail.uid == uids[0] and project.title in page.detail.browser.toPlainText()

    # opened again, the project is ticked; unticking it removes both links
    page.link_action.trigger()
    dialog = page.link_dialog
    assert dialog.item(project.uid).checkState() == Qt.CheckState.Checked
    dialog.item(project.uid).setCheckState(Qt.CheckState.Unchecked)
    _accept(dialog)
    linked = {uid for uid, *_ in portfolio.linked_recommendations(demo_store, project.uid)}
    assert not set(uids) & linked
    assert _rev(demo_store, project.uid) == rev + 2


def test_cancel_changes_nothing(qtbot, demo_store):
    page = _page(qtbot, demo_store, RecommendationsPage)
    page.table.selectRow(0)
    uids = page.selected_uids()
    project = _unlinked_project(demo_store, "recommendation", uids)
    rev = _rev(demo_store, project.uid)
    page.link_button.click()
    dialog = page.link_dialog
    dialog.item(project.uid).setCheckState(Qt.CheckState.Checked)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert _rev(demo_store, project.uid) == rev and page.link_dialog is None


def _coverage_projects(store, cluster_uid: str) -> list[str]:
    (row,) = [c for c in portfolio.coverage(store, XVL) if c.uid == cluster_uid]
    return [uid for uid, _title in row.projects]


def test_link_the_selected_cluster_to_a_project(qtbot, demo_store):
    page = _page(qtbot, demo_store, ClustersPage)
    assert not page.link_button.isEnabled()
    cluster = page.cluster_model.cluster(0)
    page.select_cluster(cluster.uid)
    assert page.link_button.isEnabled() and page.projects_label.isVisible()
    assert page.projects_label.text().startswith("Projects:")
    project = next(
        p
        for p in portfolio.projects(demo_store, XVL)
        if p.status != "closed" and p.uid not in _coverage_projects(demo_store, cluster.uid)
    )
    rev = _rev(demo_store, project.uid)

    page.link_button.click()
    dialog = page.link_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.item(project.uid).checkState() == Qt.CheckState.Unchecked
    dialog.item(project.uid).setCheckState(Qt.CheckState.Checked)
    _accept(dialog)

    assert ("cluster", cluster.uid) in project_links.links_of(demo_store, project.uid)
    assert project.uid in _coverage_projects(demo_store, cluster.uid)
    assert _rev(demo_store, project.uid) == rev + 1
    assert page.selected_cluster_uid() == cluster.uid
    assert project.title in page.projects_label.text()

    page.cluster_view.clearSelection()
    menu = page.cluster_menu(page.cluster_view.visualRect(page.cluster_model.index(0, 0)).center())
    assert menu is not None and page.selected_cluster_uid() == cluster.uid  # right-click selects the cluster
    (action,) = menu.actions()
    action.trigger()
    menu.deleteLater()
    dialog = page.link_dialog
    assert dialog.item(project.uid).checkState() == Qt.CheckState.Checked
    dialog.item(project.uid).setCheckState(Qt.CheckState.Unchecked)
    _accept(dialog)
    assert ("cluster", cluster.uid) not in project_links.links_of(demo_store, project.uid)
    assert project.uid not in _coverage_projects(demo_store, cluster.uid)
    assert project.title not in page.projects_label.text()
