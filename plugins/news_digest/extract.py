"""Article page HTML → main content: readability-lxml and trafilatura merged, then clean,
sanitize and plain text.

extract_article() never raises: a page it cannot use gives empty text and a reason, so one odd
page costs one article its full text and nothing more.
"""

from __future__ import annotations

import codecs
import html as html_lib
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import lxml.html
from cssselect import SelectorError, SelectorSyntaxError
from lxml import etree
from lxml.cssselect import CSSSelector

from news_digest.clean import (
    BlockDecision,
    clean_tree_html,
    explain_blocks_multi,
    prune_regions,
)
from news_digest.consensus import AGREED, Merge, merge_blocks
from news_digest.readers import prepare_tree, readability_html, trafilatura_content
from news_digest.sanitize import safe_url, sanitize_html
from news_digest.standfirst import find_standfirst
from news_digest.text import (
    XML_DECLARATION,
    clean_field,
    html_parser,
    html_to_text,
    normalize_space,
    strip_unsafe_chars,
)

log = logging.getLogger(__name__)

MAX_PAGE_CHARS = 5 * 1024 * 1024  # same cap as the fetcher's article limit (decoded)
MAX_CONTENT_CHARS = 200_000  # main content handed to the cleaner and the sanitizer
# readability's cost grows with markup; past this (after scripts and styles are cut) the page is
# truncated, which keeps any page within about a second or two.
MAX_READABILITY_CHARS = 500_000
MAX_PARSE_CHARS = 2_000_000
# Below this much text, readability's pick is checked against our own locator's.
SECOND_OPINION_CHARS = 300
SECOND_OPINION_GAIN = 3.0
# Agreed text under this share of the page's text is checked against trafilatura's fallbacks,
# which must find this many times as much to be taken.
SMALL_SHARE = 0.25
WIDER_GAIN = 2.0
TITLE_MAX_LEN = 300
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
_JUNK_CHARS = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f]")
_DOCUMENT_SIGN = re.compile(r"<(?:!doctype|html|head|body)[\s>]", re.I)
# Inline scripts, styles and SVG are often most of a page's bytes and never article text;
# cutting them before readability keeps big pages fast.
_HEAVY_OPEN = re.compile(r"<(script|style|svg|noscript|template)\b|<!--", re.I)
_DOCUMENT_END = re.compile(r"</(?:body|html)\s*>", re.I)
_HEAVY_CLOSE = {tag: re.compile(f"</{tag}", re.I)
                for tag in ("script", "style", "svg", "noscript", "template")}


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
    out: list[str] = []
    pos = 0
    for match in _HEAVY_OPEN.finditer(page):
        if match.start() < pos:
            continue  # inside a block already removed
        tag = match.group(1)
        if tag is None:
            end = page.find("-->", match.end())
            end = end + 3 if end >= 0 else -1
        else:
            # A pattern, not a search in page.lower(): lowering a big page costs more than the
            # scan, and can change its length ("İ"), which would misplace every cut after it.
            close = _HEAVY_CLOSE[tag.lower()].search(page, match.end())
            end = page.find(">", close.end()) + 1 if close else -1
        if end <= 0:
            break  # unclosed: leave the rest to the HTML parser (no quadratic rescans)
        # Nothing in its place: a browser shows "Ev<!-- -->en" as "Even" (React splits words so).
        out.append(page[pos : match.start()])
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
    junk = len(_JUNK_CHARS.findall(sample))
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
    # lxml refuses a str that declares an encoding, and cannot encode lone surrogates.
    page = XML_DECLARATION.sub("", page)
    try:
        return lxml.html.document_fromstring(page, parser=html_parser(fragments=False))
    except UnicodeError:
        safe = strip_unsafe_chars(page)
        return _parse_page(safe) if safe != page else None
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


# ------------------------------------------------------------------ main content locator
#
# One parse of the page, then: prune regions that never hold article text (the cleaner's structural
# rules, with a size check), score containers by the paragraph text they hold, and pick either a
# container marked as the article body by common CMS conventions or, failing that, the densest
# container plus the siblings that carry text too (readability's idea, without its sanitizer,
# which drops lists, tables and short paragraphs that articles do contain).

