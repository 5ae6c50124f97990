"""The JSON Feed is valid JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).

`feed_problems` checks a document against the spec's fields and types by hand: the required
ones (version, title, items; an item's id and content_html or content_text), the types of every
optional one the spec names, RFC 3339 dates and absolute URLs. Extensions (names starting with
"_") are allowed anywhere, as the spec says.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from news_digest.site import json_feed
from news_digest.views import HealthView, ItemView, SourceView, StoryView

VERSION = "https://jsonfeed.org/version/1.1"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
FEED_FIELDS = {
    "version": str, "title": str, "home_page_url": "url", "feed_url": "url", "description": str,
    "user_comment": str, "next_url": "url", "icon": "url", "favicon": "url",
    "authors": "authors", "language": str, "expired": bool, "hubs": list, "items": list,
}
ITEM_FIELDS = {
    "id": str, "url": "url", "external_url": "url", "title": str, "content_html": str,
    "content_text": str, "summary": str, "image": "url", "banner_image": "url",
    "date_published": "date", "date_modified": "date", "authors": "authors", "tags": "tags",
    "language": str, "attachments": "attachments",
}


def _url_ok(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _check(where: str, value: object, kind: object) -> list[str]:
    if kind == "url":
        return [] if _url_ok(value) else [f"{where}: not an absolute http(s) URL: {value!r}"]
    if kind == "date":
        ok = isinstance(value, str) and RFC3339.match(value)
        return [] if ok else [f"{where}: not an RFC 3339 date: {value!r}"]
    if kind == "tags":
        ok = isinstance(value, list) and all(isinstance(t, str) for t in value)
        return [] if ok else [f"{where}: tags must be strings"]
    if kind == "authors":
        if not isinstance(value, list):
            return [f"{where}: authors must be an array"]
        out = []
        for n, author in enumerate(value):
            if not isinstance(author, dict) or not ({"name", "url", "avatar"} & set(author)):
                out.append(f"{where}[{n}]: an author needs a name, url or avatar")
        return out
    if kind == "attachments":
        if not isinstance(value, list):
            return [f"{where}: attachments must be an array"]
        return [f"{where}[{n}]: an attachment needs url and mime_type" for n, a in
                enumerate(value) if not (isinstance(a, dict) and _url_ok(a.get("url"))
                                         and isinstance(a.get("mime_type"), str))]
    assert isinstance(kind, type)
    # JSON has no separate int/bool: a bool is never a str or list here.
    return [] if isinstance(value, kind) else [f"{where}: must be {kind.__name__}"]


def _fields(where: str, obj: dict, known: dict) -> list[str]:
    out = []
    for key, value in obj.items():
        if key.startswith("_"):
            continue  # an extension
        if key not in known:
            out.append(f"{where}: unknown field {key!r}")
        else:
            out += _check(f"{where}.{key}", value, known[key])
    return out


def feed_problems(doc: object) -> list[str]:
    """Everything in `doc` that JSON Feed 1.1 does not allow; [] for a valid feed."""
    if not isinstance(doc, dict):
        return ["the feed must be an object"]
    out = [f"missing {key}" for key in ("version", "title", "items") if key not in doc]
    if doc.get("version") != VERSION:
        out.append(f"version must be {VERSION}")
    out += _fields("feed", doc, FEED_FIELDS)
    ids = set()
    for n, item in enumerate(doc.get("items") or []):
        where = f"items[{n}]"
        if not isinstance(item, dict):
            out.append(f"{where}: must be an object")
            continue
        if "id" not in item:
            out.append(f"{where}: missing id")
        elif item["id"] in ids:
            out.append(f"{where}: duplicate id")
        ids.add(item.get("id"))
        if "content_html" not in item and "content_text" not in item:
            out.append(f"{where}: needs content_html or content_text")
        out += _fields(where, item, ITEM_FIELDS)
    return out


T0 = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
SETTINGS = {"SITENAME": "News Digest", "SITESUBTITLE": "Grouped news", "DEFAULT_LANG": "en",
            "SITEURL": "https://news.example"}


def _view(n: int, title: str, url: str) -> StoryView:
    src = SourceView(title=title, slug="a", url="sources/a.html", site_url="",
                     feed_url="https://a.example/rss", topic="World", lang="en",
                     republish=False, health=HealthView())
    item = ItemView(title=title, url=url, source=src, lang="en", published=T0, author="",
                    summary="", content_html="", anchor="item-1", key=f"k{n}")
    view = StoryView(id=f"s{n}", slug=f"s{n}", title=title, summary=title, created=T0,
                     updated=T0 + timedelta(hours=n), items=[item], sources=[src],
                     source_count=1, langs=["en"], topic_name="World",
                     grew=T0 + timedelta(days=1) if n == 1 else None)
    view.url = f"stories/2026/11/23/s{n}.html"
    return view


def test_our_feed_is_valid_json_feed_1_1_even_with_hostile_text():
    hostile = '</script><script>alert(1)</script> & "quotes"'
    views = [_view(1, hostile, "javascript:alert(1)"), _view(2, "Plain", "https://a.example/2")]
    text = json_feed(views, "feed.json", SETTINGS)
    assert "<" not in text and ">" not in text
    doc = json.loads(text)
    assert feed_problems(doc) == []
    assert doc["feed_url"] == "https://news.example/feed.json"
    assert [i["id"] for i in doc["items"]] == [
        "https://news.example/stories/2026/11/23/s1.html",
        "https://news.example/stories/2026/11/23/s2.html"]
    # A story that gained a source is modified when it did (the store's time), not earlier.
    assert doc["items"][0]["date_modified"] == (T0 + timedelta(days=1)).isoformat()
    assert doc["items"][0]["title"] == hostile
    assert "url" not in doc["items"][0]["_news_digest"]["sources"][0]


def test_the_checker_catches_what_the_spec_forbids():
    good = {"version": VERSION, "title": "T", "items": [{"id": "1", "content_text": "x"}]}
    assert feed_problems(good) == []
    assert feed_problems([]) == ["the feed must be an object"]
    bad_cases = [
        ({k: v for k, v in good.items() if k != "title"}, "missing title"),
        ({**good, "version": "https://jsonfeed.org/version/1"}, "version must be"),
        ({**good, "items": [{"content_text": "x"}]}, "missing id"),
        ({**good, "items": [{"id": "1"}]}, "content_html or content_text"),
        ({**good, "items": [{"id": "1", "content_text": "x"}] * 2}, "duplicate id"),
        ({**good, "home_page_url": "/relative"}, "absolute"),
        ({**good, "expired": "no"}, "must be bool"),
        ({**good, "items": [{"id": "1", "content_text": "x", "date_published": "23 Nov"}]},
         "RFC 3339"),
        ({**good, "items": [{"id": "1", "content_text": "x", "tags": [1]}]}, "tags"),
        ({**good, "authors": [{}]}, "author needs"),
        ({**good, "author": {"name": "x"}}, "unknown field 'author'"),  # a 1.0 field
    ]
    for doc, expected in bad_cases:
        problems = feed_problems(doc)
        assert any(expected in p for p in problems), (expected, problems)
    assert feed_problems({**good, "_ext": {"anything": 1}}) == []
