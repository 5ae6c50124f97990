"""Items are built by an executor: the result never depends on which one, nor on how many
workers, and a dying worker costs a retry, never an item (but a poisonous one)."""

from __future__ import annotations

import functools
import threading
from concurrent.futures import Future
from datetime import UTC, datetime

import pytest

from news_digest import ingest
from news_digest.batches import Batcher
from news_digest.executor import (
    ExecutorError,
    InlineExecutor,
    LocalExecutor,
    check_executor,
    make_executor,
    worker_count,
)
from news_digest.ingest import run_ingest
from news_digest.model import RawEntry, Source
from news_digest.work import ItemJob, process_batch

from feedkit import settings_for
from httpserver import serve
from workkit import (
    NOW,
    POISON,
    crash_once,
    die_on_poison,
    die_on_poisoned_page,
    hang_on_poisoned_page,
    item_rows,
    night,
)

SOURCE = Source(url="https://news.example/feed.xml", title="News")
TEXT = ("The city council approved on Monday a plan to rebuild the harbour bridge, closed since "
        "the October floods. Work starts in March and will last two years, the mayor said.")


def _job(n: int, **kw) -> ItemJob:
    entry = RawEntry(guid=f"g{n}", link=f"https://news.example/{n}.html", title=f"Story {n}",
                     summary_html=f"<p>{TEXT} ({n})</p>")
    return ItemJob(kw.pop("source", SOURCE), entry, datetime(2026, 11, 23, tzinfo=UTC), **kw)


# ------------------------------------------------------------------ process_batch


def test_process_batch_gives_one_result_per_job_in_order_and_keeps_known_keys():
    results = process_batch([_job(0), _job(1, known_key="stored-key"), _job(2)])
    assert [r.item.title for r in results] == ["Story 0", "Story 1", "Story 2"]
    assert results[1].item.key == "stored-key"
    assert results[0].item.key != results[2].item.key
    assert not any(r.error for r in results)


def test_one_bad_entry_is_its_own_error_not_the_batchs():
    results = process_batch([_job(0), _job(1, source=None), _job(2)])
    assert results[0].item and results[2].item
    assert results[1].item is None and "AttributeError" in results[1].error


# ------------------------------------------------------------------ the seam


@pytest.mark.parametrize("spec", ["local", "dask://scheduler:8786", "dask://10.0.0.5:8786"])
def test_usable_executor_specs(spec):
    assert check_executor(spec) == ""


@pytest.mark.parametrize("spec", ["", "threads", "dask://", "dask://scheduler",
                                  "dask://scheduler:port", "tcp://scheduler:8786",
                                  "dask://scheduler:8786/x"])
def test_unusable_executor_specs_are_refused(spec):
    assert check_executor(spec)
    with pytest.raises(ExecutorError, match="DIGEST_EXECUTOR"):
        make_executor(spec, 1)


