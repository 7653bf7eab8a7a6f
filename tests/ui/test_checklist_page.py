"""The CCA checklist page driven as an HRA would: keys to assess, evidence, links, undo, new versions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tcdesk.services import checklist, records
from tcdesk.services.checklist_templates import ensure_bundled_template
from tcdesk.store.models import ChecklistItem, ChecklistTemplate
from ui.context import AppContext
from ui.dialogs.checklist_dialogs import LinkPicker
from ui.models.checklist_items import REVIEW_ROLE, ChecklistItemsModel
from ui.pages.checklist import ChecklistPage

pytestmark = pytest.mark.gui

T = "CCA-HR"


@pytest.fixture
def kenya(office_store):
    """Kenya with the bundled template and two recommendations, no answers yet."""
    with office_store.transaction() as session:
        ensure_bundled_template(session)
    records.create(office_store, "countries", {"iso3": "KEN", "name": "Kenya"})
    recs = [
        records.create(office_store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": t})
        for t in ("Ratify OP-CAT", "Adopt a disability law")
    ]
    return office_store, recs


def make_page(qtbot, store) -> ChecklistPage:
    context = AppContext(store)
    context.reload_countries()
    context.set_country("KEN")
    page = ChecklistPage(context)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)  # shortcuts work in the active window
    return page


@pytest.fixture
def page(qtbot, kenya):
    return make_page(qtbot, kenya[0])


def codes(store, version=1):
    return [i.code for i in checklist.items(store, T, version)]


def status_of(store, code, version=1):
    given = checklist.answers(store, "KEN", T, version)
    return given[code].status if code in given else checklist.NOT_ASSESSED


def test_items_are_filled_from_the_keyboard(qtbot, page, kenya):
    store = kenya[0]
    all_codes = codes(store)
    assert page.current_code == all_codes[0]
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_1)
    qtbot.keyClick(page.tree, Qt.Key.Key_Down)
    qtbot.keyClick(page.tree, Qt.Key.Key_3)
    qtbot.keyClick(page.tree, Qt.Key.Key_J)
    qtbot.keyClick(page.tree, Qt.Key.Key_2)
    qtbot.keyClick(page.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.tree, Qt.Key.Key_4)
    qtbot.keyClick(page.tree, Qt.Key.Key_K)
    qtbot.keyClick(page.tree, Qt.Key.Key_Up)
    assert page.current_code == all_codes[1]
    given = checklist.answers(store, "KEN", T, 1)
    assert {c: a.status for c, a in given.items()} == {
        all_codes[0]: "met",
        all_codes[1]: "not met",
        all_codes[2]: "partly met",
        all_codes[3]: "not applicable",
    }
    assert given[all_codes[0]].assessed_on
    # Down moves over section boundaries: from the last item of the first section to the next one's first
    section_one = [i for i in checklist.items(store, T, 1) if i.section == checklist.items(store, T, 1)[0].section]
    page.go_to(section_one[-1].code)
    qtbot.keyClick(page.tree, Qt.Key.Key_Down)
    assert page.current_code == all_codes[len(section_one)]
    assert page.model.status(all_codes[0]) == "met"


def test_evidence_is_saved_on_moving_on_and_with_ctrl_s(qtbot, page, kenya):
    store = kenya[0]
    first, second = codes(store)[:2]
    page.evidence.setFocus()
    qtbot.keyClicks(page.evidence, "Chapter 3 cites the UPR")
    qtbot.keyClick(page.evidence, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # next item
    assert page.current_code == second
    assert checklist.answers(store, "KEN", T, 1)[first].evidence == "Chapter 3 cites the UPR"
    page.evidence.setFocus()
    qtbot.keyClicks(page.evidence, "No LNOB analysis")
    qtbot.keyClick(page.evidence, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert checklist.answers(store, "KEN", T, 1)[second].evidence == "No LNOB analysis"
    qtbot.keyClicks(page.evidence, ".")
    page.tree.setFocus()  # focus out saves too
    assert checklist.answers(store, "KEN", T, 1)[second].evidence == "No LNOB analysis."
    assert checklist.answers(store, "KEN", T, 1)[second].status == checklist.NOT_ASSESSED


def test_a_recommendation_is_linked_through_the_picker_and_removed(qtbot, page, kenya):
    store, recs = kenya
    code = page.current_code

    def pick():
        picker = QApplication.activeModalWidget()
        assert isinstance(picker, LinkPicker)
        picker.search.setText("OP-CAT")
        picker._apply_search()
        assert picker.model.total == 1
        picker.model.record(0)
        assert picker.select_recommendation(recs[0])
        picker.accept()

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(page.add_link_button, Qt.MouseButton.LeftButton)
    assert checklist.answers(store, "KEN", T, 1)[code].links == [recs[0]]
    assert page.links.count() == 1 and "Ratify OP-CAT" in page.links.item(0).text()
    assert code not in {i.code for i in checklist.unlinked_items(store, "KEN", T, 1)}
    page.links.item(0).setSelected(True)
    qtbot.mouseClick(page.remove_link_button, Qt.MouseButton.LeftButton)
    assert checklist.answers(store, "KEN", T, 1)[code].links == []


def test_undo_restores_the_previous_status_and_redo_applies_it_again(qtbot, page, kenya):
    store = kenya[0]
    code = page.current_code
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_1)
    qtbot.keyClick(page.tree, Qt.Key.Key_3)
    assert status_of(store, code) == "not met"
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(store, code) == "met"
    assert page.status_buttons["met"].isChecked()
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(store, code) == checklist.NOT_ASSESSED
    assert checklist.answers(store, "KEN", T, 1)[code].assessed_on == ""
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert status_of(store, code) == "met"
    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert status_of(store, code) == "not met"
    assert page.model.status(code) == "not met"


def test_edits_tell_the_other_pages(qtbot, page):
    with qtbot.waitSignal(page.context.dataChanged):
        page.set_status("met")


def test_progress_shown_matches_the_service(qtbot, page, kenya):
    store = kenya[0]
    all_codes = codes(store)
    for code, status in zip(all_codes[:5], ("met", "met", "not met", "partly met", "not applicable"), strict=True):
        page.go_to(code)
        page.set_status(status)
    overall, sections = checklist.progress(store, "KEN", T, 1)
    assert page.overall_figure.text() == f"{overall.assessed} / {overall.items}" == "5 / 40"
    assert page.overall_bar.share == pytest.approx(overall.share())
    assert f"Met {round(100 * overall.share('met'))} %" in page.shares.text()
    assert f"Not met {round(100 * overall.share('not met'))} %" in page.shares.text()
    for n, section in enumerate(sections):
        name, bar, count = page.section_rows[n]
        assert name.text() == section.section
        assert count.text() == f"{section.assessed} / {section.items}"
        assert bar.share == pytest.approx(section.share())
    gaps = checklist.gaps(store, "KEN", T, 1)
    assert [page.gaps.topLevelItem(i).text(0) for i in range(page.gaps.topLevelItemCount())] == [
        g.item.code for g in gaps
    ]
    assert page.unlinked.topLevelItemCount() == len(checklist.unlinked_items(store, "KEN", T, 1)) == 40


def add_version_two(store):
    """Version 2: the first item reworded, the second dropped, one new item; the rest unchanged."""
    old = checklist.items(store, T, 1)
    with store.transaction() as session:
        session.add(ChecklistTemplate(template=T, version=2, source="package"))
        for n, item in enumerate(old):
            if n == 1:
                continue
            text = item.text + " (revised)" if n == 0 else item.text
            session.add(
                ChecklistItem(
                    template=T,
                    version=2,
                    code=item.code,
                    section=item.section,
                    position=item.position,
                    text=text,
                    guidance=item.guidance,
                )
            )
        session.add(ChecklistItem(template=T, version=2, code="NEW-1", section="Data", position=99, text="New"))
    return [i.code for i in old]


def test_answers_are_carried_to_a_new_version_and_changed_items_flagged(qtbot, kenya):
    store = kenya[0]
    old = add_version_two(store)
    for code, status in zip(old[:4], ("met", "not met", "partly met", "met"), strict=True):
        checklist.assess(store, "KEN", T, 1, code, status=status, evidence=f"evidence {code}")
    page = make_page(qtbot, store)
    assert page.version == 1  # the newest version with answers
    assert page.start_button.isVisible() and "2" in page.start_button.text()

    def confirm():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert "2 answers carried over" in box.text() or "carried" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, confirm)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.version == 2
    carried = checklist.answers(store, "KEN", T, 2)
    assert {c: a.status for c, a in carried.items()} == {old[2]: "partly met", old[3]: "met"}
    assert carried[old[2]].evidence == f"evidence {old[2]}"
    assert not page.start_button.isVisible()
    index = page.model.index_of(old[0], 2)
    assert index.data(REVIEW_ROLE) is True and index.data() == "Changed — review"
    assert not page.model.index_of(old[2], 2).data(REVIEW_ROLE)
    page.go_to(old[0])
    assert page.review_notice.isVisibleTo(page) and "Met" in page.review_notice.text.text()
    page.set_status("partly met")  # reviewed: the marker goes
    assert not page.model.index_of(old[0], 2).data(REVIEW_ROLE)
    assert not page.review_notice.isVisibleTo(page)


def test_comparing_two_assessments_highlights_improved_and_slipped(qtbot, kenya):
    store = kenya[0]
    old = add_version_two(store)
    for code, status in zip(old[2:5], ("partly met", "met", "not met"), strict=True):
        checklist.assess(store, "KEN", T, 1, code, status=status)
    checklist.start_new_version(store, "KEN", T, 1, 2)
    checklist.assess(store, "KEN", T, 2, old[2], status="met")  # improved
    checklist.assess(store, "KEN", T, 2, old[3], status="not met")  # slipped
    page = make_page(qtbot, store)
    assert page.version == 2
    dialog = page.open_compare()
    qtbot.addWidget(dialog)
    assert dialog.before_version.currentData() == 1 and dialog.after_version.currentData() == 2
    changes = {dialog.table.item(r, 0).text(): dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())}
    assert changes[old[2]] == "Improved" and changes[old[3]] == "Slipped"
    assert changes[old[4]] == "Same" and changes[old[0]] == "Item changed" and changes["NEW-1"] == "New item"
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == old[2])
    assert (
        dialog.table.item(row, 4).background().color().name() != dialog.table.item(0, 4).background().color().name()
        or row == 0
    )
    assert "1 improved, 1 slipped" in dialog.summary.text()
    dialog.close()


def test_export_writes_a_workbook(qtbot, page, kenya, tmp_path, monkeypatch):
    page.set_status("met")
    target = tmp_path / "assessment.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert target.exists() and target.stat().st_size > 0
    assert page.notice.tone == "good"


def test_no_country_disables_the_page(qtbot, office_store):
    context = AppContext(office_store)
    page = ChecklistPage(context)
    qtbot.addWidget(page)
    page.show()
    assert not page.tabs.isEnabled() and "No country" in page.subheading.text()


def test_the_items_model_passes_the_model_tester(qtmodeltester, kenya):
    store = kenya[0]
    checklist.assess(store, "KEN", T, 1, codes(store)[0], status="met")
    model = ChecklistItemsModel()
    model.set_rows(checklist.items(store, T, 1), checklist.answers(store, "KEN", T, 1), {codes(store)[1]})
    qtmodeltester.check(model)
    assert model.rowCount() == 8 and sum(model.rowCount(model.index(s, 0)) for s in range(8)) == 40


def test_the_demo_page_opens_on_the_answered_version(qtbot, demo_store):
    context = AppContext(demo_store)
    context.reload_countries()
    context.set_country("XVL")
    page = ChecklistPage(context)
    qtbot.addWidget(page)
    page.show()
    overall, _sections = checklist.progress(demo_store, "XVL", T, 1)
    assert page.overall_figure.text() == f"{overall.assessed} / {overall.items}"
    assert page.gaps.topLevelItemCount() == len(checklist.gaps(demo_store, "XVL", T, 1))
