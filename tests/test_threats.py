"""Every class of hostile input and fault in docs/threats.md, end to end.

Each test serves its hostile answers next to one good feed from 127.0.0.1, runs ingest, builds
the site, and checks three things: the class's expected behaviour, that the good feed's items
were stored anyway, and that a complete, safe site was built (see threatkit.check_site).
"""

from __future__ import annotations

import gzip
import re
import socket
import threading
import time
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from news_digest.cli import main
from news_digest.ingest import writer_lock
from news_digest.parse import parse_feed
from news_digest.text import strip_unsafe_chars

from feedkit import Entry, Feed
from httpserver import serve
from threatkit import (
    BRIDGE,
    FILLER,
    GOOD_TITLE,
    NOW,
    RSS_TYPE,
    T0,
    assert_good_stored,
    build,
    check_site,
    conf_file,
    good_routes,
    health_rows,
    items,
    measured_nights,
    night,
    rss,
    states,
    statuses,
    stories,
    unsafe_markup,
    write_sources,
)

DOWN = ("Down", "/down.xml")  # a plainly failing feed for the health page
FAILURES = {"http_error", "timeout", "too_large", "not_a_feed", "parse_error", "refused", "error"}


def _long(text: str, n: int = 3) -> str:
    return " ".join([text] + [FILLER] * n)


