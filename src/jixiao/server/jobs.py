"""Checking uploaded reports in the background: a few worker threads, each running one child
process per report (jixiao.server.worker) under a time limit, with the stage it has reached
visible in the database. A re-check keeps the findings (and so their decisions) it finds again."""
from __future__ import annotations

import hashlib
import json
import logging
import queue
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from .models import Finding, Report, utcnow
from .settings import Settings
from .uploads import stored_path

log = logging.getLogger("jixiao.server")

STAGE_ZH = {"queued": "排队中", "read": "读取文件", "check": "检查中", "render": "生成标注视图", "save": "保存结果"}
STAGE_PERCENT = {"queued": 0, "read": 15, "check": 45, "render": 75, "save": 90}


def finding_key(f: dict) -> str:
    """What identifies a finding across checks: rule, category and the evidence texts (not the
    run-local id, which changes whenever another finding comes or goes)."""
    basis = [f.get("rule"), f.get("category"), [e.get("text", "") for e in f.get("evidence") or []]]
    return hashlib.sha256(json.dumps(basis, ensure_ascii=False).encode()).hexdigest()


def _spans(f: dict) -> tuple:
    return tuple(tuple(e.get("span") or ()) for e in f.get("evidence") or [])


def match_findings(old: Sequence[tuple[int, str, tuple]], new: Sequence[dict]) -> dict[int, int]:
    """Pair the new findings (by index) with old ones (id, key, spans): first where key and spans
    agree, then by key alone in order (the text moved). Unpaired ones are new, or gone."""
    taken: set[int] = set()
    out: dict[int, int] = {}
    for exact in (True, False):
        for i, f in enumerate(new):
            if i in out:
                continue
            key, spans = finding_key(f), _spans(f)
            for oid, okey, ospans in old:
                if oid not in taken and okey == key and (not exact or tuple(ospans) == spans):
                    out[i] = oid
                    taken.add(oid)
                    break
    return out


def apply_result(db, report: Report, result: dict) -> None:
    """Store a finished check on ``report``: findings matched to the earlier ones keep their row
    (and decisions); new ones are added; ones no longer reported are kept with present=False."""
    rep = result["report"]
    version = result.get("version")
    extra = result.get("extra") or {}
    new = rep.get("findings") or []
    old = list(db.scalars(select(Finding).where(Finding.report_id == report.id).order_by(Finding.position, Finding.id)))
    by_id = {f.id: f for f in old}
    pairs = match_findings([(f.id, f.key, _spans(f.data)) for f in old], new)
    for i, fj in enumerate(new):
        row = by_id.get(pairs.get(i, -1))
        if row is None:
            row = Finding(report_id=report.id, key=finding_key(fj), first_version=version)
            db.add(row)
        ex = extra.get(fj.get("id"), {})
        row.run_id, row.position, row.present = str(fj.get("id")), i, True
        row.rule, row.category, row.severity = fj["rule"], fj["category"], fj["severity"]
        row.message, row.data = fj["message"], fj
        row.location, row.context = ex.get("location"), ex.get("context")
    for f in old:
        if f.id not in set(pairs.values()):
            f.present = False
    summary = rep.get("summary") or {}
    report.n_error, report.n_warning, report.n_info = (int(summary.get(k, 0)) for k in ("error", "warning", "info"))
    report.report_json, report.doc_text = rep, result.get("text")
    report.view_html, report.view_meta = result.get("html"), result.get("meta")
    report.jixiao_version = version
    report.status, report.stage, report.error = "done", None, None
    report.finished_at = utcnow()
    report.runs = (report.runs or 0) + 1


