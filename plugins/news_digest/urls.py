"""URL helpers: canonical links for identity, safe absolute resolution, IP hosts in any notation.

Pure string functions; nothing here touches the network.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, unquote_plus, urljoin, urlsplit

from .model import Item

_DEFAULT_PORTS = {"http": 80, "https": 443}

# Query keys that only say how a reader reached the page, never which page it is.
_TRACKING_KEYS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "at_medium",
        "at_campaign",
        "xtor",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "wt.mc_id",
        "wt_mc",
    }
)
# `ref` and `source` are real parameters on some sites; drop them only when they name a feed.
_FEED_REFERRER_KEYS = frozenset({"ref", "source", "src"})
_FEED_REFERRER_VALUE = re.compile(r"^(?:rss|atom|feed|feeds|rdf)(?:[-_.]?[a-z0-9]*)?$")

# A host we accept for identity: letters/digits (any script), hyphen, dot, underscore.
_HOST_RE = re.compile(r"^[\w.-]+$")
_IPV6_HOST_RE = re.compile(r"^[0-9a-f:.]+$")

# Characters kept as they are; everything else is percent-encoded, so equal links spell alike.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_PIECE_SAFE = "=%:@!$'()*+,;/?-._~"


def _is_tracking(raw_key: str, raw_value: str) -> bool:
    key = unquote_plus(raw_key).strip().lower()
    if key.startswith("utm_") or key in _TRACKING_KEYS:
        return True
    if key in _FEED_REFERRER_KEYS:
        return bool(_FEED_REFERRER_VALUE.match(unquote_plus(raw_value).strip().lower()))
    return False


def _normalize_host(hostname: str) -> str:
    host = hostname.lower().rstrip(".")
    if not host.isascii():
        # One spelling per host: a Unicode name and its punycode form identify the same site.
        try:
            host = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            pass
    return host


def _clean_query(query: str) -> str:
    pieces = []
    for piece in query.split("&"):
        if not piece:
            continue
        key, _, value = piece.partition("=")
        if _is_tracking(key, value):
            continue
        pieces.append(quote(piece, safe=_QUERY_PIECE_SAFE, errors="replace"))
    return "&".join(sorted(pieces))


def normalize_link(url: str) -> str:
    """Canonical http(s) form of a link for identity ('' when it is not an http(s) URL)."""
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            return ""
        hostname = parts.hostname or ""
        port = parts.port
    except ValueError:  # bad port, bad IPv6 brackets, NFKC tricks in the netloc
        return ""
    if ":" in hostname:  # IPv6 literal; urlsplit already removed the brackets
        host = hostname.lower()
        if not _IPV6_HOST_RE.match(host):
            return ""
        netloc = f"[{host}]"
    else:
        host = _normalize_host(hostname)
        if not host or not _HOST_RE.match(host):
            return ""
        netloc = host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    path = quote(parts.path, safe=_PATH_SAFE, errors="replace") or "/"
    query = _clean_query(parts.query)
    return f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")


def resolve_link(link: str, base: str = "") -> str:
    """Absolute http(s) URL for `link`, resolved against `base` ('' when not http(s))."""
    link = (link or "").strip()
    if not link:
        return ""
    try:
        absolute = urljoin(base, link) if base else link
        parts = urlsplit(absolute)
    except ValueError:
        return ""
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return ""
    return parts.geturl()


def _parse_ipv4_part(part: str) -> int | None:
    lowered = part.lower()
    if lowered.startswith("0x"):
        digits, base = lowered[2:], 16
        if not digits:
            return 0
        if not all(c in "0123456789abcdef" for c in digits):
            return None
    elif len(part) > 1 and part.startswith("0"):
        digits, base = part[1:], 8
        if not all(c in "01234567" for c in digits):
            return None
    else:
        digits, base = part, 10
        if not digits.isascii() or not digits.isdigit():
            return None
    return int(digits, base)


def parse_loose_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """IPv4 in every notation inet_aton and browsers accept: 2130706433, 0x7f.1, 0177.0.0.1."""
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()
    if not 1 <= len(parts) <= 4 or any(not p for p in parts):
        return None
    numbers = [_parse_ipv4_part(p) for p in parts]
    if any(n is None for n in numbers):
        return None
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        return None
    value = 0
    for n in head:
        value = value * 256 + n
    value = value * 256 ** (5 - len(numbers)) + last
    return ipaddress.IPv4Address(value)


def _looks_numeric(host: str) -> bool:
    # Browsers treat a host whose last label is a number as IPv4; if it did not parse, refuse.
    last = host.rstrip(".").rsplit(".", 1)[-1]
    return bool(last) and (last.isdigit() or last.lower().startswith("0x"))


def is_public_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for a globally routable unicast address (embedded IPv4 in IPv6 checked too)."""
    if (
        not ip.is_global
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_private
        or ip.is_unspecified
    ):
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv6 address can carry an IPv4 one (mapped, 6to4, Teredo); check that one too.
        embedded: list[ipaddress.IPv4Address | None] = [ip.ipv4_mapped, ip.sixtofour]
        if ip.teredo:
            embedded.extend(ip.teredo)
        return all(e is None or is_public_ip(e) for e in embedded)
    return True


def host_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP a URL host denotes by itself, None for a DNS name; ValueError for a junk number."""
    if ":" in host:
        if "%" in host:  # zone ids only make sense for link-local addresses
            raise ValueError(f"IPv6 zone id not allowed: {host}")
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            raise ValueError(f"bad IPv6 address: {host}") from None
    ip = parse_loose_ipv4(host)
    if ip is None and _looks_numeric(host):
        raise ValueError(f"bad numeric host: {host}")
    return ip


def item_domain(item: Item) -> str:
    """The publisher an item counts as: its link's host, else its feed."""
    return publisher(item.url, item.source_url)


def publisher(url: str, fallback: str = "") -> str:
    """The host a link belongs to, without "www." — the unit counted as one source."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        host = ""
    return host.removeprefix("www.") or fallback
