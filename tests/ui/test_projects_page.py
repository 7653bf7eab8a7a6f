"""The projects page: a validated, undoable project form, links from the project side, coverage, timeline, export."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QPlainTextEdit

from tcdesk.services import clusters, portfolio, records
from tcdesk.services.demo import DEMO_ISO3
from ui.context import AppContext
from ui.models.projects import ProjectTableModel
from ui.pages.projects import ProjectsPage
from ui.project_timeline import STATUS_COLOURS, TimelineWidget


@pytest.fixture
def page(qtbot, demo_store):
    context = AppContext(demo_store)
    context.reload_countries()
    context.set_country(DEMO_ISO3)
    widget = ProjectsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1300, 1000)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def fill(page, **values):
    for name, value in values.items():
        widget = page.fields[name]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QComboBox) and widget.isEditable():
            widget.setCurrentText(value)
        else:
            widget.setCurrentIndex(widget.findData(value))


def count_projects(store):
    return len(portfolio.projects(store, DEMO_ISO3))


def new_valid_project(page, qtbot):
    page.new_button.click()
    fill(page, code="XVL-2026-09", title="Support to the ombudsperson", start_date="2026-01-01", end_date="2027-12-31")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    return page.current_uid


def test_model_passes_the_model_tester(qtmodeltester, demo_store):
    model = ProjectTableModel()
    model.set_rows(portfolio.projects(demo_store, DEMO_ISO3))
    qtmodeltester.check(model)
    assert model.rowCount() == 10
    budget = model.index(0, 5).data()
    assert budget == "220,000.00"


def test_invalid_input_is_refused_field_by_field_then_valid_input_saves(page, demo_store, qtbot):
    before = count_projects(demo_store)
    assert page.model.rowCount() == before == 10
    page.new_button.click()
    fill(
        page,
        code="XVL-2026-09",
        title="Support to the ombudsperson",
        status="active",
        start_date="2026-05-01",
        end_date="2026-01-01",
        partners="Ombudsperson\n\n  Bar association ",
        sdg_targets="16.3, 16.a",
    )
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.errors["end_date"].isVisibleTo(page) and "before" in page.errors["end_date"].text()
    assert "end_date" in page.form_problems.text.text()
    assert count_projects(demo_store) == before and page.current_uid == ""

    fill(page, end_date="2027-12-31", budget_usd="-100")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not page.errors["end_date"].isVisibleTo(page)
    assert "negative" in page.errors["budget_usd"].text()
    assert count_projects(demo_store) == before

    fill(page, budget_usd="125000.50", funding_source="Peacebuilding Fund", modality="south-south")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    uid = page.current_uid
    assert uid and count_projects(demo_store) == before + 1
    saved = records.get(demo_store, "projects", uid)
    assert saved["rev"] == "1" and saved["budget_usd"] == "125000.50" and saved["end_date"] == "2027-12-31"
    assert saved["partners"] == "Ombudsperson\nBar association" and saved["sdg_targets"] == "16.3\n16.a"
    assert saved["modality"] == "south-south" and saved["country"] == DEMO_ISO3
    assert page.model.rowCount() == before + 1 and page.fields["title"].text() == "Support to the ombudsperson"


def test_undo_reverts_an_edit_and_redo_makes_it_again(page, demo_store, qtbot):
    uid = new_valid_project(page, qtbot)
    fill(page, title="Support to the Ombudsperson's office", budget_usd="9000")
    page.save()
    assert records.get(demo_store, "projects", uid)["title"] == "Support to the Ombudsperson's office"
    page.undo_action.trigger()
    reverted = records.get(demo_store, "projects", uid)
    assert reverted["title"] == "Support to the ombudsperson" and reverted["budget_usd"] == ""
    assert reverted["rev"] == "3"  # undo is a new revision
    assert page.fields["title"].text() == "Support to the ombudsperson"
    page.redo_action.trigger()
    assert records.get(demo_store, "projects", uid)["budget_usd"] == "9000"
    page.undo_action.trigger()
    page.undo_action.trigger()  # the creation itself
    assert count_projects(demo_store) == 10


def test_sdg_codes_are_checked_and_keyboard_undo_works(page, demo_store, qtbot):
    uid = new_valid_project(page, qtbot)
    fill(page, sdg_targets="16.3; 99.9")
    page.save()
    assert "SDG target" in page.errors["sdg_targets"].text()
    assert records.get(demo_store, "projects", uid)["sdg_targets"] == ""
    fill(page, sdg_targets="16.3", results="Short term: a law drafted")
    page.save()
    assert records.get(demo_store, "projects", uid)["sdg_targets"] == "16.3"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert records.get(demo_store, "projects", uid)["results"] == ""
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert records.get(demo_store, "projects", uid)["results"] == "Short term: a law drafted"


def test_a_click_on_a_timeline_row_opens_the_project(page, qtbot):
    page.tabs.setCurrentIndex(2)
    project = page.timeline.projects[3]
    rect = page.timeline.bar_rect(3)
    qtbot.mouseClick(page.timeline, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert page.tabs.currentIndex() == 0 and page.current_uid == project.uid
    assert page.fields["code"].text() == project.code


def test_delete_and_undo_bring_the_project_back_with_its_links(page, demo_store, qtbot):
    first = page.model.project(0)
    page._select(first.uid)
    page.delete_button.click()
    assert count_projects(demo_store) == 9
    page.undo_action.trigger()
    back = [p for p in portfolio.projects(demo_store, DEMO_ISO3) if p.code == first.code]
    assert len(back) == 1 and back[0].recommendations == first.recommendations and back[0].clusters == first.clusters


def test_link_recommendations_and_a_cluster_from_the_project_side(page, demo_store, qtbot):
    uid = new_valid_project(page, qtbot)
    gap = portfolio.gaps(demo_store, DEMO_ISO3).high_priority_clusters[0]
    gap_titles = [page.gap_clusters.item(i).text() for i in range(page.gap_clusters.count())]
    assert any(gap.title in t for t in gap_titles)

    page.link_recs_button.click()
    picker = page.picker
    picker.search.setText("torture")
    assert 0 < picker.model.total < 100
    picker.view.selectRow(0)
    picker.view.selectionModel().select(
        picker.model.index(1, 0),
        picker.view.selectionModel().SelectionFlag.Select | picker.view.selectionModel().SelectionFlag.Rows,
    )
    chosen = picker.selected_uids()
    assert len(chosen) == 2
    picker.accept()
    assert {t for k, t in page.current_links() if k == "recommendation"} == set(chosen)
    assert page.links.topLevelItemCount() == 2

    page.link_clusters_button.click()
    picker = page.picker
    picker.item_of(gap.uid).setCheckState(Qt.CheckState.Checked)
    picker.accept()
    assert ("cluster", gap.uid) in page.current_links()
    assert page.links.topLevelItemCount() == 3
    assert records.get(demo_store, "projects", uid)["rev"] == "3"
    gap_titles = [page.gap_clusters.item(i).text() for i in range(page.gap_clusters.count())]
    assert not any(gap.title in t for t in gap_titles)
    row = next(
        page.coverage.topLevelItem(i)
        for i in range(page.coverage.topLevelItemCount())
        if page.coverage.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == gap.uid
    )
    assert "Support to the ombudsperson" in row.text(4)

    # remove the cluster link: the gap is back; undo removes the removal
    cluster_item = next(
        page.links.topLevelItem(i)
        for i in range(3)
        if page.links.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)[0] == "cluster"
    )
    cluster_item.setSelected(True)
    page.unlink_button.click()
    assert ("cluster", gap.uid) not in page.current_links()
    assert gap.title in portfolio.gaps(demo_store, DEMO_ISO3).high_priority_clusters[0].title
    page.undo_action.trigger()
    assert ("cluster", gap.uid) in page.current_links()
    assert clusters.list_clusters(demo_store, DEMO_ISO3)


def test_funding_sums_are_exact(page, demo_store):
    items = [page.by_source.topLevelItem(i) for i in range(page.by_source.topLevelItemCount())]
    by_source, _by_status = portfolio.funding(demo_store, DEMO_ISO3)
    assert sum(by_source.values()) == Decimal("3890000.00")
    assert items[-1].text(0) == "Total" and items[-1].text(1) == "3,890,000.00"
    status_items = [page.by_status.topLevelItem(i) for i in range(page.by_status.topLevelItemCount())]
    assert status_items[1].text(0) == "Active" and status_items[1].text(1) == "2,300,000.00"


def test_timeline_draws_bars_and_today(qtbot, demo_store):
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(1000, 100)
    rows = portfolio.timeline(demo_store, DEMO_ISO3)
    widget.set_projects(rows, today=date(2026, 7, 1))
    widget.show()
    assert len(widget.projects) == 10
    image = widget.grab().toImage()
    for row in (0, 4, 9):
        rect = widget.bar_rect(row)
        colour = QColor(image.pixel(int(rect.right()) - 3, int(rect.center().y())))
        assert colour == QColor(STATUS_COLOURS[widget.projects[row].status])
    # 2019-01-01 … 2030-01-01 across the axis: 1 July 2026 sits at its share of the span
    span = (date(2030, 1, 1) - date(2019, 1, 1)).days
    share = (date(2026, 7, 1) - date(2019, 1, 1)).days / span
    expected = widget.LABEL_WIDTH + share * (widget.width() - widget.MARGIN - widget.LABEL_WIDTH)
    assert widget.today_x() == pytest.approx(expected)
    below_bars = widget.height() - widget.MARGIN - 2
    line = QColor(image.pixel(int(widget.today_x()), below_bars))
    assert line.red() > 150 and line.green() < 100
    blank = QColor(image.pixel(widget.LABEL_WIDTH + 2, widget.MARGIN + widget.AXIS_HEIGHT + 3))
    assert blank.lightness() > 200


def test_export_writes_projects_and_links(page, demo_store, tmp_path, monkeypatch, qtbot):
    target = tmp_path / "portfolio"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.export_button.click()
    book = load_workbook(tmp_path / "portfolio.xlsx")
    assert book.sheetnames == ["Projects", "Links"]
    codes = {row[0] for row in book["Projects"].iter_rows(min_row=4, values_only=True)}
    assert "XVL-2024-03" in codes and len(codes) == 10
    assert book["Links"].max_row > 10
    assert "exported" in page.notice.text.text()


def test_without_a_country_the_page_says_so_and_stays_empty(qtbot, office_store):
    widget = ProjectsPage(AppContext(office_store))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.model.rowCount() == 0 and not widget.tabs.isEnabled()
    assert "No country" in widget.notice.text.text()
    assert widget.timeline.projects == []
