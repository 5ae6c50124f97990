"""A synthetic night for executor tests: feeds and pages served from 127.0.0.1, and work
functions that kill their worker process (importable by name, so pool workers can run them)."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from news_digest.work import ItemJob, ItemResult, process_batch

from feedkit import Entry, Feed, opml

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
T0 = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
FEEDS = 3
ENTRIES = 25  # 75 items: several batches of 32
POISON = "Poison pill"  # a title the killing work function never survives

_WORDS = ("council harbour bridge river factory battery grant court fishing festival crowd "
          "hospital treatment train signal storm power coast school garden market museum").split()
_PLACES = ("Lyon Tromso Valparaiso Nairobi Osaka Porto Tbilisi Halifax Dakar Bergen Cusco "
           "Sapporo").split()


def _paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(4):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 15))]
        sentences.append(f"In {rng.choice(_PLACES)} the " + " ".join(words) + ".")
    return " ".join(sentences)


def _page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>© Test</footer></body></html>"
            ).encode()


def night(base: str, poison: bool = False) -> tuple[dict, str]:
    """Routes for FEEDS feeds (the odd ones give excerpts, so their pages are fetched) and the
    sources file naming them. With poison, one entry carries the POISON title."""
    rng = random.Random(20261123)
    routes: dict = {}
    outlines = []
    for f in range(FEEDS):
        entries = []
        for n in range(ENTRIES):
            title = f"{rng.choice(_PLACES)} {rng.choice(_WORDS)} {rng.choice(_WORDS)} {f}-{n}"
            if poison and (f, n) == (1, 7):
                title = POISON
            link = f"{base}/f{f}/{n}.html"
            paragraphs = [_paragraph(rng) for _ in range(rng.randint(2, 4))]
            if f % 2:
                routes[f"/f{f}/{n}.html"] = (200, {"Content-Type": "text/html; charset=utf-8"},
                                             _page(title, paragraphs))
                description = paragraphs[0][:100] + " …"
            else:
                description = "".join(f"<p>{p}</p>" for p in paragraphs)
            entries.append(Entry(title, link, T0 + timedelta(minutes=17 * n + f),
                                 description=description, author=f"Writer {f}"))
        feed = Feed(f"Feed {f}", entries, link=f"{base}/f{f}/")
        routes[f"/f{f}.xml"] = (200, {"Content-Type": "application/rss+xml"}, feed.rss())
        outlines.append(("News", f"Feed {f}", f"{base}/f{f}.xml"))
    return routes, opml(outlines)


def item_rows(store: Path) -> list[tuple]:
    """Every column of every stored item, in key order."""
    with sqlite3.connect(store) as db:
        return db.execute("SELECT * FROM items ORDER BY key").fetchall()


def crash_once(marker: str, jobs: list[ItemJob]) -> list[ItemResult]:
    """Kill this worker process the first time any worker runs it, then work normally."""
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return process_batch(jobs)
    os.close(fd)
    os._exit(13)


def die_on_poison(jobs: list[ItemJob]) -> list[ItemResult]:
    """Kill this worker process whenever its batch holds the poisonous entry."""
    if any(job.entry.title == POISON for job in jobs):
        os._exit(13)
    return process_batch(jobs)


def die_on_poisoned_page(jobs: list[ItemJob]) -> list[ItemResult]:
    """Kill this worker process whenever its batch holds the poisonous entry with its page."""
    if any(job.entry.title == POISON and job.page is not None for job in jobs):
        os._exit(13)
    return process_batch(jobs)


def hang_on_poisoned_page(jobs: list[ItemJob]) -> list[ItemResult]:
    """Never return (as a parser stuck on a hostile page would) when the batch holds the
    poisonous entry with its page."""
    if any(job.entry.title == POISON and job.page is not None for job in jobs):
        time.sleep(3600)
    return process_batch(jobs)
