"""The ``manifest`` sheet: what a package is, who sent it, and what it carries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tcdesk.domain.validation import (
    InvalidValue,
    check_iso3,
    check_office,
    check_timestamp,
    check_uid,
    split_list,
)
from tcdesk.domain.vocabulary import PACKAGE_KINDS
from tcdesk.sync.errors import PackageRefused
from tcdesk.sync.reader import RawSheet

FORMAT = "tcdesk-package"
FORMAT_VERSION = 1
REQUIRED = (
    "format",
    "format_version",
    "package_id",
    "kind",
    "origin",
    "target",
    "created_at",
    "sequence",
    "countries",
    "digest",
)
_DIGEST = re.compile(r"^[0-9a-f]{64}$")
_SIGNER = re.compile(r"^[0-9a-f]{16}$")


@dataclass
class Manifest:
    values: dict[str, str]
    package_id: str = ""
    kind: str = ""
    origin: str = ""
    target: str = ""
    created_at: str = ""
    sequence: int = 0
    countries: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    acknowledges: list[str] = field(default_factory=list)
    digest: str = ""
    signer: str = ""
    signature: str = ""


def read_values(sheet: RawSheet | None, file_name: str) -> tuple[dict[str, str], dict[str, int]]:
    """key → value and key → row number; refuses a workbook that is not a tcdesk package."""
    if sheet is None:
        raise PackageRefused(f"{file_name} was refused: it is not a tcdesk package (no 'manifest' sheet)")
    if "key" not in sheet.header or "value" not in sheet.header:
        raise PackageRefused(f"{file_name} was refused: manifest!1: the columns 'key' and 'value' are required")
    key_at, value_at = sheet.header.index("key"), sheet.header.index("value")
    values: dict[str, str] = {}
    rows: dict[str, int] = {}
    duplicates: list[str] = []
    for number, cells in sheet.rows:
        key = cells[key_at].strip()
        if not key:
            continue
        if key in values:
            duplicates.append(f"manifest!{number} key: {key!r} appears twice")
        values[key], rows[key] = cells[value_at], number
    if duplicates:
        raise PackageRefused(f"{file_name} was refused: its manifest is ambiguous", duplicates)
    return values, rows


def check_format(values: dict[str, str], file_name: str) -> None:
    """Format and version first: a newer package must say 'upgrade', not list a hundred problems."""
    if values.get("format", "").strip() != FORMAT:
        raise PackageRefused(
            f"{file_name} was refused: it is not a tcdesk package (manifest format is "
            f"{values.get('format', '')!r}, expected {FORMAT!r})"
        )
    version = values.get("format_version", "").strip()
    major = version.split(".", 1)[0]
    if not major.isdigit():
        raise PackageRefused(f"{file_name} was refused: manifest format_version {version!r} is not a version")
    if int(major) > FORMAT_VERSION:
        raise PackageRefused(
            f"{file_name} was made for package format {version}, newer than this tcdesk understands "
            f"(format {FORMAT_VERSION}). Please upgrade tcdesk to import it."
        )


def parse(values: dict[str, str], rows: dict[str, int]) -> tuple[Manifest, list[str]]:
    """The manifest, and every problem with it as 'manifest!row value: problem'."""
    problems: list[str] = []

    def problem(key: str, text: str) -> None:
        where = f"manifest!{rows[key]} value" if key in rows else "manifest"
        problems.append(f"{where}: {key} {text}")

    manifest = Manifest(values=values)
    for key in REQUIRED:
        if key not in values:
            problem(key, "is missing")
    checks = (
        ("package_id", check_uid),
        ("origin", check_office),
        ("created_at", check_timestamp),
    )
    for key, check in checks:
        if key in values:
            try:
                setattr(manifest, key, check(values[key].strip()))
            except InvalidValue as exc:
                problem(key, str(exc))
    kind = values.get("kind", "").strip()
    if "kind" in values and kind not in PACKAGE_KINDS:
        problem("kind", f"{kind!r} is not one of {', '.join(PACKAGE_KINDS)}")
    manifest.kind = kind
    target = values.get("target", "").strip()
    if "target" in values and target != "*":
        try:
            check_office(target)
        except InvalidValue as exc:
            problem("target", f"{exc} (or * for any office)")
    manifest.target = target
    sequence = values.get("sequence", "").strip()
    if "sequence" in values:
        if sequence.isdigit():
            manifest.sequence = int(sequence)
        else:
            problem("sequence", f"{sequence!r} is not a whole number")
    for code in split_list(values.get("countries", "")):
        try:
            manifest.countries.append(check_iso3(code))
        except InvalidValue as exc:
            problem("countries", str(exc))
    for package_id in split_list(values.get("acknowledges", "")):
        try:
            manifest.acknowledges.append(check_uid(package_id))
        except InvalidValue as exc:
            problem("acknowledges", str(exc))
    manifest.digest = values.get("digest", "").strip()
    if "digest" in values and not _DIGEST.match(manifest.digest):
        problem("digest", "is not 64 lower-case hex characters")
    manifest.signer = values.get("signer", "").strip()
    manifest.signature = values.get("signature", "").strip()
    if manifest.signer and not _SIGNER.match(manifest.signer):
        problem("signer", "is not a key id (16 lower-case hex characters)")
    if bool(manifest.signer) != bool(manifest.signature):
        problem("signature" if manifest.signer else "signer", "must come with both signer and signature")
    for key, value in values.items():
        if key.startswith("rows."):
            if value.strip().isdigit():
                manifest.rows[key[5:]] = int(value.strip())
            else:
                problem(key, f"{value!r} is not a whole number")
    return manifest, problems
