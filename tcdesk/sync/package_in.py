"""Loading a package: safe read, manifest, digest, signature and validation, all before any write.

The result is everything an import or a preview needs; nothing here touches the store except to read the
trusted keys handed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tcdesk.domain.schema import SHEETS
from tcdesk.sync import canonical, keys
from tcdesk.sync import manifest as manifest_sheet
from tcdesk.sync.errors import Cancelled, PackageRefused
from tcdesk.sync.manifest import Manifest
from tcdesk.sync.reader import open_workbook
from tcdesk.sync.safety import Container
from tcdesk.sync.validate import Problems, SheetData, validate_sheets

UNSIGNED, TRUSTED, UNTRUSTED = "unsigned", "trusted", "untrusted"


@dataclass
class LoadedPackage:
    path: Path
    manifest: Manifest
    data: dict[str, SheetData]
    problems: Problems
    notes: list[str] = field(default_factory=list)
    trust: str = UNSIGNED  # unsigned | trusted | untrusted
    signer_label: str = ""


def _check_cancel(cancelled: Callable[[], bool]) -> None:
    if cancelled():
        raise Cancelled("import cancelled: nothing was applied")


def _digest_matches(values: dict[str, str], sheets: dict, expected: str) -> bool:  # type: ignore[type-arg]
    """The contract digests "each data sheet present". Writers that add a sheet of their own may or may
    not count it as a data sheet; both readings cover every sheet tcdesk imports, so either is accepted."""
    every = {n: s for n, s in sheets.items() if n != "manifest"}
    known = {n: s for n, s in every.items() if n in SHEETS}
    for chosen in (every, known) if len(every) != len(known) else (every,):
        content = {n: (s.header, [cells for _, cells in s.rows]) for n, s in chosen.items()}
        if canonical.digest(values, content) == expected:
            return True
    return False


def peek_manifest(path: Path) -> tuple[dict[str, str], Container]:
    """The manifest alone (after the safety checks), to recognise a package already imported without
    reading 100,000 rows. A damaged file that reuses an imported package's id is then reported as already
    imported, which is harmless: nothing is written either way."""
    workbook = open_workbook(path, only={"manifest"})
    values, _rows = manifest_sheet.read_values(workbook.sheets.get("manifest"), path.name)
    manifest_sheet.check_format(values, path.name)
    return values, workbook.container


def load_package(
    path: Path,
    trusted_keys: dict[str, tuple[bytes, str]],
    progress: Callable[[float, str], None],
    cancelled: Callable[[], bool],
    container: Container | None = None,
) -> LoadedPackage:
    """Read and check a package; raises PackageRefused for anything that makes it unusable as a whole.

    ``trusted_keys`` maps key id → (raw public key, label). Validation problems are returned, not raised,
    so that a preview can list them all.
    """
    progress(0.02, "checking the file")
    workbook = open_workbook(path, container=container)
    _check_cancel(cancelled)
    progress(0.25, "checking the manifest")
    values, rows = manifest_sheet.read_values(workbook.sheets.get("manifest"), path.name)
    manifest_sheet.check_format(values, path.name)
    manifest, manifest_problems = manifest_sheet.parse(values, rows)
    problems = Problems()
    for line in manifest_problems:
        problems.add(line)

    progress(0.3, "verifying the digest")
    if manifest.digest and not _digest_matches(values, workbook.sheets, manifest.digest):
        raise PackageRefused(
            f"{path.name} was refused: its content does not match its digest, so it was damaged or altered "
            "after it was made. Ask the sender for a new copy."
        )
    trust, label = UNSIGNED, ""
    if manifest.signer:
        known = trusted_keys.get(manifest.signer)
        if known is None:
            trust = UNTRUSTED
        elif keys.verify(known[0], manifest.digest, manifest.signature):
            trust, label = TRUSTED, known[1]
        else:
            raise PackageRefused(
                f"{path.name} was refused: its signature does not verify with the trusted key {manifest.signer} "
                f"({known[1]}), so it was altered or not signed by that key"
            )
    _check_cancel(cancelled)
    progress(0.35, "validating every row")
    notes: list[str] = []
    data = validate_sheets(workbook.sheets, manifest, problems, notes)
    _check_cancel(cancelled)
    return LoadedPackage(path, manifest, data, problems, notes, trust, label)
