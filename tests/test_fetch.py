"""fetch.py against a local server: limits, validators, redirects, SSRF refusals, local files."""

import gzip
import os
import shutil
import socket
import ssl
import subprocess
import time
import tracemalloc
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from news_digest import fetch as fetch_module
from news_digest.fetch import (
    FetchPolicy,
    fetch_local,
    fetch_url,
    mirror_path,
    parse_retry_after,
    retry_after_seconds,
)
from news_digest.model import (
    STATUS_ERROR,
    STATUS_HTTP_ERROR,
    STATUS_NOT_MODIFIED,
    STATUS_OK,
    STATUS_REFUSED,
    STATUS_TIMEOUT,
    STATUS_TOO_LARGE,
)

from httpserver import serve

LOCAL = FetchPolicy(
    allow_hosts=frozenset({"127.0.0.1"}), connect_timeout=1.0, total_timeout=3.0,
    max_bytes=2 * 1024 * 1024,
)
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


@pytest.fixture
def connections(monkeypatch):
    """Every address fetch.py opens a TCP connection to, recorded (and still connected)."""
    seen: list[tuple[str, int]] = []
    real = socket.create_connection

    def recording(address, *args, **kwargs):
        seen.append((address[0], address[1]))
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recording)
    return seen


# ---------------------------------------------------------------------------------------------
# Plain GETs and validators


def test_200_with_body_and_validators():
    headers = {
        "Content-Type": "application/rss+xml; charset=utf-8",
        "ETag": 'W/"abc-123"',
        "Last-Modified": "Wed, 21 Oct 2015 07:28:00 GMT",
    }
    with serve({"/feed.xml": (200, headers, RSS)}) as base:
        result = fetch_url(base + "/feed.xml", LOCAL)
        request = base.requests[0]
    assert result.status == STATUS_OK and result.ok
    assert result.body == RSS
    assert result.http_status == 200
    assert result.etag == 'W/"abc-123"'
    assert result.last_modified == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert result.content_type == "application/rss+xml; charset=utf-8"
    assert result.url == base + "/feed.xml"
    assert request.header("User-Agent") == LOCAL.user_agent
    assert request.header("Accept-Encoding") == "gzip, deflate"
    assert request.header("Host") == f"127.0.0.1:{base.port}"
    assert request.header("If-None-Match") is None
    assert request.header("If-Modified-Since") is None


def test_conditional_get_sends_validators_verbatim_and_304_keeps_them():
    etag, modified = 'W/"weird etag, with comma"', "not even a date, but sent back as given"

    def conditional(handler):
        if handler.headers.get("If-None-Match") == etag:
            handler._send(304, {}, b"")
        else:
            handler._send(200, {"ETag": etag}, RSS)

    with serve({"/feed": conditional}) as base:
        result = fetch_url(base + "/feed", LOCAL, etag=etag, last_modified=modified)
        request = base.requests[0]
    assert request.header("If-None-Match") == etag
    assert request.header("If-Modified-Since") == modified
    assert result.status == STATUS_NOT_MODIFIED and not result.ok
    assert result.http_status == 304
    assert (result.etag, result.last_modified) == (etag, modified)
    assert result.body == b""


def test_304_with_fresh_validators_replaces_them():
    with serve({"/f": (304, {"ETag": '"v2"'}, b"")}) as base:
        result = fetch_url(base + "/f", LOCAL, etag='"v1"', last_modified="old")
    assert result.status == STATUS_NOT_MODIFIED
    assert (result.etag, result.last_modified) == ('"v2"', "old")


def test_validator_with_line_break_is_not_sent():
    with serve({"/f": (200, {}, RSS)}) as base:
        result = fetch_url(base + "/f", LOCAL, etag='"a"\r\nX-Injected: 1', last_modified="x")
        request = base.requests[0]
    assert result.ok
    assert request.header("If-None-Match") is None
    assert request.header("X-Injected") is None
    assert request.header("If-Modified-Since") == "x"


@pytest.mark.parametrize("status", [500, 404, 403, 410])
def test_http_errors(status):
    with serve({"/f": (status, {"Content-Type": "text/html"}, b"<h1>nope</h1>")}) as base:
        result = fetch_url(base + "/f", LOCAL)
    assert result.status == STATUS_HTTP_ERROR
    assert result.http_status == status
    assert result.body == b""
    assert str(status) in result.error


