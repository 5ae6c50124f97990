"""A later entry with the same normalised link replaces a stored article only when it is a real
update of it: not older, and not a short excerpt of what is stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from news_digest.ingest import run_ingest
from news_digest.model import Item
from news_digest.store import Store
from news_digest.updates import is_excerpt, is_real_update

from feedkit import opml, settings_for

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
D0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
LINK = "https://paper.example/2026/11/bridge.html"
FULL = (
    "The city council of Lyon approved on Monday a 240 million euro plan to rebuild the Pont "
    "Lafayette bridge over the Rhone, closed since the floods of October. Mayor Claire Dumont "
    "said work would start in March and last two years. Opposition councillors criticised the "
    "cost and asked for an independent audit of the engineering study. Traders near the "
    "bridge say they have lost a third of their customers since the closure."
)
TEASER = "The city council of Lyon approved on Monday a plan to rebuild the bridge. Read more"
CORRECTED = FULL.replace("240 million", "260 million").replace("March", "April")
OTHER = (
    "Semiconductor maker Halvorsen Microsystems will build a 12 billion dollar factory in "
    "Tromso, Norway, its chief executive announced on Sunday, with 3,000 jobs by 2030."
)


def _entry(title: str, text: str, link: str = LINK, guid: str = "",
           published: datetime | None = D0) -> str:
    parts = [f"<title>{escape(title)}</title>", f"<link>{escape(link)}</link>",
             f"<description>{escape(text)}</description>"]
    if guid:
        parts.append(f'<guid isPermaLink="false">{escape(guid)}</guid>')
    if published is not None:
        parts.append(f"<pubDate>{format_datetime(published)}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def _night(tmp: Path, *entries: str, now: datetime = NOW) -> None:
    content = tmp / "content"
    content.mkdir(exist_ok=True)
    other = _entry("Chip plant for Tromso", OTHER, link="https://paper.example/chips.html",
                   guid="chips")
    (content / "paper.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Paper</title>'
        "<link>https://paper.example/</link><description>d</description>"
        + "".join(entries) + other + "</channel></rss>")
    (tmp / "sources.opml").write_text(opml([("News", "Paper", "content/paper.xml")],
                                           fullText="off"))
    run_ingest(settings_for(tmp, local_root=str(content)), tmp, now=now)


def _bridge(tmp: Path) -> Item:
    with Store(tmp / "store.sqlite", readonly=True) as store:
        found = [i for i in store.items() if "bridge" in i.url]
        assert store.integrity_ok()
    assert len(found) == 1, [(i.title, i.url) for i in found]
    return found[0]


FULL_ENTRY = _entry("Lyon approves 240 million euro bridge plan", FULL, guid="paper-1")
VARIANTS = {
    "tracking": _entry("Bridge plan", TEASER, link=LINK + "?utm_source=rss&utm_medium=feed"),
    "fragment": _entry("Bridge plan", TEASER, link=LINK + "#comments"),
    "undated": _entry("Bridge plan", TEASER, link=LINK + "?fbclid=abc", published=None),
    "older-and-other": _entry("Old bridge note", OTHER, link=LINK + "?xtor=RSS-1",
                              published=D0 - timedelta(days=2)),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_later_guidless_variant_never_overwrites_the_stored_article(tmp_path, variant):
    _night(tmp_path, FULL_ENTRY)
    before = _bridge(tmp_path)
    _night(tmp_path, FULL_ENTRY, VARIANTS[variant], now=NOW + timedelta(days=1))
    after = _bridge(tmp_path)
    assert (after.title, after.text, after.url) == (before.title, before.text, before.url)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("variant_first", [True, False])
def test_in_one_feed_the_full_version_wins_whatever_the_order(tmp_path, variant,
                                                               variant_first):
    entries = [VARIANTS[variant], FULL_ENTRY] if variant_first else [FULL_ENTRY,
                                                                     VARIANTS[variant]]
    _night(tmp_path, *entries)
    stored = _bridge(tmp_path)
    assert (stored.title, stored.text) == ("Lyon approves 240 million euro bridge plan", FULL)


def test_a_real_correction_replaces_the_stored_article(tmp_path):
    _night(tmp_path, _entry("Lyon approves 240 million euro bridge plan", FULL))
    corrected = _entry("Lyon approves 260 million euro bridge plan", CORRECTED,
                       link=LINK + "?utm_campaign=fix", published=D0 + timedelta(hours=3))
    _night(tmp_path, corrected, now=NOW + timedelta(days=1))
    stored = _bridge(tmp_path)
    assert (stored.title, stored.text) == ("Lyon approves 260 million euro bridge plan",
                                           CORRECTED)


def test_a_stored_teaser_gives_way_to_the_full_article(tmp_path):
    _night(tmp_path, VARIANTS["undated"])
    assert _bridge(tmp_path).text == TEASER
    _night(tmp_path, FULL_ENTRY, now=NOW + timedelta(days=1))
    assert _bridge(tmp_path).text == FULL


def _item(text: str, published: datetime = D0, first_seen: datetime = NOW) -> Item:
    return Item(key="k", source_url="s", url=LINK, title="t", published=published,
                first_seen=first_seen, text=text)


def test_is_real_update_rules():
    stored = _item(FULL)
    assert is_real_update(stored, _item(CORRECTED))  # same date, same length
    assert is_real_update(stored, _item(CORRECTED, D0 + timedelta(hours=1)))
    assert not is_real_update(stored, _item(CORRECTED, D0 - timedelta(hours=1)))  # older
    assert not is_real_update(stored, _item(TEASER, D0 + timedelta(hours=1)))  # an excerpt
    assert not is_real_update(stored, _item(""))
    # An undated entry (its date is the night's) is judged by its text alone.
    assert is_real_update(_item(TEASER, NOW, NOW), _item(FULL))
    assert is_real_update(stored, _item(CORRECTED, NOW, NOW))
    assert not is_real_update(stored, _item(TEASER, NOW, NOW))


def test_is_excerpt():
    assert is_excerpt(TEASER, FULL)
    assert is_excerpt(FULL[:120] + "…", FULL)
    assert not is_excerpt(CORRECTED, FULL)
    assert not is_excerpt(OTHER, FULL)  # short, but another text
    assert not is_excerpt(TEASER, "")
