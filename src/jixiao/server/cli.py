"""`jixiao serve`, `jixiao user …` and `jixiao db …`: the review workbench's commands.
Imports stay inside the commands so that `jixiao` starts fast."""
from __future__ import annotations

import functools
import json
import sys

import click

EXIT_INPUT = 2


def _fail(zh: str, en: str) -> None:
    click.echo(f"{zh} / {en}", err=True)
    sys.exit(EXIT_INPUT)


def _need_server_extra() -> None:
    from . import missing_dependencies

    missing = missing_dependencies()
    if missing:
        _fail("审核工作台需要 server 组件，请先安装：pip install 'jixiao[server]'",
              f"the workbench needs the server extra (missing: {', '.join(missing)})")


def _db_options(f):
    @click.option("--data", "data_dir", type=click.Path(file_okay=False), default=None,
                  help="数据文件夹（SQLite 数据库与上传的文件；默认 $JIXIAO_DATA 或 ~/.local/share/jixiao）/ data folder")
    @click.option("--database-url", envvar="JIXIAO_DATABASE_URL", default=None,
                  help="改用 PostgreSQL：postgresql://用户:密码@主机/库名 / use PostgreSQL instead of SQLite")
    @functools.wraps(f)
    def wrapper(*args, data_dir, database_url, **kwargs):
        _need_server_extra()
        from .settings import Settings, default_data_dir

        settings = Settings(data_dir=data_dir or default_data_dir(), database_url=database_url)
        return f(*args, settings=settings, **kwargs)

    return wrapper


def _open(settings, *, migrate: bool = True):
    """An engine and session factory on the settings' database, migrated to the latest schema."""
    from ..errors import JixiaoError
    from .db import make_engine, session_factory, upgrade

    try:
        engine = make_engine(settings.url)
        if migrate:
            upgrade(engine)
    except JixiaoError as e:
        _fail(e.zh, e.en)
    except Exception as e:  # noqa: BLE001 - sqlalchemy.exc.OperationalError and the like: the database is unreachable
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        _fail("无法打开数据库", f"cannot open the database ({first})")
    return engine, session_factory(engine)


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；默认只接受本机访问 / address to listen on (loopback by default)")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="端口 / port")
@_db_options
@click.option("--max-upload-mb", type=click.FloatRange(min=0.01), default=20, show_default=True,
              help="单个文件大小上限（MB）/ size limit per file")
@click.option("--max-files", type=click.IntRange(min=1), default=20, show_default=True,
              help="每次上传的文件数上限 / files per upload")
@click.option("--job-timeout", type=click.FloatRange(min=1), default=120, show_default=True,
              help="每份报告的检查时限（秒）/ time limit per report (seconds)")
@click.option("--workers", type=click.IntRange(1, 16), default=1, show_default=True,
              help="同时检查的报告数 / reports checked at once")
@click.option("--secure-cookies/--no-secure-cookies", default=None,
              help="Cookie 加 Secure 标记（默认：通过 https 访问时）/ Secure cookies (default: over https)")
def serve(host: str, port: int, settings, max_upload_mb: float, max_files: int, job_timeout: float, workers: int,
          secure_cookies: bool | None) -> None:
    """启动审核工作台（网页）/ start the review workbench (a web application)."""
    settings.max_upload_bytes = int(max_upload_mb * 1024 * 1024)
    settings.max_files, settings.job_timeout, settings.workers = max_files, job_timeout, workers
    settings.secure_cookies = secure_cookies
    if not _is_loopback(host):
        click.echo(f"警告：监听 {host}，其他计算机也可以访问本服务；请确认网络可信并使用 https / "
                   f"warning: listening on {host}, reachable from other machines", err=True)
    import uvicorn

    from ..errors import JixiaoError
    from .app import create_app

    try:
        app = create_app(settings)
    except JixiaoError as e:
        _fail(e.zh, e.en)
    except Exception as e:  # noqa: BLE001 - any failure to open the database is one line
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        _fail("无法打开数据库", f"cannot open the database ({first})")
    where = settings.database_url and "PostgreSQL" or str(settings.data_dir / "jixiao.db")
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"jixiao 审核工作台：http://{shown}:{port}/ （数据库：{where}；按 Ctrl+C 停止）/ "
               f"workbench at http://{shown}:{port}/", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
    except OSError as e:
        _fail(f"无法监听 {host}:{port}", f"cannot listen on {host}:{port} ({e.strerror or e})")


