"""What machines and sharing read, and how stories show their development, in whole builds:
canonical URLs, Open Graph and Twitter tags, JSON-LD, sitemaps, robots.txt, feed ids and
updates, the timeline, the "developing" mark, "last updated" and the stale notice."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

from lxml import html as lhtml
from test_jsonfeed import feed_problems

from news_digest.cli import main, read_settings_file
from news_digest.config import load_settings
from news_digest.ingest import run_ingest
from news_digest.seo import SitemapEntry, json_script, robots_txt, sitemap_index, urlset
from news_digest.store import Store

from feedkit import Entry, Feed, three_feed_site, write_settings_file
from httpserver import serve

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
SITEURL = "https://news-digest.example"  # pelicanconf.py's
ATOM = {"a": "http://www.w3.org/2005/Atom"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

BRIDGE = ("The city council of Lyon approved on Monday a 240 million euro plan to rebuild the "
          "Pont Lafayette bridge over the Rhone, closed since the floods of October. Mayor "
          "Claire Dumont said work would start in March and last two years. ")
BRIDGE_B = ("Lyon councillors voted through a plan worth 240 million euros to rebuild the Pont "
            "Lafayette over the Rhone, shut since October's floods. Mayor Claire Dumont expects "
            "construction to begin in March and take two years. ")
BRIDGE_FR = ("Le conseil municipal de Lyon a approuvé lundi un plan de 240 millions d'euros pour "
             "reconstruire le pont Lafayette sur le Rhône, fermé depuis les crues d'octobre. "
             "La maire Claire Dumont a indiqué que les travaux commenceraient en mars. ")
GARDEN = ("A community garden in the suburb of Riverside opened its gates to visitors this "
          "weekend after five years of volunteer work. Gardeners grow tomatoes and beans. ")
CHIPS = ("Semiconductor maker Halvorsen Microsystems will build a 12 billion dollar factory in "
         "Tromso, Norway, its chief executive Ingrid Halvorsen announced on Sunday. The plant "
         "is expected to employ 3,000 people by 2030. ")
FERRY = ("The ferry operator Nordlys Lines cancelled all crossings between Bergen and Hirtshals "
         "on Wednesday as storm Ingunn brought waves of nine metres to the Skagerrak. ")
# Survives ingest as text (no tag in it) and must not break out of the JSON-LD script.
BRIDGE_TITLE = "Lyon approves Pont Lafayette bridge plan: cost > 240m & work < 2 years </script"
GARDEN_TITLE = "Riverside community garden opens"
GARDEN_RETITLED = "Riverside community garden opens to visitors after five years"


def _feed(title: str, base: str, prefix: str, entries: list[tuple[str, str, datetime]]) -> Feed:
    return Feed(title=title, link=base + "/", entries=[
        Entry(title=t, link=f"{base}/{prefix}/{n}.html", published=when, description=body * 3,
              author="Staff")
        for n, (t, body, when) in enumerate(entries)])


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def _build(conf: Path, store: Path, out: Path, *extra: str) -> None:
    assert main(["build", "--settings", str(conf), "--store", str(store), "--output", str(out),
                 *extra]) == 0


def _story_page(store_path: Path, title_word: str) -> str:
    with Store(store_path, readonly=True) as store:
        story = next(s for s in store.stories() if any(title_word in i.title for i in s.items))
    return f"stories/{story.created:%Y/%m/%d}/{story.slug}.html"


def _read(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def _json_ld(page: str) -> list[dict]:
    bodies = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert page.count("<script") == len(bodies)
    for body in bodies:
        assert "<" not in body and ">" not in body
    return [json.loads(b) for b in bodies]


def _atom(out: Path) -> dict[str, tuple[str, str, str]]:
    """Entry id → (title, updated, link) of the site's Atom feed."""
    root = ET.parse(out / "feeds" / "all.atom.xml").getroot()
    return {e.find("a:id", ATOM).text: (e.find("a:title", ATOM).text,
                                        e.find("a:updated", ATOM).text,
                                        e.find("a:link", ATOM).get("href"))
            for e in root.findall("a:entry", ATOM)}


