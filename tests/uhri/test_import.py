"""Importing UHRI exports into the store: deterministic uids, updates of UHRI's columns only, all or nothing."""

from __future__ import annotations

import argparse
import datetime as dt
import json

import pytest
from sqlmodel import col, select

from tcdesk.services import records, uhri_import
from tcdesk.store.models import ExchangeLogEntry, Recommendation
from tcdesk.sync.errors import Cancelled
from tcdesk.uhri import cli as uhri_cli
from tcdesk.uhri import importer
from tests.uhri.exports import KENYA, UNUSABLE, new_id, uid_of, upr_info_annotations, write_json, write_xlsx


def _all(store) -> dict[str, dict]:
    """Every recommendation and cluster membership, as plain values, to compare whole stores."""
    with store.session() as session:
        recs = {r.uid: r.model_dump() for r in session.exec(select(Recommendation))}
        members = sorted(
            tuple(m)
            for m in session.exec(select(records.ClusterMember.cluster_uid, records.ClusterMember.recommendation_uid))
        )
        counter = records.settings.read(session, records.settings.CHANGE_COUNTER, "0")
    return {"recommendations": recs, "members": members, "counter": counter}


def _rec(store, uid: str) -> dict[str, str]:
    return records.get(store, "recommendations", uid)


def test_first_import_creates_local_records_with_deterministic_uids(office_store, tmp_path):
    path = write_xlsx(tmp_path / "kenya.xlsx", KENYA)
    outcome = uhri_import.import_uhri(office_store, path)
    assert outcome.applied and not outcome.refused, outcome.report()
    # 7 recommendations (one of them concerns Kenya and Tanzania: 2 records); the observation is skipped.
    assert (outcome.new, outcome.updated, outcome.unchanged, outcome.unusable) == (8, 0, 0, 0)
    assert outcome.countries == {"KEN": 7, "TZA": 1}
    assert outcome.skipped == {"annotations of type 'Concerns/Observations' (not recommendations)": 1}

    upr = _rec(office_store, uid_of(KENYA[0].id))
    assert upr | {"updated_at": ""} == {
        "uid": uid_of(KENYA[0].id),
        "rev": "1",
        "base_rev": "0",
        "updated_at": "",
        "updated_by": "KEN-HRA",
        "deleted": "0",
        "country": "KEN",
        "mechanism": "UPR",
        "body": "UPR",
        "cycle": "3",
        "session": "35",
        "document": "A/HRC/44/9",
        "paragraph": "142.35",
        "recommending_state": "Denmark",
        "text": KENYA[0].text,
        "response": "supported",
        "issued_on": "2020-03-27",
        "themes": "Acceptance of international norms\nTorture and other cruel, inhuman or degrading treatment",
        "affected_persons": "Persons deprived of their liberty",
        "sdg_targets": "16.3",  # the goal-level label "16 - PEACE…" is reported, not stored
        "implementation_status": "",
        "notes": "",
    }
    assert _rec(office_store, uid_of(KENYA[1].id))["recommending_state"] == "Portugal; Bolivia (Plurinational State of)"
    assert _rec(office_store, uid_of(KENYA[2].id))["response"] == ""  # "Partially supported" is not guessed
    cedaw = _rec(office_store, uid_of(KENYA[3].id))
    assert (cedaw["mechanism"], cedaw["body"], cedaw["cycle"], cedaw["sdg_targets"]) == ("TB", "CEDAW", "", "5.1\n5.c")
    food = _rec(office_store, uid_of(KENYA[5].id))
    assert (food["mechanism"], food["body"]) == ("SP", "Special Rapporteur on the right to food")
    assert food["text"] == KENYA[5].text  # Arabic, unchanged
    # The annotation about two countries: one record per country, uid from (annotation id, ISO3).
    assert _rec(office_store, uid_of(KENYA[6].id, "KEN"))["country"] == "KEN"
    assert _rec(office_store, uid_of(KENYA[6].id, "TZA"))["country"] == "TZA"
    # Created here: changes to send, each with its own change mark.
    with office_store.session() as session:
        marks = [r.local_change for r in session.exec(select(Recommendation))]
    assert None not in marks and len(set(marks)) == 8
    assert any("goal level only" in n and "goal 16 (1)" in n for n in outcome.notes)
    assert any("'Partially supported'" in n for n in outcome.notes)


