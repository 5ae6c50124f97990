"""Two extractors' main content → one: keep what both found, and what one found inside the other.

readability-lxml and trafilatura fail differently: readability sometimes settles on the wrong
container or drops a lead paragraph; trafilatura sometimes keeps a related-links tail or cuts a
paragraph out of the middle. Aligned block by block, their agreement is a strong signal:

- blocks both kept are article text;
- blocks only one kept *between* agreed blocks, or *before* the first one (a lead, a standfirst),
  are article text the other missed;
- blocks only one kept *after* the last agreed block are the usual tail of "read more", author
  boxes and newsletter pitches, and are dropped;
- when the two barely overlap they read different parts of the page: trafilatura's reading wins
  unless readability's is clearly longer (trafilatura then kept only a teaser or a fragment).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from news_digest.clean import structural_rule
from news_digest.text import parse_fragment

# Elements kept or dropped as a whole: paragraphs, headings, lists, tables, quotes, code.
UNIT_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 ul ol dl table blockquote pre figure address".split()
)
AGREE_SHARE = 0.5  # words in agreed blocks, as a share of the longer text, to merge at all
# Without agreement, readability keeps its text only when it is clearly longer: trafilatura's
# container choice is the better one on every benchmark page set we measured.
PRIMARY_LONGER = 1.25
FLAT_DUMP_WORDS = 150  # a single block longer than this is a page dump, not a paragraph
SAME_WORDS = 0.6  # two differing runs sharing this share of words are one text cut differently
LABEL_WORDS = 3
PROSE_WORDS = 30  # a one-reader tail paragraph this long, of full sentences, is article text
ABOUT_MIN_WORDS = 4  # a title and description this poor say nothing about either reading
ABOUT_MARGIN = 0.15  # one reading must open with this much more of them to win on topic
ABOUT_WINDOW = 400  # words of each reading's opening compared
AGREED = "consensus"

_WORD = re.compile(r"\w+")
_BREAKS = frozenset("br li dt dd tr td th".split())


@dataclass
class Block:
    """One unit of extracted content: its element and its text as a comparison key."""

    el: etree._Element
    key: str
    words: int


def _has_direct_text(el: etree._Element) -> bool:
    if (el.text or "").strip():
        return True
    return any((child.tail or "").strip() for child in el)


def _text(el: etree._Element) -> str:
    """The element's text with a space at each line or block break (text_content() glues
    "<li>a</li><li>b</li>" into "ab")."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if not isinstance(node.tag, str):
            continue
        if event == "start":
            if node.tag in _BREAKS:
                parts.append(" ")
            parts.append(node.text or "")
        elif node is not el:
            parts.append(node.tail or "")
    return "".join(parts)


def _block(el: etree._Element) -> Block | None:
    words = _WORD.findall(_text(el).lower())
    if not words:
        return None
    return Block(el, " ".join(words), len(words))


def _root(content: str | etree._Element | None) -> etree._Element | None:
    if content is None or isinstance(content, etree._Element):
        return content
    if not content:
        return None
    # Unsafe characters are cut later, when the merged content is cleaned; a str lxml cannot
    # take as it is (lone surrogates) gets the full pass.
    root = parse_fragment(content, strip_unsafe=False)
    return root if root is not None else parse_fragment(content)


def blocks_of(content: str | etree._Element | None) -> list[Block]:
    """The content's units in document order (a container with loose text is one unit)."""
    root = _root(content)
    if root is None:
        return []
    # Every element with a unit somewhere below it, found in one pass.
    holders: set[etree._Element] = set()
    for unit in root.iter(*UNIT_TAGS):
        for ancestor in unit.iterancestors():
            if ancestor in holders:
                break
            holders.add(ancestor)
    out: list[Block] = []
    stack = [root]  # explicit stack: deep markup cannot hit the recursion limit
    while stack:
        el = stack.pop()
        # A container the cleaner would drop as a whole (a caption box, a share widget) stays
        # whole too, so that the cleaner still sees its class after the merge.
        if el is not root and (el.tag in UNIT_TAGS or el not in holders or structural_rule(el)):
            block = _block(el)
            if block is not None:
                out.append(block)
            continue
        if _has_direct_text(el) and el is not root:
            block = _block(el)  # text mixed with units: keep the container whole
            if block is not None:
                out.append(block)
            continue
        stack.extend(child for child in reversed(el) if isinstance(child.tag, str))
    return out


def _words(blocks: list[Block]) -> int:
    return sum(b.words for b in blocks)


def _is_flat_dump(b: list[Block]) -> bool:
    """One long block: trafilatura's whole-page text fallback, menus and all."""
    return len(b) == 1 and b[0].words > FLAT_DUMP_WORDS


