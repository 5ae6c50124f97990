"""Feed bytes → ParsedFeed, defensively.

feedparser does the parsing, but only after we have decoded the bytes ourselves, resolved the
DOCTYPE's harmless entities (dtd.py decides; dangerous ones are refused) and removed every DTD,
entity declaration and comment: its parsers expand declared entities, so a small feed could
otherwise cost gigabytes. References are repaired too, which keeps nearly every real feed on
feedparser's fast strict parser; bodies without a feed element never reach it; and a time limit
stops whatever is left. Nothing here touches the network or the disk.
"""

from __future__ import annotations

import codecs
import ctypes
import html
import html.entities
import io
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import TypeVar

import feedparser

from .dtd import Doctype, read_doctype
from .model import STATUS_NOT_A_FEED, STATUS_PARSE_ERROR, ImageRef, ParsedFeed, RawEntry
from .urls import resolve_link

__all__ = [
    "parse_feed",
    "decode_feed_bytes",
    "neutralize_declarations",
    "repair_references",
    "normalize_language",
]

_T = TypeVar("_T")
MAX_YEAR = 2100
PARSE_TIME_LIMIT = 20.0  # seconds; a sane 15 MiB feed parses in a few

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# "<?" in a wide encoding without a BOM (XML 1.0 appendix F).
_WIDE_STARTS = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)
_DECLARED_RE = re.compile(
    rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]{0,300}\?>")
_UTF8_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_NON_ASCII_RE = re.compile(rb"[\x80-\xff]")
# Characters XML 1.0 forbids; one of them would push feedparser onto its loose parser.
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SPACES_RE = re.compile(r"\s+")
_LANG_RE = re.compile(r"^[a-z]{2,3}$")
_DECLARATION_TOKEN_RE = re.compile(r"[\"'\[\]>]|<!--")
_REFERENCE_RE = re.compile(
    r"&(?:#(\d{1,8});|#[xX]([0-9a-fA-F]{1,8});|([A-Za-z_:][\w.:-]{0,63});)?"
)
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_HTML_ENTITIES = html.entities.html5
# Some feed root element near the start; anything else (HTML, JSON, text) is not a feed.
_FEED_ROOT_RE = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(?:rss|feed|rdf|channel)[\s/>]", re.IGNORECASE)
_SNIFF_CHARS = 256 * 1024
# Stands for a reference to a refused entity; an entry that holds one is dropped.
REFUSED_MARK = "\ue000"


# ---------------------------------------------------------------------------------------------
# Bytes → safe text


def _is_ascii_compatible(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).encode("<?xml")[0] == b"<?xml"
    except (LookupError, UnicodeError, TypeError, ValueError):
        return False


def _mostly_utf8(data: bytes) -> bool:
    # One stray byte must not turn a UTF-8 feed into windows-1252 mojibake.
    valid = _UTF8_SEQUENCE_RE.findall(data)
    if not valid:
        return False
    stray = len(_NON_ASCII_RE.findall(data)) - sum(len(s) for s in valid)
    return len(valid) >= stray


