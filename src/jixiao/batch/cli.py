"""The `jixiao batch` command (registered on the main group at the end of jixiao/cli.py)."""
from __future__ import annotations

import sys

import click

from ..cli_options import rule_options


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="输出文件夹 / output folder")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="并行进程数（默认全部 CPU 核）/ parallel processes (default: all cores)")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              help="每份报告的时限（秒），超时即中止并记为失败 / time limit per report, in seconds")
@click.option("--engine", type=click.Choice(["processes", "dask"]), default="processes", show_default=True,
              help="本机多进程，或 Dask 集群 / local processes or a Dask cluster")
@click.option("--scheduler", default=None,
              help="Dask 调度器地址，如 tcp://10.0.0.5:8786（缺省则在本机启动）/ Dask scheduler address")
@click.option("--no-resume", is_flag=True, help="不跳过已检查且未改动的报告 / check every report again")
@rule_options
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="汇总表、看板和标注页面的语言 / language of the tables, dashboard and pages")
@click.option("--no-progress", is_flag=True, help="不显示进度条 / no progress bar")
def batch(paths: tuple[str, ...], out_dir: str, jobs: int | None, timeout: float, engine: str,
          scheduler: str | None, no_resume: bool, config_path: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], profile: str | None, fail_on: str, lang: str, no_progress: bool) -> None:
    """批量检查报告：并行、可续查，输出汇总表与看板 / check many reports in parallel into a folder.

    PATHS 为报告文件或文件夹（递归查找 docx、pdf、xlsx、txt、md、html）。输出：findings.jsonl、
    summary.csv、summary.xlsx、errors.csv、dashboard.html、reports/<文件名>.html。
    已检查且内容、jixiao 版本、配置均未改动的报告在重新运行时跳过。

    退出码 / exit codes: 0 通过 / clean; 1 有 --fail-on 级别及以上的问题 / findings at or above
    --fail-on; 2 有文件无法检查，或用法、配置错误 / a file could not be checked, or a usage error.
    """
    from ..errors import JixiaoError
    from . import run_batch

    try:
        base = None
        if config_path:
            from ..config import load_file

            base = load_file(config_path)
        if scheduler and engine != "dask":
            raise JixiaoError("--scheduler 只能与 --engine dask 一起使用", "--scheduler needs --engine dask")
        result = run_batch(list(paths), out_dir, jobs=jobs, config=base, timeout=timeout, engine=engine,
                           scheduler=scheduler, resume=not no_resume, progress=not no_progress,
                           select=list(select) or None, ignore=list(ignore) or None, profile=profile, lang=lang)
    except JixiaoError as e:
        click.echo(e.line(), err=True)
        sys.exit(2)
    except OSError as e:
        click.echo(f"无法写入输出 / cannot write the output: {e.filename or ''} {e.strerror or e}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("已中断；已完成的报告已保存，重新运行同一命令即可续查 / interrupted; finished reports are kept, "
                   "run the same command again to resume", err=True)
        sys.exit(130)

    for r in result.failed:
        click.echo(r["error_message"], err=True)
    n = len(result.rows)
    errs = sum(r.get("error") or 0 for r in result.rows)
    warns = sum(r.get("warning") or 0 for r in result.rows)
    infos = sum(r.get("info") or 0 for r in result.rows)
    click.echo(f"{n} 份报告：本次检查 {result.checked} 份，跳过未改动的 {result.reused} 份，无法检查 {len(result.failed)} 份；"
               f"共 {errs} 错误, {warns} 警告, {infos} 提示；用时 {result.seconds:.1f} 秒 / "
               f"{n} reports: {result.checked} checked, {result.reused} unchanged and skipped, "
               f"{len(result.failed)} failed; {errs} errors, {warns} warnings, {infos} info; {result.seconds:.1f} s")
    click.echo(f"看板 / dashboard: {result.outputs['dashboard']}")
    sys.exit(result.exit_code(fail_on))
