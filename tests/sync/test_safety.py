"""Safe to open: hostile files are refused quickly, before a parser inflates or expands anything."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import zipfile

import pytest

from tcdesk.services import exchange
from tcdesk.sync.safety import MAX_DATA_ROWS
from tests.sync.packages import rec_row, sheet_of, write_package


def _refused(store, path):
    started = time.perf_counter()
    outcome = exchange.import_package(store, path, allow_untrusted=True)
    return outcome, time.perf_counter() - started


def test_a_file_that_is_not_a_workbook(field, tmp_path):
    path = tmp_path / "letter.xlsx"
    path.write_text("Dear colleagues, please find attached…")
    outcome, _ = _refused(field, path)
    assert outcome.refused == "letter.xlsx was refused: it is not an Excel workbook (.xlsx)"


def test_a_zip_that_is_not_a_workbook(field, tmp_path):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "x")
    outcome, _ = _refused(field, path)
    assert "no workbook part inside" in outcome.refused


def test_a_workbook_without_manifest_is_not_a_package(field, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "budget.xlsx"
    Workbook().save(path)
    outcome, _ = _refused(field, path)
    assert "not a tcdesk package (no 'manifest' sheet)" in outcome.refused


def test_a_file_over_50_mb_is_refused_unread(field, tmp_path):
    path = tmp_path / "huge.xlsx"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    outcome, seconds = _refused(field, path)
    assert "limited to 50 MB" in outcome.refused and seconds < 1


def _bomb_workbook(path, part_bytes: int) -> None:
    """A real workbook whose sheet part inflates to ``part_bytes`` (mostly spaces: compresses ~1000:1)."""
    good = path.with_name("good.xlsx")
    write_package(good, {"recommendations": sheet_of([rec_row(pytest.uid())])})
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                with target.open(info.filename, "w", force_zip64=True) as part:
                    part.write(data.replace(b"<sheetData>", b"<sheetData>", 1)[:-12])
                    chunk = b" " * (1024 * 1024)
                    for _ in range(part_bytes // len(chunk)):
                        part.write(chunk)
                    part.write(data[-12:])
            else:
                target.writestr(info, data)


def test_a_zip_bomb_is_refused_from_its_declared_size(field, tmp_path):
    path = tmp_path / "bomb.xlsx"
    _bomb_workbook(path, 600 * 1024 * 1024)
    assert path.stat().st_size < 5 * 1024 * 1024
    outcome, seconds = _refused(field, path)
    assert "limited to 500 MB" in outcome.refused
    assert seconds < 2


def test_a_zip_bomb_that_lies_about_its_size_is_caught(field, tmp_path):
    path = tmp_path / "liar.xlsx"
    _bomb_workbook(path, 64 * 1024 * 1024)
    raw = bytearray(path.read_bytes())
    # Rewrite the central directory's uncompressed size of the sheet to a small number.
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet2.xml")
    central = raw.rfind(b"PK\x01\x02", 0, len(raw))
    while central != -1:
        name_length = int.from_bytes(raw[central + 28 : central + 30], "little")
        if raw[central + 46 : central + 46 + name_length] == info.filename.encode():
            break
        central = raw.rfind(b"PK\x01\x02", 0, central)
    extra = raw[
        central + 46 + name_length : central
        + 46
        + name_length
        + int.from_bytes(raw[central + 30 : central + 32], "little")
    ]
    if b"\x01\x00" in extra[:2]:  # zip64 extra field: first 8 bytes are the real size
        offset = central + 46 + name_length + 4
        raw[offset : offset + 8] = (1000).to_bytes(8, "little")
    else:
        raw[central + 24 : central + 28] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    outcome, seconds = _refused(field, path)
    assert outcome.refused and not outcome.applied
    assert seconds < 5


BILLION_LAUGHS = textwrap.dedent("""\
    <?xml version="1.0"?>
    <!DOCTYPE lolz [
     <!ENTITY lol "lol">
     <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
     <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
     <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
     <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
     <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
     <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
     <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
     <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
    ]>
    """)


@pytest.mark.parametrize("part", ["xl/worksheets/sheet2.xml", "xl/workbook.xml", "xl/sharedStrings.xml"])
def test_an_entity_bomb_is_refused_quickly_in_bounded_memory(tmp_path, part):
    good = tmp_path / "good.xlsx"
    write_package(good, {"recommendations": sheet_of([rec_row(pytest.uid())])})
    path = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = BILLION_LAUGHS.encode() + body.replace(b"</", b"&lol9;</", 1)
            target.writestr(info, data)
        if part not in source.namelist():
            target.writestr(part, BILLION_LAUGHS + "<sst>&lol9;</sst>")
    # Run in a fresh process so that its peak memory is this import's alone.
    code = textwrap.dedent(f"""
        import resource, sys, time
        from pathlib import Path
        from tcdesk.paths import DataDir
        from tcdesk.store.db import open_store
        from tcdesk.services import exchange
        store = open_store(DataDir(Path({str(tmp_path / "d")!r})))
        started = time.perf_counter()
        outcome = exchange.import_package(store, Path({str(path)!r}), allow_untrusted=True)
        print(outcome.refused)
        print(time.perf_counter() - started)
        # VmHWM is this process's own peak (ru_maxrss would include the parent's, inherited through fork).
        status = Path("/proc/self/status")
        peak = [l for l in status.read_text().splitlines() if l.startswith("VmHWM:")] if status.exists() else []
        print(int(peak[0].split()[1]) // 1024 if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    refused, seconds, peak_mb = result.stdout.strip().splitlines()
    assert "entity declarations" in refused or "unsafe" in refused, result.stdout + result.stderr
    assert float(seconds) < 2
    assert int(peak_mb) < 300


def test_more_than_a_million_rows_is_refused_before_parsing(tmp_path, field):
    from tcdesk.sync.xlsx_writer import write_workbook

    path = tmp_path / "rows.xlsx"
    header = ["uid"]
    write_workbook(
        path,
        [
            ("manifest", ["key", "value"], [["format", "tcdesk-package"]]),
            ("recommendations", header, ([""] * 0 + ["x"] for _ in range(MAX_DATA_ROWS + 1))),
        ],
    )
    outcome, _ = _refused(field, path)
    assert "more than 1,000,000 data rows" in outcome.refused
