"""Shared pieces of the hostile-input tests: one good feed, whole nights, builds and site checks.

A threat test serves its hostile answers and `good_feed()` from one local server, runs an ingest
night with `night()`, builds the site with `build()` and hands the output to `check_site()`, which
asserts what every build must give whatever the input: the main pages, well-formed XML, valid
JSON, no script or event handler, no dangerous link, every file inside the output folder.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import quoteattr

from news_digest.cli import main
from news_digest.ingest import IngestReport, run_ingest
from news_digest.model import FetchState, Item, Story
from news_digest.store import Store

from feedkit import Entry, Feed, settings_for, write_settings_file

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
RSS_TYPE = {"Content-Type": "application/rss+xml; charset=utf-8"}
GOOD_TITLE = "Good"
GOOD_TITLES = ("Lyon approves bridge plan", "Halvorsen to build chip plant in Tromso")

BRIDGE = (
    "The city council of Lyon approved on Monday a 240 million euro plan to rebuild the "
    "Pont Lafayette bridge over the Rhone, closed since the floods of October. Mayor Claire "
    "Dumont said work would start in March and last two years. Opposition councillors "
    "criticised the cost and asked for an independent audit of the engineering study."
)
CHIPS = (
    "Semiconductor maker Halvorsen Microsystems will build a 12 billion dollar factory in "
    "Tromso, Norway, its chief executive Ingrid Halvorsen announced on Sunday. The plant is "
    "expected to employ 3,000 people by 2030 and to make chips for electric cars."
)
FILLER = (
    "Residents of the valley gathered in the market square on Saturday to discuss the new "
    "timetable of the regional railway, which adds two morning trains from December. "
)

_DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster",
                             "background", "cite", "srcset", "data"})
_JUNK = re.compile(r"[\x00-\x20\x7f]")


def good_feed(base: str) -> Feed:
    """The well-behaved feed every threat test serves next to its hostile input."""
    return Feed(GOOD_TITLE, [
        Entry(GOOD_TITLES[0], f"{base}/good/0.html", T0, description=BRIDGE, author="Staff"),
        Entry(GOOD_TITLES[1], f"{base}/good/1.html", T0 + timedelta(hours=1), description=CHIPS),
    ], link=base + "/")


def good_routes(base: str) -> dict:
    """The route serving good_feed() at /good.xml."""
    return {"/good.xml": (200, RSS_TYPE, good_feed(base).rss())}


def rss(items: list[str], title: str = "Hostile", link: str = "https://news.example/",
        head: str = "", extra_channel: str = "") -> bytes:
    """A raw RSS document from ready-made <item> bodies (for inputs feedkit cannot express)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{head}<rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{title}</title><link>{link}</link><description>t</description>{extra_channel}"
        + "".join(f"<item>{i}</item>" for i in items) + "</channel></rss>"
    ).encode()


def write_sources(tmp: Path, feeds: list[tuple[str, str]], full_text: str = "off",
                  attrs: dict[str, dict[str, str]] | None = None,
                  name: str = "sources.opml") -> Path:
    """An OPML sources file in tmp: (title, url) pairs; attrs[title] adds attributes to a feed."""
    outlines = []
    for title, url in feeds:
        extra_attrs = {"fullText": full_text, **(attrs or {}).get(title, {})}
        extra = "".join(f" {k}={quoteattr(v)}" for k, v in sorted(extra_attrs.items()))
        outlines.append(f'<outline type="rss" text={quoteattr(title)} '
                        f"xmlUrl={quoteattr(url)}{extra}/>")
    path = tmp / name
    path.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head>'
                    f'<body><outline text="News">{"".join(outlines)}</outline></body></opml>')
    return path


def night(tmp: Path, now: datetime = NOW, **settings: object) -> IngestReport:
    """One ingest run against tmp's sources and store, at a fixed time."""
    (tmp / "content").mkdir(exist_ok=True)
    # Short spacing keeps the tests fast; the politeness test sets its own.
    kw: dict[str, object] = {"local_root": str(tmp / "content"), "timeout": 3.0,
                             "host_spacing": 0.05}
    kw.update(settings)
    return run_ingest(settings_for(tmp, **kw), tmp, now=now)


