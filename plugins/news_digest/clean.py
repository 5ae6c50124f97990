"""Boilerplate removal on an article's main-content HTML (from readability or a feed's content).

Two passes over a parsed fragment:
1. structural: elements that are never article text (figures, forms, asides, share/related/comment
   widgets recognised by tag, class, id or role) are dropped whole;
2. blocks: every leaf block (paragraph, heading, list item...) is matched against per-language
   pattern tables (clean_rules.py); the rule name that removed a block is kept for explain_blocks().
Patterns are compared on a folded "key" (case, accents and punctuation removed), so "À lire aussi :"
and "A LIRE AUSSI" are the same key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import lxml.html
from lxml import etree

from news_digest.clean_rules import (
    AUTHOR_CONTACT,
    AUTHOR_CONTACT_MAX_WORDS,
    BLOCK_TAGS,
    BYLINE,
    BYLINE_MAX_WORDS,
    CAPTION_MAX_WORDS,
    CHROME_MAX_WORDS,
    CHROME_PHRASES,
    COMMENT_COUNT,
    COMMENT_FORM,
    COOKIE_CONTEXT,
    CREDIT_LABEL,
    CREDIT_LINE,
    CREDIT_MAX_WORDS,
    DATE_WORDS,
    DATELINE_MARKERS,
    DATELINE_MAX_WORDS,
    ENGLISH_MARKERS,
    GALLERY_COUNTER,
    HEADING_TAGS,
    LABEL_MAX_WORDS,
    LABEL_ROW,
    LINE_TAGS,
    MT_BRACKET,
    NOISE_ROLES,
    NOISE_TAGS,
    NOISE_TOKEN_PREFIXES,
    NOISE_TOKENS,
    QUOTES,
    READ_ALSO,
    READ_ALSO_STRICT,
    REGION_TAGS,
    SHARE_STRONG,
    SHARE_WORDS,
    SOCIAL_FOLLOW,
    SOCIAL_FOLLOW_MAX_WORDS,
    STRUCTURAL_MAX_SHARE,
    TITLE_SCAN_BLOCKS,
    TITLE_SIMILARITY,
    WHOLE_BLOCK,
    WIDGET_HEADINGS,
)
from news_digest.text import normalize_space, parse_fragment

# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlockDecision:
    """One block of the fragment and what cleaning did with it."""

    text: str
    kept: bool
    rule: str = ""  # rule that removed (or edited, when kept) the block
    tag: str = ""


@dataclass
class _Block:
    el: etree._Element
    tag: str
    lines: list[str]
    text: str
    key: str
    words: int
    link_ratio: float
    rule: str = ""
    edited: str = ""

    @property
    def removed(self) -> bool:
        return bool(self.rule)

    @property
    def is_line(self) -> bool:
        return self.tag in LINE_TAGS


# Combining diacritics of Latin, Greek and Cyrillic letters (what NFKD splits off "é", "ö", "ç").
# Scripts whose vowel signs are combining marks (Devanagari, Bengali…) keep them: without them
# the words would not be words.
_DIACRITICS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return _DIACRITICS.sub("", unicodedata.normalize("NFKD", text))


_NOT_WORD = re.compile(r"[^\w©]+")
_NOT_CREDIT_CHAR = re.compile(r"[^\w©/:()'.-]+")
_CLASS_SPLIT = re.compile(r"[\s_\-]+")


def _key(text: str) -> str:
    """Fold case, accents and punctuation so patterns match however a page typesets them."""
    # Whitespace is never a word character, so the one substitution leaves single spaces.
    return _NOT_WORD.sub(" ", _strip_accents(text.casefold())).strip(" ")


def _keys(table: dict[str, list[str]]) -> tuple[str, ...]:
    # Sorted longest first so "à lire aussi" wins over "lire"; deterministic whatever the dict.
    folded = {_key(phrase) for phrases in table.values() for phrase in phrases}
    return tuple(sorted(folded, key=lambda k: (-len(k), k)))


_READ_ALSO_KEYS = _keys(READ_ALSO)
_READ_ALSO_STRICT_KEYS = _keys(READ_ALSO_STRICT)
_COMMENT_KEYS = _keys(COMMENT_FORM)
_WIDGET_KEYS = frozenset(_keys(WIDGET_HEADINGS))
_CHROME_KEYS = {name: _keys(table) for name, table in CHROME_PHRASES.items()}
_WHOLE_KEYS = {name: frozenset(_key(p) for p in phrases) for name, phrases in WHOLE_BLOCK.items()}


def _prefix_re(keys: Sequence[str]) -> re.Pattern[str]:
    # One alternation (longest first) is far faster than a loop over phrases on big pages.
    return re.compile(rf"^(?:{'|'.join(map(re.escape, keys))})(?= |$)")


class _Phrases:
    """Folded phrases found at word boundaries of a folded key, by a dictionary of first words:
    a regex alternation of hundreds of phrases tries each at every position, ten times slower."""

    def __init__(self, groups: dict[str, Sequence[str]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for name, keys in groups.items():
            for key in keys:
                words = tuple(key.split())
                if words:
                    self._by_first.setdefault(words[0], []).append((words, name))

    def names_in(self, key: str) -> set[str]:
        """The groups with a phrase somewhere in key."""
        words = key.split()
        found: set[str] = set()
        if self._by_first.keys().isdisjoint(words):  # the usual case, decided in C
            return found
        for i, word in enumerate(words):
            for phrase, name in self._by_first.get(word, ()):
                if name not in found and tuple(words[i : i + len(phrase)]) == phrase:
                    found.add(name)
        return found


_READ_ALSO_RE = _prefix_re(_READ_ALSO_KEYS)
_READ_ALSO_STRICT_RE = _prefix_re(_READ_ALSO_STRICT_KEYS)
_COMMENT_RE = _prefix_re(_COMMENT_KEYS)
_CHROME = _Phrases(_CHROME_KEYS)
_CHROME_MAX = max(CHROME_MAX_WORDS.values())
_COOKIE_CONTEXT = _Phrases({"cookies": sorted({_key(w) for w in COOKIE_CONTEXT})})


def _starts_with(key: str, pattern: re.Pattern[str]) -> str:
    match = pattern.match(key)
    return match.group() if match else ""


# ------------------------------------------------------------------ structural pass


def _class_tokens(el: etree._Element) -> list[str]:
    raw = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return [t for t in _CLASS_SPLIT.split(raw) if t]


def structural_rule(el: etree._Element) -> str:
    """Why an element is a never-article region (tag, role, class, hidden), or ""."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in NOISE_TAGS or tag in REGION_TAGS:
        if tag == "figure" and el.find(".//table") is not None:
            return ""  # a data table inside a figure is content; its caption still goes
        return f"tag:{tag}"
    if (el.get("role") or "").lower() in NOISE_ROLES:
        return f"role:{el.get('role').lower()}"
    style = (el.get("style") or "").replace(" ", "").lower()
    if el.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style:
        return "hidden"
    for token in _class_tokens(el):
        if token in NOISE_TOKENS or token.startswith(NOISE_TOKEN_PREFIXES):
            return f"class:{token}"
    return ""


