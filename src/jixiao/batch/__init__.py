"""`jixiao batch`: check many reports at once, in parallel processes or on a Dask cluster.

    >>> from jixiao.batch import run_batch
    >>> res = run_batch(["reports/"], "out/", jobs=4)
    >>> res.checked, res.reused, res.failed, res.exit_code("error")

Writes into the output folder: findings.jsonl (the contract, one line per report checked),
summary.csv / summary.xlsx (one row per report), errors.csv, dashboard.html, reports/<name>.html
(each report's annotated page) and run.json (figures of this run). A re-run skips reports whose
content, jixiao version and configuration are unchanged (see ``cache``).
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import JixiaoError
from .worker import DEFAULT_FUNC, check_one, config_from_dict, config_to_dict

__all__ = [
    "ENGINES",
    "SUFFIXES",
    "BatchResult",
    "check_one",
    "collect_files",
    "config_from_dict",
    "config_to_dict",
    "run_batch",
]

SUFFIXES = (".docx", ".pdf", ".xlsx", ".txt", ".md", ".html", ".htm")
ENGINES = ("processes", "dask")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
DEFAULT_TIMEOUT = 120.0


@dataclass
class BatchResult:
    out_dir: Path
    rows: list[dict]  # one per input file, in input order (see writers.columns for the keys)
    checked: int = 0  # reports checked in this run
    reused: int = 0  # reports skipped: unchanged since an earlier run
    seconds: float = 0.0
    peak_worker_rss_mb: float | None = None  # the largest peak RSS of any worker this run
    outputs: dict[str, Path] = field(default_factory=dict)
    phases: dict[str, float] = field(default_factory=dict)  # seconds: prepare (hash, cache), check, write

    @property
    def failed(self) -> list[dict]:
        return [r for r in self.rows if r["status"] != "ok"]

    def exit_code(self, fail_on: str = "never") -> int:
        """2 when any file could not be checked, else 1 when a finding is at or above
        ``fail_on`` (error / warning / info), else 0."""
        if self.failed:
            return 2
        if fail_on == "never":
            return 0
        worst = max((SEVERITY_RANK[s] for r in self.rows for s in SEVERITY_RANK if r.get(s)), default=-1)
        return 1 if worst >= SEVERITY_RANK[fail_on] else 0


# --------------------------------------------------------------------------- inputs


def collect_files(paths, exclude: Path | None = None) -> list[str]:
    """The report files named or found under the folders named (recursively, sorted; hidden
    files and folders, Office ~$ lock files and ``exclude`` left out), each once, in order.
    A path that does not exist is kept, so it is reported as unreadable."""
    out: list[str] = []
    seen: set[str] = set()
    skip = exclude.resolve() if exclude is not None else None

    def add(p: str) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    for given in paths:
        p = Path(given)
        if not p.is_dir():
            add(str(given))
            continue
        for root, dirs, files in os.walk(p):
            rp = Path(root)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (skip is None or (rp / d).resolve() != skip))
            for name in sorted(files):
                if name.startswith((".", "~$")) or not name.lower().endswith(SUFFIXES):
                    continue
                add(str(rp / name))
    return out


def _page_names(files: list[str]) -> list[str]:
    """reports/<file name>.html for each file, made unique when two folders hold the same name."""
    names = [Path(f).name for f in files]
    counts: dict[str, int] = {}
    for n in names:
        counts[n.lower()] = counts.get(n.lower(), 0) + 1
    out = []
    for f, n in zip(files, names):
        if counts[n.lower()] > 1:
            n = f"{n}-{hashlib.sha256(f.encode('utf-8')).hexdigest()[:8]}"
        out.append(f"reports/{n}.html")
    return out


# --------------------------------------------------------------------------- the run


def run_batch(paths, out_dir, jobs: int | None = None, config=None, timeout: float | None = DEFAULT_TIMEOUT,
              engine: str = "processes", scheduler=None, resume: bool = True, progress: bool = True, *,
              select=None, ignore=None, profile: str | None = None, lang: str = "zh", html: bool = True,
              func: str = DEFAULT_FUNC) -> BatchResult:
    """Check every report in ``paths`` (files or folders) into ``out_dir``; see the module doc.

    ``config`` is a Config for every report (default: each report's nearest jixiao.toml);
    ``select`` / ``ignore`` / ``profile`` go on top as on the command line. ``scheduler`` is a
    Dask address, cluster or Client (``engine="dask"``; a LocalCluster when None). ``func``
    names the per-report function as "module:function" (tests swap it). Raises JixiaoError for
    a bad configuration, profile or engine; a bad report only fails its own row.
    """
    from .cache import Cache, cache_key, config_hash, models_fingerprint
    from .engines import default_jobs, run_dask, run_processes

    if engine not in ENGINES:
        raise JixiaoError(f"未知的引擎 {engine}（可选：{', '.join(ENGINES)}）", f"unknown engine {engine}")
    if engine == "dask":
        try:
            import dask.distributed  # noqa: F401
        except ImportError:
            from .engines import DaskMissing

            raise DaskMissing() from None
    started = time.perf_counter()
    jobs = max(1, jobs or default_jobs())
    out = Path(out_dir)
    configs = _Configs(config, select, ignore, profile)
    configs.check_profile()
    files = collect_files(paths, exclude=out)
    if not files:
        where = "、".join(map(str, paths))
        raise JixiaoError(f"在 {where} 中没有找到报告文件（{' '.join(SUFFIXES)}）",
                          f"no report files found in {', '.join(map(str, paths))}")
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "reports").mkdir(exist_ok=True)
        cache = Cache(out)
    except OSError as e:
        raise JixiaoError(f"无法创建输出文件夹 {out}", f"cannot create the output folder {out} ({e.strerror})") from None
    pages = _page_names(files)
    options = {"lang": lang, "html": html, "models": models_fingerprint()}

    rows: list[dict | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    counts = {"reused": 0, "checked": 0, "peak": 0}

    def tasks() -> Iterator[dict]:
        """The reports to check, found lazily (hashing overlaps checking); the unchanged ones
        get their earlier row and leave the progress total."""
        for i, src in enumerate(files):
            try:
                data = Path(src).read_bytes()
            except OSError as e:
                rows[i] = _row(src, _unreadable(src, e), None, None)
                bar.advance()
                continue
            sha = hashlib.sha256(data).hexdigest()
            try:
                cfg = configs.for_file(src)
            except JixiaoError as e:
                rows[i] = _row(src, {"status": "error", "kind": "config", "error": e.line(src)}, None, sha)
                bar.advance()
                continue
            cfgd = config_to_dict(cfg)
            key = keys[i] = cache_key(sha, config_hash(cfgd, configs.profile_raw(cfg), options), src)
            hit = cache.lookup(key, out) if resume else None
            if hit is not None:
                rows[i] = hit["row"]
                counts["reused"] += 1
                bar.skip()
                continue
            task = {"index": i, "source": src, "config": cfgd, "html": html, "lang": lang, "func": func,
                    "key": key, "sha256": sha, "page": pages[i]}
            if engine == "processes":  # workers on this machine read the file and write its outputs
                yield {**task, "path": src, "write_page": str(out / pages[i]),
                       "write_result": str(cache.result_path(key))}
            else:  # a remote worker gets the bytes
                yield {**task, "data": data}

    def on_result(task: dict, res: dict) -> None:
        i, src = task["index"], task["source"]
        page = None
        if res["status"] == "ok" and res.get("html") is not None:
            (out / task["page"]).write_text(res["html"], encoding="utf-8")
            page = task["page"]
        elif res["status"] == "ok" and res.get("page_written"):
            page = task["page"]
        row = _row(src, res, page, task["sha256"])
        rows[i] = row
        if res.get("peak_rss_kb"):
            counts["peak"] = max(counts["peak"], res["peak_rss_kb"])
        if res["status"] == "ok" or res.get("kind") in ("input", "internal"):
            cache.store({"key": task["key"], "source": src, "sha256": task["sha256"], "version": __version__,
                         "status": res["status"], "kind": res.get("kind"), "row": row, "html": page},
                        res.get("report"))
        counts["checked"] += 1
        bar.advance()

    bar = _Progress(len(files), enabled=progress)
    loader = threading.Thread(target=_load_writers, daemon=True)  # while the workers check
    try:
        with bar:
            todo = tasks()
            first = next(todo, None)  # no pool at all when nothing needs checking
            t_checks = time.perf_counter()
            if first is not None:
                loader.start()
                todo = itertools.chain([first], todo)
                if engine == "dask":
                    run_dask(todo, on_result, jobs=jobs, timeout=timeout, scheduler=scheduler)
                else:
                    run_processes(todo, on_result, jobs=jobs, timeout=timeout)
    finally:
        cache.close()

    t_write = time.perf_counter()
    if loader.is_alive():
        loader.join()
    final = [r for r in rows if r is not None]
    assert len(final) == len(files), "every file has a row"
    outputs = _write_outputs(out, final, [k if r["status"] == "ok" else None for k, r in zip(keys, final)],
                             cache, lang)
    cache.compact({k for k in keys if k}, out, {r["html"] for r in final if r.get("html")})
    result = BatchResult(out_dir=out, rows=final, checked=counts["checked"], reused=counts["reused"],
                         seconds=round(time.perf_counter() - started, 3),
                         peak_worker_rss_mb=round(counts["peak"] / 1024, 1) if counts["peak"] else None,
                         outputs=outputs,
                         phases={"prepare": round(t_checks - started, 3), "check": round(t_write - t_checks, 3),
                                 "write": round(time.perf_counter() - t_write, 3)})
    run = {"jixiao": __version__, "engine": engine, "jobs": jobs, "timeout": timeout, "reports": len(final),
           "checked": result.checked, "reused": result.reused, "failed": len(result.failed),
           "seconds": result.seconds, "phases": result.phases, "peak_worker_rss_mb": result.peak_worker_rss_mb}
    (out / "run.json").write_text(json.dumps(run, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    outputs["run"] = out / "run.json"
    return result


def _load_writers() -> None:
    """Import what writing the outputs needs (openpyxl takes a while) ahead of time."""
    import openpyxl.cell  # noqa: F401

    from . import dashboard, writers  # noqa: F401


def _unreadable(src: str, e: OSError) -> dict:
    what = "文件不存在" if isinstance(e, FileNotFoundError) else "无法读取文件"
    return {"status": "error", "kind": "read", "error": f"{src}: {what} / cannot read the file ({e.strerror or e})"}


def _row(src: str, res: dict, page: str | None, sha: str | None) -> dict:
    row = {"file": src, "name": Path(src).name, "status": res["status"], "error_message": res.get("error"),
           "html": page, "sha256": sha, "seconds": res.get("seconds")}
    row.update(res.get("row") or {})
    return row


def _write_outputs(out: Path, rows: list[dict], keys: list[str | None], cache, lang: str) -> dict[str, Path]:
    from .dashboard import render_dashboard
    from .writers import write_csv, write_errors_csv, write_findings, write_xlsx

    def lines() -> Iterator[str]:
        for k in keys:
            if k is not None:
                yield cache.result_path(k).read_text(encoding="utf-8")

    paths = {name: out / name for name in ("findings.jsonl", "summary.csv", "summary.xlsx", "errors.csv",
                                           "dashboard.html")}
    write_findings(paths["findings.jsonl"], lines())
    write_csv(paths["summary.csv"], rows, lang)
    write_xlsx(paths["summary.xlsx"], rows, lang)
    write_errors_csv(paths["errors.csv"], rows, lang)
    paths["dashboard.html"].write_text(render_dashboard(rows, lang=lang), encoding="utf-8")
    return {k.split(".")[0] if k != "findings.jsonl" else "findings": v for k, v in paths.items()}


# --------------------------------------------------------------------------- configuration


class _Configs:
    """The effective configuration of each report: the one given, else the nearest jixiao.toml
    above it (looked up once per folder), with the command-line options on top."""

    def __init__(self, config, select, ignore, profile):
        self.base, self.select, self.ignore, self.profile = config, select, ignore, profile
        self._by_dir: dict[str, object] = {}
        self._profiles: dict[tuple, dict] = {}

    def _apply(self, cfg):
        return cfg.with_options(select=self.select, ignore=self.ignore, profile=self.profile)

    def check_profile(self) -> None:
        """A profile named on the command line must load (else: one line, exit 2)."""
        if self.base is not None:
            self.profile_raw(self._apply(self.base))
        elif self.profile:
            from ..config import Config

            self.profile_raw(self._apply(Config()))

    def for_file(self, src: str):
        if self.base is not None:
            return self._apply(self.base)
        from ..config import Config, discover

        folder = os.path.dirname(os.path.abspath(src))
        if folder not in self._by_dir:
            self._by_dir[folder] = discover(src) if os.path.exists(src) else Config()
        cfg = self._apply(self._by_dir[folder])
        self.profile_raw(cfg)  # a folder's broken profile fails its reports here, with its line
        return cfg

    def profile_raw(self, cfg) -> dict:
        from ..checks import load_profile

        k = (cfg.profile, cfg.base_dir)
        if k not in self._profiles:
            self._profiles[k] = load_profile(cfg.profile, cfg.base_dir).raw
        return self._profiles[k]


# --------------------------------------------------------------------------- progress


class _Progress:
    """A rich progress bar on stderr (count, rate, time left); silent when stderr is not a
    terminal or when disabled."""

    def __init__(self, total: int, enabled: bool):
        self.total, self._p, self._task = total, None, None
        if enabled and total:
            from rich.console import Console

            console = Console(stderr=True)
            if console.is_terminal:
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeElapsedColumn,
                    TimeRemainingColumn,
                )

                self._p = Progress(TextColumn("[bold]检查 / checking"), BarColumn(), MofNCompleteColumn(),
                                   _RateColumn(), TimeElapsedColumn(), TextColumn("剩余 / left"),
                                   TimeRemainingColumn(), console=console, transient=False)

    def __enter__(self):
        if self._p is not None:
            self._p.__enter__()
            self._task = self._p.add_task("batch", total=self.total)
        return self

    def __exit__(self, *exc):
        if self._p is not None:
            self._p.__exit__(*exc)

    def advance(self) -> None:
        if self._p is not None:
            self._p.advance(self._task)

    def skip(self) -> None:
        """One report fewer to check (unchanged since the last run): out of the total, so the
        rate and the time left count only real work."""
        self.total -= 1
        if self._p is not None:
            self._p.update(self._task, total=self.total)


def _RateColumn():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task):
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} 份/秒" if speed else "– 份/秒", style="progress.data.speed")

    return RateColumn()
