"""Engines that map the per-report function over tasks: a local process pool, or a Dask cluster.

Both take an iterator of task dicts (read lazily, so only a window of reports is in memory) and
call ``on_result(task, result)`` in the parent as each report finishes, in completion order.
"""
from __future__ import annotations

import ctypes
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator

from ..errors import JixiaoError
from .worker import run_task

__all__ = ["DaskMissing", "default_jobs", "failure", "run_dask", "run_processes"]

OnResult = Callable[[dict, dict], None]
MAX_TASKS_PER_WORKER = 200  # a worker is replaced after this many reports (bounds slow leaks)
BIG_INPUT = 1_000_000  # bytes: a larger report is scattered to the Dask cluster before its task


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def failure(task: dict, status: str, line: str) -> dict:
    """The result of a report that produced none: timed out, or its worker died."""
    return {"source": task["source"], "status": status, "kind": status, "report": None, "row": None,
            "html": None, "error": line, "seconds": None, "peak_rss_kb": None}


def _timeout_line(source: str, timeout: float) -> str:
    return f"{source}: 超过 {timeout:g} 秒仍未检查完，已中止 / stopped after the {timeout:g} s time limit"


def _crash_line(source: str, err: BaseException) -> str:
    return f"{source}: 检查进程意外退出 / the worker checking it died ({type(err).__name__}: {err})"


def _take(it: Iterator[dict], n: int) -> list[dict]:
    out = []
    for _ in range(n):
        t = next(it, None)
        if t is None:
            break
        out.append(t)
    return out


# --------------------------------------------------------------------------- processes


def run_processes(tasks: Iterable[dict], on_result: OnResult, *, jobs: int, timeout: float | None) -> None:
    """A pebble process pool: a report over its time limit has its worker killed and replaced,
    a worker that dies fails only its own report. Workers are forked from a fork server that has
    jixiao loaded and warmed up (never from this possibly threaded process)."""
    import multiprocessing as mp

    from pebble import ProcessExpired, ProcessPool

    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["jixiao.batch._preload"])
    else:  # pragma: no cover - Windows: each worker loads jixiao itself
        ctx = mp.get_context("spawn")
    it = iter(tasks)
    window = max(4, jobs * 8)  # reports handed out ahead, so no worker waits for this process
    pool = ProcessPool(max_workers=jobs, max_tasks=MAX_TASKS_PER_WORKER, context=ctx)
    try:
        pending = {}
        done: queue.SimpleQueue = queue.SimpleQueue()  # futures as they finish, in that order

        def fill() -> None:
            for t in _take(it, window - len(pending)):
                fut = pool.schedule(run_task, args=(t,), timeout=timeout)
                pending[fut] = t
                fut.add_done_callback(done.put)

        fill()
        while pending:
            fut = done.get()
            t = pending.pop(fut)
            try:
                res = fut.result()
            except TimeoutError:
                res = failure(t, "timeout", _timeout_line(t["source"], timeout or 0))
            except ProcessExpired as e:
                res = failure(t, "crash", _crash_line(t["source"], e))
            except Exception as e:  # noqa: BLE001 - pickling trouble and the like: this report only
                res = failure(t, "crash", _crash_line(t["source"], e))
            on_result(t, res)
            fill()
    except BaseException:
        pool.stop()
        pool.join()
        raise
    pool.close()  # every report is in: the idle workers wind down while the outputs are written
    threading.Thread(target=pool.join, daemon=True, name="jixiao-pool-join").start()


# --------------------------------------------------------------------------- dask


class DaskMissing(JixiaoError):
    def __init__(self) -> None:
        super().__init__("未安装 dask：请先 pip install 'jixiao[dask]'",
                         "dask is not installed: pip install 'jixiao[dask]'")


def dask_client(scheduler, jobs: int):
    """A Client for ``scheduler`` (an address, a cluster or a Client), or a LocalCluster of
    ``jobs`` single-threaded worker processes; the second value closes what was opened here."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise DaskMissing() from None
    if scheduler is None:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)

        def close() -> None:
            client.close()
            cluster.close()
        return client, close
    if isinstance(scheduler, Client):
        return scheduler, lambda: None
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError, ValueError) as e:
        raise JixiaoError(f"无法连接 Dask 调度器 {scheduler}", f"cannot reach the Dask scheduler {scheduler} ({e})") from None
    return client, client.close


def run_dask(tasks: Iterable[dict], on_result: OnResult, *, jobs: int, timeout: float | None,
             scheduler=None) -> None:
    """The same tasks on a Dask cluster (``Client.submit`` in a window, ``as_completed``). Tasks
    carry the report's bytes, so workers need not see this machine's files."""
    from dask.distributed import as_completed

    client, close = dask_client(scheduler, jobs)
    try:
        it = iter(tasks)
        n_threads = sum(client.nthreads().values()) or jobs
        window = max(2, n_threads * 3)
        pending: dict[str, dict] = {}
        ac = as_completed()

        def submit(t: dict) -> None:
            if len(t.get("data") or b"") > BIG_INPUT:  # sent ahead, not inside the task graph
                t = {**t, "data": client.scatter(t["data"])}
            fut = client.submit(run_task_guarded, t, timeout, pure=False)
            pending[fut.key] = t
            ac.add(fut)

        for t in _take(it, window):
            submit(t)
        for fut in ac:
            t = pending.pop(fut.key)
            try:
                res = fut.result()
            except Exception as e:  # noqa: BLE001 - KilledWorker and the like
                res = failure(t, "crash", _crash_line(t["source"], e))
            fut.release()
            on_result(t, res)
            for nt in _take(it, 1):
                submit(nt)
    finally:
        close()


class _TimeLimit(BaseException):
    """Raised inside a worker thread whose report ran over its time limit."""


def run_task_guarded(task: dict, timeout: float | None) -> dict:
    """``run_task`` under a time limit in a thread (a Dask worker's): past the limit an exception
    is raised in that thread, which stops the report at its next Python instruction (a single
    long call into C finishes first)."""
    if not timeout:
        return run_task(task)
    me = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(me), ctypes.py_object(_TimeLimit))

    timer = threading.Timer(timeout, fire)
    timer.daemon = True
    try:
        try:
            timer.start()
            return run_task(task)
        finally:
            with lock:
                state["done"] = True
            timer.cancel()
    except _TimeLimit:
        return failure(task, "timeout", _timeout_line(task["source"], timeout))