# Class or id words that CMSs and templates use for the article body (not site names).
_BODY_MARKER = re.compile(
    r"articlebody|article[-_]*(?:body|content|text|copy|inner|main)"
    r"|(?:entry|post|story|blog|news|single|main|page|text|rich)[-_]*(?:body|content|text|copy)"
    r"|body[-_]*(?:text|copy|content)|field[-_]*body|post[-_]*entry|fulltext"
)
# A marked element whose class also says it is a part around the body is not the body.
_NOT_BODY = re.compile(
    r"comment|related|share|sharing|social|teaser|sidebar|widget|meta|footer|header|author|"
    r"byline|tags|nav|promo|newsletter|recommend|caption|title|summary|excerpt|preview|card|"
    r"list|more|hidden|wrap(?:per)?-(?:top|bottom)"
)
_POSITIVE_CLASS = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story"
)
_NEGATIVE_CLASS = re.compile(
    r"combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|"
    r"scroll|shoutbox|sidebar|sponsor|shopping|tags|tool|widget|copyright|menu|nav|share|social|"
    r"banner|breadcrumb|cookie|newsletter|subscribe|teaser|recommend"
)
_MAIN_MARKER = re.compile(r"^(?:content|main|main-?content|content-?main|primary|story|article)$")
_SCORED_TAGS = frozenset({"p", "pre", "td", "blockquote"})
_CONTAINER_TAGS = frozenset({"div", "article", "section", "main", "td", "body", "center", "span"})
_BLOCK_CHILD_TAGS = frozenset(
    "address article aside blockquote dl div fieldset figure footer form h1 h2 h3 h4 h5 h6 header "
    "hr main nav ol p pre section table ul".split()
)
MIN_PARAGRAPH_CHARS = 25
BODY_MARKER_MIN_SHARE = 0.5
PROTECT_SHARE = 0.4
MARKER_MAX_GROWTH = 1.3  # a marked body with less than this share of the best text loses


@dataclass
class _Scores:
    """Per-element sums filled in one pass over the paragraphs."""

    good: dict[etree._Element, int]  # characters of non-link text in good paragraphs below
    density: dict[etree._Element, float]  # readability-style paragraph score (parent, grandparent)


def _tokens_of(el: etree._Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}".lower()


def _is_paragraph(el: etree._Element) -> bool:
    tag = el.tag
    if tag in _SCORED_TAGS:
        return True
    # A <div> of inline text is a paragraph in all but name.
    return tag in ("div", "section", "span") and not any(
        isinstance(c.tag, str) and c.tag in _BLOCK_CHILD_TAGS for c in el
    ) and el.getparent() is not None and el.getparent().tag != "p"


def _score_page(root: etree._Element) -> _Scores:
    good: dict[etree._Element, int] = {}
    density: dict[etree._Element, float] = {}
    for el in root.iter():
        if not isinstance(el.tag, str) or not _is_paragraph(el):
            continue
        text = normalize_space(el.text_content())
        size = len(text)
        if size < MIN_PARAGRAPH_CHARS:
            continue
        links = sum(len(normalize_space(a.text_content())) for a in el.iter("a"))
        if links / size >= 0.5:
            continue
        own = size - links
        weight = 1 + text.count(",") + text.count("，") + min(size / 100, 3)
        for depth, ancestor in enumerate(el.iterancestors()):
            good[ancestor] = good.get(ancestor, 0) + own
            if depth < 2:
                density[ancestor] = density.get(ancestor, 0.0) + weight / (1 + depth)
        good[el] = good.get(el, 0) + own
    return _Scores(good, density)


def _link_density(el: etree._Element) -> float:
    size = len(normalize_space(el.text_content()))
    links = sum(len(normalize_space(a.text_content())) for a in el.iter("a"))
    return links / size if size else 1.0


