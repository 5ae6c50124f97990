"""Boilerplate learned per site from the store: recurring blocks go, articles stay."""

from datetime import UTC, datetime, timedelta

from news_digest.ingest import run_ingest
from news_digest.sitelearn import block_key, learn_boilerplate, strip_learned
from news_digest.store import Store

from feedkit import Entry, Feed, opml, settings_for
from httpserver import serve

TOPICS = ["the harbour wall", "a new bus route", "the school play", "fishing quotas", "the ferry"]
ARTICLES = [
    f"This story opens with its own lead about {topic}.\n\n"
    f"A second paragraph on {topic}, with details nobody else reports.\n\n"
    f"Verdict: {n}/10 Check price"
    for n, topic in enumerate(TOPICS)
]


def test_blocks_recurring_across_articles_are_learned_with_numbers_folded():
    learned = learn_boilerplate(ARTICLES)
    assert learned == {block_key("Verdict: 1/10 Check price")}
    assert block_key("Verdict: 1/10Check  price") == block_key("verdict: 7/10 Check price")


def test_nothing_is_learned_from_too_few_articles():
    assert learn_boilerplate(ARTICLES[:2]) == frozenset()


def test_strip_learned_removes_only_those_blocks():
    learned = learn_boilerplate(ARTICLES)
    html = "<p>Lead of the story.</p><p>Verdict: 9/10 Check price</p><p>More text.</p>"
    out, dropped = strip_learned(html, learned)
    assert dropped and "Verdict" not in out and "Lead of the story." in out and "More" in out
    assert strip_learned("<p>Other</p>", learned) == ("<p>Other</p>", False)


def test_ingest_learns_a_sites_boilerplate_from_the_store(tmp_path):
    now = datetime(2026, 11, 23, 6, tzinfo=UTC)
    routes: dict = {}
    with serve(routes) as base:
        names = ["Aster", "Corvid", "Pebble", "Lumen", "Keystead", "Fairline"]
        kinds = ["laptop", "earbuds", "e-reader", "tablet", "keyboard", "phone"]

        def entry(n: int) -> Entry:
            body = (f"<p>The {names[n]} {kinds[n]} lasted {10 + n} hours in our battery test, "
                    f"a fine result for a {kinds[n]} at this price.</p>"
                    f"<p>We used the {names[n]} for two weeks of {kinds[n]} duties.</p>"
                    f"<p>Score: {5 + n % 4}/10 — Check price</p>")
            return Entry(f"Model {n} review", f"https://reviews.example/r/{n}",
                         now - timedelta(hours=n), content=body)
        feed = Feed("Reviews", [entry(n) for n in range(6)], "https://reviews.example/")
        routes["/rss.xml"] = (200, {"Content-Type": "application/rss+xml"}, feed.rss())
        (tmp_path / "sources.opml").write_text(opml([("Tech", "Reviews", f"{base}/rss.xml")],
                                                    fullText="off"))
        run_ingest(settings_for(tmp_path), tmp_path, now=now)
    with Store(tmp_path / "store.sqlite", readonly=True) as store:
        items = store.items()
    assert len(items) == 6
    assert all("Check price" not in i.text and "Check price" not in i.content_html for i in items)
    assert all("battery test" in i.text for i in items)
