"""A year of news written straight into a store, as nightly ingests would have left it.

    python benchmarks/make_year_store.py 2000 /tmp/year2k
    python benchmarks/make_year_store.py 100000 /tmp/year100k --days 365 --seed 0

N items over `--days` days ending the day before `--now`, from about 200 feeds (fewer for
small N) in six topics, in English and French. Each day brings new events reported by one to
eight feeds (same names, numbers and places, other words) and follow-ups of recent ones.
Items go through the project's own code: each entry is cleaned, sanitized and summarized as
ingest's `build_item` does it (excerpt-only feeds get the article text, as a fetched page
would give), `Store.save_feed` stores each feed's night and `finish_night` learns boilerplate and
groups the night's items into stories, in date order: every night with `--group-every 1`;
by default every ceil(N / 5000) nights, so that a big store is made in minutes rather than
hours: each call has a fixed cost (a process pool, the analysis of the stories that changed),
and grouping a few nights at once gives nearly the same stories. Language detection and
quality flags are skipped for items whose answers are known (the outlet's language, no
flags), and every 25th item is built by `build_item` as well and compared (`--exact`: all of
them).

Writes in OUTDIR: store.sqlite; sources.opml with the feeds as local files; feeds/*.xml, each
feed's latest entries as RSS 2.0, exactly as stored, so that a real `news-digest ingest`
finds nothing new; settings.py for `news-digest --settings` (on top of the project's
pelicanconf.py, no network: item links are on `.example` hosts, pages come from
OUTDIR/mirror); manifest.json (the clock, the feeds and the latest events, for
bench_night.py). Same arguments, same store.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from synth_news import (
    Entry,
    Event,
    Outlet,
    follow_up,
    make_entry,
    make_outlets,
    new_event,
    rss_document,
    spread,
)

from news_digest.clean import clean_content
from news_digest.config import DigestSettings, load_settings
from news_digest.enrich import (
    MAX_AUTHOR,
    MAX_TITLE,
    build_item,
    clamp_date,
    entry_fingerprint,
    entry_link,
    item_key,
)
from news_digest.ingest import finish_night
from news_digest.model import STATUS_OK, FetchState, Item, RawEntry, Source
from news_digest.parse import parse_feed
from news_digest.sanitize import sanitize_html
from news_digest.sources import read_sources, write_opml
from news_digest.store import Store
from news_digest.summarize import summarize
from news_digest.text import clean_field, html_to_text
from news_digest.urls import normalize_link

REPO = Path(__file__).resolve().parent.parent
DEFAULT_NOW = "2026-12-01T06:00:00Z"
FEED_ENTRIES = 20  # entries per feed file
CHECK_EVERY = 25  # every so many items are also built by ingest's own build_item, and compared
STORY_SIZES = (1, 2, 3, 4, 5, 6, 7, 8)  # reports of one event on its first day…
STORY_WEIGHTS = (30, 22, 15, 10, 8, 6, 5, 4)  # …and how often each size occurs
WEEKEND_SHARE = 0.6  # a weekend day brings this share of a weekday's news
SUMMARY_SENTENCES = load_settings({}).summary_sentences


def parse_now(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def default_feed_count(items: int) -> int:
    """About 200 feeds, fewer for small stores so that every feed has some entries."""
    return min(200, max(10, items // 50))


def day_quotas(rng: random.Random, first: date, days: int, items: int) -> list[int]:
    """Items per day, weekdays busier than weekends, summing to exactly `items`."""
    weights = [(WEEKEND_SHARE if (first + timedelta(d)).weekday() >= 5 else 1.0)
               * rng.uniform(0.85, 1.15) for d in range(days)]
    total, cumulated, quotas, done = sum(weights), 0.0, [], 0
    for w in weights:
        cumulated += w
        upto = round(items * cumulated / total)
        quotas.append(upto - done)
        done = upto
    return quotas


def source_for(outlet: Outlet) -> Source:
    return Source(url=outlet.feed_path, title=outlet.title, topic=outlet.topic,
                  site_url=f"https://{outlet.host}/", lang=outlet.lang if outlet.lang_hint else "")


def raw_entry(entry: Entry) -> RawEntry:
    """The entry as the feed parser reads it from the feed file (checked by `check_feeds`)."""
    a = entry.article
    return RawEntry(guid=entry.guid, link=entry.link, title=a.title, author=a.author,
                    published=entry.published, summary_html=entry.summary,
                    content_html=entry.content)


def exact_item(source: Source, entry: Entry, night: datetime) -> Item:
    """What ingest stores for one entry; for excerpt-only feeds, from the article page's text."""
    feed = raw_entry(entry)
    if not entry.outlet.excerpt_only:
        return build_item(source, feed, now=night, feed_lang=entry.outlet.lang)
    page = RawEntry(**{**vars(feed), "content_html": entry.article.html()})
    item = build_item(source, page, now=night, feed_lang=entry.outlet.lang)
    item.content_hash, item.full_text = entry_fingerprint(feed), True
    return item