def _class_weight(el: etree._Element) -> float:
    """Templates name their parts: "article"/"content" rarely wraps chrome, "footer" rarely text."""
    weight = 0.0
    for value in (el.get("class", ""), el.get("id", "")):
        if not value:
            continue
        value = value.lower()
        if _NEGATIVE_CLASS.search(value):
            weight -= 25
        if _POSITIVE_CLASS.search(value):
            weight += 25
    return weight


def _densest(scores: _Scores) -> etree._Element | None:
    for el in scores.density:
        scores.density[el] += _class_weight(el)
    ranked = sorted(
        (el for el in scores.density if el.tag in _CONTAINER_TAGS),
        key=lambda el: -scores.density[el],
    )[:5]
    best, best_score = None, 0.0
    for el in ranked:  # link density only for the few front-runners: it costs a text walk
        score = scores.density[el] * (1 - _link_density(el))
        if score > best_score:
            best, best_score = el, score
    return best


def _with_siblings(best: etree._Element, scores: _Scores) -> list[etree._Element]:
    """The best container and those of its siblings that hold article text too."""
    parent = best.getparent()
    if parent is None:
        return [best]
    own = scores.good.get(best, 0)
    threshold = max(10.0, scores.density.get(best, 0.0) * 0.2)
    kept = []
    for sibling in parent:
        if sibling is best:
            kept.append(sibling)
            continue
        if not isinstance(sibling.tag, str):
            continue
        good = scores.good.get(sibling, 0)
        if scores.density.get(sibling, 0.0) >= threshold and good >= 0.1 * own:
            kept.append(sibling)
        elif sibling.tag == "p" and scores.good.get(sibling, 0) >= 80:
            kept.append(sibling)
    return kept


def _marked_body(root: etree._Element, scores: _Scores) -> etree._Element | None:
    """The element marked as the article body (class, id, itemprop or <article>) with most text."""
    tiers: list[list[etree._Element]] = [[], [], []]
    for el in scores.good:
        if el.tag not in ("div", "article", "section", "main"):
            continue
        if el.get("itemprop", "").lower() == "articlebody":
            tiers[0].append(el)
            continue
        tokens = _tokens_of(el)
        if tokens.strip() and _BODY_MARKER.search(tokens) and not _NOT_BODY.search(tokens):
            tiers[0].append(el)
        elif el.tag == "article" or el.get("role", "").lower() == "article":
            tiers[1].append(el)
        elif el.tag == "main" or el.get("role", "").lower() == "main" or any(
            _MAIN_MARKER.match(t) for t in (el.get("id", "").lower(), el.get("class", "").lower())
        ):
            tiers[2].append(el)
    for tier in tiers:
        if tier:
            return max(tier, key=lambda el: scores.good.get(el, 0))
    return None


@dataclass
class MainContent:
    """Where the article sits in a page: the chosen elements and how they were chosen."""

    root: etree._Element  # the parsed (and pruned) page
    parts: list[etree._Element]
    method: str  # "body-marker", "density", "whole-page"
    pruned: list[BlockDecision]


def locate_main_content(root: etree._Element) -> MainContent:
    """Prune chrome regions from a parsed page and find the elements holding the article."""
    body = root.find("body")
    body = body if body is not None else root
    first = _score_page(body)
    page_good = first.good.get(body, 0)
    # A region holding much of the page's paragraph text is the article in an unlucky wrapper
    # ("modal-host", "widget Blog"), not a widget.
    pruned = prune_regions(
        body, lambda el: first.good.get(el, 0) > PROTECT_SHARE * page_good
    )
    scores = _score_page(body) if pruned else first
    total = scores.good.get(body, 0)
    if not total:
        return MainContent(root, [body], "whole-page", pruned)
    densest = _densest(scores)
    if densest is None or densest is body:
        candidate = [body]
    else:
        candidate = _with_siblings(densest, scores)
    candidate_good = sum(scores.good.get(el, 0) for el in candidate)
    marked = _marked_body(body, scores)
    if marked is not None and _prefer_marked(marked, densest, scores, candidate_good):
        return MainContent(root, [marked], "body-marker", pruned)
    return MainContent(root, candidate, "density", pruned)