def conf_file(tmp: Path, **extra: object) -> Path:
    """A Pelican settings file for tmp's store and sources (no offline mirror)."""
    (tmp / "content").mkdir(exist_ok=True)
    return write_settings_file(tmp / "conf.py", tmp / "store.sqlite", tmp / "sources.opml",
                               DIGEST_OFFLINE_MIRROR="", DIGEST_LOCAL_ROOT=str(tmp / "content"),
                               **extra)


def build(tmp: Path) -> Path:
    """Build the site from tmp's store into tmp/output with the CLI; return the output folder."""
    conf = tmp / "conf.py"
    if not conf.exists():
        conf_file(tmp)
    out = tmp / "output"
    assert main(["build", "--settings", str(conf), "--store", str(tmp / "store.sqlite"),
                 "--output", str(out)]) == 0
    return out


def items(tmp: Path) -> list[Item]:
    """Every stored item of tmp's store."""
    with Store(tmp / "store.sqlite", readonly=True) as store:
        return store.items()


def stories(tmp: Path) -> list[Story]:
    """Every story of tmp's store."""
    with Store(tmp / "store.sqlite", readonly=True) as store:
        return store.stories()


def states(tmp: Path) -> dict[str, FetchState]:
    """Fetch states by feed URL, after checking the store's integrity."""
    with Store(tmp / "store.sqlite", readonly=True) as store:
        assert store.integrity_ok()
        return store.fetch_states()


def statuses(report: IngestReport) -> dict[str, str]:
    """Feed title → tonight's status."""
    return {f.source.title: f.status for f in report.feeds}


def assert_good_stored(tmp: Path, base: str, report: IngestReport | None = None) -> None:
    """The good feed was fetched fine and both of its items are in the store."""
    if report is not None:
        assert statuses(report)[GOOD_TITLE] in {"ok", "not_modified"}, statuses(report)
    good = [i for i in items(tmp) if i.source_url == f"{base}/good.xml"]
    assert sorted(i.title for i in good) == sorted(GOOD_TITLES)
    assert all(i.story_id for i in good)


class _Scan(HTMLParser):
    """Every start tag with its (entity-decoded) attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def unsafe_markup(html: str, page: bool = False) -> list[str]:
    """What in an HTML text could run code: script/base/embedding tags, on* handlers, bad URLs.

    A whole `page` of the theme may carry its own JSON-LD (a data block, never run) and the
    story timeline's SVG; feed-supplied text never may."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    problems = []
    for tag, attrs in scan.tags:
        own = page and ((tag, attrs) in _THEME_OWN
                        or (tag == "svg" and ("class", "timeline-chart") in attrs))
        if tag in {"script", "base", "iframe", "object", "embed", "svg", "form", "meta"} \
                and not (tag == "meta" and _harmless_meta(attrs)) and not own:
            problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"{tag} {name}=")
            if name in _URL_ATTRIBUTES and value:
                plain = _JUNK.sub("", value).lower()
                if plain.startswith(_DANGEROUS_SCHEMES):
                    problems.append(f"{tag} {name}={value!r}")
    return problems


_THEME_OWN = [
    ("script", [("type", "application/ld+json")]),
]


_JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _without_json_ld(html: str, where: str) -> str:
    """The page without its JSON-LD blocks, each checked to be plain JSON that cannot end its
    element (a hostile headline stays inside it)."""
    for body in _JSON_LD.findall(html):
        assert "<" not in body and ">" not in body, where
        json.loads(body)
    rest = _JSON_LD.sub("", html)
    assert "<script" not in rest.lower(), where
    return rest


def _harmless_meta(attrs: list[tuple[str, str | None]]) -> bool:
    # The theme's own <meta> tags: charset, viewport, description, CSP … never a refresh.
    return all(not (n == "http-equiv" and (v or "").lower() == "refresh") for n, v in attrs)


def _xml_texts(root: ET.Element) -> list[str]:
    texts = []
    for el in root.iter():
        texts.extend(t for t in (el.text, el.tail) if t)
        texts.extend(el.attrib.values())
    return texts


@dataclass
class HealthRow:
    state: str  # ok, failing, pending
    cells: str  # the row's markup