class JobRunner:
    """Worker threads taking report ids from a queue; one child process per report."""

    def __init__(self, settings: Settings, sessions: sessionmaker):
        self.settings = settings
        self.sessions = sessions
        self.queue: queue.Queue[int | None] = queue.Queue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._procs: dict[int, subprocess.Popen] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the workers and queue every report left unfinished by an earlier run."""
        with self.sessions.begin() as db:
            pending = list(db.scalars(select(Report).where(Report.status.in_(("queued", "running"))).order_by(Report.id)))
            for r in pending:
                r.status, r.stage = "queued", None
            ids = [r.id for r in pending]
        for i in ids:
            self.queue.put(i)
        for n in range(max(1, self.settings.workers)):
            t = threading.Thread(target=self._loop, name=f"jixiao-check-{n}", daemon=True)
            t.start()
            self._threads.append(t)

    def submit(self, report_id: int) -> None:
        self.queue.put(report_id)

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            for p in self._procs.values():
                p.kill()
        for _ in self._threads:
            self.queue.put(None)
        for t in self._threads:
            t.join(timeout=10)

    def _loop(self) -> None:
        while not self._stop.is_set():
            rid = self.queue.get()
            if rid is None:
                return
            try:
                self.process(rid)
            except Exception:  # one report's failure never stops the workers
                log.exception("checking report %s failed", rid)
                self._fail(rid, "处理时发生内部错误 / internal error while processing")

    def _fail(self, rid: int, line: str) -> None:
        with self.sessions.begin() as db:
            r = db.get(Report, rid)
            if r is not None:
                r.status, r.stage, r.error, r.finished_at = "failed", None, line, utcnow()

    def _set_stage(self, rid: int, stage: str) -> None:
        with self.sessions.begin() as db:
            r = db.get(Report, rid)
            if r is not None and r.status == "running":
                r.stage = stage

    def process(self, rid: int) -> None:
        with self.sessions.begin() as db:
            r = db.get(Report, rid)
            if r is None or r.status != "queued":
                return
            r.status, r.stage, r.error, r.started_at = "running", "read", None, utcnow()
            path = stored_path(self.settings.uploads_dir, r.stored_name)
            name = r.original_name
        work = self.settings.jobs_dir / f"{rid}-{uuid.uuid4().hex[:8]}"
        work.mkdir(parents=True, exist_ok=True)
        try:
            self._run_child(rid, path, name, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _run_child(self, rid: int, path: Path, name: str, work: Path) -> None:
        result_file, progress = work / "result.json", work / "progress"
        timeout = self.settings.job_timeout
        with open(work / "stderr", "wb") as err:
            proc = subprocess.Popen([sys.executable, "-m", "jixiao.server.worker", str(path), name,
                                     str(result_file), str(progress)],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        with self._lock:
            self._procs[rid] = proc
        stage, deadline = "read", time.monotonic() + timeout
        try:
            while True:
                try:
                    proc.wait(timeout=0.2)
                    break
                except subprocess.TimeoutExpired:
                    pass
                if self._stop.is_set():
                    proc.kill()
                    proc.wait()
                    return  # left "running": queued again at the next start
                try:
                    now = progress.read_text(encoding="utf-8").strip()
                except OSError:
                    now = stage
                if now != stage and now in STAGE_ZH:
                    stage = now
                    self._set_stage(rid, stage)
                if time.monotonic() > deadline:
                    proc.kill()
                    proc.wait()
                    self._fail(rid, f"处理超时（超过 {timeout:g} 秒），已停止 / timed out after {timeout:g} s and was stopped")
                    return
        finally:
            with self._lock:
                self._procs.pop(rid, None)
        try:
            result = json.loads(result_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            tail = (work / "stderr").read_text(encoding="utf-8", errors="replace").strip().splitlines()
            why = tail[-1] if tail else f"exit code {proc.returncode}"
            self._fail(rid, f"检查进程异常退出 / the checking process ended abnormally ({why[:300]})")
            return
        if "error" in result:
            self._fail(rid, str(result["error"])[:1000])
            return
        self._set_stage(rid, "save")
        with self.sessions.begin() as db:
            r = db.get(Report, rid)
            if r is not None and r.status == "running":
                apply_result(db, r, result)


def queue_recheck(db, report: Report) -> bool:
    """Mark a report for checking again (False when it is already waiting or running)."""
    if report.status in ("queued", "running"):
        return False
    report.status, report.stage, report.error = "queued", None, None
    return True
