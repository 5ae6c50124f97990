"""Slugs are non-empty, bounded, unique and never a path, whatever the title."""

from hypothesis import given
from hypothesis import strategies as st

from news_digest.slug import MAX_SLUG, slugify, unique_slug


def test_readable_slugs():
    assert slugify("Poutine « cherche de l’aide » de Kim Jong Un") == (
        "poutine-cherche-de-l-aide-de-kim-jong-un")
    assert len(slugify("word " * 100)) <= MAX_SLUG


def test_hostile_titles():
    taken: set[str] = set()
    for title in ["", "???", "🎉🎉", "../../x", "CON", "a" * 300, "same", "same"]:
        slug = unique_slug(title, taken.__contains__, title)
        assert slug and slug not in taken
        taken.add(slug)
    assert "same-2" in taken


@given(st.text(), st.sets(st.text(alphabet="abc-", max_size=5), max_size=5))
def test_any_title_gives_a_safe_unique_slug(title, taken):
    slug = unique_slug(title, taken.__contains__, "seed")
    assert slug not in taken
    assert 0 < len(slug) <= MAX_SLUG + 12
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert slug.lower() not in {"con", "nul", "aux", "prn"}
