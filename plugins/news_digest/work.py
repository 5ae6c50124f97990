"""The per-item work of a night, as one pure function on plain, picklable data.

Whatever runs it (the main process, a local process pool or a Dask cluster, see executor.py)
gets the same jobs and returns the same results: the CPU-heavy part of ingest lives here only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from .enrich import build_item
from .model import Item, RawEntry, Source

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ItemJob:
    """Everything needed to build one item, fetched beforehand: no network, no store."""

    source: Source
    entry: RawEntry
    now: datetime
    feed_lang: str = ""
    page: bytes | None = None  # the article page as fetched, or None (not wanted, or failed)
    summary_sentences: int = 3
    known_key: str = ""  # the stored item this entry updates, whose key it keeps
    feed_text: str | None = None  # the feed HTML's text, when the fetcher already made it


@dataclass(frozen=True)
class ItemResult:
    """A finished item, or why this one entry could not be built."""

    item: Item | None
    error: str = ""


def process_item(job: ItemJob) -> ItemResult:
    """Build one item; an exception becomes this entry's error, never the batch's."""
    try:
        item = build_item(job.source, job.entry, now=job.now, feed_lang=job.feed_lang,
                          page_html=job.page, summary_sentences=job.summary_sentences,
                          feed_text=job.feed_text)
    except Exception as exc:  # one bad entry must not lose the rest of the batch
        return ItemResult(None, f"{type(exc).__name__}: {exc}")
    if job.known_key:
        item.key = job.known_key
    return ItemResult(item)


def process_batch(jobs: list[ItemJob]) -> list[ItemResult]:
    """One result per job, in job order."""
    return [process_item(job) for job in jobs]


def warm_up() -> None:
    """Load what a first item would (the language model, the second reader), once."""
    page = ("<html><body><article>"
            + "<p>The council approved the plan to rebuild the old bridge on Monday.</p>" * 8
            + "</article></body></html>").encode()
    process_item(ItemJob(Source(url="warm-up", title="warm-up"),
                         RawEntry(guid="warm-up", link="https://warm-up.example/", title="Warm"),
                         datetime(2000, 1, 1, tzinfo=UTC), page=page))
