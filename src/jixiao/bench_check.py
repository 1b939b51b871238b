"""`make bench`, part 2: how long `check` takes on a report once jixiao is loaded.

    python -m jixiao.bench_check [SHARED_DIR]

Times reading + tagging + every check on the shipped sample and, when the shared folder is there,
on the seeds in their three forms; prints the median of several runs after a warm-up, and the
cold start (a fresh `jixiao check` process) once.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from . import read_text
from .report import check

RUNS = 7


def _median_ms(target) -> tuple[int, float, int]:
    rep = check(target)  # warm-up: imports, jieba dictionary, caches
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        rep = check(target)
        times.append(time.perf_counter() - t)
    return len(rep.document.text), statistics.median(times) * 1000, len(rep.findings)


def main(argv: list[str]) -> None:
    root = Path(__file__).resolve().parents[2]
    files = [root / "examples" / "sample_report.docx"]
    shared = Path(argv[0]) if argv else root.parent / "shared"
    seeds = shared / "seeds"
    if seeds.is_dir():
        files += sorted(seeds.glob("*.txt")) + sorted((seeds / "formats").glob("*.*"))
    print(f"{'file':<40} {'chars':>7} {'ms/check':>9} {'chars/s':>9} {'findings':>8}")
    for f in files:
        n, ms, k = _median_ms(f)
        print(f"{f.name:<40} {n:>7} {ms:>9.1f} {n / ms * 1000:>9.0f} {k:>8}")
    texts = [f.read_text(encoding="utf-8") for f in files if f.suffix == ".txt"] or [check(files[0]).document.text]
    big = ""
    while len(big) < 15000:
        big += "\n".join(texts) + "\n"
    n, ms, k = _median_ms(read_text(big, "15k.txt"))
    print(f"{'a 15,000-character report (seeds joined)':<40} {n:>7} {ms:>9.1f} {n / ms * 1000:>9.0f} {k:>8}")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "jixiao.cli", "check", str(files[-1])], capture_output=True, check=False)
    print(f"cold start (new process, {files[-1].name}): {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
