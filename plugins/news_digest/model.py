"""Plain data that flows between the pipeline stages.

Nothing here does I/O; every stage takes and returns these dataclasses.
Datetimes are always timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

FULL_TEXT_MODES = ("auto", "on", "off")

# Fetch outcomes, shared by fetch.py, ingest.py, the store and the health page.
STATUS_OK = "ok"
STATUS_NOT_MODIFIED = "not_modified"
STATUS_HTTP_ERROR = "http_error"
STATUS_TIMEOUT = "timeout"
STATUS_TOO_LARGE = "too_large"
STATUS_NOT_A_FEED = "not_a_feed"
STATUS_PARSE_ERROR = "parse_error"
STATUS_REFUSED = "refused"
STATUS_ERROR = "error"
SUCCESS_STATUSES = frozenset({STATUS_OK, STATUS_NOT_MODIFIED})


@dataclass(frozen=True)
class Source:
    """One feed from the sources file, with its per-feed options."""

    url: str  # http(s) URL, or a path relative to the sources file (local demo feeds)
    title: str
    topic: str = "General"
    site_url: str = ""  # the publisher's home page
    # "on": always fetch the article page; "off": never; "auto": when the feed text is cut
    full_text: str = "auto"
    lang: str = ""  # language hint (ISO 639-1), empty = detect
    republish: bool = False  # the feed's licence allows showing full text on our site
    keep: str = ""  # CSS selector of the article body on this feed's pages (overrides detection)
    remove: str = ""  # CSS selector of elements to drop from this feed's pages before extraction
    images: bool = True  # fetch a lead picture for this feed's items (OPML images="off": never)


@dataclass
class FetchResult:
    """What one HTTP (or local file) fetch gave; errors are values, not exceptions."""

    status: str
    url: str  # final URL after redirects
    body: bytes = b""
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str = ""
    content_type: str = ""

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK


@dataclass
class FetchState:
    """Per-feed state kept between runs: conditional GET validators and health."""

    source_url: str
    etag: str | None = None
    last_modified: str | None = None
    last_status: str = ""
    last_error: str = ""
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    failing_since: datetime | None = None
    consecutive_failures: int = 0
    item_count: int = 0
    not_before: datetime | None = None  # the server asked us to wait (Retry-After)
    # Hash of the last feed body whose every entry was handled: the same bytes again need no
    # parsing (a local file, or a server without validators).
    body_hash: str | None = None


@dataclass(frozen=True)
class ImageRef:
    """A picture an entry or its page points to (not fetched yet)."""

    url: str  # absolute http(s)
    kind: str  # "media" (media:content), "enclosure", "page" (og:image), "card" (twitter:image),
    # "thumbnail" (media:thumbnail)
    width: int = 0  # as declared by the publisher, 0 = not said
    height: int = 0
    credit: str = ""  # media:credit
    alt: str = ""  # media:description / og:image:alt


@dataclass(frozen=True)
class ItemImage:
    """An item's picture as stored: fetched, checked and resized at ingest.

    The thumbnails are stored by content hash (`<hash>-<width>.webp`), so the build only copies
    bytes and readers' browsers never ask a third-party server."""

    hash: str  # of the fetched image bytes
    width: int  # of the decoded picture
    height: int
    widths: tuple[int, ...]  # thumbnail widths made, smallest first
    credit: str = ""
    alt: str = ""
    url: str = ""  # where it was fetched from (kept for the record, never linked to an <img>)


@dataclass
class RawEntry:
    """One feed entry as the feed gave it, before any cleaning."""

    guid: str
    link: str
    title: str
    author: str = ""
    published: datetime | None = None
    summary_html: str = ""  # the feed's description/summary
    content_html: str = ""  # content:encoded / atom content, when present
    tags: tuple[str, ...] = ()
    images: tuple[ImageRef, ...] = ()  # media:content, enclosures, media:thumbnail, in that order


@dataclass
class ParsedFeed:
    title: str
    link: str
    entries: list[RawEntry]
    lang: str = ""
    error: str = ""  # non-empty: the feed could not be used (status parse_error / not_a_feed)
    status: str = STATUS_OK
    # The feed is usable but lost something on the way ("2 items skipped: malformed HTML"):
    # shown on its health row while its status stays ok.
    warning: str = ""
    # A dangerous part was refused (an external entity, an expansion bomb): the feed counts as
    # failing with this reason, yet its items that do not depend on that part are kept.
    refused: str = ""


@dataclass
class Item:
    """One article, cleaned and summarized, as stored."""

    key: str  # stable id: hash of guid, else normalized link, else title+content
    source_url: str
    url: str  # link to the original article (http(s) or empty)
    title: str
    published: datetime
    first_seen: datetime
    author: str = ""
    lang: str = ""
    content_html: str = ""  # sanitized main content
    text: str = ""  # cleaned plain text, paragraphs separated by blank lines
    summary: str = ""
    content_hash: str = ""
    full_text: bool = False  # text comes from the article page, not just the feed excerpt
    story_id: str = ""
    guid: str = ""
    flags: tuple[str, ...] = ()  # quality signals (see quality.py)
    image: ItemImage | None = None  # its lead picture, when one was found and usable


@dataclass
class Story:
    """Items about one event, from one or more sources."""

    id: str  # stable forever once created
    slug: str  # stable forever once created
    created: datetime  # first item's time: fixes the permalink date
    title: str = ""
    summary: str = ""
    items: list[Item] = field(default_factory=list)
    updated: datetime | None = None
