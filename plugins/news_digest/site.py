"""The Pelican bridge: stories → Articles, plus the digest's own pages and feeds.

The only module that imports Pelican. One Article per story is injected at
`article_generator_pretaxonomy`, so Pelican gives stories category (topic) pages,
archives and Atom/RSS feeds; `DigestGenerator` writes the day pages, source pages,
the feed-health page, the JSON Feed and the OPML export.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican import signals
from pelican.contents import Article
from pelican.generators import Generator
from pelican.urlwrappers import Category
from pelican.utils import order_content

from .config import load_settings, resolve_path
from .model import Source
from .sources import write_opml
from .store import Store
from .views import Digest, SourceView, StoryView, build_digest, langname

log = logging.getLogger(__name__)

CONTEXT_KEY = "digest"


def _story_html(view: StoryView) -> str:
    """The article body used by Pelican's feeds: summary and links to every source."""
    parts = [Markup("<p>{}</p>").format(view.summary)] if view.summary else []
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a> — {} ({})</li>').format(iv.url, iv.source.title,
                                                               iv.title, iv.lang)
        if iv.url
        else Markup("<li>{} — {} ({})</li>").format(iv.source.title, iv.title, iv.lang)
        for iv in view.items
    )
    parts.append(Markup("<p>{}</p><ul>{}</ul>").format(
        f"Coverage from {view.source_count} source{'s' if view.source_count != 1 else ''}:", items
    ))
    return str(Markup("").join(parts))


def load_digest(settings: dict[str, Any]) -> Digest:
    ds = load_settings(settings)
    if ds.ingest_on_build:
        from .ingest import run_ingest

        run_ingest(ds, Path.cwd(), site_url=settings.get("SITEURL", ""))
    store_path = resolve_path(ds.store, Path.cwd())
    with Store(store_path, readonly=True) as store:
        return build_digest(
            store.stories(),
            store.sources(),
            store.fetch_states(),
            store.feed_titles(),
            site_lang=settings.get("DEFAULT_LANG", ""),
            window_days=ds.story_window_days,
            hide_flags=ds.hide_flags,
        )


def inject_stories(generator) -> None:
    """One Pelican Article per story, before Pelican builds topics, archives and feeds."""
    settings = generator.settings
    digest = load_digest(settings)
    categories: dict[str, Category] = {}
    articles = []
    for view in digest.stories:
        category = categories.setdefault(view.topic_name, Category(view.topic_name, settings))
        metadata = {
            "title": view.title,
            "date": view.created,
            "slug": view.slug,
            "category": category,
            "lang": settings.get("DEFAULT_LANG", "en"),
            "summary": str(Markup("<p>{}</p>").format(view.summary)),
            "story": view,
        }
        if view.updated > view.created:
            metadata["modified"] = view.updated
        article = Article(
            _story_html(view),
            metadata=metadata,
            settings=settings,
            source_path=os.path.join(generator.path, "news-digest", f"{view.id}.story"),
            context=generator.context,
        )
        view.url = article.url
        view.topic = category
        articles.append(article)
    generator.articles = order_content(
        list(generator.articles) + articles, settings.get("ARTICLE_ORDER_BY", "reversed-date")
    )
    digest.topics = sorted(categories.values(), key=lambda c: c.name.lower())
    generator.context[CONTEXT_KEY] = digest


