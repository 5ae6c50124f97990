"""What machines read: JSON-LD, sitemaps and robots.txt. Pure functions of views and URLs.

JSON-LD is data, never executed: it is serialized with json.dumps and "<", ">" and "&" are
written as \\u escapes, so no headline can close the <script> element that carries it.
Sitemaps follow sitemaps.org: an index pointing to one sitemap per month (written again only
when that month's pages change) and one for the pages every build rewrites.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from xml.sax.saxutils import escape

from markupsafe import Markup

from .sanitize import safe_url
from .views import StoryView

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def json_script(data: dict) -> Markup:
    """A <script type="application/ld+json"> element whose text cannot end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # Safe: the JSON holds no "<", ">" or "&" any more (and quotes are JSON's own).
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))  # noqa: S704


def absolute(base: str, path: str) -> str:
    """An absolute URL on the site; the front page is the site's root."""
    if path in ("", "index.html"):
        return f"{base}/"
    return f"{base}/{path.lstrip('/')}"


def story_jsonld(view: StoryView, base: str, lang: str, site_name: str) -> dict:
    """schema.org NewsArticle for a story page, citing every source article (isBasedOn)."""
    based_on = []
    for iv in view.items:
        work: dict = {"@type": "CreativeWork", "name": iv.title,
                      "publisher": {"@type": "Organization", "name": iv.source.title}}
        url = safe_url(iv.url)
        if url:
            work["url"] = url
        if iv.published:
            work["datePublished"] = iv.published.isoformat()
        if iv.lang:
            work["inLanguage"] = iv.lang
        based_on.append(work)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": view.title,
        "datePublished": view.created.isoformat(),
        "dateModified": view.modified.isoformat(),
        "inLanguage": view.summary_lang or lang,
        "isBasedOn": based_on,
        "publisher": {"@type": "Organization", "name": site_name},
    }
    if view.summary:
        data["description"] = view.summary
    if base:
        data["url"] = absolute(base, view.url)
        data["mainEntityOfPage"] = data["url"]
    return data


def collection_jsonld(name: str, path: str, stories: list[StoryView], base: str,
                      lang: str) -> dict:
    """schema.org CollectionPage for a list of stories (front and day pages)."""
    data: dict = {"@context": "https://schema.org", "@type": "CollectionPage", "name": name,
                  "inLanguage": lang}
    elements = []
    for n, view in enumerate(stories, start=1):
        element: dict = {"@type": "ListItem", "position": n, "name": view.title}
        if base:
            element["url"] = absolute(base, view.url)
        elements.append(element)
    data["mainEntity"] = {"@type": "ItemList", "itemListElement": elements}
    if base:
        data["url"] = absolute(base, path)
    return data


@dataclass(frozen=True)
class SitemapEntry:
    loc: str  # absolute
    lastmod: str = ""  # W3C datetime


def _lastmod(value: str) -> str:
    return f"<lastmod>{escape(value)}</lastmod>" if value else ""


def urlset(entries: list[SitemapEntry]) -> str:
    """A sitemap (urlset) document."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    lines += [f"<url><loc>{escape(e.loc)}</loc>{_lastmod(e.lastmod)}</url>" for e in entries]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_index(entries: list[SitemapEntry]) -> str:
    """A sitemap index document."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    lines += [f"<sitemap><loc>{escape(e.loc)}</loc>{_lastmod(e.lastmod)}</sitemap>"
              for e in entries]
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def robots_txt(sitemap_url: str) -> str:
    """Everything may be crawled; the sitemap index is named when the site has an address."""
    lines = ["User-agent: *", "Allow: /"]
    if sitemap_url:
        lines += ["", f"Sitemap: {sitemap_url}"]
    return "\n".join(lines) + "\n"
