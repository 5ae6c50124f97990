"""Read and write the sources file (OPML 2.0) with per-feed options as attributes.

Topics are the outline folders; a feed outline outside any folder gets the topic "General".
Per-feed options: language="fr", fullText="auto|on|off", republish="true|false",
images="on|off" (fetch a lead picture for its items; on by default), and CSS rules for the
feed's article pages: keep="article .body" (the article body), remove=".promo".
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

from .extract import check_selector
from .model import FULL_TEXT_MODES, Source
from .sanitize import safe_url
from .text import clean_field

DEFAULT_TOPIC = "General"
# A feed path relative to the sources file (the local demo feeds): no scheme, no host.
_LOCAL_PATH_RE = re.compile(r"^(?![A-Za-z][A-Za-z0-9+.-]*:)(?![/\\]{2})[^\x00-\x20\x7f]"
                            r"[^\x00-\x1f\x7f]*$")


class SourcesError(ValueError):
    """The sources file cannot be used at all (missing, not OPML, no feeds)."""


def _bool(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _text(el: ET.Element) -> str:
    # Titles may come from another reader's export: plain text only, one line, bounded.
    return clean_field(el.get("title") or el.get("text") or "", 200)


def _source(el: ET.Element, topic: str) -> Source:
    url = (el.get("xmlUrl") or "").strip()
    full_text = (el.get("fullText") or "auto").strip().lower()
    if full_text not in FULL_TEXT_MODES:
        raise SourcesError(
            f"feed {url!r}: fullText must be one of {', '.join(FULL_TEXT_MODES)}, got {full_text!r}"
        )
    images = (el.get("images") or "on").strip().lower()
    if images not in ("on", "off", "true", "false"):
        raise SourcesError(f"feed {url!r}: images must be on or off, got {images!r}")
    lang = (el.get("language") or "").strip().lower().replace("_", "-").split("-")[0]
    keep, remove = (el.get("keep") or "").strip(), (el.get("remove") or "").strip()
    for selector in (keep, remove):
        problem = check_selector(selector)
        if problem:
            raise SourcesError(f"feed {url!r}: {problem}")
    return Source(
        url=url,
        title=_text(el) or url,
        topic=topic,
        # Only ever shown as a link: an absolute http(s) URL or nothing.
        site_url=safe_url((el.get("htmlUrl") or "").strip()),
        full_text=full_text,
        lang=lang,
        republish=_bool(el.get("republish")),
        keep=keep,
        remove=remove,
        images=images in ("on", "true"),
    )


def web_url(url: str) -> str:
    """The absolute http(s) form of a URL from an OPML file, or "" (javascript:, data:,
    relative, protocol-relative and the like are never kept)."""
    return safe_url((url or "").strip())


def is_local_path(url: str) -> bool:
    """True for a feed path relative to the sources file (no scheme, no host)."""
    return bool(_LOCAL_PATH_RE.match(url or ""))


def parse_opml(data: bytes | str, *, web_only: bool = False) -> list[Source]:
    """Sources from OPML text, in file order; duplicate feed URLs keep their first entry.

    web_only: keep only feeds with an absolute http(s) xmlUrl (another reader's export, where
    a relative path or a javascript: URL means nothing good).
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise SourcesError("the sources file must not contain a DOCTYPE or entity declarations")
    try:
        root = ET.fromstring(data)  # noqa: S314 - DTDs rejected above, our own file
    except ET.ParseError as exc:
        raise SourcesError(f"the sources file is not valid XML: {exc}") from exc
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise SourcesError("the sources file is not OPML (no <opml><body>)")

    sources: list[Source] = []
    seen: set[str] = set()

    def walk(el: ET.Element, topic: str) -> None:
        for child in el.findall("outline"):
            if child.get("xmlUrl"):
                src = _source(child, topic)
                if web_only and not web_url(src.url):
                    continue
                if src.url not in seen:
                    seen.add(src.url)
                    sources.append(src)
            else:
                walk(child, _text(child) or topic)

    walk(body, DEFAULT_TOPIC)
    return sources


def read_sources(path: Path) -> list[Source]:
    """Read the sources file; raise SourcesError naming the file if it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourcesError(f"cannot read sources file {path}: {exc.strerror or exc}") from exc
    try:
        return parse_opml(data)
    except SourcesError as exc:
        raise SourcesError(f"{path}: {exc}") from exc


def _feed_url(url: str, local_paths: bool) -> str:
    if local_paths:
        # Our own sources file: kept as written (a credential in it is the owner's business).
        return url if web_url(url) or is_local_path(url) else ""
    return web_url(url)


def write_opml(sources: list[Source], title: str, *, local_paths: bool = False) -> str:
    """OPML 2.0 text for the sources, grouped by topic in first-seen order.

    Every URL written is absolute http(s); a feed without such a URL is left out, and a bad
    htmlUrl is dropped. local_paths: also keep feed paths relative to the sources file (when
    writing the sources file itself; a published copy has no use for them).
    """
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {}
    for src in sources:
        feed_url = _feed_url(src.url, local_paths)
        if not feed_url:
            continue  # a reader cannot subscribe to it, and it must not become a link
        folder = folders.get(src.topic)
        if folder is None:
            folder = folders[src.topic] = ET.SubElement(
                body, "outline", text=src.topic, title=src.topic
            )
        attrs = {
            "type": "rss",
            "text": src.title,
            "title": src.title,
            "xmlUrl": feed_url,
        }
        if web_url(src.site_url):
            attrs["htmlUrl"] = web_url(src.site_url)
        if src.lang:
            attrs["language"] = src.lang
        attrs["fullText"] = src.full_text
        if src.republish:
            attrs["republish"] = "true"
        if src.keep:
            attrs["keep"] = src.keep
        if src.remove:
            attrs["remove"] = src.remove
        if not src.images:
            attrs["images"] = "off"
        ET.SubElement(folder, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