def quick_item(source: Source, entry: Entry, night: datetime) -> Item:
    """`exact_item` without its two costliest steps, whose answers are known here: the
    language is the outlet's, and the quality flags of these clean articles are none."""
    feed = raw_entry(entry)
    link = entry_link(feed)
    title = clean_field(feed.title, MAX_TITLE)
    content_html = sanitize_html(clean_content(entry.article.html(), title=title), base_url=link)
    text = html_to_text(content_html)
    lang = entry.outlet.lang
    return Item(
        key=item_key(source.url, feed), source_url=source.url, guid=clean_field(feed.guid, 500),
        url=link, title=title, author=clean_field(feed.author, MAX_AUTHOR),
        published=clamp_date(feed.published, night), first_seen=night, lang=lang,
        content_html=content_html, text=text,
        summary=summarize(text, lang=lang, title=title, max_sentences=SUMMARY_SENTENCES),
        content_hash=entry_fingerprint(feed), full_text=entry.outlet.excerpt_only)


def build_stored_item(job: tuple[Source, Entry, datetime, bool]) -> tuple[Item, bool]:
    """The stored item, and whether it was checked against `exact_item` and differed."""
    source, entry, night, check = job
    item = quick_item(source, entry, night)
    if not check:
        return item, False
    exact = exact_item(source, entry, night)
    return exact, exact != item


@dataclass
class Newsroom:
    """The generator's state across days: feeds, serial numbers, recent events and entries."""

    rng: random.Random
    outlets: list[Outlet]
    serials: dict[str, int] = field(default_factory=dict)
    active: list[Event] = field(default_factory=list)  # events with follow-ups to come
    recent: list[Event] = field(default_factory=list)  # the last day's events
    next_event: int = 0
    latest: dict[str, deque[Entry]] = field(default_factory=dict)

    def by_topic(self, topic: str) -> list[Outlet]:
        return [o for o in self.outlets if o.topic == topic]

    def reporters(self, topic: str, size: int) -> list[Outlet]:
        """`size` different feeds of the topic, busy feeds more often."""
        pool = self.by_topic(topic)
        size = min(size, len(pool))
        chosen: list[Outlet] = []
        while len(chosen) < size:
            pick = self.rng.choices(pool, weights=[o.weight for o in pool])[0]
            if pick not in chosen:
                chosen.append(pick)
        return chosen

    def report(self, event: Event, outlets: list[Outlet], day_start: datetime,
               first_day: bool) -> list[Entry]:
        base = spread(self.rng, day_start, 19)
        entries = []
        for outlet in outlets:
            serial = self.serials.get(outlet.slug, 0) + 1
            self.serials[outlet.slug] = serial
            published = min(spread(self.rng, base, 4), day_start + timedelta(hours=23, minutes=59))
            entries.append(make_entry(outlet, serial, event, published, self.rng, first_day))
        return entries

    def day(self, day: date, quota: int, start: datetime) -> list[Entry]:
        """One day's entries: follow-ups of recent events first, then new events."""
        entries: list[Entry] = []
        followed: list[Event] = []
        for old in self.active:
            if len(entries) >= quota:
                break
            event = follow_up(old, day, self.rng)
            size = min(self.rng.randint(1, 4), quota - len(entries))
            entries += self.report(event, self.reporters(event.topic, size), start, False)
            followed.append(event)
        fresh: list[Event] = []
        while len(entries) < quota:
            event = new_event(self.rng, self.next_event, day)
            self.next_event += 1
            size = min(self.rng.choices(STORY_SIZES, STORY_WEIGHTS)[0], quota - len(entries))
            entries += self.report(event, self.reporters(event.topic, size), start, True)
            fresh.append(event)
        self.recent = followed + fresh
        self.active = [e for e in self.recent if e.days_left > 0]
        for e in entries:
            self.latest.setdefault(e.outlet.slug, deque(maxlen=FEED_ENTRIES)).append(e)
        return sorted(entries, key=lambda e: (e.published, e.link))