def _json_feed(out: Path) -> dict[str, dict]:
    doc = json.loads(_read(out, "feed.json"))
    assert feed_problems(doc) == []
    return {item["id"]: item for item in doc["items"]}


def _developing(page: str) -> bool:
    return '<span class="developing">Developing</span>' in page


def check_meta_tags(out: Path) -> int:
    """Canonical URL, Open Graph and Twitter tags on every page; returns the pages checked."""
    pages = sorted(out.rglob("*.html"))
    for path in pages:
        name = str(path.relative_to(out))
        doc = lhtml.fromstring(path.read_bytes())
        meta = {m.get("property") or m.get("name"): m.get("content")
                for m in doc.iter("meta") if m.get("property") or m.get("name")}
        canonical = [link.get("href") for link in doc.iter("link")
                     if link.get("rel") == "canonical"]
        expected = f"{SITEURL}/" if name == "index.html" else f"{SITEURL}/{name}"
        assert canonical == [expected], name
        assert meta["og:url"] == expected, name
        story = name.startswith("stories/")
        assert meta["og:type"] == ("article" if story else "website"), name
        assert meta["og:title"] and meta["og:title"] == doc.findtext(".//title"), name
        assert meta["og:description"] == meta["description"], name
        assert meta["og:site_name"] == "News Digest" and meta["og:locale"] == "en", name
        assert meta["twitter:card"] == "summary", name
        # The site's feeds are announced on every page.
        alternates = {link.get("type") for link in doc.iter("link")
                      if link.get("rel") == "alternate"}
        assert {"application/atom+xml", "application/rss+xml",
                "application/feed+json"} <= alternates, name
    return len(pages)


def check_sitemaps(out: Path) -> dict[str, str]:
    """The sitemap index and every sitemap in it: valid, absolute, pointing at real pages.
    Returns loc → lastmod of every page listed."""
    robots = _read(out, "robots.txt")
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots.splitlines()
    index = ET.parse(out / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP}sitemapindex"
    listed: dict[str, str] = {}
    for entry in index.findall(f"{SITEMAP}sitemap"):
        loc = entry.findtext(f"{SITEMAP}loc")
        assert loc.startswith(f"{SITEURL}/sitemaps/") and loc.endswith(".xml")
        urlset = ET.parse(out / loc[len(SITEURL) + 1:]).getroot()
        assert urlset.tag == f"{SITEMAP}urlset"
        for url in urlset.findall(f"{SITEMAP}url"):
            page = url.findtext(f"{SITEMAP}loc")
            assert page.startswith(SITEURL + "/"), page
            path = page[len(SITEURL) + 1:] or "index.html"
            assert (out / path).is_file(), page
            listed[page] = url.findtext(f"{SITEMAP}lastmod") or ""
    return listed


def test_json_ld_cannot_be_closed_by_a_headline():
    hostile = '</script><script>alert(1)</script><!-- & "'
    block = str(json_script({"headline": hostile}))
    assert block.startswith('<script type="application/ld+json">')
    assert block.endswith("</script>") and block.count("<") == 2 and block.count(">") == 2
    body = block[len('<script type="application/ld+json">'):-len("</script>")]
    assert json.loads(body) == {"headline": hostile}
    assert "\\u003c/script\\u003e" in body and "\\u0026" in body


def test_sitemap_documents_escape_and_robots_name_the_index_only_with_an_address():
    doc = urlset([SitemapEntry("https://x.example/a?b=1&c=<2>", "2026-11-23T06:00:00+00:00")])
    root = ET.fromstring(doc)
    assert root.findtext(f"{SITEMAP}url/{SITEMAP}loc") == "https://x.example/a?b=1&c=<2>"
    index = ET.fromstring(sitemap_index([SitemapEntry("https://x.example/sitemaps/site.xml")]))
    assert index.find(f"{SITEMAP}sitemap/{SITEMAP}lastmod") is None
    assert robots_txt("") == "User-agent: *\nAllow: /\n"
    assert robots_txt("https://x.example/sitemap.xml").endswith(
        "\nSitemap: https://x.example/sitemap.xml\n")


