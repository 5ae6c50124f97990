"""Choosing what a story shows (headline, summary) and ranking stories. Pure functions."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from datetime import datetime, timedelta

from .model import Item, Story
from .urls import item_domain

_WORD = re.compile(r"\w{3,}", re.UNICODE)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def distinct_sources(story: Story, copies: Mapping[str, str] | None = None) -> list[str]:
    """Publishers (domains, not feeds) that cover the story, sorted; copies do not count."""
    return sorted({item_domain(i) for i in story.items if not copies or i.key not in copies})


def representative_item(story: Story, site_lang: str = "") -> Item:
    """The item whose title shares most words with the rest of the story, in the site's language
    when one exists; ties go to the earliest item."""
    items = story.items
    in_lang = [i for i in items if site_lang and i.lang == site_lang]
    candidates = in_lang or items
    counts: Counter[str] = Counter()
    for item in items:
        counts.update(_words(item.title + " " + item.summary))

    def score(item: Item) -> tuple[float, float, str]:
        words = _words(item.title)
        shared = sum(counts[w] - 1 for w in words) / (1 + len(words)) if words else 0.0
        return (-shared, item.published.timestamp(), item.key)

    return min(candidates, key=score)


GROWTH_HOURS = 24


def growth(story: Story, ref_time: datetime, copies: Mapping[str, str] | None = None) -> float:
    """Share of the story's publishers (up to ref_time) that joined it in the last 24 hours.

    A story picking up new sources is developing; one whose sources all wrote days ago is not.
    """
    since = ref_time - timedelta(hours=GROWTH_HOURS)
    first: dict[str, datetime] = {}
    for item in story.items:
        if item.published > ref_time or (copies and item.key in copies):
            continue
        pub = item_domain(item)
        first[pub] = min(first.get(pub, item.published), item.published)
    if not first:
        return 0.0
    return sum(1 for t in first.values() if t > since) / len(first)


def story_score(story: Story, ref_time: datetime,
                copies: Mapping[str, str] | None = None) -> float:
    """Distinct sources first; then recency (a day old halves it) and growth, each worth up to
    half a source, so together they order stories with equal source counts and never outvote
    one more source."""
    latest = max(i.published for i in story.items)
    age_hours = max(0.0, (ref_time - latest).total_seconds() / 3600)
    recency = math.exp(-age_hours / 24 * math.log(2))
    return (len(distinct_sources(story, copies))
            + 0.5 * recency + 0.5 * min(growth(story, ref_time, copies), 0.999))


def rank_stories(stories: list[Story], ref_time: datetime,
                 copies: Mapping[str, str] | None = None) -> list[Story]:
    """Stories best first; equal scores fall back to newest, then id, so the order is stable.

    `copies` maps copy item keys to their originals (see copies.py), across all stories.
    """
    def key(s: Story) -> tuple[float, float, str]:
        latest = max(i.published for i in s.items)
        return (-round(story_score(s, ref_time, copies), 9), -latest.timestamp(), s.id)

    return sorted(stories, key=key)