def _text_len(el: etree._Element) -> int:
    return len(normalize_space(el.text_content()))


def _link_len(el: etree._Element) -> int:
    return sum(len(normalize_space(a.text_content())) for a in el.iter("a"))


def _remove_structural(
    root: etree._Element,
    decisions: list[BlockDecision],
    protect: Callable[[etree._Element], bool] | None = None,
) -> None:
    total = max(_text_len(root), 1) if protect is None else 1
    removed: set[etree._Element] = set()
    for el in root.iter():
        if el is root or not isinstance(el.tag, str):
            continue
        rule = structural_rule(el)
        if not rule:
            continue
        if any(a in removed for a in el.iterancestors()):
            continue  # already inside a removed subtree
        if protect is not None:
            if protect(el):
                continue
        else:
            size = _text_len(el)
            mostly_links = size and _link_len(el) / size >= 0.5
            big = size / total > STRUCTURAL_MAX_SHARE
            if big and not mostly_links and el.tag not in NOISE_TAGS:
                continue
        removed.add(el)
    for el in [el for el in root.iter() if el in removed]:
        text = normalize_space(el.text_content())
        if text:
            rule = f"structural:{structural_rule(el)}"
            decisions.append(BlockDecision(text[:300], False, rule, el.tag))
        _drop(el)


