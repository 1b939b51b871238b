"""The resume cache: what an earlier run into the same output folder already checked.

A report is skipped when its cache key is unchanged: the sha256 of its bytes, the jixiao version,
a hash of the effective configuration (rules, severities, tolerances, the scoring profile's
content, the page language, the shipped models' files) and its path (the path is part of the report). Results live in
``OUT/.jixiao-batch/``: ``manifest.jsonl`` (one line per checked report, appended as each one
finishes, so an interrupted run resumes too) and ``results/<key>.json`` (its contract line).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .. import __version__

__all__ = ["STATE_DIR", "Cache", "cache_key", "config_hash", "models_fingerprint"]

STATE_DIR = ".jixiao-batch"
CACHEABLE = ("ok", "error")  # timeouts and crashed workers are tried again


def config_hash(config: dict, profile_raw: dict | None, options: dict | None = None) -> str:
    """What the results depend on besides the report: the configuration (not where it was read
    from), the scoring profile's content and the rendering options."""
    body = {k: v for k, v in config.items() if k not in ("source", "base_dir")}
    blob = json.dumps({"config": body, "profile": profile_raw, "options": options or {}},
                      ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def models_fingerprint() -> str | None:
    """A hash of the shipped models' files (the triage model sets findings' confidence), so
    retrained models re-check every report; None when there are none."""
    try:
        from ..learn.models import models_dir

        d = models_dir()
    except (ImportError, AttributeError):
        return None
    if d is None or not d.is_dir():
        return None
    h = hashlib.sha256()
    for f in sorted(p for p in d.rglob("*") if p.is_file()):
        h.update(f.relative_to(d).as_posix().encode("utf-8") + b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def cache_key(sha256: str, cfg_hash: str, source: str) -> str:
    blob = f"{sha256}\0{__version__}\0{cfg_hash}\0{source}"
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class Cache:
    """Read and write the state folder of one output folder (only the parent process does)."""

    def __init__(self, out_dir: Path):
        self.dir = out_dir / STATE_DIR
        self.results = self.dir / "results"
        self.manifest = self.dir / "manifest.jsonl"
        self.results.mkdir(parents=True, exist_ok=True)
        self.entries: dict[str, dict] = {}
        if self.manifest.is_file():
            for line in self.manifest.read_text(encoding="utf-8").splitlines():
                try:
                    e = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut short by an interrupted run
                if isinstance(e, dict) and "key" in e:
                    self.entries[e["key"]] = e
        self._fh = None

    def lookup(self, key: str, out_dir: Path) -> dict | None:
        """The earlier entry for ``key`` when its outputs are all still there."""
        e = self.entries.get(key)
        if e is None or e.get("status") not in CACHEABLE:
            return None
        if e["status"] == "ok":
            if not self.result_path(key).is_file():
                return None
            if e.get("html") and not (out_dir / e["html"]).is_file():
                return None
        return e

    def result_path(self, key: str) -> Path:
        return self.results / f"{key}.json"

    def store(self, entry: dict, report_line: str | None) -> None:
        """Keep one finished report: its contract line first (unless the worker wrote it), then
        its manifest line, the mark that it is done."""
        if entry.get("status") not in CACHEABLE:
            return
        if report_line is not None:
            _atomic_write(self.result_path(entry["key"]), report_line + "\n")
        if self._fh is None:
            self._fh = open(self.manifest, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the run
        self._fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._fh.flush()
        self.entries[entry["key"]] = entry

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def compact(self, keep: set[str], out_dir: Path, pages_in_use: set[str]) -> None:
        """Forget reports this run no longer has: their manifest lines, results and pages."""
        self.close()
        stale = [e for k, e in self.entries.items() if k not in keep]
        for e in stale:
            self.result_path(e["key"]).unlink(missing_ok=True)
            page = e.get("html")
            if page and page not in pages_in_use:
                (out_dir / page).unlink(missing_ok=True)
        for f in self.results.glob("*.json"):
            if f.stem not in keep:
                f.unlink(missing_ok=True)
        self.entries = {k: e for k, e in self.entries.items() if k in keep}
        _atomic_write(self.manifest, "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.entries.values()))
