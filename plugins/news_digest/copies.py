"""Copies inside a story: syndicated reprints and machine-translated rewrites.

A copy adds no independent reporting, so the story page credits its original and
source counts skip it. Detection is deliberately conservative: two outlets that report
the same event in their own words share names and numbers but not word sequences, and
not the same names and numbers in the same order with the same sentence structure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import islice

from .model import Item
from .summarize import split_sentences
from .textstats import ALL_STOPWORDS, EXONYMS, fold, tokens

SYNDICATED = "syndicated"
TRANSLATED = "translated"

SHINGLE = 3  # words per shingle
SHINGLE_WORDS = 150  # only the opening is compared: copies often cut or add a tail
SHINGLE_MIN_WORDS = 25  # below this, similar openings are too easy to get by chance
SHINGLE_JACCARD = 0.6
ANCHOR_SIMILARITY = 0.7  # ordered names and numbers of a translation against its original
ANCHOR_MIN = 8  # fewer anchors than this cannot prove a translation
ANCHOR_MAX = 200
MAX_SENTENCES = 40
SENTENCE_RATIO = 0.75  # a translation keeps the sentence count, give or take
PARAGRAPH_SLACK = 0.34

_CANONICAL = frozenset(EXONYMS.values())
_ARTICLES = frozenset({"the", "le", "la", "les", "l"})
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class CopyLink:
    """One item found to be a copy of another in the same story."""

    copy: str  # item key
    original: str  # item key
    kind: str  # SYNDICATED or TRANSLATED


def _body(item: Item) -> str:
    return item.text or item.summary


# Every item is compared with every other of its story: tokenize each text once, and only its
# opening (a long article's tail was most of the tokenizing, and is never compared).
@lru_cache(maxsize=1024)
def _words(text: str) -> tuple[str, ...]:
    return tuple(islice((t.text for t in tokens(text)), SHINGLE_WORDS))


def shingle_jaccard(a: str, b: str) -> float:
    """Jaccard overlap of word 3-shingles over the common opening of two texts (0 when short)."""
    wa, wb = _words(a), _words(b)
    # An excerpt against its full text: compare as many words as the shorter one has.
    n = min(len(wa), len(wb))
    if n < SHINGLE_MIN_WORDS:
        return 0.0
    sa, sb = _shingles(a, n), _shingles(b, n)
    return len(sa & sb) / len(sa | sb)


@lru_cache(maxsize=4096)
def _shingles(text: str, n: int) -> frozenset[tuple[str, ...]]:
    """Word 3-shingles of the first n words; cached, as most pairs compare whole openings."""
    words = _words(text)[:n]
    return frozenset(tuple(words[i : i + SHINGLE]) for i in range(n - SHINGLE + 1))


def anchors(text: str) -> list[str]:
    """Names and numbers in reading order, exonyms folded ("Poutine" → "putin").

    These survive translation: a machine translation keeps them, in the same order.
    A capitalised word opening a sentence only counts when it is capitalised elsewhere
    too, since English and French capitalise different words there.
    """
    return list(_anchors(text))


@lru_cache(maxsize=1024)
def _anchors(text: str) -> tuple[str, ...]:
    found: list[tuple[str, bool]] = []  # (token, sentence-initial)
    for sentence in split_sentences(text):
        toks = list(tokens(sentence))
        for n, tok in enumerate(toks):
            word = EXONYMS.get(tok.text, tok.text)
            if tok.is_number:
                found.append((tok.text, False))
            elif word in _CANONICAL and tok.text not in ALL_STOPWORDS:
                # "russe" and "Russian" are both Russia, whatever the capitals.
                found.append((word, False))
            elif tok.is_name and len(tok.text) > 1:
                # An opening capital is a name when a name follows: "Marc Dufresne said".
                first = n == 0 and not (len(toks) > 1 and toks[1].is_name)
                found.append((word, first))
    elsewhere = {w for w, first in found if not first}
    return tuple(w for w, first in found if not first or w in elsewhere)[:ANCHOR_MAX]


def anchor_similarity(a: str, b: str) -> float:
    """How closely two texts' ordered names and numbers match (0 when either has too few)."""
    xa, xb = _anchors(a), _anchors(b)
    if min(len(xa), len(xb)) < ANCHOR_MIN:
        return 0.0
    return SequenceMatcher(None, xa, xb, autojunk=False).ratio()


@lru_cache(maxsize=1024)
def _shape(text: str, lang: str) -> tuple[int, int]:
    paragraphs = [p for p in _PARAGRAPH.split(text) if p.strip()]
    return len(split_sentences(text, lang)[:MAX_SENTENCES]), len(paragraphs)