def prune_regions(
    root: etree._Element, protect: Callable[[etree._Element], bool]
) -> list[BlockDecision]:
    """Drop never-article regions (nav, forms, share/comment widgets...) unless protect(el)."""
    decisions: list[BlockDecision] = []
    _remove_structural(root, decisions, protect)
    return decisions


def _drop(el: etree._Element) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    previous = el.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# ------------------------------------------------------------------ blocks


def _is_block(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and el.tag in BLOCK_TAGS


def _wrap_loose_text(root: etree._Element) -> None:
    """Put text that sits directly in a container beside block children into its own <p>."""
    for container in list(root.iter()):
        if not isinstance(container.tag, str) or not any(_is_block(c) for c in container):
            continue
        items: list[etree._Element | str] = []
        if container.text and container.text.strip():
            items.append(container.text)
        container.text = None
        for child in list(container):
            tail = child.tail
            child.tail = None
            items.append(child)
            if tail and tail.strip():
                items.append(tail)
            container.remove(child)
        run: list[etree._Element | str] = []
        for item in [*items, None]:
            if item is None or (not isinstance(item, str) and _is_block(item)):
                if run:
                    container.append(_paragraph_from(run))
                    run = []
                if item is not None:
                    container.append(item)
            else:
                run.append(item)


def _paragraph_from(run: list[etree._Element | str]) -> etree._Element:
    p = lxml.html.Element("p")
    for item in run:
        if isinstance(item, str):
            if len(p):
                p[-1].tail = (p[-1].tail or "") + item
            else:
                p.text = (p.text or "") + item
        else:
            p.append(item)
    return p


def _lines(el: etree._Element) -> list[str]:
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                parts.append("\n")
            elif node.text:
                parts.append(node.text)
        elif node is not el and node.tail:
            parts.append(node.tail)
    return [line for line in (normalize_space(x) for x in "".join(parts).split("\n")) if line]


KEY_CHARS = 600


def _collect_blocks(root: etree._Element) -> list[_Block]:
    blocks = []
    for el in root.iter():
        if not _is_block(el) or el is root or any(_is_block(c) for c in el):
            continue
        lines = _lines(el)
        if not lines:
            continue
        text = " ".join(lines)
        blocks.append(
            # Rules look at a block's start (or at short blocks whole): a long paragraph's
            # key need not fold all of it.
            _Block(el, el.tag, lines, text, _key(text[:KEY_CHARS]), len(text.split()),
                   min(1.0, _link_len(el) / max(len(text), 1)))
        )
    return blocks


# ------------------------------------------------------------------ per-block rules


def _credit_kind(line: str) -> str:
    """"attributed" ("Name/Agency", "© X", "Photo by X"), "labelled" ("Photo : X") or ""."""
    if len(line.split()) > CREDIT_MAX_WORDS:
        return ""
    folded = " ".join(_fold_keep_slash(line).split())
    if any(pattern.search(folded) for pattern in CREDIT_LINE):
        return "attributed"
    return "labelled" if CREDIT_LABEL.search(folded) else ""


def _is_credit(line: str) -> bool:
    return bool(_credit_kind(line))


def _fold_keep_slash(text: str) -> str:
    # Credit patterns need "/" and ":" which _key() removes.
    text = _strip_accents(text.casefold())
    return _NOT_CREDIT_CHAR.sub(" ", text).replace(" :", ":").replace(" /", "/")


def _read_also(block: _Block) -> bool:
    short = block.words <= 30 or block.link_ratio >= 0.5
    if not short:
        return False
    if _starts_with(block.key, _READ_ALSO_RE):
        return True
    prefix = _starts_with(block.key, _READ_ALSO_STRICT_RE)
    if not prefix:
        return False
    if block.key == prefix or block.link_ratio >= 0.5:
        return True
    # Strict phrases must be followed by a colon in the original text: "Related: ...".
    head = _fold_keep_slash(block.text)
    return bool(re.match(rf"^\W*{re.escape(prefix)}\s*:", head))


def _is_share_row(block: _Block) -> bool:
    tokens = [t for t in block.key.split() if not t.isdigit()]
    return (
        0 < len(tokens) <= 16
        and all(t in SHARE_WORDS for t in tokens)
        and any(t in SHARE_STRONG for t in tokens)
    )


_DIGIT = re.compile(r"\d")


SHOUTED_LINK_SHARE = 0.9  # of the text in the link, and of its letters in capitals


def _is_shouted_link(block: _Block) -> bool:
    """A paragraph that is one link in capitals ("SEAN SPICER ELIMINATED FROM 'DANCING…'"):
    the inline related-story link of many news sites."""
    if block.link_ratio < SHOUTED_LINK_SHARE or block.words < 3 or block.tag in HEADING_TAGS:
        return False
    letters = [c for c in block.text if c.isalpha()]
    return sum(c.isupper() for c in letters) >= SHOUTED_LINK_SHARE * len(letters)


_CLOCK_SUFFIX = re.compile(r"\b[ap]\.\s?m\.$", re.I)


def _ends_sentence(text: str) -> bool:
    """Whether text ends as a sentence does; "Updated at 1:23 p.m." does not."""
    return _CLOCK_SUFFIX.sub("", text.rstrip()).endswith((".", "!", "?"))


def _is_dateline(block: _Block) -> bool:
    key = block.key
    if block.words > DATELINE_MAX_WORDS or block.tag in HEADING_TAGS:
        return False
    if not _DIGIT.search(key):
        return False
    tokens = key.split()
    if all(t.isdigit() or t in DATE_WORDS or re.fullmatch(r"\d+h\d*|\d+(?:st|nd|rd|th)", t)
           for t in tokens):
        return True
    # A marker alone is not enough: "The study, published on 3 March, found …" is a sentence.
    return bool(DATELINE_MARKERS.search(key)) and (
        not _ends_sentence(block.text)
        or bool(re.search(r"\b(?:min|minutes?)\b", key))
    )


# The longest block any _block_rule pattern applies to (a caption with its credit).
LONGEST_RULED_WORDS = max(CAPTION_MAX_WORDS, *CHROME_MAX_WORDS.values())


def _block_rule(block: _Block) -> str:
    """Rule name for a block that is boilerplate on its own, or ""."""
    if block.words > LONGEST_RULED_WORDS and block.link_ratio < 0.5:
        return ""  # running prose: every rule below is for short or link-heavy blocks
    key = block.key
    for name, keys in _WHOLE_KEYS.items():
        if key in keys:
            return name
    if key in _WIDGET_KEYS:
        return "widget_heading"
    if COMMENT_COUNT.match(key):
        return "comment_count"
    if _is_shouted_link(block):
        return "related_link"
    if GALLERY_COUNTER.match(key):
        return "gallery_counter"
    if block.words <= SOCIAL_FOLLOW_MAX_WORDS and SOCIAL_FOLLOW.match(key):
        return "social_follow"
    if block.words <= AUTHOR_CONTACT_MAX_WORDS and AUTHOR_CONTACT.match(block.text):
        return "author_contact"
    if block.words <= 40 and _starts_with(key, _COMMENT_RE):
        return "comment_form"
    if _read_also(block):
        return "read_also"
    if _is_share_row(block):
        return "share"
    if (
        block.words <= BYLINE_MAX_WORDS
        and BYLINE.match(key)
        and not _ends_sentence(block.text) and not block.text.rstrip().endswith(":")
        and block.tag not in HEADING_TAGS
    ):
        return "byline"
    if block.text.startswith(QUOTES):
        return ""  # a quotation is somebody's words, whatever they mention
    if _is_dateline(block):
        return "dateline"
    if block.words <= LABEL_MAX_WORDS and LABEL_ROW.match(block.text):
        return "label_row"
    if block.words <= _CHROME_MAX:
        found = _CHROME.names_in(key)
        for name in CHROME_PHRASES:  # the table's order decides between two kinds
            if name in found and block.words <= CHROME_MAX_WORDS[name]:
                if name != "cookies" or _COOKIE_CONTEXT.names_in(key):
                    return name
    if block.words <= CREDIT_MAX_WORDS * len(block.lines) and all(map(_is_credit, block.lines)):
        attributed = len(block.lines) == 1 and _credit_kind(block.lines[0]) == "attributed"
        return "photo_credit" if attributed else "photo_label"
    if len(block.lines) > 1 and _is_credit(block.lines[-1]) and block.words <= CAPTION_MAX_WORDS:
        return "caption_credit"
    return ""


# ------------------------------------------------------------------ sequence rules


def _title_variants(titles: Sequence[str]) -> list[str]:
    variants: set[str] = set()
    for title in titles:
        if not title:
            continue
        variants.add(_key(title))
        # "Headline - Site name" / "Site | Headline": the headline part alone also counts.
        for part in re.split(r"\s+[|–—-]\s+|\s+::\s+", title):
            if len(part.split()) >= 3:
                variants.add(_key(part))
    return sorted(v for v in variants if v)


def _matches_title(key: str, variants: Sequence[str]) -> bool:
    for variant in variants:
        if key == variant:
            return True
        shorter, longer = sorted((len(key), len(variant)))
        if longer < 400 and shorter >= 0.8 * longer:
            if SequenceMatcher(None, key, variant, autojunk=False).ratio() >= TITLE_SIMILARITY:
                return True
    return False


def _mark_repeated_title(blocks: list[_Block], titles: Sequence[str]) -> None:
    head = blocks[:TITLE_SCAN_BLOCKS]
    h1 = next((b.text for b in head if b.tag == "h1"), "")
    variants = _title_variants([*titles, h1])
    if not variants:
        return
    for i, block in enumerate(head):
        if not block.removed and _matches_title(block.key, variants):
            block.rule = "repeated_title"
            # A one- or two-word section label ("Culture", "Reviews") above the headline.
            for before in head[:i]:
                if not before.removed and before.words <= 2 and not before.is_line:
                    before.rule = "kicker"


def _mark_captions(blocks: list[_Block]) -> None:
    for i, block in enumerate(blocks):
        if block.rule != "photo_credit" or i == 0:
            continue
        caption = blocks[i - 1]
        # A credit under its own image ("<p><img><br>© ANP</p>") belongs to that image, and the
        # block above is the article going on, not a caption.
        if block.el.find(".//img") is not None:
            continue
        if (
            not caption.removed
            and caption.tag not in HEADING_TAGS
            and caption.words <= CAPTION_MAX_WORDS
        ):
            caption.rule = "caption"


def _is_substantial(block: _Block) -> bool:
    sentence = block.words >= 8 and block.text.rstrip("”»\"')").endswith((".", "!", "?", "…"))
    return (
        not block.removed
        and (block.words >= 20 or sentence)
        and block.link_ratio < 0.5
        and not block.is_line
        and block.tag not in HEADING_TAGS
    )


def _is_list_like(block: _Block) -> bool:
    return block.is_line or block.link_ratio >= 0.5 or (
        block.words <= 12 and not block.text.rstrip("”»\"'").endswith((".", "!", "?"))
    )


def _mark_tails(blocks: list[_Block]) -> None:
    """Comment forms and widget headings take the rest of the content, or the list after them."""
    total = sum(len(b.text) for b in blocks) or 1
    # Suffix tables keep this linear even on pages made of hundreds of widget headings.
    kept_after = [0] * (len(blocks) + 1)
    substantial_after = [False] * (len(blocks) + 1)
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        kept_after[i] = kept_after[i + 1] + (0 if block.removed else len(block.text))
        substantial_after[i] = substantial_after[i + 1] or _is_substantial(block)
    for i, block in enumerate(blocks):
        opens_tail = block.rule in ("comment_form", "widget_heading") or (
            block.rule == "read_also" and block.words <= 4
        )
        if not opens_tail:
            continue
        near_end = block.rule == "comment_form" and kept_after[i + 1] < 0.3 * total
        takes_rest = block.rule != "read_also" and (near_end or not substantial_after[i + 1])
        if takes_rest:
            for follower in blocks[i + 1 :]:
                follower.rule = follower.rule or f"after_{block.rule}"
            return
        for follower in blocks[i + 1 :]:
            if follower.removed:
                continue
            if not _is_list_like(follower):
                break
            follower.rule = f"after_{block.rule}"


def _looks_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text[:5000].lower())  # a sample is as telling as the whole
    if len(words) < 8:
        return False
    return sum(w in ENGLISH_MARKERS for w in words) / len(words) > 0.12


