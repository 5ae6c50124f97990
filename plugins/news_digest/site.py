"""The Pelican bridge: stored story analyses → pages and feeds. The only module that imports
Pelican.

The build decides nothing that needs the whole archive: every story's view was analysed at
ingest and stored (analysis.py). It renders only the pages whose stories changed since the
previous build (the store logs them), and keeps the rest of the previous output; the pages
that show tonight's state (front page, health, sources, topic and source indexes, feeds) are
written every time and are bounded in size. `news-digest build --full` renders everything;
both give byte-identical sites. The sitemaps follow the same rule: the index and the sitemap of
the always-written pages every build, a month's sitemap only when a page of that month changed.

Pelican still reads the settings, renders through the theme, writes the About page, the
theme's static files and the Atom/RSS feeds: the newest stories (overall and per topic) are
injected as Articles that Pelican turns into feed entries but does not write as pages.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican import signals
from pelican.contents import Article
from pelican.generators import Generator
from pelican.urlwrappers import Category
from pelican.utils import order_content

from . import __version__
from .config import load_settings, resolve_path
from .hardlinks import link_tree
from .i18n import Translator, template_helpers, translator
from .images import IMAGES_DIR
from .model import Source
from .sanitize import safe_url
from .search import index_site
from .seo import (
    SitemapEntry,
    absolute,
    collection_jsonld,
    json_script,
    robots_txt,
    sitemap_index,
    story_jsonld,
    urlset,
)
from .sources import write_opml
from .store import INGEST_ATTEMPTED, INGEST_NIGHT, INGEST_SUCCEEDED, Store
from .timeline import timeline_rows, timeline_svg
from .views import (
    DayView,
    Freshness,
    SourceView,
    StoryView,
    langname,
    source_views,
    view_from_record,
)

log = logging.getLogger(__name__)

CONTEXT_KEY = "digest"
BUILD_KEY = "NEWS_DIGEST_BUILD"  # set by build_site: {"manifest": {...} | None}
SAVE_AS_KEY = "NEWS_DIGEST_SAVE_AS"  # Pelican's own save_as settings, which we write ourselves
MANIFEST = ".news-digest-build.json"
# Folders whose pages the build renders only when they changed; everything else is rewritten.
INCREMENTAL_DIRS = ("stories", "days", "topics", "sources", "archives", IMAGES_DIR,
                    "sitemaps")
SITEMAP = "sitemap.xml"  # the index; one sitemap per month below SITEMAPS
SITEMAPS = "sitemaps"
LATEST = 50  # stories on a topic page; older ones are on month pages
LATEST_ARTICLES = 20  # articles on a source page (all are rewritten nightly: their health)
ARCHIVE_DAYS = 31  # days listed on the archives page; older ones are on month pages
BATCH = 300  # story records read at once
CACHED_STORIES = 1200  # story views kept between pages (a story is on several day pages)


def _story_html(view: StoryView, words: Translator) -> str:
    """The article body used by the feeds: summary and links to every source."""
    parts = [Markup("<p>{}</p>").format(view.summary)] if view.summary else []
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a> — {} ({})</li>').format(iv.url, iv.source.title,
                                                               iv.title, iv.lang)
        if safe_url(iv.url)
        else Markup("<li>{} — {} ({})</li>").format(iv.source.title, iv.title, iv.lang)
        for iv in view.items
    )
    parts.append(Markup("<p>{}</p><ul>{}</ul>").format(
        words.ngettext("Coverage from %(n)s source:", "Coverage from %(n)s sources:",
                       view.source_count), items
    ))
    return str(Markup("").join(parts))


def _words(settings: dict[str, Any]) -> Translator:
    """The site's own words, in DEFAULT_LANG."""
    return translator(str(settings.get("DEFAULT_LANG", "")))


def _month_title(month: str, words: Translator) -> str:
    year, number = month.split("-")[:2]
    return words.month_title(int(year), int(number))


