"""Indexes behind the home page figures and the recommendation facets.

Counting 100,000 recommendations of one country by mechanism, response or implementation status must not
scan the table: each count reads a covering index instead.

Revision ID: 0002_figure_indexes
Revises: 0001_initial
"""

from alembic import op

revision = "0002_figure_indexes"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

_INDEXES = {
    "ix_recommendations_country_mechanism": ["country", "deleted", "mechanism"],
    "ix_recommendations_country_response": ["country", "deleted", "response"],
    "ix_recommendations_country_status": ["country", "deleted", "implementation_status"],
}


def upgrade() -> None:
    for name, columns in _INDEXES.items():
        op.create_index(name, "recommendations", columns)
    op.create_index("ix_projects_country_status", "projects", ["country", "deleted", "status"])


def downgrade() -> None:
    op.drop_index("ix_projects_country_status", "projects")
    for name in _INDEXES:
        op.drop_index(name, "recommendations")
