"""Lead pictures: found in the feed or the article page, fetched at ingest, checked and resized.

Readers' browsers never ask a publisher's server for anything: a picture is fetched once, at
ingest, under the same limits as article pages (fetch.py), decoded with Pillow (so only real
JPEG, PNG, GIF or WebP pictures pass, never SVG, and the pixel count is checked before
decoding, against decompression bombs), and resized to a few small WebP thumbnails named by
the content hash of the fetched bytes. The store keeps them; the build copies them into
`output/images/`. Everything here is pure but the ImageLoader, which calls the fetch it is
given (ingest's: mirror, limits, politeness).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from html.parser import HTMLParser

from PIL import Image, ImageOps, UnidentifiedImageError

from .model import FetchResult, ImageRef, ItemImage
from .urls import resolve_link

log = logging.getLogger(__name__)

WIDTHS = (160, 320, 640)  # thumbnail widths: a card on a phone, a card, the story page
MIN_WIDTH, MIN_HEIGHT = 100, 60  # smaller is an icon, a logo or a tracking pixel
MAX_PIXELS = 40_000_000  # decoded pixels at most (a 8000×5000 photo): refuses bombs unread
MAX_ASPECT = 5.0  # wider or taller than this is a banner or a strip, not a picture
QUALITY = 72
FORMATS = ("JPEG", "PNG", "GIF", "WEBP")  # what Pillow may decode: never SVG, never the rest
MAX_TRIES = 2  # candidate pictures tried per item: bounded work for one bad feed
IMAGES_DIR = "images"
EXTENSION = "webp"
_THUMB_NAME = re.compile(rf"([0-9a-f]{{1,64}})-([0-9]{{1,5}})\.{EXTENSION}")
_PAGE_HEAD_CHARS = 300_000  # meta tags live in the head; a huge page is not read to its end
# Declared types that can never be a picture we use (an HTML error page, SVG and the like).
_REFUSED_TYPES = ("text/", "application/xhtml", "application/json", "application/xml",
                  "image/svg")
# Tried in this order: the publisher's own full-size picture first, thumbnails last.
_KIND_ORDER = {"media": 0, "enclosure": 1, "page": 2, "card": 3, "thumbnail": 4}
_PAGE_KEYS = {"og:image": "page", "og:image:url": "page", "og:image:secure_url": "page",
              "twitter:image": "card", "twitter:image:src": "card"}


class ImageRejected(ValueError):
    """The bytes are not a picture we can use."""


@dataclass(frozen=True)
class Thumbnails:
    """One fetched picture, checked and resized: files named `<hash>-<width>.webp`."""

    hash: str
    width: int
    height: int
    files: tuple[tuple[int, bytes], ...]  # (width, WebP bytes), smallest first

    @property
    def widths(self) -> tuple[int, ...]:
        return tuple(w for w, _ in self.files)


@dataclass(frozen=True)
class ImageOutcome:
    """What one item's picture search gave: the picture and its files, or why not."""

    image: ItemImage | None
    files: tuple[tuple[str, bytes], ...] = ()  # (file name, bytes)
    error: str = ""


def thumb_name(digest: str, width: int) -> str:
    return f"{digest}-{width}.{EXTENSION}"


def parse_thumb_name(name: str) -> tuple[str, int] | None:
    """(hash, width) of a thumbnail's file name, or None when it is not one of ours."""
    found = _THUMB_NAME.fullmatch(name)
    return (found[1], int(found[2])) if found else None


def thumb_height(width: int, height: int, target: int) -> int:
    """The height of a thumbnail `target` wide, keeping the picture's proportions."""
    return max(1, round(height * target / width))


def thumb_widths(width: int) -> tuple[int, ...]:
    """The widths to make for a picture this wide: never wider than the picture itself."""
    fitting = tuple(w for w in WIDTHS if w <= width)
    return fitting or (width,)


# -- finding pictures ----------------------------------------------------------------------------


