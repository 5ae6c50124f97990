"""Crash safety: `news-digest ingest` killed with SIGKILL at random points.

After every kill the store must pass `PRAGMA integrity_check`, hold each feed's batch wholly or
not at all, and keep fetch_state.item_count equal to what is stored. After the trials one
uninterrupted run must give the same store as an uninterrupted run from scratch.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from feedkit import Entry, Feed, write_settings_file
from httpserver import serve

FEEDS = 10
ITEMS = 5
TRIALS = 100
SEED = 20261123
REQUEST_DELAY = 0.05  # seconds per feed request: spreads fetching and storing over the run
T0 = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)

_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def _sentence(rng: random.Random) -> str:
    words = [_word(rng) for _ in range(rng.randint(8, 14))]
    return " ".join(words).capitalize() + "."


def make_feeds(base: str) -> dict[str, Feed]:
    """FEEDS feeds of ITEMS entries; made-up words, so every entry is its own story."""
    rng = random.Random(SEED)
    feeds = {}
    for f in range(FEEDS):
        entries = []
        for n in range(ITEMS):
            title = " ".join(_word(rng) for _ in range(6)).capitalize()
            text = " ".join(_sentence(rng) for _ in range(2))
            entries.append(Entry(title, f"{base}/f{f}/{n}.html",
                                 T0 + timedelta(minutes=37 * n + f), description=text,
                                 author=f"Writer {f}"))
        feeds[f"/f{f}.xml"] = Feed(f"Feed {f}", entries, link=f"{base}/f{f}/")
    return feeds


def _slow(body: bytes):
    def handler(req) -> None:
        if req.server.stopping.wait(REQUEST_DELAY):
            return
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        try:
            req.wfile.write(body)
        except OSError:
            pass  # the client was killed

    return handler


def _opml(base: str) -> str:
    outlines = "".join(
        f'<outline type="rss" text="Feed {f}" xmlUrl="{base}/f{f}.xml" fullText="off"/>'
        for f in range(FEEDS)
    )
    return ('<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head>'
            f'<body><outline text="News">{outlines}</outline></body></opml>')


def _conf(tmp: Path, store: Path) -> Path:
    (tmp / "content").mkdir(exist_ok=True)
    return write_settings_file(tmp / f"{store.stem}.conf.py", store, tmp / "sources.opml",
                               DIGEST_OFFLINE_MIRROR="", DIGEST_LOCAL_ROOT=str(tmp / "content"),
                               DIGEST_TIMEOUT=5.0, DIGEST_HOST_SPACING=0.01)


# One warmed-up interpreter (imports done, language model loaded) forks a child per run, and
# the child runs `news-digest ingest`: a kill point then costs the ingest's own time, not
# seconds of start-up that touch no store. The child's exit is observed without reaping it
# (WNOWAIT), so its pid stays its own until the next run is asked for: a late SIGKILL can
# only ever reach our own child.
_FORK_SERVER = """
import os, sys, traceback
from datetime import UTC, datetime
from news_digest.cli import main
from news_digest.enrich import build_item
from news_digest.model import RawEntry, Source
build_item(Source("w", "w"), RawEntry("w", "https://w.example/", "Warm up",
           summary_html="<p>The council met on Monday to vote on the budget.</p>"),
           now=datetime.now(UTC))
previous = None
for line in sys.stdin:
    if previous is not None:
        os.waitpid(previous, 0)
    pid = os.fork()
    if pid == 0:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        try:
            code = main(["ingest", "--settings", line.strip()])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            traceback.print_exc()
            code = 70
        sys.stderr.flush()
        os._exit(code or 0)
    previous = pid
    print("pid", pid, flush=True)
    info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    code = info.si_status if info.si_code == os.CLD_EXITED else -info.si_status
    print("exit", code, flush=True)
if previous is not None:
    os.waitpid(previous, 0)
