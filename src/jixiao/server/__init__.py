"""The review workbench (`jixiao serve`): a small web application where an audit team records,
for each finding, whether it stands. Needs the ``server`` extra (``pip install 'jixiao[server]'``)."""
from __future__ import annotations

REQUIRED = ("fastapi", "uvicorn", "sqlalchemy", "alembic", "jinja2", "multipart", "argon2")


def missing_dependencies() -> list[str]:
    """The server's packages that are not installed (empty when all are)."""
    import importlib.util

    return [m for m in REQUIRED if importlib.util.find_spec(m) is None]


def create_app(settings):
    from .app import create_app as _create

    return _create(settings)
