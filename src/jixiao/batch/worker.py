"""The per-report function every engine maps: bytes (or a path) and a configuration in, a plain
dict out. No globals, no files written, picklable both ways, so a process pool, Dask, Ray or
Spark can run it unchanged.

    >>> res = check_one("a.txt", config_to_dict(Config()), data=b"...")
    >>> res["status"], res["report"], res["row"], res["html"], res["error"]
"""
from __future__ import annotations

import importlib
import json
import os
import time
from decimal import Decimal

from ..config import Config

try:
    import resource
except ImportError:  # pragma: no cover - Windows: no peak-memory figure
    resource = None

__all__ = ["DEFAULT_FUNC", "check_one", "config_from_dict", "config_to_dict", "run_task"]

DEFAULT_FUNC = "jixiao.batch.worker:check_one"


def config_to_dict(config: Config) -> dict:
    """A Config as plain JSON values (what crosses process and machine boundaries)."""
    return {"select": list(config.select), "ignore": list(config.ignore), "severity": dict(config.severity),
            "tolerances": {k: str(v) for k, v in sorted(config.tolerances.items())},
            "profile": config.profile, "base_dir": config.base_dir, "source": config.source}


def config_from_dict(d: dict | None) -> Config:
    if not d:
        return Config()
    return Config(select=tuple(d.get("select") or ("ALL",)), ignore=tuple(d.get("ignore") or ()),
                  severity=dict(d.get("severity") or {}),
                  tolerances={k: Decimal(v) for k, v in (d.get("tolerances") or {}).items()},
                  profile=d.get("profile") or "national", base_dir=d.get("base_dir"), source=d.get("source"))


def check_one(source: str, config: dict | None = None, data: bytes | None = None, *,
              html: bool = True, lang: str = "zh") -> dict:
    """Check one report: ``source`` is its path as given (read from disk when ``data`` is None).

    Returns ``{"source", "status": "ok"|"error", "kind", "report": contract JSON line (str),
    "row": summary row, "html": annotated page or None, "error": one line or None}``; an input
    the readers reject, or any failure inside the checks, becomes ``status="error"`` and its line.
    """
    from ..errors import JixiaoError
    from ..report import check as run_check
    from .summary import summary_row

    cfg = config_from_dict(config)
    try:
        from .. import read

        doc = read(source, data)
        report = run_check(doc, cfg)
        row = summary_row(report, cfg)
        line = json.dumps(report.to_json(), ensure_ascii=False)
        page = None
        if html:
            from ..render.html import render_html

            page = render_html([report], lang=lang)
    except JixiaoError as e:
        return _failed(source, "input", e.line(source))
    except Exception as e:  # noqa: BLE001 - a bug on one report must not stop the batch
        from ..cli import _fail_line

        return _failed(source, "internal", _fail_line(source, e))
    return {"source": source, "status": "ok", "kind": None, "report": line, "row": row, "html": page,
            "error": None}


def _failed(source: str, kind: str, line: str) -> dict:
    return {"source": source, "status": "error", "kind": kind, "report": None, "row": None, "html": None,
            "error": line}


def resolve(func: str):
    """``"package.module:function"`` -> the function (resolved where it runs)."""
    mod, _, name = func.partition(":")
    return getattr(importlib.import_module(mod), name)


def run_task(task: dict) -> dict:
    """What a pool runs: the task's function (``check_one`` unless a test swaps it) on the task,
    with the wall time and this worker's peak memory added. When the task names files to write
    (``write_page``, ``write_result``: a pool on this machine), the page and the contract line go
    straight there instead of back through the pipe."""
    t0 = time.perf_counter()
    fn = resolve(task.get("func") or DEFAULT_FUNC)
    res = fn(task["source"], task.get("config"), task.get("data"), html=task.get("html", True),
             lang=task.get("lang", "zh"))
    if res.get("status") == "ok":
        if task.get("write_page") and res.get("html") is not None:
            _write(task["write_page"], res["html"])
            res["html"], res["page_written"] = None, True
        if task.get("write_result") and res.get("report") is not None:
            _write(task["write_result"], res["report"] + "\n")
            res["report"], res["result_written"] = None, True
    res["seconds"] = round(time.perf_counter() - t0, 4)
    res["peak_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if resource else None
    return res


def _write(path: str, text: str) -> None:
    """Write whole or not at all (a reader never sees half a file)."""
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