def _prefer_marked(
    marked: etree._Element, densest: etree._Element | None, scores: _Scores, dense_good: int
) -> bool:
    """A marked body wins unless the text says it is a page-wide wrapper or a side part."""
    good = scores.good.get(marked, 0)
    if densest is None:
        return good > 0
    if marked is densest or any(a is marked for a in densest.iterancestors()):
        # A wrapper around the densest block: fine if it adds a lead, not a page of teasers.
        return good <= MARKER_MAX_GROWTH * dense_good
    if any(a is densest for a in marked.iterancestors()):
        return good >= BODY_MARKER_MIN_SHARE * dense_good
    return good >= dense_good


def _content_html(parts: list[etree._Element]) -> str:
    return "".join(etree.tostring(el, encoding="unicode", method="html", with_tail=False)
                   for el in parts)


# ------------------------------------------------------------------ main entry


def _clean_to_text(content: str, titles: list[str], base: str) -> tuple[str, str]:
    cleaned = clean_tree_html(content[:MAX_CONTENT_CHARS], titles)
    # NFC, so text compares and searches alike whatever form the page used (Bengali, Vietnamese…).
    safe = unicodedata.normalize("NFC", sanitize_html(cleaned, base, MAX_CONTENT_CHARS))
    return safe, html_to_text(safe)


@dataclass(frozen=True)
class PageRules:
    """A feed's own CSS rules, for the pages no heuristic reads right."""

    keep: str = ""  # the article body: its matches, in page order, are the main content
    remove: str = ""  # elements dropped from the page before anything else


def check_selector(selector: str) -> str:
    """The error message of an invalid CSS selector, or "" when it is usable."""
    if not selector:
        return ""
    try:
        CSSSelector(selector)
    except (SelectorError, SelectorSyntaxError, ValueError) as exc:
        return f"invalid CSS selector {selector!r}: {exc}"
    return ""


def _apply_rules(doc: etree._Element, rules: PageRules) -> str | None:
    """Drop the `remove` matches from a parsed page; the HTML of the `keep` matches, or None."""
    if rules.remove:
        for el in CSSSelector(rules.remove)(doc):
            if el.getparent() is not None:
                el.drop_tree()
    if not rules.keep:
        return None
    parts: list[etree._Element] = []
    inside: set[etree._Element] = set()
    for el in CSSSelector(rules.keep)(doc):  # a match inside another is already part of it
        if not any(a in inside for a in el.iterancestors()):
            parts.append(el)
        inside.add(el)
    return _content_html(parts) if parts else None


def extract_article(html: str | bytes, url: str = "", title_hint: str = "",
                    rules: PageRules | None = None) -> Extraction:
    """readability main content → clean_content → sanitize_html → html_to_text; never raises.

    `rules` (a feed's CSS selectors) come first: `remove` matches are dropped from the page and
    `keep` matches, when there are any, are the main content.
    """
    hint = clean_field(title_hint or "", TITLE_MAX_LEN)
    try:
        return _extract(html, url, hint, rules or PageRules())
    except Exception as exc:  # a bad page must never stop the run
        log.warning("extraction failed for %s: %s", url or "<page>", exc)
        return Extraction("", "", hint, REASON_FAILED)


@dataclass
class _Chosen:
    """The main content a page gave, before and after cleaning."""

    page: str  # the decoded page, scripts and styles cut
    content: str  # main-content HTML as located (readability's, or our locator's)
    safe: str
    text: str
    title: str
    titles: list[str]
    method: str  # "consensus", "second:disagree", "locator:<how>", ...
    dropped: dict[str, str] = field(default_factory=dict)  # block text -> merge rule
    standfirst: str = ""  # the lead taken from above the content, if any


