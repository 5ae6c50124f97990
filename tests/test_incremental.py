"""Incremental builds: night after night, rendering only what changed gives exactly the site a
full rebuild gives, and pages of unchanged stories are kept, not rendered again."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from PIL import Image

from news_digest.cli import main, read_settings_file
from news_digest.config import load_settings
from news_digest.ingest import run_ingest
from news_digest.store import Store

from feedkit import Entry, Feed, opml, three_feed_site, write_settings_file
from httpserver import serve

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)

BRIDGE = ("The city council of Lyon approved on Monday a 240 million euro plan to rebuild the "
          "Pont Lafayette bridge over the Rhone, closed since the floods of October. Mayor "
          "Claire Dumont said work would start in March and last two years. ")
BRIDGE_FR = ("Le conseil municipal de Lyon a approuvé lundi un plan de 240 millions d'euros pour "
             "reconstruire le pont Lafayette sur le Rhône, fermé depuis les crues d'octobre. "
             "La maire Claire Dumont a indiqué que les travaux commenceraient en mars. ")
CHIPS = ("Semiconductor maker Halvorsen Microsystems will build a 12 billion dollar factory in "
         "Tromso, Norway, its chief executive Ingrid Halvorsen announced on Sunday. The plant "
         "is expected to employ 3,000 people by 2030. ")
GARDEN_EARLY = ("Volunteers in the suburb of Riverside put the last touches to their community "
                "garden on the eve of its opening to visitors, after five years of work. The "
                "gardeners grow tomatoes and beans. ")
GARDEN = ("A community garden in the suburb of Riverside opened its gates to visitors this "
          "weekend after five years of volunteer work. Gardeners grow tomatoes and beans. ")
FERRY = ("The ferry operator Nordlys Lines cancelled all crossings between Bergen and Hirtshals "
         "on Wednesday as storm Ingunn brought waves of nine metres to the Skagerrak. ")
CHIPS_FIX = CHIPS + "Correction: the plant will employ 3,500 people, not 3,000 as first reported. "


def _feed(title: str, base: str, prefix: str, entries: list[tuple[str, str, datetime]]) -> Feed:
    return Feed(title=title, link=base + "/", entries=[
        Entry(title=t, link=f"{base}/{prefix}/{n}.html", published=when, description=body * 3,
              author="Staff")
        for n, (t, body, when) in enumerate(entries)])


def _picture(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (700, 394), colour).save(out, "PNG")
    return out.getvalue()


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def _inodes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_ino for p in out.rglob("*.html")}


def _atom_entries(out: Path) -> dict[str, tuple[str, str]]:
    """Title → (id, updated) of the site's Atom feed entries."""
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.parse(out / "feeds" / "all.atom.xml").getroot()
    return {e.find("a:title", ns).text: (e.find("a:id", ns).text, e.find("a:updated", ns).text)
            for e in root.findall("a:entry", ns)}


def _story_page(store_path: Path, title_word: str) -> str:
    with Store(store_path, readonly=True) as store:
        story = next(s for s in store.stories() if any(title_word in i.title for i in s.items))
    return f"stories/{story.created:%Y/%m/%d}/{story.slug}.html"


def _build(conf: Path, store: Path, out: Path, *extra: str) -> None:
    assert main(["build", "--settings", str(conf), "--store", str(store), "--output", str(out),
                 *extra]) == 0