def _remove_mt_brackets(blocks: list[_Block], lang: str) -> None:
    """Delete "[is]"-style leftovers of machine translation from non-English text."""
    lang = lang.split("-")[0].split("_")[0].lower()
    kept = [b for b in blocks if not b.removed]
    if lang == "en" or (not lang and _looks_english(" ".join(b.text for b in kept))):
        return
    for block in kept:
        if "[" not in block.text:
            continue
        changed = False
        for node in block.el.iter():
            for attr in ("text", "tail"):
                if node is block.el and attr == "tail":
                    continue
                value = getattr(node, attr)
                if value and "[" in value:
                    new = MT_BRACKET.sub("", value)
                    if new != value:
                        setattr(node, attr, new)
                        changed = True
        if changed:
            block.edited = "mt_bracket"


def _remove_empty(root: etree._Element) -> None:
    # Containers left with no text and no image after removals would render as empty boxes.
    for el in reversed(list(root.iter())):
        if el is root or not isinstance(el.tag, str) or el.tag in ("br", "img", "hr"):
            continue
        if _is_block(el) and not el.text_content().strip() and el.find(".//img") is None:
            _drop(el)


# ------------------------------------------------------------------ public API


def _clean_tree(
    root: etree._Element, titles: Sequence[str], lang: str
) -> tuple[list[BlockDecision], list[_Block]]:
    decisions: list[BlockDecision] = []
    _remove_structural(root, decisions)
    _wrap_loose_text(root)
    blocks = _collect_blocks(root)
    for block in blocks:
        block.rule = _block_rule(block)
    _mark_repeated_title(blocks, titles)
    _mark_captions(blocks)
    _mark_tails(blocks)
    _remove_mt_brackets(blocks, lang)
    for block in blocks:
        decisions.append(
            BlockDecision(block.text, not block.removed, block.rule or block.edited, block.tag)
        )
        if block.removed:
            _drop(block.el)
    _remove_empty(root)
    return decisions, blocks