def _prepare(html: str | bytes, hint: str) -> tuple[str, str]:
    """(page, "") for a usable page, or ("", reason)."""
    if html is None or len(html) == 0:
        return "", REASON_EMPTY
    if isinstance(html, bytes):
        if _binary_reason(html):
            return "", REASON_NOT_HTML
        if len(html) > 4 * MAX_PAGE_CHARS:
            return "", REASON_TOO_LARGE
        page = decode_page(html)
    else:
        page = html
    if len(page) > MAX_PAGE_CHARS:
        return "", REASON_TOO_LARGE
    # NUL bytes stop the HTML parser; the other unsafe characters are cut from the (much
    # smaller) fragments that come out, which is where they could do harm.
    if "\x00" in page:
        page = page.replace("\x00", "")
    reason = _text_reason(page)
    if reason:
        return "", reason
    # Browsers put whatever follows a stray </body> or </html> into the body; libxml2 drops it,
    # and with it the article of pages whose header template closes the document early.
    return _DOCUMENT_END.sub(" ", strip_heavy_blocks(page)), ""


def _choose(page: str, url: str, hint: str, rules: PageRules | None = None) -> _Chosen:
    doc = _parse_page(page[:MAX_READABILITY_CHARS])
    best_title, candidates = _page_title(doc)
    title = clean_field(best_title, TITLE_MAX_LEN) or hint
    base = _base_url(doc, url)
    titles = [hint, *candidates]
    if doc is None:
        return _Chosen(page, "", "", "", title, titles, "unparsable")

    if rules is not None and (rules.keep or rules.remove):
        kept = _apply_rules(doc, rules)
        page = etree.tostring(doc, encoding="unicode", method="html")
        if kept is not None:
            safe, text = _clean_to_text(kept, titles, base)
            return _Chosen(page, kept, safe, text, title, titles, "feed-rule:keep")
    description = _meta_content(doc, "og:description", "description", "twitter:description")
    about = " ".join([title, description])
    prepare_tree(doc)
    # Two readers, then their consensus (see consensus.py): each misses what the other gets.
    primary = readability_html(doc)
    merge = merge_blocks(primary, trafilatura_content(doc, url), about)
    if merge.how != AGREED:
        # The readers disagree: give trafilatura its fallbacks before deciding.
        merge = merge_blocks(primary, trafilatura_content(doc, url, thorough=True), about)
    content, method = merge.html, merge.how
    safe, text = _clean_to_text(content, titles, base)
    if merge.how == AGREED and _reads_little(doc, text):
        # Both readers settled on one section of a long page (a list's intro, a first
        # chapter): trafilatura's fallbacks may read on; their reading counts only if it
        # takes in what the two agreed on.
        wider = merge_blocks(primary, trafilatura_content(doc, url, thorough=True), about)
        wider_safe, wider_text = _clean_to_text(wider.html, titles, base)
        if (len(wider_text) >= WIDER_GAIN * len(text)
                and normalize_space(text)[:100] in normalize_space(wider_text)):
            merge, content, safe, text = wider, wider.html, wider_safe, wider_text
            method = f"wider:{wider.how}"
    standfirst = find_standfirst(doc, description, merge.opening, text)
    if standfirst:
        content = f"<p>{html_lib.escape(standfirst, quote=False)}</p>{content}"
        safe, text = _clean_to_text(content, titles, base)
    if len(text) < SECOND_OPINION_CHARS:
        # Both settled on a caption or a teaser: our own locator reads the whole page, and is
        # asked only then, so the common page costs no third pass.
        other_doc = _parse_page(page[:MAX_PARSE_CHARS])
        if other_doc is not None:
            main = locate_main_content(other_doc)
            other_content = _content_html(main.parts)
            other_safe, other = _clean_to_text(other_content, titles, base)
            if len(other) >= SECOND_OPINION_GAIN * len(text):
                content, safe, text = other_content, other_safe, other
                method, standfirst = f"locator:{main.method}", ""
    return _Chosen(page, content, safe, text, title, titles, method, _dropped_texts(merge),
                   standfirst)


def _reads_little(doc: etree._Element, text: str) -> bool:
    """Whether the text is a small part of what the (trimmed) page has to read."""
    body = doc.find("body")
    page_text = (body if body is not None else doc).text_content()
    return len(text) < SMALL_SHARE * len(normalize_space(page_text))


def _dropped_texts(merge: Merge) -> dict[str, str]:
    """Text of every leaf block the merge left out, with its rule (for --explain)."""
    out: dict[str, str] = {}
    for el, rule in merge.dropped:
        for _, text in _leaf_blocks(el):
            out.setdefault(text, rule)
    return out


