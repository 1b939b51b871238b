"""Alembic environment: run in-process by jixiao.server.db.upgrade on the app's own connection
(``config.attributes["connection"]``), or from a ``sqlalchemy.url`` given on the Alembic config."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from jixiao.server.db import normalize_url
from jixiao.server.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
elif context.is_offline_mode():
    context.configure(url=normalize_url(config.get_main_option("sqlalchemy.url")), target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    with create_engine(normalize_url(config.get_main_option("sqlalchemy.url"))).begin() as conn:
        _run(conn)
