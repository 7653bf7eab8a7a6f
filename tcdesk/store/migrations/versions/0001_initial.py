"""Initial schema: the tables of PACKAGE-FORMAT.md with sync bookkeeping, settings, keys, log, conflicts.

Frozen: later changes go in new revisions, never here, so that every store ever created can be upgraded.

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("base_rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("local_change", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("template", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("evidence", sa.String(), nullable=False),
        sa.Column("links", sa.String(), nullable=False),
        sa.Column("assessed_on", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("uid"),
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessments_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_assessments_local_change"), ["local_change"], unique=False)

    op.create_table(
        "checklist_items",
        sa.Column("template", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("section", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("guidance", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("template", "version", "code"),
    )
    op.create_table(
        "checklist_templates",
        sa.Column("template", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("template", "version"),
    )
    op.create_table(
        "clusters",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("base_rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("local_change", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("sdg_goals", sa.String(), nullable=False),
        sa.Column("priority", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("uid"),
    )
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clusters_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_clusters_local_change"), ["local_change"], unique=False)

    op.create_table(
        "conflicts",
        sa.Column("table_name", sa.String(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("their_rev", sa.Integer(), nullable=False),
        sa.Column("theirs", sa.String(), nullable=False),
        sa.Column("package_id", sa.String(), nullable=False),
        sa.Column("received_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "uid"),
    )
    op.create_table(
        "countries",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("base_rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("local_change", sa.Integer(), nullable=True),
        sa.Column("iso3", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("region", sa.String(), nullable=False),
        sa.Column("presence", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("uid"),
    )
    with op.batch_alter_table("countries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_countries_iso3"), ["iso3"], unique=False)
        batch_op.create_index(batch_op.f("ix_countries_local_change"), ["local_change"], unique=False)

    op.create_table(
        "exchange_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("package_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("target", sa.String(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("processed_at", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("signer", sa.String(), nullable=False),
        sa.Column("trusted", sa.Boolean(), nullable=False),
        sa.Column("allowed_untrusted", sa.Boolean(), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("change_mark", sa.Integer(), nullable=True),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
        sa.Column("counts", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("exchange_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_log_package_id"), ["package_id"], unique=False)

    op.create_table(
        "projects",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("base_rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("local_change", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("start_date", sa.String(), nullable=False),
        sa.Column("end_date", sa.String(), nullable=False),
        sa.Column("budget_usd", sa.String(), nullable=False),
        sa.Column("funding_source", sa.String(), nullable=False),
        sa.Column("implementing_entity", sa.String(), nullable=False),
        sa.Column("partners", sa.String(), nullable=False),
        sa.Column("modality", sa.String(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("results", sa.String(), nullable=False),
        sa.Column("sdg_targets", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("uid"),
    )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_projects_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_projects_local_change"), ["local_change"], unique=False)

    op.create_table(
        "recommendations",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("base_rev", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("local_change", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("mechanism", sa.String(), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("cycle", sa.String(), nullable=False),
        sa.Column("session", sa.String(), nullable=False),
        sa.Column("document", sa.String(), nullable=False),
        sa.Column("paragraph", sa.String(), nullable=False),
        sa.Column("recommending_state", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("response", sa.String(), nullable=False),
        sa.Column("issued_on", sa.String(), nullable=False),
        sa.Column("themes", sa.String(), nullable=False),
        sa.Column("affected_persons", sa.String(), nullable=False),
        sa.Column("sdg_targets", sa.String(), nullable=False),
        sa.Column("implementation_status", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("uid"),
    )
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recommendations_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_recommendations_local_change"), ["local_change"], unique=False)
        batch_op.create_index(batch_op.f("ix_recommendations_mechanism"), ["mechanism"], unique=False)

    op.create_table(
        "sdg_reference",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("title_en", sa.String(), nullable=False),
        sa.Column("title_fr", sa.String(), nullable=False),
        sa.Column("title_es", sa.String(), nullable=False),
        sa.Column("title_ar", sa.String(), nullable=False),
        sa.Column("title_ru", sa.String(), nullable=False),
        sa.Column("title_zh", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "trusted_keys",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("added_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key_id"),
    )
    op.create_table(
        "cluster_members",
        sa.Column("cluster_uid", sa.String(), nullable=False),
        sa.Column("recommendation_uid", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["cluster_uid"], ["clusters.uid"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["recommendation_uid"],
            ["recommendations.uid"],
        ),
        sa.PrimaryKeyConstraint("cluster_uid", "recommendation_uid"),
    )
    with op.batch_alter_table("cluster_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cluster_members_recommendation_uid"), ["recommendation_uid"], unique=False)

    op.create_table(
        "project_links",
        sa.Column("project_uid", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("target_uid", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["project_uid"], ["projects.uid"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("project_uid", "kind", "target_uid"),
    )
    with op.batch_alter_table("project_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_links_target_uid"), ["target_uid"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("project_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_links_target_uid"))

    op.drop_table("project_links")
    with op.batch_alter_table("cluster_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cluster_members_recommendation_uid"))

    op.drop_table("cluster_members")
    op.drop_table("trusted_keys")
    op.drop_table("settings")
    op.drop_table("sdg_reference")
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendations_mechanism"))
        batch_op.drop_index(batch_op.f("ix_recommendations_local_change"))
        batch_op.drop_index(batch_op.f("ix_recommendations_country"))

    op.drop_table("recommendations")
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_projects_local_change"))
        batch_op.drop_index(batch_op.f("ix_projects_country"))

    op.drop_table("projects")
    with op.batch_alter_table("exchange_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_log_package_id"))

    op.drop_table("exchange_log")
    with op.batch_alter_table("countries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_countries_local_change"))
        batch_op.drop_index(batch_op.f("ix_countries_iso3"))

    op.drop_table("countries")
    op.drop_table("conflicts")
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clusters_local_change"))
        batch_op.drop_index(batch_op.f("ix_clusters_country"))

    op.drop_table("clusters")
    op.drop_table("checklist_templates")
    op.drop_table("checklist_items")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessments_local_change"))
        batch_op.drop_index(batch_op.f("ix_assessments_country"))

    op.drop_table("assessments")
