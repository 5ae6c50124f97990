"""Allow-list sanitizing of HTML and URLs (nh3), the last step before anything is stored or shown.

Decisions:
- Only absolute http(s) URLs survive; relative ones are resolved against the article URL and
  everything else (javascript:, data:, vbscript:, mailto:, protocol-relative without a base...)
  is dropped, leaving the link text as plain text.
- <h1> becomes <h2>: on our pages the story title is the only h1.
- No class, id, style or event attribute survives, so published pages need no inline styles and
  a strict Content-Security-Policy holds.
"""

from __future__ import annotations

import html as html_lib
import re
from functools import lru_cache
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import nh3

from news_digest.text import strip_unsafe_chars

MAX_URL_LEN = 4096
LINK_REL = "nofollow noopener noreferrer"

ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br caption cite code dd del dl dt em figcaption figure h1 h2 h3 h4 h5 h6 "
    "hr i img ins kbd li mark ol p pre q s samp small strong sub sup table tbody td tfoot th "
    "thead tr u ul".split()
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite"},
    "ins": {"cite"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# Removed together with their content: their text is code, UI chrome or fallback markup.
DROPPED_WITH_CONTENT = frozenset(
    "script style noscript template iframe object embed applet svg math form button select "
    "textarea input title head frameset frame noembed noframes".split()
)
_WEB_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers drop tabs and newlines anywhere in a URL and C0 controls/spaces at its ends,
# which is how "java\tscript:" still runs; normalise the same way before judging.
_URL_JUNK = re.compile(r"[\t\n\r]")
_UNSAFE_URL_CHARS = re.compile(r"[\s\x00-\x20\"'<>`\x7f]")
# Shapes of nh3's own serialisation (attribute values always double-quoted, '"' escaped), used
# to unwrap links whose href was refused and to drop images left without a source.
_HREFLESS_LINK = re.compile(r'<a((?:\s(?:title|rel)="[^"]*")*)>(.*?)</a>', re.S)
_IMG = re.compile(r'<img((?:\s[a-z]+="[^"]*")*)\s*/?>')


def _scheme(url: str) -> str:
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else ""


def _prepare(url: str) -> str:
    url = _URL_JUNK.sub("", strip_unsafe_chars(url)).strip("\x00 \f\v")
    # WHATWG URL parsing treats "\" like "/" in http(s) URLs; make Python agree with browsers.
    return url.replace("\\", "/")


@lru_cache(maxsize=4096)  # pages repeat the same links many times; the function is pure
def safe_url(url: str, base_url: str = "") -> str:
    """Absolute http(s) URL, resolving relative ones against base_url, or "" when unsafe."""
    if not url or len(url) > MAX_URL_LEN:
        return ""
    url = _prepare(url)
    # An attribute value may still hold entities ("javascript&#58;..."): judge the decoded form too.
    decoded = _prepare(html_lib.unescape(url))
    if any(_scheme(form) not in ("", *_WEB_SCHEMES) for form in (url, decoded)):
        return ""
    if not _scheme(url):
        base = _prepare(base_url) if base_url else ""
        if _scheme(base) not in _WEB_SCHEMES:
            return ""
        try:
            url = urljoin(base, url)
        except ValueError:
            return ""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:  # bad IPv6 literal or port
        return ""
    if parts.scheme.lower() not in _WEB_SCHEMES or not host or _UNSAFE_URL_CHARS.search(host):
        return ""
    # Credentials are dropped: "http://bank.example@evil.example/" is a phishing shape.
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc = f"{netloc}:{port}"
    rebuilt = urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))
    rebuilt = _UNSAFE_URL_CHARS.sub(lambda m: quote(m.group(), safe=""), rebuilt)
    return rebuilt if len(rebuilt) <= MAX_URL_LEN else ""


def _attribute_filter(base_url: str):
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute in _URL_ATTRIBUTES:
            return safe_url(value, base_url) or None
        if attribute in ("colspan", "rowspan", "start"):
            return value if value.isdigit() and len(value) <= 4 else None
        return value

    return keep


def sanitize_html(html: str, base_url: str = "", max_chars: int = 200_000) -> str:
    """Allow-list HTML with absolute http(s) links only; input is cut to max_chars first."""
    if not html:
        return ""
    # nh3 is slow on pathological nesting, so bound its input before it starts.
    html = strip_unsafe_chars(html[:max_chars]) if max_chars > 0 else strip_unsafe_chars(html)
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter(base_url),
        strip_comments=True,
        link_rel=LINK_REL,
        url_schemes=set(_WEB_SCHEMES),
    )
    # A link whose URL was refused is kept as plain text; an image without a source is nothing.
    cleaned = _HREFLESS_LINK.sub(r"\2", cleaned)
    cleaned = _IMG.sub(lambda m: m.group() if ' src="' in m.group(1) else "", cleaned)
    # nh3's output is well formed and h1 carries no attributes, so these exact strings are tags.
    return cleaned.replace("<h1>", "<h2>").replace("</h1>", "</h2>").strip()
