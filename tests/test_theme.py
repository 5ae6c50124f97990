"""Theme templates: every page renders, escapes feed text and keeps the security headers."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace as NS

import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lhtml

from news_digest.i18n import template_helpers
from news_digest.sanitize import safe_url

THEME = Path(os.environ.get("ND_THEME", Path(__file__).resolve().parents[1] / "theme"))
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
T0 = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)


def make_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(THEME / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt attribute fails the test, not the reader
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["langname"] = lambda code: {"fr": "Français", "en": "English"}.get(code, code)
    env.filters["strftime"] = lambda d, fmt: d.strftime(fmt)
    env.filters["web_url"] = safe_url
    filters, helpers = template_helpers("en")
    env.filters.update(filters)
    env.globals.update(helpers)
    return env


def health(status: str, ok: bool, fails: int = 0, error: str = "") -> NS:
    return NS(status=status, ok=ok, last_error=error, last_attempt=T0,
              last_success=T0 if ok else None,
              failing_since=T0 - timedelta(days=fails) if fails else None,
              consecutive_failures=fails, item_count=3)


def world(text: str, copy_sources: bool = False) -> dict:
    """A small site whose every feed-supplied string is `text`."""
    topic = NS(name=text, slug="world", url="category/world.html")
    sources = [
        NS(title=text, slug="a", url="sources/a.html", site_url="javascript:alert(1)",
           feed_url="feeds/a.xml", topic=text, lang="fr", health=health("ok", True)),
        NS(title="Ledger", slug="b", url="sources/b.html", site_url="https://b.example/",
           feed_url="https://b.example/rss", topic="World", lang="en",
           health=health("http_error", False, 3, text)),
    ]
    items = [
        NS(title=text, url="https://a.example/1", source=sources[0], lang="fr", published=T0,
           author=text, summary=text, content_html="<p>Kept <em>markup</em></p>", story=None),
        NS(title=text, url="JaVaScRiPt:alert(1)", source=sources[1], lang="en",
           published=T0 + timedelta(hours=1), author="", summary=text, content_html="", story=None),
        NS(title="No link", url="", source=sources[1], lang="en",
           published=T0 + timedelta(hours=2), author="", summary="", content_html="", story=None),
    ]
    for n, item in enumerate(items):
        item.anchor = f"item-{n}"
        item.copy_of, item.copy_kind, item.translated = None, "", False
    # The second item is a machine translation of the first.
    items[1].copy_of, items[1].copy_kind, items[1].translated = items[0], "translated", True
    earlier = NS(id="s0", title=text, url="2026/11/10/s0.html", created=T0 - timedelta(days=13),
                 summary_lang="en",
                 updated=T0 - timedelta(days=12))
    story = NS(id="s1", title=text, summary=text, url="2026/11/23/s1.html", created=T0,
               updated=T0 + timedelta(hours=2), items=items, sources=sources, source_count=2,
               langs=["en", "fr"], topic=topic, item_count=3,
               summary_sentences=[(text, items[0]), (text, items[0]), (text, items[1])],
               summary_lang="en", shared=[text, "Kim Jong Un", "240"], original=sources[0],
               copy_sources=[], earlier=[earlier])
    for item in items:
        item.story = story
    if copy_sources:
        story.copy_sources = [sources[1]]
    days = [NS(date=date(2026, 11, 23), url="days/2026-11-23.html", story_count=1,
               title="Monday 23 November 2026"),
            NS(date=date(2026, 11, 22), url="days/2026-11-22.html", story_count=0,
               title="Sunday 22 November 2026")]
    article = NS(story=story, title=text, url=story.url, date=T0)
    return dict(
        SITENAME="News Digest", SITEURL="..", SITESUBTITLE="Daily", DEFAULT_LANG="en",
        THEME_STATIC_DIR="theme", FEED_ALL_ATOM="feeds/all.atom.xml",
        FEED_ALL_RSS="feeds/all.rss.xml", CATEGORY_FEED_ATOM="feeds/{slug}.atom.xml",
        CATEGORY_FEED_RSS="feeds/{slug}.rss.xml",
        pages=[NS(title="About", url="pages/about.html", content="<p>About us</p>")],
        categories=[(topic, 1)],
        month=None, story_total=1, item_total=3, days=days,
        months=[NS(title="November 2026", url="topics/world/2026-11.html", count=1)],
        digest=NS(days=days, json_feed="feed.json", opml="sources.opml", topics=[topic],
                  failing_count=1),
        # per-template variables; each template reads only its own
        day=days[0], stories=[story], prev_day=days[1], next_day=None, is_front=True,
        article=article, category=topic, articles=[article], dates=[article],
        page=NS(title="About", url="pages/about.html", content="<p>About us</p>"),
        sources_by_topic=[("World", sources)], source=sources[0], items=items,
        sources=[sources[1], sources[0]], failing_count=1, tag=text, author=text,
        tags=[], authors=[], period=(2026, "November"), articles_page=None,
    )


PAGES = ["digest.html", "article.html", "category.html", "categories.html", "archives.html",
         "page.html", "sources.html", "source.html", "health.html", "index.html", "tag.html",
         "tags.html", "author.html", "authors.html", "period_archives.html"]


ENV = make_env()


def render(name: str, text: str, **kw) -> str:
    return ENV.get_template(name).render(**world(text, **kw))


@pytest.mark.parametrize("name", PAGES)
def test_page_has_security_headers_and_landmarks(name):
    doc = lhtml.document_fromstring(render(name, "Kim and Putin to meet"))
    head = doc.find("head")
    assert head[0].get("charset") == "utf-8"
    csp = head.xpath("meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp == [CSP]
    assert head.xpath("meta[@name='referrer']/@content") == ["strict-origin-when-cross-origin"]
    assert head.xpath("meta[@name='description']/@content")[0].strip()
    assert doc.findtext(".//title").strip()
    types = set(head.xpath("link[@rel='alternate']/@type"))
    assert {"application/atom+xml", "application/rss+xml", "application/feed+json"} <= types
    assert doc.get("lang") == "en"
    skip = doc.find("body")[0]
    assert (skip.get("href"), skip.text) == ("#content", "Skip to content")
    assert doc.find(".//main").get("id") == "content"
    assert doc.find(".//header") is not None and doc.find(".//footer") is not None
    assert all(nav.get("aria-label") for nav in doc.iter("nav"))
    assert not doc.xpath("//script | //style | //*[@style]")
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", PAGES)
def test_external_links_are_http_and_noopener(name):
    doc = lhtml.document_fromstring(render(name, HOSTILE))
    for href, rel in ((a.get("href", ""), a.get("rel", "")) for a in doc.iter("a")):
        if href.startswith("http"):
            assert "noopener" in rel.split()
        else:
            assert href.startswith(("../", "#")), href


def test_story_page_shows_coverage_and_full_text_only_when_given():
    doc = lhtml.document_fromstring(render("article.html", "Headline"))
    assert doc.xpath("string(//h1)") == "Headline"
    titles = doc.xpath("//ol[@class='coverage-list']//h3")
    assert len(titles) == 3
    # an empty or non-web URL leaves the headline as plain text
    assert titles[2].find("a") is None and titles[2].text_content() == "No link"
    assert titles[1].find("a") is None
    assert len(doc.xpath("//details[@class='fulltext']")) == 1
    assert doc.xpath("//details//em/text()") == ["markup"]
    assert "Read at Headline" in doc.text_content()


def test_story_page_credits_originals_copies_and_earlier_coverage():
    doc = lhtml.document_fromstring(render("article.html", "Headline"))
    facts = {dt.text_content(): dd for dt, dd in zip(doc.xpath("//dl[@class='facts']//dt"),
                                                     doc.xpath("//dl[@class='facts']//dd"),
                                                     strict=True)}
    assert facts["First reported by"].xpath("string(a/@href)") == "../sources/a.html"
    notes = doc.xpath("//p[@class='copy-note']")
    assert [n.text_content() for n in notes] == ["Translated copy of Headline"]
    assert notes[0].xpath("string(a/@href)") == "#item-0"
    assert doc.xpath("//li[@class='is-copy']//h3")[0].getparent().get("id") == "item-1"
    earlier = doc.xpath("//section[@class='earlier']//li")
    assert len(earlier) == 1
    assert earlier[0].xpath("string(a/@href)") == "../2026/11/10/s0.html"
    assert earlier[0].xpath("string(.//time/@datetime)").startswith("2026-11-10")
    assert doc.xpath("string(//h2[@id='earlier-heading'])") == "Earlier coverage"


def test_copy_only_sources_are_marked_on_the_story_page_not_on_cards():
    page = lhtml.document_fromstring(render("article.html", "Headline", copy_sources=True))
    assert page.xpath("//p[@class='sources']//span[@class='copy-mark']/text()") == ["(copy)"]
    card = lhtml.document_fromstring(render("digest.html", "Headline", copy_sources=True))
    assert not card.xpath("//span[@class='copy-mark']")
    plain = lhtml.document_fromstring(render("article.html", "Headline"))
    assert not plain.xpath("//span[@class='copy-mark']")


def test_digest_lists_sources_languages_and_day_links():
    doc = lhtml.document_fromstring(render("digest.html", "Headline"))
    assert "2 sources" in doc.xpath("string(//p[@class='sources'])")
    assert doc.xpath("//abbr[@class='lang']/text()") == ["EN", "FR"]
    assert doc.xpath("//a[@rel='prev']/@href") == ["../days/2026-11-22.html"]
    assert not doc.xpath("//a[@rel='next']")


def test_health_page_shows_status_as_text_and_shape():
    doc = lhtml.document_fromstring(render("health.html", "x"))
    rows = doc.xpath("//table//tbody/tr")
    assert [r.get("class") for r in rows] == ["row-failing", "row-ok"]
    assert "HTTP error" in rows[0].text_content() and "▲" in rows[0].text_content()
    assert "OK" in rows[1].text_content() and "●" in rows[1].text_content()


def test_rendering_is_deterministic():
    assert render("digest.html", "x") == render("digest.html", "x")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("<>\"'&/= abcjavascript:;()")), max_size=40))
def test_feed_text_never_becomes_markup(text):
    for name in ("digest.html", "article.html", "source.html", "health.html"):
        out = render(name, text + HOSTILE)
        doc = lhtml.document_fromstring(out)
        assert not doc.xpath("//script | //img | //*[@onerror]")
        assert not re.search(r"href=\"\s*javascript:", out, re.IGNORECASE)