def test_reimporting_the_same_file_changes_nothing(office_store, tmp_path):
    path = write_xlsx(tmp_path / "kenya.xlsx", KENYA)
    uhri_import.import_uhri(office_store, path)
    before = _all(office_store)
    again = uhri_import.import_uhri(office_store, path)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 8)
    assert "nothing changed" in again.report()
    assert _all(office_store) == before
    # The same annotations from the JSON export are the same records, unchanged.
    same = uhri_import.import_uhri(office_store, write_json(tmp_path / "kenya.json", KENYA))
    assert (same.new, same.updated, same.unchanged) == (0, 0, 8), same.report()
    with office_store.session() as session:
        log = list(session.exec(select(ExchangeLogEntry).where(ExchangeLogEntry.kind == "uhri-xlsx")))
    assert len(log) == 1 and json.loads(log[0].counts)["recommendations"]["inserted"] == 8


def test_a_newer_export_updates_uhri_columns_and_keeps_local_work(office_store, tmp_path):
    uhri_import.import_uhri(office_store, write_xlsx(tmp_path / "v1.xlsx", KENYA))
    first, cedaw, food = uid_of(KENYA[0].id), uid_of(KENYA[3].id), uid_of(KENYA[5].id)
    # Local work between the two exports: status, notes, a cluster; a session entered by hand on a TB record.
    records.update(
        office_store, "recommendations", first, {"implementation_status": "in progress", "notes": "NPM bill"}
    )
    records.update(office_store, "recommendations", cedaw, {"session": "68", "paragraph": "23 (a)"})
    cluster = records.create(office_store, "clusters", {"country": "KEN", "title": "Torture prevention"})
    records.set_cluster_members(office_store, cluster, [first, cedaw])
    revs = {uid: _rec(office_store, uid)["rev"] for uid in (first, cedaw, food)}

    newer = list(KENYA)
    newer[0] = KENYA[0].but(
        text=KENYA[0].text.replace("mechanism.", "mechanism with adequate resources."),
        themes=("Torture and other cruel, inhuman or degrading treatment",),
        sdgs=("16.3 - Promote the rule of law", "16.a - Strengthen national institutions"),
    )
    newer[3] = KENYA[3].but(sdgs=("5.1 - End discrimination against women and girls",))
    newer.append(KENYA[0].but(id=new_id(), text="142.36 Adopt a law on the prevention of torture."))
    path = write_xlsx(tmp_path / "v2.xlsx", newer)

    preview = uhri_import.preview_uhri(office_store, path)
    assert (preview.new, preview.updated, preview.unchanged) == (1, 2, 6)
    assert preview.changed_columns == {"text": 1, "themes": 1, "sdg_targets": 2}
    outcome = uhri_import.import_uhri(office_store, path)
    assert (outcome.new, outcome.updated, outcome.unchanged) == (1, 2, 6)

    updated = _rec(office_store, first)
    assert updated["text"].endswith("with adequate resources.")
    assert updated["themes"] == "Torture and other cruel, inhuman or degrading treatment"
    assert updated["sdg_targets"] == "16.3\n16.a"
    assert (updated["implementation_status"], updated["notes"]) == ("in progress", "NPM bill")
    assert int(updated["rev"]) == int(revs[first]) + 1 and updated["updated_by"] == "KEN-HRA"
    cedaw_now = _rec(office_store, cedaw)
    assert cedaw_now["sdg_targets"] == "5.1"
    assert (cedaw_now["session"], cedaw_now["paragraph"]) == ("68", "23 (a)")  # UHRI has none: kept
    assert _rec(office_store, food)["rev"] == revs[food]  # unchanged: no new revision
    with office_store.session() as session:
        assert records.cluster_members(session, cluster) == sorted([first, cedaw])
        assert len(session.exec(select(Recommendation)).all()) == 9  # never duplicated