@click.group()
def user() -> None:
    """审核工作台的用户 / workbench users."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["auditor", "lead", "admin"]), default="auditor", show_default=True,
              help="审核员 auditor / 组长 lead / 管理员 admin")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码（一行）/ read the password from stdin")
@_db_options
def user_add(name: str, role: str, password_stdin: bool, settings) -> None:
    """添加用户 / add a user (the password is asked for, or read from stdin)."""
    from ..errors import JixiaoError
    from .auth import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("密码 / password", hide_input=True, confirmation_prompt="再输入一次 / again")
    _engine, sessions = _open(settings)
    with sessions() as db:
        try:
            add_user(db, name, password, role)
        except JixiaoError as e:
            _fail(e.zh, e.en)
        db.commit()
    click.echo(f"已添加用户 {name.strip()}（{role}）/ user {name.strip()} added ({role})")


@user.command("list")
@_db_options
def user_list(settings) -> None:
    """列出用户 / list the users."""
    from sqlalchemy import select

    from .models import User

    _engine, sessions = _open(settings)
    with sessions() as db:
        for u in db.scalars(select(User).order_by(User.name)):
            click.echo(f"{u.name}\t{u.role}\t{'active' if u.active else 'disabled'}")


@click.group()
def db() -> None:
    """审核工作台的数据库：迁移、备份、导出 / the workbench database: migrate, back up, export."""


@db.command("upgrade")
@_db_options
def db_upgrade(settings) -> None:
    """把数据库结构升级到最新版本 / migrate the database to the latest schema."""
    from .db import current_revision

    engine, _ = _open(settings)
    click.echo(f"数据库已是最新结构（{current_revision(engine)}）/ database at revision {current_revision(engine)}")


@db.command("backup")
@click.argument("path")
@_db_options
def db_backup(path: str, settings) -> None:
    """在服务运行时安全地备份数据库 / copy the database safely, even while the server runs."""
    from ..errors import JixiaoError
    from .db import backup

    try:
        out = backup(settings.url, path)
    except JixiaoError as e:
        _fail(e.zh, e.en)
    except OSError as e:
        _fail(f"无法写入 {path}", f"cannot write {path} ({e.strerror or e})")
    click.echo(f"已备份到 {out} / backed up to {out}")


def _export(settings, path: str, report: int | None, build) -> int:
    from . import exports

    _engine, sessions = _open(settings)
    with sessions() as session:
        reports = exports.load_reports(session, [report] if report is not None else None)
        if report is not None and not reports:
            _fail(f"没有编号为 {report} 的报告", f"no report {report}")
        body, n = build(session, reports)
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(body)
    except OSError as e:
        _fail(f"无法写入 {path}", f"cannot write {path} ({e.strerror or e})")
    return n


@db.command("export-decisions")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="输出 JSONL / output file")
@click.option("--report", type=int, default=None, help="只导出这一份报告（编号）/ only this report id")
@_db_options
def db_export_decisions(output: str, report: int | None, settings) -> None:
    """导出审核决定（供分诊模型训练）/ export the review decisions (JSONL, jixiao.learn.decisions)."""
    from . import exports

    def build(session, reports):
        items = exports.decisions(session, reports)
        return "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in items), len(items)

    n = _export(settings, output, report, build)
    click.echo(f"已导出 {n} 条审核决定到 {output} / exported {n} decisions to {output}")


@db.command("export-corpus")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="输出文件 / output file")
@click.option("--to", "fmt", type=click.Choice(["jsonl", "label-studio", "doccano"]), default="jsonl", show_default=True,
              help="jixiao 语料 JSONL、Label Studio 任务或 doccano JSONL / corpus format")
@click.option("--report", type=int, default=None, help="只导出这一份报告（编号）/ only this report id")
@_db_options
def db_export_corpus(output: str, fmt: str, report: int | None, settings) -> None:
    """导出标注数据：确认的发现与补充的漏报问题 / export the labelled data (confirmed and added problems)."""
    from . import exports

    def build(session, reports):
        return exports.corpus_export(session, reports, fmt), len(exports.corpus_records(session, reports))

    n = _export(settings, output, report, build)
    click.echo(f"已导出 {n} 份报告的标注到 {output} / exported {n} labelled reports to {output}")
