"""Lead pictures: found in feeds and pages, fetched at ingest under the page rules, checked and
resized with Pillow, stored by content hash, and served by the site itself (never by a
third-party server)."""

from __future__ import annotations

import io
import re
import struct
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from news_digest.cli import main, read_settings_file
from news_digest.config import load_settings
from news_digest.images import (
    MAX_TRIES,
    ImageLoader,
    ImageRejected,
    candidates,
    fetch_image,
    make_thumbnails,
    page_images,
    thumb_name,
)
from news_digest.ingest import run_ingest
from news_digest.model import STATUS_OK, FetchResult, ImageRef, Item, ItemImage, Source
from news_digest.parse import parse_feed
from news_digest.sources import SourcesError, parse_opml, write_opml
from news_digest.store import Store
from news_digest.views import lead_image, source_views

from feedkit import Entry, Feed, opml, settings_for, write_settings_file
from httpserver import serve

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
MEDIA = 'xmlns:media="http://search.yahoo.com/mrss/"'


def png(width: int = 800, height: int = 450, colour: str = "navy", mode: str = "RGB") -> bytes:
    image = Image.new(mode, (width, height), colour)
    ImageDraw.Draw(image).ellipse((width // 4, height // 4, width // 2, height // 2),
                                  fill="orange")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A valid PNG header declaring a huge picture, with a few bytes of data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b""))


# -- finding pictures ------------------------------------------------------------------------


def test_feed_media_content_enclosures_and_thumbnails_are_read_in_the_order_they_are_tried():
    rss = f"""<?xml version="1.0"?><rss version="2.0" {MEDIA}><channel><title>t</title>
    <item><title>One</title><link>https://news.example/1</link>
      <media:thumbnail url="https://img.example/thumb.jpg" width="150" height="100"/>
      <enclosure url="/pics/enc.png" type="image/png" length="10"/>
      <enclosure url="https://img.example/podcast.mp3" type="audio/mpeg" length="10"/>
      <media:content url="https://img.example/small.jpg" medium="image" width="400"/>
      <media:content url="https://img.example/big.jpg" medium="image" width="1200" height="800">
        <media:credit role="photographer">Jane Doe</media:credit></media:content>
      <media:content url="https://img.example/clip.mp4" medium="video" width="1920"/>
      <media:content url="https://img.example/logo.svg" type="image/svg+xml"/>
      <media:content url="javascript:alert(1)" medium="image"/>
    </item></channel></rss>""".encode()
    entry = parse_feed(rss, "https://news.example/feed.xml").entries[0]
    assert [(r.url, r.kind, r.width) for r in entry.images] == [
        ("https://img.example/big.jpg", "media", 1200),
        ("https://img.example/small.jpg", "media", 400),
        ("https://news.example/pics/enc.png", "enclosure", 0),
        ("https://img.example/thumb.jpg", "thumbnail", 150),
    ]
    assert entry.images[0].credit == "Jane Doe" and entry.images[0].height == 800