def test_a_recommendation_deleted_here_stays_deleted(office_store, tmp_path):
    path = write_xlsx(tmp_path / "kenya.xlsx", KENYA)
    uhri_import.import_uhri(office_store, path)
    records.delete_record(office_store, "recommendations", uid_of(KENYA[1].id))
    outcome = uhri_import.import_uhri(office_store, path)
    assert (outcome.new, outcome.updated, outcome.unchanged) == (0, 0, 7)
    assert outcome.skipped["recommendations deleted in this store (left deleted)"] == 1
    with office_store.session() as session:
        assert session.get(Recommendation, uid_of(KENYA[1].id)).deleted


def test_an_annotation_whose_countries_change_finds_its_record(office_store, tmp_path):
    shared = KENYA[6]
    uhri_import.import_uhri(office_store, write_xlsx(tmp_path / "v1.xlsx", [shared.but(countries=("Kenya",))]))
    assert _rec(office_store, uid_of(shared.id))["country"] == "KEN"
    outcome = uhri_import.import_uhri(office_store, write_xlsx(tmp_path / "v2.xlsx", [shared]))
    assert (outcome.new, outcome.unchanged) == (1, 1)  # Tanzania added; Kenya's record is the one from v1
    assert _rec(office_store, uid_of(shared.id, "TZA"))["country"] == "TZA"
    with office_store.session() as session:
        assert len(session.exec(select(Recommendation)).all()) == 2


def test_an_annotation_moved_to_another_country_never_reuses_a_uid(office_store, tmp_path):
    a = KENYA[4]
    uhri_import.import_uhri(office_store, write_xlsx(tmp_path / "v1.xlsx", [a]))
    outcome = uhri_import.import_uhri(office_store, write_xlsx(tmp_path / "v2.xlsx", [a.but(countries=("Uganda",))]))
    assert outcome.new == 1
    assert _rec(office_store, uid_of(a.id))["country"] == "KEN"  # left as it was: the country is the office's
    assert _rec(office_store, uid_of(a.id, "UGA"))["country"] == "UGA"


def test_restricting_the_import_to_some_countries(office_store, tmp_path):
    path = write_xlsx(tmp_path / "kenya.xlsx", KENYA)
    outcome = uhri_import.import_uhri(office_store, path, countries=["TZA"])
    assert outcome.new == 1 and outcome.countries == {"TZA": 1}
    assert outcome.skipped["annotations about other countries"] == 6


def test_unusable_rows_are_listed_and_the_file_refused_unless_asked(office_store, tmp_path):
    path = write_xlsx(tmp_path / "kenya.xlsx", KENYA + UNUSABLE)
    preview = uhri_import.preview_uhri(office_store, path)
    assert preview.unusable == 3 and preview.new == 8
    assert preview.problems == [
        "row 10 Text: is empty",
        "row 11 Countries Concerned: no country recognised in 'Atlantis'",
        "row 12 OHCHR Annotation Id: 'not-an-annotation-id' is not an annotation id (a UUID)",
    ]
    assert "--skip-unusable" in preview.report()

    refused = uhri_import.import_uhri(office_store, path)
    assert refused.refused.startswith("kenya.xlsx was refused: 3 rows cannot be imported")
    assert "row 11 Countries Concerned" in refused.report()
    assert _all(office_store)["recommendations"] == {}

    done = uhri_import.import_uhri(office_store, path, skip_unusable=True)
    assert done.applied and done.new == 8 and done.unusable == 3
    assert "3 unusable rows were left out" in done.report()


def test_json_problems_name_the_item(office_store, tmp_path):
    path = write_json(tmp_path / "kenya.json", KENYA[:1] + UNUSABLE, items=["not a record"])
    preview = uhri_import.preview_uhri(office_store, path)
    assert preview.problems == [
        "item 2 Text: is empty",
        "item 3 Countries: no country recognised in 'Atlantis'",
        "item 4 AnnotationId: 'not-an-annotation-id' is not an annotation id (a UUID)",
        "item 5 (record): is not a JSON object",
    ]


