"""The ingest phase: sources → fetch → parse → enrich → store → stories.

Every failure is recorded on its feed and never stops the run. Feeds and pages are
fetched in threads; items are built by an executor (work.py, executor.py) on every
core or a cluster; the results are stored one feed at a time in sources-file order,
so the store depends neither on which server answered first nor on which worker.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from . import __version__
from .analysis import analysis_settings, analyze_stories, refresh_if_stale
from .batches import Batcher, Ticket
from .config import DigestSettings, resolve_path
from .embeddings import load_embedder
from .enrich import entry_fingerprint, entry_link, feed_html, wants_page
from .executor import open_executor
from .extract import decode_page
from .fetch import FetchPolicy, fetch_local, fetch_url, mirror_path, retry_after_seconds
from .images import ImageLoader, ImageOutcome, candidates, fetch_image, page_images
from .model import (
    STATUS_ERROR,
    STATUS_NOT_A_FEED,
    STATUS_NOT_MODIFIED,
    STATUS_OK,
    STATUS_PARSE_ERROR,
    STATUS_REFUSED,
    STATUS_TIMEOUT,
    SUCCESS_STATUSES,
    FetchResult,
    FetchState,
    Item,
    ParsedFeed,
    RawEntry,
    Source,
)
from .parse import parse_feed
from .sitelearn import MIN_ARTICLES, MIN_SHARE, strip_learned
from .sources import read_sources
from .store import Store
from .stories import group_new_items
from .summarize import summarize
from .text import html_to_text
from .updates import is_real_update
from .urls import normalize_link, publisher
from .work import ItemJob

log = logging.getLogger(__name__)

MAX_WORKERS = 4
BACKOFF_AFTER = 3  # consecutive failures before a feed is polled less often
MAX_BACKOFF_DAYS = 16
RESERVED_TLDS = {"example", "test", "invalid", "localhost"}
KEEP_PAGE_CHANGES = 60  # analysis runs whose page changes are kept for incremental builds


class IngestLocked(RuntimeError):
    """Another ingest is writing to the same store."""


@dataclass
class FeedReport:
    source: Source
    status: str
    new_items: int = 0
    updated_items: int = 0
    error: str = ""
    stored: list[Item] = field(default_factory=list, repr=False)  # new or changed tonight
    images: int = 0  # new items given a picture
    image_failures: int = 0  # new items whose pictures could not be used


@dataclass
class IngestReport:
    feeds: list[FeedReport] = field(default_factory=list)
    stories_created: int = 0
    items_grouped: int = 0

    @property
    def failed(self) -> list[FeedReport]:
        return [f for f in self.feeds if f.status not in SUCCESS_STATUSES]

    @property
    def images(self) -> int:
        return sum(f.images for f in self.feeds)

    @property
    def image_failures(self) -> int:
        return sum(f.image_failures for f in self.feeds)


@dataclass
class _FeedOutcome:
    """What a fetch thread produced for one feed; stored by the main thread."""

    source: Source
    result: FetchResult
    parsed: ParsedFeed | None = None
    items: list[Item] = field(default_factory=list)
    error: str = ""
    status: str = STATUS_OK
    # Each entry sent to the executor, with where its result will be, and its picture's search.
    tickets: list[tuple[RawEntry, Ticket, Future | None]] = field(default_factory=list)
    image_files: list[tuple[str, bytes]] = field(default_factory=list, repr=False)
    images: int = 0
    image_failures: int = 0
    body_hash: str = ""  # of the feed body read
    complete: bool = True  # every entry was handled (none failed, none left for lack of time)


def user_agent(settings: DigestSettings, site_url: str) -> str:
    if settings.user_agent:
        return settings.user_agent
    contact = f"; +{site_url}" if site_url.startswith(("http://", "https://")) else ""
    return f"NewsDigest/{__version__} (feed digest{contact})"


def backoff_until(state: FetchState) -> datetime | None:
    """After repeated failures, wait 2, 4, 8 … days (capped) before polling again."""
    if state.consecutive_failures < BACKOFF_AFTER or state.last_attempt is None:
        return None
    days = min(2 ** (state.consecutive_failures - BACKOFF_AFTER + 1), MAX_BACKOFF_DAYS)
    return state.last_attempt + timedelta(days=days)


def next_state(state: FetchState, status: str, error: str, now: datetime,
               result: FetchResult | None) -> FetchState:
    """The feed's state after tonight's attempt."""
    new = FetchState(**vars(state))
    new.last_attempt, new.last_status, new.last_error = now, status, error
    delay = retry_after_seconds(result) if result is not None else None
    new.not_before = now + timedelta(seconds=delay) if delay else None
    if status in SUCCESS_STATUSES:
        new.last_success, new.consecutive_failures, new.failing_since = now, 0, None
        if result is not None and status == STATUS_OK:
            # Validators are echoed verbatim next time; a 304 keeps the old ones.
            new.etag, new.last_modified = result.etag, result.last_modified
    else:
        new.consecutive_failures += 1
        new.failing_since = state.failing_since or now
    return new


@contextmanager
def writer_lock(store_path: Path) -> Iterator[None]:
    """One writer at a time: a second ingest exits with a clear message instead of waiting."""
    store_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = store_path.with_name(store_path.name + ".lock")
    with open(lock_path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IngestLocked(
                f"another ingest is already writing to {store_path}; try again when it ends"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class HostGate:
    """Politeness per host: at most `limit` requests in flight, `spacing` seconds apart."""

    def __init__(self, limit: int, spacing: float):
        self.limit, self.spacing = max(1, limit), spacing
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            sem = self._slots.setdefault(host, threading.BoundedSemaphore(self.limit))
        with sem:
            with self._lock:
                start = max(time.monotonic(), self._next_start.get(host, 0.0))
                self._next_start[host] = start + self.spacing
            time.sleep(max(0.0, start - time.monotonic()))
            yield


class _Fetcher:
    """Feed and page fetching for one run: network, local demo feeds or the offline mirror."""

    def __init__(self, settings: DigestSettings, base: Path, sources_dir: Path, site_url: str,
                 deadline: float):
        self.settings = settings
        self.sources_dir = sources_dir
        self.deadline = deadline
        self.gate = HostGate(settings.host_concurrency, settings.host_spacing)
        common = dict(
            user_agent=user_agent(settings, site_url),
            total_timeout=settings.timeout,
            allow_hosts=settings.allow_hosts_set,
            retry_after_cap=settings.retry_after_cap_days * 86400,
        )
        self.feed_policy = FetchPolicy(
            **common,
            max_bytes=settings.feed_max_bytes,
            local_root=resolve_path(settings.local_root, base).resolve(),
        )
        mirror = settings.offline_mirror
        self.mirror_root = resolve_path(mirror, base).resolve() if mirror else None
        # Pages come from the mirror only when it has a copy (see page()).
        self.page_policy = FetchPolicy(
            **common, max_bytes=settings.page_max_bytes, local_root=self.mirror_root
        )
        self.images = ImageLoader(self.page, settings.images_per_night,
                                  may_fetch=lambda: not self.out_of_time())

    def out_of_time(self) -> bool:
        return time.monotonic() > self.deadline

    def feed(self, source: Source, state: FetchState) -> FetchResult:
        if "://" not in source.url:
            return fetch_local(self.sources_dir / source.url, self.feed_policy)
        with self.gate.slot(source.url):
            return fetch_url(source.url, self.feed_policy, etag=state.etag,
                             last_modified=state.last_modified)

    def page(self, url: str) -> FetchResult:
        """An article page or a picture: from the offline mirror when it has a copy, else from
        the network (same limits, same address checks, same politeness per host)."""
        if self.mirror_root is not None:
            path = mirror_path(url, self.mirror_root)
            if path is not None and path.is_file():
                return fetch_local(path, self.page_policy)
        host = (urlsplit(url).hostname or "").lower()
        if host.rsplit(".", 1)[-1] in RESERVED_TLDS:
            # These names never resolve (RFC 2606/6761): no point asking the network.
            return FetchResult(status=STATUS_REFUSED, url=url, error="reserved domain, not fetched")
        with self.gate.slot(url):
            return fetch_url(url, self.page_policy)


def _fetch_feed(source: Source, state: FetchState, fetcher: _Fetcher, store_lookup,
                settings: DigestSettings, now: datetime, batcher: Batcher,
                find_image: Callable[[list], Future] | None = None) -> _FeedOutcome:
    """Fetch and parse one feed and the pages its entries need; every entry becomes a job for
    the executor, and a new entry's picture a search for `find_image`. Never raises: failures
    become the outcome's status."""
    if fetcher.out_of_time():
        return _FeedOutcome(source, FetchResult(status=STATUS_TIMEOUT, url=source.url),
                            status=STATUS_TIMEOUT, error="ingest time budget used up")
    result = fetcher.feed(source, state)
    out = _FeedOutcome(source, result, status=result.status, error=result.error)
    if result.status != STATUS_OK:
        return out
    out.body_hash = hashlib.sha256(result.body).hexdigest()
    if out.body_hash == state.body_hash:
        # The very bytes whose every entry was handled last time: nothing to parse.
        out.status = STATUS_NOT_MODIFIED
        return out
    parsed = parse_feed(result.body, result.url)
    out.parsed = parsed
    if parsed.status != STATUS_OK or parsed.error:
        out.status, out.error = parsed.status, parsed.error or "feed could not be parsed"
        return out
    entries = [e for e in parsed.entries if e.title or e.link or e.summary_html or e.content_html]
    if not entries:
        # An empty feed is a failure to look at, never a reason to delete anything.
        out.status, out.error = STATUS_NOT_A_FEED, "the feed has no usable entries"
        return out
    for entry in entries[: settings.max_items_per_feed]:
        try:
            known = store_lookup(source.url, entry)
            if known and (known[2] != source.url or known[1] == entry_fingerprint(entry)):
                # Unchanged, or the same article already stored through another feed.
                continue
            page, feed_text = None, None
            link = entry_link(entry)
            if link and fetcher.out_of_time():
                out.complete = False  # the page may be read on a later night
            if link and not fetcher.out_of_time():
                if source.full_text == "auto":
                    # The feed's text decides whether the page is needed; the job carries it
                    # along, so the worker does not make it again.
                    feed_text = html_to_text(feed_html(entry))
                if wants_page(source, entry, settings.full_text_min_chars, feed_text=feed_text):
                    fetched = fetcher.page(link)
                    page = fetched.body if fetched.ok else None
            job = ItemJob(source, entry, now, feed_lang=parsed.lang, page=page,
                          summary_sentences=settings.summary_sentences,
                          known_key=known[0] if known else "", feed_text=feed_text)
            image = None
            if find_image is not None and source.images and known is None:
                # New items only: a changed item keeps the picture it was stored with.
                image = _picture_search(entry, page, link, find_image)
            out.tickets.append((entry, batcher.add(job), image))
        except Exception as exc:  # one bad entry must not lose the rest of the feed
            out.complete = False
            log.warning("%s: entry %r failed: %s", source.url, entry.link or entry.guid, exc)
    return out


