"""Boilerplate learned per site: text blocks that recur across many articles of one site.

No rule list knows every site's verdict boxes, sign-offs and "appeared first on" lines, but
the store does: a paragraph found in many different articles of the same site is not part of
any of them. Pure and deterministic: the same articles give the same learned blocks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from lxml import etree

from .text import parse_fragment

MIN_ARTICLES = 3  # a block must recur in at least this many different articles…
MIN_SHARE = 0.2  # …and in at least this share of the site's articles
MAX_WORDS = 40  # long paragraphs are never boilerplate, however often they recur (quotes, leads)
_BLOCK_TAGS = frozenset("p li h2 h3 h4 h5 h6 blockquote dt dd figcaption".split())
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def block_key(text: str) -> str:
    """Case, spacing and numbers folded: "Score: 8/10" and "score 7/10" are one block.

    White space is dropped altogether: markup decides where a page puts it.
    """
    return _DIGITS.sub("#", _SPACE.sub("", text).casefold())


def block_keys(text: str) -> set[str]:
    """The keys of a text's short blocks (paragraphs), each counted once per article."""
    return {block_key(p) for p in text.split("\n\n")
            if p.strip() and len(p.split()) <= MAX_WORDS}


def learn_boilerplate(texts: Iterable[str]) -> frozenset[str]:
    """Block keys that recur across the articles of one site (one text per article)."""
    counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        total += 1
        counts.update(block_keys(text))
    needed = max(MIN_ARTICLES, MIN_SHARE * total)
    return frozenset(k for k, n in counts.items() if n >= needed)


def strip_learned(html: str, learned: frozenset[str]) -> tuple[str, bool]:
    """The HTML without blocks whose text is learned boilerplate; whether anything went."""
    if not learned or not html:
        return html, False
    root = parse_fragment(html)
    if root is None:
        return html, False
    dropped = False
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag not in _BLOCK_TAGS:
            continue
        if block_key("".join(el.itertext())) in learned and el.getparent() is not None:
            el.drop_tree()
            dropped = True
    if not dropped:
        return html, False
    out = "".join(etree.tostring(child, encoding="unicode", method="html")
                  for child in root)
    return (root.text or "") + out, True
