"""`jixiao batch --engine dask` on a dask.distributed LocalCluster: the same outputs as the process
pool, the time limit, and the command line with --scheduler."""
from __future__ import annotations

import csv
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

if os.environ.get("CI") == "true":  # CI installs the dev extras: dask must be there
    import dask.distributed  # noqa: F401
else:
    pytest.importorskip("dask.distributed")

from dask.distributed import LocalCluster
from test_batch import KNOWN

from jixiao.batch import run_batch
from jixiao.cli import main
from jixiao.learn.generate import generate

TIMEOUT_HOOK = f"{Path(__file__).stem}:busy_check_one"


def busy_check_one(source, config=None, data=None, **kw):
    """Test hook for the time limit: spins on a file named slow*, checks the rest."""
    if Path(source).name.startswith("slow"):
        while True:
            time.sleep(0.02)
    from jixiao.batch.worker import check_one

    return check_one(source, config, data, **kw)


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    src = tmp_path_factory.mktemp("dask") / "in"
    generate(3, 12, src, ("txt",))
    (src / "labels.jsonl").unlink()
    (src / "known.txt").write_text(KNOWN, encoding="utf-8")
    (src / "broken.docx").write_bytes(b"not a zip")
    return src


def _summary(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r.pop("用时（秒）")  # wall time differs from run to run
    return rows


def test_dask_engine_gives_the_same_outputs_as_processes(cluster, inputs, tmp_path):
    run_batch([str(inputs)], tmp_path / "proc", jobs=2, progress=False)
    b = run_batch([str(inputs)], tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address, progress=False)
    assert b.checked == 5 and len(b.failed) == 1
    for name in ("findings.jsonl", "errors.csv", "dashboard.html"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "proc" / name).read_bytes(), name
    assert _summary(tmp_path / "dask" / "summary.csv") == _summary(tmp_path / "proc" / "summary.csv")
    pages = sorted(p.name for p in (tmp_path / "dask" / "reports").iterdir())
    assert pages == sorted(p.name for p in (tmp_path / "proc" / "reports").iterdir()) and len(pages) == 4
    for p in pages:
        assert (tmp_path / "dask" / "reports" / p).read_bytes() == (tmp_path / "proc" / "reports" / p).read_bytes()
    # resume works the same on the cluster
    c = run_batch([str(inputs)], tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address, progress=False)
    assert c.checked == 0 and c.reused == 5


def test_dask_time_limit_stops_a_runaway_report(cluster, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "known.txt").write_text(KNOWN, encoding="utf-8")
    (src / "slow.txt").write_text(KNOWN, encoding="utf-8")
    t = time.perf_counter()
    res = run_batch([str(src)], tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address, timeout=2,
                    progress=False, func=TIMEOUT_HOOK)
    assert time.perf_counter() - t < 60
    by = {Path(r["file"]).name: r["status"] for r in res.rows}
    assert by == {"known.txt": "ok", "slow.txt": "timeout"}


def test_cli_with_a_scheduler_address(cluster, inputs, tmp_path):
    r = CliRunner().invoke(main, ["batch", str(inputs / "known.txt"), "--out", str(tmp_path / "o"), "--engine", "dask",
                                  "--scheduler", cluster.scheduler_address, "--no-progress"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "o" / "reports" / "known.txt.html").is_file()
    r = CliRunner().invoke(main, ["batch", str(inputs / "known.txt"), "--out", str(tmp_path / "o"),
                                  "--scheduler", cluster.scheduler_address])
    assert r.exit_code == 2 and "--engine dask" in r.output