def decode_feed_bytes(data: bytes) -> str:
    """Feed bytes → text: BOM, then strict UTF-8, then the declared charset, then best guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    for start, encoding in _WIDE_STARTS:
        if data.startswith(start):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _DECLARED_RE.match(data[:1024])
    declared = match.group(1).decode("ascii").lower() if match else ""
    usable = bool(declared) and _is_ascii_compatible(declared)
    if usable and codecs.lookup(declared).name != "utf-8":
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    if usable and codecs.lookup(declared).name != "utf-8":
        return data.decode(declared, errors="replace")
    # Undeclared or wrongly declared single-byte text is windows-1252 far more often than not.
    return data.decode("cp1252", errors="replace")


def _skip_to(text: str, marker: str, start: int) -> int:
    end = text.find(marker, start)
    return len(text) if end < 0 else end + len(marker)


def _declaration_end(text: str, start: int) -> int:
    """Index just past a markup declaration, honouring quotes, [internal subset] and comments."""
    depth, i, n = 0, start, len(text)
    while True:
        match = _DECLARATION_TOKEN_RE.search(text, i)
        if match is None:
            return n
        mark, at = match.group(), match.start()
        if mark in ("\"", "'"):
            close = text.find(mark, at + 1)
            if close < 0:
                return n
            i = close + 1
        elif mark == "<!--":
            i = _skip_to(text, "-->", at + 4)
        elif mark == "[":
            depth, i = depth + 1, at + 1
        elif mark == "]":
            depth, i = max(depth - 1, 0), at + 1
        elif depth == 0:  # ">"
            return at + 1
        else:
            i = at + 1


_ITEM_EDGE_RE = re.compile(r"</?(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]")


def _item_bound(text: str, start: int, end: int, opener: str, body_from: int) -> int:
    """Where a comment, CDATA section or declaration opened at `start` inside the feed body
    must stop: at the next item edge when it is broken (unterminated, or running into another
    of its kind) and crosses one, so a broken item swallows only itself."""
    if start < body_from:
        return end  # the prolog: its DOCTYPE may hold anything
    edge = _ITEM_EDGE_RE.search(text, start + 2, end)
    if edge is None:
        return end
    broken = end >= len(text) or text.find(opener, start + len(opener), end) >= 0
    return edge.start() if broken or opener == "<!" else end


def neutralize_declarations(text: str) -> str:
    """Remove DOCTYPE/ENTITY/ELEMENT/ATTLIST declarations and comments; keep CDATA verbatim.

    In the feed body a broken one (never closed, say) stops at the next item edge instead of
    swallowing every item after it.
    """
    root = _FEED_ROOT_RE.search(text)
    body_from = root.start() if root else len(text)
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        j = text.find("<!", i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        if text.startswith("<![CDATA[", j):
            end = _item_bound(text, j, _skip_to(text, "]]>", j + 9), "<![CDATA[", body_from)
            out.append(text[j:end])
            if not text.startswith("]]>", end - 3) or end - 3 < j + 9:
                out.append("]]>")  # closed where it was cut
            i = end
        elif text.startswith("<!--", j):
            # Comments go too: feedparser looks for a DOCTYPE (and entities) even inside them.
            # "<!-->" closes at once, as browsers read it.
            i = _item_bound(text, j, _skip_to(text, "-->", j + 2), "<!--", body_from)
        elif j + 2 < n and text[j + 2].isalpha():
            i = _item_bound(text, j, _declaration_end(text, j + 2), "<!", body_from)
        else:
            out.append("<!")
            i = j + 2
    return "".join(out)


def _is_xml_char(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or (
        0x10000 <= code <= 0x10FFFF
    )


def _reference_repairer(doctype: Doctype | None) -> Callable[[re.Match[str]], str]:
    def repair(match: re.Match[str]) -> str:
        decimal, hexadecimal, name = match.groups()
        if decimal or hexadecimal:
            code = int(decimal) if decimal else int(hexadecimal, 16)
            return match.group(0) if _is_xml_char(code) else ""
        if name is None:
            return "&amp;"  # a bare ampersand
        if name in _XML_ENTITIES:
            return match.group(0)
        if doctype is not None:
            if name in doctype.replacements:
                return doctype.replacements[name]
            if name in doctype.refused:
                return REFUSED_MARK
            if name in doctype.literal:
                return f"&amp;{name};"
        expansion = _HTML_ENTITIES.get(name + ";")
        if expansion is None:
            # A name only an external DTD could define is refused with it.
            return REFUSED_MARK if doctype is not None and doctype.external else f"&amp;{name};"
        return "".join(f"&#{ord(c)};" for c in expansion)

    return repair


def _outside_cdata(text: str, rewrite: Callable[[str], str]) -> str:
    # str.find rather than a regex: many unterminated "<![CDATA[" must not cost n² time.
    out: list[str] = []
    i = 0
    while True:
        start = text.find("<![CDATA[", i)
        if start < 0:
            out.append(rewrite(text[i:]))
            return "".join(out)
        end = _skip_to(text, "]]>", start + 9)
        out.append(rewrite(text[i:start]))
        out.append(text[start:end])
        i = end


def repair_references(text: str, doctype: Doctype | None = None) -> str:
    """Make every & a valid XML reference: HTML names → numeric, bare & → &amp;; CDATA untouched.

    With the DTD gone, one &nbsp; would push feedparser onto its lenient parser, which is
    several times slower and far less predictable than the strict one. Entities the feed
    declared itself are replaced as `doctype` says.
    """
    repair = _reference_repairer(doctype)
    return _outside_cdata(text, lambda part: _REFERENCE_RE.sub(repair, part))


def _reference_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()

    def count(part: str) -> str:
        counts.update(m.group(3) for m in _REFERENCE_RE.finditer(part) if m.group(3))
        return ""

    _outside_cdata(text, count)
    return counts


def _safe_xml_text(text: str, doctype: Doctype | None = None) -> str:
    text = _XML_INVALID_RE.sub("", text)
    if doctype is not None and (doctype.hostile or doctype.external):
        # The mark must only ever come from a refused reference.
        text = text.replace(REFUSED_MARK, "\ufffd")
    text = neutralize_declarations(text)
    if doctype is not None and doctype.replacements:
        doctype.bound_expansion(_reference_counts(text))
    text = repair_references(text, doctype)
    # We decoded it; say so, whatever the original declaration claimed.
    text = _XML_DECL_RE.sub("", text, count=1).lstrip()
    return '<?xml version="1.0" encoding="utf-8"?>\n' + text


# ---------------------------------------------------------------------------------------------
# Field conversion


# Formatting that publishers put in titles; dropped. Any other tag is kept as literal text.
_INLINE_TAGS = frozenset({
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "br", "cite", "code", "del", "dfn", "em",
    "font", "i", "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
})


class _LineText(HTMLParser):
    """Text of a one-line field (title, author): inline formatting dropped, other markup kept.

    A headline about "<script> tags", or a hostile one, then reads as the publisher wrote it
    and is escaped on output, rather than silently losing words.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in _INLINE_TAGS:
            self.parts.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _INLINE_TAGS:
            self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _collect_line_text(value: str) -> str:
    collector = _LineText()
    collector.feed(value)
    collector.close()
    # An unclosed <script> or <style> leaves its text unparsed; it is still text.
    return "".join(collector.parts) + collector.rawdata


