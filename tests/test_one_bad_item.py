"""One bad item costs at most itself: hostile or broken markup in one entry never loses the
feed's other entries, neither in parsing, nor in enriching, nor in storing."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news_digest import parse as parse_module
from news_digest.enrich import build_item
from news_digest.ingest import run_ingest
from news_digest.model import STATUS_OK, STATUS_PARSE_ERROR, Source
from news_digest.parse import item_spans, neutralize_declarations, parse_feed
from news_digest.store import Store

from feedkit import opml, settings_for

FEED_URL = "https://news.example.org/feed.xml"
NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
T0 = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
GOOD = 12
FIELDS = ("title", "description", "content:encoded", "dc:creator", "category", "guid", "link")
# Pieces of markup that parsers choke on: marked sections, declarations, comments, processing
# instructions and references, whole or broken off.
HOSTILE_PIECES = [
    "<![", "<![ ", "<![foo[", "<![if !IE]>", "<![endif]>", "<![INCLUDE[", "<![IGNORE[", "<!['",
    '<!["', "<![CDATA[", "]]>", "<!", "<!x", "<!DOCTYPE html", "<!DOCTYPE x [", "<!ENTITY",
    "<!ELEMENT", "<!--", "-->", "<!-->", "--", "<?", "?>", "<?xml", "&", "&#", "&#x", "&#0;",
    "&#xD800;", "&bogus;", "&lt;", ";", "<", ">", "</", "</>", "<p>", "</p>", "<b>", "<a href='",
    '"', "'", "[", "]", "%", "%x;", "=", " ", "\n", "x", "script", "<script>", "<title>", "\x00",
    "\u2028", "\U0001f600", "\ufffe",
]
hostile_markup = st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=14).map("".join)


def _good_item(n: int) -> str:
    return (
        f"<item><title>Good item number {n}</title>"
        f"<link>https://news.example.org/good/{n}.html</link>"
        f"<guid>good-{n}</guid><pubDate>{format_datetime(T0 + timedelta(minutes=n))}</pubDate>"
        f"<description>{escape(f'<p>The council met on day {n} to vote on the budget.</p>')}"
        "</description></item>"
    )


def _bad_item(markup: str, field: str, encoding: str) -> str:
    if encoding == "escaped":
        value = escape(markup)
    elif encoding == "cdata":
        value = f"<![CDATA[{markup}]]>"
    else:  # the publisher forgot to escape it at all
        value = markup
    return (f"<item><{field}>{value}</{field}><link>https://news.example.org/bad.html</link>"
            "<title>Bad item</title></item>")


def _feed(bad: str, position: int) -> bytes:
    items = [_good_item(n) for n in range(GOOD)]
    items.insert(position, bad)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Mixed</title>'
        "<link>https://news.example.org/</link><description>d</description>"
        + "".join(items) + "</channel></rss>"
    ).encode("utf-8", errors="surrogatepass")


GOOD_TITLES = {f"Good item number {n}" for n in range(GOOD)}


# ---------------------------------------------------------------------------------------------
# Parsing


@pytest.mark.parametrize("field", ["title", "description", "content:encoded", "dc:creator"])
@pytest.mark.parametrize("markup", ["<p>a <![ b</p>", "x <![foo[ y", "<![ x ]]> tail",
                                    "<!['quoted", "<!-- never closed", "<!DOCTYPE x [ open"])
@pytest.mark.parametrize("encoding", ["escaped", "cdata", "raw"])
def test_a_broken_marked_section_costs_at_most_its_own_item(field, markup, encoding):
    feed = parse_feed(_feed(_bad_item(markup, field, encoding), 5), FEED_URL)
    assert feed.status == STATUS_OK, feed.error
    assert GOOD_TITLES <= {e.title for e in feed.entries}


def test_a_title_with_a_broken_marked_section_reads_as_its_text():
    feed = parse_feed(_feed(_bad_item("Odd <![ headline", "title", "escaped")
                            .replace("<title>Bad item</title>", ""), 0), FEED_URL)
    assert "Odd <![ headline" in {e.title for e in feed.entries}
    assert feed.warning == ""


def test_when_feedparser_raises_on_one_item_the_others_are_kept_and_counted(monkeypatch):
    """feedparser raises from its HTML processing on some items (a marked section it cannot
    read): the feed is read again item by item and only those items are lost."""
    real = parse_module.feedparser.parse

    def fragile(stream, *args, **kwargs):
        data = stream.read()
        if b"BROKEN-SECTION" in data:
            raise AssertionError("expected name token at '<![ BROKEN-SECTION'")
        return real(__import__("io").BytesIO(data), *args, **kwargs)

    monkeypatch.setattr(parse_module.feedparser, "parse", fragile)
    body = _feed(_bad_item("BROKEN-SECTION", "description", "escaped"), 3)
    body = body.replace(b"</channel>", _bad_item("BROKEN-SECTION", "title", "cdata").encode()
                        + b"</channel>")
    feed = parse_feed(body, FEED_URL)
    assert feed.status == STATUS_OK, feed.error
    assert {e.title for e in feed.entries} == GOOD_TITLES
    assert feed.title == "Mixed"
    assert feed.warning == "2 items skipped: malformed HTML"


def test_an_entry_our_own_conversion_cannot_read_is_skipped_and_counted(monkeypatch):
    def explode(value: str) -> str:
        if "EXPLODE" in value:
            raise AssertionError("unknown status keyword in marked section")
        return parse_module._collect_line_text(value)

    monkeypatch.setattr(parse_module, "_line_markup_text", explode)
    feed = parse_feed(_feed(_bad_item("<b>EXPLODE</b>", "title", "escaped")
                            .replace("<title>Bad item</title>", ""), 7), FEED_URL)
    assert {e.title for e in feed.entries} == GOOD_TITLES
    assert feed.warning == "1 item skipped: malformed HTML"


def test_a_feed_whose_every_item_raises_is_a_parse_error(monkeypatch):
    def explode(*args, **kwargs):
        raise AssertionError("expected name token")

    monkeypatch.setattr(parse_module.feedparser, "parse", explode)
    feed = parse_feed(_feed(_bad_item("x", "title", "escaped"), 0), FEED_URL)
    assert feed.status == STATUS_PARSE_ERROR
    assert feed.entries == [] and "expected name token" in feed.error


def test_item_spans_skip_cdata_and_self_closing_items():
    text = ('<rss><channel><item><description><![CDATA[<item>not one</item>]]></description>'
            "</item><item/><entry>x</entry></channel></rss>")
    spans = [text[s:e] for s, e in item_spans(text)]
    assert spans == ["<item><description><![CDATA[<item>not one</item>]]></description></item>",
                     "<entry>x</entry>"]


def test_a_broken_comment_or_declaration_in_the_body_stops_at_its_item():
    text = ("<rss><channel><item><title>a <!-- open</title></item>"
            "<item><title>b</title><!-- fine --></item>"
            "<item><description><![CDATA[never closed</description></item>"
            "<item><title>c</title></item></channel></rss>")
    out = neutralize_declarations(text)
    assert "<item><title>b</title></item>" in out
    assert "<item><title>c</title></item>" in out
    assert "<![CDATA[never closed</description>]]></item>" in out
    # The prolog keeps its whole DOCTYPE reading: there an item tag may sit in a quoted value.
    assert neutralize_declarations('<!DOCTYPE r [<!ENTITY e "<item>">]><rss/>') == "<rss/>"


@given(markup=hostile_markup, field=st.sampled_from(FIELDS),
       encoding=st.sampled_from(["escaped", "cdata", "raw"]),
       position=st.integers(min_value=0, max_value=GOOD))
@settings(max_examples=300, deadline=None)
def test_property_good_items_survive_any_one_hostile_item_when_parsed_and_enriched(
        markup, field, encoding, position):
    feed = parse_feed(_feed(_bad_item(markup, field, encoding), position), FEED_URL)
    assert feed.status == STATUS_OK, feed.error
    good = [e for e in feed.entries if e.title in GOOD_TITLES]
    assert {e.title for e in good} == GOOD_TITLES
    source = Source(FEED_URL, "Mixed")
    for entry in [e for e in feed.entries if e not in good] + good[:1]:
        item = build_item(source, entry, now=NOW)  # enriching the bad entry never raises
        assert "\n" not in item.title


# ---------------------------------------------------------------------------------------------
# Whole nights


def _night(tmp: Path, body: bytes) -> None:
    (tmp / "content").mkdir(exist_ok=True)
    (tmp / "content" / "mixed.xml").write_bytes(body)
    # A local feed path: no server needed, and nothing here ever reaches a network.
    (tmp / "sources.opml").write_text(opml([("News", "Mixed", "content/mixed.xml")],
                                           fullText="off"))
    run_ingest(settings_for(tmp, local_root=str(tmp / "content")), tmp, now=NOW)


def _stored(tmp: Path) -> tuple[set[str], str, str]:
    with Store(tmp / "store.sqlite", readonly=True) as store:
        assert store.integrity_ok()
        state = store.fetch_state("content/mixed.xml")
        return {i.title for i in store.items()}, state.last_status, state.last_error


@given(markup=hostile_markup, field=st.sampled_from(FIELDS),
       encoding=st.sampled_from(["escaped", "cdata", "raw"]),
       position=st.integers(min_value=0, max_value=GOOD))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_property_good_items_are_all_stored_beside_one_hostile_item(
        markup, field, encoding, position):
    with tempfile.TemporaryDirectory() as tmp:
        _night(Path(tmp), _feed(_bad_item(markup, field, encoding), position))
        titles, status, _ = _stored(Path(tmp))
    assert GOOD_TITLES <= titles
    assert status == STATUS_OK


def test_skipped_items_are_noted_on_the_feed_health_row_while_it_stays_ok(tmp_path,
                                                                        monkeypatch):
    real = parse_module.feedparser.parse

    def fragile(stream, *args, **kwargs):
        data = stream.read()
        if b"BROKEN-SECTION" in data:
            raise AssertionError("unknown status keyword 'BROKEN' in marked section")
        return real(__import__("io").BytesIO(data), *args, **kwargs)

    monkeypatch.setattr(parse_module.feedparser, "parse", fragile)
    body = _feed(_bad_item("<![BROKEN-SECTION[", "description", "escaped"), 2)
    body = body.replace(b"</channel>", _bad_item("BROKEN-SECTION", "title", "raw").encode()
                        + b"</channel>")
    _night(tmp_path, body)
    titles, status, error = _stored(tmp_path)
    assert titles == GOOD_TITLES
    assert (status, error) == (STATUS_OK, "2 items skipped: malformed HTML")
    # The next night, with the feed mended, the note goes away.
    _night(tmp_path, _feed(_good_item(99), 0))
    assert _stored(tmp_path)[1:] == (STATUS_OK, "")
