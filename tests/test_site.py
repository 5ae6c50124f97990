"""Whole builds: the bundled demo, and small sites from feeds served on 127.0.0.1."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

from news_digest.cli import main
from news_digest.store import Store

from feedkit import Entry, Feed, opml, write_settings_file
from httpserver import serve

REPO = Path(__file__).resolve().parent.parent
CONF = REPO / "pelicanconf.py"
SEED_NOISE = [
    "Leave a Reply",
    "Your email address will not be published",
    "Required fields are marked",
    "This site uses Akismet",
    "Recent News",
    "Editor's Pick",
    "Editor&#39;s Pick",
    "Lire aussi",
    "[is]",
    "Svetlov/Getty",
]
SEED_LEAD = "Le dirigeant nord-coréen Kim Jong Un aurait l’intention de rencontrer"


def _build(store: Path, out: Path, settings: Path = CONF) -> None:
    assert main(["build", "--settings", str(settings), "--store", str(store),
                 "--output", str(out)]) == 0


def _pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html"))


def _text_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.suffix in {".html", ".xml", ".json", ".opml"})


def test_demo_store_has_the_promised_content(demo):
    store_path, _ = demo
    with Store(store_path, readonly=True) as store:
        sources = store.sources()
        items = store.items()
        stories = store.stories()
        states = store.fetch_states()
    assert len(sources) >= 8
    assert all(states[s.url].last_status == "ok" for s in sources), "every demo feed parses"
    assert len(items) >= 80
    assert len({i.published.date() for i in items}) >= 3
    assert {"fr", "en"} <= {i.lang for i in items}
    multi = [s for s in stories if len({i.source_url for i in s.items}) >= 3]
    assert len(multi) >= 4, [[i.title for i in s.items] for s in multi]
    assert any({"fr", "en"} <= {i.lang for i in s.items} for s in multi)
    assert len({i.url for i in items}) == len(items), "no article stored twice"


def test_seed_noise_appears_nowhere(demo):
    _, out = demo
    for path in _text_files(out):
        text = path.read_text(encoding="utf-8")
        for noise in SEED_NOISE:
            assert noise not in text, f"{noise!r} in {path.relative_to(out)}"


def test_seed_summary_starts_with_its_lead(demo):
    store_path, out = demo
    with Store(store_path, readonly=True) as store:
        seed = next(i for i in store.items() if "Kim Jong Un : retraité" in i.title)
        story = next(s for s in store.stories() if s.id == seed.story_id)
    assert seed.summary.startswith(SEED_LEAD)
    assert seed.full_text, "the seed's feed gives an excerpt; its page gives the text"
    page = out / "stories" / story.created.strftime("%Y/%m/%d") / f"{story.slug}.html"
    html = page.read_text(encoding="utf-8")
    assert SEED_LEAD in html
    assert "Poutine désespéré" in html


def test_multi_source_story_page_lists_every_source(demo):
    store_path, out = demo
    with Store(store_path, readonly=True) as store:
        titles = {s.url: s.title for s in store.sources()}
        stories = [s for s in store.stories() if len({i.source_url for i in s.items}) >= 3]
    for story in stories:
        html = (out / "stories" / story.created.strftime("%Y/%m/%d") /
                f"{story.slug}.html").read_text(encoding="utf-8")
        for item in story.items:
            assert titles[item.source_url].replace("'", "&#39;") in html
            assert f'href="{item.url}"' in html, item.url


def test_pages_feeds_and_exports_exist_and_are_well_formed(demo):
    _, out = demo
    for name in ["index.html", "archives.html", "categories.html", "health.html", "about.html",
                 "sources/index.html", "feed.json", "sources.opml",
                 "feeds/all.atom.xml", "feeds/all.rss.xml"]:
        assert (out / name).is_file(), name
    assert list((out / "days").glob("2026-11-2*.html"))
    assert list((out / "topics").glob("*.html"))
    for xml in list(out.rglob("*.xml")) + [out / "sources.opml"]:
        ET.parse(xml)  # raises on malformed XML
    atom = ET.parse(out / "feeds" / "all.atom.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = atom.findall("a:entry", ns)
    assert entries
    for entry in entries:
        assert entry.find("a:id", ns).text.startswith("tag:news-digest.example,")
        assert entry.find("a:link", ns).get("href").startswith("https://news-digest.example/")
    feed = json.loads((out / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["items"] and all(i["id"].startswith("https://") for i in feed["items"])


def test_every_page_is_safe_and_accessible(demo):
    _, out = demo
    for page in _pages(out):
        html = page.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html, page
        # The only scripts are JSON-LD data blocks (never run), each valid JSON; the search
        # page's own script is test_search.py's.
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S | re.I)
        assert html.lower().count("<script") == len(scripts), page
        for attrs, body in scripts:
            if page.name == "search.html" and page.parent == out and "src=" in attrs:
                continue
            assert attrs == ' type="application/ld+json"', page
            assert json.loads(body)["@context"] == "https://schema.org"
        assert 'href="#content"' in html or 'href="#main"' in html, page
        for href in re.findall(r'href="([^"]+)"', html):
            assert not href.lower().startswith(("javascript:", "data:", "vbscript:")), href


def test_front_page_ranks_multi_source_stories_first(demo):
    _, out = demo
    html = (out / "index.html").read_text(encoding="utf-8")
    counts = [int(n) for n in re.findall(r"(\d+) sources?\b", html)]
    assert counts and counts[0] >= 3
    assert counts[0] == max(counts)


def test_rebuilds_are_byte_identical(demo, tmp_path):
    store, out = demo
    _build(store, tmp_path / "again")
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "again"): p.read_bytes()
              for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_hostile_feed_and_a_broken_one_still_give_a_complete_safe_site(tmp_path):
    now = datetime.now(UTC).replace(microsecond=0)
    hostile = Feed("<b>Evil</b> \u202eFeed", [
        Entry("<script>alert(1)</script> Budget vote\nSave_as: ../../x.html",
              "https://evil.example/a?utm_source=x", now - timedelta(hours=2),
              description=("<p onclick='x()'>The parliament of Freedonia adopted the 2027 budget "
                           "on Tuesday by 312 votes to 240.</p><a href='javascript:alert(2)'>"
                           "click</a><img src=x onerror=alert(3)>" + " Ministers said more." * 40),
              author="\x00Mallory\x1b"),
        Entry("Normal title", "javascript:alert(4)", now - timedelta(hours=1),
              description="Plain text about a storm in the Freedonia hills. " * 20),
    ])
    routes = {"/evil.xml": (200, {"Content-Type": "application/rss+xml"}, hostile.rss()),
              "/down.xml": (500, {}, b"")}
    with serve(routes) as base:
        sources = tmp_path / "sources.opml"
        sources.write_text(opml([("World", "Evil", f"{base}/evil.xml"),
                                 ("World", "Down", f"{base}/down.xml")], fullText="off"))
        settings = write_settings_file(tmp_path / "conf.py", tmp_path / "s.sqlite", sources,
                                       DIGEST_OFFLINE_MIRROR="")
        assert main(["ingest", "--settings", str(settings)]) == 0
    out = tmp_path / "out"
    _build(tmp_path / "s.sqlite", out, settings)
    assert not (tmp_path / "x.html").exists()
    all_text = "\n".join(p.read_text(encoding="utf-8") for p in _text_files(out))
    assert "<script>alert(1)" not in all_text
    assert "onerror" not in all_text and "onclick" not in all_text
    assert "javascript:" not in all_text
    assert "\u202e" not in all_text and "\x00" not in all_text and "\x1b" not in all_text
    # Markup in a title is dropped, the words stay as text; never run, never metadata.
    assert "alert(1) Budget vote Save_as: ../../x.html" in all_text
    assert "utm_source" not in all_text
    for xml in out.rglob("*.xml"):
        ET.parse(xml)
    health = (out / "health.html").read_text(encoding="utf-8")
    assert "Down" in health and "HTTP error" in health and "HTTP 500" in health
    assert (out / "index.html").is_file()


def test_a_failed_build_leaves_the_previous_site(demo, tmp_path):
    store, _ = demo
    out = tmp_path / "site"
    _build(store, out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    code = main(["build", "--settings", str(CONF), "--store", str(tmp_path / "missing.sqlite"),
                 "--output", str(out)])
    assert code != 0
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_seed_item_carries_its_quality_flags_and_hiding_them_works(demo, tmp_path):
    store, out = demo
    with Store(store, readonly=True) as s:
        seed = next(i for i in s.items() if "Kim Jong Un : retraité" in i.title)
        story = next(st for st in s.stories() if st.id == seed.story_id)
    assert "machine-translation" in seed.flags and "mixed-language" in seed.flags
    page = f"stories/{story.created:%Y/%m/%d}/{story.slug}.html"
    assert "possibly machine-translated" in (out / page).read_text(encoding="utf-8")
    conf = write_settings_file(tmp_path / "conf.py", store, REPO / "content" / "sources.opml",
                               DIGEST_HIDE_FLAGS=["machine-translation"])
    _build(store, tmp_path / "hidden", conf)
    hidden = (tmp_path / "hidden" / page).read_text(encoding="utf-8")
    assert "Poutine désespéré" not in hidden and "The Morning Ledger" in hidden
