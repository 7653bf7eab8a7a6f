"""Checks on a workbook file before any spreadsheet parser sees it (PACKAGE-FORMAT.md, "Safe to open").

A package arrives by email or USB stick from anyone. Before parsing we check, from the zip's central
directory and a bounded streaming pass: the file size, that it is a zip holding an Excel workbook, the
declared uncompressed size, no macros or external links, and no DTD in any XML part (which is what entity
bombs need). Python's zipfile stops at each member's declared size and checks its CRC, so a member that
lies about its size is caught without inflating more than the limit. The same pass notes which sheets
hold formula cells: those are read as their formula text, never evaluated.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import defusedxml.ElementTree as SafeET

from tcdesk.sync.errors import PackageRefused

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
MAX_DATA_ROWS = 1_000_000
_CHUNK = 1024 * 1024
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}


@dataclass
class Container:
    """What the safety pass learned: sheet name → part, and which sheets hold formulas."""

    sheet_parts: dict[str, str] = field(default_factory=dict)
    formula_sheets: set[str] = field(default_factory=set)
    uncompressed_bytes: int = 0
    row_elements: int = 0


def _refuse(path: Path, reason: str) -> PackageRefused:
    return PackageRefused(f"{path.name} was refused: {reason}")


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, want_formulas: bool) -> tuple[bool, int]:
    """Stream one XML part: refuse a DTD in its prolog (the only place XML allows one); for sheets, also
    tell whether it holds a formula and count its rows. Other parts are read only up to their root."""
    has_formula = False
    rows = 0
    tail = b""
    in_prolog = True
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if in_prolog:
                if _DTD.search(window):
                    raise ValueError(f"{info.filename} declares a DTD or XML entities")
                in_prolog = not _ROOT_ELEMENT.search(window.lstrip(b"\xef\xbb\xbf")[1:])
                if not in_prolog and not want_formulas:
                    break
            if want_formulas:
                # Count in the carried-over tail plus the chunk, minus the tail: a tag split across two
                # chunks is counted once.
                rows += sum(window.count(tag) - tail.count(tag) for tag in (b"<row ", b"<row>"))
                has_formula = has_formula or bool(_FORMULA.search(window))
            tail = chunk[-16:]
    return has_formula, rows


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    workbook = SafeET.fromstring(archive.read("xl/workbook.xml"))
    rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("pr:Relationship", _NS)}
    parts: dict[str, str] = {}
    for sheet in workbook.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts[sheet.get("name", "")] = part
    return parts


def inspect(path: Path) -> Container:
    """Refuse what is unsafe or not a workbook; describe the rest. Reads at most the declared sizes."""
    if not path.is_file():
        raise _refuse(path, "the file does not exist or is not a file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"it is {size / 1e6:.1f} MB on disk; packages are limited to 50 MB")
    if not zipfile.is_zipfile(path):
        raise _refuse(path, "it is not an Excel workbook (.xlsx)")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED_BYTES:
                raise _refuse(path, f"it unpacks to {total / 1e6:.0f} MB; packages are limited to 500 MB")
            names = {i.filename for i in infos}
            if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
                raise _refuse(path, "it is not an Excel workbook (.xlsx): no workbook part inside")
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise _refuse(path, "it contains macros; packages never do")
            if any(n.startswith("xl/externalLinks/") for n in names):
                raise _refuse(path, "it links to other files; packages never do")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    _scan_part(archive, info, want_formulas=False)
            container = Container(sheet_parts=_sheet_parts(archive), uncompressed_bytes=total)
            for name, part in container.sheet_parts.items():
                if part not in names:
                    continue
                has_formula, rows = _scan_part(archive, archive.getinfo(part), want_formulas=True)
                container.row_elements += max(rows - 1, 0)
                if has_formula:
                    container.formula_sheets.add(name)
                if container.row_elements > MAX_DATA_ROWS:
                    raise _refuse(path, f"it holds more than {MAX_DATA_ROWS:,} data rows")
    except PackageRefused:
        raise
    except ValueError as exc:  # a DTD, or entity declarations
        raise _refuse(path, f"it contains XML entity declarations ({exc}); packages never do") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, SafeET.ParseError) as exc:
        raise _refuse(path, f"the workbook is damaged ({exc})") from None
    except Exception as exc:  # defusedxml's own refusals (DTDForbidden, EntitiesForbidden, …)
        raise _refuse(path, f"the workbook's structure is unsafe or damaged ({type(exc).__name__})") from None
    return container
