"""SQLModel tables: one per sheet of the exchange contract, plus what this installation keeps for itself.

Content columns hold the canonical text of PACKAGE-FORMAT.md (lists joined by line feeds, dates as
``YYYY-MM-DD``, amounts as decimal strings) so that a package read and written back is byte-for-byte the
same; only whole numbers are stored as integers, because they are sorted and compared.

Sync bookkeeping on every record:
- ``rev``/``base_rev``/``updated_at``/``updated_by``/``deleted`` as in the contract;
- ``local_change``: the value of this installation's change counter when the record was last edited
  here, or NULL when its current version came from a package. A ``field-return`` carries the records whose
  ``local_change`` is above the mark that HQ last acknowledged, so an edit is never missed and never sent
  forever.
"""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class SyncFields(SQLModel):
    uid: str = Field(primary_key=True, max_length=36)
    rev: int = Field(default=1, ge=1)
    base_rev: int = 0
    updated_at: str = ""
    updated_by: str = ""
    deleted: bool = False
    local_change: int | None = Field(default=None, index=True)


class Country(SyncFields, table=True):
    __tablename__ = "countries"
    iso3: str = Field(default="", index=True)
    name: str = ""
    region: str = ""
    presence: str = ""


class Recommendation(SyncFields, table=True):
    __tablename__ = "recommendations"
    __table_args__ = (
        Index("ix_recommendations_country_mechanism", "country", "deleted", "mechanism"),
        Index("ix_recommendations_country_response", "country", "deleted", "response"),
        Index("ix_recommendations_country_status", "country", "deleted", "implementation_status"),
    )
    country: str = Field(default="", index=True)
    mechanism: str = Field(default="", index=True)
    body: str = ""
    cycle: str = ""
    session: str = ""
    document: str = ""
    paragraph: str = ""
    recommending_state: str = ""
    text: str = ""
    response: str = ""
    issued_on: str = ""
    themes: str = ""
    affected_persons: str = ""
    sdg_targets: str = ""
    implementation_status: str = ""
    notes: str = ""


class Cluster(SyncFields, table=True):
    __tablename__ = "clusters"
    country: str = Field(default="", index=True)
    title: str = ""
    summary: str = ""
    sdg_goals: str = ""
    priority: str = ""


class ClusterMember(SQLModel, table=True):
    __tablename__ = "cluster_members"
    cluster_uid: str = Field(foreign_key="clusters.uid", primary_key=True, ondelete="CASCADE")
    recommendation_uid: str = Field(foreign_key="recommendations.uid", primary_key=True, index=True)


class Project(SyncFields, table=True):
    __tablename__ = "projects"
    __table_args__ = (Index("ix_projects_country_status", "country", "deleted", "status"),)
    country: str = Field(default="", index=True)
    code: str = ""
    title: str = ""
    status: str = ""
    start_date: str = ""
    end_date: str = ""
    budget_usd: str = ""
    funding_source: str = ""
    implementing_entity: str = ""
    partners: str = ""
    modality: str = ""
    summary: str = ""
    results: str = ""
    sdg_targets: str = ""


class ProjectLink(SQLModel, table=True):
    __tablename__ = "project_links"
    project_uid: str = Field(foreign_key="projects.uid", primary_key=True, ondelete="CASCADE")
    kind: str = Field(primary_key=True)
    target_uid: str = Field(primary_key=True, index=True)


class ChecklistTemplate(SQLModel, table=True):
    """A template version this store holds; versions are immutable once received."""

    __tablename__ = "checklist_templates"
    template: str = Field(primary_key=True)
    version: int = Field(primary_key=True)
    received_at: str = ""
    source: str = ""  # "bundled" or the package id it came in


class ChecklistItem(SQLModel, table=True):
    __tablename__ = "checklist_items"
    template: str = Field(primary_key=True)
    version: int = Field(primary_key=True)
    code: str = Field(primary_key=True)
    section: str = ""
    position: int = 0
    text: str = ""
    guidance: str = ""


class Assessment(SyncFields, table=True):
    __tablename__ = "assessments"
    country: str = Field(default="", index=True)
    template: str = ""
    version: int = 1
    code: str = ""
    status: str = ""
    evidence: str = ""
    links: str = ""
    assessed_on: str = ""


class SdgReference(SQLModel, table=True):
    __tablename__ = "sdg_reference"
    code: str = Field(primary_key=True)
    title_en: str = ""
    title_fr: str = ""
    title_es: str = ""
    title_ar: str = ""
    title_ru: str = ""
    title_zh: str = ""


class Setting(SQLModel, table=True):
    __tablename__ = "settings"
    key: str = Field(primary_key=True)
    value: str = ""


class TrustedKey(SQLModel, table=True):
    __tablename__ = "trusted_keys"
    key_id: str = Field(primary_key=True, max_length=16)
    public_key: str = ""  # base64 of the 32 raw bytes
    label: str = ""
    added_at: str = ""


class ExchangeLogEntry(SQLModel, table=True):
    """One package imported or exported; ``counts`` is JSON: {sheet: {inserted: n, updated: n, ...}}."""

    __tablename__ = "exchange_log"
    id: int | None = Field(default=None, primary_key=True)
    direction: str = ""  # "import" or "export"
    package_id: str = Field(default="", index=True)
    kind: str = ""
    origin: str = ""
    target: str = ""
    sequence: int = 0
    created_at: str = ""
    processed_at: str = ""
    file_name: str = ""
    signer: str = ""
    trusted: bool = False
    allowed_untrusted: bool = False
    demo: bool = False
    change_mark: int | None = None  # exports: the highest local change counter the package carries
    acknowledged: bool = False
    counts: str = "{}"
    notes: str = ""


class Conflict(SQLModel, table=True):
    """The other side's version of a record edited here too; the local version stays in force."""

    __tablename__ = "conflicts"
    table_name: str = Field(primary_key=True)
    uid: str = Field(primary_key=True)
    their_rev: int = 0
    theirs: str = "{}"  # JSON of the incoming row, canonical text values
    package_id: str = ""
    received_at: str = ""


# Not declared here, created by migrations: the search index, facet tags and their triggers (0003), the
# collated sort indexes (0004). Review any autogenerated migration so that it does not drop them.

RECORD_MODELS: dict[str, type[SyncFields]] = {
    "countries": Country,
    "recommendations": Recommendation,
    "clusters": Cluster,
    "projects": Project,
    "assessments": Assessment,
}