def health_rows(out: Path) -> dict[str, HealthRow]:
    """Rows of health.html by source title."""
    html = (out / "health.html").read_text(encoding="utf-8")
    rows = {}
    for state, body in re.findall(r'<tr class="row-(\w+)">(.*?)</tr>', html, re.S):
        title = re.search(r'<th scope="row"><a[^>]*>(.*?)</a>', body, re.S)
        assert title, body
        rows[title.group(1).strip()] = HealthRow(state, body)
    return rows


SEARCH_SCRIPT = re.compile(r'<script type="module" src="[^"<>]*/theme/js/search\.js"></script>')


def check_site(out: Path, failing: tuple[str, ...] = ()) -> str:
    """Assert what every build must give; return all text output, joined, for further checks."""
    assert (out / "index.html").is_file() and (out / "health.html").is_file()
    root = out.resolve()
    texts = []
    for path in sorted(out.rglob("*")):
        assert path.resolve().is_relative_to(root), path
        if not path.is_file() or path.suffix not in {".html", ".xml", ".json", ".opml"}:
            continue
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(out))
        if where == "search.html":
            # The search page runs the theme's own script and has a form; nothing more.
            text, found = SEARCH_SCRIPT.subn("", text, count=1)
            assert found == 1 and unsafe_markup(text) == ["<form>"], where
            text = text.replace("<form ", "<div ", 1).replace("</form>", "</div>", 1)
        if path.suffix == ".html":
            assert unsafe_markup(text, page=True) == [], where
            text = _without_json_ld(text, where)
        texts.append(text)
        if path.suffix in {".xml", ".opml"}:
            doc = ET.fromstring(text.encode("utf-8"))  # raises on malformed XML
            # Feed readers render titles, summaries and content as HTML: judge them as such.
            for value in _xml_texts(doc):
                assert "<script" not in value.lower(), (where, value)
                assert unsafe_markup(value) == [], (where, value)
        elif path.suffix == ".json":
            assert "<script" not in text.lower(), where
            data = json.loads(text)
            for value in _json_strings(data):
                assert "<script" not in value.lower(), (where, value)
                assert unsafe_markup(value) == [], (where, value)
    rows = health_rows(out)
    for title in failing:
        assert title in rows, (title, sorted(rows))
        assert rows[title].state == "failing", (title, rows[title])
    return "\n".join(texts)


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


# A fresh interpreter runs ingest nights and reports their wall time and the extra peak RSS
# they needed, measured after imports and a warm-up, so that the test process's own memory
# (and the server's) does not blur the numbers.
_MEASURE = r"""
import json, resource, sys, time
from datetime import datetime
from pathlib import Path
from news_digest.config import DigestSettings
from news_digest.enrich import build_item
from news_digest.ingest import run_ingest
from news_digest.model import RawEntry, Source
from news_digest.parse import parse_feed

job = json.loads(sys.argv[1])
parse_feed(b'<rss version="2.0"><channel><title>w</title><item><title>w</title></item>'
           b'</channel></rss>')
build_item(Source("w", "w"), RawEntry("w", "https://w.example/", "Warm up",
           summary_html="<p>The council met on Monday to vote on the budget.</p>"),
           now=datetime.fromisoformat(job["now"]))
base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
runs = []
for sources in job["sources"]:
    settings = dict(job["settings"], sources=sources)
    settings["allow_hosts"] = tuple(settings["allow_hosts"])
    start = time.monotonic()
    report = run_ingest(DigestSettings(**settings), Path(job["base"]),
                        now=datetime.fromisoformat(job["now"]))
    runs.append({"seconds": time.monotonic() - start,
                 "statuses": {f.source.title: f.status for f in report.feeds}})
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"runs": runs, "extra_peak_mb": (peak_kb - base_kb) / 1024}))
"""


def measured_nights(tmp: Path, sources: list[Path], now: datetime = NOW,
                    **settings: object) -> dict:
    """Run one ingest per sources file in a fresh interpreter; its times and extra peak memory."""
    import subprocess
    import sys

    (tmp / "content").mkdir(exist_ok=True)
    kw: dict[str, object] = {"store": str(tmp / "store.sqlite"),
                             "local_root": str(tmp / "content"),
                             "allow_hosts": ["127.0.0.1"], "timeout": 3.0}
    kw.update(settings)
    job = {"settings": kw, "sources": [str(s) for s in sources], "base": str(tmp),
           "now": now.isoformat()}
    done = subprocess.run([sys.executable, "-c", _MEASURE, json.dumps(job)], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
