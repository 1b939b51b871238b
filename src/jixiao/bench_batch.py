"""`make bench`, batch part: how `jixiao batch` scales from 1 to 2 worker processes, and how much
memory a worker takes at its peak.

    python -m jixiao.bench_batch [-n 200]

Generates N txt reports (jixiao.learn.generate) into a temporary folder, warms the pool's fork
server with a small run, then times a full batch run (every output written) with 1 process and
with 2, best of three runs each (interleaved); then the machine's own 1 -> 2 ceiling on pure CPU
work, for reading the scaling on a shared or virtual machine. Prints a short table and merges the
figures into build/bench.json under the key "batch".
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from .batch import run_batch
from .bench_check import merge_json
from .learn.generate import generate

TARGET_SCALING = 1.8
TARGET_RSS_MB = 500


def _timed(src: Path, out: Path, jobs: int) -> tuple[float, float | None, float]:
    """Wall time of a whole batch run, the workers' peak RSS, and how busy the workers were
    (time spent on reports / (jobs x wall)): below 1 is time lost to dispatch or the parent."""
    t = time.perf_counter()
    res = run_batch([str(src)], out, jobs=jobs, resume=False, progress=False)
    wall = time.perf_counter() - t
    if res.failed:
        raise SystemExit(f"bench: {len(res.failed)} reports failed: {res.failed[0]['error_message']}")
    busy = sum(r["seconds"] or 0 for r in res.rows) / (jobs * wall)
    return wall, res.peak_worker_rss_mb, busy


def _spin(n: int) -> int:
    x = 0
    for i in range(n):
        x += i * i % 7
    return x


def machine_ceiling(repeat: int = 3) -> float:
    """How much faster 2 processes do 4 equal pieces of pure CPU work than 1 on this machine right
    now: the most any 2-process run can reach here (about 2 on a quiet machine with 2 free cores)."""
    import multiprocessing as mp

    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    best: dict[int, float] = {}
    for _ in range(repeat):
        for jobs in (1, 2):
            with ctx.Pool(jobs) as pool:
                t = time.perf_counter()
                pool.map(_spin, [3_000_000] * 4)
                best[jobs] = min(best.get(jobs, float("inf")), time.perf_counter() - t)
    return best[1] / best[2]


def measure(n: int = 200, seed: int = 7, repeat: int = 3) -> dict:
    with tempfile.TemporaryDirectory(prefix="jixiao_bench_batch_") as tmp:
        root = Path(tmp)
        src = root / "reports"
        generate(n, seed, src, ("txt",))
        (src / "labels.jsonl").unlink(missing_ok=True)
        warm = root / "warm"
        generate(4, seed + 1, warm, ("txt",))
        run_batch([str(warm)], root / "out-warm", jobs=2, resume=False, progress=False)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in src.glob("*.txt"))
        walls: dict[int, float] = {}
        busy: dict[int, float] = {}
        peak = 0.0
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        for r in range(repeat):
            for jobs in (1, 2):
                wall, rss, b = _timed(src, root / f"out-{jobs}-{r}", jobs)
                if wall < walls.get(jobs, float("inf")):
                    walls[jobs], busy[jobs] = wall, b
                peak = max(peak, rss or 0.0)
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ceiling = machine_ceiling()
    return {
        "reports": n, "chars": chars, "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "seconds_1_process": round(walls[1], 3), "seconds_2_processes": round(walls[2], 3),
        "reports_per_second_1": round(n / walls[1], 1), "reports_per_second_2": round(n / walls[2], 1),
        "scaling_1_to_2": round(walls[1] / walls[2], 2), "target_scaling": TARGET_SCALING,
        "worker_busy_1": round(busy[1], 2), "worker_busy_2": round(busy[2], 2),
        "machine_ceiling_1_to_2": round(ceiling, 2),
        "load_average_before": round(load, 2) if load is not None else None,
        "peak_worker_rss_mb": round(peak, 1), "target_worker_rss_mb": TARGET_RSS_MB,
        "parent_peak_rss_mb": round(parent, 1),
        "command": "python -m jixiao.bench_batch" + (f" -n {n}" if n != 200 else ""),
    }


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(prog="python -m jixiao.bench_batch")
    ap.add_argument("-n", type=int, default=200, help="generated reports (default 200)")
    ap.add_argument("--json", default=str(Path(__file__).resolve().parents[2] / "build" / "bench.json"))
    args = ap.parse_args(argv)
    f = measure(args.n)
    ok_s = "ok" if f["scaling_1_to_2"] >= TARGET_SCALING else "below target"
    ok_m = "ok" if f["peak_worker_rss_mb"] <= TARGET_RSS_MB else "above target"
    print(f"batch: {f['reports']} generated txt reports ({f['chars']} chars), {f['cores']} cores")
    print(f"{'processes':<12} {'wall s':>8} {'reports/s':>10}")
    print(f"{1:<12} {f['seconds_1_process']:>8.2f} {f['reports_per_second_1']:>10.1f}")
    print(f"{2:<12} {f['seconds_2_processes']:>8.2f} {f['reports_per_second_2']:>10.1f}")
    print(f"scaling 1 -> 2 processes: {f['scaling_1_to_2']:.2f}x (target >= {TARGET_SCALING}x: {ok_s}); "
          f"workers busy {f['worker_busy_1']:.0%} / {f['worker_busy_2']:.0%} of the wall time")
    print(f"this machine's own ceiling (pure CPU work, 1 -> 2 processes): {f['machine_ceiling_1_to_2']:.2f}x")
    if f["load_average_before"] is not None and f["load_average_before"] > 0.5:
        print(f"note: load average {f['load_average_before']:.1f} before the run on {f['cores']} cores: other "
              "processes share the CPU, so the wall-time scaling is a lower bound")
    print(f"peak RSS per worker: {f['peak_worker_rss_mb']:.0f} MB (target <= {TARGET_RSS_MB} MB: {ok_m}); "
          f"parent {f['parent_peak_rss_mb']:.0f} MB")
    merge_json("batch", f, Path(args.json))


if __name__ == "__main__":
    main(sys.argv[1:])