"""


class _Run:
    """One ingest child of the fork server."""

    def __init__(self, server: _ForkServer, pid: int):
        self.server, self.pid, self.code = server, pid, None

    def poll(self) -> int | None:
        if self.code is None:
            try:
                self.code = int(self.server.lines.get_nowait().split()[1])
            except queue.Empty:
                pass
        return self.code

    def kill(self) -> None:
        if self.poll() is None:  # not yet reaped either way, so the pid is still this child's
            os.kill(self.pid, signal.SIGKILL)

    def wait(self, timeout: float) -> int:
        if self.code is None:
            self.code = int(self.server.lines.get(timeout=timeout).split()[1])
        return self.code


class _ForkServer:
    def __init__(self, cwd: Path):
        self.errors = cwd / "ingest-stderr.log"
        with open(self.errors, "wb") as err:
            self.proc = subprocess.Popen([sys.executable, "-c", _FORK_SERVER], cwd=cwd,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=err)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for raw in self.proc.stdout:
            self.lines.put(raw.decode().strip())

    def start(self, conf: Path) -> _Run:
        self.proc.stdin.write(f"{conf}\n".encode())
        self.proc.stdin.flush()
        line = self.lines.get(timeout=60)
        assert line.startswith("pid "), line
        return _Run(self, int(line.split()[1]))

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


def _first_request(proc: _Run, requests: list, seen: int) -> float | None:
    """Wait until the server gets a request after the first `seen`; None if proc ended first."""
    while len(requests) <= seen:
        if proc.poll() is not None:
            return None
        time.sleep(0.002)
    return time.monotonic()


def _feeds_saved(store: Path) -> int:
    """How many feeds have a fetch_state row yet (0 while the store or table is missing)."""
    try:
        db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=0.05)
    except sqlite3.Error:
        return 0
    try:
        return db.execute("SELECT COUNT(*) FROM fetch_state").fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        db.close()


def _wait_for_feeds(proc: _Run, store: Path, target: int) -> None:
    while proc.poll() is None and _feeds_saved(store) < target:
        time.sleep(0.005)


def _run_whole(server: _ForkServer, conf: Path, requests: list) -> float:
    """Run ingest to the end; return the seconds from its first request to its exit."""
    proc = server.start(conf)
    first = _first_request(proc, requests, len(requests))
    code = proc.wait(timeout=60)
    assert code == 0, server.errors.read_text(errors="replace")[-2000:]
    assert first is not None
    return time.monotonic() - first


def _remove_store(store: Path) -> None:
    for path in store.parent.glob(store.name + "*"):
        path.unlink()


def _check_after_kill(store: Path, expected: dict[str, set[str]], trial: int) -> int:
    """Assert the crash invariants; return how many feeds are stored."""
    if not store.exists():
        return 0
    db = sqlite3.connect(store, timeout=10)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", trial
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "items" not in tables:
            return 0
        complete = 0
        for url, titles in expected.items():
            got = {r[0] for r in db.execute("SELECT title FROM items WHERE source_url = ?",
                                            (url,))}
            assert got in (set(), titles), (
                f"trial {trial}: {url} has {len(got)} of its {len(titles)} items")
            complete += bool(got)
        dangling = db.execute("SELECT COUNT(*) FROM items WHERE story_id != '' AND story_id "
                              "NOT IN (SELECT id FROM stories)").fetchone()[0]
        assert dangling == 0, f"trial {trial}: items point at stories that were never saved"
        counts = dict(db.execute("SELECT source_url, COUNT(*) FROM items GROUP BY source_url"))
        for url, item_count in db.execute("SELECT source_url, item_count FROM fetch_state"):
            assert item_count == counts.get(url, 0), (trial, url, item_count)
        return complete
    finally:
        db.close()


def _snapshot(store: Path) -> tuple[list[tuple], int]:
    db = sqlite3.connect(store)
    try:
        rows = db.execute(
            "SELECT key, source_url, title, url, summary, story_id != '' FROM items ORDER BY key"
        ).fetchall()
        stories = db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
        return rows, stories
    finally:
        db.close()


def test_sigkill_during_ingest_never_leaves_a_partial_feed(tmp_path):
    rng = random.Random(SEED)
    routes: dict = {}
    with serve(routes) as base:
        feeds = make_feeds(base)
        routes.update({path: _slow(feed.rss()) for path, feed in feeds.items()})
        (tmp_path / "sources.opml").write_text(_opml(base))
        expected = {f"{base}{path}": {e.title for e in feed.entries}
                    for path, feed in feeds.items()}

        server = _ForkServer(tmp_path)
        reference = tmp_path / "reference.sqlite"
        active = _run_whole(server, _conf(tmp_path, reference), base.requests)
        ref_rows, ref_stories = _snapshot(reference)
        assert len(ref_rows) == FEEDS * ITEMS and all(r[5] for r in ref_rows)
        assert ref_stories == FEEDS * ITEMS

        store = tmp_path / "crash.sqlite"
        conf = _conf(tmp_path, store)
        partial = 0
        for trial in range(TRIALS):
            fresh = trial % 2 == 0
            if fresh:
                _remove_store(store)  # half the trials start fresh, half resume a crashed store
            seen = len(base.requests)
            proc = server.start(conf)
            if trial % 8 == 3:
                # During start-up: opening and migrating the store, the first fetches.
                time.sleep(rng.uniform(0.0, 0.1))
            elif trial % 4 == 0:
                # Right after the k-th feed's transaction, or in the middle of the next one.
                _wait_for_feeds(proc, store, rng.randint(1, FEEDS - 3))
                time.sleep(rng.uniform(0.0, 0.02))
            elif _first_request(proc, base.requests, seen) is not None:
                # Anywhere while feeds are fetched and stored, and stories grouped.
                time.sleep(rng.uniform(0.0, active * 1.05))
            proc.kill()
            proc.wait(timeout=30)
            stored = _check_after_kill(store, expected, trial)
            partial += 0 < stored < FEEDS

        # The kills did land mid-run, between feeds, not only before or after the whole run.
        assert partial >= TRIALS // 7, partial
        _run_whole(server, conf, base.requests)
        server.close()
    rows, stories = _snapshot(store)
    assert rows == ref_rows
    assert stories == ref_stories
    db = sqlite3.connect(store)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
