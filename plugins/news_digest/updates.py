"""When a later entry for a stored article may replace it.

An entry without a guid whose link matches a stored article after normalisation (tracking
parameters, a fragment) is the same article; often a poorer copy of it (a teaser, a link from a
newsletter feed). The first full version stays; a later one replaces it only when it is a real
update: not older, and not a short excerpt of what is stored.
"""

from __future__ import annotations

import re

from .model import Item

# Shorter than this share of the stored text, a text made of the stored text's words is an
# excerpt of it; a correction keeps most of the article.
EXCERPT_RATIO = 0.75
# Share of the shorter text's words that must occur in the stored text to call it an excerpt:
# a teaser adds a few words of its own ("Read more", "…").
SHARED_WORDS = 0.8
_WORD_RE = re.compile(r"\w+")


def _date_known(item: Item) -> bool:
    # A missing date (or one from the future) was replaced by the night's time.
    return item.published != item.first_seen


def is_excerpt(text: str, of: str) -> bool:
    """True when `text` is a short excerpt of `of`: much shorter, and made of its words."""
    if not of.strip():
        return False
    if len(text) >= EXCERPT_RATIO * len(of):
        return False
    words = _WORD_RE.findall(text.lower())
    if not words:
        return True
    known = set(_WORD_RE.findall(of.lower()))
    return sum(w in known for w in words) >= SHARED_WORDS * len(words)


def is_real_update(stored: Item, new: Item) -> bool:
    """Whether `new`, the same article by link or guid, should replace `stored`."""
    if _date_known(stored) and _date_known(new) and new.published < stored.published:
        return False
    return not is_excerpt(new.text, stored.text)