def _item(title: str, link: str, description: str = "", guid: str | None = None,
          date: str | None = "Sun, 22 Nov 2026 09:00:00 GMT", extra: str = "") -> str:
    """One <item> body; title/link/description are inserted as given (already XML-escaped)."""
    parts = [f"<title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if date is not None:
        parts.append(f"<pubDate>{date}</pubDate>")
    if description:
        parts.append(f"<description>{description}</description>")
    return "".join(parts) + extra


def _esc(html: str) -> str:
    return escape(html)


def _routes(base: str, **extra) -> dict:
    routes = good_routes(base)
    routes[DOWN[1]] = (500, {}, b"server error")
    routes.update(extra)
    return routes


def _feeds(base: str, hostile: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The good feed first (fetched first), the hostile ones, then the plainly failing one."""
    return [(GOOD_TITLE, f"{base}/good.xml"), *hostile, (DOWN[0], f"{base}{DOWN[1]}")]


def _requested(base, path: str) -> int:
    return sum(1 for r in base.requests if r.path.split("?")[0] == path)


# ---------------------------------------------------------------------------------------------
# script in text fields


def test_script_in_titles_authors_and_feed_titles_is_only_ever_text(tmp_path):
    hostile = Feed('<script>alert("feed")</script>Evil "><img src=x onerror=alert(0)> Wire', [
        Entry("<script>alert(1)</script> Budget vote in Freedonia", "https://evil.example/a/1",
              T0, description=_long("The parliament of Freedonia adopted the budget."),
              author='"><img src=x onerror=alert(2)>Mallory'),
        Entry('"><svg onload=alert(3)> Storm warning for the hills', "https://evil.example/a/2",
              T0 + timedelta(hours=1), description=_long("A storm is coming to the hills."),
              author="<script>alert(4)</script>"),
        Entry("&lt;script&gt;alert(5)&lt;/script&gt; Double escaped headline",
              "https://evil.example/a/3", T0 + timedelta(hours=2),
              description=_long("Escaped twice by a careless publisher.")),
        Entry("</title><script>alert(6)</script><title> Closing tags", "https://evil.example/a/4",
              T0 + timedelta(hours=3), description=_long("Someone tried to close the title.")),
        Entry("Quotes ' \" ` and {{ 7*7 }} {% raw %} stay text", "https://evil.example/a/5",
              T0 + timedelta(hours=4), description=_long("Template syntax in a title.")),
    ], link="https://evil.example/")
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base, **{"/evil.xml": (200, RSS_TYPE, hostile.rss())}))
        title = "Evil"
        write_sources(tmp_path, _feeds(base, [(title, f"{base}/evil.xml")]))
        report = night(tmp_path)
    assert statuses(report)[title] == "ok"
    assert_good_stored(tmp_path, base, report)
    stored = {i.url: i for i in items(tmp_path)}
    for item in stored.values():
        for field in (item.title, item.author):
            # Tags are dropped from one-line fields; a stray quote or ">" is just text.
            assert not re.search(r"<\s*/?\s*(script|img|svg|title|b)\b", field, re.I), field
    assert "Budget vote in Freedonia" in stored["https://evil.example/a/1"].title
    assert "Mallory" in stored["https://evil.example/a/1"].author
    assert "{{ 7*7 }}" in stored["https://evil.example/a/5"].title

    out = build(tmp_path)
    text = check_site(out, failing=(DOWN[0],))
    assert "Budget vote in Freedonia" in text and "Storm warning for the hills" in text
    assert "{{ 7*7 }}" in text, "a title is never evaluated as a template"
    lowered = text.lower()
    assert "<script" not in lowered and "onerror=" not in lowered and "onload=" not in lowered
    assert "Wire" in text  # the feed's own title, as text


def test_script_in_a_source_title_from_an_imported_opml_is_only_ever_text(tmp_path):
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base))
        title = '<b>Imported</b> "><script>alert(8)</script><img src=x onerror=alert(9)>'
        write_sources(tmp_path, _feeds(base, [])[:1] + [(title, f"{base}{DOWN[1]}")])
        report = night(tmp_path)
    assert_good_stored(tmp_path, base, report)
    out = build(tmp_path)
    text = check_site(out)
    assert "<script" not in text.lower() and "onerror=alert" not in text.lower()
    assert any(r.state == "failing" and "Imported" in t for t, r in health_rows(out).items())


# ---------------------------------------------------------------------------------------------
# dangerous URLs


def test_only_absolute_http_links_are_emitted(tmp_path):
    content = (
        '<base href="https://evil.example/"><base href="javascript:alert(0)//">'
        "<p>The mayor opened the new library on Friday. " + FILLER * 3 + "</p>"
        '<p><a href="/relative/page">relative link</a> '
        '<a href="JaVaScRiPt:alert(1)">click one</a> '
        '<a href="jav&#x09;ascript:alert(2)">click two</a> '
        '<a href=" &#14; javascript:alert(3)">click three</a> '
        '<a href="java\nscript:alert(4)">click four</a> '
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==">click five</a> '
        '<a href="vbscript:msgbox(6)">click six</a> '
        '<a href="javascript&#58;alert(7)">click seven</a> '
        '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoOCk+"> '
        '<img src="javascript:alert(9)"> <img src="/img/photo.jpg" alt="photo"> '
        '<form action="javascript:alert(10)"><button formaction="javascript:alert(11)">go'
        '</button></form><iframe src="javascript:alert(12)"></iframe>'
        '<svg><a xlink:href="javascript:alert(13)"><text>svg link</text></a></svg></p>'
    )
    links = {
        "js": "javascript:alert(20)",
        "mixed": "JaVaScRiPt:alert(21)",
        "tab": "java&#x09;script:alert(22)",
        "newline": "\njavascript:alert(23)",
        "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgyNCk8L3NjcmlwdD4=",
        "vb": "VBScript:msgbox(25)",
    }
    # Links go in unescaped: "&#x09;" is meant as XML's own character reference.
    entries = [_item(f"Entry with a {k} link", v, _esc(_long(f"Story about {k}.")),
                     guid=f"g-{k}") for k, v in links.items()]
    entries.append(_item("Library opens", "https://ok.example/news/library.html", _esc(content),
                         guid="g-library"))
    feed = rss(entries, link="javascript:alert(26)")
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base, **{"/urls.xml": (200, RSS_TYPE, feed)}))
        write_sources(tmp_path, _feeds(base, [("Urls", f"{base}/urls.xml")]))
        report = night(tmp_path)
    assert statuses(report)["Urls"] == "ok"
    assert_good_stored(tmp_path, base, report)
    stored = {i.guid: i for i in items(tmp_path) if i.guid}
    for key in links:
        assert stored[f"g-{key}"].url == "", (key, stored[f"g-{key}"].url)
    library = stored["g-library"]
    assert library.url == "https://ok.example/news/library.html"
    assert unsafe_markup(library.content_html) == []
    # Relative links become absolute http(s) links; a <base> in the content is never honoured.
    relative = re.search(r'<a href="([^"]+)"[^>]*>relative link</a>', library.content_html)
    assert relative and relative.group(1).startswith("http") and relative.group(1).endswith(
        "/relative/page")
    assert re.search(r'<img [^>]*src="https?://[^"]+/img/photo.jpg"', library.content_html)
    assert "evil.example" not in library.content_html
    for n in ("one", "two", "three", "four", "five", "six", "seven"):
        assert f"click {n}" in library.text  # the words stay, as plain text

    text = check_site(build(tmp_path), failing=(DOWN[0],))
    lowered = text.lower()
    for scheme in ("javascript:", "vbscript:", "data:text", "data:image/svg"):
        assert scheme not in lowered, scheme
    assert "evil.example" not in text


def test_relative_links_in_feed_content_resolve_against_the_article(tmp_path):
    content = _esc('<p><a href="/relative/page">relative link</a> <img src="img/photo.jpg" '
                   'alt="photo"> ' + _long("The mayor opened the new library on Friday.") + "</p>")
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base, **{"/rel.xml": (200, RSS_TYPE, rss([_item(
            "Library opens", "https://ok.example/news/library.html", content, guid="rel")]))}))
        write_sources(tmp_path, _feeds(base, [("Relative", f"{base}/rel.xml")]))
        night(tmp_path)
    (item,) = [i for i in items(tmp_path) if i.guid == "rel"]
    assert 'href="https://ok.example/relative/page"' in item.content_html
    assert 'src="https://ok.example/news/img/photo.jpg"' in item.content_html


# ---------------------------------------------------------------------------------------------
# XML bombs and XXE

_LAUGHS = "".join(
    f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(2, 10)
)
_BILLION = f'<!DOCTYPE rss [<!ENTITY lol1 "lol">{_LAUGHS}]>'
_QUADRATIC = '<!DOCTYPE rss [<!ENTITY a "' + "x" * 50_000 + '">]>'


def _bombs(base: str, secret: Path) -> dict[str, bytes]:
    def one(head: str, title: str, desc: str = "") -> bytes:
        return rss([_item(title, "https://bomb.example/1", desc, guid="b1")], head=head)

    return {
        "billion": one(_BILLION, "&lol9;", "&lol9;&lol9;"),
        "billion-attr": rss([_item("Laughs", "https://bomb.example/2", "", guid="&lol9;")],
                            head=_BILLION),
        "quadratic": one(_QUADRATIC, "&a;" * 2000, "&a;" * 2000),
        "xxe-passwd": one('<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;",
                          "&xxe;"),
        "xxe-secret": one(f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>', "&xxe;",
                          "&xxe;"),
        "xxe-http": one(f'<!DOCTYPE rss [<!ENTITY ext SYSTEM "{base}/ext.txt">]>', "&ext;"),
        "external-dtd": one(f'<!DOCTYPE rss SYSTEM "{base}/evil.dtd">', "&remote;"),
        "parameter": one(f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{base}/param.dtd"> %p; ]>',
                         "&fromparam;"),
        "xinclude": one("", '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                        'href="file:///etc/passwd" parse="text"/>'),
    }


def test_xml_bombs_and_external_entities_read_nothing_and_connect_nowhere(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-7f3a91\n")
    dtd_paths = ["/ext.txt", "/evil.dtd", "/param.dtd", "/rss-0.91.dtd"]
    routes: dict = {}
    with serve(routes) as base:
        bombs = _bombs(base, secret)
        routes.update(_routes(base, **{f"/{k}.xml": (200, RSS_TYPE, v) for k, v in bombs.items()}))
        for path in dtd_paths:
            routes[path] = (200, {"Content-Type": "application/xml-dtd"},
                            b'<!ENTITY remote "TOPSECRET-remote"><!ENTITY fromparam "TOPSECRET-p">'
                            b"TOPSECRET-text")
        # A legitimate old feed naming a public DTD: parsed, and the DTD is never fetched.
        routes["/rss091.xml"] = (200, RSS_TYPE, rss(
            [_item("Netscape era headline", "https://old.example/1", _esc(_long("Old news.")))],
            head=('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                  f'"{base}/rss-0.91.dtd">')))
        for name, body in bombs.items():
            started = time.monotonic()
            parsed = parse_feed(body, f"{base}/{name}.xml")
            assert time.monotonic() - started < 2.0, name
            dumped = repr(parsed)
            assert "lollollol" not in dumped and "xxxxxxxxxx" not in dumped, name
            assert "TOPSECRET" not in dumped and "root:x:0" not in dumped, name
        write_sources(tmp_path, _feeds(base, [(k, f"{base}/{k}.xml") for k in bombs]
                                       + [("Old", f"{base}/rss091.xml")]))
        started = time.monotonic()
        report = night(tmp_path)
        elapsed = time.monotonic() - started
        requested = [r.path for r in base.requests]
    assert not set(dtd_paths) & set(requested), requested
    assert elapsed < 10, elapsed  # milliseconds per bomb; the rest is the good feeds' work
    assert statuses(report)["Old"] == "ok"
    assert_good_stored(tmp_path, base, report)
    store_bytes = b"".join(p.read_bytes() for p in tmp_path.glob("store.sqlite*"))
    assert b"TOPSECRET" not in store_bytes and b"root:x:0" not in store_bytes
    assert b"lollollol" not in store_bytes and b"xxxxxxxxxx" not in store_bytes
    assert len(store_bytes) < 2_000_000

    text = check_site(build(tmp_path), failing=(DOWN[0],))
    assert "TOPSECRET" not in text and "root:x:0" not in text and "lollollol" not in text
    assert "Netscape era headline" in text


def test_a_feed_built_on_entity_declarations_is_marked_failed(tmp_path):
    routes: dict = {}
    with serve(routes) as base:
        bombs = _bombs(base, tmp_path / "secret.txt")
        names = ["billion", "quadratic", "xxe-passwd", "external-dtd"]
        routes.update(_routes(base, **{f"/{k}.xml": (200, RSS_TYPE, bombs[k]) for k in names}))
        write_sources(tmp_path, _feeds(base, [(k, f"{base}/{k}.xml") for k in names]))
        report = night(tmp_path)
    got = statuses(report)
    assert {k: got[k] in FAILURES for k in names} == {k: True for k in names}, got
    assert [i.title for i in items(tmp_path) if "bomb.example" in i.url] == []
    check_site(build(tmp_path), failing=tuple(names))


# ---------------------------------------------------------------------------------------------
# SSRF


def _listener(host: str) -> socket.socket | None:
    """A listening socket that no client should ever reach (None if the address is missing)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.bind((host, 0))
    except OSError:
        return None
    sock.listen(8)
    sock.setblocking(False)
    return sock


def _was_contacted(sock: socket.socket | None) -> bool:
    if sock is None:
        return False
    try:
        conn, _ = sock.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def test_private_and_loopback_targets_are_refused_before_connecting(tmp_path):
    # Tests allow "localhost" by name here, so that 127.0.0.1 itself (the server) is a
    # forbidden address when reached any other way.
    trap4 = _listener("127.0.0.2")
    trap6 = _listener("::1")
    port4 = trap4.getsockname()[1] if trap4 else 9
    port6 = trap6.getsockname()[1] if trap6 else 9
    routes: dict = {}
    with serve(routes) as served:
        port = served.port
        base = f"http://localhost:{port}"
        inner = "/internal.xml"
        routes.update(_routes(base))
        routes[inner] = (200, RSS_TYPE, rss([_item("INTERNAL-ONLY", "https://in.example/1",
                                                   _esc(_long("Internal.")))]))
        routes["/redirect-internal.xml"] = (302, {"Location": f"http://127.0.0.1:{port}{inner}"},
                                            b"")
        routes["/redirect-odd.xml"] = (301, {"Location": f"http://0x7f.1:{port}{inner}"}, b"")
        routes["/redirect-other.xml"] = (307, {"Location": f"http://127.0.0.2:{port4}/x"}, b"")
        routes["/redirect-metadata.xml"] = (
            302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")
        pages = [f"http://127.0.0.1:{port}/internal-page.html", "http://10.1.2.3/page.html",
                 "http://169.254.169.254/latest/meta-data/", f"http://2130706433:{port}/p.html",
                 f"http://127.0.0.2:{port4}/page.html", f"http://[::1]:{port6}/page.html"]
        routes["/articles.xml"] = (200, RSS_TYPE, rss([
            _item(f"Article {n} on a private host", _esc(url), _esc(f"Short teaser {n}."),
                  guid=f"p{n}") for n, url in enumerate(pages)]))
        routes["/internal-page.html"] = (200, {"Content-Type": "text/html"},
                                         b"<html><body><p>INTERNAL-PAGE</p></body></html>")
        hostile = {
            "ten": "http://10.0.0.1/feed.xml",
            "metadata": "http://169.254.169.254/latest/meta-data/",
            "loopback": f"http://127.0.0.1:{port}{inner}",
            "odd-hex": f"http://0x7f.1:{port}{inner}",
            "odd-int": f"http://2130706433:{port}{inner}",
            "odd-octal": f"http://0177.0.0.1:{port}{inner}",
            "other-loopback": f"http://127.0.0.2:{port4}/feed.xml",
            "v6-loopback": f"http://[::1]:{port6}/feed.xml",
            "v6-mapped": f"http://[::ffff:127.0.0.1]:{port}{inner}",
            "zero": f"http://0.0.0.0:{port}{inner}",
            "redirect-internal": f"{base}/redirect-internal.xml",
            "redirect-odd": f"{base}/redirect-odd.xml",
            "redirect-other": f"{base}/redirect-other.xml",
            "redirect-metadata": f"{base}/redirect-metadata.xml",
        }
        write_sources(tmp_path, _feeds(base, list(hostile.items())
                                       + [("Articles", f"{base}/articles.xml")]),
                      attrs={"Articles": {"fullText": "on"}})
        report = night(tmp_path, allow_hosts=("localhost",), timeout=5.0)
        requested = [r.path for r in served.requests]
    got = statuses(report)
    assert {k: got[k] for k in hostile} == {k: "refused" for k in hostile}, got
    assert inner not in requested and "/internal-page.html" not in requested, requested
    assert not _was_contacted(trap4) and not _was_contacted(trap6)
    assert got["Articles"] == "ok"
    assert_good_stored(tmp_path, base, report)
    articles = [i for i in items(tmp_path) if i.guid.startswith("p")]
    assert len(articles) == len(pages)
    assert not any(i.full_text for i in articles), "no page came from a private address"
    out = build(tmp_path)
    text = check_site(out, failing=(DOWN[0], *hostile))
    assert "INTERNAL" not in text
    for sock in (trap4, trap6):
        if sock is not None:
            sock.close()


# ---------------------------------------------------------------------------------------------
# huge or endless responses, compression bombs


@lru_cache(maxsize=1)
def _gzip_bomb() -> bytes:
    """1 GiB of zeros as 64 gzip members of 16 MiB (about 1 MB on the wire)."""
    return gzip.compress(b"\0" * (16 << 20), compresslevel=9) * 64


@lru_cache(maxsize=1)
def _deflate_bomb() -> bytes:
    """1 GiB of zeros as one raw deflate stream: a full-flushed 16 MiB block repeated."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(b"\0" * (16 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(b"\0" * (16 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    assert again == block
    return block * 64 + c.flush()


def _endless(req) -> None:
    req.send_response(200)
    req.send_header("Content-Type", "application/rss+xml")
    req.end_headers()
    item = b"<item><title>again</title><description>" + b"x" * 4000 + b"</description></item>"
    try:
        req.wfile.write(b'<rss version="2.0"><channel><title>Endless</title>')
        while not req.server.stopping.is_set():
            req.wfile.write(item * 16)
    except OSError:
        pass


def _endless_chunked(req) -> None:
    req.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                    b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"<item><title>more</title></item>" * 2000
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    try:
        while not req.server.stopping.is_set():
            req.wfile.write(frame)
    except OSError:
        pass


def _declared_huge(req) -> None:
    req.send_response(200)
    req.send_header("Content-Type", "application/rss+xml")
    req.send_header("Content-Length", str(5 * 1024**3))
    req.end_headers()
    try:
        while not req.server.stopping.is_set():
            req.wfile.write(b" " * 65536)
    except OSError:
        pass


def _compressed(body: bytes, coding: str):
    def handler(req) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Encoding", coding)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        try:
            req.wfile.write(body)
        except OSError:
            pass

    return handler


def test_huge_endless_and_compressed_bombs_stop_fast_with_bounded_memory(tmp_path):
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base))
        routes.update({
            "/endless.xml": _endless,
            "/chunked.xml": _endless_chunked,
            "/declared.xml": _declared_huge,
            "/gzip.xml": _compressed(_gzip_bomb(), "gzip"),
            "/deflate.xml": _compressed(_deflate_bomb(), "deflate"),
            "/page-bomb.html": _compressed(_gzip_bomb(), "gzip"),
            "/bomb-link.xml": (200, RSS_TYPE, rss([_item(
                "Teaser whose page is a bomb", f"{base}/page-bomb.html", "Read more …",
                guid="pb")])),
        })
        hostile = ["endless", "chunked", "declared", "gzip", "deflate"]
        runs = [write_sources(tmp_path, [(GOOD_TITLE, f"{base}/good.xml"),
                                         ("Bomb link", f"{base}/bomb-link.xml"),
                                         (DOWN[0], f"{base}{DOWN[1]}")],
                              attrs={"Bomb link": {"fullText": "on"}}, name="first.opml")]
        runs += [write_sources(tmp_path, [(h, f"{base}/{h}.xml")], name=f"{h}.opml")
                 for h in hostile]
        result = measured_nights(tmp_path, runs)
        # One ordinary night with every feed, so the site lists them all.
        write_sources(tmp_path, _feeds(base, [(h, f"{base}/{h}.xml") for h in hostile]))
        night(tmp_path, now=NOW + timedelta(days=1))
    first, *rest = result["runs"]
    assert first["statuses"] == {GOOD_TITLE: "ok", "Bomb link": "ok", DOWN[0]: "http_error"}
    for name, run in zip(hostile, rest, strict=True):
        assert run["statuses"] == {name: "too_large"}, run
        assert run["seconds"] < 2.0, (name, run)
    assert result["extra_peak_mb"] < 200, result
    assert_good_stored(tmp_path, base)
    (teaser,) = [i for i in items(tmp_path) if i.guid == "pb"]
    assert not teaser.full_text
    check_site(build(tmp_path), failing=(DOWN[0], *hostile))


# ---------------------------------------------------------------------------------------------
# slow servers


def _trickle(req) -> None:
    """Headers at once, then one byte per second."""
    body = b'<rss version="2.0"><channel><title>Slow</title>' + b" " * 1000
    req.send_response(200)
    req.send_header("Content-Type", "application/rss+xml")
    req.send_header("Content-Length", str(len(body)))
    req.end_headers()
    try:
        for byte in body:
            req.wfile.write(bytes([byte]))
            req.wfile.flush()
            if req.server.stopping.wait(1.0):
                return
    except OSError:
        pass


def _silent(req) -> None:
    """Accepts the request and never answers."""
    req.server.stopping.wait(30)


def _slow_status_line(req) -> None:
    try:
        for byte in b"HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n\r\n":
            req.wfile.write(bytes([byte]))
            req.wfile.flush()
            if req.server.stopping.wait(0.5):
                return
    except OSError:
        pass


def test_slow_servers_time_out_within_the_configured_timeout(tmp_path):
    timeout = 1.0
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base, **{"/trickle.xml": _trickle, "/silent.xml": _silent,
                                       "/crawl.xml": _slow_status_line}))
        hostile = [("Trickle", f"{base}/trickle.xml"), ("Silent", f"{base}/silent.xml"),
                   ("Crawl", f"{base}/crawl.xml")]
        write_sources(tmp_path, _feeds(base, hostile))
        night(tmp_path, timeout=timeout)  # warm-up: language models, first store
        started = time.monotonic()
        report = night(tmp_path, now=NOW + timedelta(days=1), timeout=timeout)
        elapsed = time.monotonic() - started
    got = statuses(report)
    assert {t: got[t] for t, _ in hostile} == {t: "timeout" for t, _ in hostile}, got
    # Three slow feeds, at most two at a time on one host: two rounds of the timeout at most.
    assert elapsed < 2 * timeout + 1.5, elapsed
    errors = {f.source.title: f.error for f in report.feeds}
    assert "1 s" in errors["Trickle"], errors
    assert_good_stored(tmp_path, base, report)
    rows = health_rows(build(tmp_path))
    check_site(tmp_path / "output", failing=("Trickle", "Silent", "Crawl", DOWN[0]))
    assert "2" in rows["Trickle"].cells  # two nights in a row


# ---------------------------------------------------------------------------------------------
# failing feeds, then recovery


def _flaky_feed(base: str, n: int) -> Feed:
    return Feed("Flaky", [
        Entry(f"Flaky story {k}", f"{base}/flaky/{k}.html", T0 + timedelta(hours=k),
              description=_long(f"Flaky report number {k} about the harbour works."))
        for k in range(n)], link=base + "/")


def test_failing_nights_show_on_health_then_recovery_duplicates_nothing(tmp_path):
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base, **{"/flaky.xml": (200, RSS_TYPE, _flaky_feed(base, 2).rss())}))
        write_sources(tmp_path, _feeds(base, [("Flaky", f"{base}/flaky.xml")]))
        night(tmp_path)
        routes["/flaky.xml"] = (500, {}, b"down for maintenance")
        for n in (1, 2, 3):
            night(tmp_path, now=NOW + timedelta(days=n))
        out = build(tmp_path)
        text = check_site(out, failing=("Flaky", DOWN[0]))
        row = health_rows(out)["Flaky"]
        assert '<td class="num">3</td>' in row.cells and "HTTP 500" in row.cells
        assert '<td class="num">2</td>' in row.cells  # the two stored items are kept
        assert "Flaky story 0" in text and "Flaky story 1" in text
        before = _requested(base, "/flaky.xml")
        night(tmp_path, now=NOW + timedelta(days=4))  # backing off after three failures
        assert _requested(base, "/flaky.xml") == before
        routes["/flaky.xml"] = (200, RSS_TYPE, _flaky_feed(base, 3).rss())
        report = night(tmp_path, now=NOW + timedelta(days=6))
    assert statuses(report)["Flaky"] == "ok"
    assert_good_stored(tmp_path, base, report)
    flaky = [i for i in items(tmp_path) if i.source_url.endswith("/flaky.xml")]
    assert sorted(i.title for i in flaky) == ["Flaky story 0", "Flaky story 1", "Flaky story 2"]
    state = states(tmp_path)[f"{base}/flaky.xml"]
    assert state.consecutive_failures == 0 and state.failing_since is None
    assert state.item_count == 3
    out = build(tmp_path)
    check_site(out, failing=(DOWN[0],))
    assert health_rows(out)["Flaky"].state == "ok"


def test_a_first_night_where_every_feed_fails_still_publishes_a_front_page(tmp_path):
    routes: dict = {}
    with serve(routes) as base:
        routes[DOWN[1]] = (500, {}, b"")
        routes["/html.xml"] = (200, {"Content-Type": "text/html"}, LOGIN)
        write_sources(tmp_path, [(DOWN[0], f"{base}{DOWN[1]}"), ("Login", f"{base}/html.xml")])
        report = night(tmp_path)
    assert set(statuses(report).values()) == {"http_error", "not_a_feed"}
    check_site(build(tmp_path), failing=(DOWN[0], "Login"))


# ---------------------------------------------------------------------------------------------
# politeness: Retry-After


def _busy(status: int, retry_after: str, date: datetime | None = None):
    def handler(req) -> None:
        req.send_response_only(status)
        req.send_header("Retry-After", retry_after)
        if date is not None:
            req.send_header("Date", format_datetime(date, usegmt=True))
        req.send_header("Content-Length", "4")
        req.end_headers()
        req.wfile.write(b"busy")

    return handler


def test_retry_after_is_honoured_capped_and_nonsense_ignored(tmp_path):
    night1 = NOW + timedelta(days=1)
    names = ["seconds", "date", "nonsense", "negative", "capped"]
    routes: dict = {}
    with serve(routes) as base:
        ok = {f"/{n}.xml": (200, RSS_TYPE, Feed(n, [Entry(
            f"{n} story", f"{base}/{n}/1.html", T0, description=_long(f"About {n}."))]).rss())
            for n in names}
        routes.update(_routes(base, **ok))
        write_sources(tmp_path, _feeds(base, [(n, f"{base}/{n}.xml") for n in names]))
        night(tmp_path)
        routes.update({
            "/seconds.xml": _busy(429, "172800"),  # two days
            "/date.xml": _busy(503, format_datetime(night1 + timedelta(days=2), usegmt=True),
                               date=night1),
            "/nonsense.xml": _busy(503, "soon, probably"),
            "/negative.xml": _busy(429, "-3600"),
            "/capped.xml": _busy(429, str(30 * 86400)),  # a month: capped at a week
        })
        night(tmp_path, now=night1)
        routes.update(ok)
        counts = {n: _requested(base, f"/{n}.xml") for n in names}

        def asked_since(name: str) -> bool:
            return _requested(base, f"/{name}.xml") > counts[name]

        night(tmp_path, now=night1 + timedelta(days=1))
        assert {n: asked_since(n) for n in names} == {
            "seconds": False, "date": False, "nonsense": True, "negative": True, "capped": False}
        out = build(tmp_path)
        check_site(out, failing=("seconds", "date", "capped", DOWN[0]))
        assert "HTTP 429" in health_rows(out)["seconds"].cells
        night(tmp_path, now=night1 + timedelta(days=3))
        assert asked_since("seconds") and asked_since("date") and not asked_since("capped")
        night(tmp_path, now=night1 + timedelta(days=6))
        assert not asked_since("capped")
        report = night(tmp_path, now=night1 + timedelta(days=8))
        assert asked_since("capped")
    # Asked again, every feed answers (feeds whose bytes did not change are "not modified").
    assert all(statuses(report)[n] in ("ok", "not_modified") for n in names)
    assert_good_stored(tmp_path, base, report)
    assert sorted(i.title for i in items(tmp_path) if "story" in i.title) == sorted(
        f"{n} story" for n in names)


# ---------------------------------------------------------------------------------------------
# conditional GET


def _validating(feed_body: bytes, etag: str, modified: str, seen: list):
    def handler(req) -> None:
        seen.append((req.headers.get("If-None-Match"), req.headers.get("If-Modified-Since")))
        if req.headers.get("If-None-Match") == etag:
            req.send_response(304)
            req.send_header("ETag", etag)
            req.end_headers()
            return
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("ETag", etag)
        req.send_header("Last-Modified", modified)
        req.send_header("Content-Length", str(len(feed_body)))
        req.end_headers()
        req.wfile.write(feed_body)

    return handler


def test_validators_go_back_verbatim_and_304_is_no_change(tmp_path):
    validators = {
        "Weak": ('W/"x-17"', "Sun, 22 Nov 2026 09:00:00 GMT"),
        "Odd": ('"a b,c;d=\\"e\\""', "yesterday-ish, 32 Foo 2026 25:61:00 GMT+99"),
        "Bare": ("unquoted-etag-42", "0"),
    }
    seen: dict[str, list] = {k: [] for k in validators}
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base))
        for name, (etag, modified) in validators.items():
            body = Feed(name, [Entry(f"{name} headline", f"{base}/{name}/1.html", T0,
                                     description=_long(f"{name} text."))]).rss()
            routes[f"/{name}.xml"] = _validating(body, etag, modified, seen[name])
        write_sources(tmp_path, _feeds(base, [(n, f"{base}/{n}.xml") for n in validators]))
        night(tmp_path)
        second = night(tmp_path, now=NOW + timedelta(days=1))
        third = night(tmp_path, now=NOW + timedelta(days=2))
    for name, (etag, modified) in validators.items():
        assert seen[name][0] == (None, None)
        assert seen[name][1] == (etag, modified), name
        assert seen[name][2] == (etag, modified), "a 304 keeps the validators"
    for report in (second, third):
        got = statuses(report)
        assert {n: got[n] for n in validators} == {n: "not_modified" for n in validators}
    assert_good_stored(tmp_path, base, second)
    st = states(tmp_path)
    for name in validators:
        state = st[f"{base}/{name}.xml"]
        assert state.consecutive_failures == 0 and state.item_count == 1 and not state.last_error
    out = build(tmp_path)
    check_site(out, failing=(DOWN[0],))
    rows = health_rows(out)
    assert all(rows[n].state == "ok" for n in validators)


# ---------------------------------------------------------------------------------------------
# not a feed


LOGIN = (b"<!DOCTYPE html><html><head><title>Sign in</title></head><body><form method=post>"
         b"<input name=user><input type=password name=pw><button>Log in</button></form>"
         b"</body></html>")
CHALLENGE = (b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
             b"<h1>Checking your browser before accessing the site.</h1>"
             b"<noscript>Enable JavaScript and cookies to continue</noscript></body></html>")


def test_pages_that_are_not_feeds_fail_and_never_delete_stored_items(tmp_path):
    names = ["Login", "Challenge", "Challenge503", "Empty", "NoItems", "Json", "Text"]
    routes: dict = {}
    with serve(routes) as base:
        ok = {f"/{n}.xml": (200, RSS_TYPE, Feed(n, [Entry(
            f"{n} first story", f"{base}/{n}/1.html", T0, description=_long(f"{n} news."))],
            link=base + "/").rss()) for n in names}
        routes.update(_routes(base, **ok))
        write_sources(tmp_path, _feeds(base, [(n, f"{base}/{n}.xml") for n in names]))
        night(tmp_path)
        html = {"Content-Type": "text/html; charset=utf-8"}
        routes.update({
            "/Login.xml": (200, html, LOGIN),
            "/Challenge.xml": (200, html, CHALLENGE),
            "/Challenge503.xml": (503, {**html, "Server": "cloudflare"}, CHALLENGE),
            "/Empty.xml": (200, RSS_TYPE, b""),
            "/NoItems.xml": (200, RSS_TYPE, Feed("NoItems", [], link=base + "/").rss()),
            "/Json.xml": (200, {"Content-Type": "application/json"}, b'{"error": "denied"}'),
            "/Text.xml": (200, {"Content-Type": "text/plain"}, b"Service temporarily offline"),
        })
        report = night(tmp_path, now=NOW + timedelta(days=1))
    got = statuses(report)
    assert {n: got[n] for n in names} == {
        "Login": "not_a_feed", "Challenge": "not_a_feed", "Challenge503": "http_error",
        "Empty": "not_a_feed", "NoItems": "not_a_feed", "Json": "not_a_feed",
        "Text": "not_a_feed"}
    assert_good_stored(tmp_path, base, report)
    titles = {i.title for i in items(tmp_path)}
    assert {f"{n} first story" for n in names} <= titles
    st = states(tmp_path)
    assert all(st[f"{base}/{n}.xml"].item_count == 1 for n in names)
    out = build(tmp_path)
    text = check_site(out, failing=(*names, DOWN[0]))
    assert all(f"{n} first story" in text for n in names)
    assert "Log in" not in text and "Just a moment" not in text


# ---------------------------------------------------------------------------------------------
# duplicates


def _dup_feeds(base: str, nightly: int, tracking: str) -> dict[str, bytes]:
    d = _long
    return {
        "/noguid.xml": rss([_item(f"No guid story {k}", f"{base}/ng/{k}.html",
                                  _esc(d(f"Story {k} of the feed without guids.")))
                            for k in range(2)]),
        "/tracking.xml": rss([
            _item("Tracked story", _esc(f"{base}/tr/1.html?utm_source=rss&utm_medium=feed"
                                        f"{tracking}"), _esc(d("The tracked story.")), guid="t1"),
            _item("Tracked story (copy)", _esc(f"{base}/tr/1.html?fbclid=XYZ{tracking}"),
                  _esc(d("The tracked story.")), guid="t2")]),
        "/nightly.xml": rss([_item(f"Nightly guid story {k}", f"{base}/ni/{k}.html",
                                   _esc(d(f"Story {k} whose guid changes.")),
                                   guid=f"night{nightly}-{k}") for k in range(2)]),
        "/bare.xml": rss([_item("Story with neither link nor guid", "",
                                _esc(d("Nothing identifies this story but its words.")))]),
    }


def _two_nights(tmp_path, feeds) -> tuple[str, dict, object]:
    """Night one with feeds(base, 0, ""), night two with feeds(base, 1, tracking params)."""
    routes: dict = {}
    with serve(routes) as base:
        first_bodies = feeds(base, 0, "")
        routes.update(_routes(base, **{p: (200, RSS_TYPE, b) for p, b in first_bodies.items()}))
        names = [p.strip("/").removesuffix(".xml") for p in first_bodies]
        write_sources(tmp_path, _feeds(base, [(n, f"{base}/{n}.xml") for n in names]))
        night(tmp_path)
        first = {i.key: (i.url, i.title) for i in items(tmp_path)}
        routes.update({p: (200, RSS_TYPE, b)
                       for p, b in feeds(base, 1, "&utm_campaign=n2").items()})
        report = night(tmp_path, now=NOW + timedelta(days=1))
    return base, first, report


def test_duplicates_are_stored_once_across_nights(tmp_path):
    expected = {
        "noguid": {f"No guid story {k}" for k in range(2)},
        "tracking": None,  # either of the two copies, once
        "nightly": {f"Nightly guid story {k}" for k in range(2)},
        "bare": {"Story with neither link nor guid"},
    }
    base, first, report = _two_nights(tmp_path, _dup_feeds)
    assert sum(f.new_items for f in report.feeds) == 0
    assert_good_stored(tmp_path, base, report)
    stored = items(tmp_path)
    assert {i.key: (i.url, i.title) for i in stored} == first, "nothing added or overwritten"
    for name, titles in expected.items():
        got = {i.title for i in stored if i.source_url == f"{base}/{name}.xml"}
        if titles is None:
            assert len(got) == 1 and got <= {"Tracked story", "Tracked story (copy)"}, got
        else:
            assert got == titles, name
    urls = [i.url for i in stored if i.url]
    assert len(urls) == len(set(urls))
    assert not any("utm_" in u or "fbclid" in u for u in urls)
    check_site(build(tmp_path), failing=(DOWN[0],))


def _shared_guid_feed(base: str, nightly: int, tracking: str) -> dict[str, bytes]:
    return {"/sameguid.xml": rss([
        _item(f"Shared guid story {k}", f"{base}/sg/{k}.html",
              _esc(_long(f"Story {k} of the feed that gives every entry guid 1.")), guid="1")
        for k in range(3)])}


def test_entries_sharing_one_guid_never_overwrite_each_other(tmp_path):
    base, first, report = _two_nights(tmp_path, _shared_guid_feed)
    stored = items(tmp_path)
    assert sorted(t for _, t in first.values() if t.startswith("Shared")) == [
        f"Shared guid story {k}" for k in range(3)]
    assert {i.key: (i.url, i.title) for i in stored} == first, "nothing added or overwritten"
    check_site(build(tmp_path), failing=(DOWN[0],))


# ---------------------------------------------------------------------------------------------
# encodings


def test_wrong_or_odd_encodings_give_readable_titles(tmp_path):
    cafe, zurich, tokyo = "Café crème à Zürich", "Œuvres d’été à Genève", "Straße nach 東京"

    def doc(title: str, declared: str) -> str:
        link = f"https://enc.example/{declared}/{len(title)}"
        item = _item(title, link, _esc(_long(title)))
        return (f'<?xml version="1.0" encoding="{declared}"?>\n<rss version="2.0"><channel>'
                f"<title>{declared} feed</title><link>https://enc.example/</link>"
                f"<description>t</description><item>{item}</item></channel></rss>")

    stray = doc(f"{zurich} BADBYTE", "UTF-8").encode("utf-8").replace(b"BADBYTE", b"\xff mid")
    stray = stray.replace(b"</channel>", b"<item>" + _item(
        cafe, "https://enc.example/second", _esc(_long(cafe))).encode() + b"</item></channel>")
    bodies = {
        "/latin1-says-utf8.xml": doc(cafe, "UTF-8").encode("cp1252"),
        "/utf8-says-latin1.xml": doc(zurich, "ISO-8859-1").encode("utf-8"),
        "/stray.xml": stray,
        "/utf16le.xml": b"\xff\xfe" + doc(tokyo, "UTF-16").encode("utf-16-le"),
        "/utf16be.xml": b"\xfe\xff" + doc(cafe + " BE", "UTF-16").encode("utf-16-be"),
        "/utf8-bom-says-koi8.xml": b"\xef\xbb\xbf" + doc(tokyo + " BOM", "KOI8-R").encode(),
    }
    routes: dict = {}
    with serve(routes) as base:
        # The server's charset is as wrong as the documents'.
        wrong = {"Content-Type": "application/rss+xml; charset=koi8-r"}
        routes.update(_routes(base, **{p: (200, wrong, b) for p, b in bodies.items()}))
        names = [p.strip("/").removesuffix(".xml") for p in bodies]
        write_sources(tmp_path, _feeds(base, [(n, f"{base}/{n}.xml") for n in names]))
        report = night(tmp_path)
    got = statuses(report)
    assert {n: got[n] for n in names} == {n: "ok" for n in names}
    assert_good_stored(tmp_path, base, report)
    titles: dict[str, set[str]] = {}
    for i in items(tmp_path):
        titles.setdefault(i.source_url.rsplit("/", 1)[1].removesuffix(".xml"), set()).add(i.title)
    assert titles["latin1-says-utf8"] == {cafe}
    assert titles["utf8-says-latin1"] == {zurich}
    assert titles["utf16le"] == {tokyo}
    assert titles["utf16be"] == {cafe + " BE"}
    assert titles["utf8-bom-says-koi8"] == {tokyo + " BOM"}
    # One bad byte spoils one character, not the feed.
    assert cafe in titles["stray"]
    (spoiled,) = titles["stray"] - {cafe}
    assert spoiled.startswith(zurich) and spoiled.endswith("mid")
    text = check_site(build(tmp_path), failing=(DOWN[0],))
    for title in (cafe, tokyo):
        assert title in text
    assert "Ã©" not in text and "â€" not in text


# ---------------------------------------------------------------------------------------------
# dates


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_missing_odd_and_future_dates_are_parsed_or_clamped(tmp_path):
    cases = {
        "missing": (None, NOW),
        "garbage": ("not a date at all", NOW),
        "year9999": ("Fri, 31 Dec 9999 23:59:59 GMT", NOW),
        "future": (format_datetime(NOW + timedelta(days=30), usegmt=True), NOW),
        "feb30": ("Mon, 30 Feb 2026 10:00:00 GMT", NOW),
        "plus1345": ("Sun, 22 Nov 2026 09:00:00 +1345", _utc(2026, 11, 21, 19, 15)),
        "minus0930": ("Sun, 22 Nov 2026 09:00:00 -0930", _utc(2026, 11, 22, 18, 30)),
        "est": ("Sun, 22 Nov 2026 09:00:00 EST", _utc(2026, 11, 22, 14, 0)),
        "iso-offset": ("2026-11-22T09:00:00+05:30", _utc(2026, 11, 22, 3, 30)),
    }
    # Without a zone a date may be read as UTC or replaced by the first-seen time.
    unzoned = "Sun, 22 Nov 2026 09:00:00"
    entries = [_item(f"Dated {k}", f"https://dates.example/{k}", _esc(_long(f"Dated {k}.")),
                     guid=k, date=raw) for k, (raw, _) in cases.items()]
    entries.append(_item("Dated no-zone", "https://dates.example/nz", _esc(_long("No zone.")),
                         guid="no-zone", date=unzoned))
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base, **{"/dates.xml": (200, RSS_TYPE, rss(entries))}))
        write_sources(tmp_path, _feeds(base, [("Dates", f"{base}/dates.xml")]))
        report = night(tmp_path)
    assert statuses(report)["Dates"] == "ok"
    assert_good_stored(tmp_path, base, report)
    got = {i.guid: i.published for i in items(tmp_path) if i.guid in cases}
    assert got == {k: want for k, (_, want) in cases.items()}
    (unzoned_item,) = [i for i in items(tmp_path) if i.guid == "no-zone"]
    assert unzoned_item.published in {_utc(2026, 11, 22, 9, 0), NOW}
    assert all(i.published <= NOW for i in items(tmp_path))
    out = build(tmp_path)
    check_site(out, failing=(DOWN[0],))
    assert not list(out.glob("stories/9999/**/*.html"))


# ---------------------------------------------------------------------------------------------
# control characters

_FORBIDDEN = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ufffe", "\uffff",
              "\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200e", "\u061c"]


def test_control_characters_are_stripped_and_our_feeds_stay_well_formed(tmp_path):
    raw_titles = [
        "Alpha \x00 Bravo",  # raw NUL: not even legal XML
        "Charlie\x0cDelta form feed",
        "Echo &#xD800; Foxtrot lone surrogate",
        "Golf &#xDFFF;&#xD83D; Hotel",
        "India \ufffe Juliet \uffff nonchar",
        "Kilo \u202eevil\u202c Lima bidi",
        "Mike \u2066isolate\u2069 November",
        "Oscar &#x1b;[31m Papa escape",
        "Quebec &#0; Romeo &#x7f; &#x85;",
    ]
    entries = [_item(t, f"https://ctl.example/{n}", _esc(_long(f"Body {n} \x0c\u202e with junk.")),
                     guid=f"c{n}", extra=f"<dc:creator>Writer\x1b{n}\u202e</dc:creator>")
               for n, t in enumerate(raw_titles)]
    body = rss(entries, title="Control\x00 \u202eFeed")
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base, **{"/ctl.xml": (200, RSS_TYPE, body)}))
        write_sources(tmp_path, _feeds(base, [("Control", f"{base}/ctl.xml")]))
        report = night(tmp_path)
    assert statuses(report)["Control"] == "ok"
    assert_good_stored(tmp_path, base, report)
    stored = {i.guid: i for i in items(tmp_path) if i.guid.startswith("c")}
    assert len(stored) == len(raw_titles)
    words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
             "Juliet", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo"]
    all_titles = " ".join(i.title for i in stored.values())
    assert all(w in all_titles for w in words)
    for item in stored.values():
        for field in (item.title, item.author, item.text, item.summary, item.content_html):
            assert strip_unsafe_chars(field) == field, (item.guid, field)
            assert not any(c in field for c in _FORBIDDEN), (item.guid, field)
    text = check_site(build(tmp_path), failing=(DOWN[0],))
    assert not [c for c in _FORBIDDEN if c in text]
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    assert "Alpha Bravo" in text or "Alpha  Bravo" in text


# ---------------------------------------------------------------------------------------------
# slugs


def test_slugs_are_non_empty_bounded_unique_and_stay_inside_output(tmp_path):
    long_title = " ".join(["Extraordinarily"] * 20)[:300]
    titles = ["", "???", "🎉🎉🎉", long_title, "../../x", "..\\..\\y", "CON", "nul",
              "/etc/passwd", "%2e%2e%2fz", ".", "index", "Same title", "Same title"]
    topics = ["weather in the alps", "a chess tournament", "the price of coffee",
              "a bridge repair", "a museum opening", "a marathon", "a volcano", "a rail strike",
              "an election count", "a dairy farm", "a space launch", "a film festival",
              "a hospital wing", "a river cleanup"]
    entries = [_item(_esc(t), f"https://slugs.example/{n}", _esc(_long(
        f"Report {n} about {topics[n]}, with details nobody else has.", 1)), guid=f"s{n}")
        for n, t in enumerate(titles)]
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base, **{"/slugs.xml": (200, RSS_TYPE, rss(entries))}))
        odd_sources = [("../../escape", f"{base}/slugs.xml"), ("CON", f"{base}{DOWN[1]}?2"),
                       ("", f"{base}{DOWN[1]}?3")]
        write_sources(tmp_path, _feeds(base, odd_sources))
        report = night(tmp_path)
    assert statuses(report)["../../escape"] == "ok"
    assert_good_stored(tmp_path, base, report)
    before = {p for p in tmp_path.rglob("*") if "output" not in p.parts}
    out = build(tmp_path)
    after = {p for p in tmp_path.rglob("*") if "output" not in p.parts}
    assert {p.name for p in after - before} <= {"conf.py", "__pycache__"} | {
        p.name for p in after - before if p.suffix == ".pyc"}
    check_site(out, failing=(DOWN[0],))
    all_stories = stories(tmp_path)
    slugs = [s.slug for s in all_stories]
    assert len(slugs) == len(set(slugs))
    for story in all_stories:
        assert story.slug and len(story.slug) <= 80, story.slug
        assert all(c.isascii() and (c.isalnum() or c == "-") for c in story.slug), story.slug
        assert story.slug.lower() not in {"con", "nul", "prn", "aux"}
        page = out / "stories" / story.created.strftime("%Y/%m/%d") / f"{story.slug}.html"
        assert page.is_file(), page
    # The two equal titles (different articles) are two stories or one, never one overwritten.
    same = [i for i in items(tmp_path) if i.title == "Same title"]
    assert len(same) == 2
    sources = sorted(p.name for p in (out / "sources").glob("*.html"))
    assert len(sources) == len(set(sources)) >= 4
    assert all(".." not in name and "/" not in name for name in sources)


# ---------------------------------------------------------------------------------------------
# overlapping runs


def test_a_second_ingest_while_one_runs_exits_cleanly_with_code_3(tmp_path, capsys):
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base))
        write_sources(tmp_path, _feeds(base, []))
        conf = conf_file(tmp_path, DIGEST_TIMEOUT=3.0)
        store = tmp_path / "store.sqlite"
        with writer_lock(store):
            code = main(["ingest", "--settings", str(conf), "--store", str(store)])
            err = capsys.readouterr().err
            assert code == 3
            assert "already writing" in err and str(store) in err
            assert base.requests == [], "the second run fetched nothing"
        assert main(["ingest", "--settings", str(conf), "--store", str(store)]) == 0
    assert_good_stored(tmp_path, base)
    check_site(build(tmp_path), failing=(DOWN[0],))


def test_a_second_ingest_process_exits_at_once_and_leaves_the_store_intact(tmp_path):
    import subprocess
    import sys

    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base))
        write_sources(tmp_path, _feeds(base, []))
        conf = conf_file(tmp_path, DIGEST_TIMEOUT=3.0)
        store = tmp_path / "store.sqlite"
        with writer_lock(store):
            started = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "news_digest.cli", "ingest", "--settings", str(conf)],
                capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path)
            assert time.monotonic() - started < 20
        assert done.returncode == 3, done.stderr
        assert "another ingest is already writing" in done.stderr
        assert main(["ingest", "--settings", str(conf)]) == 0
    assert_good_stored(tmp_path, base)
    states(tmp_path)  # integrity_check inside


# ---------------------------------------------------------------------------------------------
# local files


def test_file_links_and_relative_paths_never_read_the_disk(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-disk-5e1c\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "link.xml").symlink_to(secret)
    entries = [
        _item("File link to passwd", "file:///etc/passwd", "Teaser one …", guid="f1"),
        _item("File link to secret", f"file://{secret}", "Teaser two …", guid="f2"),
        _item("Relative link up", "../../../../../../etc/passwd", "Teaser three …", guid="f3"),
        _item("Absolute path link", _esc(str(secret)), "Teaser four …", guid="f4"),
        _item("Enclosure to passwd", "https://files.example/5", "Teaser five …", guid="f5",
              extra='<enclosure url="file:///etc/passwd" type="text/plain" length="1"/>'),
        _item("Images from disk", "https://files.example/6", _esc(
            f'<p>Look.</p><img src="file:///etc/passwd"><img src="file://{secret}">'
            f'<a href="file://{secret}">secret link</a>' + _long(" More text.")), guid="f6"),
    ]
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes(base, **{"/files.xml": (200, RSS_TYPE, rss(entries))}))
        local = {
            "LocalOutside": "secret.txt",
            "LocalDotDot": "content/../secret.txt",
            "LocalSymlink": "content/link.xml",
            "LocalPasswd": "../../../../../../../../etc/passwd",
            "FileScheme": f"file://{secret}",
            "FilePasswd": "file:///etc/passwd",
        }
        write_sources(tmp_path, _feeds(base, [("Files", f"{base}/files.xml"),
                                              *local.items()]),
                      attrs={"Files": {"fullText": "on"}})
        report = night(tmp_path)
    got = statuses(report)
    assert got["Files"] == "ok"
    assert {k: got[k] for k in local} == {k: "refused" for k in local}, got
    assert_good_stored(tmp_path, base, report)
    files = {i.guid: i for i in items(tmp_path) if i.guid.startswith("f")}
    assert len(files) == len(entries)
    assert not any(i.full_text for i in files.values())
    assert all(i.url == "" or i.url.startswith(("http://", "https://")) for i in files.values())
    store_bytes = b"".join(p.read_bytes() for p in tmp_path.glob("store.sqlite*"))
    assert b"TOPSECRET" not in store_bytes and b"root:x:0" not in store_bytes
    for item in files.values():
        assert "file:" not in item.content_html and "file:" not in item.url, item
    # check_site also refuses any file: link on any page.
    text = check_site(build(tmp_path), failing=(DOWN[0], *local))
    assert "TOPSECRET" not in text and "root:x:0" not in text


# ---------------------------------------------------------------------------------------------
# politeness: requests per host


def test_never_more_than_two_requests_at_once_to_one_host_and_spaced(tmp_path):
    lock = threading.Lock()
    active = [0]
    peak = [0]
    starts: list[float] = []
    spacing = 0.1

    def tracked(route):
        def handler(req) -> None:
            with lock:
                starts.append(time.monotonic())
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            # Longer than two spacings: without a limit, three requests would overlap.
            time.sleep(3 * spacing)
            with lock:
                # Before answering: once answered, the client may rightly start the next one.
                active[0] -= 1
            req._send(*route)

        return handler

    names = ["one", "two", "three", "four"]
    routes: dict = {}
    with serve(routes) as base:
        plain = good_routes(base)
        for n in names:
            plain[f"/{n}.xml"] = (200, RSS_TYPE, Feed(n, [Entry(
                f"{n} story", f"{base}/{n}/1.html", T0, description="Teaser …")],
                link=base + "/").rss())
            plain[f"/{n}/1.html"] = (200, {"Content-Type": "text/html"}, (
                f"<html><body><article><h1>{n} story</h1><p>{BRIDGE}</p>"
                f"<p>{FILLER}</p></article></body></html>").encode())
        routes.update({path: tracked(route) for path, route in plain.items()})
        write_sources(tmp_path, [(GOOD_TITLE, f"{base}/good.xml")]
                      + [(n, f"{base}/{n}.xml") for n in names], full_text="on",
                      attrs={GOOD_TITLE: {"fullText": "off"}})
        report = night(tmp_path, host_spacing=spacing)
    assert all(s == "ok" for s in statuses(report).values())
    assert len(starts) == 1 + 2 * len(names)
    assert peak[0] <= 2, f"{peak[0]} requests at once to one host"
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= spacing * 0.9, gaps
    assert_good_stored(tmp_path, base, report)
    assert sum(1 for i in items(tmp_path) if i.full_text) == len(names)
