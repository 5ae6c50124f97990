"""Small builders for test feeds, sources files and settings (no network, no demo data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from news_digest.config import DigestSettings


@dataclass
class Entry:
    title: str
    link: str
    published: datetime
    description: str = ""
    content: str = ""
    guid: str = ""
    author: str = ""
    extra: str = ""  # raw XML added to the item (media:content, enclosures)


@dataclass
class Feed:
    title: str
    entries: list[Entry] = field(default_factory=list)
    link: str = "https://news.example/"
    lang: str = "en"

    def rss(self) -> bytes:
        items = []
        for e in self.entries:
            parts = [f"<title>{escape(e.title)}</title>", f"<link>{escape(e.link)}</link>",
                     f"<pubDate>{format_datetime(e.published)}</pubDate>"]
            parts.append(f'<guid isPermaLink="false">{escape(e.guid or e.link)}</guid>')
            if e.description:
                parts.append(f"<description>{escape(e.description)}</description>")
            if e.content:
                parts.append(f"<content:encoded>{escape(e.content)}</content:encoded>")
            if e.author:
                parts.append(f"<dc:creator>{escape(e.author)}</dc:creator>")
            parts.append(e.extra)
            items.append("<item>" + "".join(parts) + "</item>")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:media="http://search.yahoo.com/mrss/"><channel>'
            f"<title>{escape(self.title)}</title><link>{escape(self.link)}</link>"
            f"<language>{self.lang}</language><description>test</description>"
            + "".join(items) + "</channel></rss>"
        ).encode()


def opml(feeds: list[tuple[str, str, str]], **attrs: str) -> str:
    """OPML with (topic, title, xmlUrl) feeds; extra attributes go on every feed."""
    extra = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
    by_topic: dict[str, list[str]] = {}
    for topic, title, url in feeds:
        by_topic.setdefault(topic, []).append(
            f"<outline type=\"rss\" text={quoteattr(title)} xmlUrl={quoteattr(url)}{extra}/>"
        )
    body = "".join(
        f"<outline text={quoteattr(t)}>{''.join(o)}</outline>" for t, o in by_topic.items()
    )
    return ('<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head>'
            f"<body>{body}</body></opml>")


def settings_for(tmp: Path, **kw) -> DigestSettings:
    """Settings for a test: store in tmp, loopback allowed, short timeouts."""
    base = dict(
        sources=str(tmp / "sources.opml"),
        store=str(tmp / "store.sqlite"),
        local_root=str(tmp),
        allow_hosts=("127.0.0.1",),
        timeout=5.0,
        host_spacing=0.0,
    )
    base.update(kw)
    return DigestSettings(**base)


def write_settings_file(path: Path, store: Path, sources: Path, **extra: object) -> Path:
    """A pelicanconf-like settings file that reuses the project's theme and plugin."""
    repo = Path(__file__).resolve().parent.parent
    lines = [
        f"exec(open({str(repo / 'pelicanconf.py')!r}).read())",
        f"DIGEST_STORE = {str(store)!r}",
        f"DIGEST_SOURCES = {str(sources)!r}",
        f"THEME = {str(repo / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(repo / 'plugins')!r}]",
        f"PATH = {str(repo / 'content')!r}",
        "DIGEST_ALLOW_HOSTS = ['127.0.0.1']",
    ]
    lines += [f"{k} = {v!r}" for k, v in extra.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def three_feed_site(tmp: Path, base: str, store: Path) -> tuple[Path, Path]:
    """(sources file, settings file) for three local feeds on `base` in two topics: Alpha and
    Gamma in Local, Beta in Business, read without their pages and without spacing."""
    sources = tmp / "sources.opml"
    sources.write_text(opml([("Local", "Alpha", f"{base}/alpha.xml"),
                             ("Business", "Beta", f"{base}/beta.xml"),
                             ("Local", "Gamma", f"{base}/gamma.xml")], fullText="off"))
    return sources, write_settings_file(tmp / "conf.py", store, sources, DIGEST_HOST_SPACING=0.0)