class DigestGenerator(Generator):
    """Writes the pages Pelican has no notion of: days, sources, health, JSON Feed, OPML."""

    def generate_context(self) -> None:
        self.digest: Digest | None = self.context.get(CONTEXT_KEY)

    def _write(self, writer, name: str, template: str, **kwargs: Any) -> None:
        writer.write_file(
            name,
            self.get_template(template),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            url=name,
            **kwargs,
        )

    def generate_output(self, writer) -> None:
        digest = self.digest
        if digest is None:
            return
        days = digest.days
        if not days:
            # A first night where every feed failed still publishes a front page (and the
            # health page says why it is empty).
            self._write(writer, "index.html", "digest", is_front=True, day=None, stories=[],
                        prev_day=None, next_day=None)
        for n, day in enumerate(days):
            newer = days[n - 1] if n > 0 else None
            older = days[n + 1] if n + 1 < len(days) else None
            page = {"day": day, "stories": day.stories, "prev_day": older, "next_day": newer}
            self._write(writer, day.url, "digest", is_front=False, **page)
            if n == 0:
                limit = load_settings(self.settings).front_page_stories
                front = dict(page, stories=day.stories[:limit])
                self._write(writer, "index.html", "digest", is_front=True, **front)
        by_topic: dict[str, list] = {}
        for s in digest.sources:
            by_topic.setdefault(s.topic, []).append(s)
        self._write(writer, "sources/index.html", "sources",
                    sources_by_topic=list(by_topic.items()))
        for s in digest.sources:
            self._write(writer, s.url, "source", source=s, items=s.items)
        failing_first = sorted(digest.sources, key=lambda s: (s.health.ok, s.title.lower()))
        self._write(writer, "health.html", "health", sources=failing_first,
                    failing_count=digest.failing_count)
        self._write_text(digest.opml, write_opml(
            [_source_of(s) for s in digest.sources], f"{self.settings['SITENAME']} sources"))
        self._write_text(digest.json_feed, json_feed(digest, self.settings))

    def _write_text(self, name: str, text: str) -> None:
        path = Path(self.output_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _source_of(view: SourceView) -> Source:
    return Source(url=view.feed_url, title=view.title, topic=view.topic, site_url=view.site_url,
                  lang=view.lang, republish=view.republish)


def _absolute(settings: dict[str, Any], url: str) -> str:
    base = (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")
    return f"{base}/{url}" if base else url


def json_feed(digest: Digest, settings: dict[str, Any]) -> str:
    """JSON Feed 1.1 of the stories, newest first; stable ids are the story permalinks."""
    items = []
    for view in sorted(digest.stories, key=lambda v: (v.updated, v.id), reverse=True)[:100]:
        items.append({
            "id": _absolute(settings, view.url),
            "url": _absolute(settings, view.url),
            "title": view.title,
            "content_html": _story_html(view),
            "summary": view.summary,
            "date_published": view.created.isoformat(),
            "date_modified": view.updated.isoformat(),
            "tags": [view.topic_name],
            "language": settings.get("DEFAULT_LANG", "en"),
            "_news_digest": {
                "sources": [
                    {"name": iv.source.title, "url": iv.url, "title": iv.title, "lang": iv.lang}
                    for iv in view.items
                ],
            },
        })
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": settings.get("SITENAME", "News Digest"),
        "home_page_url": _absolute(settings, ""),
        "feed_url": _absolute(settings, digest.json_feed),
        "items": items,
    }
    text = json.dumps(feed, ensure_ascii=False, indent=2, sort_keys=True)
    # Same JSON, but "<", ">" and "&" can never open markup wherever the file is pasted or served.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def check_settings(pelican) -> None:
    """Fail at start-up on a wrong DIGEST_* setting, and insist on autoescaping."""
    settings = pelican.settings
    load_settings(settings)
    env = settings.setdefault("JINJA_ENVIRONMENT", {})
    env["autoescape"] = True
    settings.setdefault("JINJA_FILTERS", {}).setdefault("langname", langname)


def get_generators(_pelican) -> type[Generator]:
    return DigestGenerator


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.article_generator_pretaxonomy.connect(inject_stories)
    signals.get_generators.connect(get_generators)


def build_site(settings_file: Path, output: Path | None = None, store: Path | None = None) -> Path:
    """Run Pelican into a temporary folder and swap it in only when complete.

    A crash or error mid-build leaves the previous site untouched.
    """
    import shutil

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
    settings["OUTPUT_PATH"] = str(tmp)
    settings["DELETE_OUTPUT_DIRECTORY"] = False
    try:
        Pelican(settings).run()
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return final
