"""Persisting story groups: tonight's new items join open stories or start new ones.

Story ids and slugs are fixed when a story is created and never change, so
permalinks published on one night still work on every later night.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING

from .cluster import Doc, assign_to_stories
from .model import Item, Story
from .slug import unique_slug
from .store import Store
from .urls import item_domain

if TYPE_CHECKING:
    from .embeddings import Embedder

DOC_TEXT_CHARS = 2000  # the lead carries the event; the tail adds noise and time


def to_doc(item: Item) -> Doc:
    return Doc(
        id=item.key,
        title=item.title,
        text=item.text[:DOC_TEXT_CHARS],
        lang=item.lang,
        time=item.published,
        source=item_domain(item),
    )


def story_id_for(founder_key: str) -> str:
    return "s" + hashlib.sha256(founder_key.encode()).hexdigest()[:15]


def group_new_items(store: Store, window: timedelta,
                    embedder: Embedder | None = None) -> tuple[int, int]:
    """Assign every unassigned item to a story; return (stories created, items assigned).

    With an `embedder`, sentence embeddings also count (see cluster.py)."""
    new_items = store.unassigned_items()
    if not new_items:
        return 0, 0
    since = min(i.published for i in new_items) - window
    existing: dict[str, list[Doc]] = {}
    for item in store.story_items_since(since):
        existing.setdefault(item.story_id, []).append(to_doc(item))

    mapping = assign_to_stories([to_doc(i) for i in new_items], existing, window=window,
                                embedder=embedder)

    by_key = {i.key: i for i in new_items}
    pending: set[str] = set()
    founders: dict[str, str] = {}
    new_stories: list[Story] = []
    for founder_key in sorted({v for v in mapping.values() if v not in existing}):
        founder = by_key[founder_key]
        sid = story_id_for(founder_key)
        slug = unique_slug(founder.title, lambda s: s in pending or store.slug_taken(s), sid)
        pending.add(slug)
        founders[founder_key] = sid
        new_stories.append(Story(id=sid, slug=slug, created=founder.published))
    assignments = {key: founders.get(target, target) for key, target in mapping.items()}
    store.save_stories(new_stories, assignments)
    return len(new_stories), len(assignments)