def store_night(store: Store, sources: dict[str, Source], items: list[Item],
                night: datetime) -> None:
    """Each feed's night in one transaction, as ingest stores it."""
    by_feed: dict[str, list[Item]] = {}
    for item in items:
        by_feed.setdefault(item.source_url, []).append(item)
    for url in sorted(by_feed):
        state = store.fetch_state(url)
        state.last_attempt = state.last_success = night
        state.last_status, state.last_error = STATUS_OK, ""
        store.save_feed(state, by_feed[url], feed_title=sources[url].title)


def close_feeds(store: Store, sources: list[Source], night: datetime) -> None:
    """Every feed was fetched on the last night, with or without news."""
    for source in sources:
        state = FetchState(source_url=source.url, last_status=STATUS_OK, last_attempt=night,
                           last_success=night)
        store.save_feed(state, [], feed_title=source.title)


def write_sources(outdir: Path, outlets: list[Outlet]) -> list[Source]:
    """sources.opml, read back as ingest reads it."""
    opml = outdir / "sources.opml"
    # The feeds are local files: keep their paths (a published copy would leave them out).
    text = write_opml([source_for(o) for o in outlets], "Benchmark feeds", local_paths=True)
    opml.write_text(text, encoding="utf-8")
    return read_sources(opml)


SETTINGS_TEMPLATE = '''"""news-digest settings for this store, over the project's pelicanconf.py."""
import runpy as _runpy
from pathlib import Path as _Path

_HERE = _Path(__file__).resolve().parent
_REPO = {repo!r}
globals().update({{k: v for k, v in _runpy.run_path(_REPO + "/pelicanconf.py").items()
                   if k.isupper()}})
PATH = _REPO + "/content"
THEME = _REPO + "/theme"
PLUGIN_PATHS = [_REPO + "/plugins"]
OUTPUT_PATH = str(_HERE / "output")
DIGEST_SOURCES = str(_HERE / "sources.opml")
DIGEST_STORE = str(_HERE / "store.sqlite")
DIGEST_LOCAL_ROOT = str(_HERE)
DIGEST_OFFLINE_MIRROR = str(_HERE / "mirror")  # pages of excerpt-only items: mirror/host/path
'''


def write_settings(outdir: Path) -> None:
    (outdir / "settings.py").write_text(SETTINGS_TEMPLATE.format(repo=str(REPO)),
                                        encoding="utf-8")


def write_feeds(outdir: Path, room: Newsroom, built: datetime) -> None:
    (outdir / "feeds").mkdir(exist_ok=True)
    for outlet in room.outlets:
        entries = sorted(room.latest.get(outlet.slug, ()), key=lambda e: (e.published, e.link),
                         reverse=True)
        path = outdir / outlet.feed_path
        path.write_text(rss_document(outlet, entries, built), encoding="utf-8")


def check_feeds(outdir: Path, store: Store, sources: list[Source]) -> int:
    """Every feed entry is stored, unchanged (what ingest checks); returns the entry count."""
    index = store.known_index()
    checked = 0
    for source in sources:
        parsed = parse_feed((outdir / source.url).read_bytes(), source.url)
        for entry in parsed.entries:
            known = index.find(source.url, entry.guid, normalize_link(entry_link(entry)))
            if known is None or known[1] != entry_fingerprint(entry) or known[2] != source.url:
                raise SystemExit(f"{source.url}: entry {entry.link} would be ingested again")
            checked += 1
    return checked


def write_manifest(outdir: Path, room: Newsroom, args: argparse.Namespace, now: datetime,
                   stats: dict) -> None:
    manifest = {
        "now": now.isoformat(), "seed": args.seed, "days": args.days, "items": args.items,
        "outlets": [asdict(o) for o in room.outlets], "serials": room.serials,
        "next_event": room.next_event, "active": [e.to_json() for e in room.active],
        "recent": [e.to_json() for e in room.recent], "stats": stats,
    }
    (outdir / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False),
                                          encoding="utf-8")


