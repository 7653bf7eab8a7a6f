"""Detection by content, never by file name, with the shared safety checks before any sheet is read."""

from __future__ import annotations

import json
import shutil
import time
import zipfile

import pytest

from tcdesk.services import uhri_import
from tcdesk.sync.errors import PackageRefused
from tcdesk.uhri.detect import detect
from tests.sync.packages import rec_row, sheet_of, write_package
from tests.uhri.exports import KENYA, XLSX_COLUMNS, json_item, write_json, write_xlsx


def test_an_excel_export_is_recognised_whatever_its_name(tmp_path):
    path = write_xlsx(tmp_path / "export.xlsx", KENYA)
    disguised = tmp_path / "export.json"
    shutil.copy(path, disguised)
    assert detect(path) == "uhri-xlsx"
    assert detect(disguised) == "uhri-xlsx"


def test_a_json_export_is_recognised_whatever_its_name(tmp_path):
    path = write_json(tmp_path / "export.json", KENYA)
    disguised = tmp_path / "export.xlsx"
    shutil.copy(path, disguised)
    assert detect(path) == "uhri-json"
    assert detect(disguised) == "uhri-json"


def test_json_with_a_byte_order_mark_and_leading_space(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf \n " + json.dumps([json_item(KENYA[0])]).encode())
    assert detect(path) == "uhri-json"


def test_json_wrapped_in_an_object(tmp_path):
    path = tmp_path / "wrapped.json"
    path.write_text(json.dumps({"count": 1, "results": [json_item(KENYA[0])]}))
    assert detect(path) == "uhri-json"


def test_the_corrected_spelling_of_recommending_body_is_accepted(tmp_path):
    columns = [c.replace("Reccomending", "Recommending") for c in XLSX_COLUMNS]
    path = write_xlsx(tmp_path / "corrected.xlsx", KENYA[:2], columns=columns)
    assert detect(path) == "uhri-xlsx"


def test_a_tcdesk_package_is_a_package(tmp_path):
    path = tmp_path / "named-like-uhri-export.json"
    write_package(path, {"recommendations": sheet_of([rec_row(pytest.uid())])})
    assert detect(path) == "package"


@pytest.mark.parametrize(
    "content",
    [
        b"Dear colleagues, please find attached",
        b"",
        b"[1, 2, 3]",
        b"[]",
        b'[{"AnnotationId": "x"}]',
        b'{"Text": "no list"}',
        b"[not json",
    ],
)
def test_other_files_are_not_recognised(tmp_path, content):
    path = tmp_path / "other.json"
    path.write_bytes(content)
    assert detect(path) is None


def test_a_random_workbook_is_not_recognised(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Country", "Budget", "Text"])
    workbook.active.append(["Kenya", 1000, "Training of judges"])
    path = tmp_path / "budget.xlsx"
    workbook.save(path)
    assert detect(path) is None
    assert detect(tmp_path / "missing.xlsx") is None


def test_a_uhri_header_on_a_later_sheet_is_not_enough(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["Anything"])
    workbook.create_sheet("Export").append(XLSX_COLUMNS)
    path = tmp_path / "second.xlsx"
    workbook.save(path)
    assert detect(path) is None


def test_a_json_file_over_50_mb_is_refused_unread(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.write(b"[")
        handle.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(PackageRefused, match="limited to 50 MB"):
        detect(path)


def _with_member(source, target, name: str, data: bytes | None = None, inflated: int = 0):
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            out.writestr(info, original.read(info))
        if data is not None:
            out.writestr(name, data)
        if inflated:
            with out.open(name, "w", force_zip64=True) as part:
                chunk = b"\0" * (4 * 1024 * 1024)
                for _ in range(inflated // len(chunk) + 1):
                    part.write(chunk)
    return target


def test_unsafe_exports_are_refused_by_the_shared_safety_checks(tmp_path, office_store):
    good = write_xlsx(tmp_path / "good.xlsx", KENYA)
    bomb = _with_member(good, tmp_path / "bomb.xlsx", "xl/media/padding.bin", inflated=520 * 1024 * 1024)
    assert bomb.stat().st_size < 5 * 1024 * 1024
    laughs = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(laughs, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + data
            target.writestr(info, data)
    macros = _with_member(good, tmp_path / "macros.xlsx", "xl/vbaProject.bin", b"\0" * 64)

    started = time.perf_counter()
    for path, reason in ((bomb, "limited to 500 MB"), (laughs, "entity declarations"), (macros, "macros")):
        with pytest.raises(PackageRefused, match=reason):
            detect(path)
        outcome = uhri_import.import_uhri(office_store, path)
        assert reason in outcome.refused and not outcome.applied
    assert time.perf_counter() - started < 5
