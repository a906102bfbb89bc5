"""Alembic environment: the engine comes from the caller (``knowledge.store``), not an ini file."""

from __future__ import annotations

from alembic import context

from knowledge.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through knowledge.store.migrate()")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
