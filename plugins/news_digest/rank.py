"""Choosing what a story shows (headline, summary) and ranking stories. Pure functions."""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import datetime

from .model import Item, Story
from .stories import item_domain

_WORD = re.compile(r"\w{3,}", re.UNICODE)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def distinct_sources(story: Story) -> list[str]:
    """Publishers (domains, not feeds) that cover the story, sorted."""
    return sorted({item_domain(i) for i in story.items})


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


def story_score(story: Story, ref_time: datetime) -> float:
    """More distinct sources first; among equals, the more recent; a day old halves the weight."""
    latest = max(i.published for i in story.items)
    age_hours = max(0.0, (ref_time - latest).total_seconds() / 3600)
    return len(distinct_sources(story)) + math.exp(-age_hours / 24 * math.log(2))


def rank_stories(stories: list[Story], ref_time: datetime) -> list[Story]:
    """Stories best first; equal scores fall back to newest, then id, so the order is stable."""
    def key(s: Story) -> tuple[float, float, str]:
        latest = max(i.published for i in s.items)
        return (-round(story_score(s, ref_time), 9), -latest.timestamp(), s.id)

    return sorted(stories, key=key)