def similar_shape(a: Item, b: Item) -> bool:
    """Whether two texts have about the same number of sentences and paragraphs."""
    (sa, pa), (sb, pb) = _shape(_body(a), a.lang), _shape(_body(b), b.lang)
    if not sa or not sb or min(sa, sb) / max(sa, sb) < SENTENCE_RATIO:
        return False
    return abs(pa - pb) <= max(1, round(PARAGRAPH_SLACK * max(pa, pb)))


def copy_kind(a: Item, b: Item) -> str:
    """SYNDICATED or TRANSLATED when one of the two items copies the other, else ""."""
    ta, tb = _body(a), _body(b)
    if not ta or not tb:
        return ""
    same_lang = not a.lang or not b.lang or a.lang == b.lang
    if same_lang:
        return SYNDICATED if shingle_jaccard(ta, tb) >= SHINGLE_JACCARD else ""
    if similar_shape(a, b) and anchor_similarity(ta, tb) >= ANCHOR_SIMILARITY:
        return TRANSLATED
    return ""


def _name_pattern(name: str) -> re.Pattern[str] | None:
    words = re.findall(r"[^\W_]+", fold(name))
    while words and words[0] in _ARTICLES and len(words) > 1:
        words = words[1:]  # "(via Morning Ledger)" credits "The Morning Ledger"
    if not words or (len(words) == 1 and (len(words[0]) < 5 or words[0] in ALL_STOPWORDS)):
        return None  # a one-word name this short or common would match anything
    return re.compile(r"(?<![^\W_])" + r"\W+".join(map(re.escape, words)) + r"(?![^\W_])")


def folded_text(item: Item) -> str:
    """The item's title, summary and text, folded for name matching."""
    return fold(f"{item.title}\n{item.summary}\n{item.text}")


def credits(item: Item, source_name: str, folded: str | None = None) -> bool:
    """Whether the item's title or text names `source_name` ("via X", "selon X", "Source: X").

    `folded` is folded_text(item), when the caller has it already."""
    pattern = _name_pattern(source_name)
    if pattern is None:
        return False
    return bool(pattern.search(folded_text(item) if folded is None else folded))


def _order(item: Item) -> tuple:
    return (item.published, item.first_seen, item.key)


def copy_links(items: Sequence[Item], source_names: Mapping[str, str]) -> list[CopyLink]:
    """Every copy among one story's items, each pointing at the original it copies."""
    ordered = sorted(items, key=_order)
    kinds: dict[tuple[str, str], str] = {}
    parent = {i.key: i.key for i in ordered}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    for n, a in enumerate(ordered):
        for b in ordered[n + 1 :]:
            kind = copy_kind(a, b)
            if kind:
                kinds[(a.key, b.key)] = kinds[(b.key, a.key)] = kind
                ra, rb = root(a.key), root(b.key)
                parent[max(ra, rb)] = min(ra, rb)

    groups: dict[str, list[Item]] = {}
    for item in ordered:
        groups.setdefault(root(item.key), []).append(item)
    links = []
    for group in groups.values():
        if len(group) < 2:
            continue
        # The original is the item its copies credit by name; without credit, the earliest.
        # Which sources each item names is found once per (item, source), not per pair.
        sources = {item.source_url for item in group}
        named: dict[str, set[str]] = {}
        for item in group:
            text = folded_text(item)
            named[item.key] = {src for src in sources if src != item.source_url
                               and credits(item, source_names.get(src, ""), text)}

        def credited(item: Item, group: list[Item] = group,
                     named: dict[str, set[str]] = named) -> int:
            return sum(1 for other in group if other.source_url != item.source_url
                       and item.source_url in named[other.key]
                       and other.source_url not in named[item.key])

        original = min(group, key=lambda i: (-credited(i), _order(i)))
        for item in group:
            if item is original:
                continue
            kind = kinds.get((item.key, original.key))
            if kind is None:  # copied through a third item: the kind is the language's
                kind = SYNDICATED if item.lang == original.lang else TRANSLATED
            links.append(CopyLink(copy=item.key, original=original.key, kind=kind))
    return sorted(links, key=lambda link: link.copy)


def find_copies(items: Sequence[Item], source_names: Mapping[str, str]) -> dict[str, str]:
    """Copy item key → original item key, for the items of one story.

    `source_names` maps an item's source_url to the name its copies credit it by.
    """
    return {link.copy: link.original for link in copy_links(items, source_names)}
