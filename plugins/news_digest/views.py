"""What the templates see: stored stories, items and sources → plain view objects.

Pure and deterministic: the same store gives the same views, in the same order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from markupsafe import Markup

from .copies import TRANSLATED, CopyLink
from .images import IMAGES_DIR, area, thumb_height, thumb_name
from .model import SUCCESS_STATUSES, FetchState, Item, ItemImage, Source, Story
from .quality import FLAG_LABELS
from .rank import distinct_sources, representative_item
from .slug import unique_slug
from .storytext import shared_terms, story_sentences

LANG_NAMES = {
    "ar": "العربية", "ca": "Català", "cs": "Čeština", "da": "Dansk", "de": "Deutsch",
    "el": "Ελληνικά", "en": "English", "es": "Español", "fi": "Suomi", "fr": "Français",
    "he": "עברית", "hu": "Magyar", "it": "Italiano", "ja": "日本語", "ko": "한국어",
    "nl": "Nederlands", "no": "Norsk", "pl": "Polski", "pt": "Português", "ro": "Română",
    "ru": "Русский", "sv": "Svenska", "tr": "Türkçe", "uk": "Українська", "zh": "中文",
}


def langname(code: str) -> str:
    """A language's own name for a code ('fr' → 'Français'); unknown codes are returned as is."""
    return LANG_NAMES.get((code or "").lower(), code or "")


@dataclass
class HealthView:
    status: str = ""
    ok: bool = True
    last_error: str = ""
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    failing_since: datetime | None = None
    consecutive_failures: int = 0
    item_count: int = 0


@dataclass
class SourceView:
    title: str
    slug: str
    url: str
    site_url: str
    feed_url: str
    topic: str
    lang: str
    republish: bool
    health: HealthView
    items: list[ItemView] = field(default_factory=list)
    images: bool = True  # the feed's items may show their pictures (OPML images="off")


@dataclass
class ItemView:
    title: str
    url: str
    source: SourceView
    lang: str
    published: datetime
    author: str
    summary: str
    content_html: Markup | str
    anchor: str = ""  # id of the item on its story page
    story: StoryView | None = None
    copy_of: ItemView | None = None  # the original this item reprints or translates
    copy_kind: str = ""  # "syndicated" or "translated" when copy_of is set
    flags: list[str] = field(default_factory=list)  # readable quality signals, see quality.py
    key: str = ""  # the stored item's key

    @property
    def translated(self) -> bool:
        return self.copy_kind == TRANSLATED


@dataclass(frozen=True)
class ImageFile:
    """One thumbnail in output/: its path below the site root and its size."""

    path: str
    width: int
    height: int


@dataclass
class ImageView:
    """A story's lead picture: its thumbnails (smallest first), text and credit."""

    files: list[ImageFile]
    alt: str
    credit: str  # media:credit, when the feed gave one
    item: ItemView  # the article it comes from: its source is credited, its page linked

    @property
    def src(self) -> ImageFile:
        """The file for browsers without srcset: the card size (320), or the nearest."""
        return min(self.files, key=lambda f: (abs(f.width - 320), f.width))


