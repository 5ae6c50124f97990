"""Jobs gathered into batches for an executor, and every job's result brought back.

Fetch threads add jobs as their pages arrive; a batch goes to the executor when it is full,
or when the coordinator needs one of its results. A batch whose worker dies is sent again (a
few times); one that keeps failing is run item by item, and an item that still fails is built
from its feed alone, without its page: only an entry whose feed text itself kills is lost.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace

from .executor import Executor, ResultFuture
from .work import ItemJob, ItemResult, process_batch

log = logging.getLogger(__name__)

BATCH_SIZE = 32  # items per task: enough to outweigh shipping a task, few enough to share work
_POLL = 0.5  # seconds between checks on a running batch's time limit
PER_ITEM_SHARE = 16  # a batch may take item_timeout × (1 + items / PER_ITEM_SHARE)


@dataclass(eq=False)
class _Batch:
    jobs: list[ItemJob] = field(default_factory=list)
    future: ResultFuture | None = None
    attempts: int = 0  # failed runs so far
    results: list[ItemResult] | None = None


@dataclass(frozen=True, eq=False)
class Ticket:
    """Where one job's result will be: its batch and its place in it."""

    batch: _Batch
    index: int


def _brief(exc: BaseException) -> str:
    """One line for the log: a worker's exception text can run to pages."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0][:200] if lines else ''}"


def _failed(error: BaseException) -> Future:
    future: Future = Future()
    future.set_exception(error)
    return future


class Batcher:
    """Thread-safe `add`; `result` is for the one coordinator thread."""

    def __init__(self, executor: Executor, size: int = BATCH_SIZE,
                 work: Callable[[list[ItemJob]], list[ItemResult]] = process_batch,
                 item_timeout: float = 0.0):
        self.executor, self.size, self.work = executor, max(1, size), work
        self.item_timeout = item_timeout  # seconds per item once a batch runs; 0 = no limit
        self._lock = threading.Lock()
        self._open = _Batch()
        self._running: set[_Batch] = set()  # submitted, results not yet taken

    def add(self, job: ItemJob) -> Ticket:
        """Queue one job; its batch is submitted as soon as it is full."""
        with self._lock:
            batch = self._open
            batch.jobs.append(job)
            ticket = Ticket(batch, len(batch.jobs) - 1)
            if len(batch.jobs) >= self.size:
                self._open = _Batch()
                self._submit(batch)
        return ticket

    def flush(self) -> None:
        """Submit the batch being filled, full or not."""
        with self._lock:
            if self._open.jobs:
                batch, self._open = self._open, _Batch()
                self._submit(batch)

    def result(self, ticket: Ticket) -> ItemResult:
        """The job's result, waiting for it (and re-running failed batches) as needed."""
        batch = ticket.batch
        if batch.future is None and batch.results is None:
            self.flush()
        self._settle(batch)
        assert batch.results is not None
        return batch.results[ticket.index]

    def _submit(self, batch: _Batch) -> None:
        try:
            batch.future = self.executor.submit(self.work, batch.jobs)
        except Exception as exc:  # a refused submit is a failed run, handled the same way
            batch.future = _failed(exc)
        self._running.add(batch)

    def _wait(self, batch: _Batch) -> list[ItemResult]:
        """The batch's results; a batch that runs past its time limit is abandoned (its worker
        stopped) and counts as a failed run."""
        future = batch.future
        assert future is not None
        running = getattr(future, "running", None)
        if not self.item_timeout or running is None:
            return future.result()
        # An item's time, and a share of it per item of the batch: a batch of 32 ordinary
        # items takes seconds, one hung item takes forever.
        limit = self.item_timeout * (1 + len(batch.jobs) / PER_ITEM_SHARE)
        started: float | None = None
        while True:
            # Time counts from when the batch leaves the queue, not from when it was sent:
            # a batch waiting behind others is not hung.
            try:
                return future.result(timeout=_POLL)
            except TimeoutError:
                now = time.monotonic()
                if started is None and running():
                    started = now
                if started is not None and now - started > limit:
                    if self.executor.abandon(future):
                        raise TimeoutError(f"no result after {limit:.0f} s") from None
                    return future.result()

    def _settle(self, batch: _Batch) -> None:
        while batch.results is None:
            assert batch.future is not None
            try:
                results = self._wait(batch)
                if len(results) != len(batch.jobs):
                    raise RuntimeError(f"{len(results)} results for {len(batch.jobs)} jobs")
            except Exception as exc:
                if isinstance(exc, TimeoutError):
                    # Sending a hung batch again would hang again: its items go one by one.
                    batch.attempts = max(batch.attempts, self.executor.retries)
                self._failed_run(batch, exc)
                self._resend_other_failures(batch)
            else:
                batch.results = results
        with self._lock:
            self._running.discard(batch)
        batch.jobs = []  # the pages are no longer needed

    def _failed_run(self, batch: _Batch, exc: Exception) -> None:
        batch.attempts += 1
        size = len(batch.jobs)
        if batch.attempts <= self.executor.retries:
            log.warning("a batch of %d items failed (%s); sending it again", size, _brief(exc))
            with self._lock:
                self._submit(batch)
        elif size > 1:
            log.warning("a batch of %d items failed %d times (%s); running its items one by one",
                        size, batch.attempts, _brief(exc))
            batch.results = [self._alone(job) for job in batch.jobs]
        elif batch.jobs[0].page is not None:
            # What kills a worker is nearly always the page (a parser crash on hostile HTML):
            # the entry is built from its feed text alone rather than lost.
            job = batch.jobs[0]
            log.warning("%s: the page of %r failed its worker %d times (%s); building the "
                        "item from the feed alone", job.source.url,
                        job.entry.link or job.entry.guid, batch.attempts, _brief(exc))
            batch.results = [self._alone(replace(job, page=None))]
        else:
            job = batch.jobs[0]
            log.error("%s: entry %r lost: its worker failed %d times (%s)", job.source.url,
                      job.entry.link or job.entry.guid, batch.attempts, _brief(exc))
            batch.results = [ItemResult(None, f"worker failed {batch.attempts} times: "
                                              f"{_brief(exc)}")]

    def _alone(self, job: ItemJob) -> ItemResult:
        single = _Batch([job])
        with self._lock:
            self._submit(single)
        self._settle(single)
        assert single.results is not None
        return single.results[0]

    def _resend_other_failures(self, current: _Batch) -> None:
        """A dead worker fails every batch in its pool at once: send the others again now, not
        one at a time as the coordinator reaches them."""
        with self._lock:
            for batch in list(self._running):
                future = batch.future
                if (batch is current or future is None or not future.done()
                        or batch.attempts >= self.executor.retries):
                    continue
                if future.exception() is not None:
                    batch.attempts += 1
                    self._submit(batch)
