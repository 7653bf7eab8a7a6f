"""CCA checklist answers, progress, gaps, a new template version and comparison, on a real store."""

from __future__ import annotations

import pytest

from tcdesk.domain.vocabulary import ASSESSMENT_STATUSES
from tcdesk.services import checklist, records
from tcdesk.services.checklist_templates import ensure_bundled_template
from tcdesk.store.models import ChecklistItem, ChecklistTemplate

T = "CCA-HR"


@pytest.fixture
def desk(office_store):
    with office_store.transaction() as session:
        ensure_bundled_template(session)
    return office_store


def _codes(store, version=1):
    return [i.code for i in checklist.items(store, T, version)]


def test_statuses_cover_the_vocabulary():
    assert {*checklist.ASSESSED, checklist.NOT_ASSESSED} == set(ASSESSMENT_STATUSES)


def test_answers_go_through_the_edit_path_and_progress_follows(desk):
    codes = _codes(desk)
    rec = records.create(desk, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": "t"})
    uid = checklist.assess(desk, "KEN", T, 1, codes[0], status="met", evidence="Section 3 cites UPR", links=[rec])
    checklist.assess(desk, "KEN", T, 1, codes[1], status="not met", evidence="No LNOB analysis")
    checklist.assess(desk, "KEN", T, 1, codes[2], status="partly met")
    checklist.assess(desk, "KEN", T, 1, codes[3], evidence="draft only")  # evidence, no status yet
    row = records.get(desk, "assessments", uid)
    assert row["rev"] == "1" and row["assessed_on"] and row["links"] == rec
    overall, sections = checklist.progress(desk, "KEN", T, 1)
    assert (overall.items, overall.assessed) == (len(codes), 3)
    assert overall.statuses["met"] == 1 and overall.share("met") == pytest.approx(1 / len(codes))
    assert sum(s.items for s in sections) == len(codes) and sections[0].section
    assert [g.item.code for g in checklist.gaps(desk, "KEN", T, 1)] == [codes[1], codes[2]]
    unlinked = {i.code for i in checklist.unlinked_items(desk, "KEN", T, 1)}
    assert codes[0] not in unlinked and codes[1] in unlinked
    checklist.assess(desk, "KEN", T, 1, codes[1], status="partly met")
    assert records.get(desk, "assessments", checklist.answers(desk, "KEN", T, 1)[codes[1]].uid)["rev"] == "2"


def test_an_unknown_item_or_status_is_refused(desk):
    with pytest.raises(records.EditRefused, match="no item ZZ-1"):
        checklist.assess(desk, "KEN", T, 1, "ZZ-1", status="met")
    with pytest.raises(records.EditRefused, match="'done' is not one of"):
        checklist.assess(desk, "KEN", T, 1, _codes(desk)[0], status="done")
    assert checklist.answers(desk, "KEN", T, 1) == {}


@pytest.fixture
def version_two(desk):
    """HQ's version 2: item 1 reworded, item 2 dropped, one new item; the rest unchanged."""
    old = checklist.items(desk, T, 1)
    with desk.transaction() as session:
        session.add(ChecklistTemplate(template=T, version=2, source="package"))
        for item in old[:1]:
            session.add(
                ChecklistItem(
                    template=T,
                    version=2,
                    code=item.code,
                    section=item.section,
                    position=1,
                    text=item.text + " (revised)",
                    guidance=item.guidance,
                )
            )
        for item in old[2:]:
            session.add(
                ChecklistItem(
                    template=T,
                    version=2,
                    code=item.code,
                    section=item.section,
                    position=item.position,
                    text=item.text,
                    guidance=item.guidance,
                )
            )
        session.add(ChecklistItem(template=T, version=2, code="NEW-1", section="Data", position=99, text="New"))
    return old


def test_a_new_version_carries_unchanged_answers_and_flags_changed_ones(desk, version_two):
    codes = [i.code for i in version_two]
    for code, status in zip(codes[:4], ("met", "not met", "partly met", "met"), strict=True):
        checklist.assess(desk, "KEN", T, 1, code, status=status, evidence=f"evidence {code}")
    plan = checklist.start_new_version(desk, "KEN", T, 1, 2)
    assert plan.review == [codes[0]] and plan.gone == [codes[1]] and plan.new == ["NEW-1"]
    assert codes[2] in plan.carried and codes[3] in plan.carried
    carried = checklist.answers(desk, "KEN", T, 2)
    assert set(carried) == {codes[2], codes[3]}
    assert (carried[codes[2]].status, carried[codes[2]].evidence) == ("partly met", f"evidence {codes[2]}")
    assert len(checklist.answers(desk, "KEN", T, 1)) == 4  # the previous assessment stays as it was
    checklist.start_new_version(desk, "KEN", T, 1, 2)  # again: nothing duplicated
    assert len(checklist.answers(desk, "KEN", T, 2)) == 2


def test_comparing_two_assessments_says_what_improved_and_slipped(desk, version_two):
    codes = [i.code for i in version_two]
    checklist.assess(desk, "KEN", T, 1, codes[2], status="not met")
    checklist.assess(desk, "KEN", T, 1, codes[3], status="met")
    checklist.assess(desk, "KEN", T, 2, codes[2], status="met")
    checklist.assess(desk, "KEN", T, 2, codes[3], status="partly met")
    changes = {c.code: c.change for c in checklist.compare_assessments(desk, "KEN", T, 1, 2)}
    assert changes[codes[2]] == "improved" and changes[codes[3]] == "slipped"
    assert changes[codes[0]] == "changed item" and changes["NEW-1"] == "new" and changes[codes[1]] == "gone"


def test_the_assessment_workbook_lists_every_item_with_its_answer(desk, tmp_path):
    from openpyxl import load_workbook

    from tcdesk.services.checklist_export import export_assessment

    codes = _codes(desk)
    rec = records.create(
        desk,
        "recommendations",
        {"country": "KEN", "mechanism": "UPR", "text": "t", "document": "A/HRC/55/11", "paragraph": "140.12"},
    )
    checklist.assess(desk, "KEN", T, 1, codes[0], status="met", evidence="=cited", links=[rec])
    path = tmp_path / "cca.xlsx"
    export_assessment(desk, "KEN", T, 1, path)
    sheet = load_workbook(path)["Assessment"]
    assert sheet.max_row == 3 + len(codes)
    assert [sheet["B4"].value, sheet["D4"].value, sheet["E4"].value, sheet["F4"].value] == [
        codes[0],
        "met",
        "=cited",
        "A/HRC/55/11 140.12",
    ]
    assert sheet["D5"].value == "not assessed" and sheet.freeze_panes == "B4"
    progress = load_workbook(path)["Progress"]
    assert progress.cell(row=progress.max_row, column=1).value == "All sections"
    assert progress.cell(row=progress.max_row, column=3).value == 1
