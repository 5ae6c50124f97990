"""Every file the build publishes carries only absolute http(s) URLs in its URL fields.

Sources and items are given hostile URLs (javascript:, data:, vbscript:, relative,
protocol-relative, with tabs and newlines); the site is built, and every URL field of every
HTML page, Atom/RSS feed, JSON Feed, OPML file and sitemap is checked. The rule per format:

- HTML: an absolute http(s) URL, a fragment on the page, or a relative link to another file of
  the output (the site's own navigation, which must then exist). A URL that came from a feed can
  never pass as navigation: a relative one does not name a published file.
- Atom/RSS: links absolute http(s); `id` and `guid` are identifiers, not links, and may also be
  `tag:` URIs (what Pelican writes); HTML inside summaries and content follows the HTML rule,
  without the relative case (a feed has no base).
- JSON Feed: url, external_url, home_page_url, feed_url and image fields absolute http(s) when
  present (an empty string is not a URL: the field must be left out); `id` as in Atom.
- OPML: xmlUrl, htmlUrl and url absolute http(s) when present.
- sitemap.xml: every <loc> absolute http(s).
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

from httpserver import serve
from threatkit import (
    RSS_TYPE,
    build,
    good_routes,
    items,
    night,
    rss,
    write_sources,
)

HOSTILE = [
    "javascript:alert(1)", "JaVaScRiPt:alert(2)", " java\tscript:alert(3)",
    "java\nscript:alert(4)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(5)",
    "//evil.example/proto-relative", "relative/page.html", "../../etc/passwd",
    "javascript&#58;alert(6)", "file:///etc/passwd", "http:no-host", "https://",
]
_HTML_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "cite", "background",
                        "data", "xlink:href", "srcset", "longdesc", "manifest", "icon", "ping"}
_JSON_URL_KEYS = {"url", "external_url", "home_page_url", "feed_url", "image", "banner_image",
                  "icon", "favicon", "avatar", "next_url"}
_ATOM = "{http://www.w3.org/2005/Atom}"


def _is_web(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and url == url.strip()


def _is_identifier(value: str) -> bool:
    return _is_web(value) or value.startswith("tag:")


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in _HTML_URL_ATTRIBUTES:
                self.urls.append((tag, name, value or ""))
            elif tag == "meta" and name == "content" and "url=" in (value or "").lower():
                self.urls.append((tag, name, (value or "").split("=", 1)[1]))

    handle_startendtag = handle_starttag


def _html_urls(html: str) -> list[tuple[str, str, str]]:
    scan = _Attributes()
    scan.feed(html)
    scan.close()
    return scan.urls


def _bad_html_urls(html: str, page: Path | None, out: Path) -> list[str]:
    """URL attributes that are neither web URLs nor (with a page) links to published files."""
    bad = []
    for tag, name, value in _html_urls(html):
        if name == "srcset":
            candidates = [c.strip().split(" ")[0] for c in value.split(",") if c.strip()]
        else:
            candidates = [value]
        for url in candidates:
            if _is_web(url) or (page is not None and _is_own_link(url, page, out)):
                continue
            bad.append(f"<{tag} {name}={url!r}>")
    return bad


def _is_own_link(url: str, page: Path, out: Path) -> bool:
    if url.startswith("#") and len(url) > 1:
        return True
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("//", "\\")) or url != url.strip():
        return False
    path = unquote(parts.path)
    if not path:
        return False
    target = (page.parent / PurePosixPath(path)).resolve()
    if not target.is_relative_to(out.resolve()):
        return False
    return target.is_file() or (target / "index.html").is_file()


def _xml_problems(path: Path, out: Path) -> list[str]:
    where = str(path.relative_to(out))
    root = ET.fromstring(path.read_bytes())
    problems = []
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        for attr, value in el.attrib.items():
            name = attr.split("}")[-1]
            if name in ("href", "xmlUrl", "htmlUrl", "url", "src", "base") and not _is_web(value):
                problems.append(f"{where}: <{tag} {name}={value!r}>")
        text = (el.text or "").strip()
        if tag in ("link", "loc", "comments", "docs") and el.tag.find(_ATOM) < 0 and text:
            if not _is_web(text):
                problems.append(f"{where}: <{tag}>{text!r}")
        if tag in ("id", "guid") and text and not _is_identifier(text):
            problems.append(f"{where}: <{tag}>{text!r}")
        if tag in ("summary", "content", "description", "encoded") and text:
            problems += [f"{where}: in <{tag}> {b}" for b in _bad_html_urls(text, None, out)]
    return problems


def _json_problems(value: object, where: str, out: Path) -> list[str]:
    problems = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _JSON_URL_KEYS and isinstance(item, str) and not _is_web(item):
                problems.append(f"{where}.{key}={item!r}")
            elif key == "id" and isinstance(item, str) and not _is_identifier(item):
                problems.append(f"{where}.id={item!r}")
            elif key == "content_html" and isinstance(item, str):
                problems += [f"{where}.content_html {b}" for b in _bad_html_urls(item, None, out)]
            else:
                problems += _json_problems(item, f"{where}.{key}", out)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            problems += _json_problems(item, f"{where}[{n}]", out)
    return problems


def published_url_problems(out: Path) -> list[str]:
    """Every URL field in the output that is not what its format allows (see module doc)."""
    problems: list[str] = []
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            problems += [f"{path.relative_to(out)}: {b}" for b in _bad_html_urls(html, path, out)]
        elif path.suffix in (".xml", ".opml"):
            problems += _xml_problems(path, out)
        elif path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            problems += _json_problems(data, str(path.relative_to(out)), out)
    return problems


def _item(n: int, link: str) -> str:
    text = (f"Report number {n} on the regional rail timetable, which adds two morning trains "
            "from December and moves the last evening train half an hour later.")
    return (f"<title>Timetable report {n}</title><link>{link.replace('&', '&amp;')}</link>"
            f"<guid isPermaLink=\"false\">hostile-{n}</guid><description>{text} "
            f"&lt;a href=\"{link.replace('&', '&amp;amp;').replace('<', '')}\"&gt;link"
            "&lt;/a&gt;</description>")


def test_every_published_url_field_is_absolute_http(tmp_path):
    routes: dict = {}
    with serve(routes) as base:
        routes.update(good_routes(base))
        routes["/hostile.xml"] = (200, RSS_TYPE, rss(
            [_item(n, link) for n, link in enumerate(HOSTILE)], link="javascript:alert(7)"))
        feeds = [("Good", f"{base}/good.xml"), ("Hostile items", f"{base}/hostile.xml")]
        attrs = {"Good": {"htmlUrl": "javascript:alert(8)"},
                 "Hostile items": {"htmlUrl": "data:text/html,<b>x</b>"}}
        for n, bad in enumerate(HOSTILE):
            # Sources whose own addresses are hostile: they fail, but are still published.
            feeds.append((f"Hostile source {n}", bad))
            attrs[f"Hostile source {n}"] = {"htmlUrl": bad}
        write_sources(tmp_path, feeds, attrs=attrs)
        night(tmp_path)
    assert len([i for i in items(tmp_path) if i.source_url.endswith("/hostile.xml")]) \
        == len(HOSTILE)
    out = build(tmp_path)
    published = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"index.html", "sources.opml", "feed.json"} <= published
    assert any(p.endswith(".atom.xml") for p in published)
    assert any(p.endswith(".rss.xml") for p in published)
    opml = ET.fromstring((out / "sources.opml").read_bytes())
    titles = {o.get("title") for o in opml.iter("outline") if o.get("xmlUrl")}
    # Sources without an http(s) feed address have nothing to subscribe to: left out.
    assert titles == {"Good", "Hostile items"}
    problems = published_url_problems(out)
    assert problems == [], "\n".join(problems)


def test_the_checker_catches_what_it_must(tmp_path):
    """The check above can fail: one planted bad field per format is reported."""
    out = tmp_path / "output"
    (out / "sources").mkdir(parents=True)
    (out / "index.html").write_text(
        '<a href="sources/x.html">ok</a><a href="#top">ok</a><a href="https://a.example/">ok</a>'
        '<a href="relative/page.html">bad</a><a href="//evil.example/">bad</a>'
        '<img src=" javascript:alert(1)"><form action="data:x"></form>')
    (out / "sources" / "x.html").write_text("<p>x</p>")
    (out / "all.atom.xml").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><link href="javascript:x"/>'
        "<id>tag:a.example,2026:1</id><entry><id>urn:x</id>"
        '<summary type="html">&lt;a href="vbscript:x"&gt;</summary></entry></feed>')
    (out / "sources.opml").write_text('<opml><body><outline xmlUrl="feeds/a.xml" '
                                      'htmlUrl="https://a.example/"/></body></opml>')
    (out / "feed.json").write_text(json.dumps({"home_page_url": "https://a.example/",
                                               "items": [{"id": "x", "url": ""}]}))
    (out / "sitemap.xml").write_text("<urlset><url><loc>/x.html</loc></url></urlset>")
    problems = published_url_problems(out)
    assert len(problems) == 11, problems
