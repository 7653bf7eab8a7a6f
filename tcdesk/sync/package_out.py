"""Writing a package: records out of the store, in stable order, every cell text, digest and signature."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection

from tcdesk.domain.schema import SHEETS, Sheet
from tcdesk.sync import canonical
from tcdesk.sync.manifest import FORMAT, FORMAT_VERSION
from tcdesk.sync.merge import CHILDREN, RECORD_ORDER, _stored_text
from tcdesk.sync.xlsx_writer import write_workbook


@dataclass
class Selection:
    """Which records go out: everything, or those changed here after ``after_mark``."""

    full: bool
    after_mark: int = 0
    with_base_rev: bool = True
    exclude_country: str = ""  # the demo country: fictional data never leaves the desk


@dataclass
class Outgoing:
    sheets: dict[str, tuple[list[str], list[tuple[str, ...]]]] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)

    def rows(self, name: str) -> int:
        return len(self.sheets[name][1]) if name in self.sheets else 0


def _header(sheet: Sheet, with_base_rev: bool) -> list[str]:
    return [n for n in sheet.column_names if with_base_rev or n != "base_rev"]


def collect(conn: Connection, selection: Selection, hq: bool) -> Outgoing:
    out = Outgoing()
    for name in RECORD_ORDER:
        sheet = SHEETS[name]
        header = _header(sheet, selection.with_base_rev)
        keep = [sheet.column_names.index(n) for n in header]
        clauses, params = [], []
        if not selection.full:
            clauses.append("local_change > ?")
            params.append(selection.after_mark)
        if selection.exclude_country:
            clauses.append(f"{'iso3' if name == 'countries' else 'country'} != ?")
            params.append(selection.exclude_country)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT {', '.join(sheet.column_names)} FROM {name}{where} ORDER BY uid"
        rows = []
        for raw in conn.exec_driver_sql(sql, tuple(params)):
            text = _stored_text(sheet, tuple(raw))
            rows.append(tuple(text[i] for i in keep))
        if not rows:
            continue
        out.sheets[name] = (header, rows)
        if "country" in header:
            at = header.index("country")
            out.countries.update(r[at] for r in rows if r[at])
        if name == "countries":
            out.countries.update(r[header.index("iso3")] for r in rows if r[header.index("iso3")])
        if name in CHILDREN:
            _collect_children(conn, out, name, [r[0] for r in rows])
    _collect_reference(conn, out, hq)
    return out


def _collect_children(conn: Connection, out: Outgoing, parent: str, uids: list[str]) -> None:
    table, column = CHILDREN[parent]
    sheet = SHEETS[table]
    wanted = set(uids)
    rows = sorted(
        tuple(str(v) for v in r)
        for r in conn.exec_driver_sql(f"SELECT {', '.join(sheet.column_names)} FROM {table} ORDER BY {column}")
        if r[0] in wanted
    )
    if rows:
        out.sheets[table] = (list(sheet.column_names), rows)


def _collect_reference(conn: Connection, out: Outgoing, hq: bool) -> None:
    """Checklist templates and SDG titles travel from HQ to the field only (PACKAGE-FORMAT.md)."""
    if not hq:
        return
    for name, order in (("checklist_items", "template, version, position, code"), ("sdg_reference", "code")):
        sheet = SHEETS[name]
        rows = [
            tuple(str(v) for v in r)
            for r in conn.exec_driver_sql(f"SELECT {', '.join(sheet.column_names)} FROM {name} ORDER BY {order}")
        ]
        if rows:
            out.sheets[name] = (list(sheet.column_names), rows)


def manifest_values(
    out: Outgoing,
    *,
    kind: str,
    origin: str,
    target: str,
    created_at: str,
    sequence: int,
    acknowledges: Sequence[str],
) -> dict[str, str]:
    values = {
        "format": FORMAT,
        "format_version": str(FORMAT_VERSION),
        "package_id": str(uuid.uuid4()),
        "kind": kind,
        "origin": origin,
        "target": target,
        "created_at": created_at,
        "sequence": str(sequence),
        "countries": "\n".join(sorted(out.countries)),
    }
    for name in sorted(out.sheets):
        values[f"rows.{name}"] = str(out.rows(name))
    if acknowledges:
        values["acknowledges"] = "\n".join(acknowledges)
    return values


def write_package(path: Path, values: dict[str, str], out: Outgoing, signer=None) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Add digest (and signature), then write atomically: a crash never leaves half a package behind."""
    values = dict(values)
    values["digest"] = canonical.digest(values, out.sheets)
    if signer is not None:
        values["signer"], values["signature"] = signer(values["digest"])
    ordered = [name for name in SHEETS if name in out.sheets]
    sheets: list[tuple[str, Sequence[str], Iterable[Sequence[str]]]] = [
        ("manifest", ["key", "value"], list(values.items()))
    ]
    sheets += [(name, out.sheets[name][0], out.sheets[name][1]) for name in ordered]
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tcdesk-", suffix=".xlsx.part", dir=path.parent)
    os.close(handle)
    try:
        write_workbook(Path(temporary), sheets)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return values
