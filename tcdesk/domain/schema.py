"""The sheets and columns of the exchange contract, described once.

Everything that reads, writes, validates or edits records (packages, the ``edit`` command, the GUI's
services) works from these descriptions, so a column added to the contract is added here and nowhere else.
Values travel as text in every layer, exactly as the package stores them; typed values are derived only
where arithmetic or ordering needs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from tcdesk.domain import vocabulary as v


class Kind(Enum):
    TEXT = "text"  # free text, any script, line breaks allowed
    LINE = "line"  # free text on one line (names, codes, symbols)
    ENUM = "enum"  # one of Column.choices
    LIST = "list"  # free-text items, one per line
    SDG_TARGETS = "sdg targets"
    SDG_GOALS = "sdg goals"
    UID_LIST = "uid list"
    ISO3 = "iso3"
    ISO3_LIST = "iso3 list"
    UID = "uid"
    DATE = "date"
    TIMESTAMP = "timestamp"
    WHOLE = "whole number"
    REVISION = "revision"  # whole number >= 1
    DECIMAL = "decimal"  # non-negative, '.' as separator
    FLAG = "flag"  # deleted: '1', '0' or empty
    OFFICE = "office"


LIST_KINDS = frozenset({Kind.LIST, Kind.SDG_TARGETS, Kind.SDG_GOALS, Kind.UID_LIST, Kind.ISO3_LIST})


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = Kind.LINE
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    is_record: bool = True
    key: tuple[str, ...] = ("uid",)
    parent: tuple[str, str] | None = None  # (parent sheet, column holding the parent's uid)
    hq_only: bool = False
    columns_by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns_by_name", {c.name: c for c in self.columns})

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def content_columns(self) -> tuple[Column, ...]:
        """The columns a user edits: everything but the sync metadata."""
        return tuple(c for c in self.columns if c.name not in SYNC_COLUMN_NAMES)


META: tuple[Column, ...] = (
    Column("uid", Kind.UID, required=True),
    Column("rev", Kind.REVISION, required=True),
    Column("base_rev", Kind.WHOLE),
    Column("updated_at", Kind.TIMESTAMP, required=True),
    Column("updated_by", Kind.OFFICE, required=True),
    Column("deleted", Kind.FLAG),
)
SYNC_COLUMN_NAMES = frozenset(c.name for c in META)


def _record(name: str, *columns: Column) -> Sheet:
    return Sheet(name, META + columns)


COUNTRIES = _record(
    "countries",
    Column("iso3", Kind.ISO3, required=True),
    Column("name", Kind.LINE, required=True),
    Column("region"),
    Column("presence", Kind.ENUM, choices=v.PRESENCES),
)
RECOMMENDATIONS = _record(
    "recommendations",
    Column("country", Kind.ISO3, required=True),
    Column("mechanism", Kind.ENUM, required=True, choices=v.MECHANISMS),
    Column("body"),
    Column("cycle"),
    Column("session"),
    Column("document"),
    Column("paragraph"),
    Column("recommending_state"),
    Column("text", Kind.TEXT, required=True),
    Column("response", Kind.ENUM, choices=v.RESPONSES),
    Column("issued_on", Kind.DATE),
    Column("themes", Kind.LIST),
    Column("affected_persons", Kind.LIST),
    Column("sdg_targets", Kind.SDG_TARGETS),
    Column("implementation_status", Kind.ENUM, choices=v.IMPLEMENTATION_STATUSES),
    Column("notes", Kind.TEXT),
)
CLUSTERS = _record(
    "clusters",
    Column("country", Kind.ISO3, required=True),
    Column("title", Kind.LINE, required=True),
    Column("summary", Kind.TEXT),
    Column("sdg_goals", Kind.SDG_GOALS),
    Column("priority", Kind.ENUM, choices=v.PRIORITIES),
)
CLUSTER_MEMBERS = Sheet(
    "cluster_members",
    (Column("cluster_uid", Kind.UID, required=True), Column("recommendation_uid", Kind.UID, required=True)),
    is_record=False,
    key=("cluster_uid", "recommendation_uid"),
    parent=("clusters", "cluster_uid"),
)
PROJECTS = _record(
    "projects",
    Column("country", Kind.ISO3, required=True),
    Column("code"),
    Column("title", Kind.LINE, required=True),
    Column("status", Kind.ENUM, choices=v.PROJECT_STATUSES),
    Column("start_date", Kind.DATE),
    Column("end_date", Kind.DATE),
    Column("budget_usd", Kind.DECIMAL),
    Column("funding_source"),
    Column("implementing_entity"),
    Column("partners", Kind.LIST),
    Column("modality", Kind.ENUM, choices=v.MODALITIES),
    Column("summary", Kind.TEXT),
    Column("results", Kind.TEXT),
    Column("sdg_targets", Kind.SDG_TARGETS),
)
PROJECT_LINKS = Sheet(
    "project_links",
    (
        Column("project_uid", Kind.UID, required=True),
        Column("kind", Kind.ENUM, required=True, choices=v.LINK_KINDS),
        Column("target_uid", Kind.UID, required=True),
    ),
    is_record=False,
    key=("project_uid", "kind", "target_uid"),
    parent=("projects", "project_uid"),
)
CHECKLIST_ITEMS = Sheet(
    "checklist_items",
    (
        Column("template", Kind.LINE, required=True),
        Column("version", Kind.REVISION, required=True),
        Column("section", Kind.LINE, required=True),
        Column("code", Kind.LINE, required=True),
        Column("position", Kind.WHOLE, required=True),
        Column("text", Kind.TEXT, required=True),
        Column("guidance", Kind.TEXT),
    ),
    is_record=False,
    key=("template", "version", "code"),
    hq_only=True,
)
ASSESSMENTS = _record(
    "assessments",
    Column("country", Kind.ISO3, required=True),
    Column("template", Kind.LINE, required=True),
    Column("version", Kind.REVISION, required=True),
    Column("code", Kind.LINE, required=True),
    Column("status", Kind.ENUM, choices=v.ASSESSMENT_STATUSES),
    Column("evidence", Kind.TEXT),
    Column("links", Kind.UID_LIST),
    Column("assessed_on", Kind.DATE),
)
SDG_REFERENCE = Sheet(
    "sdg_reference",
    (
        Column("code", Kind.LINE, required=True),
        *(Column(f"title_{lang}", Kind.TEXT) for lang in ("en", "fr", "es", "ar", "ru", "zh")),
    ),
    is_record=False,
    key=("code",),
    hq_only=True,
)

SHEETS: dict[str, Sheet] = {
    s.name: s
    for s in (
        COUNTRIES,
        RECOMMENDATIONS,
        CLUSTERS,
        CLUSTER_MEMBERS,
        PROJECTS,
        PROJECT_LINKS,
        CHECKLIST_ITEMS,
        ASSESSMENTS,
        SDG_REFERENCE,
    )
}
RECORD_SHEETS: tuple[Sheet, ...] = tuple(s for s in SHEETS.values() if s.is_record)


def record_sheet(name: str) -> Sheet:
    """The record sheet called ``name``, or a ValueError listing the ones that exist."""
    sheet = SHEETS.get(name)
    if sheet is None or not sheet.is_record:
        known = ", ".join(s.name for s in RECORD_SHEETS)
        raise ValueError(f"unknown table {name!r}: expected one of {known}")
    return sheet
