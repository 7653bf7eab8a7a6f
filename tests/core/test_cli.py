"""The command-line contract of ARCHITECTURE.md, run as a user would: a real process, a real data folder."""

from __future__ import annotations

import subprocess
import sys

import pytest

import tcdesk
from tcdesk.services import records, settings
from tcdesk.store.db import open_store


def tcdesk_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )


def test_version():
    result = tcdesk_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"tcdesk {tcdesk.__version__}"


def test_office_sets_and_shows_the_code(tmp_path):
    assert tcdesk_cli("--data-dir", str(tmp_path), "office", "KEN-HRA").returncode == 0
    shown = tcdesk_cli("--data-dir", str(tmp_path), "office")
    assert shown.stdout.strip() == "KEN-HRA"


def test_office_refuses_a_bad_code(tmp_path):
    result = tcdesk_cli("--data-dir", str(tmp_path), "office", "ken hra!")
    assert result.returncode == 1
    assert "not an office code" in result.stderr


@pytest.fixture
def seeded(data_dir):
    store = open_store(data_dir)
    settings.set_office_code(store, "KEN-HRA")
    uid = records.create(store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": "Adopt a law"})
    store.close()
    return data_dir, uid


def _row(data_dir, uid):
    store = open_store(data_dir)
    try:
        return records.get(store, "recommendations", uid)
    finally:
        store.close()


def test_edit_changes_the_record_with_a_new_revision(seeded):
    data_dir, uid = seeded
    result = tcdesk_cli(
        "--data-dir",
        str(data_dir.root),
        "edit",
        "recommendations",
        uid,
        "implementation_status=in progress",
        "notes=Ministry briefed",
    )
    assert result.returncode == 0, result.stderr
    row = _row(data_dir, uid)
    assert (row["rev"], row["implementation_status"], row["notes"]) == (
        "2",
        "in progress",
        "Ministry briefed",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["implementation_status=done"],
            "implementation_status: 'done' is not one of not started, in progress, partially implemented, implemented",
        ),
        (["colour=blue"], "unknown column 'colour'"),
        (["notes=ok", "issued_on=yesterday"], "issued_on: 'yesterday' is not a date"),
    ],
)
def test_edit_refuses_bad_input_with_exit_1_and_changes_nothing(seeded, args, message):
    data_dir, uid = seeded
    before = _row(data_dir, uid)
    result = tcdesk_cli("--data-dir", str(data_dir.root), "edit", "recommendations", uid, *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert _row(data_dir, uid) == before


def test_edit_an_unknown_uid_exits_1(seeded):
    data_dir, _ = seeded
    result = tcdesk_cli(
        "--data-dir",
        str(data_dir.root),
        "edit",
        "recommendations",
        "00000000-0000-4000-8000-000000000000",
        "notes=x",
    )
    assert result.returncode == 1
    assert "no recommendations record with uid 00000000-0000-4000-8000-000000000000" in result.stderr


def test_usage_errors_exit_2(seeded):
    data_dir, uid = seeded
    assert tcdesk_cli("--data-dir", str(data_dir.root), "edit", "recommendations", uid, "notes").returncode == 2
    assert tcdesk_cli("frobnicate").returncode == 2


def test_data_dir_from_the_environment(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TCDESK_DATA_DIR": str(tmp_path / "env-dir")}
    result = subprocess.run(
        [sys.executable, "-m", "ui", "office", "HQ"], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env-dir" / "tcdesk.sqlite3").exists()


def test_import_recognises_a_uhri_export_by_content(seeded, tmp_path):
    from tests.uhri.exports import Annotation, new_id, uid_of, write_json, write_xlsx

    data_dir, _ = seeded
    annotation = Annotation(
        id=new_id(),
        text="Ratify the Optional Protocol to the Convention against Torture",
        body="UPR",
        states=("Chile",),
        position="Supported",
        session=49,
        sdgs=("16.3 - Promote the rule of law",),
    )
    excel = write_xlsx(tmp_path / "uhri-export.json", [annotation])  # a misleading name: content decides
    result = tcdesk_cli("--data-dir", str(data_dir.root), "import", str(excel))
    assert result.returncode == 0, result.stderr
    row = _row(data_dir, uid_of(annotation.id))
    assert (row["country"], row["response"], row["sdg_targets"], row["cycle"]) == ("KEN", "supported", "16.3", "4")
    again = tcdesk_cli("--data-dir", str(data_dir.root), "import", str(write_json(tmp_path / "e.xlsx", [annotation])))
    assert again.returncode == 0, again.stderr
    assert _row(data_dir, uid_of(annotation.id))["rev"] == row["rev"]  # same content: no new revision
