"""Small text helpers shared by every stage: safe single-line fields and HTML → plain text."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable

import lxml.html
from lxml import etree

# Characters that must never reach a title, a feed or a page. Bidi controls can reorder what a
# reader sees (a classic spoofing trick); noncharacters and lone surrogates make XML invalid.
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Zero-width junk. ZWJ/ZWNJ (U+200C/U+200D) are kept: scripts such as Persian and emoji need them.
_ZERO_WIDTH = "\u00ad\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff"
_NONCHARACTERS = "".join(chr(c) for c in range(0xFDD0, 0xFDF0)) + "".join(
    chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF)
)
_C0_C1 = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\f\v") + "".join(
    chr(c) for c in range(0x7F, 0xA0)
)
# One character class of ranges: str.translate() with a dict costs a lookup per character, and a
# class listing every code point one by one is nearly as slow; ranges scan at C speed.
def _char_class(chars: Iterable[str]) -> str:
    codes = sorted(set(map(ord, chars)))
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b != a else "") for a, b in ranges
    )


_UNSAFE_CHARS = _BIDI_CONTROLS + _ZERO_WIDTH + _NONCHARACTERS + _C0_C1
# Astral ranges in a class defeat the regex engine's bitmap fast path, so they get their own
# pattern, used only on text that has astral characters at all.
_UNSAFE_BMP = re.compile(
    "[" + _char_class([c for c in _UNSAFE_CHARS if c <= "\uffff"]) + "\ud800-\udfff]"
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # a regex scan beats max() over a str
_UNSAFE_ASTRAL = re.compile("[" + _char_class([c for c in _UNSAFE_CHARS if c > "\uffff"]) + "]")

_TAG = re.compile(r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:\]\]>|$)|</?[A-Za-z][^<>]*>", re.S)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)  # lxml refuses it in a str
_PARSERS = threading.local()  # lxml parser objects must not be shared between threads


# lxml.html's parsers choose each element's class in Python (forms, inputs and labels get their
# own), one call for every element object the readers create; a single class chosen in C saves
# a tenth of extraction time, and nothing here uses those form helpers.
_ONE_CLASS = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity,
)


def html_parser(fragments: bool = True) -> etree.HTMLParser:
    """This thread's HTML parser giving lxml.html elements: for fragments (comments and
    processing instructions dropped, their tails kept on real elements) or for whole pages."""
    kind = "fragments" if fragments else "pages"
    parser = getattr(_PARSERS, kind, None)
    if parser is None:
        options = {"remove_comments": True, "remove_pis": True} if fragments else {}
        parser = etree.HTMLParser(no_network=True, **options)
        parser.set_element_class_lookup(_ONE_CLASS)
        setattr(_PARSERS, kind, parser)
    return parser


_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre "
    "section summary table tbody tfoot thead tr ul".split()
)
# Blocks rendered one per line (not one per paragraph): list items, table rows, definitions.
_LINE_TAGS = frozenset({"li", "tr", "dt", "dd"})
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "math"}
)


def strip_unsafe_chars(text: str) -> str:
    """Remove control, bidi, zero-width, noncharacter and lone-surrogate code points."""
    text = _UNSAFE_BMP.sub("", text)
    if not text.isascii() and _ASTRAL.search(text):
        text = _UNSAFE_ASTRAL.sub("", text)
    return text


def normalize_space(text: str) -> str:
    """Collapse every run of Unicode whitespace to one space and trim both ends."""
    return " ".join(text.split())


def truncate(text: str, max_len: int) -> str:
    """Cut text to at most max_len characters on a word boundary, ending with "…"."""
    if max_len <= 0 or len(text) <= max_len:
        return text
    if max_len == 1:
        return "…"
    cut = text[: max_len - 1]
    space = cut.rfind(" ")
    ends_on_boundary = text[max_len - 1] == " "
    # A boundary far back would throw away most of the text (CJK, URLs): cut mid-word then.
    if not ends_on_boundary and space >= max_len // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def clean_field(text: str, max_len: int = 0) -> str:
    """Make a safe single-line field (title, author, feed name), optionally cut to max_len."""
    if not text:
        return ""
    text = strip_unsafe_chars(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = normalize_space(text.replace("\u2028", " ").replace("\u2029", " "))
    return truncate(text, max_len)


def parse_fragment(html: str, strip_unsafe: bool = True) -> etree._Element | None:
    """Parse an HTML fragment or page into a <body>-like element, or None when it has no content.

    strip_unsafe=False skips the unsafe-character pass, for text that is cleaned later anyway."""
    html = XML_DECLARATION.sub("", strip_unsafe_chars(html) if strip_unsafe else html)
    if not html.strip():
        return None
    try:
        doc = lxml.html.document_fromstring(html, parser=html_parser())
    except (etree.ParserError, ValueError):
        return None
    body = doc.find("body")
    return body if body is not None else doc


def _is_element(node: object) -> bool:
    # Comments and processing instructions are _Element subclasses whose .tag is not a string.
    return isinstance(getattr(node, "tag", None), str)


@functools.lru_cache(maxsize=512)
def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _local_tag(el: etree._Element) -> str:
    tag = el.tag
    return _local_name(tag) if isinstance(tag, str) else ""


class _TextCollector:
    """Gathers inline text into blocks; a block is a paragraph or (for list items) a line."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, bool]] = []  # (text, is_line)
        self.buffer: list[str] = []
        self.pre_depth = 0

    def add(self, text: str | None) -> None:
        if text:
            if self.pre_depth:
                text = text.replace("\n", "\x00")  # keep pre line breaks through the collapse
            self.buffer.append(text)

    def flush(self, is_line: bool = False) -> None:
        if not self.buffer:
            return  # most block boundaries come with no text since the last one
        raw = "".join(self.buffer)
        self.buffer = []
        # \x00 marks a hard line break (<br>, or a newline in <pre>); two in a row end a paragraph.
        lines = [normalize_space(line) for line in raw.split("\x00")]
        paragraph: list[str] = []
        for line in [*lines, ""]:
            if line:
                paragraph.append(line)
            elif paragraph:
                self.blocks.append(("\n".join(paragraph), is_line))
                paragraph = []


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment: paragraphs split by one blank line, list items by lines."""
    root = parse_fragment(html) if html else None
    if root is None:
        return ""
    out = _TextCollector()
    skip_depth = 0
    # iterwalk is iterative, so deep nesting cannot hit Python's recursion limit.
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = _local_tag(el)
        if event == "start":
            if skip_depth or tag in _SKIP_TAGS or not isinstance(el.tag, str):
                skip_depth += 1
                continue
            if tag in _BLOCK_TAGS:
                out.flush()
            if tag == "pre":
                out.pre_depth += 1
            if tag == "br":
                out.add("\x00")
            elif tag in ("td", "th") and el.getprevious() is not None:
                out.add(" | ")
            out.add(el.text)
        else:
            if skip_depth:
                skip_depth -= 1
                if skip_depth == 0 and el is not root:
                    out.add(el.tail)
                continue
            if tag in _BLOCK_TAGS:
                out.flush(is_line=tag in _LINE_TAGS)
                if tag == "pre":
                    out.pre_depth -= 1
            if el is not root:
                out.add(el.tail)
    out.flush()
    parts: list[str] = []
    previous_is_line = False
    for text, is_line in out.blocks:
        if parts:
            parts.append("\n" if (is_line and previous_is_line) else "\n\n")
        parts.append(text)
        previous_is_line = is_line
    return "".join(parts)
