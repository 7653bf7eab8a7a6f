"""Alembic environment: always run with a connection handed in by tcdesk.store.db (never from an ini)."""

from alembic import context
from sqlmodel import SQLModel

import tcdesk.store.models  # noqa: F401  (registers the tables on SQLModel.metadata for autogenerate)

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=SQLModel.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
