"""The CCA checklist that ships with tcdesk, so a new desk can assess a CCA before HQ has sent any template.

A template version never changes once a store holds it: HQ revises a checklist by issuing a new version,
and answers given against an older version keep meaning what they meant. So the bundled copy is only
added when its (template, version) is absent, never written over a copy that came from HQ or from an
earlier start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from sqlmodel import Session, select

from tcdesk.clock import utc_now
from tcdesk.domain.schema import CHECKLIST_ITEMS
from tcdesk.domain.validation import InvalidValue, normalize, row_problems
from tcdesk.store.models import ChecklistItem, ChecklistTemplate

BUNDLED_FILE = "cca-hr-v1.json"


class TemplateFileError(ValueError):
    """The template file breaks a rule; the message names the item and the column."""


@dataclass(frozen=True)
class TemplateFile:
    template: str
    version: int
    title: str
    items: tuple[dict[str, str], ...]  # canonical text rows of the checklist_items sheet, in file order

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(item["section"] for item in self.items))


def bundled_template_path() -> Traversable:
    """Reached through importlib.resources so that the same call works installed, editable and frozen."""
    return files("tcdesk_resources") / "checklist" / BUNDLED_FILE


def parse_template(document: dict[str, Any]) -> TemplateFile:
    """Check a template document against the checklist_items rules before anything is stored."""
    template, version = str(document.get("template", "")), str(document.get("version", ""))
    rows: list[dict[str, str]] = []
    codes: set[str] = set()
    for section in document.get("sections", []):
        for item in section.get("items", []):
            raw = {
                "template": template,
                "version": version,
                "section": section.get("title", ""),
                "code": item.get("code", ""),
                "position": str(len(rows) + 1),
                "text": item.get("text", ""),
                "guidance": item.get("guidance", ""),
            }
            row = _checked_row(raw)
            if row["code"] in codes:
                raise TemplateFileError(f"item {row['code']}: the code is used twice")
            codes.add(row["code"])
            rows.append(row)
    if not rows:
        raise TemplateFileError(f"template {template!r} version {version!r} has no items")
    return TemplateFile(template, int(rows[0]["version"]), str(document.get("title", "")), tuple(rows))


def _checked_row(raw: dict[str, str]) -> dict[str, str]:
    where = f"item {raw['code'] or '#' + raw['position']}"
    row: dict[str, str] = {}
    for column in CHECKLIST_ITEMS.columns:
        try:
            row[column.name] = normalize(column, raw[column.name])
        except InvalidValue as exc:
            raise TemplateFileError(f"{where} {column.name}: {exc}") from None
    for name, problem in row_problems(CHECKLIST_ITEMS, row, check_meta=False):
        raise TemplateFileError(f"{where} {name}: {problem}")
    return row


def bundled_template() -> TemplateFile:
    return parse_template(json.loads(bundled_template_path().read_text(encoding="utf-8")))


def ensure_template(session: Session, parsed: TemplateFile, source: str) -> bool:
    """Store ``parsed`` unless its version is already held; True when it was added."""
    if _held(session, parsed.template, parsed.version):
        return False
    session.add(
        ChecklistTemplate(template=parsed.template, version=parsed.version, source=source, received_at=utc_now())
    )
    session.add_all(
        ChecklistItem(
            template=row["template"],
            version=int(row["version"]),
            code=row["code"],
            section=row["section"],
            position=int(row["position"]),
            text=row["text"],
            guidance=row["guidance"],
        )
        for row in parsed.items
    )
    return True


def _held(session: Session, template: str, version: int) -> bool:
    """Items without a template row count too: they may have come from a package that carried only items."""
    if session.get(ChecklistTemplate, (template, version)) is not None:
        return True
    item = select(ChecklistItem.code).where(ChecklistItem.template == template, ChecklistItem.version == version)
    return session.exec(item.limit(1)).first() is not None


def ensure_bundled_template(session: Session) -> bool:
    return ensure_template(session, bundled_template(), "bundled")
