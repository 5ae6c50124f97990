"""Where the per-item work runs: in this process, a local process pool, or a Dask cluster.

One seam for all three: `submit(fn, jobs)` returns a future whose `result()` is `fn(jobs)`.
Only plain data crosses it (work.ItemJob in, work.ItemResult out), so the choice of executor
never changes what is stored. `DIGEST_EXECUTOR` picks it: "local" or "dask://host:port".
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Protocol
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

LOCAL = "local"
DASK_SCHEME = "dask://"
DASK_CONNECT_TIMEOUT = 30  # seconds to reach the scheduler before the night gives up
_PARENT_POLL = 2.0  # seconds between a pool worker's checks that the night is still running


class ExecutorError(RuntimeError):
    """The executor cannot be started: a missing extra or an unreachable scheduler."""


class ResultFuture(Protocol):
    """What the batch runner needs of a future: concurrent.futures' and Dask's both fit."""

    def result(self, timeout: float | None = None) -> Any: ...

    def done(self) -> bool: ...

    def exception(self, timeout: float | None = None) -> BaseException | None: ...


class Executor(Protocol):
    """Runs `fn(jobs)` somewhere and hands back a future of its result."""

    name: str
    retries: int  # how often the batch runner re-submits a batch whose worker failed

    def submit(self, fn: Callable[[list], list], jobs: list) -> ResultFuture: ...

    def abandon(self, future: ResultFuture) -> bool:
        """Stop the work behind a future that ran too long; False when it cannot be stopped."""
        ...

    def close(self) -> None: ...


def check_executor(spec: str) -> str:
    """The error message for an unusable DIGEST_EXECUTOR value, or "" when it is usable."""
    if spec == LOCAL:
        return ""
    if spec.startswith(DASK_SCHEME):
        parts = urlsplit("tcp://" + spec[len(DASK_SCHEME):])
        try:
            port = parts.port
        except ValueError:
            port = None
        if parts.hostname and port and not parts.path.strip("/"):
            return ""
        return f"{spec!r} is not dask://host:port"
    return f"{spec!r} is neither {LOCAL!r} nor dask://host:port"


def worker_count(workers: int) -> int:
    """DIGEST_WORKERS as a process count: 0 means every core."""
    return workers or os.cpu_count() or 1


class _Deferred(Future):
    """A future that runs its work in the thread that first asks for the result.

    With one worker the whole night runs in the coordinator's thread, which keeps profiles
    complete and tests free of subprocesses."""

    def __init__(self, fn: Callable[[list], list], jobs: list):
        super().__init__()
        self._work: tuple[Callable[[list], list], list] | None = (fn, jobs)
        self._run_lock = threading.Lock()

    def result(self, timeout: float | None = None) -> Any:
        with self._run_lock:
            if self._work is not None:
                fn, jobs = self._work
                self._work = None
                try:
                    self.set_result(fn(jobs))
                except Exception as exc:
                    self.set_exception(exc)
        return super().result(timeout)

    def exception(self, timeout: float | None = None) -> BaseException | None:
        try:
            self.result(timeout)
        except Exception as exc:
            return exc
        return None


class InlineExecutor:
    """DIGEST_WORKERS = 1: no pool, the work runs in this process."""

    name = "inline"
    retries = 0  # nothing can die under it but the whole run

    def submit(self, fn: Callable[[list], list], jobs: list) -> ResultFuture:
        return _Deferred(fn, jobs)

    def abandon(self, future: ResultFuture) -> bool:
        return False  # it runs in our own thread: nothing to stop it with

    def close(self) -> None:
        pass


def _watch_parent(parent_pid: int) -> None:
    """Pool worker start-up: exit when the night that started us is gone.

    Idle pool workers wait for work forever; after a killed run they must not linger."""
    start_ppid = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(_PARENT_POLL)
            try:
                os.kill(parent_pid, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:
                pass  # a process we may not signal holds the pid: ours is gone too
            if os.getppid() != start_ppid:
                os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class LocalExecutor:
    """A process pool on this machine; a pool broken by a dying worker is replaced."""

    name = "local"
    retries = 2

    def __init__(self, workers: int):
        self.workers = workers
        # forkserver, not fork: the coordinator runs fetch threads, and a child forked while
        # one of them holds a lock (libxml2's, logging's) can hang on its first use.
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["news_digest.prewarm"])
        self._lock = threading.Lock()
        # The worker tables of broken or abandoned pools. Kept by reference: a pool empties
        # its own attribute on shutdown, while a worker it started as it broke lives on in it.
        self._retired: list[dict] = []
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=self._context,
                                   initializer=_watch_parent, initargs=(os.getpid(),))

    def _replace_pool(self) -> None:
        """Retire the current pool (its futures fail and are sent again) for a new one."""
        self._retired.append(_workers(self._pool))
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def submit(self, fn: Callable[[list], list], jobs: list) -> ResultFuture:
        with self._lock:
            try:
                return self._pool.submit(fn, jobs)
            except BrokenProcessPool:
                log.warning("a worker process died; starting a new pool of %d", self.workers)
                self._replace_pool()
                return self._pool.submit(fn, jobs)

    def abandon(self, future: ResultFuture) -> bool:
        """Kill the pool's workers: the hung one cannot be told apart, and the batches the
        others were running fail as if their worker had died, so they are sent again."""
        with self._lock:
            # The pool is replaced at once, so no batch is sent into the dying one (which could
            # start a worker after the pool had stopped its others).
            _kill(_workers(self._pool))
            self._replace_pool()
        return True

    def close(self) -> None:
        """Stop every worker. Each result has been taken by now, so they are idle; stopping
        them outright is what lets the run exit, as a pool that broke can be left waiting for
        a worker it started while breaking, one that waits for work forever."""
        with self._lock:
            for workers in [*self._retired, _workers(self._pool)]:
                _kill(workers)
            self._retired.clear()
            self._pool.shutdown(wait=True, cancel_futures=True)


def _workers(pool: ProcessPoolExecutor) -> dict:
    # The pool offers no public handle on its processes: its own table, by reference.
    return getattr(pool, "_processes", None) or {}


def _kill(workers: dict) -> None:
    for process in list(workers.values()):
        if process.is_alive():
            process.kill()


class DaskExecutor:
    """A Dask distributed cluster: batches go to its workers, results come back here."""

    name = "dask"
    # The scheduler already re-runs a task whose worker was lost (its "allowed-failures"); a
    # task that still fails has killed several workers, so it is split at once, not re-sent.
    retries = 0

    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError as exc:
            raise ExecutorError(
                f"DIGEST_EXECUTOR = {DASK_SCHEME}{address} needs Dask: "
                "pip install 'news-digest[dask]'"
            ) from exc
        try:
            self.client = Client(f"tcp://{address}", timeout=DASK_CONNECT_TIMEOUT,
                                 set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc

    def submit(self, fn: Callable[[list], list], jobs: list) -> ResultFuture:
        # pure=False: two equal batches on two nights must both run, never share a result.
        return self.client.submit(fn, jobs, pure=False)

    def abandon(self, future: ResultFuture) -> bool:
        # A Dask future does not say when its task started, so no time limit is applied to it:
        # the cluster's own worker health checks and the night's budget are the bounds.
        return False

    def close(self) -> None:
        self.client.close()


def make_executor(spec: str, workers: int) -> Executor:
    """The executor DIGEST_EXECUTOR and DIGEST_WORKERS name (spec checked by config.py)."""
    problem = check_executor(spec)
    if problem:
        raise ExecutorError(f"DIGEST_EXECUTOR: {problem}")
    if spec.startswith(DASK_SCHEME):
        return DaskExecutor(spec[len(DASK_SCHEME):])
    count = worker_count(workers)
    return InlineExecutor() if count == 1 else LocalExecutor(count)


@contextmanager
def open_executor(spec: str, workers: int) -> Iterator[Executor]:
    """make_executor, closed (pool stopped, client disconnected) when the block ends."""
    executor = make_executor(spec, workers)
    try:
        yield executor
    finally:
        executor.close()