def _extract(html: str | bytes, url: str, hint: str, rules: PageRules) -> Extraction:
    page, reason = _prepare(html, hint)
    if reason:
        return Extraction("", "", hint, reason)
    chosen = _choose(page, url, hint, rules)
    if len(chosen.text) < MIN_TEXT_CHARS:
        return Extraction("", "", chosen.title, REASON_NO_CONTENT)
    return Extraction(chosen.safe, chosen.text, chosen.title, "")


# ------------------------------------------------------------------ explain

RULE_OUTSIDE = "outside-main-content"
RULE_STANDFIRST = "standfirst"


def _page_blocks(page: str) -> list[tuple[str, str]]:
    """(tag, text) of every leaf block of the whole page, in document order."""
    doc = _parse_page(page[:MAX_PARSE_CHARS])
    if doc is None:
        return []
    body = doc.find("body")
    return list(_leaf_blocks(body if body is not None else doc))


def _leaf_blocks(root: etree._Element) -> Iterator[tuple[str, str]]:
    """(tag, text) of every block under root that holds no other block, in document order."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in _EXPLAIN_BLOCK_TAGS:
            continue
        if any(isinstance(c.tag, str) and c.tag in _EXPLAIN_BLOCK_TAGS for c in el):
            continue
        # itertext, not text_content: trafilatura's elements are plain etree ones.
        text = normalize_space("".join(el.itertext()))
        if text:
            yield el.tag, text


_EXPLAIN_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dt dd pre blockquote td th caption figcaption address div section "
    "article header footer nav aside form main ul ol table".split()
)


def extract_explain(html: str | bytes, url: str = "", title_hint: str = "",
                    rules: PageRules | None = None) -> list[BlockDecision]:
    """Every block of the page with kept/removed and the rule that decided; never raises."""
    hint = clean_field(title_hint or "", TITLE_MAX_LEN)
    try:
        page, reason = _prepare(html, hint)
        if reason:
            return [BlockDecision("", False, reason, "")]
        original = page
        chosen = _choose(page, url, hint, rules)
        if chosen.page is not original:
            # Blocks a feed rule removed are named as such, not as "outside the content".
            remaining = {text for _, text in _page_blocks(chosen.page)}
            removed = [BlockDecision(text, False, "feed-rule:remove", tag)
                       for tag, text in _page_blocks(original) if text not in remaining]
        else:
            removed = []
        inside = explain_blocks_multi(chosen.content[:MAX_CONTENT_CHARS], chosen.titles)
    except Exception as exc:  # explaining a bad page must not fail either
        log.warning("explain failed for %s: %s", url or "<page>", exc)
        return [BlockDecision("", False, REASON_FAILED, "")]
    if chosen.standfirst:  # kept by the cleaner, but put there by the standfirst rule
        inside = [replace(d, rule=RULE_STANDFIRST)
                  if d.kept and not d.rule and d.text == chosen.standfirst else d for d in inside]
    pending: dict[str, list[BlockDecision]] = {}
    for decision in inside:
        pending.setdefault(decision.text, []).append(decision)
    out: list[BlockDecision] = []
    for tag, text in _page_blocks(chosen.page):
        matches = pending.get(text)
        if matches:
            out.append(matches.pop(0))
        else:
            out.append(BlockDecision(text, False, chosen.dropped.get(text, RULE_OUTSIDE), tag))
    # Whatever the page walk did not meet (merged or structural blocks) still gets a line.
    seen = {id(d) for d in out}
    out.extend(d for d in inside if id(d) not in seen)
    return removed + out


def format_explain(decisions: list[BlockDecision], width: int = 80) -> str:
    """One line per block: KEEP/DROP, tag, rule and the first characters of its text."""
    lines = []
    for d in decisions:
        text = normalize_space(d.text)[:width]
        verdict = "KEEP" if d.kept else "DROP"
        lines.append(f"{verdict}  {d.tag or '-':<10} {d.rule or '-':<22} {text}")
    return "\n".join(lines)