def test_a_repeated_annotation_id_with_other_content_is_unusable(office_store, tmp_path):
    path = write_xlsx(tmp_path / "twice.xlsx", [KENYA[0], KENYA[0], KENYA[0].but(text="Another text.")])
    preview = uhri_import.preview_uhri(office_store, path)
    assert preview.new == 1 and preview.unusable == 1
    assert preview.skipped == {"repeated rows (same annotation, same content)": 1}
    assert preview.problems == [f"row 4 OHCHR Annotation Id: {KENYA[0].id} is also on row 2 with different content"]


def test_a_row_refused_while_writing_leaves_the_store_unchanged(office_store, tmp_path, monkeypatch):
    uhri_import.import_uhri(office_store, write_xlsx(tmp_path / "v1.xlsx", KENYA[:3]))
    records.update(office_store, "recommendations", uid_of(KENYA[0].id), {"notes": "local note"})
    before = _all(office_store)
    real = importer.read_uhri

    def with_a_bad_row(path, kind, countries=None, **kwargs):
        batch = real(path, kind, countries, **kwargs)
        batch.rows[-1].values["response"] = "acepted"  # passes reading, fails the edit path's validation
        return batch

    monkeypatch.setattr(uhri_import, "read_uhri", with_a_bad_row)
    newer = [KENYA[0].but(text="Changed text."), *KENYA[1:]]
    outcome = uhri_import.import_uhri(office_store, write_xlsx(tmp_path / "v2.xlsx", newer))
    assert outcome.refused and not outcome.applied
    assert "response: 'acepted' is not one of supported, noted" in outcome.refused
    assert "nothing was imported" in outcome.refused
    assert _all(office_store) == before


def test_a_cancelled_import_leaves_the_store_unchanged(office_store, tmp_path):
    uhri_import.import_uhri(office_store, write_xlsx(tmp_path / "v1.xlsx", KENYA[:2]))
    before = _all(office_store)
    many = [KENYA[0].but(id=new_id(), text=f"142.{n} Recommendation number {n}.") for n in range(600)]
    written = {"fraction": 0.0}

    def progress(fraction: float, message: str) -> None:
        if message == "writing recommendations":
            written["fraction"] = fraction

    def cancelled() -> bool:  # once a few hundred rows have gone through the edit path
        return written["fraction"] > 0.6

    with pytest.raises(Cancelled):
        uhri_import.import_uhri(
            office_store, write_xlsx(tmp_path / "v2.xlsx", many), progress=progress, cancelled=cancelled
        )
    assert written["fraction"] > 0.6
    assert _all(office_store) == before


def test_an_error_mid_write_leaves_the_store_unchanged(office_store, tmp_path, monkeypatch):
    uhri_import.import_uhri(office_store, write_xlsx(tmp_path / "v1.xlsx", KENYA[:2]))
    before = _all(office_store)
    real = records.stamp
    calls = {"n": 0}

    def failing(session, record, table):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full")
        real(session, record, table)

    monkeypatch.setattr(records, "stamp", failing)
    newer = [KENYA[0].but(text="Changed."), *KENYA[1:]]
    with pytest.raises(OSError):
        uhri_import.import_uhri(office_store, write_xlsx(tmp_path / "v2.xlsx", newer))
    assert calls["n"] == 5
    assert _all(office_store) == before


def test_an_office_code_is_required(store, tmp_path):
    path = write_xlsx(tmp_path / "kenya.xlsx", KENYA)
    preview = uhri_import.preview_uhri(store, path)
    assert preview.new == 8 and "set this installation's office code" in preview.report()
    outcome = uhri_import.import_uhri(store, path)
    assert "no office code" in outcome.refused
    assert _all(store)["recommendations"] == {}