def test_sharing_machines_and_development_night_after_night(tmp_path):
    routes: dict = {}
    store = tmp_path / "store.sqlite"
    site, full = tmp_path / "site", tmp_path / "full"
    with serve(routes) as base:
        sources, conf = three_feed_site(tmp_path, base, store)
        settings = load_settings(read_settings_file(conf))
        feeds: dict[str, Feed] = {}

        def night(now: datetime) -> None:
            routes.clear()
            routes.update({f"/{n}.xml": (200, {"Content-Type": "application/rss+xml"}, f.rss())
                           for n, f in feeds.items()})
            run_ingest(settings, tmp_path, now=now, site_lang="en")

        def build_both() -> None:
            _build(conf, store, site)
            _build(conf, store, full, "--full")
            assert _files(site) == _files(full), "incremental == full, byte for byte"

        t0 = NOW - timedelta(hours=20)
        alpha = [(BRIDGE_TITLE, BRIDGE, t0), (GARDEN_TITLE, GARDEN, t0 + timedelta(hours=1))]
        beta = [("Halvorsen to build chip plant in Tromso", CHIPS, t0 + timedelta(hours=2))]
        gamma = [("Lyon : le pont Lafayette sera reconstruit", BRIDGE_FR, t0 + timedelta(hours=3))]
        feeds.update(alpha=_feed("Alpha", base, "a", alpha), beta=_feed("Beta", base, "b", beta),
                     gamma=_feed("Gamma", base, "g", gamma))

        # Night 1: every story is new; none is developing, the site is fresh.
        night(NOW)
        build_both()
        bridge, garden = _story_page(store, "Pont Lafayette"), _story_page(store, "garden")
        assert check_meta_tags(site) >= 12
        pages = check_sitemaps(site)
        assert f"{SITEURL}/{bridge}" in pages and f"{SITEURL}/{garden}" in pages
        assert f"{SITEURL}/days/2026-11-22.html" in pages and f"{SITEURL}/" in pages
        index = _read(site, "index.html")
        assert 'Last updated <time datetime="2026-11-23T06:00:00+00:00">' in index
        assert "stale-notice" not in index and not _developing(index)

        page = _read(site, bridge)
        [story_ld] = _json_ld(page)
        assert story_ld["@type"] == "NewsArticle" and story_ld["url"] == f"{SITEURL}/{bridge}"
        assert story_ld["headline"] == BRIDGE_TITLE
        assert story_ld["datePublished"] == t0.isoformat()
        assert {w["publisher"]["name"] for w in story_ld["isBasedOn"]} == {"Alpha", "Gamma"}
        for work in story_ld["isBasedOn"]:
            assert work["@type"] == "CreativeWork" and work["url"].startswith(base)
            assert work["name"]
        # The timeline: a chart and the same times as text, one row per source.
        doc = lhtml.fromstring(page)
        [chart] = doc.find_class("timeline-chart")
        assert chart.get("role") == "img" and chart.get("viewbox").startswith("0 0 320 ")
        rows = doc.xpath('//table[@class="timeline-table"]/tbody/tr')
        assert [r.findtext("th") for r in rows] == ["Alpha", "Gamma"]
        assert "timeline-chart" not in _read(site, garden), "one article: no timeline"
        for name in ("index.html", "days/2026-11-22.html"):
            [ld] = _json_ld(_read(site, name))
            assert ld["@type"] == "CollectionPage"
            assert f"{SITEURL}/{bridge}" in [e["url"] for e in ld["mainEntity"]["itemListElement"]]
        atom_before, json_before = _atom(site), _json_feed(site)

        # Night 2: Beta's feed brings an article on the bridge that it had published before
        # the others (so the story's newest article does not move), and a fresh story.
        beta.append(("Lyon council backs Pont Lafayette rebuild", BRIDGE_B,
                     t0 - timedelta(hours=1)))
        beta.append(("Storm Ingunn halts Bergen ferries", FERRY, NOW + timedelta(hours=20)))
        feeds["beta"] = _feed("Beta", base, "b", beta)
        night(NOW + timedelta(days=1))
        build_both()
        page = _read(site, bridge)
        assert _developing(page), "the bridge story gained a source tonight"
        assert not _developing(_read(site, garden))
        assert _developing(_read(site, "days/2026-11-22.html"))  # its day, and its topic
        assert _developing(_read(site, "topics/local.html"))
        [story_ld] = _json_ld(page)
        assert {w["publisher"]["name"] for w in story_ld["isBasedOn"]} == {
            "Alpha", "Beta", "Gamma"}
        assert story_ld["dateModified"] == (NOW + timedelta(days=1)).isoformat()
        rows = lhtml.fromstring(page).xpath('//table[@class="timeline-table"]/tbody/tr')
        assert [r.findtext("th") for r in rows] == ["Beta", "Alpha", "Gamma"]
        atom_now, json_now = _atom(site), _json_feed(site)
        bridge_id = next(i for i, e in atom_before.items() if e[2].endswith(bridge))
        assert bridge_id in atom_now, "the same entry: the story continues"
        assert atom_now[bridge_id][1] > atom_before[bridge_id][1], "updated when it grew"
        assert atom_now[bridge_id][1].startswith("2026-11-24T06:00:00")
        assert json_now[f"{SITEURL}/{bridge}"]["date_modified"] == (
            NOW + timedelta(days=1)).isoformat()
        assert json_before[f"{SITEURL}/{bridge}"]["date_modified"] < (
            json_now[f"{SITEURL}/{bridge}"]["date_modified"])
        assert check_sitemaps(site)[f"{SITEURL}/{bridge}"] == (
            NOW + timedelta(days=1)).isoformat()

        # Night 3: the garden article is re-titled; the bridge story stops developing
        # (an incremental build renders its pages again, equal to a full build).
        alpha[1] = (GARDEN_RETITLED, GARDEN, alpha[1][2])
        feeds["alpha"] = _feed("Alpha", base, "a", alpha)
        night(NOW + timedelta(days=2))
        build_both()
        assert not _developing(_read(site, bridge))
        assert not _developing(_read(site, "days/2026-11-22.html"))
        assert not _developing(_read(site, "topics/local.html"))
        assert _story_page(store, "garden") == garden, "the permalink stays"
        atom_after, json_after = _atom(site), _json_feed(site)
        garden_id = next(i for i, e in atom_before.items() if e[2].endswith(garden))
        assert atom_before[garden_id][0] == GARDEN_TITLE
        assert atom_after[garden_id][0] == GARDEN_RETITLED, "same id, new title"
        assert json_after[f"{SITEURL}/{garden}"]["title"] == GARDEN_RETITLED
        assert set(atom_after) >= set(atom_before)
        assert "stale-notice" not in _read(site, "index.html")
        month_sitemap = site / "sitemaps" / "2026-11.xml"
        inode = month_sitemap.stat().st_ino

        # Night 4, three days on: the feeds bring nothing new. The front page and the health
        # page say so; pages kept between builds never carry the notice.
        night(NOW + timedelta(days=5))
        build_both()
        assert month_sitemap.stat().st_ino == inode, "an unchanged month's sitemap is kept"
        for name in ("index.html", "health.html", "sources/index.html"):
            text = _read(site, name)
            assert "stale-notice" in text, name
            assert 'Last updated <time datetime="2026-11-28T06:00:00+00:00">' in text, name
        assert "No new stories for 100 hours" in _read(site, "index.html")
        for name in (bridge, garden, "days/2026-11-24.html"):
            text = _read(site, name)
            assert "stale-notice" not in text and "Last updated" not in text, name

        # Night 5: every feed fails. The last successful update stays; the notice counts
        # from the failed attempt.
        routes.clear()
        run_ingest(settings, tmp_path, now=NOW + timedelta(days=6), site_lang="en")
        build_both()
        index = _read(site, "index.html")
        assert 'Last updated <time datetime="2026-11-28T06:00:00+00:00">' in index
        assert "No new stories for 124 hours" in index

    # A longer allowance: no notice.
    patient = write_settings_file(tmp_path / "patient.py", store, sources,
                                  DIGEST_STALE_AFTER_HOURS=240)
    _build(patient, store, site)
    assert "stale-notice" not in _read(site, "index.html")
    assert "Last updated" in _read(site, "index.html")
