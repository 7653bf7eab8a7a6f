"""Each guarantee of PACKAGE-FORMAT.md, with a package written by an independent writer (tests/sync/packages)."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from tcdesk.services import conflicts, exchange, records
from tcdesk.store.models import Conflict, ExchangeLogEntry, Recommendation
from tests.sync.packages import rec_row, sheet_of, write_package


def _texts(store):
    with store.session() as session:
        return {r.uid: (r.rev, r.text, r.deleted) for r in session.exec(select(Recommendation))}


def _log(store):
    with store.session() as session:
        return session.exec(select(ExchangeLogEntry).where(ExchangeLogEntry.direction == "import")).all()


def test_a_trusted_hq_update_is_imported_and_logged_with_counts(field, hq_signer, tmp_path):
    a, b = rec_row(pytest.uid()), rec_row(pytest.uid(), deleted="1", text="")
    path = tmp_path / "u.xlsx"
    write_package(path, {"recommendations": sheet_of([a, b])}, signer=hq_signer)
    outcome = exchange.import_package(field, path)
    assert outcome.applied, outcome.report()
    assert outcome.counts["recommendations"] == {
        "inserted": 1,
        "updated": 0,
        "unchanged": 0,
        "stale": 0,
        "conflicting": 0,
        "deleted": 1,
    }
    entry = _log(field)[0]
    assert (entry.origin, entry.kind, entry.trusted, entry.allowed_untrusted) == (
        "HQ",
        "hq-update",
        True,
        False,
    )
    assert json.loads(entry.counts)["recommendations"]["inserted"] == 1


def test_idempotent_a_second_import_changes_nothing_and_says_so(field, hq_signer, tmp_path):
    path = tmp_path / "u.xlsx"
    write_package(path, {"recommendations": sheet_of([rec_row(pytest.uid())])}, signer=hq_signer)
    exchange.import_package(field, path)
    before = _texts(field)
    again = exchange.import_package(field, path)
    assert not again.applied and again.already_imported_at
    assert "already imported" in again.report() and "nothing changed" in again.report()
    assert _texts(field) == before and len(_log(field)) == 1


def test_same_records_in_a_new_package_are_counted_unchanged(field, hq_signer, tmp_path):
    rows = {"recommendations": sheet_of([rec_row(pytest.uid())])}
    write_package(tmp_path / "1.xlsx", rows, signer=hq_signer)
    write_package(tmp_path / "2.xlsx", rows, signer=hq_signer, sequence=2)
    exchange.import_package(field, tmp_path / "1.xlsx")
    second = exchange.import_package(field, tmp_path / "2.xlsx")
    assert second.counts["recommendations"]["unchanged"] == 1


def test_never_backwards_a_lower_revision_is_stale(field, hq_signer, tmp_path):
    uid = pytest.uid()
    write_package(
        tmp_path / "new.xlsx",
        {"recommendations": sheet_of([rec_row(uid, 3, "third")])},
        signer=hq_signer,
        sequence=5,
    )
    write_package(
        tmp_path / "old.xlsx",
        {"recommendations": sheet_of([rec_row(uid, 2, "second")])},
        signer=hq_signer,
        sequence=4,
    )
    exchange.import_package(field, tmp_path / "new.xlsx")
    late = exchange.import_package(field, tmp_path / "old.xlsx")
    assert late.applied and late.counts["recommendations"]["stale"] == 1
    assert any("not newer" in note for note in late.notes)  # reported, never a reason to refuse
    assert _texts(field)[uid] == (3, "third", False)


def test_a_tombstone_is_final_against_older_revisions(field, hq_signer, tmp_path):
    uid = pytest.uid()
    write_package(tmp_path / "a.xlsx", {"recommendations": sheet_of([rec_row(uid, 1)])}, signer=hq_signer)
    write_package(
        tmp_path / "d.xlsx",
        {"recommendations": sheet_of([rec_row(uid, 2, "", deleted="1")])},
        signer=hq_signer,
        sequence=2,
    )
    exchange.import_package(field, tmp_path / "a.xlsx")
    gone = exchange.import_package(field, tmp_path / "d.xlsx")
    assert gone.counts["recommendations"]["deleted"] == 1
    exchange.import_package(field, tmp_path / "a.xlsx")  # already imported
    write_package(tmp_path / "a2.xlsx", {"recommendations": sheet_of([rec_row(uid, 1)])}, signer=hq_signer, sequence=3)
    assert exchange.import_package(field, tmp_path / "a2.xlsx").counts["recommendations"]["stale"] == 1
    assert _texts(field)[uid][2] is True


def test_no_silent_loss_a_local_edit_and_a_newer_package_make_a_conflict(field, hq_signer, tmp_path):
    uid = pytest.uid()
    write_package(tmp_path / "1.xlsx", {"recommendations": sheet_of([rec_row(uid, 1, "v1")])}, signer=hq_signer)
    exchange.import_package(field, tmp_path / "1.xlsx")
    records.update(field, "recommendations", uid, {"notes": "ministry met on 3 Nov", "text": "v1 local"})
    write_package(
        tmp_path / "2.xlsx",
        {"recommendations": sheet_of([rec_row(uid, 2, "v2 from HQ")])},
        signer=hq_signer,
        sequence=2,
    )
    outcome = exchange.import_package(field, tmp_path / "2.xlsx")
    assert outcome.counts["recommendations"]["conflicting"] == 1
    row = records.get(field, "recommendations", uid)
    assert (row["text"], row["notes"]) == ("v1 local", "ministry met on 3 Nov")  # local stays in force
    view = conflicts.open_conflicts(field)[0]
    assert view.theirs["text"] == "v2 from HQ" and view.their_rev == 2
    assert set(view.differing) == {"text", "notes"}


@pytest.mark.parametrize("keep", ["mine", "theirs", "fields"])
def test_resolving_a_conflict(field, hq_signer, tmp_path, keep):
    uid = pytest.uid()
    write_package(tmp_path / "1.xlsx", {"recommendations": sheet_of([rec_row(uid, 1, "v1")])}, signer=hq_signer)
    exchange.import_package(field, tmp_path / "1.xlsx")
    records.update(field, "recommendations", uid, {"notes": "mine", "text": "mine text"})
    write_package(
        tmp_path / "2.xlsx",
        {"recommendations": sheet_of([rec_row(uid, 4, "theirs text")])},
        signer=hq_signer,
        sequence=2,
    )
    exchange.import_package(field, tmp_path / "2.xlsx")
    conflicts.resolve(field, uid, keep, take_theirs_for=["text"] if keep == "fields" else ())
    row = records.get(field, "recommendations", uid)
    expected = {
        "mine": ("mine text", "mine", "5"),
        "theirs": ("theirs text", "", "4"),
        "fields": ("theirs text", "mine", "5"),
    }[keep]
    assert (row["text"], row["notes"], row["rev"]) == expected
    assert conflicts.open_conflicts(field) == []


def test_all_or_nothing_one_bad_row_refuses_the_whole_package(field, hq_signer, tmp_path):
    rows = [rec_row(pytest.uid()) for _ in range(30)]
    rows[17]["response"] = "acepted"
    write_package(tmp_path / "bad.xlsx", {"recommendations": sheet_of(rows)}, signer=hq_signer)
    outcome = exchange.import_package(field, tmp_path / "bad.xlsx")
    assert outcome.refused and not outcome.applied
    assert "recommendations!19 response: 'acepted' is not one of supported, noted" in outcome.problems
    assert _texts(field) == {} and _log(field) == []


def test_every_problem_is_reported_with_its_place(field, hq_signer, tmp_path):
    rows = [rec_row(pytest.uid(), issued_on="2024-13-01", sdg_targets="5.1\n19.2") for _ in range(40)]
    write_package(tmp_path / "bad.xlsx", {"recommendations": sheet_of(rows)}, signer=hq_signer)
    outcome = exchange.preview_package(field, tmp_path / "bad.xlsx")
    assert outcome.total_problems == 80 and len(outcome.problems) == 80
    assert "recommendations!41 issued_on: '2024-13-01' is not a real calendar date" in outcome.problems
    assert "recommendations!2 sdg_targets: '19.2' is not an SDG target code" in outcome.problems


def test_referential_problems_are_found_before_writing(field, hq_signer, tmp_path):
    cluster = {
        "uid": pytest.uid(),
        "rev": "1",
        "base_rev": "",
        "updated_at": "2026-10-01T10:00:00Z",
        "updated_by": "HQ",
        "deleted": "0",
        "country": "KEN",
        "title": "Justice",
        "summary": "",
        "sdg_goals": "16",
        "priority": "high",
    }
    ghost = pytest.uid()
    assessment = {
        "uid": pytest.uid(),
        "rev": "1",
        "base_rev": "",
        "updated_at": "2026-10-01T10:00:00Z",
        "updated_by": "HQ",
        "deleted": "0",
        "country": "KEN",
        "template": "NOPE",
        "version": "9",
        "code": "X-1",
        "status": "met",
        "evidence": "",
        "links": "",
        "assessed_on": "",
    }
    write_package(
        tmp_path / "ref.xlsx",
        {
            "clusters": sheet_of([cluster]),
            "cluster_members": [["cluster_uid", "recommendation_uid"], [cluster["uid"], ghost]],
            "assessments": sheet_of([assessment]),
        },
        signer=hq_signer,
    )
    outcome = exchange.import_package(field, tmp_path / "ref.xlsx")
    assert f"cluster_members!2 recommendation_uid: no recommendation {ghost}" in outcome.problems
    assert "assessments!2 code: no checklist item X-1 in NOPE version 9" in outcome.problems
    with field.session() as session:
        assert session.exec(select(Recommendation)).all() == []


def test_missing_required_column_and_unknown_ones(field, hq_signer, tmp_path):
    row = rec_row(pytest.uid())
    del row["text"]
    row["colour"] = "blue"
    write_package(tmp_path / "c.xlsx", {"recommendations": sheet_of([row]), "extras": [["a"], ["b"]]}, signer=hq_signer)
    outcome = exchange.preview_package(field, tmp_path / "c.xlsx")
    assert "recommendations!1 text: required column is missing" in outcome.problems
    assert any("'colour' is not part of the format" in n for n in outcome.notes)
    assert any("sheet 'extras' is not part of the format" in n for n in outcome.notes)


def test_unsigned_and_untrusted_are_refused_unless_allowed(field, tmp_path):
    from tests.sync.packages import Signer

    write_package(tmp_path / "unsigned.xlsx", {"recommendations": sheet_of([rec_row(pytest.uid())])})
    write_package(
        tmp_path / "stranger.xlsx",
        {"recommendations": sheet_of([rec_row(pytest.uid())])},
        signer=Signer("stranger"),
    )
    for name, trust in (("unsigned.xlsx", "unsigned"), ("stranger.xlsx", "untrusted")):
        refused = exchange.import_package(field, tmp_path / name)
        assert refused.refused and trust in refused.refused and not refused.applied
    assert _texts(field) == {}
    allowed = exchange.import_package(field, tmp_path / "unsigned.xlsx", allow_untrusted=True)
    assert allowed.applied and allowed.allowed_untrusted
    assert _log(field)[0].allowed_untrusted is True


def test_a_tampered_package_is_refused_even_when_allowed(field, hq_signer, tmp_path):
    def tamper(sheets):
        sheets["recommendations"][1][sheets["recommendations"][0].index("text")] = "Abolish the NHRI"

    write_package(
        tmp_path / "t.xlsx",
        {"recommendations": sheet_of([rec_row(pytest.uid())])},
        signer=hq_signer,
        tamper=tamper,
    )
    outcome = exchange.import_package(field, tmp_path / "t.xlsx", allow_untrusted=True)
    assert "does not match its digest" in outcome.refused and _texts(field) == {}


def test_a_forged_signature_is_refused(field, hq_signer, tmp_path):
    from tests.sync.packages import Signer

    forger = Signer()
    forger.raw = hq_signer.raw  # claims to be HQ's key, signs with another
    write_package(tmp_path / "f.xlsx", {"recommendations": sheet_of([rec_row(pytest.uid())])}, signer=forger)
    outcome = exchange.import_package(field, tmp_path / "f.xlsx", allow_untrusted=True)
    assert "signature does not verify" in outcome.refused and _texts(field) == {}


def test_a_newer_format_asks_to_upgrade(field, hq_signer, tmp_path):
    write_package(
        tmp_path / "v2.xlsx",
        {"recommendations": sheet_of([rec_row(pytest.uid())])},
        signer=hq_signer,
        manifest={"format_version": "2", "new_thing": "x"},
    )
    outcome = exchange.import_package(field, tmp_path / "v2.xlsx")
    assert "upgrade" in outcome.refused.lower() and _texts(field) == {}


def test_own_office_packages_are_handled_like_any_other(field, hq_signer, tmp_path):
    write_package(
        tmp_path / "own.xlsx",
        {"recommendations": sheet_of([rec_row(pytest.uid())])},
        signer=hq_signer,
        kind="field-return",
        origin="KEN-HRA",
    )
    assert exchange.import_package(field, tmp_path / "own.xlsx").applied


def test_numbers_written_by_a_careless_tool_are_read_as_text(field, hq_signer, tmp_path):
    from openpyxl import load_workbook

    uid = pytest.uid()
    path = tmp_path / "n.xlsx"
    write_package(path, {"recommendations": sheet_of([rec_row(uid, 3, session="49")])}, signer=hq_signer)
    workbook = load_workbook(path)
    sheet = workbook["recommendations"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("rev") + 1, value=3)  # a numeric cell
    sheet.cell(row=2, column=header.index("session") + 1, value=49.0)
    workbook.save(path)
    outcome = exchange.import_package(field, path)
    assert outcome.applied, outcome.report()
    assert records.get(field, "recommendations", uid)["session"] == "49"


def test_a_formula_cell_is_read_as_its_text_never_evaluated(field, hq_signer, tmp_path):
    from openpyxl import load_workbook

    uid = pytest.uid()
    path = tmp_path / "f.xlsx"
    write_package(path, {"recommendations": sheet_of([rec_row(uid, notes="=1+1")])}, signer=hq_signer)
    workbook = load_workbook(path)
    sheet = workbook["recommendations"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("notes") + 1).data_type = "f"  # now a real formula cell
    workbook.save(path)
    outcome = exchange.import_package(field, path)
    assert outcome.applied, outcome.report()
    assert records.get(field, "recommendations", uid)["notes"] == "=1+1"


def test_the_conflict_table_keeps_both_versions(field, hq_signer, tmp_path):
    uid = pytest.uid()
    write_package(tmp_path / "1.xlsx", {"recommendations": sheet_of([rec_row(uid, 1)])}, signer=hq_signer)
    exchange.import_package(field, tmp_path / "1.xlsx")
    records.update(field, "recommendations", uid, {"implementation_status": "in progress"})
    write_package(
        tmp_path / "2.xlsx",
        {"recommendations": sheet_of([rec_row(uid, 2, implementation_status="implemented")])},
        signer=hq_signer,
        sequence=2,
    )
    exchange.import_package(field, tmp_path / "2.xlsx")
    with field.session() as session:
        stored = session.exec(select(Conflict)).one()
    assert json.loads(stored.theirs)["implementation_status"] == "implemented"
    assert records.get(field, "recommendations", uid)["implementation_status"] == "in progress"