class _MetaReader(HTMLParser):
    """og:image / twitter:image meta tags of a page's head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (key, content) in page order
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.done = True
        if tag != "meta" or self.done:
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        key = (values.get("property") or values.get("name") or "").strip().lower()
        if key.startswith(("og:image", "twitter:image")):
            self.found.append((key, values.get("content", "").strip()))


def page_images(html: str, base_url: str = "") -> tuple[ImageRef, ...]:
    """The pictures an article page declares for itself (og:image, then twitter:image)."""
    reader = _MetaReader()
    try:
        head = html[:_PAGE_HEAD_CHARS]
        end = head.lower().find("<body")
        reader.feed(head if end < 0 else head[:end])
        reader.close()
    except Exception:  # a page odd enough to break the parser simply has no picture
        return ()
    refs: list[ImageRef] = []
    dims: dict[str, int] = {}
    alt = ""
    for key, content in reader.found:
        if key in ("og:image:width", "og:image:height") and content.isdigit() and len(content) < 7:
            dims.setdefault(key, int(content))
        elif key in ("og:image:alt", "twitter:image:alt") and not alt:
            alt = " ".join(content.split())[:300]
    for key, content in reader.found:
        kind = _PAGE_KEYS.get(key)
        url = resolve_link(content, base_url) if kind else ""
        if url and len(url) <= 2000 and not url.lower().split("?")[0].endswith(".svg"):
            refs.append(ImageRef(url=url, kind=kind or "page", alt=alt,
                                 width=dims.get("og:image:width", 0) if kind == "page" else 0,
                                 height=dims.get("og:image:height", 0) if kind == "page" else 0))
    unique: dict[str, ImageRef] = {}
    for ref in refs:
        unique.setdefault(ref.url, ref)
    return tuple(unique.values())


def candidates(feed_refs: tuple[ImageRef, ...], page_refs: tuple[ImageRef, ...] = ()
               ) -> list[ImageRef]:
    """Pictures to try, best first: the feed's full-size media, its image enclosures, the page's
    og:image, its twitter:image, and the feed's thumbnails last (usually 150 px or so)."""
    unique: dict[str, ImageRef] = {}
    for ref in (*feed_refs, *page_refs):
        unique.setdefault(ref.url, ref)
    return sorted(unique.values(), key=lambda r: _KIND_ORDER.get(r.kind, 9))  # stable


# -- checking and resizing -----------------------------------------------------------------------


def _type_problem(content_type: str) -> str:
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind and kind.startswith(_REFUSED_TYPES):
        return f"not a picture: {kind}"
    return ""


def make_thumbnails(data: bytes) -> Thumbnails:
    """Decode the bytes as a picture and make its thumbnails; ImageRejected when unusable."""
    try:
        return _thumbnails(data)
    except ImageRejected:
        raise
    except UnidentifiedImageError:
        raise ImageRejected("not a JPEG, PNG, GIF or WebP picture") from None
    except Image.DecompressionBombError:  # Pillow's own, far higher limit
        raise ImageRejected("too many pixels") from None
    except Exception as exc:  # Pillow raises many kinds on broken input: all mean "not usable"
        raise ImageRejected(f"cannot decode: {type(exc).__name__}: {exc}"[:300]) from None