def test_atom_enclosure_links_are_read():
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
    <entry><title>x</title><id>1</id><link href="https://news.example/x"/>
    <link rel="enclosure" type="image/jpeg" href="https://img.example/a.jpg" length="10"/>
    </entry></feed>"""
    entry = parse_feed(atom, "https://news.example/feed.xml").entries[0]
    assert [(r.url, r.kind) for r in entry.images] == [("https://img.example/a.jpg", "enclosure")]


def test_page_og_image_and_twitter_image_are_read_from_the_head_only():
    html = """<html><head><title>t</title>
    <meta property="og:image" content="/img/lead.jpg">
    <meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">
    <meta property="og:image:alt" content="Rescuers  at work">
    <meta name="twitter:image" content="https://cdn.example/card.png">
    <meta property="og:image" content="https://cdn.example/logo.svg">
    <meta property="og:image" content="data:image/png;base64,AAAA">
    </head><body><meta property="og:image" content="https://evil.example/body.jpg"></body></html>"""
    refs = page_images(html, "https://news.example/2026/story.html")
    assert refs == (
        ImageRef("https://news.example/img/lead.jpg", "page", 1200, 630, alt="Rescuers at work"),
        ImageRef("https://cdn.example/card.png", "card", alt="Rescuers at work"),
    )
    assert page_images("<html><body>no head</body></html>") == ()


def test_candidates_put_full_size_pictures_first_and_thumbnails_last():
    feed = (ImageRef("https://a.example/t.jpg", "thumbnail"),
            ImageRef("https://a.example/m.jpg", "media"))
    page = (ImageRef("https://a.example/og.jpg", "page"),
            ImageRef("https://a.example/m.jpg", "page"))
    assert [r.url for r in candidates(feed, page)] == [
        "https://a.example/m.jpg", "https://a.example/og.jpg", "https://a.example/t.jpg"]


# -- checking and resizing -------------------------------------------------------------------


def _decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_thumbnails_are_webp_at_three_widths_with_the_pictures_proportions():
    thumbs = make_thumbnails(png(1000, 500))
    assert (thumbs.width, thumbs.height) == (1000, 500)
    assert thumbs.widths == (160, 320, 640)
    for width, data in thumbs.files:
        image = _decoded(data)
        assert image.format == "WEBP"
        assert image.size == (width, width // 2)
    assert make_thumbnails(png(1000, 500)) == thumbs, "the same bytes give the same files"
    assert len(thumbs.hash) == 20


def test_small_pictures_are_never_upscaled():
    assert make_thumbnails(png(400, 300)).widths == (160, 320)
    only = make_thumbnails(png(130, 100))
    assert only.widths == (130,) and _decoded(only.files[0][1]).size == (130, 100)


def test_transparency_is_kept():
    thumbs = make_thumbnails(png(400, 300, colour=(0, 0, 0, 0), mode="RGBA"))
    assert _decoded(thumbs.files[0][1]).mode == "RGBA"


def test_a_jpeg_is_decoded_at_a_reduced_scale_but_thumbnails_keep_their_sizes():
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), "teal").save(out, "JPEG")
    thumbs = make_thumbnails(out.getvalue())
    assert (thumbs.width, thumbs.height) == (4000, 3000)
    assert [_decoded(d).size for _, d in thumbs.files] == [(160, 120), (320, 240), (640, 480)]


@pytest.mark.parametrize("data, reason", [
    (b"<html><body>Not found</body></html>", "not a JPEG"),
    (png()[:300], "cannot decode"),
    (bomb_png(), "too many pixels"),
    (bomb_png(8000, 6000), "too many pixels"),  # over our limit, under Pillow's own
    (b'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"/>', "not a JPEG"),
    (png(1, 1), "too small"),
    (png(1200, 100), "shape"),
    (b"", "not a JPEG"),
])
def test_what_is_not_a_usable_picture_is_rejected(data, reason):
    with pytest.raises(ImageRejected, match=reason):
        make_thumbnails(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=400).map(lambda b: png(200, 120)[:60] + b),  # a PNG header, then noise
    st.binary(max_size=400).map(lambda b: b"\xff\xd8\xff\xe0" + b),  # a JPEG start, then noise
    st.binary(max_size=400).map(lambda b: b"GIF89a" + b),
    st.binary(max_size=400).map(lambda b: b"RIFF\x00\x00\x00\x00WEBPVP8 " + b),
))
def test_arbitrary_bytes_served_as_a_picture_never_raise(data):
    served = FetchResult(STATUS_OK, "https://img.example/x.png", body=data,
                         content_type="image/png")
    loader = ImageLoader(lambda url: served, cap=10)
    outcome = fetch_image([ImageRef("https://img.example/x.png", "media")], loader.load)
    if outcome.image is None:
        assert outcome.error and not outcome.files
    else:
        assert all(name.startswith(outcome.image.hash) for name, _ in outcome.files)


def test_the_loader_fetches_each_url_once_and_stops_at_its_cap():
    asked: list[str] = []

    def fetch(url: str) -> FetchResult:
        asked.append(url)
        return FetchResult(STATUS_OK, url, body=png(), content_type="image/png")

    loader = ImageLoader(fetch, cap=2)
    ref = [ImageRef("https://img.example/a.png", "page")]
    assert fetch_image(ref, loader.load).image is not None
    assert fetch_image(ref, loader.load).image is not None
    assert asked == ["https://img.example/a.png"]
    assert fetch_image([ImageRef("https://img.example/b.png", "page")], loader.load).image
    capped = fetch_image([ImageRef("https://img.example/c.png", "page")], loader.load)
    assert capped.image is None and "cap" in capped.error
    assert len(asked) == 2
    many = [ImageRef(f"https://img.example/{n}.png", "media") for n in range(5)]
    assert len(fetch_image(many, ImageLoader(fetch, cap=99).load).error.split("; ")) <= MAX_TRIES


def test_a_declared_html_answer_is_not_decoded():
    loader = ImageLoader(lambda url: FetchResult(STATUS_OK, url, body=png(),
                                                 content_type="text/html; charset=utf-8"), cap=5)
    assert "not a picture" in str(loader.load("https://img.example/a.png"))


# -- the per-feed switch ---------------------------------------------------------------------


def test_images_off_is_read_written_and_checked():
    text = opml([("World", "A", "https://a.example/feed.xml")], images="off")
    source = parse_opml(text)[0]
    assert source.images is False
    assert parse_opml(opml([("World", "A", "https://a.example/f.xml")]))[0].images is True
    assert 'images="off"' in write_opml([source], "t")
    assert parse_opml(write_opml([source], "t"))[0].images is False
    with pytest.raises(SourcesError, match="images"):
        parse_opml(opml([("World", "A", "https://a.example/f.xml")], images="sometimes"))


# -- which picture a story shows -------------------------------------------------------------


def _item(key: str, source: str, hours: int, width: int = 800) -> Item:
    when = NOW + timedelta(hours=hours)
    return Item(key=key, source_url=source, url=f"https://{key}.example/", title=key,
                published=when, first_seen=when,
                image=ItemImage(hash=key * 4, width=width, height=400, widths=(160, 320)))


def test_a_story_shows_the_first_reporters_picture_never_a_switched_off_feeds():
    sources = [Source(url="a", title="A"), Source(url="b", title="B"),
               Source(url="off", title="Off", images=False)]
    by_url = {v.feed_url: v for v in source_views(sources, {}, {})}
    first, later, bigger_same_time = _item("first", "a", 1), _item("later", "b", 5), \
        _item("big", "b", 1, width=2000)
    assert lead_image([later, first], set(), by_url)[0] is first
    assert lead_image([first, bigger_same_time], set(), by_url)[0] is bigger_same_time
    # A copy lends its picture only when no original has one.
    assert lead_image([first, later], {"first"}, by_url)[0] is later
    assert lead_image([_item("early", "off", 0), later], set(), by_url)[0] is later
    assert lead_image([_item("solo", "off", 0)], set(), by_url) is None


# -- a whole night and build -----------------------------------------------------------------


def _rss(base: str, items: list[tuple[str, str]]) -> bytes:
    """A feed whose items each point to one picture path (or none: "")."""
    parts = []
    for n, (title, picture) in enumerate(items):
        media = (f'<media:content url="{base}{picture}" medium="image"/>' if picture else "")
        text = (f"{title} is reported by our staff after a long day of events in the city. "
                "The council met on Monday and voted on the plan after hours of debate. ") * 3
        parts.append(f"<item><title>{title}</title><link>{base}/a/{n}.html</link>"
                     f"<guid>{base}/a/{n}.html</guid>"
                     f"<pubDate>{(NOW - timedelta(hours=n + 1)):%a, %d %b %Y %H:%M:%S} +0000"
                     f"</pubDate><description>{text}</description>{media}</item>")
    return (f'<?xml version="1.0"?><rss version="2.0" {MEDIA}><channel><title>Local</title>'
            f"<link>{base}/</link>{''.join(parts)}</channel></rss>").encode()


PICTURES = [
    ("Harbour bridge reopens to traffic", "/real.png"),
    ("Museum wins a national prize", "/html.png"),
    ("Ferry timetable cut for winter", "/truncated.png"),
    ("Library extends its hours", "/bomb.png"),
    ("Stadium lights upgraded", "/huge.png"),
    ("Market hall restored", "/to-private.png"),
    ("School choir tours abroad", ""),
]


def _routes(feed: bytes) -> dict:
    real = png(900, 500)
    return {
        "/feed.xml": (200, {"Content-Type": "application/rss+xml"}, feed),
        "/real.png": (200, {"Content-Type": "image/png"}, real),
        "/html.png": (200, {"Content-Type": "image/png"}, b"<html><body>oops</body></html>"),
        "/truncated.png": (200, {"Content-Type": "image/png"}, real[:500]),
        "/bomb.png": (200, {"Content-Type": "image/png"}, bomb_png()),
        "/huge.png": (200, {"Content-Type": "image/png"}, real + b"\x00" * 300_000),
        "/to-private.png": (302, {"Location": "http://10.1.2.3/x.png"}, b""),
    }


def _html(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8")
            for p in sorted(out.rglob("*.html"))}


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def test_a_night_with_good_and_broken_pictures_then_a_build_served_by_the_site_alone(tmp_path):
    store = tmp_path / "store.sqlite"
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(_rss(base, PICTURES)))
        sources = tmp_path / "sources.opml"
        sources.write_text(opml([("Local", "Harbour Times", f"{base}/feed.xml")],
                                fullText="off"))
        conf = write_settings_file(tmp_path / "conf.py", store, sources, DIGEST_HOST_SPACING=0.0,
                                   DIGEST_PAGE_MAX_BYTES=200_000, DIGEST_WORKERS=1)
        settings = load_settings(read_settings_file(conf))
        report = run_ingest(settings, tmp_path, now=NOW, site_lang="en")
        assert report.feeds[0].new_items == len(PICTURES), "a broken picture loses no item"
        assert (report.images, report.image_failures) == (1, 5)
        asked = sorted(r.path for r in base.requests if r.path.endswith(".png"))
        assert asked == sorted(p for _, p in PICTURES if p)

        # The next night, the same items: no picture is asked for again.
        routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"},
                               _rss(base, PICTURES) + b" ")
        before = len(base.requests)
        run_ingest(settings, tmp_path, now=NOW + timedelta(hours=1), site_lang="en")
        assert [r.path for r in base.requests[before:]] == ["/feed.xml"]

    with Store(store, readonly=True) as db:
        pictured = [i for i in db.items() if i.image is not None]
        assert [i.title for i in pictured] == ["Harbour bridge reopens to traffic"]
        image = pictured[0].image
        assert (image.width, image.height, image.widths) == (900, 500, (160, 320, 640))
        assert db.image_names() == {thumb_name(image.hash, w) for w in image.widths}

    out, again = tmp_path / "site", tmp_path / "again"
    assert main(["build", "--settings", str(conf), "--output", str(out)]) == 0
    pages = _html(out)
    story = next(html for name, html in pages.items()
                 if name.startswith("stories/") and "Harbour bridge" in html)
    for html in (pages["index.html"], story):
        imgs = re.findall(r"<img [^>]*>", html)
        assert len(imgs) == 1
        tag = imgs[0]
        assert 'loading="lazy"' in tag and 'alt="' in tag
        assert re.search(r'width="\d+" height="\d+"', tag)
        srcset = re.search(r'srcset="([^"]+)"', tag).group(1)
        for part in srcset.split(", "):
            url, width = part.split(" ")
            assert url.startswith("./") or url.startswith("../"), url
            assert (out / re.sub(r"^(\.\./|\./)+", "", url)).is_file()
            assert width in ("160w", "320w", "640w")
        assert "Picture: Harbour Times" in html
    for name, html in pages.items():
        assert not re.search(r"<img[^>]+(src|srcset)=\"[^\"]*https?:", html), name
        assert not re.search(r"(?:src|srcset)=\"https?://", html), name
        if "Content-Security-Policy" in html:
            assert "img-src 'self';" in html, name
    assert sorted(p.name for p in (out / "images").iterdir()) == sorted(
        thumb_name(image.hash, w) for w in image.widths)

    assert main(["build", "--settings", str(conf), "--output", str(again), "--full"]) == 0
    assert _files(out) == _files(again), "two builds of one store are byte-identical"


def _one_night(tmp_path: Path, **kw) -> tuple:
    """One feed with one pictured item; the report and the paths the server was asked for."""
    routes: dict = {}
    attrs = {"fullText": "off", **kw.pop("attrs", {})}
    with serve(routes) as base:
        routes.update(_routes(_rss(base, PICTURES[:1])))
        (tmp_path / "sources.opml").write_text(
            opml([("Local", "Harbour Times", f"{base}/feed.xml")], **attrs))
        report = run_ingest(settings_for(tmp_path, workers=1, **kw), tmp_path, now=NOW)
        return report, [r.path for r in base.requests]


def test_a_feed_with_images_off_asks_for_no_picture(tmp_path):
    report, asked = _one_night(tmp_path, attrs={"images": "off"})
    assert report.feeds[0].new_items == 1 and report.images == 0
    assert asked == ["/feed.xml"]
    with Store(tmp_path / "store.sqlite", readonly=True) as db:
        assert all(i.image is None for i in db.items())
        assert db.image_names() == set()


def test_a_picture_cap_of_zero_fetches_no_picture(tmp_path):
    report, asked = _one_night(tmp_path, images_per_night=0)
    assert report.feeds[0].new_items == 1 and report.images == 0
    assert asked == ["/feed.xml"]


def test_a_feed_with_images_on_gets_its_picture(tmp_path):
    report, asked = _one_night(tmp_path)
    assert report.images == 1 and asked == ["/feed.xml", "/real.png"]


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000).map(lambda b: png(300, 200)[:80] + b))
def test_arbitrary_bytes_served_as_a_picture_never_crash_ingest(tmp_path_factory, data):
    tmp = tmp_path_factory.mktemp("night")
    routes: dict = {}
    with serve(routes) as base:
        routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"},
                               _rss(base, [("Harbour bridge reopens", "/x.png")]))
        routes["/x.png"] = (200, {"Content-Type": "image/png"}, data)
        (tmp / "sources.opml").write_text(opml([("Local", "A", f"{base}/feed.xml")],
                                               fullText="off"))
        report = run_ingest(settings_for(tmp, workers=1), tmp, now=NOW)
    assert report.feeds[0].status == STATUS_OK and report.feeds[0].new_items == 1
    assert report.images + report.image_failures == 1


def test_picture_text_from_feeds_is_escaped_and_a_bad_link_is_not_made():
    from types import SimpleNamespace as NS

    from lxml import html as lhtml
    from test_theme import ENV, HOSTILE, world

    context = world(HOSTILE)
    story = context["stories"][0]
    files = [NS(path="images/abc-160.webp", width=160, height=90),
             NS(path="images/abc-320.webp", width=320, height=180)]
    for item, linked in ((story.items[0], True), (story.items[1], False)):
        story.image = NS(files=files, src=files[1], alt=HOSTILE, credit=HOSTILE, item=item)
        for name in ("digest.html", "article.html"):
            page = ENV.get_template(name).render(**context)
            tree = lhtml.fromstring(page)
            figures = tree.xpath("//figure[contains(@class, 'story-picture')]")
            assert len(figures) == 1, name
            imgs = figures[0].xpath(".//img")
            assert len(imgs) == 1 and imgs[0].get("alt") == HOSTILE
            assert imgs[0].get("src") == "../images/abc-320.webp"
            assert imgs[0].get("srcset") == ("../images/abc-160.webp 160w, "
                                             "../images/abc-320.webp 320w")
            assert (imgs[0].get("width"), imgs[0].get("height")) == ("320", "180")
            assert HOSTILE in figures[0].xpath("string(.//figcaption)")
            links = [a.get("href") for a in figures[0].xpath(".//a")]
            assert links == (["https://a.example/1"] if linked else []), name
            assert not tree.xpath("//script")


def test_switching_a_feed_off_hides_and_drops_its_stored_pictures_at_the_next_night(tmp_path):
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(_rss(base, PICTURES[:1])))
        sources = tmp_path / "sources.opml"

        def night(hours: int, **attrs: str) -> None:
            sources.write_text(opml([("Local", "Harbour Times", f"{base}/feed.xml")],
                                    fullText="off", **attrs))
            run_ingest(settings_for(tmp_path, workers=1), tmp_path,
                       now=NOW + timedelta(hours=hours))

        def shown() -> list:
            with Store(tmp_path / "store.sqlite", readonly=True) as db:
                records = db.story_records(db.story_ids())
            return [data.get("image") for _, data in records.values()]

        night(0)
        assert [bool(image) for image in shown()] == [True]
        night(1, images="off")
        assert shown() == [None]
        with Store(tmp_path / "store.sqlite", readonly=True) as db:
            assert db.image_names() == set(), "the store keeps only the pictures shown"
        night(2)
        assert shown() == [None], "switched on again: pictures come with new items only"


def test_a_store_from_before_pictures_is_upgraded_keeping_its_items(tmp_path):
    import sqlite3

    from news_digest.store import _MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    for version in range(1, 6):
        db.executescript(_MIGRATIONS[version])
    db.execute("PRAGMA user_version=5")
    db.execute("INSERT INTO sources (url, title, topic) VALUES ('f', 'F', 'World')")
    db.execute("INSERT INTO items (key, source_url, title, published, first_seen) VALUES "
               "('k', 'f', 'Old item', '2026-11-01T00:00:00+00:00', '2026-11-01T00:00:00+00:00')")
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.item("k").title == "Old item" and store.item("k").image is None
        assert store.sources()[0].images is True
        assert store.image_names() == set()


def test_pictures_inside_a_republished_full_text_are_left_out():
    from news_digest.model import Story
    from news_digest.sanitize import sanitize_html
    from news_digest.views import story_view

    html = sanitize_html('<p>Kept text.</p><img src="https://tracker.example/p.png" alt="x">'
                         '<figure><img src="/rel.jpg"><figcaption>Cap</figcaption></figure>',
                         base_url="https://a.example/story")
    assert html.count("<img") == 2
    source = Source(url="a", title="A", republish=True)
    item = _item("one", "a", 0)
    item.content_html, item.text = html, "Kept text."
    by_url = {v.feed_url: v for v in source_views([source], {}, {})}
    view = story_view(Story(id="s", slug="s", created=NOW, items=[item]), by_url, "en", {})
    shown = str(view.items[0].content_html)
    assert "Kept text." in shown and "Cap" in shown and "<img" not in shown
    assert view.image is not None and view.image.item is view.items[0]


# -- the store keeps what the site shows -------------------------------------------------------

BRIDGE_A = ("The city council of Lyon approved on Monday a 240 million euro plan to rebuild the "
            "Pont Lafayette bridge over the Rhone, closed since the floods of October. Mayor "
            "Claire Dumont said work would start in March and last two years. ")
BRIDGE_B = ("Lyon will rebuild the Pont Lafayette bridge: councillors backed Mayor Claire "
            "Dumont's 240 million euro plan for the Rhone crossing on Monday, with work to start "
            "in March, months after the October floods closed it. ")
BRIDGE_C = ("Engineers told Lyon's council that the Pont Lafayette bridge over the Rhone must be "
            "rebuilt, not repaired, ahead of Monday's vote on Mayor Claire Dumont's 240 million "
            "euro plan. The bridge has been closed since the October floods. ")
CHIPS_A = ("Semiconductor maker Halvorsen Microsystems will build a 12 billion dollar factory in "
           "Tromso, Norway, its chief executive Ingrid Halvorsen announced on Sunday. The plant "
           "is expected to employ 3,000 people by 2030. ")
CHIPS_B = ("Ingrid Halvorsen, chief executive of Halvorsen Microsystems, said on Sunday the "
           "company picked Tromso in Norway for its 12 billion dollar chip factory, which should "
           "employ 3,000 people by 2030. ")
PICTURE_COLOURS = {"logo": "gray", "blue": "blue", "navy": "navy", "green": "green"}


def _stored_hashes(store: Path) -> dict[str, set[str]]:
    """Picture name (its path on the test server) → the hashes of its stored thumbnails."""
    with Store(store, readonly=True) as db:
        by_url = {i.image.url.rsplit("/", 1)[-1][:-len(".png")]: i.image.hash
                  for i in db.items() if i.image is not None}
        stored = {n.split("-")[0] for n in db.image_names()}
    return {name: {h} & stored for name, h in sorted(by_url.items())}


def test_the_store_and_the_site_keep_only_the_pictures_stories_show(tmp_path):
    """Several reports of one story with pictures: only the shown one stays, in the store and
    in output/images; a picture two stories show survives one of them dropping it; the
    incremental build removes what a full build would not write."""
    routes: dict = {}
    store = tmp_path / "store.sqlite"
    site, full = tmp_path / "site", tmp_path / "full"
    t0 = NOW - timedelta(hours=20)
    with serve(routes) as base:
        routes.update({f"/{name}.png": (200, {"Content-Type": "image/png"}, png(800, 450, c))
                       for name, c in PICTURE_COLOURS.items()})
        sources = tmp_path / "sources.opml"
        # One topic: a story changing topics is not what this test is about.
        sources.write_text(opml([("Local", name.title(), f"{base}/{name}.xml")
                                 for name in ("alpha", "beta", "gamma")], fullText="off"))
        conf = write_settings_file(tmp_path / "conf.py", store, sources, DIGEST_HOST_SPACING=0.0,
                                   DIGEST_WORKERS=1)
        settings = load_settings(read_settings_file(conf))
        feeds: dict[str, list[Entry]] = {"alpha": [], "beta": [], "gamma": []}

        def report(feed: str, title: str, text: str, hours: int, picture: str) -> None:
            feeds[feed].append(Entry(
                title=title, link=f"{base}/{feed}/{len(feeds[feed])}.html",
                published=t0 + timedelta(hours=hours), description=text * 3, author="Staff",
                extra=f'<media:content url="{base}/{picture}.png" medium="image"/>'))

        def night(days: int) -> dict[str, set[str]]:
            for name, entries in feeds.items():
                routes[f"/{name}.xml"] = (200, {"Content-Type": "application/rss+xml"},
                                          Feed(title=name, link=base + "/", entries=entries).rss())
            run_ingest(settings, tmp_path, now=NOW + timedelta(days=days), site_lang="en")
            assert main(["build", "--settings", str(conf), "--output", str(site)]) == 0
            assert main(["build", "--settings", str(conf), "--output", str(full), "--full"]) == 0
            assert _files(site) == _files(full)
            shown = _shown_images(site)
            assert shown, "some page shows a picture"
            assert sorted(p.name for p in (site / "images").iterdir()) == sorted(shown), \
                "output/images holds exactly the files the pages use"
            return _stored_hashes(store)

        # Night 1: the bridge story has two pictured reports (it shows the earliest one's, a
        # site's logo the chips story shows too); the other picture is not kept.
        report("alpha", "Lyon approves Pont Lafayette bridge plan", BRIDGE_A, 1, "logo")
        report("beta", "Pont Lafayette to be rebuilt, Lyon decides", BRIDGE_B, 2, "blue")
        report("beta", "Halvorsen to build chip plant in Tromso", CHIPS_A, 3, "logo")
        stored = night(0)
        assert stored == {"logo": stored["logo"], "blue": set()} and stored["logo"]
        with Store(store, readonly=True) as db:
            assert len(db.image_names()) == 3, "one picture, three widths"

        # Night 2: an earlier report of the bridge brings its own picture; the bridge story
        # drops the logo, which the chips story still shows.
        report("gamma", "Engineers: Pont Lafayette must be rebuilt", BRIDGE_C, 0, "navy")
        stored = night(1)
        assert stored["logo"] and stored["navy"] and not stored["blue"]
        with Store(store, readonly=True) as db:
            shown = sorted(r[0] for r in db.db.execute("SELECT hash FROM story_images"))
        assert shown == sorted(stored["logo"] | stored["navy"]), "bridge: navy; chips: logo"

        # Night 3: the chips story too takes an earlier report's picture: the logo is shown by
        # no story any more, and leaves the store and the site.
        logo = next(iter(stored["logo"]))
        report("gamma", "Tromso gets Halvorsen's chip factory", CHIPS_B, 2, "green")
        stored = night(2)
        assert stored["navy"] and stored["green"] and not stored["logo"] and not stored["blue"]
        assert not any(p.name.startswith(logo) for p in (site / "images").iterdir())
        with Store(store, readonly=True) as db:
            assert len(db.image_names()) == 6


def _shown_images(out: Path) -> set[str]:
    """The names of the picture files the site's pages point to."""
    names = set()
    for html in _html(out).values():
        names.update(re.findall(r"images/([0-9a-f]+-\d+\.webp)", html))
    return names


def test_a_store_from_before_kept_pictures_learns_what_its_stories_show(tmp_path):
    import sqlite3

    from news_digest.store import SCHEMA_VERSION

    _one_night(tmp_path)
    path = tmp_path / "store.sqlite"
    with Store(path, readonly=True) as db:
        shown = db.db.execute("SELECT story_id, hash FROM story_images").fetchall()
        files = db.image_names()
    assert len(shown) == 1 and len(files) == 3
    db = sqlite3.connect(path)  # the store as schema 7 left it
    db.executescript("DROP TABLE story_images; PRAGMA user_version=7;")
    db.close()
    with Store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.db.execute("SELECT story_id, hash FROM story_images").fetchall() == shown
        assert store.image_names() == files
        assert store.shown_image_names() == files