def test_incremental_builds_equal_full_rebuilds_night_after_night(tmp_path, monkeypatch):
    from news_digest import site as site_module

    # Tiny batches and cache, so that a few stories exercise the streaming of a big archive.
    monkeypatch.setattr(site_module, "BATCH", 2)
    monkeypatch.setattr(site_module, "CACHED_STORIES", 1)
    routes: dict = {}
    store = tmp_path / "store.sqlite"
    site, full = tmp_path / "site", tmp_path / "full"
    with serve(routes) as base:
        sources, conf = three_feed_site(tmp_path, base, store)
        settings = load_settings(read_settings_file(conf))

        def night(now: datetime, feeds: dict[str, Feed]) -> None:
            routes.clear()
            routes.update({f"/{n}.xml": (200, {"Content-Type": "application/rss+xml"}, f.rss())
                           for n, f in feeds.items()})
            routes.update({f"/{n}.png": (200, {"Content-Type": "image/png"}, _picture(colour))
                           for n, colour in (("garden", "green"), ("pont", "navy"),
                                             ("allotment", "olive"))})
            run_ingest(settings, tmp_path, now=now, site_lang="en")

        t0 = NOW - timedelta(hours=20)
        alpha = [("Lyon approves Pont Lafayette bridge plan", BRIDGE, t0),
                 ("Riverside community garden opens", GARDEN, t0 + timedelta(hours=1))]
        beta = [("Halvorsen to build chip plant in Tromso", CHIPS, t0 + timedelta(hours=2))]
        gamma = [("Lyon : le pont Lafayette sera reconstruit", BRIDGE_FR, t0 + timedelta(hours=3))]
        first = _feed("Alpha", base, "a", alpha)
        first.entries[1].extra = f'<media:content url="{base}/garden.png" medium="image"/>'
        night(NOW, {"alpha": first,
                    "beta": _feed("Beta", base, "b", beta),
                    "gamma": _feed("Gamma", base, "g", gamma)})
        _build(conf, store, site)
        _build(conf, store, full, "--full")
        assert _files(site) == _files(full)
        pictures = {p.name: p.stat().st_ino for p in (site / "images").iterdir()}
        assert len(pictures) == 3, "one picture, three widths"
        garden = _story_page(store, "garden")
        chips = _story_page(store, "chip plant")
        assert garden in _files(site) and chips in _files(site)

        # Night 2: a new story on a new day (the previous day's page gains its "newer" link).
        before = _inodes(site)
        alpha.append(("Storm Ingunn halts Bergen ferries", FERRY, NOW + timedelta(hours=4)))
        feeds = {"alpha": _feed("Alpha", base, "a", alpha), "beta": _feed("Beta", base, "b", beta),
                 "gamma": _feed("Gamma", base, "g", gamma)}
        night(NOW + timedelta(days=1), feeds)
        _build(conf, store, site)
        _build(conf, store, full, "--full")
        assert _files(site) == _files(full)
        after = _inodes(site)
        assert after[garden] == before[garden], "an unchanged story's page is kept as it was"
        assert after["index.html"] != before["index.html"]

        # Night 3: a correction of the chips article, and a follow-up that joins the bridge
        # story, which the feeds then show as updated, never as a new entry.
        before = after
        bridge_entry = _atom_entries(site)["Lyon approves Pont Lafayette bridge plan"]
        beta[0] = ("Halvorsen to build chip plant in Tromso", CHIPS_FIX, beta[0][2])
        feeds["beta"] = _feed("Beta", base, "b", beta)
        gamma.append(("Pont Lafayette : Claire Dumont confirme le chantier en mars",
                      BRIDGE_FR.replace("lundi", "mercredi"), NOW + timedelta(days=1, hours=2)))
        feeds["gamma"] = _feed("Gamma", base, "g", gamma)
        feeds["gamma"].entries[-1].extra = f'<media:content url="{base}/pont.png" medium="image"/>'
        night(NOW + timedelta(days=2), feeds)
        _build(conf, store, site)
        _build(conf, store, full, "--full")
        assert _files(site) == _files(full)
        now_pictures = {p.name: p.stat().st_ino for p in (site / "images").iterdir()}
        assert len(now_pictures) == 6, "the new picture's files are added"
        assert all(now_pictures[n] == ino for n, ino in pictures.items()), "the old ones kept"
        assert '<img src="../../../../images/' in (site / _story_page(store, "Pont")).read_text(
            encoding="utf-8")
        after = _inodes(site)
        assert after[garden] == before[garden]
        assert after[chips] != before[chips], "the corrected story's page is rendered again"
        assert "3,500 people" in (site / chips).read_text(encoding="utf-8")
        entries = _atom_entries(site)
        bridge_now = entries["Lyon approves Pont Lafayette bridge plan"]
        assert bridge_now[0] == bridge_entry[0], "same entry id: the story continues"
        assert bridge_now[1] > bridge_entry[1], "its updated time moves on"
        assert len(entries) == 4

        # Night 3, later: an earlier report of the garden brings its own picture, which the
        # story shows from now on; the old picture leaves the store and the site.
        before = now_pictures
        beta.append(("Riverside gardeners ready for the opening", GARDEN_EARLY,
                     t0 + timedelta(minutes=30)))
        feeds["beta"] = _feed("Beta", base, "b", beta)
        feeds["beta"].entries[-1].extra = (
            f'<media:content url="{base}/allotment.png" medium="image"/>')
        night(NOW + timedelta(days=2, hours=12), feeds)
        _build(conf, store, site)
        _build(conf, store, full, "--full")
        assert _files(site) == _files(full)
        now_pictures = {p.name: p.stat().st_ino for p in (site / "images").iterdir()}
        assert len(now_pictures) == 6 and len(set(now_pictures) & set(before)) == 3
        assert set(pictures).isdisjoint(now_pictures), "the garden's first picture is gone"
        with Store(store, readonly=True) as db:
            assert db.image_names() == set(now_pictures), "the store keeps only what is shown"

        # Night 3, days later: nothing new but a feed that fails; then a change of settings
        # (hidden quality flags) renders everything again, still equal to a full rebuild.
        routes.clear()
        run_ingest(settings, tmp_path, now=NOW + timedelta(days=4), site_lang="en")
        _build(conf, store, site)
        _build(conf, store, full, "--full")
        assert _files(site) == _files(full)
        assert "currently failing" in (site / "index.html").read_text(encoding="utf-8")
        assert "currently failing" not in (site / garden).read_text(encoding="utf-8")

    hidden = write_settings_file(tmp_path / "hidden.py", store, sources,
                                 DIGEST_HIDE_FLAGS=["very-short"])
    _build(hidden, store, site)
    _build(hidden, store, full, "--full")
    assert _files(site) == _files(full)

    # A source leaves the list: its pages leave the site, whose other pages are rendered again
    # (the sources are part of every page), and it still equals a full rebuild.
    assert any(name.startswith("sources/beta") for name in _files(site))
    fewer = tmp_path / "fewer.opml"
    fewer.write_text(opml([("Local", "Alpha", f"{base}/alpha.xml"),
                           ("Local", "Gamma", f"{base}/gamma.xml")], fullText="off"))
    without_beta = write_settings_file(tmp_path / "fewer.py", store, fewer,
                                       DIGEST_HIDE_FLAGS=["very-short"])
    run_ingest(load_settings(read_settings_file(without_beta)), tmp_path,
               now=NOW + timedelta(days=5), site_lang="en")
    _build(without_beta, store, site)
    _build(without_beta, store, full, "--full")
    assert _files(site) == _files(full)
    assert not any(name.startswith("sources/beta") for name in _files(site))


def test_an_interrupted_incremental_build_leaves_the_previous_site(tmp_path, monkeypatch):
    from news_digest import site as site_module

    repo = Path(__file__).resolve().parent.parent
    store, out = tmp_path / "store.sqlite", tmp_path / "out"
    conf = repo / "pelicanconf.py"
    assert main(["ingest", "--settings", str(conf), "--store", str(store)]) == 0
    _build(conf, store, out)
    before = _files(out)

    real_write = site_module.DigestGenerator._write

    def write_then_fail(self, writer, name, template, **kwargs):
        # Pages kept from the previous build (sources/…) are written first, then it fails.
        if name == "health.html":
            raise RuntimeError("disk full")
        real_write(self, writer, name, template, **kwargs)

    monkeypatch.setattr(site_module.DigestGenerator, "_write", write_then_fail)
    with pytest.raises(RuntimeError):
        main(["build", "--settings", str(conf), "--store", str(store), "--output", str(out)])
    assert _files(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]
