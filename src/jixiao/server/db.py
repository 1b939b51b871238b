"""The database: engine (SQLite in WAL mode with synchronous=FULL, or PostgreSQL), sessions,
migrations (Alembic, shipped in this package) and online backups."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from ..errors import JixiaoError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def normalize_url(url: str) -> str:
    """postgresql:// and postgres:// go through psycopg (3); anything else is kept as given."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def is_sqlite(url: str) -> bool:
    return normalize_url(url).startswith("sqlite")


def sqlite_path(url: str) -> Path:
    db = make_url(normalize_url(url)).database
    if not db or db == ":memory:":
        raise JixiaoError("内存数据库无法备份", "an in-memory database cannot be backed up")
    return Path(db)


def make_engine(url: str) -> Engine:
    """An engine for ``url``. SQLite: WAL journal, synchronous=FULL (a committed decision survives
    a hard kill), foreign keys on, and every transaction BEGIN IMMEDIATE so that writers queue on
    the busy timeout instead of failing on a lock upgrade."""
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except Exception as e:  # sqlalchemy.exc.ArgumentError
        raise JixiaoError(f"无法识别的数据库地址：{url}", f"cannot parse the database URL ({e})") from e
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # transactions are begun below, not by the driver
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise JixiaoError(f"不支持的数据库：{parsed.get_backend_name()}（可用 SQLite 或 PostgreSQL）",
                      f"unsupported database {parsed.get_backend_name()} (use SQLite or PostgreSQL)")


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (Alembic, run in-process on the engine's connection)."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup(url: str, dest: str | Path) -> Path:
    """Copy the database to ``dest`` while the server may be running.

    SQLite: the sqlite3 online backup API (a consistent snapshot, WAL included), written to a
    temporary file and renamed into place. PostgreSQL: pg_dump in its custom format."""
    dest = Path(dest)
    if dest.is_dir():
        raise JixiaoError(f"{dest} 是文件夹，请给出备份文件名", f"{dest} is a folder; give a file name")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    if is_sqlite(url):
        src_path = sqlite_path(url)
        if not src_path.is_file():
            raise JixiaoError(f"数据库文件不存在：{src_path}", f"no database at {src_path}")
        src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True, timeout=30)
        try:
            out = sqlite3.connect(tmp)
            try:
                src.backup(out)
                ok = out.execute("PRAGMA integrity_check").fetchone()[0]
                out.execute("PRAGMA journal_mode=DELETE")
            finally:
                out.close()
        finally:
            src.close()
        if ok != "ok":
            tmp.unlink(missing_ok=True)
            raise JixiaoError("备份文件完整性检查未通过", f"the backup failed its integrity check ({ok})")
        os.replace(tmp, dest)
        return dest
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise JixiaoError("未找到 pg_dump：请安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client）后再备份",
                          "pg_dump not found: install the PostgreSQL client tools to back up a PostgreSQL database")
    plain = make_url(normalize_url(url)).set(drivername="postgresql").render_as_string(hide_password=False)
    proc = subprocess.run([pg_dump, "--format=custom", "--file", str(tmp), "--dbname", plain],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tmp.unlink(missing_ok=True)
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        raise JixiaoError(f"pg_dump 失败：{last}", f"pg_dump failed: {last}")
    os.replace(tmp, dest)
    return dest
