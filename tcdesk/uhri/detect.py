"""What a file is, from its content (never its name): a tcdesk package, a UHRI Excel or JSON export, or neither.

- A zip file goes through the shared safety checks (``tcdesk.sync.safety.inspect``, via
  ``tcdesk.sync.reader.open_workbook``) before any sheet is read: an oversized file, a zip bomb, XML
  entities or macros are refused (``PackageRefused``) whatever the file turns out to be.
  A workbook whose ``manifest`` sheet says ``format = tcdesk-package`` is a **package**; a workbook whose
  first sheet's header holds ``Text``, ``OHCHR Annotation Id`` and ``Reccomending Body`` (UHRI's spelling;
  ``Recommending Body`` is accepted too) is a **UHRI Excel export**.
- A file whose first byte other than white space (and a UTF-8 byte order mark) is ``[`` or ``{``, of at
  most 50 MB, is parsed with ``json``: a non-empty list of objects whose first has ``AnnotationId`` and
  ``Text`` (or an object holding such a list) is a **UHRI JSON export**. A larger JSON file is refused.
- Anything else is None: not for this importer (the package importer then says what it is not).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from tcdesk.sync.errors import PackageRefused
from tcdesk.sync.reader import RawWorkbook, open_workbook
from tcdesk.sync.safety import inspect

PACKAGE = "package"
UHRI_XLSX = "uhri-xlsx"
UHRI_JSON = "uhri-json"
UHRI_KINDS = (UHRI_XLSX, UHRI_JSON)
MAX_JSON_BYTES = 50 * 1024 * 1024
_ZIP = b"PK\x03\x04"
_BOM = b"\xef\xbb\xbf"
_NOT_KEY = re.compile(r"[^0-9a-z]")


def header_key(header: str) -> str:
    """A header as compared: lower case, letters and digits only (``OHCHR Annotation Id`` → ``ohchrannotationid``)."""
    return _NOT_KEY.sub("", header.casefold())


@dataclass
class Sniffed:
    """What ``sniff`` found, with the content it had to read to find it (so it is not read twice)."""

    kind: str | None
    workbook: RawWorkbook | None = None  # the first sheet (and the manifest, if any), read safely
    records: list | None = None  # the parsed JSON records


def detect(path: Path) -> str | None:
    """``"package"``, ``"uhri-xlsx"``, ``"uhri-json"`` or None; PackageRefused for an unsafe or oversized file."""
    return sniff(path).kind


def sniff(path: Path) -> Sniffed:
    """``detect`` keeping what was read: the importer reads an export once."""
    path = Path(path)
    if not path.is_file():
        return Sniffed(None)
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if head.startswith(_ZIP):
        return _sniff_workbook(path)
    start = head.removeprefix(_BOM).lstrip()
    if start[:1] in (b"[", b"{"):
        records = load_json_records(path)
        return Sniffed(UHRI_JSON, records=records) if records is not None else Sniffed(None)
    return Sniffed(None)


def _sniff_workbook(path: Path) -> Sniffed:
    names = list(inspect(path).sheet_parts)  # refuses unsafe files before any parser runs
    if not names:
        return Sniffed(None)
    if "manifest" in names:
        workbook = open_workbook(path, only={"manifest"})
        manifest = workbook.sheets["manifest"]
        if _manifest_format(manifest.header, manifest.rows) == "tcdesk-package":
            return Sniffed(PACKAGE)
    workbook = open_workbook(path, only={names[0]})
    first = workbook.sheets.get(workbook.sheet_names[0]) if workbook.sheet_names else None
    if first is None:
        return Sniffed(None)
    keys = {header_key(h) for h in first.header}
    if {"text", "ohchrannotationid"} <= keys and keys & {"reccomendingbody", "recommendingbody"}:
        return Sniffed(UHRI_XLSX, workbook=workbook)
    return Sniffed(None)


def _manifest_format(header: list[str], rows: list[tuple[int, list[str]]]) -> str:
    if "key" not in header or "value" not in header:
        return ""
    key_at, value_at = header.index("key"), header.index("value")
    for _number, cells in rows:
        if cells[key_at].strip() == "format":
            return cells[value_at].strip()
    return ""


def load_json_records(path: Path) -> list | None:
    """The records of a UHRI JSON export, or None when the file is not one.

    Refuses (PackageRefused) a file over 50 MB before reading it.
    """
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        raise PackageRefused(
            f"{path.name} was refused: it is {size / 1e6:.1f} MB; UHRI exports are limited to 50 MB "
            "(export one country, or fewer years, at a time)"
        )
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if isinstance(data, dict):
        data = next((value for value in data.values() if _is_records(value)), None)
    return data if _is_records(data) else None


def _is_records(value: object) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and isinstance(value[0], dict)
        and "AnnotationId" in value[0]
        and "Text" in value[0]
    )
