"""One feed entry (plus, optionally, its article page) → one cleaned, summarized Item.

Pure functions: no network, no disk. The caller fetches pages and stores items.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta

from .clean import clean_content
from .extract import PageRules, decode_page, extract_article
from .language import identify
from .model import Item, RawEntry, Source
from .quality import LANG_READ_CHARS, quality_flags
from .sanitize import safe_url, sanitize_html
from .summarize import summarize
from .text import clean_field, html_to_text
from .urls import normalize_link

MAX_TITLE = 300
MAX_AUTHOR = 120
# A feed text that ends like this was cut by the publisher: the page has the rest.
_TRUNCATED = re.compile(r"(\.\.\.|…|\[…\]|\[\.\.\.\]|\(…\)|\bread more|\blire la suite)\W*$", re.I)


def _sha(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def entry_link(entry: RawEntry) -> str:
    """The entry's original article link: absolute http(s) without tracking parameters, or ''."""
    return normalize_link(safe_url(entry.link))


def item_key(source_url: str, entry: RawEntry) -> str:
    """A new item's stable key: from its normalized link, else its guid, else its words.

    The link comes first because it names the article across feeds; some feeds change
    guids nightly or reuse one guid for every entry.
    """
    norm = normalize_link(entry_link(entry))
    if norm:
        return _sha("url", norm)[:24]
    if entry.guid:
        return _sha("guid", source_url, entry.guid)[:24]
    return _sha("text", source_url, entry.title, entry.summary_html, entry.content_html)[:24]


def entry_fingerprint(entry: RawEntry) -> str:
    """What the feed says about an entry; a change means the item is processed again."""
    return _sha(entry.title, entry.link, entry.summary_html, entry.content_html, entry.author)[:24]


def feed_html(entry: RawEntry) -> str:
    """The richest HTML the feed itself gives for an entry."""
    content, summary = entry.content_html or "", entry.summary_html or ""
    return content if len(content) >= len(summary) else summary


def wants_page(source: Source, entry: RawEntry, min_chars: int,
               feed_text: str | None = None) -> bool:
    """Whether to fetch the article page: always, never, or when the feed text is short or cut.

    `feed_text` is the text of feed_html(entry) when the caller already has it."""
    if source.full_text == "on":
        return True
    if source.full_text == "off":
        return False
    if feed_text is None:
        feed_text = html_to_text(feed_html(entry))
    text = feed_text.strip()
    return len(text) < min_chars or bool(_TRUNCATED.search(text))


def clamp_date(published: datetime | None, now: datetime) -> datetime:
    """The entry's date, or `now` when missing; dates in the future become `now`."""
    if published is None or published > now + timedelta(minutes=5):
        return now
    return published


def build_item(
    source: Source,
    entry: RawEntry,
    *,
    now: datetime,
    feed_lang: str = "",
    page_html: str | bytes | None = None,
    summary_sentences: int = 3,
    feed_text: str | None = None,
) -> Item:
    """Clean, sanitize, detect language and summarize one entry.

    `feed_text` is the text of feed_html(entry) when the caller already made it."""
    link = entry_link(entry)
    title = clean_field(entry.title, MAX_TITLE)
    content_html, text, full_text, raw = "", "", False, ""
    raw_text: str | None = None  # the text of `raw`, made once, when it is needed
    if page_html:
        rules = PageRules(keep=source.keep, remove=source.remove)
        extracted = extract_article(page_html, url=link, title_hint=title, rules=rules)
        if extracted.text:
            content_html, text, full_text = extracted.html, extracted.text, True
            title = title or extracted.title
            raw = decode_page(page_html) if isinstance(page_html, bytes) else page_html
    from_feed = feed_html(entry)
    if from_feed:
        feed_clean = sanitize_html(clean_content(from_feed, title=title), base_url=link)
        clean_text = html_to_text(feed_clean)
        # The feed wins when the page gave less (a paywall or a failed extraction).
        if len(clean_text) > len(text):
            content_html, text, full_text, raw = feed_clean, clean_text, False, from_feed
            raw_text = feed_text
    if not title:
        title = clean_field(text.split("\n", 1)[0], 90) or "Untitled"
    hint = source.lang or feed_lang
    lang, confidence = identify(f"{title}\n{text[:LANG_READ_CHARS]}", hint=hint)
    summary = summarize(text, lang=lang, title=title, max_sentences=summary_sentences)
    flags = quality_flags(raw, content_html, text, lang, raw_text=raw_text,
                          lang_confidence=confidence)
    return Item(
        key=item_key(source.url, entry),
        source_url=source.url,
        guid=clean_field(entry.guid, 500),
        url=link,
        title=title,
        author=clean_field(entry.author, MAX_AUTHOR),
        published=clamp_date(entry.published, now),
        first_seen=now,
        lang=lang,
        content_html=content_html,
        text=text,
        summary=summary,
        content_hash=entry_fingerprint(entry),
        full_text=full_text,
        flags=flags,
    )