@dataclass
class Site:
    """What this build knows beyond the stories: sources with their health, topics, where
    pages go. Built once per build from the store; small (one entry per feed and topic)."""

    store_path: Path
    settings: dict[str, Any]
    sources: list[SourceView]
    by_url: dict[str, SourceView]
    topic_counts: dict[str, int]
    topics: list[Category]
    seq: int
    pruned_below: int
    failing_count: int
    freshness: Freshness | None = None
    night: datetime | None = None  # the latest completed ingest run: "developing" is relative
    json_feed: str = "feed.json"
    opml: str = "sources.opml"
    _topic_by_name: dict[str, Category] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        """The site's absolute address (SITEURL), also when pages link to each other relatively;
        "" when the settings give none (then no canonical URLs and no sitemaps)."""
        base = str(self.settings.get("SITEURL") or "").rstrip("/")
        return base if safe_url(base + "/") else ""

    def absolute_url(self, path: str) -> str:
        """A page's absolute URL (canonical, og:url), or "" without a site address."""
        return absolute(self.base_url, path) if self.base_url else ""

    def topic(self, name: str) -> Category:
        if name not in self._topic_by_name:
            self._topic_by_name[name] = Category(name, self.settings)
        return self._topic_by_name[name]

    def save_as(self, kind: str, **fmt: Any) -> str:
        return str(self.settings[SAVE_AS_KEY][kind]).format(**fmt)

    def story_url(self, view: StoryView) -> str:
        return str(self.settings["ARTICLE_URL"]).format(date=view.created, slug=view.slug)

    def story_save_as(self, created: datetime, slug: str) -> str:
        return self.save_as("article", date=created, slug=slug)

    def topic_save_as(self, topic: Category, month: str = "") -> str:
        page = self.save_as("category", slug=topic.slug)
        if not month:
            return page
        stem = page[:-len(".html")] if page.endswith(".html") else page.rstrip("/")
        return f"{stem}/{month}.html"


def _refresh_analysis(store_path: Path, settings: dict[str, Any]) -> None:
    """Analyse the stories again when the store's analyses were made with other settings
    (or by an older version): the one case where a build writes to the store."""
    from .analysis import analysis_settings, refresh_if_stale

    ds = load_settings(settings)
    wanted = analysis_settings(ds, str(settings.get("DEFAULT_LANG", "")))
    with Store(store_path) as store:
        if refresh_if_stale(store, wanted):
            log.info("stories analysed again for the current settings")


def load_site(settings: dict[str, Any]) -> Site:
    ds = load_settings(settings)
    if ds.ingest_on_build:
        from .ingest import run_ingest

        run_ingest(ds, Path.cwd(), site_url=settings.get("SITEURL", ""),
                   site_lang=str(settings.get("DEFAULT_LANG", "")))
    store_path = resolve_path(ds.store, Path.cwd())
    if not store_path.exists():
        Store(store_path, readonly=True)  # raises the clear "run ingest first" error
    _refresh_analysis(store_path, settings)
    with Store(store_path, readonly=True) as store:
        sources = source_views(store.sources(), store.fetch_states(), store.feed_titles())
        counts = store.topic_counts()
        seq = store.current_seq()
        pruned = int(store.get_meta("pruned_below") or 0)
        times = store.ingest_times()
    freshness = Freshness(last_updated=times[INGEST_SUCCEEDED],
                          last_attempt=times[INGEST_ATTEMPTED],
                          newest_story=times["newest_story"],
                          stale_after_hours=ds.stale_after_hours)
    site = Site(store_path=store_path, settings=settings, sources=sources,
                by_url={s.feed_url: s for s in sources}, topic_counts=counts, topics=[],
                seq=seq, pruned_below=pruned,
                failing_count=sum(1 for s in sources if not s.health.ok),
                freshness=freshness, night=times[INGEST_NIGHT])
    site.topics = sorted((site.topic(name) for name in counts), key=lambda c: c.name.lower())
    return site


