"""Article page HTML → main content: readability-lxml, then clean, sanitize and plain text.

extract_article() never raises: a page it cannot use gives empty text and a reason, so one odd
page costs one article its full text and nothing more.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree
from readability import Document

from news_digest.clean import clean_tree_html
from news_digest.sanitize import safe_url, sanitize_html
from news_digest.text import clean_field, html_to_text, normalize_space, strip_unsafe_chars

log = logging.getLogger(__name__)

MAX_PAGE_CHARS = 5 * 1024 * 1024  # same cap as the fetcher's article limit (decoded)
MAX_CONTENT_CHARS = 200_000  # main content handed to the cleaner and the sanitizer
# readability's cost grows with markup; past this (after scripts and styles are cut) the page is
# truncated, which keeps any page within about a second or two.
MAX_READABILITY_CHARS = 500_000
TITLE_MAX_LEN = 300
HEAD_SCAN_CHARS = 300_000  # <title> and <meta> live near the top; don't parse megabytes for them
MIN_TEXT_CHARS = 1  # anything visible counts; callers decide whether it is worth using

REASON_EMPTY = "empty page"
REASON_NOT_HTML = "not html"
REASON_TOO_LARGE = "too large"
REASON_NO_CONTENT = "no main content"
REASON_FAILED = "extraction failed"

_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b",
                 b"RIFF", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"BZh", b"\xfd7zXZ")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I
)
_HTML_SIGN = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|main|section|br|span|a|h[1-6]|meta|title"
    r"|table|ul|ol|li|img|em|strong|b|i|blockquote)[\s/>]",
    re.I,
)
_DOCUMENT_SIGN = re.compile(r"<(?:!doctype|html|head|body)[\s>]", re.I)
# Inline scripts, styles and SVG are often most of a page's bytes and never article text;
# cutting them before readability keeps big pages fast.
_HEAVY_OPEN = re.compile(r"<(script|style|svg|noscript|template)\b|<!--", re.I)


@dataclass
class Extraction:
    """The main content of one article page."""

    html: str  # sanitized, cleaned main content HTML ("" when nothing found)
    text: str  # plain text, paragraphs separated by a blank line
    title: str  # the page's title (og:title or <title> or h1), clean_field'ed
    reason: str = ""  # why text is empty ("empty page", "not html", "no main content", ...)


# ------------------------------------------------------------------ decoding


def _declared_charset(head: bytes) -> str:
    match = _META_CHARSET.search(head)
    if not match:
        return ""
    name = match.group(1).decode("ascii", "ignore").lower()
    # WHATWG: pages labelled latin-1/ascii are really decoded as windows-1252.
    if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1"):
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def decode_page(body: bytes) -> str:
    """Decode page bytes: BOM, then valid UTF-8, then the declared charset, then cp1252."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(encoding, "replace")
    # Valid UTF-8 is almost never an accident, so it wins over a (often wrong) declaration.
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(body[:4096])
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        try:
            return body.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    as_utf8 = body.decode("utf-8", "replace")
    sample = as_utf8[:200_000]
    bad = sample.count("\ufffd")
    good = sum(ch > "\x7f" for ch in sample) - bad
    # A few stray bytes in a UTF-8 page must not garble every accented letter of it; a page whose
    # non-ASCII bytes are mostly invalid UTF-8 is in a legacy charset.
    if declared == "utf-8" or good >= 4 * bad:
        return as_utf8
    return body.decode(declared or "cp1252", "replace")


def strip_heavy_blocks(page: str) -> str:
    """Remove script/style/svg/noscript/template elements and comments in one linear scan."""
    lower = page.lower()
    out: list[str] = []
    pos = 0
    for match in _HEAVY_OPEN.finditer(page):
        if match.start() < pos:
            continue  # inside a block already removed
        closer = "-->" if match.group(1) is None else f"</{match.group(1).lower()}"
        end = lower.find(closer, match.end())
        if end < 0:
            break  # unclosed: leave the rest to the HTML parser (no quadratic rescans)
        end = lower.find(">", end) + 1 if closer != "-->" else end + 3
        if end <= 0:
            break
        out.append(page[pos : match.start()])
        out.append(" ")
        pos = end
    out.append(page[pos:])
    return "".join(out)


# ------------------------------------------------------------------ checks and title


