"""``clusters suggest ISO3 [--json] [-k N]``: run() on a real store, and the real command once it is wired."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from tcdesk.clustering import cli
from tcdesk.services import demo, records
from tcdesk.store.db import open_store

from .synthetic import TOPICS


def _parse(*argv):
    parser = argparse.ArgumentParser(prog="tcdesk")
    cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(list(argv))


@pytest.fixture
def ken(office_store):
    for texts in TOPICS.values():
        for text in texts:
            records.create(office_store, "recommendations", {"country": "KEN", "mechanism": "UPR", "text": text})
    return office_store


def test_json_lists_every_unclustered_uid(ken, capsys):
    assert cli.run(ken, _parse("clusters", "suggest", "ken", "--json", "-k", "3")) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 3
    for entry in listed:
        assert set(entry) == {"title", "explanation", "terms", "themes", "sdg_goals", "uids"}
        assert entry["title"] and entry["uids"]
        assert all(isinstance(term, str) and weight > 0 for term, weight in entry["terms"])
    assert sum(len(e["uids"]) for e in listed) == sum(len(t) for t in TOPICS.values())


def test_human_output_numbers_the_suggestions(ken, capsys):
    assert cli.run(ken, _parse("clusters", "suggest", "KEN", "-k", "3")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "KEN: 24 unclustered recommendations, 3 suggested clusters"
    assert out[1].startswith("1. ") and out[1].endswith(")")
    assert out[2].strip().startswith(tuple(f"{n} recommendations" for n in range(1, 25)))


def test_nothing_to_suggest(office_store, capsys):
    assert cli.run(office_store, _parse("clusters", "suggest", "KEN")) == 0
    assert capsys.readouterr().out.strip() == "KEN: no unclustered recommendations"
    assert cli.run(office_store, _parse("clusters", "suggest", "KEN", "--json")) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_bad_country_code_is_refused(office_store, capsys):
    assert cli.run(office_store, _parse("clusters", "suggest", "Kenya")) == 1
    assert "not an ISO 3166-1 alpha-3" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["0", "-2", "many"])
def test_k_must_be_a_positive_number(bad, capsys):
    with pytest.raises(SystemExit) as exit_info:
        _parse("clusters", "suggest", "KEN", "-k", bad)
    assert exit_info.value.code == 2


def test_the_parser_stays_free_of_numpy():
    code = "import sys, tcdesk.clustering.cli; sys.exit('numpy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def _wired() -> bool:
    from tcdesk.cli import build_parser

    try:
        build_parser().parse_args(["clusters", "suggest", "XVL"])
    except SystemExit:
        return False
    return True


@pytest.mark.skipif(not _wired(), reason="'clusters' is not wired into tcdesk/cli.py yet")
def test_the_real_command_prints_json(data_dir):
    store = open_store(data_dir)
    demo.load_demo(store)
    store.close()
    result = subprocess.run(
        [sys.executable, "-m", "ui", "--data-dir", str(data_dir.root), "clusters", "suggest", "XVL", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert listed and all(entry["uids"] for entry in listed)