def _serialize(root: etree._Element) -> str:
    parts = [root.text or ""]
    parts.extend(etree.tostring(child, encoding="unicode", method="html") for child in root)
    return "".join(parts).strip()


def clean_tree_html(html: str, titles: Sequence[str] = (), lang: str = "") -> str:
    """clean_content() with several candidate titles (feed title, og:title, <title>...)."""
    root = parse_fragment(html) if html else None
    if root is None:
        return ""
    _clean_tree(root, titles, lang)
    return _serialize(root)


def clean_content(html: str, title: str = "", lang: str = "") -> str:
    """Return the fragment without boilerplate blocks, as HTML (not yet sanitized)."""
    return clean_tree_html(html, [title] if title else [], lang)


def explain_blocks_multi(
    html: str, titles: Sequence[str] = (), lang: str = ""
) -> list[BlockDecision]:
    """explain_blocks() with several candidate titles, as clean_tree_html() takes them."""
    root = parse_fragment(html) if html else None
    if root is None:
        return []
    decisions, _ = _clean_tree(root, titles, lang)
    return decisions


def explain_blocks(html: str, title: str = "", lang: str = "") -> list[BlockDecision]:
    """Each block of the fragment, in order, with kept/removed and the rule that decided."""
    root = parse_fragment(html) if html else None
    if root is None:
        return []
    decisions, _ = _clean_tree(root, [title] if title else [], lang)
    return decisions