def _binary_reason(body: bytes) -> str:
    if body.startswith(_BINARY_MAGIC):
        return REASON_NOT_HTML
    sample = body[:8192]
    starts_wide = sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not starts_wide and sample.count(0) > len(sample) // 100:
        return REASON_NOT_HTML
    return ""


def _text_reason(page: str) -> str:
    stripped = page.strip()
    if not stripped:
        return REASON_EMPTY
    if stripped[0] in "{[" and not _DOCUMENT_SIGN.search(stripped[:2000]):
        return REASON_NOT_HTML  # JSON, most likely an API answer or a challenge page
    sample = stripped[:20_000]
    junk = sum(ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f") for ch in sample)
    if junk > len(sample) // 10 or not _HTML_SIGN.search(sample):
        return REASON_NOT_HTML
    return ""


def _meta_content(doc: etree._Element, *names: str) -> str:
    for meta in doc.iter("meta"):
        name = (meta.get("property") or meta.get("name") or "").strip().lower()
        if name in names and meta.get("content"):
            return meta.get("content", "")
    return ""


def _page_title(doc: etree._Element | None) -> tuple[str, list[str]]:
    """The best title of the page, and every candidate (for repeated-headline removal)."""
    if doc is None:
        return "", []
    og = normalize_space(_meta_content(doc, "og:title", "twitter:title"))
    title_el = doc.find(".//title")
    title = normalize_space(title_el.text_content()) if title_el is not None else ""
    h1_el = doc.find(".//h1")
    h1 = normalize_space(h1_el.text_content()) if h1_el is not None else ""
    candidates = [t for t in (og, title, h1) if t]
    best = og or title
    # "Headline - Site" with <h1>Headline</h1>: the h1 is the clean headline.
    if h1 and best and h1.casefold() in best.casefold():
        return h1, candidates
    return best or h1, candidates


def _parse_page(page: str) -> etree._Element | None:
    try:
        return lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return None


def _base_url(doc: etree._Element | None, url: str) -> str:
    """The page URL, or its <base href> when that is an http(s) URL."""
    if doc is not None:
        base = doc.find(".//base[@href]")
        if base is not None:
            resolved = safe_url(base.get("href", ""), url)
            if resolved:
                return resolved
    return safe_url(url)


# ------------------------------------------------------------------ main entry


def _main_content(page: str) -> str:
    # readability resolves links itself when given a URL, and turns refused ones into links to
    # the page; we resolve (and refuse) in sanitize_html instead.
    return Document(page).summary(html_partial=True)


def extract_article(html: str | bytes, url: str = "", title_hint: str = "") -> Extraction:
    """readability main content → clean_content → sanitize_html → html_to_text; never raises."""
    hint = clean_field(title_hint or "", TITLE_MAX_LEN)
    try:
        return _extract(html, url, hint)
    except Exception as exc:  # a bad page must never stop the run
        log.warning("extraction failed for %s: %s", url or "<page>", exc)
        return Extraction("", "", hint, REASON_FAILED)


def _extract(html: str | bytes, url: str, hint: str) -> Extraction:
    if html is None or len(html) == 0:
        return Extraction("", "", hint, REASON_EMPTY)
    if isinstance(html, bytes):
        if _binary_reason(html):
            return Extraction("", "", hint, REASON_NOT_HTML)
        if len(html) > 4 * MAX_PAGE_CHARS:
            return Extraction("", "", hint, REASON_TOO_LARGE)
        page = decode_page(html)
    else:
        page = html
    if len(page) > MAX_PAGE_CHARS:
        return Extraction("", "", hint, REASON_TOO_LARGE)
    page = strip_unsafe_chars(page)
    reason = _text_reason(page)
    if reason:
        return Extraction("", "", hint, reason)
    page = strip_heavy_blocks(page)
    head_doc = _parse_page(page[:HEAD_SCAN_CHARS])
    best_title, candidates = _page_title(head_doc)
    title = clean_field(best_title, TITLE_MAX_LEN) or hint
    base = _base_url(head_doc, url)

    content = _main_content(page[:MAX_READABILITY_CHARS])
    cleaned = clean_tree_html(content[:MAX_CONTENT_CHARS], [hint, *candidates])
    safe = sanitize_html(cleaned, base, MAX_CONTENT_CHARS)
    text = html_to_text(safe)
    if len(text) < MIN_TEXT_CHARS:
        return Extraction("", "", title, REASON_NO_CONTENT)
    return Extraction(safe, text, title, "")