def test_worker_count_and_the_executor_it_gives(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    assert worker_count(0) == 6 and worker_count(3) == 3
    assert isinstance(make_executor("local", 1), InlineExecutor)
    pool = make_executor("local", 2)
    try:
        assert isinstance(pool, LocalExecutor) and pool.workers == 2
        assert pool.submit(process_batch, [_job(0)]).result()[0].item.title == "Story 0"
    finally:
        pool.close()


def test_dask_without_the_extra_is_a_clear_error(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(ExecutorError, match=r"news-digest\[dask\]"):
        make_executor("dask://127.0.0.1:8786", 0)


# ------------------------------------------------------------------ batches and retries


class _Flaky:
    """An executor whose first `failures` submissions fail as if their worker had died."""

    name = "flaky"
    retries = 2

    def __init__(self, failures: int = 0, poison: str = ""):
        self.failures, self.poison, self.calls = failures, poison, []

    def submit(self, fn, jobs):
        self.calls.append(len(jobs))
        future: Future = Future()
        if self.failures > 0 or any(j.entry.title == self.poison for j in jobs):
            self.failures -= 1
            future.set_exception(RuntimeError("worker died"))
        else:
            future.set_result(fn(jobs))
        return future

    def close(self):
        pass


def test_jobs_go_out_in_batches_and_come_back_in_place():
    executor = _Flaky()
    batcher = Batcher(executor, size=4)
    tickets = [batcher.add(_job(n)) for n in range(10)]
    assert executor.calls == [4, 4]  # full batches leave at once; the rest waits
    assert [batcher.result(t).item.title for t in tickets] == [f"Story {n}" for n in range(10)]
    assert executor.calls == [4, 4, 2]


def test_a_batch_whose_worker_died_is_sent_again():
    executor = _Flaky(failures=2)
    batcher = Batcher(executor, size=4)
    tickets = [batcher.add(_job(n)) for n in range(4)]
    assert all(batcher.result(t).item for t in tickets)
    assert executor.calls == [4, 4, 4]


def test_a_batch_that_keeps_failing_loses_only_its_poisonous_item(caplog):
    executor = _Flaky(poison="Story 2")
    batcher = Batcher(executor, size=4)
    tickets = [batcher.add(_job(n)) for n in range(4)]
    results = [batcher.result(t) for t in tickets]
    assert [bool(r.item) for r in results] == [True, True, False, True]
    assert "worker failed 3 times" in results[2].error
    assert executor.calls == [4, 4, 4, 1, 1, 1, 1, 1, 1]  # 3 tries, then one by one
    assert "lost" in caplog.text


# ------------------------------------------------------------------ whole nights


@pytest.fixture(scope="module")
def site():
    """One server for every night of this module: the same URLs, so the same item keys."""
    routes: dict = {}
    with serve(routes) as base:
        yield base, routes


def _night_rows(site, tmp_path, name: str, poison: bool = False, **settings) -> list[tuple]:
    base, routes = site
    folder = tmp_path / name
    folder.mkdir()
    served, sources = night(base, poison=poison)
    routes.clear()
    routes.update(served)
    (folder / "sources.opml").write_text(sources)
    report = run_ingest(settings_for(folder, **settings), folder, now=NOW)
    assert [f.status for f in report.feeds] == ["ok"] * len(report.feeds)
    return item_rows(folder / "store.sqlite")


@pytest.fixture(scope="module")
def inline_rows(site, tmp_path_factory) -> list[tuple]:
    """The reference night: one worker, everything in this process."""
    return _night_rows(site, tmp_path_factory.mktemp("reference"), "inline", workers=1)


def test_the_reference_night_stores_every_item(inline_rows):
    assert len(inline_rows) == 75
    full_text = [r for r in inline_rows if "/f1/" in r[3]]
    assert len(full_text) == 25 and all(r[14] == 1 for r in full_text)  # pages were read


def test_a_process_pool_stores_the_same_items(site, tmp_path, inline_rows):
    assert _night_rows(site, tmp_path, "pool", workers=2) == inline_rows


def test_a_worker_killed_mid_night_costs_a_retry_not_an_item(site, tmp_path, inline_rows,
                                                              monkeypatch):
    marker = tmp_path / "crashed"
    monkeypatch.setattr(ingest, "Batcher",
                        functools.partial(Batcher, work=functools.partial(crash_once,
                                                                          str(marker))))
    assert _night_rows(site, tmp_path, "crash", workers=2) == inline_rows
    assert marker.exists()  # a worker did die


def test_an_item_whose_page_kills_its_worker_is_built_from_its_feed(site, tmp_path, inline_rows,
                                                                    monkeypatch):
    monkeypatch.setattr(ingest, "Batcher", functools.partial(Batcher, work=die_on_poisoned_page))
    rows = _night_rows(site, tmp_path, "poisoned-page", poison=True, workers=2)
    assert len(rows) == 75
    (poisoned,) = [r for r in rows if r[5] == POISON]
    assert poisoned[14] == 0 and len(poisoned[11]) > 50  # the feed's excerpt, not the page
    assert [r for r in rows if r is not poisoned] == [r for r in inline_rows
                                                     if r[0] != poisoned[0]]


def test_an_item_whose_page_hangs_its_worker_is_built_from_its_feed(site, tmp_path, inline_rows,
                                                                    monkeypatch):
    monkeypatch.setattr(ingest, "Batcher", functools.partial(Batcher, work=hang_on_poisoned_page))
    rows = _night_rows(site, tmp_path, "hung-page", poison=True, workers=2, item_timeout=1.0)
    assert len(rows) == 75
    (poisoned,) = [r for r in rows if r[5] == POISON]
    assert poisoned[14] == 0 and len(poisoned[11]) > 50
    assert [r for r in rows if r is not poisoned] == [r for r in inline_rows
                                                     if r[0] != poisoned[0]]


def test_a_slow_batch_waiting_in_the_queue_is_not_taken_for_a_hung_one():
    class Queued:
        """A pool whose batch waits (not running) for a while, then finishes."""

        name, retries, abandoned = "queued", 2, []

        def submit(self, fn, jobs):
            future: Future = Future()
            threading.Timer(1.5, lambda: (future.set_running_or_notify_cancel(),
                                          future.set_result(fn(jobs)))).start()
            return future

        def abandon(self, future):
            self.abandoned.append(future)
            return True

        def close(self):
            pass

    executor = Queued()
    batcher = Batcher(executor, size=4, item_timeout=0.2)
    tickets = [batcher.add(_job(n)) for n in range(4)]
    assert all(batcher.result(t).item for t in tickets)
    assert executor.abandoned == []


def test_a_poisonous_item_is_the_only_one_lost(site, tmp_path, inline_rows, monkeypatch):
    monkeypatch.setattr(ingest, "Batcher", functools.partial(Batcher, work=die_on_poison))
    rows = _night_rows(site, tmp_path, "poison", poison=True, workers=2)
    titles = {r[5] for r in rows}
    assert len(rows) == 74 and POISON not in titles


# ------------------------------------------------------------------ Dask


@pytest.fixture(scope="module", params=["threads", "processes"])
def dask_cluster(request):
    """A local Dask cluster: in this process (fast), or two worker processes (the real thing).

    Yields (DIGEST_EXECUTOR value, whether the workers are processes)."""
    distributed = pytest.importorskip("distributed")
    processes = request.param == "processes"
    with distributed.LocalCluster(n_workers=2 if processes else 1, threads_per_worker=1,
                                  processes=processes, host="127.0.0.1", protocol="tcp",
                                  dashboard_address=None) as cluster:
        yield "dask://" + cluster.scheduler_address.removeprefix("tcp://"), processes


def test_a_dask_cluster_stores_the_same_items(site, tmp_path, inline_rows, dask_cluster):
    spec, _ = dask_cluster
    assert _night_rows(site, tmp_path, "dask", executor=spec) == inline_rows


def test_a_dask_worker_killed_mid_night_costs_a_retry_not_an_item(site, tmp_path, inline_rows,
                                                                  dask_cluster, monkeypatch):
    spec, processes = dask_cluster
    if not processes:
        pytest.skip("a worker thread cannot die alone: it would take the test with it")
    marker = tmp_path / "crashed"
    monkeypatch.setattr(ingest, "Batcher",
                        functools.partial(Batcher, work=functools.partial(crash_once,
                                                                          str(marker))))
    assert _night_rows(site, tmp_path, "dask-crash", executor=spec) == inline_rows
    assert marker.exists()