@dataclass
class StoryView:
    id: str
    slug: str
    title: str
    summary: str
    created: datetime
    updated: datetime
    items: list[ItemView]
    sources: list[SourceView]  # independent sources first, then those that only carry copies
    source_count: int  # distinct publishers of original reporting; copies do not count
    langs: list[str]
    topic_name: str
    summary_sentences: list[tuple[str, ItemView]] = field(default_factory=list)
    summary_lang: str = ""
    shared: list[str] = field(default_factory=list)  # names and numbers several sources share
    original: SourceView | None = None  # who reported it first (never a copy)
    copy_sources: list[SourceView] = field(default_factory=list)  # sources with only copies
    earlier: list[StoryView] = field(default_factory=list)  # closed stories it follows up
    url: str = ""  # set by the Pelican bridge from the article
    topic: object = None  # the Pelican Category, set by the bridge
    image: ImageView | None = None  # its lead picture (see lead_image)
    grew: datetime | None = None  # when it last gained a source (analysis.last_growth)
    developing: bool = False  # gained a source in the latest ingest run (set by the bridge)

    @property
    def modified(self) -> datetime:
        """The story's last change for feeds and sitemaps: its newest item or newest source."""
        return max(self.updated, self.grew) if self.grew else self.updated

    @property
    def item_count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Freshness:
    """How current the site is, from the store's ingest times (never the build's clock).

    Stale is measured against the last ingest *attempt*: a night whose feeds all fail, or
    deliver nothing new, still moves that time on, while the newest story stays behind."""

    last_updated: datetime | None  # the last ingest run that completed and read a feed
    last_attempt: datetime | None  # the last ingest run that started
    newest_story: datetime | None  # the newest story's latest article
    stale_after_hours: float

    @property
    def _seconds_behind(self) -> float:
        if self.newest_story is None or self.last_attempt is None:
            return 0.0
        return (self.last_attempt - self.newest_story).total_seconds()

    @property
    def hours_behind(self) -> int:
        return max(0, int(self._seconds_behind // 3600))

    @property
    def stale(self) -> bool:
        return self._seconds_behind > self.stale_after_hours * 3600


@dataclass
class DayView:
    date: date
    url: str
    story_count: int
    title: str
    stories: list[StoryView] = field(default_factory=list)


def health_view(state: FetchState | None) -> HealthView:
    if state is None:
        return HealthView(status="", ok=True)
    return HealthView(
        status=state.last_status,
        ok=state.last_status in SUCCESS_STATUSES or not state.last_status,
        last_error=state.last_error,
        last_attempt=state.last_attempt,
        last_success=state.last_success,
        failing_since=state.failing_since,
        consecutive_failures=state.consecutive_failures,
        item_count=state.item_count,
    )


def source_views(sources: list[Source], states: dict[str, FetchState],
                 feed_titles: dict[str, str]) -> list[SourceView]:
    """One view per source, with a stable slug from its title."""
    taken: set[str] = set()
    views = []
    for s in sources:
        slug = unique_slug(s.title or feed_titles.get(s.url, ""), taken.__contains__, s.url)
        taken.add(slug)
        views.append(SourceView(
            title=s.title or feed_titles.get(s.url) or s.url,
            slug=slug,
            url=f"sources/{slug}.html",
            site_url=s.site_url,
            feed_url=s.url,
            topic=s.topic,
            lang=s.lang,
            republish=s.republish,
            health=health_view(states.get(s.url)),
            images=s.images,
        ))
    return views


# An <img> as nh3 writes it (attribute values double-quoted): a republished article's pictures
# would make readers' browsers ask the publisher's server, so they are left out.
_IMG_TAG = re.compile(r'<img(?:\s[a-z]+="[^"]*")*\s*/?>')


def _republishable(item: Item, source: SourceView) -> Markup | str:
    if not (source.republish and item.content_html):
        return ""
    html = _IMG_TAG.sub("", item.content_html)
    return Markup(html)  # noqa: S704 - sanitized by nh3 before it was stored


def _item_view(item: Item, source: SourceView) -> ItemView:
    return ItemView(
        title=item.title,
        url=item.url,
        source=source,
        lang=item.lang,
        published=item.published,
        author=item.author,
        summary=item.summary,
        # Full text only where the feed's licence allows republishing it.
        content_html=_republishable(item, source),
        anchor=f"item-{item.key[:12]}",
        flags=[FLAG_LABELS.get(f, f) for f in item.flags],
        key=item.key,
    )


def _story_topic(story: Story, by_url: dict[str, SourceView], order: dict[str, int]) -> str:
    counts = Counter(by_url[i.source_url].topic for i in story.items if i.source_url in by_url)
    if not counts:
        return "General"
    return min(counts, key=lambda t: (-counts[t], order.get(t, 0), t))


def _without(story: Story, keys: set[str]) -> Story:
    return Story(id=story.id, slug=story.slug, created=story.created, title=story.title,
                 summary=story.summary, items=[i for i in story.items if i.key not in keys],
                 updated=story.updated)


def lead_image(items: list[Item], copies: set[str],
               by_url: dict[str, SourceView]) -> tuple[Item, ItemImage] | None:
    """The story's picture: that of its earliest report that has one. Earliest, because a later
    report joining the story never changes it (the picture and the pages stay put night after
    night) and it is usually the first reporter's, whom the story credits; among reports
    published at the same time, the bigger picture, then the key.
    Copies only lend theirs when no original has one (a reprint's picture is the original's).
    Feeds with images="off" never lend theirs."""
    pictured = [i for i in items if i.image is not None and i.source_url in by_url
                and by_url[i.source_url].images]
    if not pictured:
        return None
    best = min(pictured, key=lambda i: (i.key in copies, i.published, -area(i.image), i.key))
    return best, best.image


def _image_view(image: ItemImage, view: ItemView) -> ImageView:
    files = [ImageFile(f"{IMAGES_DIR}/{thumb_name(image.hash, w)}", w,
                       thumb_height(image.width, image.height, w)) for w in image.widths]
    # A picture without its own description is described, in the site's words, by the
    # article it illustrates (see _image.html).
    return ImageView(files=files, alt=image.alt, credit=image.credit, item=view)


def story_view(story: Story, by_url: dict[str, SourceView], site_lang: str,
               topic_order: dict[str, int], links: list[CopyLink] | None = None) -> StoryView:
    """The view of one story; `links` are its copies (see copies.copy_links)."""
    links = links or []
    copies = {link.copy: link for link in links}
    # Copies add no reporting: headline, summary and "why grouped" come from the originals.
    originals = _without(story, set(copies))
    lead = representative_item(originals, site_lang)
    shown = [i for i in story.items if i.source_url in by_url]
    shown.sort(key=lambda i: i.key in copies)  # stable: originals in order, then copies
    items = [_item_view(i, by_url[i.source_url]) for i in shown]
    view_of = {i.key: v for i, v in zip(shown, items, strict=True)}
    for key, link in sorted(copies.items()):
        if key in view_of and link.original in view_of:
            view_of[key].copy_of = view_of[link.original]
            view_of[key].copy_kind = link.kind
    sentences = [(s.text, view_of[s.item.key]) for s in story_sentences(originals, lead)
                 if s.item.key in view_of]
    srcs: dict[str, SourceView] = {}
    for iv in items:
        srcs.setdefault(iv.source.slug, iv.source)
    independent = {iv.source.slug for iv in items if iv.copy_of is None}

    def order(src: SourceView) -> tuple[bool, str, str]:
        return (src.slug not in independent, src.title.lower(), src.slug)

    firsts = sorted((i for i in originals.items if i.source_url in by_url),
                    key=lambda i: (i.published, i.key))
    picture = lead_image(shown, set(copies), by_url)
    image = _image_view(picture[1], view_of[picture[0].key]) if picture else None
    return StoryView(
        id=story.id,
        slug=story.slug,
        title=lead.title,
        # Lists show the first two sentences; the story page shows them all, credited.
        summary=" ".join(text for text, _ in sentences[:2]) or lead.summary,
        created=story.created,
        updated=max([story.created] + [i.published for i in story.items]),
        items=items,
        sources=sorted(srcs.values(), key=order),
        source_count=len(distinct_sources(story, copies)),
        langs=sorted({i.lang for i in story.items if i.lang}),
        topic_name=_story_topic(story, by_url, topic_order),
        summary_sentences=sentences,
        summary_lang=lead.lang,
        shared=shared_terms(originals),
        original=by_url[firsts[0].source_url] if firsts else None,
        copy_sources=sorted((s for s in srcs.values() if s.slug not in independent), key=order),
        image=image,
    )


# -- stored story views: written at ingest (analysis.py), read back by the build ---------------


def story_record(view: StoryView, earlier: list[str]) -> dict:
    """A story view as plain data: sources by feed URL, items' copies by item key."""
    by_anchor = {iv.anchor: iv.key for iv in view.items}
    return {
        "id": view.id, "slug": view.slug, "title": view.title, "summary": view.summary,
        "created": view.created.isoformat(), "updated": view.updated.isoformat(),
        "source_count": view.source_count, "langs": view.langs, "topic": view.topic_name,
        "summary_lang": view.summary_lang, "shared": view.shared,
        "summary_sentences": [[text, iv.key] for text, iv in view.summary_sentences],
        "sources": [s.feed_url for s in view.sources],
        "copy_sources": [s.feed_url for s in view.copy_sources],
        "original": view.original.feed_url if view.original else "",
        "earlier": earlier,
        "image": _image_record(view.image),
        "items": [{
            "key": iv.key, "title": iv.title, "url": iv.url, "source": iv.source.feed_url,
            "lang": iv.lang, "published": iv.published.isoformat(), "author": iv.author,
            "summary": iv.summary, "content_html": str(iv.content_html), "anchor": iv.anchor,
            "flags": iv.flags, "copy_kind": iv.copy_kind,
            "copy_of": by_anchor.get(iv.copy_of.anchor, "") if iv.copy_of else "",
        } for iv in view.items],
    }


def _image_record(image: ImageView | None) -> dict | None:
    if image is None:
        return None
    return {"item": image.item.key, "alt": image.alt, "credit": image.credit,
            "files": [[f.path, f.width, f.height] for f in image.files]}


def _image_from_record(data: dict | None, by_key: dict[str, ItemView]) -> ImageView | None:
    if not data or data["item"] not in by_key:
        return None
    return ImageView(files=[ImageFile(p, w, h) for p, w, h in data["files"]], alt=data["alt"],
                     credit=data["credit"], item=by_key[data["item"]])


def view_from_record(data: dict, by_url: dict[str, SourceView]) -> StoryView:
    """The story view back from its stored data, with this build's source views.

    `earlier` is left empty: the caller fills it with the earlier stories' views."""
    missing = SourceView(title="", slug="", url="", site_url="", feed_url="", topic="", lang="",
                         republish=False, health=HealthView())

    def source(url: str) -> SourceView:
        return by_url.get(url, missing)

    items = []
    for d in data["items"]:
        items.append(ItemView(
            title=d["title"], url=d["url"], source=source(d["source"]), lang=d["lang"],
            published=datetime.fromisoformat(d["published"]), author=d["author"],
            summary=d["summary"],
            # Sanitized by nh3 before it was stored, and only kept where republishing is allowed.
            content_html=Markup(d["content_html"]) if d["content_html"] else "",  # noqa: S704
            anchor=d["anchor"], copy_kind=d["copy_kind"], flags=list(d["flags"]), key=d["key"]))
    by_key = {iv.key: iv for iv in items}
    for d, iv in zip(data["items"], items, strict=True):
        if d["copy_of"]:
            iv.copy_of = by_key.get(d["copy_of"])
    view = StoryView(
        id=data["id"], slug=data["slug"], title=data["title"], summary=data["summary"],
        created=datetime.fromisoformat(data["created"]),
        updated=datetime.fromisoformat(data["updated"]), items=items,
        sources=[source(u) for u in data["sources"]], source_count=data["source_count"],
        langs=list(data["langs"]), topic_name=data["topic"],
        summary_sentences=[(text, by_key[key]) for text, key in data["summary_sentences"]
                           if key in by_key],
        summary_lang=data["summary_lang"], shared=list(data["shared"]),
        original=source(data["original"]) if data["original"] else None,
        copy_sources=[source(u) for u in data["copy_sources"]],
        image=_image_from_record(data.get("image"), by_key),
        grew=datetime.fromisoformat(data["grew"]) if data.get("grew") else None,
    )
    for iv in items:
        iv.story = view
    return view
