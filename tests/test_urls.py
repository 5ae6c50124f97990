import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from news_digest.urls import (
    host_ip,
    is_public_ip,
    normalize_link,
    parse_loose_ipv4,
    resolve_link,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://Example.COM:443/a/b?x=1#frag", "https://example.com/a/b?x=1"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/", "http://example.com:8080/"),
        ("https://example.com/a?", "https://example.com/a"),
        ("https://example.com/a?utm_source=rss&utm_medium=feed", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1&fbclid=xyz&gclid=1", "https://example.com/a?a=1&b=2"),
        ("https://example.com/a?mc_cid=1&mc_eid=2&id=7", "https://example.com/a?id=7"),
        ("https://example.com/a?at_medium=x&at_campaign=y&xtor=RSS-1", "https://example.com/a"),
        ("https://example.com/a?ref=rss", "https://example.com/a"),
        ("https://example.com/a?ref=rss_feed&p=2", "https://example.com/a?p=2"),
        ("https://example.com/a?UTM_Campaign=x", "https://example.com/a"),
        # `ref` that names something else is part of the page's identity.
        ("https://example.com/a?ref=main", "https://example.com/a?ref=main"),
        ("https://example.com./a", "https://example.com/a"),
        ("https://user:pw@example.com/a", "https://example.com/a"),
        ("  https://example.com/a b  ", "https://example.com/a%20b"),
        ("https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"),
        ("https://bücher.example/x", "https://xn--bcher-kva.example/x"),
        ("javascript:alert(1)", ""),
        ("JaVa\tScRiPt:alert(1)", ""),
        ("data:text/html,hi", ""),
        ("ftp://example.com/x", ""),
        ("/relative/path", ""),
        ("", ""),
        ("http://", ""),
        ("http://exa mple.com/", ""),
        ("http://example.com:99999/", ""),
        ("http://[::1/", ""),
    ],
)
def test_normalize_link(raw, expected):
    assert normalize_link(raw) == expected


def test_tracking_variants_collapse_to_one_identity():
    variants = [
        "https://news.example.org/story/42",
        "https://NEWS.example.org/story/42#comments",
        "https://news.example.org/story/42?utm_source=twitter&utm_medium=social",
        "https://news.example.org:443/story/42?fbclid=abc",
    ]
    assert len({normalize_link(v) for v in variants}) == 1


def test_query_order_does_not_matter():
    assert normalize_link("http://e.com/?b=1&a=2") == normalize_link("http://e.com/?a=2&b=1")


@given(st.text(max_size=200))
@settings(max_examples=400, deadline=None)
def test_normalize_link_never_raises_and_is_idempotent(text):
    once = normalize_link(text)
    assert normalize_link(once) == once
    assert once == "" or once.startswith(("http://", "https://"))


url_like = st.builds(
    lambda scheme, host, path, query: f"{scheme}://{host}{path}{query}",
    st.sampled_from(["http", "https", "HTTP", "ftp"]),
    st.text(min_size=0, max_size=20),
    st.text(max_size=30).map(lambda s: "/" + s),
    st.text(max_size=30).map(lambda s: "?" + s),
)


@given(url_like)
@settings(max_examples=400, deadline=None)
def test_normalize_link_idempotent_on_url_like_text(text):
    once = normalize_link(text)
    assert normalize_link(once) == once


@pytest.mark.parametrize(
    ("link", "base", "expected"),
    [
        ("/a/1", "https://ex.com/feed.xml", "https://ex.com/a/1"),
        ("b.html", "https://ex.com/news/feed.xml", "https://ex.com/news/b.html"),
        ("https://other.org/x", "https://ex.com/", "https://other.org/x"),
        ("javascript:alert(1)", "https://ex.com/", ""),
        ("java\nscript:alert(1)", "https://ex.com/", ""),
        ("/a/1", "", ""),
        ("/a/1", "/local/feed.xml", ""),
        ("", "https://ex.com/", ""),
        ("//cdn.ex.com/x", "https://ex.com/", "https://cdn.ex.com/x"),
    ],
)
def test_resolve_link(link, base, expected):
    assert resolve_link(link, base) == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("10.0.0.1.", "10.0.0.1"),
        ("0", str(ipaddress.IPv4Address(0))),
        ("example.com", None),
        ("cafe.bad", None),
    ],
)
def test_parse_loose_ipv4(host, expected):
    ip = parse_loose_ipv4(host)
    assert (str(ip) if ip else None) == expected


@pytest.mark.parametrize("host", ["256.1.1.1", "1.2.3.4.5", "08.1.1.1", "0x1g.1", "example.99"])
def test_host_ip_rejects_numeric_junk(host):
    with pytest.raises(ValueError):
        host_ip(host)


def test_host_ip_ipv6_and_zone():
    assert host_ip("::ffff:127.0.0.1") == ipaddress.ip_address("::ffff:127.0.0.1")
    with pytest.raises(ValueError):
        host_ip("fe80::1%eth0")
    assert host_ip("news.example.com") is None


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.1.2.3", "224.0.0.1", "239.255.255.250", "255.255.255.255", "192.0.2.1", "198.18.0.1",
        "::1", "::", "fe80::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "2002:7f00:1::", "2002:a9fe:a9fe::", "64:ff9b::7f00:1",
    ],
)
def test_non_public_addresses(address):
    assert not is_public_ip(ipaddress.ip_address(address))


def test_unspecified_address_is_not_public():
    assert not is_public_ip(ipaddress.IPv4Address(0))


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111"])
def test_public_addresses(address):
    assert is_public_ip(ipaddress.ip_address(address))
