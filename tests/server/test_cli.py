"""`jixiao user`, `jixiao db` and `jixiao serve` start-up errors: one line, Chinese then English, a
non-zero exit, never a traceback. And the schema the models describe is the one the migrations
build, on SQLite and on PostgreSQL."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from jixiao.cli import main

from .conftest import pg_url_or_skip, reset_pg


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def _one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [x for x in result.output.splitlines() if x.strip()]
    assert len(lines) == 1 and " / " in lines[0] and "Traceback" not in result.output
    return lines[0]


def test_user_add_and_its_errors(tmp_path):
    data = str(tmp_path / "d")
    r = run("user", "add", "zhang", "--role", "lead", "--data", data, "--password-stdin", stdin="s3cret-pass\n")
    assert r.exit_code == 0 and "已添加用户 zhang" in r.output
    with sqlite3.connect(tmp_path / "d" / "jixiao.db") as db:
        name, role, pw = db.execute("SELECT name, role, password_hash FROM users").fetchone()
    assert (name, role) == ("zhang", "lead") and pw.startswith("$argon2") and "s3cret" not in pw
    assert "已存在" in _one_line_error(run("user", "add", "zhang", "--data", data, "--password-stdin", stdin="another-pass\n"))
    assert "至少 8 个字符" in _one_line_error(run("user", "add", "li", "--data", data, "--password-stdin", stdin="short\n"))
    r = run("user", "add", "wang", "--data", data, stdin="prompted-pw\nprompted-pw\n")
    assert r.exit_code == 0
    assert run("user", "list", "--data", data).output.split() == ["wang", "auditor", "active", "zhang", "lead", "active"]


def test_db_upgrade_and_backup_errors(tmp_path):
    data = str(tmp_path / "d")
    r = run("db", "upgrade", "--data", data)
    assert r.exit_code == 0 and "0001" in r.output
    assert run("db", "upgrade", "--data", data).exit_code == 0  # again: nothing to do
    assert "数据库文件不存在" in _one_line_error(run("db", "backup", str(tmp_path / "b.db"), "--data", str(tmp_path / "none")))
    assert "是文件夹" in _one_line_error(run("db", "backup", str(tmp_path), "--data", data))
    r = run("db", "backup", str(tmp_path / "b.db"), "--data", data)
    assert r.exit_code == 0 and (tmp_path / "b.db").is_file()


def test_serve_start_up_errors(tmp_path, monkeypatch):
    data = str(tmp_path / "d")
    assert "不支持的数据库" in _one_line_error(run("serve", "--data", data, "--database-url", "mysql://x@localhost/db"))
    line = _one_line_error(run("serve", "--data", data, "--database-url", "postgresql://nobody:x@127.0.0.1:1/none"))
    assert "无法打开数据库" in line
    import jixiao.server

    monkeypatch.setattr(jixiao.server, "missing_dependencies", lambda: ["fastapi"])
    assert "pip install 'jixiao[server]'" in _one_line_error(run("serve", "--data", data))


def test_only_loopback_counts_as_local():
    from jixiao.server.cli import _is_loopback

    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("192.168.1.5")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migrations_build_the_schema_the_models_describe(backend, tmp_path):
    from alembic import command

    from jixiao.server.db import alembic_config, current_revision, make_engine, upgrade

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'm.db'}"
    else:
        url = pg_url_or_skip()
        reset_pg(url)
    engine = make_engine(url)
    upgrade(engine)
    assert current_revision(engine) == "0001"
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.check(cfg)  # raises when the models and the migrated schema differ
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path):
    from jixiao.server.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_postgresql_backup_with_pg_dump(tmp_path):
    url = pg_url_or_skip()
    reset_pg(url)
    assert run("db", "upgrade", "--database-url", url, "--data", str(tmp_path / "d")).exit_code == 0
    r = run("user", "add", "zhao", "--database-url", url, "--data", str(tmp_path / "d"), "--password-stdin",
            stdin="long-enough\n")
    assert r.exit_code == 0
    out = tmp_path / "pg.dump"
    r = run("db", "backup", str(out), "--database-url", url, "--data", str(tmp_path / "d"))
    assert r.exit_code == 0, r.output
    assert out.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format, for pg_restore
    assert not (tmp_path / "d" / "jixiao.db").exists()  # nothing went to SQLite
