#!/usr/bin/env python3
"""Draw the demo's pictures and point some demo feeds and mirrored pages at them.

The pictures are abstract shapes and charts drawn with Pillow for this project (no one's
photographs), saved as small palette PNGs in the offline mirror under each outlet's own host
(`content/mirror/<host>/images/…`), where the demo's ingest fetches them the way it would fetch
a publisher's. Then the references are added, each the way publishers give them: RSS
`media:content` (with `media:credit`) and `<enclosure>`, Atom `link rel="enclosure"`, a page's
`og:image` or `twitter:image`. One feed whose sources entry says images="off" gets one too (it
must not show), and one reference points at a file that does not exist (the item simply has no
picture). The output is a pure function of the table below, and running the script again
changes nothing; run it after `make_demo_content.py`, which rewrites the feeds, the pages and
the sources file (this script also marks Planète Info images="off" there).

Usage::

    python scripts/make_demo_images.py [--content DIR]
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from news_digest.fetch import mirror_path  # noqa: E402

SIZE = (960, 540)
MEDIA_NS = 'xmlns:media="http://search.yahoo.com/mrss/"'
IMAGES_OFF = ["feeds/planete-info.xml"]  # sources entries that get images="off"


@dataclass(frozen=True)
class Picture:
    feed: str  # file in content/feeds
    link: str  # the item's link, as in the feed
    how: str  # "media", "enclosure" (RSS or Atom), "og" or "twitter" (the mirrored page)
    style: str  # drawing (see DRAWINGS)
    name: str  # file name under the outlet's images/ folder
    credit: str = ""
    missing: bool = False  # reference a file that is not there


PICTURES = [
    Picture("morning-ledger.xml",
            "https://morning-ledger.example/business/2026/11/23/retailers-brace-for-muted-holiday-season.html",
            "media", "bars", "holiday-spending.png", "Ledger graphics desk"),
    Picture("morning-ledger.xml",
            "https://morning-ledger.example/world/2026/11/23/kim-jong-un-plans-russia-trip-arms-talks-putin.html",
            "media", "circles", "summit.png", "Ledger graphics desk"),
    Picture("morning-ledger.xml",
            "https://morning-ledger.example/business/2026/11/22/helios-rail-transalpina-merger.html",
            "media", "rails", "rail-merger.png"),
    Picture("worldwire.xml",
            "https://worldwire.example/americas/2026/11/23/brazilian-city-pilots-four-day-school-week.html",
            "enclosure", "calendar", "school-week.png"),
    Picture("worldwire.xml",
            "https://worldwire.example/europe/2026/11/22/dutch-cyclists-union-calls-for-speed-limits-on-bike-paths.html",
            "enclosure", "wheels", "bike-paths.png"),
    Picture("northwind-tech.xml",
            "https://northwind-tech.example/reviews/2026/11/lumen-os-3-hands-on/",
            "og", "windows", "lumen-os-3.png"),
    Picture("northwind-tech.xml",
            "https://northwind-tech.example/news/2026/11/veltrix-grenoble-chip-fab-2400-jobs/",
            "og", "chip", "veltrix-fab.png"),
    Picture("quotidien-du-soir.xml",
            "https://quotidien-du-soir.example/economie/2026/11/23/les-producteurs-de-lait-manifestent-devant-les-prefectures.html",
            "og", "fields", "producteurs-de-lait.png"),
    Picture("quotidien-du-soir.xml",
            "https://quotidien-du-soir.example/societe/2026/11/21/tempete-ondine-deux-morts-et-190-000-foyers-prives-d-electricite-en-bretagne.html",
            "og", "waves", "tempete-ondine.png"),
    Picture("harbour-post.xml",
            "https://harbour-post.example/news/2026/11/23/new-bus-route-links-tremorrow-to-truro-hospital/",
            "twitter", "route", "bus-route.png"),
    Picture("harbour-post.xml",
            "https://harbour-post.example/news/2026/11/22/christmas-lights-switch-on-moved-indoors/",
            "media", "circles", "lights.png", missing=True),
    Picture("open-climate-wire.xml",
            "https://open-climate-wire.example/news/2026/11/23/andalusia-farmers-restore-ancient-irrigation-channels.html",
            "media", "channels", "irrigation.png", "Open Climate Wire, CC BY 4.0"),
    Picture("open-climate-wire.xml",
            "https://open-climate-wire.example/news/2026/11/21/heat-pumps-outsold-gas-boilers-five-countries.html",
            "media", "bars", "heat-pumps.png", "Open Climate Wire, CC BY 4.0"),
    Picture("gazette-numerique.xml",
            "https://gazette-numerique.example/actualites/2026/11/23/fibre-optique-92-des-locaux-desormais-raccordables.html",
            "enclosure", "fibre", "fibre.png"),
    # Planète Info's sources entry says images="off": this one must never be shown.
    Picture("planete-info.xml",
            "https://planete-info.example/energie/2026/11/23/le-premier-parc-eolien-flottant-de-mediterranee-produit-ses-premiers-megawatts.html",
            "media", "wheels", "eolien.png"),
]

PALETTES = [
    ["#1f3b5c", "#e0a458", "#c8553d", "#f4e9d8", "#5c8d89"],
    ["#22313f", "#f2c14e", "#f78154", "#4d9078", "#eae2b7"],
    ["#2b2d42", "#8d99ae", "#ef233c", "#edf2f4", "#d9a441"],
    ["#0b3954", "#087e8b", "#bfd7ea", "#ff5a5f", "#c81d25"],
]


def _bars(d: ImageDraw.ImageDraw, w: int, h: int, rnd: random.Random, pal: list[str]) -> None:
    n = 7
    for i in range(n):
        top = int(h * (0.25 + 0.55 * rnd.random()))
        x0 = 80 + i * (w - 160) // n
        d.rectangle((x0, top, x0 + (w - 160) // n - 24, h - 70), fill=pal[1 + i % 3])
    d.line((60, h - 70, w - 60, h - 70), fill=pal[3], width=6)


def _circles(d, w, h, rnd, pal) -> None:
    for i in range(9):
        r = rnd.randint(50, 170)
        x, y = rnd.randint(0, w), rnd.randint(0, h)
        d.ellipse((x - r, y - r, x + r, y + r), fill=pal[1 + i % 4])


def _rails(d, w, h, rnd, pal) -> None:
    for k, y in enumerate((h // 3, 2 * h // 3)):
        d.line((0, y, w, y - 80 + 160 * k), fill=pal[3], width=14)
        for x in range(0, w, 48):
            mid = y + int(x * (160 * k - 80) / w)
            d.line((x, mid - 30, x, mid + 30), fill=pal[1], width=8)
    d.ellipse((w // 2 - 60, h // 2 - 60, w // 2 + 60, h // 2 + 60), fill=pal[2])


def _calendar(d, w, h, rnd, pal) -> None:
    cols, rows = 7, 4
    cw, ch = (w - 120) // cols, (h - 120) // rows
    for r in range(rows):
        for c in range(cols):
            fill = pal[2] if c >= 4 else pal[3 if (r + c) % 2 else 4]
            d.rectangle((60 + c * cw + 6, 60 + r * ch + 6, 60 + (c + 1) * cw - 6,
                         60 + (r + 1) * ch - 6), fill=fill)


def _wheels(d, w, h, rnd, pal) -> None:
    for cx in (w // 3, 2 * w // 3):
        for r, col in ((150, pal[1]), (130, pal[0]), (30, pal[2])):
            d.ellipse((cx - r, h // 2 - r, cx + r, h // 2 + r), fill=col)
        d.line((cx - 130, h // 2, cx + 130, h // 2), fill=pal[3], width=6)
        d.line((cx, h // 2 - 130, cx, h // 2 + 130), fill=pal[3], width=6)
    d.line((w // 3, h // 2, w // 2, h // 4, 2 * w // 3, h // 2), fill=pal[2], width=12)


def _windows(d, w, h, rnd, pal) -> None:
    for i in range(4):
        x0, y0 = 80 + i * 120, 60 + i * 70
        d.rectangle((x0, y0, x0 + 420, y0 + 260), fill=pal[(i + 1) % 5], outline=pal[0], width=6)
        d.rectangle((x0, y0, x0 + 420, y0 + 36), fill=pal[0])


def _chip(d, w, h, rnd, pal) -> None:
    d.rectangle((w // 2 - 170, h // 2 - 170, w // 2 + 170, h // 2 + 170), fill=pal[0])
    d.rectangle((w // 2 - 110, h // 2 - 110, w // 2 + 110, h // 2 + 110), fill=pal[1])
    for k in range(-150, 151, 50):
        for x0, y0, x1, y1 in ((w // 2 + k, h // 2 - 170, w // 2 + k, h // 2 - 240),
                               (w // 2 + k, h // 2 + 170, w // 2 + k, h // 2 + 240),
                               (w // 2 - 170, h // 2 + k, w // 2 - 240, h // 2 + k),
                               (w // 2 + 170, h // 2 + k, w // 2 + 240, h // 2 + k)):
            d.line((x0, y0, x1, y1), fill=pal[3], width=10)


def _fields(d, w, h, rnd, pal) -> None:
    d.rectangle((0, 0, w, h // 3), fill=pal[4])
    for i in range(6):
        y = h // 3 + i * (2 * h // 3) // 6
        d.polygon([(0, y), (w, y - 40), (w, y + 60), (0, y + 100)], fill=pal[1 + i % 3])
    d.ellipse((w - 220, 40, w - 120, 140), fill=pal[2])


def _waves(d, w, h, rnd, pal) -> None:
    for i in range(8):
        base = 80 + i * 60
        points = [(x, base + int(30 * ((x // 60) % 2 * 2 - 1))) for x in range(0, w + 60, 60)]
        d.line(points, fill=pal[1 + i % 4], width=18, joint="curve")


def _route(d, w, h, rnd, pal) -> None:
    points = [(60, h - 80), (260, h - 200), (420, h - 160), (600, 200), (w - 80, 90)]
    d.line(points, fill=pal[2], width=22, joint="curve")
    for x, y in points:
        d.ellipse((x - 26, y - 26, x + 26, y + 26), fill=pal[3], outline=pal[0], width=8)


def _channels(d, w, h, rnd, pal) -> None:
    d.rectangle((0, 0, w, h), fill=pal[1])
    for i in range(5):
        y = 70 + i * 100
        d.line([(0, y), (w // 3, y + 30), (2 * w // 3, y - 20), (w, y + 10)], fill=pal[0],
               width=26, joint="curve")


def _fibre(d, w, h, rnd, pal) -> None:
    for i in range(12):
        y = 40 + i * 40
        d.line([(0, y), (w // 2, h // 2), (w, h - y)], fill=pal[1 + i % 4], width=8)
    d.ellipse((w // 2 - 50, h // 2 - 50, w // 2 + 50, h // 2 + 50), fill=pal[3])


DRAWINGS = {"bars": _bars, "circles": _circles, "rails": _rails, "calendar": _calendar,
            "wheels": _wheels, "windows": _windows, "chip": _chip, "fields": _fields,
            "waves": _waves, "route": _route, "channels": _channels, "fibre": _fibre}


def draw(picture: Picture) -> bytes:
    """The picture as a small palette PNG: flat shapes, so a few KB."""
    seed = sum(picture.name.encode())
    rnd = random.Random(seed)  # noqa: S311 - shapes, not secrets
    pal = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", SIZE, pal[0] if picture.style != "windows" else pal[4])
    DRAWINGS[picture.style](ImageDraw.Draw(image), *SIZE, rnd, pal)
    out = io.BytesIO()
    image.quantize(colors=16, dither=Image.Dither.NONE).save(out, "PNG", optimize=True)
    return out.getvalue()


def host_of(link: str) -> str:
    return link.split("/")[2]


def image_url(picture: Picture) -> str:
    return f"https://{host_of(picture.link)}/images/{picture.name}"


def _item_span(text: str, link: str) -> tuple[int, int]:
    """Where the item (RSS) or entry (Atom) with this link ends: the index of its closing tag."""
    at = text.find(escape(link, quote=False))
    if at < 0:
        raise SystemExit(f"no item links to {link}")
    closing = min(i for i in (text.find("</item>", at), text.find("</entry>", at)) if i >= 0)
    return at, closing


def _feed_reference(picture: Picture, atom: bool, size: int) -> str:
    url = escape(image_url(picture))
    if picture.how == "enclosure":
        if atom:
            return f'<link rel="enclosure" type="image/png" href="{url}" length="{size}"/>\n'
        return f'<enclosure url="{url}" type="image/png" length="{size}"/>\n'
    credit = (f'<media:credit role="author">{escape(picture.credit)}</media:credit>'
              if picture.credit else "")
    return (f'<media:content url="{url}" medium="image" type="image/png" width="{SIZE[0]}" '
            f'height="{SIZE[1]}">{credit}</media:content>\n')


def add_to_feed(content: Path, picture: Picture, size: int) -> bool:
    path = content / "feeds" / picture.feed
    text = path.read_text(encoding="utf-8")
    url = escape(image_url(picture))
    if url in text:
        return False
    atom = "<feed" in text[:400]
    if picture.how == "media" and MEDIA_NS not in text:
        root = re.search(r"<(rss|feed)\b", text)
        assert root is not None
        text = text[:root.end()] + f" {MEDIA_NS}" + text[root.end():]
    _, closing = _item_span(text, picture.link)
    text = text[:closing] + _feed_reference(picture, atom, size) + text[closing:]
    path.write_text(text, encoding="utf-8")
    return True


def add_to_page(content: Path, picture: Picture) -> bool:
    page = mirror_path(picture.link, content / "mirror")
    if page is None or not page.is_file():
        raise SystemExit(f"no mirrored page for {picture.link}")
    text = page.read_text(encoding="utf-8")
    url = escape(image_url(picture))
    if url in text:
        return False
    key = 'property="og:image"' if picture.how == "og" else 'name="twitter:image"'
    tag = f'<meta {key} content="{url}">\n'
    head = text.find("</head>")
    assert head > 0, page
    page.write_text(text[:head] + tag + text[head:], encoding="utf-8")
    return True


def switch_off(content: Path, feed: str) -> bool:
    """Add images="off" to the sources entry of this feed."""
    path = content / "sources.opml"
    text = path.read_text(encoding="utf-8")
    match = re.search(rf'<outline [^>]*xmlUrl="{re.escape(feed)}"[^>]*?(/?>)', text)
    if match is None:
        raise SystemExit(f"no sources entry for {feed}")
    if 'images="off"' in match.group(0):
        return False
    at = match.start(1)
    path.write_text(text[:at].rstrip() + ' images="off"' + text[at:], encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content",
                        help="content directory")
    content = parser.parse_args(argv).content
    changed = 0
    for picture in PICTURES:
        data = draw(picture)
        if not picture.missing:
            target = content / "mirror" / host_of(picture.link) / "images" / picture.name
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.is_file() or target.read_bytes() != data:
                target.write_bytes(data)
                changed += 1
        if picture.how in ("og", "twitter"):
            changed += add_to_page(content, picture)
        else:
            changed += add_to_feed(content, picture, len(data))
    changed += sum(switch_off(content, feed) for feed in IMAGES_OFF)
    print(f"{len(PICTURES)} pictures, {changed} files written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