def _line_markup_text(value: str) -> str:
    """A one-line field's text; a broken declaration ("<![ ...") is read as literal text."""
    try:
        return _collect_line_text(value)
    except (AssertionError, ValueError):
        # html.parser raises on malformed marked sections and declarations instead of
        # reading them as text; with every "<!" escaped there is nothing left to declare.
        try:
            return _collect_line_text(value.replace("<!", "&lt;!"))
        except (AssertionError, ValueError):
            return html.unescape(value)


def _plain_text(value: object, is_html: bool = True) -> str:
    """One line of text: formatting tags dropped, entities decoded once, whitespace collapsed.

    Titles are read as HTML whatever the feed declares (feeds put markup in them either way);
    a newline in a title must never reach a metadata line.
    """
    if not isinstance(value, str) or not value:
        return ""
    if is_html and ("<" in value or "&" in value):
        text = _line_markup_text(value)
    else:
        text = html.unescape(value)
    return _SPACES_RE.sub(" ", _CONTROL_RE.sub(" ", text)).strip()


def _to_datetime(parsed: object) -> datetime | None:
    try:
        year, month, day, hour, minute, second = parsed[:6]  # type: ignore[index]
        when = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    except (TypeError, ValueError, OverflowError, IndexError):
        return None
    return when if when.year <= MAX_YEAR else None


_ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2}))?")
_RFC822_DATE_RE = re.compile(
    r"\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4})"
    r"(?:\s+(\d{1,2}):(\d{1,2}))?",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _plausible_date_text(raw: object) -> bool:
    """False for dates feedparser would quietly roll over (Feb 30 → Mar 1, month 13 → January)."""
    if not isinstance(raw, str):
        return True
    if match := _ISO_DATE_RE.match(raw):
        year, month, day, hour, minute = match.groups()
    elif match := _RFC822_DATE_RE.search(raw):
        day, month_name, year, hour, minute = match.groups()
        month = str(_MONTHS.index(month_name.lower()) + 1)
    else:
        return True  # another of feedparser's many formats: trust it
    try:
        datetime(int(year), int(month), int(day))
    except ValueError:
        return False
    return hour is None or (int(hour) < 24 and int(minute) < 60)


def _entry_date(entry: dict) -> datetime | None:
    # dict.get: FeedParserDict's own lookup maps a missing updated_parsed onto published_parsed
    # and warns about it.
    for key in ("published", "updated", "created"):
        when = _to_datetime(dict.get(entry, f"{key}_parsed"))
        if when is not None and _plausible_date_text(dict.get(entry, key)):
            return when
    return None


def _entry_link(entry: dict, base: str) -> str:
    alternates = [
        link
        for link in entry.get("links") or []
        if isinstance(link, dict)
        and link.get("href")
        and link.get("rel", "alternate") == "alternate"
    ]
    html_alternates = [link for link in alternates if "html" in str(link.get("type", "text/html"))]
    chosen = (html_alternates or alternates or [{"href": entry.get("link", "")}])[0]
    return resolve_link(str(chosen.get("href") or ""), base)


def _tags(entry: dict) -> tuple[str, ...]:
    seen: list[str] = []
    for tag in entry.get("tags") or []:
        term = _plain_text(tag.get("term") if isinstance(tag, dict) else "", is_html=False)
        if term and term not in seen:
            seen.append(term)
    return tuple(seen)


def _author(entry: dict) -> str:
    detail = entry.get("author_detail") or {}
    name = detail.get("name") if isinstance(detail, dict) else ""
    return _plain_text(name or entry.get("author", ""))


MAX_IMAGE_REFS = 6  # candidates kept per entry: a gallery of 50 adds nothing to a lead picture
_NOT_IMAGE_MEDIA = ("video", "audio", "document", "executable")


def _dimension(value: object) -> int:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 6 else 0


def _is_image(medium: object, mime: object, url: str) -> bool:
    """media:content and enclosures carry video and audio too; SVG is never taken."""
    medium, mime = str(medium or "").lower(), str(mime or "").lower()
    if medium in _NOT_IMAGE_MEDIA or "svg" in mime or url.lower().split("?")[0].endswith(".svg"):
        return False
    if mime:
        return mime.startswith("image/")
    return medium in ("", "image")


def _entry_images(entry: dict, base: str) -> tuple[ImageRef, ...]:
    """The pictures a feed gives for an entry: media:content (largest first), image enclosures,
    then media:thumbnail (largest first), the order they are tried in (thumbnails are small)."""
    credit = _plain_text(entry.get("credit") or "", is_html=False)[:120]
    alt = _plain_text(entry.get("media_description") or "", is_html=False)[:300]

    def refs(values: object, kind: str, url_key: str) -> list[ImageRef]:
        out = []
        for value in values if isinstance(values, list) else []:
            if not isinstance(value, dict):
                continue
            url = resolve_link(str(value.get(url_key) or ""), base)
            if not url or len(url) > 2000 or not _is_image(value.get("medium"),
                                                            value.get("type"), url):
                continue
            out.append(ImageRef(url=url, kind=kind, width=_dimension(value.get("width")),
                                height=_dimension(value.get("height")), credit=credit, alt=alt))
        return sorted(out, key=lambda r: -r.width)  # stable: the feed's order among equals

    found = (refs(entry.get("media_content"), "media", "url")
             + refs(entry.get("enclosures"), "enclosure", "href")
             + refs(entry.get("media_thumbnail"), "thumbnail", "url"))
    unique: dict[str, ImageRef] = {}
    for ref in found:
        unique.setdefault(ref.url, ref)
    return tuple(unique.values())[:MAX_IMAGE_REFS]


def _to_raw_entry(entry: dict, base: str) -> RawEntry:
    summary = entry.get("summary", "") or ""
    contents = entry.get("content") or []
    content = ""
    if contents and isinstance(contents[0], dict):
        content = contents[0].get("value", "") or ""
    return RawEntry(
        guid=str(entry.get("id", "") or "").strip(),
        link=_entry_link(entry, base),
        title=_plain_text(entry.get("title", "")),
        author=_author(entry),
        published=_entry_date(entry),
        summary_html=summary if isinstance(summary, str) else "",
        content_html=content if isinstance(content, str) and content != summary else "",
        tags=_tags(entry),
        images=_entry_images(entry, base),
    )


def _usable(entry: RawEntry) -> bool:
    # An empty <item/> says nothing; keeping it would only make an item with no identity.
    return bool(entry.guid or entry.link or entry.title or entry.summary_html
                or entry.content_html)


def normalize_language(value: object) -> str:
    """'fr-FR' → 'fr'; '' for anything that is not a language tag."""
    if not isinstance(value, str):
        return ""
    primary = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return primary if _LANG_RE.match(primary) else ""


# ---------------------------------------------------------------------------------------------
# Public entry point


class _ParseTimeout(BaseException):
    """Raised inside the parsing thread when its time is up.

    A BaseException, so that no `except Exception` inside feedparser can swallow it.
    """


def _run_with_time_limit(work: Callable[[], _T], seconds: float) -> _T:
    """Run work() in this thread, interrupting it with _ParseTimeout after `seconds`.

    Parsing runs in the ingest's worker threads, where signals cannot reach, so a timer raises
    the exception asynchronously in this thread (CPython's PyThreadState_SetAsyncExc).
    feedparser is pure Python between small C calls, so it lands promptly; neither feedparser
    nor xml.sax swallows a BaseException, so one shot is enough.
    """
    set_async_exc = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
    if set_async_exc is None or seconds <= 0:
        return work()
    ident = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                set_async_exc(ident, ctypes.py_object(_ParseTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        return work()
    finally:
        with lock:
            state["active"] = False
            if state["fired"]:
                set_async_exc(ident, None)  # not delivered yet: drop it, the work is over
        timer.cancel()


_ITEM_TAG_RE = re.compile(r"<!\[CDATA\[|<(/?)(?:[A-Za-z_][\w.-]*:)?(?:item|entry)(?=[\s/>])")


def item_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every top-level <item>/<entry> element, CDATA sections skipped."""
    spans: list[tuple[int, int]] = []
    start, i = -1, 0
    while match := _ITEM_TAG_RE.search(text, i):
        if match.group(0) == "<![CDATA[":
            i = _skip_to(text, "]]>", match.end())
            continue
        close = text.find(">", match.end())
        if close < 0:
            break
        i = close + 1
        if match.group(1):  # an end tag
            if start >= 0:
                spans.append((start, i))
                start = -1
        elif start < 0 and text[close - 1] != "/":
            start = match.start()
    return spans


@dataclass
class _Result:
    """feedparser's answer, and how many items were lost because it raised on them."""

    feed: dict
    entries: list
    version: str = ""
    bozo_exception: object = None
    skipped: int = 0


def _feedparser(text: str, headers: dict[str, str]) -> dict:
    # A stream, never a string: feedparser treats a string as a URL or file name to open.
    # No sanitizing here: a RawEntry holds the feed's HTML as given, and enrich sanitizes it
    # with an allow-list (feedparser's own sanitizer lets XSS through and doubles the time).
    # Relative links are resolved later against each article's own URL, not the feed's.
    stream = io.BytesIO(text.encode("utf-8", errors="replace"))
    return feedparser.parse(stream, response_headers=headers, sanitize_html=False,
                            resolve_relative_uris=False)


def _parse_items_apart(text: str, headers: dict[str, str],
                       spans: list[tuple[int, int]]) -> _Result:
    """Each item parsed alone inside the feed's own frame, so that an item feedparser cannot
    read (it raises, or its broken markup swallows the items after it) costs only itself."""
    head, tail = text[: spans[0][0]], text[spans[-1][1]:]
    try:
        frame = _feedparser(head + tail, headers)
    except Exception:
        frame = {}
    entries, skipped = [], 0
    for start, end in spans:
        try:
            entries.extend(_feedparser(head + text[start:end] + tail, headers).get("entries") or [])
        except Exception:
            skipped += 1
    return _Result(frame.get("feed") or {}, entries, frame.get("version") or "", None, skipped)


def _parse_resilient(text: str, headers: dict[str, str]) -> _Result:
    try:
        result = _feedparser(text, headers)
    except Exception as failure:  # feedparser raises on some malformed input instead of bozo
        spans = item_spans(text)
        apart = _parse_items_apart(text, headers, spans) if spans else None
        if apart is None or not apart.entries:
            raise failure from None
        return apart
    whole = _Result(result.get("feed") or {}, list(result.get("entries") or []),
                    result.get("version") or "",
                    result.get("bozo_exception") if result.get("bozo") else None)
    if whole.bozo_exception is not None:
        spans = item_spans(text)
        if len(whole.entries) < len(spans):
            # Broken markup in one item swallowed others: read them one at a time.
            apart = _parse_items_apart(text, headers, spans)
            if len(apart.entries) > len(whole.entries):
                apart.feed = whole.feed or apart.feed
                apart.version = whole.version or apart.version
                return apart
    return whole


def _convert_entries(entries: list, base: str) -> tuple[list[RawEntry], int]:
    """RawEntries of the usable entries, and how many entries raised on the way."""
    converted, skipped = [], 0
    for entry in entries:
        try:
            raw = _to_raw_entry(entry, base)
        except Exception:  # one entry's odd markup must never cost the feed its other entries
            skipped += 1
            continue
        if _usable(raw):
            converted.append(raw)
    return converted, skipped


def _uses_refused(entry: RawEntry) -> bool:
    fields = (entry.guid, entry.link, entry.title, entry.author, entry.summary_html,
              entry.content_html, *entry.tags)
    return any(REFUSED_MARK in f for f in fields)


def _refusal_note(doctype: Doctype, dropped: int) -> str:
    reason = doctype.reason()
    if not reason or not dropped:
        return reason
    return f"{reason}; {dropped} item{'s' if dropped != 1 else ''} using it skipped"


def _skipped_note(skipped: int) -> str:
    return f"{skipped} item{'s' if skipped != 1 else ''} skipped: malformed HTML" if skipped else ""


def _parse(data: bytes, url: str, time_limit: float) -> ParsedFeed:
    if not data.strip():
        return ParsedFeed("", "", [], error="empty body", status=STATUS_NOT_A_FEED)
    decoded = decode_feed_bytes(data).lstrip("\ufeff")
    doctype = read_doctype(decoded, _declaration_end)
    text = _safe_xml_text(decoded, doctype)
    if not _FEED_ROOT_RE.search(text, 0, _SNIFF_CHARS):
        # Answer HTML pages, JSON and the like at once: feedparser's lenient parser would spend
        # seconds per megabyte deciding the same.
        return ParsedFeed("", "", [], error="not an RSS/Atom/RDF feed: no feed element",
                          status=STATUS_NOT_A_FEED)
    base = resolve_link(url)
    headers = {"content-type": "application/xml; charset=utf-8"}
    if base:
        headers["content-location"] = base
    result = _run_with_time_limit(lambda: _parse_resilient(text, headers), time_limit)
    if not result.version and not result.entries:
        reason = result.bozo_exception
        detail = f": {reason}" if reason else ""
        return ParsedFeed("", "", [], error=f"not an RSS/Atom/RDF feed{detail}",
                          status=STATUS_NOT_A_FEED)
    feed = result.feed
    entries, unreadable = _convert_entries(result.entries, base)
    kept = [e for e in entries if not _uses_refused(e)]
    parsed = ParsedFeed(
        title=_plain_text(feed.get("title", "")).replace(REFUSED_MARK, ""),
        link=resolve_link(str(feed.get("link", "") or ""), base),
        entries=kept,
        lang=normalize_language(feed.get("language")),
        warning=_skipped_note(result.skipped + unreadable),
        refused=_refusal_note(doctype, len(entries) - len(kept)),
    )
    if not parsed.entries and parsed.refused:
        # Nothing usable without what was refused: the refusal is the feed's failure.
        parsed.status, parsed.error, parsed.refused = STATUS_PARSE_ERROR, parsed.refused, ""
    elif not parsed.entries and (result.bozo_exception or parsed.warning):
        # Broken XML that gave nothing usable (a truncated body, say) is a failure, not an
        # empty feed; a broken feed that still gave entries is used, as other readers do.
        parsed.status = STATUS_PARSE_ERROR
        parsed.error = (f"malformed feed: {result.bozo_exception}" if result.bozo_exception
                        else parsed.warning)
    return parsed


def parse_feed(data: bytes, url: str = "", *, time_limit: float = PARSE_TIME_LIMIT) -> ParsedFeed:
    """Parse feed bytes into a ParsedFeed; never raises (failures are statuses with a message)."""
    try:
        return _parse(bytes(data or b""), url, time_limit)
    except _ParseTimeout:
        return ParsedFeed("", "", [], error=f"parsing took longer than {time_limit:g} s",
                          status=STATUS_PARSE_ERROR)
    except Exception as exc:  # feedparser raises on some malformed input instead of setting bozo
        return ParsedFeed("", "", [], error=f"{type(exc).__name__}: {exc}",
                          status=STATUS_PARSE_ERROR)
