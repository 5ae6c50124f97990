"""Ranking: more independent sources first, then fresh and growing stories; stable ties."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from news_digest.model import Item, Story
from news_digest.rank import distinct_sources, growth, rank_stories, story_score

REF = datetime(2026, 11, 24, 0, tzinfo=UTC)


def item(key: str, host: str, hours_ago: float) -> Item:
    when = REF - timedelta(hours=hours_ago)
    return Item(key=key, source_url=f"https://{host}/rss", url=f"https://{host}/{key}",
                title=key, published=when, first_seen=when)


def story(sid: str, *items: Item) -> Story:
    return Story(id=sid, slug=sid, created=min(i.published for i in items), items=list(items))


def test_growth_is_the_share_of_publishers_that_joined_in_the_last_day():
    stale = story("a", item("a1", "one.example", 60), item("a2", "two.example", 50))
    growing = story("b", item("b1", "one.example", 60), item("b2", "two.example", 5))
    fresh = story("c", item("c1", "one.example", 3), item("c2", "two.example", 2))
    assert growth(stale, REF) == 0.0
    assert growth(growing, REF) == 0.5
    assert growth(fresh, REF) == 1.0
    # A publisher's new item does not make it a new source.
    again = story("d", item("d1", "one.example", 60), item("d2", "one.example", 1))
    assert growth(again, REF) == 0.0
    # Items after the reference time are not known yet.
    future = story("e", item("e1", "one.example", 30), item("e2", "two.example", -5))
    assert growth(future, REF) == 0.0


def test_a_story_picking_up_sources_ranks_above_a_stale_one_with_as_many():
    # Both last heard of 20 hours ago, both with three publishers.
    stale = story("s-stale", item("x1", "one.example", 70), item("x2", "two.example", 40),
                  item("x3", "three.example", 20))
    growing = story("s-grow", item("y1", "one.example", 70), item("y2", "two.example", 22),
                    item("y3", "three.example", 20))
    assert story_score(growing, REF) > story_score(stale, REF)
    assert [s.id for s in rank_stories([stale, growing], REF)] == ["s-grow", "s-stale"]


def test_growth_and_recency_never_outvote_one_more_source():
    fresh_two = story("f", item("f1", "one.example", 0), item("f2", "two.example", 0))
    old_three = story("o", item("o1", "one.example", 500), item("o2", "two.example", 500),
                      item("o3", "three.example", 500))
    assert [s.id for s in rank_stories([fresh_two, old_three], REF)] == ["o", "f"]


def test_copies_do_not_count_as_sources():
    s = story("c", item("orig", "one.example", 5), item("copy", "two.example", 4),
              item("other", "three.example", 3))
    assert distinct_sources(s) == ["one.example", "three.example", "two.example"]
    assert distinct_sources(s, {"copy": "orig"}) == ["one.example", "three.example"]
    alone = story("d", item("d1", "four.example", 5), item("d2", "five.example", 4),
                  item("d3", "six.example", 3))
    ranked = rank_stories([s, alone], REF, {"copy": "orig"})
    assert [x.id for x in ranked] == ["d", "c"]


def test_equal_scores_fall_back_to_newest_then_id():
    a = story("s-b", item("1", "one.example", 5))
    b = story("s-a", item("2", "two.example", 5))
    c = story("s-c", item("3", "three.example", 4))
    for order in ([a, b, c], [c, b, a], [b, c, a]):
        assert [s.id for s in rank_stories(order, REF)] == ["s-c", "s-a", "s-b"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(-10, 200)), min_size=1, max_size=12),
       st.randoms(use_true_random=False))
def test_ranking_is_a_pure_function_of_the_stories(spec, rnd):
    stories = [story(f"s{n}", item(f"k{n}", f"h{host}.example", hours))
               for n, (host, hours) in enumerate(spec)]
    expected = [s.id for s in rank_stories(stories, REF)]
    shuffled = list(stories)
    rnd.shuffle(shuffled)
    assert [s.id for s in rank_stories(shuffled, REF)] == expected
    for s in stories:
        assert 0.0 <= growth(s, REF) <= 1.0
        assert len(distinct_sources(s)) <= story_score(s, REF) < len(distinct_sources(s)) + 1