def _is_prose(block: Block) -> bool:
    """A paragraph of full sentences, not a teaser, a byline or a list of links."""
    if block.el.tag != "p" or block.words < PROSE_WORDS:
        return False
    text = "".join(block.el.itertext()).strip()
    links = sum(len("".join(a.itertext())) for a in block.el.iter("a"))
    return text.endswith((".", "!", "?", "»", "”", '"')) and links < 0.2 * len(text)


def _same_text(a: list[Block], b: list[Block]) -> bool:
    """Whether two runs are mostly the same words (one extractor split or trimmed a block)."""
    ca = Counter(w for block in a for w in block.key.split())
    cb = Counter(w for block in b for w in block.key.split())
    smaller = min(sum(ca.values()), sum(cb.values()))
    return bool(smaller) and sum((ca & cb).values()) >= SAME_WORDS * smaller


def _html(blocks: list[Block]) -> str:
    return "".join(
        etree.tostring(b.el, encoding="unicode", method="html", with_tail=False) for b in blocks
    )


@dataclass
class Merge:
    """The merged content, how it was decided, and the blocks the merge left out (and why)."""

    html: str
    how: str
    dropped: list[tuple[etree._Element, str]] = field(default_factory=list)
    opening: str = ""  # the key (lowercase words) of the merged content's first block


def _about_share(blocks: list[Block], about: set[str]) -> float:
    """Share of the page's own summary words (its title and description) a reading opens with."""
    words: set[str] = set()
    for block in blocks:
        words.update(block.key.split())
        if len(words) > ABOUT_WINDOW:
            break
    return len(about & words) / len(about) if about else 0.0


def merge_blocks(primary: str, second: str | etree._Element | None, about: str = "") -> Merge:
    """Two extractors' main content merged into one, with how it was decided and each left-out
    block's rule (for --explain).

    `about` is what the page says it is about (title and meta description): when the readers
    disagree, the reading that talks about it wins."""
    a, b = blocks_of(primary), blocks_of(second)
    merge, kept = _decide(primary, a, b, about)
    merge.opening = kept[0].key if kept else ""
    return merge


def _decide(primary: str, a: list[Block], b: list[Block], about: str) -> tuple[Merge, list[Block]]:
    """The merge of two block sequences, and the blocks it keeps."""
    if not b or _is_flat_dump(b):
        return Merge(primary, "primary", [(x.el, "consensus:page-dump") for x in b]), a
    if not a:
        return Merge(_html(b), "second"), b
    ops = difflib.SequenceMatcher(
        None, [x.key for x in a], [x.key for x in b], autojunk=False
    ).get_opcodes()
    agreed = sum(_words(a[i1:i2]) for tag, i1, i2, _, _ in ops if tag == "equal")
    la, lb = _words(a), _words(b)
    if agreed < AGREE_SHARE * max(la, lb):
        about_words = {w for w in _WORD.findall(about.lower()) if len(w) > 3}
        if len(about_words) >= ABOUT_MIN_WORDS:
            share_a, share_b = _about_share(a, about_words), _about_share(b, about_words)
            if share_a >= share_b + ABOUT_MARGIN:
                return Merge(primary, "primary:on-topic",
                             [(x.el, "consensus:other-reading") for x in b]), a
            if share_b >= share_a + ABOUT_MARGIN:
                return Merge(_html(b), "second:on-topic",
                             [(x.el, "consensus:other-reading") for x in a]), b
        if la > PRIMARY_LONGER * lb:
            return Merge(primary, "primary:longer",
                         [(x.el, "consensus:other-reading") for x in b]), a
        return Merge(_html(b), "second:disagree",
                     [(x.el, "consensus:other-reading") for x in a]), b
    equal = [k for k, op in enumerate(ops) if op[0] == "equal"]
    last = equal[-1]
    a_keys = {x.key for x in a}
    out: list[Block] = []
    dropped: list[tuple[etree._Element, str]] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            out.extend(a[i1:i2])
            continue
        only_a, only_b = a[i1:i2], [x for x in b[j1:j2] if x.key not in a_keys]
        if k > last:
            # A tail only one extractor kept: related links, author box, newsletter; unless it
            # is running prose (the article's last paragraphs, which one reader cut short).
            for x in only_a + only_b:
                if _is_prose(x):
                    out.append(x)
                else:
                    dropped.append((x.el, "consensus:one-reader-tail"))
            continue
        if only_a and only_b and _same_text(only_a, only_b):
            only_b = []  # the same paragraphs, split differently: keep the primary's
        # A label of a few words only one reader kept ("Don't miss", "Advertisement") is page
        # furniture between paragraphs, and it would make the cleaner take what follows for a
        # widget's list.
        for x in only_a + only_b:
            if x.words > LABEL_WORDS:
                out.append(x)
            else:
                dropped.append((x.el, "consensus:one-reader-label"))
    return Merge(_html(out), AGREED, dropped), out