def _picture_search(entry: RawEntry, page: bytes | None, link: str,
                    find_image: Callable[[list], Future]) -> Future | None:
    """Start looking for the entry's picture: the feed's, then its page's; None when it names
    none. A page odd enough to fail here costs the item its picture, never the item."""
    try:
        refs = candidates(entry.images, page_images(decode_page(page), link) if page else ())
    except Exception as exc:
        log.info("%r: pictures of the page not read: %s", link, exc)
        refs = candidates(entry.images)
    return find_image(refs) if refs else None


def _collect_items(out: _FeedOutcome, batcher: Batcher) -> None:
    """The feed's finished items, in feed order, whichever worker made them."""
    for entry, ticket, image in out.tickets:
        done = batcher.result(ticket)
        if done.item is not None:
            out.items.append(done.item)
            if image is not None:
                _attach_image(out, done.item, image)
        else:
            out.complete = False
            log.warning("%s: entry %r failed: %s", out.source.url, entry.link or entry.guid,
                        done.error)
    out.tickets = []


def _attach_image(out: _FeedOutcome, item: Item, search: Future) -> None:
    """Give the item its picture; a missing or broken one is counted and logged, never more."""
    try:
        found: ImageOutcome = search.result()
    except Exception as exc:  # the picture is optional: the item is stored without one
        found = ImageOutcome(None, error=f"{type(exc).__name__}: {exc}")
    if found.image is None:
        out.image_failures += 1
        log.info("%s: no picture for %r: %s", out.source.url, item.url, found.error)
        return
    item.image = found.image
    out.images += 1
    out.image_files.extend(found.files)


