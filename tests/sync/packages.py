"""An independent package writer for tests, built from PACKAGE-FORMAT.md with openpyxl and hashlib.

Deliberately not tcdesk's own writer or digest code: a package made here verifying in tcdesk shows that
tcdesk follows the contract, not merely that it agrees with itself.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl import Workbook

RECORD_META = ["uid", "rev", "base_rev", "updated_at", "updated_by", "deleted"]


def new_uid() -> str:
    return str(uuid.uuid4())


def contract_digest(manifest: dict[str, str], sheets: dict[str, list[list[str]]]) -> str:
    parts = [f"{k}={manifest[k]}\n" for k in sorted(manifest) if k not in ("digest", "signer", "signature")]
    for name in sorted(sheets):
        parts.append(f"#{name}\n")
        header = sheets[name][0]
        for row in sheets[name]:
            if all(v == "" for v in row):
                continue
            cells = [str(v) for v in row[: len(header)]] + [""] * (len(header) - len(row))
            parts.append(json.dumps(cells, ensure_ascii=False, separators=(",", ":")) + "\n")
    return hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()


class Signer:
    def __init__(self, label: str = "HQ test key"):
        self.private = Ed25519PrivateKey.generate()
        self.raw = self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.label = label

    @property
    def key_id(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()[:16]

    def public_line(self) -> str:
        return f"tcdesk-ed25519 {base64.b64encode(self.raw).decode()} {self.label}\n"

    def sign(self, digest: str) -> str:
        return base64.b64encode(self.private.sign(digest.encode("ascii"))).decode()


def write_package(
    path: Path,
    sheets: dict[str, list[list[str]]],
    *,
    kind: str = "hq-update",
    origin: str = "HQ",
    sequence: int = 1,
    signer: Signer | None = None,
    manifest: dict[str, str] | None = None,
    package_id: str | None = None,
    tamper=None,  # called with the sheets after the digest is computed
) -> dict[str, str]:
    countries = sorted(
        {
            r[h.index("country")]
            for h, *rows in [s for s in sheets.values()]
            if "country" in h
            for r in rows
            if r[h.index("country")]
        }
    )
    values = {
        "format": "tcdesk-package",
        "format_version": "1",
        "package_id": package_id or new_uid(),
        "kind": kind,
        "origin": origin,
        "target": "*",
        "created_at": "2026-11-01T08:00:00Z",
        "sequence": str(sequence),
        "countries": "\n".join(countries),
    }
    values.update({f"rows.{n}": str(len(rows) - 1) for n, rows in sheets.items()})
    values.update(manifest or {})
    values["digest"] = contract_digest(values, sheets)
    if signer is not None:
        values["signer"], values["signature"] = signer.key_id, signer.sign(values["digest"])
    if tamper:
        tamper(sheets)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in [
        ("manifest", [["key", "value"], *[[k, v] for k, v in values.items()]]),
        *sheets.items(),
    ]:
        sheet = workbook.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value == "" or value is None:
                    continue
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
    workbook.save(path)
    return values


def rec_row(uid: str, rev: int = 1, text: str = "Ratify the Convention", **fields: str) -> dict[str, str]:
    base = {
        "uid": uid,
        "rev": str(rev),
        "base_rev": "",
        "updated_at": "2026-10-01T10:00:00Z",
        "updated_by": "HQ",
        "deleted": "0",
        "country": "KEN",
        "mechanism": "UPR",
        "body": "UPR",
        "cycle": "4",
        "session": "49",
        "document": "A/HRC/55/11",
        "paragraph": "140.1",
        "recommending_state": "Chile",
        "text": text,
        "response": "supported",
        "issued_on": "2024-01-10",
        "themes": "Women's rights",
        "affected_persons": "Women & girls",
        "sdg_targets": "5.1",
        "implementation_status": "",
        "notes": "",
    }
    base.update(fields)
    return base


def sheet_of(rows: list[dict[str, str]]) -> list[list[str]]:
    header = list(rows[0])
    return [header, *[[r[h] for h in header] for r in rows]]