def _thumbnails(data: bytes) -> Thumbnails:
    with Image.open(io.BytesIO(data), formats=FORMATS) as im:
        width, height = im.size  # from the header: nothing is decoded yet
        if width * height > MAX_PIXELS:
            raise ImageRejected(f"too many pixels: {width}×{height}")
        orientation = im.getexif().get(0x0112, 1)
        if orientation in (5, 6, 7, 8):  # stored sideways: shown the other way round
            width, height = height, width
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            raise ImageRejected(f"too small: {width}×{height}")
        if max(width / height, height / width) > MAX_ASPECT:
            raise ImageRejected(f"not a picture's shape: {width}×{height}")
        widths = thumb_widths(width)
        if im.format == "JPEG":
            # Decode a JPEG at the smallest scale still as large as the largest thumbnail.
            big = widths[-1]
            want = (big, thumb_height(width, height, big))
            im.draft("RGB", want if orientation not in (5, 6, 7, 8) else want[::-1])
        im.load()
        picture = ImageOps.exif_transpose(im)
        has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
        picture = picture.convert("RGBA" if has_alpha else "RGB")
        files = []
        for w in widths:
            small = picture.resize((w, thumb_height(width, height, w)), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            small.save(out, "WEBP", quality=QUALITY, method=4)
            files.append((w, out.getvalue()))
    digest = hashlib.sha256(data).hexdigest()[:20]
    return Thumbnails(hash=digest, width=width, height=height, files=tuple(files))


# -- fetching ------------------------------------------------------------------------------------


class ImageLoader:
    """Fetches and resizes pictures for one night: each URL once, at most `cap` fetches.

    `fetch` is the run's fetch (mirror, limits, per-host politeness); threads may share one
    loader. A picture several items use (a site's default og:image) is fetched once."""

    def __init__(self, fetch: Callable[[str], FetchResult], cap: int,
                 may_fetch: Callable[[], bool] = lambda: True):
        self.fetch, self.cap, self.may_fetch = fetch, cap, may_fetch
        self.fetched = 0
        self._lock = threading.Lock()
        self._done: dict[str, Future] = {}

    def load(self, url: str) -> Thumbnails | str:
        """The picture at `url`, or why it cannot be used."""
        with self._lock:
            future = self._done.get(url)
            mine = future is None
            if mine:
                if self.fetched >= self.cap:
                    return "the night's picture cap is reached"
                self.fetched += 1
                future = self._done[url] = Future()
        if not mine:
            return future.result()
        try:
            outcome = self._load(url)
        except Exception as exc:  # never lose the item over its picture
            outcome = f"{type(exc).__name__}: {exc}"
        future.set_result(outcome)
        return outcome

    def _load(self, url: str) -> Thumbnails | str:
        if not self.may_fetch():
            return "ingest time budget used up"
        result = self.fetch(url)
        if not result.ok:
            return f"{result.status}: {result.error}".strip(": ")
        problem = _type_problem(result.content_type)
        if problem:
            return problem
        try:
            return make_thumbnails(result.body)
        except ImageRejected as exc:
            return str(exc)


def fetch_image(refs: list[ImageRef], load: Callable[[str], Thumbnails | str]) -> ImageOutcome:
    """The first usable picture among the candidates (at most MAX_TRIES are tried)."""
    errors = []
    for ref in refs[:MAX_TRIES]:
        got = load(ref.url)
        if isinstance(got, str):
            errors.append(f"{ref.url}: {got}")
            continue
        image = ItemImage(hash=got.hash, width=got.width, height=got.height, widths=got.widths,
                          credit=ref.credit, alt=ref.alt, url=ref.url)
        return ImageOutcome(image, tuple((thumb_name(got.hash, w), data) for w, data in got.files))
    return ImageOutcome(None, error="; ".join(errors))


def image_to_json(image: ItemImage | None) -> dict | None:
    if image is None:
        return None
    return {"hash": image.hash, "width": image.width, "height": image.height,
            "widths": list(image.widths), "credit": image.credit, "alt": image.alt,
            "url": image.url}


def image_from_json(data: dict | None) -> ItemImage | None:
    if not data:
        return None
    return ItemImage(hash=data["hash"], width=int(data["width"]), height=int(data["height"]),
                     widths=tuple(int(w) for w in data["widths"]), credit=data.get("credit", ""),
                     alt=data.get("alt", ""), url=data.get("url", ""))


def area(image: ItemImage) -> int:
    """Pixels of the decoded picture: the bigger, the better a lead picture."""
    return image.width * image.height if image.width and image.height else 0