def test_connection_refused_is_an_error_value():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = fetch_url(f"http://127.0.0.1:{port}/", LOCAL)
    assert result.status == STATUS_ERROR
    assert result.error


# ---------------------------------------------------------------------------------------------
# Time limits


def test_slow_server_times_out_within_the_deadline():
    def slow(handler):
        handler.server.stopping.wait(10)

    policy = FetchPolicy(allow_hosts=LOCAL.allow_hosts, connect_timeout=0.5, total_timeout=0.6)
    with serve({"/slow": slow}) as base:
        started = time.monotonic()
        result = fetch_url(base + "/slow", policy)
        elapsed = time.monotonic() - started
    assert result.status == STATUS_TIMEOUT
    assert elapsed < 1.5


def test_trickling_body_hits_the_total_deadline():
    # Each byte comes well within any per-read timeout; only a total deadline stops this.
    def trickle(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/xml")
        handler.end_headers()
        while not handler.server.stopping.wait(0.05):
            handler.wfile.write(b"<")
            handler.wfile.flush()

    policy = FetchPolicy(allow_hosts=LOCAL.allow_hosts, connect_timeout=0.5, total_timeout=0.7)
    with serve({"/trickle": trickle}) as base:
        started = time.monotonic()
        result = fetch_url(base + "/trickle", policy)
        elapsed = time.monotonic() - started
    assert result.status == STATUS_TIMEOUT
    assert result.body == b""
    assert elapsed < 1.6


# ---------------------------------------------------------------------------------------------
# Size limits


def _endless(handler):
    handler.send_response(200)
    handler.end_headers()
    chunk = b"x" * 65536
    while not handler.server.stopping.is_set():
        handler.wfile.write(chunk)


def test_endless_body_is_cut_at_the_cap_with_bounded_memory():
    policy = FetchPolicy(allow_hosts=LOCAL.allow_hosts, total_timeout=5, max_bytes=1024 * 1024)
    with serve({"/endless": _endless}) as base:
        tracemalloc.start()
        try:
            started = time.monotonic()
            result = fetch_url(base + "/endless", policy)
            elapsed = time.monotonic() - started
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert result.status == STATUS_TOO_LARGE
    assert result.body == b""
    assert elapsed < 2
    assert peak < 6 * policy.max_bytes


def test_declared_length_over_the_cap_is_refused_early():
    def liar(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(10 * 1024**3))
        handler.end_headers()
        handler.wfile.write(b"x" * 1000)

    with serve({"/big": liar}) as base:
        result = fetch_url(base + "/big", LOCAL)
    assert result.status == STATUS_TOO_LARGE


def test_body_exactly_at_the_cap_is_fine():
    policy = FetchPolicy(allow_hosts=LOCAL.allow_hosts, max_bytes=1000)
    with serve({"/a": (200, {}, b"a" * 1000), "/b": (200, {}, b"b" * 1001)}) as base:
        assert fetch_url(base + "/a", policy).body == b"a" * 1000
        assert fetch_url(base + "/b", policy).status == STATUS_TOO_LARGE


def _gzip_bomb(handler):
    """About 1 GB of zeros, gzip-compressed while it is being sent (never held in memory)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Content-Encoding", "gzip")
    handler.end_headers()
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    for _ in range(1024):
        if handler.server.stopping.is_set():
            return
        out = compressor.compress(zeros)
        if out:
            handler.wfile.write(out)
    handler.wfile.write(compressor.flush())


def test_gzip_bomb_stops_at_the_decoded_cap_quickly():
    policy = FetchPolicy(allow_hosts=LOCAL.allow_hosts, total_timeout=10)  # default 15 MiB cap
    with serve({"/bomb": _gzip_bomb}) as base:
        started = time.monotonic()
        result = fetch_url(base + "/bomb", policy)
        elapsed = time.monotonic() - started
    assert result.status == STATUS_TOO_LARGE
    assert result.body == b""
    assert elapsed < 2


def test_deflate_bomb_stops_at_the_cap():
    bomb = zlib.compress(bytes(20 * 1024 * 1024), 9)  # 20 MB of zeros in ~20 KB
    policy = FetchPolicy(allow_hosts=LOCAL.allow_hosts, max_bytes=1024 * 1024)
    with serve({"/d": (200, {"Content-Encoding": "deflate"}, bomb)}) as base:
        result = fetch_url(base + "/d", policy)
    assert result.status == STATUS_TOO_LARGE


def test_compressed_bodies_are_decoded():
    raw_deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    raw = raw_deflate.compress(RSS) + raw_deflate.flush()
    routes = {
        "/gzip": (200, {"Content-Encoding": "gzip"}, gzip.compress(RSS)),
        "/x-gzip": (200, {"Content-Encoding": "x-gzip"}, gzip.compress(RSS)),
        "/two-members": (200, {"Content-Encoding": "gzip"},
                         gzip.compress(RSS[:20]) + gzip.compress(RSS[20:])),
        "/zlib": (200, {"Content-Encoding": "deflate"}, zlib.compress(RSS)),
        "/raw-deflate": (200, {"Content-Encoding": "deflate"}, raw),
        "/identity": (200, {"Content-Encoding": "identity"}, RSS),
    }
    with serve(routes) as base:
        for path in routes:
            result = fetch_url(base + path, LOCAL)
            assert (path, result.status, result.body) == (path, STATUS_OK, RSS)


@pytest.mark.parametrize(
    ("encoding", "body"),
    [("gzip", b"definitely not gzip"), ("gzip", gzip.compress(RSS)[:-12]), ("br", b"xx")],
)
def test_broken_or_unknown_encoding_is_an_error(encoding, body):
    with serve({"/f": (200, {"Content-Encoding": encoding}, body)}) as base:
        result = fetch_url(base + "/f", LOCAL)
    assert result.status == STATUS_ERROR
    assert result.body == b""


# ---------------------------------------------------------------------------------------------
# Redirects


def _chain(length: int) -> dict:
    routes: dict = {f"/r{i}": (302, {"Location": f"/r{i + 1}"}, b"") for i in range(length)}
    routes[f"/r{length}"] = (200, {"ETag": '"end"'}, RSS)
    return routes


def test_five_redirects_are_followed():
    with serve(_chain(5)) as base:
        result = fetch_url(base + "/r0", LOCAL)
    assert result.status == STATUS_OK
    assert result.url == base + "/r5"
    assert result.etag == '"end"'


def test_six_redirects_are_too_many():
    with serve(_chain(6)) as base:
        result = fetch_url(base + "/r0", LOCAL)
        requested = [r.path for r in base.requests]
    assert result.status == STATUS_ERROR
    assert "redirect" in result.error
    assert "/r6" not in requested


def test_redirect_kinds_and_absolute_location():
    with serve({"/a": (301, {"Location": "/b"}, b""), "/b": (308, {"Location": "c"}, b""),
                "/c": (303, {}, b"")}) as base:
        routes_abs = {"/start": (307, {"Location": base + "/a"}, b"")}
        with serve(routes_abs) as other:
            result = fetch_url(other + "/start", LOCAL)
    # 303 without a Location is just an HTTP error on the last hop.
    assert result.status == STATUS_HTTP_ERROR
    assert result.url == base + "/c"


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.0.1:8080/admin",
        "http://[::1]/",
        "http://0x0a000001/",  # 10.0.0.1; odd spellings of the allowed 127.0.0.1 stay allowed
        "file:///etc/passwd",
        "gopher://127.0.0.1/",
    ],
)
def test_redirect_to_a_forbidden_place_is_refused_before_connecting(target, connections):
    with serve({"/go": (302, {"Location": target}, b"")}) as base:
        result = fetch_url(base + "/go", LOCAL)
    assert result.status == STATUS_REFUSED
    assert result.url == target
    # Exactly one connection: the allowed first hop. Nothing went to the redirect target.
    assert connections == [("127.0.0.1", base.port)]


# ---------------------------------------------------------------------------------------------
# SSRF and schemes


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://0177.0.0.1/",
        "http://0x7f000001/",
        "http://127.1/",
        "http://017700000001/",
        "http://0/",
        "http://0.0.0.0/",
        "http://127.0.0.1./",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[0:0:0:0:0:ffff:7f00:1]/",
        "http://[::]/",
        "http://[fe80::1%25eth0]/",
        "http://[fd00::1]/",
        "http://10.1.2.3/",
        "http://172.31.255.255/",
        "http://192.168.1.1/",
        "http://169.254.169.254/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://255.255.255.255/",
        "http://localhost/",
        "https://LOCALHOST:8443/",
        "http://1.2.3.4.5/",
        "http://999.1.1.1/",
        "http://exa mple.com/",
        "http://[::1/",
    ],
)
def test_private_and_odd_addresses_are_refused_without_connecting(url, connections):
    result = fetch_url(url, FetchPolicy(total_timeout=2))
    assert result.status == STATUS_REFUSED, result
    assert connections == []


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/feed", "javascript:alert(1)", "data:,x",
     "feed://example.com/rss", "example.com/feed", ""],
)
def test_non_http_schemes_are_refused(url, connections):
    result = fetch_url(url, FetchPolicy())
    assert result.status == STATUS_REFUSED
    assert connections == []


def test_allow_hosts_by_name_connects_to_the_checked_address(connections):
    policy = FetchPolicy(allow_hosts=frozenset({"localhost"}), total_timeout=3)
    with serve({"/f": (200, {}, RSS)}) as base:
        result = fetch_url(f"http://localhost:{base.port}/f", policy)
        request = base.requests[0]
    assert result.ok and result.body == RSS
    assert request.header("Host") == f"localhost:{base.port}"
    # The socket went to an IP (the checked one), never to the name again.
    assert all(host in ("127.0.0.1", "::1") for host, _ in connections)


@pytest.fixture
def fake_dns(monkeypatch):
    """Answers for made-up names; every other lookup goes to the real resolver."""
    answers: dict[str, list[str]] = {}
    lookups: list[str] = []
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host in answers:
            lookups.append(host)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in answers[host]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return answers, lookups


def test_name_resolving_to_private_address_is_refused(fake_dns, connections):
    answers, _ = fake_dns
    answers["intranet.example"] = ["10.0.0.7"]
    answers["mixed.example"] = ["93.184.216.34", "127.0.0.1"]
    for name in answers:
        assert fetch_url(f"http://{name}/", FetchPolicy()).status == STATUS_REFUSED
    assert connections == []


def test_checked_address_is_the_one_connected_to(fake_dns, monkeypatch):
    """The name is resolved once; the connection goes to that answer, not to a fresh lookup."""
    answers, lookups = fake_dns
    answers["news.example"] = ["93.184.216.34"]
    dialled: list[str] = []
    real = socket.create_connection

    with serve({"/feed": (200, {}, RSS)}) as base:
        def divert(address, *args, **kwargs):
            # Stand in for the public host: record where fetch wanted to go, talk to our server.
            dialled.append(address[0])
            return real(("127.0.0.1", base.port), *args, **kwargs)

        monkeypatch.setattr(socket, "create_connection", divert)
        result = fetch_url("http://news.example/feed", FetchPolicy(total_timeout=3))
        request = base.requests[0]
    assert result.ok
    assert dialled == ["93.184.216.34"]
    assert lookups == ["news.example"]
    assert request.header("Host") == "news.example"


# ---------------------------------------------------------------------------------------------
# Retry-After

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
WEEK = 7 * 86400.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        ("0", 0.0),
        (" 30 ", 30.0),
        ("99999999999999999999", WEEK),
        (format_datetime(NOW + timedelta(minutes=5), usegmt=True), 300.0),
        ("Wed, 01 May 2024 12:10:00 GMT", 600.0),
        ("Wed, 01 May 2024 11:00:00 GMT", 0.0),  # already past
        ("Sat, 01 Jun 2030 00:00:00 GMT", WEEK),  # capped
        ("soon", None),
        ("-5", None),
        ("1.5", None),
        ("", None),
        ("١٢٠", None),  # Arabic-Indic digits are not delay-seconds
        ("Wed, 99 Foo 2024 99:99:99 GMT", None),
    ],
)
def test_parse_retry_after(value, expected):
    assert parse_retry_after(value, NOW, WEEK) == expected


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_parse_retry_after_never_raises_and_stays_in_bounds(value):
    delay = parse_retry_after(value, NOW, WEEK)
    assert delay is None or 0 <= delay <= WEEK


def test_429_and_503_carry_retry_after():
    def dated_503(handler):
        # send_response_only: no Date header of our own, so the server clock reads 2024.
        handler.send_response_only(503)
        handler.send_header("Date", "Wed, 01 May 2024 12:00:00 GMT")
        handler.send_header("Retry-After", "Wed, 01 May 2024 12:01:30 GMT")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    routes = {
        "/429": (429, {"Retry-After": "120"}, b""),
        "/503": dated_503,
        "/nonsense": (429, {"Retry-After": "whenever"}, b""),
        "/huge": (503, {"Retry-After": "100000000"}, b""),
    }
    with serve(routes) as base:
        results = {path: fetch_url(base + path, LOCAL) for path in routes}
    assert all(r.status == STATUS_HTTP_ERROR for r in results.values())
    assert "retry after 120 s" in results["/429"].error
    assert retry_after_seconds(results["/429"]) == 120
    # An HTTP date counts from the server's own clock, so skew between clocks does not matter.
    assert retry_after_seconds(results["/503"]) == 90
    assert retry_after_seconds(results["/nonsense"]) is None
    assert retry_after_seconds(results["/huge"]) == LOCAL.retry_after_cap


# ---------------------------------------------------------------------------------------------
# Local files


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "root"
    (root / "feeds").mkdir(parents=True)
    (root / "feeds" / "demo.xml").write_bytes(RSS)
    (tmp_path / "secret.txt").write_text("top secret")
    return root


def test_fetch_local_inside_root(tree):
    result = fetch_local(tree / "feeds" / "demo.xml", FetchPolicy(local_root=tree))
    assert result.status == STATUS_OK and result.body == RSS


def test_fetch_local_outside_root_is_refused(tree):
    policy = FetchPolicy(local_root=tree)
    assert fetch_local(tree.parent / "secret.txt", policy).status == STATUS_REFUSED
    assert fetch_local(tree / ".." / "secret.txt", policy).status == STATUS_REFUSED
    assert fetch_local(tree / "feeds/../../secret.txt", policy).status == STATUS_REFUSED
    assert fetch_local(Path("/etc/passwd"), policy).status == STATUS_REFUSED


def test_fetch_local_symlink_escape_is_refused(tree):
    link = tree / "feeds" / "sneaky.xml"
    link.symlink_to(tree.parent / "secret.txt")
    (tree / "up").symlink_to(tree.parent)
    policy = FetchPolicy(local_root=tree)
    assert fetch_local(link, policy).status == STATUS_REFUSED
    assert fetch_local(tree / "up" / "secret.txt", policy).status == STATUS_REFUSED
    assert "secret" not in fetch_local(link, policy).body.decode()


def test_fetch_local_symlink_inside_root_is_fine(tree):
    (tree / "alias.xml").symlink_to(tree / "feeds" / "demo.xml")
    assert fetch_local(tree / "alias.xml", FetchPolicy(local_root=tree)).body == RSS


def test_fetch_local_without_root_missing_and_too_large(tree):
    assert fetch_local(tree / "feeds" / "demo.xml", FetchPolicy()).status == STATUS_REFUSED
    policy = FetchPolicy(local_root=tree)
    assert fetch_local(tree / "nope.xml", policy).status == STATUS_ERROR
    small = FetchPolicy(local_root=tree, max_bytes=10)
    assert fetch_local(tree / "feeds" / "demo.xml", small).status == STATUS_TOO_LARGE
    assert fetch_local(tree / "feeds", policy).status in (STATUS_REFUSED, STATUS_ERROR)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fetch_local_fifo_does_not_block(tree):
    fifo = tree / "pipe.xml"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = fetch_local(fifo, FetchPolicy(local_root=tree))
    assert result.status == STATUS_REFUSED
    assert time.monotonic() - started < 1


# ---------------------------------------------------------------------------------------------
# Offline mirror paths


@pytest.mark.parametrize(
    ("url", "relative"),
    [
        ("https://news.example.com/a/b.html", "news.example.com/a/b.html"),
        ("https://News.Example.com/a/b.html?x=1#top", "news.example.com/a/b.html"),
        ("https://news.example.com/a/", "news.example.com/a/index.html"),
        ("https://news.example.com", "news.example.com/index.html"),
        ("http://news.example.com:8080/x", "news.example.com/x"),
        ("https://news.example.com/a//b/./c", "news.example.com/a/b/c"),
        ("https://news.example.com/caf%C3%A9", "news.example.com/café"),
    ],
)
def test_mirror_path(tmp_path, url, relative):
    assert mirror_path(url, tmp_path) == tmp_path / relative


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example.com/../../etc/passwd",
        "https://news.example.com/a/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "https://news.example.com/a%2F..%2F..%2F..%2Fetc",
        "https://news.example.com/a\\..\\..\\x",
        "https://news.example.com/a%00b",
        "https://news.example.com/%ff%fe",
        "https://../x",
        "https://./x",
        "https://a..b/x",
        "https://-bad.example/x",
        "https://[::1]/x",
        "https://exa_mple.com/x",
        "file:///etc/passwd",
        "ftp://news.example.com/x",
        "/etc/passwd",
        "",
    ],
)
def test_mirror_path_rejects_escapes_and_odd_hosts(tmp_path, url):
    assert mirror_path(url, tmp_path) is None


@given(st.text(max_size=120))
@settings(max_examples=300, deadline=None)
def test_mirror_path_always_stays_inside_the_root(text):
    root = Path("/srv/mirror")
    for candidate in (text, "https://h.example/" + text):
        result = mirror_path(candidate, root)
        assert result is None or result.is_relative_to(root)
        if result is not None:
            assert ".." not in result.relative_to(root).parts


# ---------------------------------------------------------------------------------------------
# HTTPS: the connection is pinned to the checked IP, but SNI and the certificate use the name


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert),
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True, timeout=30,
    )
    return key, cert


@pytest.fixture
def tls_server(certificate, monkeypatch):
    key, cert = certificate
    server_names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: server_names.append(name)
    client = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(fetch_module, "_tls_context", lambda: client)
    return context, server_names


def test_https_sends_sni_and_host_for_the_name(tls_server, connections):
    context, server_names = tls_server
    policy = FetchPolicy(allow_hosts=frozenset({"localhost"}), total_timeout=5)
    with serve({"/f": (200, {}, RSS)}, tls=context) as base:
        result = fetch_url(f"https://localhost:{base.port}/f", policy)
        request = base.requests[0]
    assert result.ok and result.body == RSS, result
    assert server_names[-1] == "localhost"
    assert request.header("Host") == f"localhost:{base.port}"
    assert all(host in ("127.0.0.1", "::1") for host, _ in connections)


def test_https_certificate_must_match_the_url_host(tls_server, fake_dns):
    context, _ = tls_server
    answers, _ = fake_dns
    answers["news.example"] = ["127.0.0.1"]
    policy = FetchPolicy(allow_hosts=frozenset({"news.example"}), total_timeout=5)
    with serve({"/f": (200, {}, RSS)}, tls=context) as base:
        result = fetch_url(f"https://news.example:{base.port}/f", policy)
    # The cert is valid for localhost and 127.0.0.1, the IP we connected to, but not for the name.
    assert result.status == STATUS_ERROR
    assert "certificate" in result.error.lower() or "hostname" in result.error.lower()


@given(st.binary(max_size=300), st.binary(max_size=300), st.lists(st.integers(1, 64), max_size=20))
@settings(max_examples=200, deadline=None)
def test_decoder_handles_any_chunking_of_gzip_members(first, second, sizes):
    """However the network splits it (even at a member boundary), the body decodes whole."""
    stream = gzip.compress(first) + gzip.compress(second)
    decoder = fetch_module._Decoder("gzip", limit=10_000)
    position = 0
    for size in sizes:
        decoder.feed(stream[position:position + size])
        position += size
    decoder.feed(stream[position:])
    assert decoder.finish() == first + second
