"""``tcdesk briefing ISO3 OUT.pdf``: through ``run()`` directly, and end to end as a user runs it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tcdesk.briefing import cli
from tests.briefing.pdf import read

ROOT = Path(__file__).resolve().parents[2]


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tcdesk")
    cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["briefing", *argv])


def test_run_writes_the_briefing(demo_store, tmp_path, capsys):
    out = tmp_path / "xvl.pdf"
    assert cli.run(demo_store, parse("xvl", str(out))) == 0
    printed = capsys.readouterr().out
    assert str(out) in printed and "pages" in printed
    briefing = read(out)
    assert briefing.titles(level=0)[0] == "Cover"
    assert briefing.pages[0].count("UN INTERNAL") >= 2


def test_run_options(demo_store, tmp_path):
    out = tmp_path / "xvl.pdf"
    args = parse(
        "XVL",
        str(out),
        "--sections",
        "annex,cover",
        "--marking",
        "Confidential",
        "--all-clusters",
        "--not-implemented-only",
    )
    assert args.sections == ("annex", "cover")
    assert cli.run(demo_store, args) == 0
    briefing = read(out)
    assert briefing.titles(level=0) == ["Cover", "Contents", "Annex  Recommendations by cluster"]
    assert "CONFIDENTIAL" in briefing.pages[0]
    assert briefing.contains("Recommendations in no cluster")
    assert briefing.contains("All clusters, recommendations not yet implemented")


def test_unknown_country_exits_1_with_the_reason(demo_store, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert cli.run(demo_store, parse("ZZZ", str(out))) == 1
    error = capsys.readouterr().err
    assert error.startswith("tcdesk: no country ZZZ in the store") and "XVL (Republic of Veltrana)" in error
    assert not out.exists()


def test_missing_font_exits_1_with_the_reason(demo_store, tmp_path, capsys, monkeypatch):
    empty = tmp_path / "fonts"
    empty.mkdir()
    monkeypatch.setenv("TCDESK_FONT_DIRS", str(empty))
    out = tmp_path / "x.pdf"
    assert cli.run(demo_store, parse("XVL", str(out))) == 1
    error = capsys.readouterr().err
    assert "No font for Latin and Cyrillic text" in error and "fonts-dejavu-core" in error
    assert not out.exists()


def test_unknown_section_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        parse("XVL", "out.pdf", "--sections", "cover,maps")
    assert exited.value.code == 2
    assert "unknown section maps" in capsys.readouterr().err


def test_the_command_line_writes_a_briefing(demo_store, tmp_path):
    """``python -m ui --data-dir D briefing XVL out.pdf``, as HQ's scripts would call it."""
    from tcdesk.cli import build_parser

    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    if "briefing" not in commands.choices:
        pytest.skip("the briefing command is not wired into tcdesk/cli.py yet")
    data = demo_store.data_dir.root
    demo_store.close()
    out = tmp_path / "out.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui",
            "--data-dir",
            str(data),
            "briefing",
            "XVL",
            str(out),
            "--sections",
            "cover,figures",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert read(out).titles(level=0) == ["Cover", "Contents", "1  Key figures"]
    unknown = subprocess.run(
        [sys.executable, "-m", "ui", "--data-dir", str(data), "briefing", "ZZZ", str(tmp_path / "z.pdf")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert unknown.returncode == 1 and "no country ZZZ" in unknown.stderr