def test_a_package_or_another_file_is_refused_whole(office_store, tmp_path):
    from tests.sync.packages import rec_row, sheet_of, write_package

    package = tmp_path / "package.xlsx"
    write_package(package, {"recommendations": sheet_of([rec_row(pytest.uid())])})
    assert "is a tcdesk package" in uhri_import.preview_uhri(office_store, package).refused
    other = tmp_path / "notes.json"
    other.write_text('{"hello": "world"}')
    assert "not a UHRI export" in uhri_import.import_uhri(office_store, other).refused
    columns = ["Text", "OHCHR Annotation Id", "Reccomending Body"]
    partial = write_xlsx(tmp_path / "partial.xlsx", [], columns=columns, rows=[["Ratify.", KENYA[0].id, "- UPR"]])
    assert "missing column: Countries Concerned" in uhri_import.import_uhri(office_store, partial).refused


def test_real_upr_texts_from_the_shared_data(office_store, tmp_path):
    """UPR Info's recommendations to Bolivia and the DR Congo (sessions 7-19), as UHRI would export them."""
    annotations = upr_info_annotations({"Bolivia", "Democratic Republic of Congo"})
    assert len(annotations) > 300
    path = write_xlsx(tmp_path / "upr.xlsx", annotations)
    outcome = uhri_import.import_uhri(office_store, path)
    assert outcome.applied and outcome.unusable == 0, outcome.report()
    assert set(outcome.countries) == {"BOL", "COD"}
    assert outcome.new + sum(outcome.skipped.values()) == len(annotations)
    with office_store.session() as session:
        stored = {r.uid: r for r in session.exec(select(Recommendation))}
    for a in annotations[:50]:
        record = stored[uid_of(a.id)]
        assert record.text == a.text and record.session == str(a.session)
        assert record.cycle == ("1" if a.session <= 12 else "2")
        assert record.response == {"Supported": "supported", "Noted": "noted"}[a.position]
    again = uhri_import.import_uhri(office_store, write_json(tmp_path / "upr.json", annotations))
    assert again.new == 0 and again.updated == 0, again.report()


def _args(**values) -> argparse.Namespace:
    return argparse.Namespace(**{"preview": False, "skip_unusable": False, "country": None, **values})


def test_cli_report_and_exit_status(office_store, tmp_path, capsys):
    path = write_xlsx(tmp_path / "kenya.xlsx", KENYA + UNUSABLE)
    assert uhri_cli.run_import(office_store, path, _args(preview=True)) == 0
    out = capsys.readouterr().out
    assert "would import" in out and "8 new" in out and "row 11 Countries Concerned" in out

    assert uhri_cli.run_import(office_store, path, _args()) == 1
    assert "3 rows cannot be imported" in capsys.readouterr().err

    assert uhri_cli.run_import(office_store, path, _args(skip_unusable=True, country=["ken"])) == 0
    out = capsys.readouterr().out
    assert "imported" in out and "7 new" in out and "countries: KEN 7" in out

    assert uhri_cli.run_import(office_store, path, _args(country=["Atlantis"])) == 2


def test_dates_and_sessions_as_uhri_writes_them(office_store, tmp_path):
    rows = [
        [
            "Ensure access to justice.",
            "- Kenya",
            "- UPR",
            "A/HRC/54/11",
            "",
            "",
            "",
            45383.0,
            "- Ghana",
            "- Supported",
            "- Recommendation",
            new_id(),
            "- 44th session",
            "",
            "",
            "",
        ],
        ["Ratify ICRMW.", "Kenya", "UPR", "", "", "", "", "2024-04-01", "Mali", "Noted", "", new_id(), 44, "", "", ""],
    ]
    path = write_xlsx(tmp_path / "dates.xlsx", [], rows=rows)
    outcome = uhri_import.import_uhri(office_store, path)
    assert outcome.new == 2, outcome.report()
    with office_store.session() as session:
        stored = session.exec(select(Recommendation).order_by(col(Recommendation.text))).all()
    assert [(r.issued_on, r.session, r.cycle, r.response) for r in stored] == [
        ("2024-04-01", "44", "4", "supported"),
        ("2024-04-01", "44", "4", "noted"),
    ]
    assert dt.date(1899, 12, 30) + dt.timedelta(days=45383) == dt.date(2024, 4, 1)
