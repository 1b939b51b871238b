"""`make bench`, part 2: how fast `check` is.

    python -m jixiao.bench_check [SHARED_DIR] [-n 2000] [--json build/bench.json]

* **Throughput**: ``-n`` generated reports (jixiao.learn.generate, made in memory), each read as
  text and checked end to end (``jixiao.check(jixiao.read_text(text))``, with the shipped models
  as ``jixiao check`` runs them, and without them), beside ``jieba.lcut`` on the same texts in
  the same run, in alternating chunks. Speeds are characters per CPU second of this one process,
  that is per core; the ratio to jieba is what to compare across machines (target ≥ 0.6).
  The reports are the generator's default, whole reports as long as real ones and as dense in
  figures (the bench prints both measures beside the seeds' and the real excerpts' when
  SHARED_DIR is there); the short reports of generator version 1 (no narrative, far denser in
  figures than real reports) are measured too, as a harder case.
* **Cold start**: wall time of ``jixiao check`` on a 15,000-character generated report in a new
  process, the median of 5 runs after one warm-up run (which fills jieba's dictionary cache).
* **Per file**: milliseconds per check of the shipped sample and, when SHARED_DIR is there, of
  the seeds in their three forms (median of several runs after a warm-up).

The figures are merged into ``build/bench.json`` under the key "check" (other benchmarks own
other keys).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import read_text
from .report import check

RUNS = 7  # per-file timings
COLD_RUNS = 5
COLD_CHARS = 15_000
CHUNK = 50  # reports per alternating chunk of the throughput run
TARGET_RATIO = 0.6
TARGET_COLD_S = 1.5
ROOT = Path(__file__).resolve().parents[2]


def generated_texts(n: int, seed: int = 2024, *, full: bool = True) -> list[str]:
    """``n`` generated reports as the text a .txt file of each would hold (``full=False``: the
    short reports of generator version 1)."""
    from .learn.generate import generate_one

    return [generate_one(seed, i, full=full).text for i in range(n)]


def corpus_profile(texts: list[str]) -> dict:
    """How long the reports are and how dense in figures: what makes a corpus realistic for a
    speed test (a check's work grows with the figures; jieba's only with the characters)."""
    from . import extract_quantities

    chars = sum(map(len, texts))
    figures = sum(len(extract_quantities(t)) for t in texts)
    return {"reports": len(texts), "median_chars": round(statistics.median(map(len, texts))) if texts else 0,
            "figures_per_1000_chars": round(figures / chars * 1000, 1) if chars else 0.0}


def reference_profiles(shared: Path) -> dict:
    """corpus_profile of the real reports in SHARED_DIR: the seeds (whole reports) and the real
    excerpts, when they are there."""
    out = {}
    for name, pattern in (("seeds", "seeds/*.txt"), ("real excerpts", "corpora/real/*.txt")):
        texts = [p.read_text(encoding="utf-8") for p in sorted(shared.glob(pattern))]
        if texts:
            out[name] = corpus_profile(texts)
    return out


def throughput(texts: list[str]) -> dict:
    """Characters per CPU second of jieba.lcut, of check and of check without the models, over
    ``texts`` (chunks of each interleaved so that a busy machine slows all three alike)."""
    from ._jieba import jieba as loaded_jieba

    jieba = loaded_jieba()  # the dictionary check uses too
    for t in texts[:3]:  # warm-up: imports, the rules, jieba's dictionary, the models
        check(read_text(t))
        jieba.lcut(t)
    # each pass starts without what the pass before it cached of the same texts (clear_caches)
    clock = time.process_time
    spent = {"jieba": 0.0, "check": 0.0, "check_no_models": 0.0}
    wall = time.perf_counter()
    for k in range(0, len(texts), CHUNK):
        chunk = texts[k:k + CHUNK]
        t0 = clock()
        for t in chunk:
            jieba.lcut(t)
        clear_caches()
        t1 = clock()
        for t in chunk:
            check(read_text(t))
        clear_caches()
        t2 = clock()
        for t in chunk:
            check(read_text(t), models=False)
        t3 = clock()
        spent["jieba"] += t1 - t0
        spent["check"] += t2 - t1
        spent["check_no_models"] += t3 - t2
    wall = time.perf_counter() - wall
    chars = sum(map(len, texts))
    speed = {k: chars / v for k, v in spent.items()}
    return {
        "reports": len(texts), "chars": chars, "clock": "CPU time of one process (one core)",
        "jieba_chars_per_s": round(speed["jieba"]),
        "check_chars_per_s": round(speed["check"]),
        "check_no_models_chars_per_s": round(speed["check_no_models"]),
        "ratio": round(speed["check"] / speed["jieba"], 3),
        "ratio_no_models": round(speed["check_no_models"] / speed["jieba"], 3),
        "target_ratio": TARGET_RATIO,
        "cpu_seconds": {k: round(v, 2) for k, v in spent.items()},
        "wall_seconds": round(wall, 2),
    }


def clear_caches() -> None:
    """Empty every ``functools.lru_cache`` of jixiao's loaded modules that remembers results per
    input (quantities of a text, metric keys …); loaded resources (maxsize 1) stay."""
    import functools

    for name, mod in list(sys.modules.items()):
        if name != "jixiao" and not name.startswith("jixiao."):
            continue
        for obj in list(vars(mod).values()):
            if isinstance(obj, functools._lru_cache_wrapper) and (obj.cache_parameters()["maxsize"] or 2**31) > 16:
                obj.cache_clear()


def cold_report(folder: Path, seed: int = 15000) -> Path:
    """A generated report of at least 15,000 characters (whole generated reports one after another)."""
    from .learn.generate import generate_one

    parts, n, i = [], 0, 0
    while n < COLD_CHARS:
        t = generate_one(seed, i).text
        parts.append(t)
        n += len(t) + 1
        i += 1
    path = folder / "report-15k.txt"
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path


def _command() -> list[str]:
    script = Path(sys.executable).with_name("jixiao")
    if script.is_file():
        return [str(script)]
    found = shutil.which("jixiao")
    return [found] if found else [sys.executable, "-m", "jixiao.cli"]


def cold_start(path: Path, runs: int = COLD_RUNS) -> dict:
    """Wall time of ``jixiao check PATH`` in a new process: a warm-up run, then ``runs`` runs.

    The processes keep their compiled bytecode in a temporary folder (PYTHONPYCACHEPREFIX), as an
    installed package has it, even where PYTHONDONTWRITEBYTECODE is set: recompiling jixiao's
    sources would otherwise add about 0.3 s to every run."""
    cmd = _command() + ["check", str(path)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(path.parent / "pycache")

    def once() -> tuple[float, float]:
        before = _children_cpu()
        t = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=env)
        dt = time.perf_counter() - t
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.decode('utf-8', 'replace').strip()}")
        return dt, _children_cpu() - before

    warm, _ = once()
    times, cpu = zip(*(once() for _ in range(runs)))
    return {
        "command": "jixiao check FILE", "chars": len(path.read_text(encoding="utf-8")),
        "warmup_s": round(warm, 3), "runs_s": [round(x, 3) for x in times],
        "median_s": round(statistics.median(times), 3), "median_cpu_s": round(statistics.median(cpu), 3),
        "target_s": TARGET_COLD_S, "bytecode": "cached (PYTHONPYCACHEPREFIX, filled by the warm-up run)",
    }


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return 0.0
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _median_ms(target) -> tuple[int, float, int]:
    rep = check(target)  # warm-up: imports, jieba dictionary, caches
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        rep = check(target)
        times.append(time.perf_counter() - t)
    return len(rep.document.text), statistics.median(times) * 1000, len(rep.findings)


def per_file(shared: Path) -> list[dict]:
    files = [ROOT / "examples" / "sample_report.docx"]
    seeds = shared / "seeds"
    if seeds.is_dir():
        files += sorted(seeds.glob("*.txt")) + sorted((seeds / "formats").glob("*.*"))
    out = []
    for f in files:
        if not f.is_file():
            continue
        n, ms, k = _median_ms(f)
        out.append({"file": f.name, "chars": n, "ms_per_check": round(ms, 1),
                    "chars_per_s": round(n / ms * 1000), "findings": k})
    return out


def merge_json(key: str, figures: dict, path: Path) -> None:
    """Set ``key`` of the shared bench file to ``figures``, keeping the other keys."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[key] = figures
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _machine() -> dict:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"python": platform.python_version(), "machine": platform.machine(), "cores": os.cpu_count(),
            "load_average_before": round(load, 2) if load is not None else None,
            "date": time.strftime("%Y-%m-%d")}


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(prog="python -m jixiao.bench_check")
    ap.add_argument("shared", nargs="?", default=str(ROOT.parent / "shared"), help="the shared folder (seeds)")
    ap.add_argument("-n", type=int, default=2000, help="generated reports for the throughput run (default 2000)")
    ap.add_argument("--json", default=str(ROOT / "build" / "bench.json"))
    args = ap.parse_args(argv)
    figures = _machine()

    texts = generated_texts(args.n)
    short = generated_texts(args.n, full=False)
    profiles = {"generated": corpus_profile(texts), "generated, short (version 1)": corpus_profile(short),
                **reference_profiles(Path(args.shared))}
    figures["corpora"] = profiles
    print("corpora: reports, median length, figures per 1,000 characters")
    for name, pr in profiles.items():
        print(f"  {name:<30} {pr['reports']:>6} {pr['median_chars']:>7,} chars {pr['figures_per_1000_chars']:>6.1f}")
    tp = throughput(texts)
    figures["throughput"] = tp
    print(f"check throughput: {tp['reports']} generated reports, {tp['chars']:,} characters "
          f"(per CPU second of one process, i.e. per core)")
    print(f"  jieba.lcut                 {tp['jieba_chars_per_s']:>10,} chars/s")
    print(f"  check                      {tp['check_chars_per_s']:>10,} chars/s   "
          f"ratio to jieba {tp['ratio']:.2f} (target >= {TARGET_RATIO})")
    print(f"  check, no learned models   {tp['check_no_models_chars_per_s']:>10,} chars/s   "
          f"ratio to jieba {tp['ratio_no_models']:.2f}")
    ts = throughput(short)
    figures["throughput_short"] = ts
    print(f"the same on {ts['reports']} short reports (version 1), {ts['chars']:,} characters: check "
          f"{ts['check_chars_per_s']:,} chars/s, ratio {ts['ratio']:.2f}; no models {ts['ratio_no_models']:.2f}")

    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        cs = cold_start(cold_report(Path(tmp)))
    figures["cold_start"] = cs
    ok = "ok" if cs["median_s"] <= TARGET_COLD_S else "above target"
    print(f"cold start: jixiao check on a {cs['chars']:,}-character report, new process: median "
          f"{cs['median_s']:.2f} s wall of {len(cs['runs_s'])} (target <= {TARGET_COLD_S} s: {ok}), "
          f"{cs['median_cpu_s']:.2f} s CPU; warm-up run {cs['warmup_s']:.2f} s")

    files = per_file(Path(args.shared))
    figures["files"] = files
    print(f"{'file':<40} {'chars':>7} {'ms/check':>9} {'chars/s':>9} {'findings':>8}")
    for f in files:
        print(f"{f['file']:<40} {f['chars']:>7} {f['ms_per_check']:>9.1f} {f['chars_per_s']:>9} {f['findings']:>8}")
    if figures["load_average_before"] and figures["load_average_before"] > 0.5:
        print(f"note: load average {figures['load_average_before']:.1f} before the run on {figures['cores']} "
              "cores: other processes share the CPU (the ratios to jieba are the figures to compare)")
    merge_json("check", figures, Path(args.json))


if __name__ == "__main__":
    main(sys.argv[1:])