def nights(now: datetime, days: int) -> Iterator[tuple[date, datetime, datetime]]:
    """(day, its start, the night that ingests it) for each day before `now`, oldest first."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    for back in range(days, 0, -1):
        start = midnight - timedelta(days=back)
        yield start.date(), start, start + timedelta(days=1) + (now - midnight)


@dataclass
class Run:
    """One store being written: its settings, the workers and running totals."""

    store: Store
    sources: dict[str, Source]  # by feed path
    pool: ProcessPoolExecutor | None
    exact: bool
    stats: dict = field(default_factory=lambda: dict(
        items=0, stories=0, items_s=0.0, grouping_s=0.0, checked=0, differed=0))

    def build(self, entries: list[Entry], night: datetime) -> list[Item]:
        """The night's items; every CHECK_EVERY-th one (or all with --exact) by build_item."""
        first = self.stats["items"]
        jobs = [(self.sources[e.outlet.feed_path], e, night,
                 self.exact or (first + i) % CHECK_EVERY == 0) for i, e in enumerate(entries)]
        built = list(self.pool.map(build_stored_item, jobs, chunksize=16) if self.pool
                     else map(build_stored_item, jobs))
        self.stats["checked"] += sum(1 for job in jobs if job[3])
        self.stats["differed"] += sum(1 for _, differed in built if differed)
        self.stats["items"] += len(built)
        return [item for item, _ in built]

    def finish(self, items: list[Item], settings: DigestSettings) -> None:
        t = time.perf_counter()
        created, _ = finish_night(self.store, items, settings)
        self.stats["grouping_s"] += time.perf_counter() - t
        self.stats["stories"] += created


def fill_store(run: Run, room: Newsroom, quotas: list[int], days: list, group_every: int) -> None:
    """Night after night, oldest first: build and store the day's items, then (every
    `group_every` nights) finish the nights stored since the last time."""
    settings = load_settings({})
    pending: list[Item] = []
    for n, ((day, start, night), quota) in enumerate(zip(days, quotas, strict=True), 1):
        t = time.perf_counter()
        items = run.build(room.day(day, quota, start), night)
        store_night(run.store, run.sources, items, night)
        run.stats["items_s"] += time.perf_counter() - t
        pending += items
        if n % group_every == 0 or n == len(days):
            run.finish(pending, settings)
            pending = []
        if n % 30 == 0 or n == len(days):
            print(f"  {day}: {run.stats['items']} items, {run.stats['stories']} stories",
                  file=sys.stderr)


def make_store(args: argparse.Namespace) -> dict:
    outdir, now = args.outdir, parse_now(args.now)
    rng = random.Random(args.seed)
    room = Newsroom(rng, make_outlets(rng, args.feeds or default_feed_count(args.items)))
    sources = write_sources(outdir, room.outlets)
    write_settings(outdir)
    days = list(nights(now, args.days))
    quotas = day_quotas(rng, days[0][0], args.days, args.items)
    group_every = args.group_every or math.ceil(args.items / 5000)
    pool = ProcessPoolExecutor(args.jobs) if args.jobs > 1 else None
    with Store(outdir / "store.sqlite") as store:
        # Generation only: the data is the same with or without waiting for the disk.
        store.db.execute("PRAGMA synchronous=OFF")
        store.sync_sources(sources)
        run = Run(store, {s.url: s for s in sources}, pool, args.exact)
        fill_store(run, room, quotas, days, group_every)
        close_feeds(store, sources, now)
        write_feeds(outdir, room, now)
        stats = dict(run.stats, group_every=group_every, feeds=len(sources),
                     feed_entries_checked=check_feeds(outdir, store, sources))
    if pool:
        pool.shutdown()
    write_manifest(outdir, room, args, now, stats)
    return stats


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("items", type=int, help="items in the store")
    p.add_argument("outdir", type=Path)
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--now", default=DEFAULT_NOW, help="the last night's time (UTC)")
    p.add_argument("--feeds", type=int, default=0, help="default: min(200, N/50)")
    p.add_argument("--group-every", type=int, default=0, metavar="DAYS",
                   help="run finish_night every DAYS nights; 1: every night, as ingest does; "
                   "default: ceil(N / 5000), to make a big store faster")
    p.add_argument("--exact", action="store_true",
                   help="build every item with ingest's build_item (about twice as slow)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="processes building items")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.outdir.exists() and any(args.outdir.iterdir()):
        if not (args.outdir / "manifest.json").exists():
            raise SystemExit(f"{args.outdir} is not empty and not a year store: not touching it")
        shutil.rmtree(args.outdir)
    args.outdir.mkdir(parents=True)
    started = time.perf_counter()
    stats = make_store(args)
    took = time.perf_counter() - started
    print(f"{stats['items']} items, {stats['stories']} stories, {stats['feeds']} feeds in "
          f"{took:.1f} s ({stats['items'] / took:.0f} items/s; items {stats['items_s']:.1f} s, "
          f"grouping {stats['grouping_s']:.1f} s); {stats['feed_entries_checked']} feed entries "
          f"all stored unchanged; {stats['checked']} items built by build_item too, "
          f"{stats['differed']} differed from the quick path (the build_item one is stored)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