class StoryReader:
    """Story views from the store's records, with their URLs, topics and earlier coverage."""

    def __init__(self, store: Store, site: Site):
        self.store, self.site = store, site
        self._cache: dict[str, StoryView | None] = {}
        # Views of stories as earlier coverage (without their own earlier coverage): one
        # story is the earlier coverage of many, listed on many pages.
        self._earlier: dict[str, StoryView] = {}

    def views(self, ids: list[str]) -> list[StoryView]:
        """The views of these stories, in this order (unknown ids are skipped)."""
        if len(self._cache) > CACHED_STORIES:
            self._cache.clear()  # bounded: a full build streams through the archive
        if len(self._earlier) > CACHED_STORIES:
            self._earlier.clear()
        missing = [i for i in ids if i not in self._cache]
        if missing:
            records = self.store.story_records(missing)
            for sid in missing:
                self._cache[sid] = self._view(records[sid][1]) if sid in records else None
            earlier = sorted({e for sid in missing if sid in records
                              for e in records[sid][1]["earlier"]} - self._earlier.keys())
            for e, (_, data) in self.store.story_records(earlier).items():
                self._earlier[e] = self._view(data)
            for sid in missing:
                view = self._cache[sid]
                if view is not None:
                    view.earlier = [self._earlier[e] for e in records[sid][1]["earlier"]
                                    if e in self._earlier]
        return [v for v in (self._cache[i] for i in ids) if v is not None]

    def _view(self, data: dict) -> StoryView:
        view = view_from_record(data, self.site.by_url)
        view.url = self.site.story_url(view)
        view.topic = self.site.topic(view.topic_name)
        # A function of the store: the story gained a source in the latest ingest run (the
        # store logs its pages as changed when that run is no longer the latest).
        view.developing = view.grew is not None and view.grew == self.site.night
        return view


def _article(view: StoryView, generator) -> Article:
    """A feed entry for one story; Pelican writes it into the feeds, not as a page."""
    settings = generator.settings
    metadata = {
        "title": view.title,
        "date": view.created,
        "slug": view.slug,
        "category": view.topic,
        "lang": settings.get("DEFAULT_LANG", "en"),
        "summary": str(Markup("<p>{}</p>").format(view.summary)),
        "story": view,
        "save_as": "",
    }
    if view.modified > view.created:
        metadata["modified"] = view.modified  # moves on when the story gains a source
    return Article(
        _story_html(view, _words(settings)),
        metadata=metadata,
        settings=settings,
        source_path=os.path.join(generator.path, "news-digest", f"{view.id}.story"),
        context=generator.context,
    )


def inject_stories(generator) -> None:
    """The newest stories, overall and per topic, as Pelican Articles for Pelican's feeds."""
    settings = generator.settings
    site = load_site(settings)
    limit = settings.get("FEED_MAX_ITEMS") or 100
    with Store(site.store_path, readonly=True) as store:
        ids = set(store.latest_story_ids(limit))
        for topic in site.topic_counts:
            ids.update(store.latest_story_ids(limit, topic=topic))
        views = StoryReader(store, site).views(sorted(ids))
    views.sort(key=lambda v: (v.created, v.id))
    articles = [_article(v, generator) for v in views]
    generator.articles = order_content(
        list(generator.articles) + articles, settings.get("ARTICLE_ORDER_BY", "reversed-date")
    )
    generator.context[CONTEXT_KEY] = site


# -- what a build renders ---------------------------------------------------------------------


def _code_fingerprint() -> str:
    """This package's code, words and version: a new version renders everything."""
    h = hashlib.sha256(__version__.encode())
    here = Path(__file__).parent
    for path in sorted([*here.glob("*.py"), *here.glob("locale/*.json")]):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def _tree_fingerprint(root: str | os.PathLike) -> str:
    h = hashlib.sha256()
    base = Path(root)
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _settings_blob(settings: dict[str, Any]) -> str:
    def plain(value: Any) -> str:
        if callable(value):
            return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
        return str(value)

    kept = {k: v for k, v in settings.items() if k not in {BUILD_KEY, "OUTPUT_PATH"}}
    return json.dumps(kept, sort_keys=True, default=plain)