def run_ingest(settings: DigestSettings, base: Path, *, now: datetime | None = None,
               site_url: str = "", sources_path: Path | None = None,
               store_path: Path | None = None, site_lang: str = "") -> IngestReport:
    """Ingest every source into the store and group new items into stories."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    sources_path = sources_path or resolve_path(settings.sources, base)
    store_path = store_path or resolve_path(settings.store, base)
    sources = read_sources(sources_path)
    # Loaded before any fetching, so a missing model or extra fails at once.
    embedder = load_embedder(settings.embeddings, base) if settings.embeddings else None
    report = IngestReport()
    deadline = time.monotonic() + settings.ingest_budget
    fetcher = _Fetcher(settings, base, sources_path.parent, site_url, deadline)

    with writer_lock(store_path), Store(store_path) as store:
        store.record_ingest_attempt(now)
        before = set(store.sources())
        store.sync_sources(sources)
        changed_sources = frozenset(s.url for s in before ^ set(store.sources()))
        states = store.fetch_states()

        index = store.known_index()

        def lookup(source_url: str, entry) -> tuple[str, str, str] | None:
            return index.find(source_url, entry.guid, normalize_link(entry_link(entry)))

        todo: list[tuple[Source, FetchState]] = []
        for source in sources:
            state = states.get(source.url) or FetchState(source_url=source.url)
            wait = backoff_until(state)
            if wait and now < wait:
                report.feeds.append(FeedReport(source, state.last_status, error=(
                    f"backing off after {state.consecutive_failures} failures until "
                    f"{wait:%Y-%m-%d}")))
                continue
            if state.not_before and now < state.not_before:
                report.feeds.append(FeedReport(source, state.last_status, error=(
                    f"the server asked to wait until {state.not_before:%Y-%m-%d %H:%M} UTC")))
                continue
            todo.append((source, state))

        # Threads fetch (network-bound, per-host limits); the executor builds items on every
        # core; this thread alone writes the store, feed by feed in sources-file order.
        read_one = False  # some feed was read (fetched, or not modified) tonight
        with open_executor(settings.executor, settings.workers) as executor, \
                ThreadPoolExecutor(max_workers=MAX_WORKERS) as image_pool, \
                ThreadPoolExecutor(max_workers=MAX_WORKERS) as pool:
            batcher = Batcher(executor, item_timeout=settings.item_timeout)

            def find_image(refs: list) -> Future:
                # Pictures are fetched beside pages and feeds, under the same per-host limits.
                return image_pool.submit(fetch_image, refs, fetcher.images.load)

            finder = find_image if settings.images_per_night > 0 else None
            futures = [pool.submit(_fetch_feed, s, st, fetcher, lookup, settings, now, batcher,
                                   finder)
                       for s, st in todo]
            for (source, state), future in zip(todo, futures, strict=True):
                try:
                    out = future.result()
                    _collect_items(out, batcher)
                except Exception as exc:  # a bug in one feed's path is that feed's failure
                    log.exception("%s failed", source.url)
                    out = _FeedOutcome(source, FetchResult(status=STATUS_ERROR, url=source.url),
                                       status=STATUS_ERROR, error=f"internal error: {exc}")
                report.feeds.append(_store_outcome(store, state, out, now))
                read_one = read_one or report.feeds[-1].status in SUCCESS_STATUSES

            # The executor's workers also analyse the stories that changed.
            created, grouped = finish_night(store, [i for f in report.feeds for i in f.stored],
                                            settings, embedder=embedder, site_lang=site_lang,
                                            changed_sources=changed_sources, executor=executor)
        report.stories_created, report.items_grouped = created, grouped
        # Completed; "succeeded" (the site's "last updated") only when some feed was read.
        store.close_night(now, succeeded=read_one)
    return report


def finish_night(store: Store, stored: list[Item], settings: DigestSettings, *,
                 embedder=None, site_lang: str = "",
                 changed_sources: frozenset[str] = frozenset(),
                 executor=None) -> tuple[int, int]:
    """What follows storing a night's items: learned boilerplate, story grouping, then the
    analysis of every story that changed (the build only reads it).

    `changed_sources` are feeds whose name, topic or options changed: their stories are
    analysed again. Returns (stories created, items grouped)."""
    strip_site_boilerplate(store, stored, settings)
    touched = {i.key for i in stored} | store.unassigned_keys()
    created, grouped = group_new_items(store, window=timedelta(days=settings.story_window_days),
                                       embedder=embedder)
    wanted = analysis_settings(settings, site_lang)
    if refresh_if_stale(store, wanted, executor) == 0:
        changed = store.story_ids_of_items(touched) | store.story_ids_of_sources(changed_sources)
        analyze_stories(store, changed, wanted, executor=executor)
    store.prune_page_changes(KEEP_PAGE_CHANGES)
    return created, grouped


def strip_site_boilerplate(store: Store, items: list[Item], settings: DigestSettings) -> int:
    """Remove blocks that recur across a site's stored articles from tonight's items of that
    site, and summarize them again; returns how many items changed."""
    by_site: dict[str, list[Item]] = {}
    for item in items:
        if item.url:
            by_site.setdefault(publisher(item.url), []).append(item)
    changed = []
    for site in sorted(by_site):
        learned = store.learned_blocks(site, MIN_ARTICLES, MIN_SHARE)
        for item in by_site[site]:
            html, dropped = strip_learned(item.content_html, learned)
            if not dropped:
                continue
            text = html_to_text(html)
            if len(text) < len(item.text) // 3:
                continue  # never learn away most of an article
            item.content_html, item.text = html, text
            item.summary = summarize(text, lang=item.lang, title=item.title,
                                     max_sentences=settings.summary_sentences)
            changed.append(item)
    if changed:
        store.update_texts(changed)
    return len(changed)


def _store_outcome(store: Store, state: FetchState, out: _FeedOutcome, now: datetime) -> FeedReport:
    """Save one feed's items and state in one transaction; report what changed."""
    status = out.status
    if status == STATUS_NOT_MODIFIED:
        error = ""
    else:
        error = out.error
    parsed = out.parsed
    if status == STATUS_OK and parsed is not None:
        # A refused part (an external entity, a bomb) makes the feed fail with that reason even
        # though its other items are kept; a lesser loss is only noted on its health row.
        if parsed.refused:
            status, error = STATUS_PARSE_ERROR, parsed.refused
        elif parsed.warning and not error:
            error = parsed.warning
    new_state = next_state(state, status, error, now, out.result)
    if status == STATUS_OK:
        new_state.body_hash = out.body_hash if out.complete else None
    chosen: dict[str, Item] = {}
    for item in out.items:
        # The feed lists one article twice (a tracking variant, say): the first full version
        # stays unless a later one is a real update of it.
        earlier = chosen.get(item.key)
        if earlier is None or is_real_update(earlier, item):
            chosen[item.key] = item
    fresh, updated = [], 0
    for item in chosen.values():
        owner = store.item_source(item.key)
        if owner is None:
            # The same article may have arrived through another feed earlier tonight.
            if store.find_item(item.source_url, item.guid, normalize_link(item.url)):
                continue
            fresh.append(item)
        elif owner == item.source_url:
            stored = store.item(item.key)
            if stored is not None and not is_real_update(stored, item):
                continue  # a poorer copy of the stored article: the stored one stays
            updated += 1
            fresh.append(item)
        # else: stored through another feed first; that feed keeps it.
    feed_title = out.parsed.title if out.parsed else ""
    pictures = {i.image.hash for i in fresh if i.image is not None}
    files = sorted({(name, data) for name, data in out.image_files
                    if name.rsplit("-", 1)[0] in pictures})
    store.save_feed(new_state, fresh, feed_title=feed_title, image_files=files)
    if status not in SUCCESS_STATUSES:
        log.warning("%s: %s %s", out.source.url, status, error)
    return FeedReport(out.source, status, new_items=len(fresh) - updated,
                      updated_items=updated, error=error, stored=fresh, images=out.images,
                      image_failures=out.image_failures)