def site_fingerprint(site: Site, context: dict[str, Any]) -> str:
    """Everything every page depends on besides its stories: code, theme, settings, sources,
    topics and the site's own pages. When it changes, the whole site is rendered again."""
    parts = [
        _code_fingerprint(),
        _tree_fingerprint(site.settings["THEME"]),
        _settings_blob(site.settings),
        json.dumps([(s.feed_url, s.title, s.slug, s.url, s.topic, s.site_url, s.lang,
                     s.republish) for s in site.sources]),
        json.dumps([(t.name, t.slug) for t in site.topics]),
        json.dumps([(p.url, p.title) for p in context.get("pages", [])]),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@dataclass
class Plan:
    """Pages to render again (or remove, when they no longer have anything to show)."""

    full: bool
    stories: list[tuple[str, str, str]] = field(default_factory=list)  # (id, created, slug)
    days: set[str] = field(default_factory=set)
    topic_months: set[tuple[str, str]] = field(default_factory=set)
    source_months: set[tuple[str, str]] = field(default_factory=set)
    images: set[str] = field(default_factory=set)  # pictures a story took up or dropped


def plan_changes(pages: set[str]) -> Plan:
    """The plan for an incremental build from the page keys the store logged (analysis.py)."""
    plan = Plan(full=False)
    for key in sorted(pages):
        kind, *rest = key.split("\t")
        if kind == "story":
            plan.stories.append((rest[0], rest[1], rest[2]))
        elif kind == "day":
            plan.days.add(rest[0])
        elif kind == "topicmonth":
            plan.topic_months.add((rest[0], rest[1]))
        elif kind == "sourcemonth":
            plan.source_months.add((rest[0], rest[1]))
        elif kind == "image":
            plan.images.add(rest[0])
    return plan


class DigestGenerator(Generator):
    """Writes the digest's pages: stories, days, topics, sources, archives, health, the JSON
    Feed and the OPML export."""

    @functools.cached_property
    def words(self) -> Translator:
        return _words(self.settings)

    def generate_context(self) -> None:
        self.site: Site | None = self.context.get(CONTEXT_KEY)

    def _write(self, writer, name: str, template: str, **kwargs: Any) -> None:
        path = Path(self.output_path) / name
        # A page kept from the previous build is a hard link to it: write a new file, never
        # through the link, so the previous site stays intact until the new one is complete.
        path.unlink(missing_ok=True)
        writer.write_file(
            name,
            self.get_template(template),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            url=name,
            **kwargs,
        )

    def _remove(self, name: str) -> None:
        (Path(self.output_path) / name).unlink(missing_ok=True)

    def generate_output(self, writer) -> None:
        site = self.site
        if site is None:
            return
        fingerprint = site_fingerprint(site, self.context)
        manifest = (self.settings.get(BUILD_KEY) or {}).get("manifest")
        with Store(site.store_path, readonly=True) as store:
            reader = StoryReader(store, site)
            if (manifest and manifest.get("fingerprint") == fingerprint
                    and manifest.get("seq", -1) >= site.pruned_below
                    and manifest.get("seq", -1) <= site.seq):
                plan = plan_changes(store.changed_pages(manifest["seq"]))
            else:
                plan = Plan(full=True)
                self._drop_kept_pages()
            self._render(writer, store, reader, plan)
            write_images(Path(self.output_path), store, plan)
        self._write_text(MANIFEST, json.dumps({"fingerprint": fingerprint, "seq": site.seq},
                                              sort_keys=True) + "\n")

    def _drop_kept_pages(self) -> None:
        """Before a full render, the previous build's pages go (they are hard links: the
        previous site keeps them). A page nothing renders any more (a source taken off the
        list, a topic left empty) would otherwise outlive the change that made everything
        render again. Pictures stay: write_images prunes them exactly."""
        for name in INCREMENTAL_DIRS:
            if name != IMAGES_DIR:
                shutil.rmtree(Path(self.output_path) / name, ignore_errors=True)

    # -- the pages ----------------------------------------------------------------------------

    def _render(self, writer, store: Store, reader: StoryReader, plan: Plan) -> None:
        site = self.site
        assert site is not None
        days = store.days()
        if plan.full:
            self._all_stories(writer, store, reader)
            day_list = [d for d, _ in days]
            topic_months = {(t, m) for t in site.topic_counts for m, _ in store.topic_months(t)}
            source_months = {(s.feed_url, m) for s in site.sources
                             for m, _ in store.source_months(s.feed_url)}
        else:
            for sid, created, slug in plan.stories:
                self._story_page(writer, reader, sid, created, slug)
            wanted = set(plan.days)
            for d in plan.days:
                wanted.update(x for x in store.neighbour_days(d) if x)
            day_list = sorted(wanted, reverse=True)
            topic_months, source_months = plan.topic_months, plan.source_months
        for d in day_list:
            self._day_page(writer, store, reader, d)
        for topic, month in sorted(topic_months):
            self._topic_month(writer, store, reader, topic, month)
        for url, month in sorted(source_months):
            self._source_month(writer, store, reader, url, month)
        for month in sorted({d[:7] for d in day_list}):
            self._archive_month(writer, days, month)
        if plan.full:
            sitemap_months = set(store.sitemap_months())
        else:
            sitemap_months = {created[:7] for _, created, _ in plan.stories}
            sitemap_months.update(d[:7] for d in plan.days)
        for month in sorted(sitemap_months):
            self._month_sitemap(store, month)
        self._always(writer, store, reader, days)

    def _story_ids_in_batches(self, store: Store) -> Iterator[list[str]]:
        ids = store.story_ids()
        for n in range(0, len(ids), BATCH):
            yield ids[n:n + BATCH]

    def _all_stories(self, writer, store: Store, reader: StoryReader) -> None:
        for ids in self._story_ids_in_batches(store):
            for view in reader.views(ids):
                self._write_story(writer, view)

    def _story_page(self, writer, reader: StoryReader, sid: str, created: str, slug: str) -> None:
        views = reader.views([sid])
        if views:
            self._write_story(writer, views[0])
        else:
            self._remove(self.site.story_save_as(datetime.fromisoformat(created), slug))

    def _lang(self) -> str:
        return str(self.settings.get("DEFAULT_LANG") or "en")

    def _write_story(self, writer, view: StoryView) -> None:
        many = view.item_count > 1  # one article has no timeline to show
        page = StoryPage(story=view, title=view.title, url=view.url, date=view.created,
                         timeline=timeline_markup(view, self.words) if many else "",
                         timeline_rows=timeline_rows(view) if many else [])
        jsonld = json_script(story_jsonld(view, self.site.base_url, self._lang(),
                                          str(self.settings.get("SITENAME", ""))))
        self._write(writer, self.site.story_save_as(view.created, view.slug), "article",
                    article=page, jsonld=jsonld)

    def _collection(self, name: str, path: str, stories: list[StoryView]) -> Any:
        return json_script(collection_jsonld(name, path, stories, self.site.base_url,
                                             self._lang()))

    def _day_view(self, d: str, count: int) -> DayView:
        day = date.fromisoformat(d)
        return DayView(date=day, url=f"days/{d}.html", story_count=count,
                       title=self.words.day_title(day))

    def _day_page(self, writer, store: Store, reader: StoryReader, d: str) -> None:
        ids = store.day_story_ids(d)
        name = f"days/{d}.html"
        if not ids:
            self._remove(name)
            return
        older, newer = store.neighbour_days(d)
        stories = reader.views(ids)
        day = self._day_view(d, len(stories))
        self._write(writer, name, "digest", is_front=False, day=day, stories=stories,
                    jsonld=self._collection(day.title, name, stories),
                    prev_day=self._day_view(older, 0) if older else None,
                    next_day=self._day_view(newer, 0) if newer else None)

    def _topic_month(self, writer, store: Store, reader: StoryReader, topic: str,
                     month: str) -> None:
        category = self.site.topic(topic)
        name = self.site.topic_save_as(category, month)
        ids = store.topic_month_ids(topic, month)
        if not ids:
            self._remove(name)
            return
        self._write(writer, name, "category", category=category, stories=reader.views(ids),
                    story_total=len(ids), month=_month_title(month, self.words), months=[])

    def _source_month(self, writer, store: Store, reader: StoryReader, url: str,
                      month: str) -> None:
        source = self.site.by_url.get(url)
        if source is None:
            return
        name = f"{source.url[:-len('.html')]}/{month}.html"
        rows = store.source_items(url, month=month)
        if not rows:
            self._remove(name)
            return
        self._write(writer, name, "source", source=source, items=_items(reader, rows),
                    item_total=len(rows), month=_month_title(month, self.words), months=[])

    def _archive_month(self, writer, days: list[tuple[str, int]], month: str) -> None:
        name = f"archives/{month}.html"
        listed = [self._day_view(d, n) for d, n in days if d.startswith(month)]
        if not listed:
            self._remove(name)
            return
        self._write(writer, name, "archives", days=listed, month=_month_title(month, self.words),
                    months=[])

    def _always(self, writer, store: Store, reader: StoryReader,
                days: list[tuple[str, int]]) -> None:
        """The pages that show tonight's state; each is bounded in size."""
        site = self.site
        assert site is not None
        failing = site.failing_count
        # Time-dependent notices only on these pages: they are written every build.
        fresh = site.freshness
        name = str(self.settings.get("SITENAME", ""))
        if days:
            latest, count = days[0]
            limit = load_settings(self.settings).front_page_stories
            older, _ = store.neighbour_days(latest)
            stories = reader.views(store.day_story_ids(latest)[:limit])
            self._write(writer, "index.html", "digest", is_front=True,
                        day=self._day_view(latest, count), stories=stories,
                        prev_day=self._day_view(older, 0) if older else None, next_day=None,
                        failing_count=failing, freshness=fresh,
                        jsonld=self._collection(name, "index.html", stories))
        else:
            # A first night where every feed failed still publishes a front page (and the
            # health page says why it is empty).
            self._write(writer, "index.html", "digest", is_front=True, day=None, stories=[],
                        prev_day=None, next_day=None, failing_count=failing, freshness=fresh,
                        jsonld=self._collection(name, "index.html", []))
        months = _months([(d[:7], 1) for d, _ in days], "archives/{}.html", self.words)
        self._write(writer, site.save_as("archives"), "archives",
                    days=[self._day_view(d, n) for d, n in days[:ARCHIVE_DAYS]], month=None,
                    months=months)
        self._write(writer, site.save_as("categories"), "categories",
                    categories=[(t, site.topic_counts[t.name]) for t in site.topics])
        for topic in site.topics:
            ids = store.latest_story_ids(LATEST, topic=topic.name)
            months = _months(store.topic_months(topic.name),
                             site.topic_save_as(topic, "{}"), self.words)
            self._write(writer, site.topic_save_as(topic), "category", category=topic,
                        stories=reader.views(ids), story_total=site.topic_counts[topic.name],
                        month=None, months=months)
        by_topic: dict[str, list[SourceView]] = {}
        for s in site.sources:
            by_topic.setdefault(s.topic, []).append(s)
        self._write(writer, "sources/index.html", "sources",
                    sources_by_topic=list(by_topic.items()), failing_count=failing,
                    freshness=fresh)
        for s in site.sources:
            rows = store.source_items(s.feed_url, limit=LATEST_ARTICLES)
            source_months = store.source_months(s.feed_url)
            months = _months(source_months, f"{s.url[:-len('.html')]}/{{}}.html",
                             self.words)
            self._write(writer, s.url, "source", source=s, items=_items(reader, rows),
                        item_total=sum(n for _, n in source_months), month=None,
                        months=months, failing_count=failing, freshness=fresh)
        failing_first = sorted(site.sources, key=lambda s: (s.health.ok, s.title.lower()))
        self._write(writer, "health.html", "health", sources=failing_first,
                    failing_count=failing, freshness=fresh)
        self._write(writer, "search.html", "search", topics=site.topics)
        self._write_text(site.opml, write_opml(
            [_source_of(s) for s in site.sources], f"{self.settings['SITENAME']} sources"))
        updated = reader.views(store.latest_story_ids(100, by="updated"))
        self._write_text(site.json_feed, json_feed(updated, site.json_feed, self.settings))
        self._sitemaps(store)

    # -- sitemaps: an index, the pages written every build, and one sitemap per month ---------

    def _month_sitemap(self, store: Store, month: str) -> None:
        """The stories first published in `month` and its days; rewritten only when one of
        them changed (the build plan), so the sitemaps do not grow the nightly build."""
        site = self.site
        name = f"{SITEMAPS}/{month}.xml"
        if not site.base_url:
            return
        stories, days = store.sitemap_month(month)
        if not stories and not days:
            self._remove(name)
            return
        entries = [SitemapEntry(site.absolute_url(self._story_path(created, slug)), lastmod)
                   for created, slug, lastmod in stories]
        entries += [SitemapEntry(site.absolute_url(f"days/{d}.html"), lastmod)
                    for d, lastmod in days]
        self._write_text(name, urlset(entries))

    def _story_path(self, created: str, slug: str) -> str:
        return str(self.settings["ARTICLE_URL"]).format(date=datetime.fromisoformat(created),
                                                        slug=slug)

    def _sitemaps(self, store: Store) -> None:
        site = self.site
        if not site.base_url:
            self._write_text("robots.txt", robots_txt(""))
            return
        pages = ["index.html", site.save_as("archives"), site.save_as("categories")]
        pages += [site.topic_save_as(t) for t in site.topics]
        pages += ["sources/index.html"] + [s.url for s in site.sources] + ["health.html"]
        pages += [p.url for p in self.context.get("pages", [])]
        self._write_text(f"{SITEMAPS}/site.xml",
                         urlset([SitemapEntry(site.absolute_url(p)) for p in pages]))
        fresh = site.freshness
        last = fresh.last_updated.isoformat() if fresh and fresh.last_updated else ""
        index = [SitemapEntry(site.absolute_url(f"{SITEMAPS}/site.xml"), last)]
        index += [SitemapEntry(site.absolute_url(f"{SITEMAPS}/{month}.xml"), lastmod)
                  for month, lastmod in sorted(store.sitemap_months().items(), reverse=True)]
        self._write_text(SITEMAP, sitemap_index(index))
        self._write_text("robots.txt", robots_txt(site.absolute_url(SITEMAP)))

    def _write_text(self, name: str, text: str) -> None:
        path = Path(self.output_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.write_text(text, encoding="utf-8")


def write_images(output: Path, store: Store, plan: Plan) -> int:
    """Make output/images/ hold the thumbnails of the pictures stories show; returns how many
    files were written.

    A full build writes them all and removes any other file. An incremental one only looks at
    the pictures a story took up or dropped since the previous build (the store logs them):
    written when some story shows them, removed when none does. Names are content hashes, so
    a file kept from the previous build is already right; both give the same folder."""
    folder = output / IMAGES_DIR
    have = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    if plan.full:
        wanted = store.shown_image_names()
        stale = have - wanted
    else:
        wanted = store.shown_image_names(plan.images)
        stale = {n for n in have - wanted if n.split("-", 1)[0] in plan.images}  # <hash>-<w>
    for name in sorted(stale):
        (folder / name).unlink()
    missing = wanted - have
    if missing:
        folder.mkdir(parents=True, exist_ok=True)
    for name, data in store.image_files(missing):
        (folder / name).write_bytes(data)
    return len(missing)


@dataclass
class StoryPage:
    """What the story template calls `article`."""

    story: StoryView
    title: str
    url: str
    date: Any
    timeline: Markup | str = ""  # the story's timeline chart (timeline.py)
    timeline_rows: list = field(default_factory=list)  # the same times, for the text table


@dataclass
class MonthLink:
    title: str
    url: str
    count: int


def _months(rows: list[tuple[str, int]], url_pattern: str,
            words: Translator) -> list[MonthLink]:
    totals: dict[str, int] = {}
    for month, n in rows:
        totals[month] = totals.get(month, 0) + n
    return [MonthLink(_month_title(m, words), url_pattern.format(m), n)
            for m, n in sorted(totals.items(), reverse=True)]


def _items(reader: StoryReader, rows: list[tuple[str, str]]) -> list:
    """Item views, with their stories, for (item key, story id) rows, in the rows' order."""
    stories = {v.id: v for v in reader.views(sorted({sid for _, sid in rows}))}
    out = []
    for key, sid in rows:
        story = stories.get(sid)
        item = next((iv for iv in story.items if iv.key == key), None) if story else None
        if item is not None:
            out.append(item)
    return out


def _source_of(view: SourceView) -> Source:
    return Source(url=view.feed_url, title=view.title, topic=view.topic, site_url=view.site_url,
                  lang=view.lang, republish=view.republish, images=view.images)


def _absolute(settings: dict[str, Any], url: str) -> str:
    base = (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")
    return f"{base}/{url}" if base else url


def json_feed(views: list[StoryView], feed_path: str, settings: dict[str, Any]) -> str:
    """JSON Feed 1.1 of the stories, newest update first; stable ids are the story permalinks."""
    items = []
    for view in sorted(views, key=lambda v: (v.modified, v.id), reverse=True):
        items.append({
            "id": _absolute(settings, view.url),
            "url": _absolute(settings, view.url),
            "title": view.title,
            "content_html": _story_html(view, _words(settings)),
            "summary": view.summary,
            "date_published": view.created.isoformat(),
            "date_modified": view.modified.isoformat(),
            "tags": [view.topic_name],
            "language": view.summary_lang or settings.get("DEFAULT_LANG", "en"),
            "_news_digest": {
                "sources": [
                    # A URL field holds an absolute http(s) URL or is left out.
                    {"name": iv.source.title, "title": iv.title, "lang": iv.lang,
                     **({"url": safe_url(iv.url)} if safe_url(iv.url) else {})}
                    for iv in view.items
                ],
            },
        })
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": settings.get("SITENAME", "News Digest"),
        "language": settings.get("DEFAULT_LANG", "en"),
        **({"description": settings["SITESUBTITLE"]} if settings.get("SITESUBTITLE") else {}),
        "home_page_url": _absolute(settings, ""),
        "feed_url": _absolute(settings, feed_path),
        "items": items,
    }
    text = json.dumps(feed, ensure_ascii=False, indent=2, sort_keys=True)
    # Same JSON, but "<", ">" and "&" can never open markup wherever the file is pasted or served.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def check_settings(pelican) -> None:
    """Fail at start-up on a wrong DIGEST_* setting, insist on autoescaping, and take over the
    pages Pelican would write from its articles (the digest writes them from the store)."""
    settings = pelican.settings
    load_settings(settings)
    env = settings.setdefault("JINJA_ENVIRONMENT", {})
    env["autoescape"] = True
    filters = settings.setdefault("JINJA_FILTERS", {})
    filters.setdefault("langname", langname)
    filters.setdefault("web_url", web_url)
    theme_filters, theme_globals = template_helpers(str(settings.get("DEFAULT_LANG", "")))
    for name, value in theme_filters.items():
        filters.setdefault(name, value)
    jinja_globals = settings.setdefault("JINJA_GLOBALS", {})
    for name, value in theme_globals.items():
        jinja_globals.setdefault(name, value)
    if SAVE_AS_KEY not in settings:
        settings[SAVE_AS_KEY] = {
            "article": settings.get("ARTICLE_SAVE_AS") or settings["ARTICLE_URL"],
            "category": settings.get("CATEGORY_SAVE_AS") or "topics/{slug}.html",
            "archives": settings.get("ARCHIVES_SAVE_AS") or "archives.html",
            "categories": settings.get("CATEGORIES_SAVE_AS") or "categories.html",
        }
    settings["CATEGORY_SAVE_AS"] = ""
    settings["DIRECT_TEMPLATES"] = []
    settings["DEFAULT_PAGINATION"] = False


def timeline_markup(view: StoryView, words: Translator) -> Markup:
    """A story's timeline chart (timeline.py builds it with ElementTree, which escapes every
    text, so it is safe to insert as is)."""
    return Markup(timeline_svg(view, words))  # noqa: S704


@functools.lru_cache(maxsize=8192)
def web_url(url: str) -> str:
    """The template filter for links: sanitize.safe_url, remembered (each link asks twice)."""
    return safe_url(url)


def get_generators(_pelican) -> type[Generator]:
    return DigestGenerator


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_pretaxonomy.connect(inject_stories)
    signals.get_generators.connect(get_generators)


def _read_manifest(output: Path) -> dict | None:
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _link_tree(src: Path, dst: Path) -> None:
    """Hard links to the previous build's pages (a copy where links are not possible)."""
    for name in INCREMENTAL_DIRS:
        if (src / name).is_dir():
            link_tree(src / name, dst / name)


def build_site(settings_file: Path, output: Path | None = None, store: Path | None = None,
               full: bool = False) -> Path:
    """Run Pelican into a temporary folder and swap it in only when complete.

    Unless `full`, the pages of the previous build whose stories did not change are kept
    (the store logs what changed); a crash or error mid-build leaves the previous site
    untouched.
    """
    from pelican import Pelican
    from pelican.settings import read_settings

    override: dict[str, Any] = {}
    if store is not None:
        override["DIGEST_STORE"] = str(Path(store).resolve())
    settings = read_settings(str(settings_file), override=override)
    final = Path(output).resolve() if output else Path(settings["OUTPUT_PATH"]).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{final.name}.building")
    old = final.with_name(f".{final.name}.old")
    for leftover in (tmp, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    manifest = None if full or not final.is_dir() else _read_manifest(final)
    tmp.mkdir()
    try:
        if manifest is not None:
            _link_tree(final, tmp)
        settings["OUTPUT_PATH"] = str(tmp)
        settings["DELETE_OUTPUT_DIRECTORY"] = False
        settings[BUILD_KEY] = {"manifest": manifest}
        Pelican(settings).run()
        index_site(tmp, final, settings)  # the search index, from the pages just written
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return final
