"""Feeds with a DOCTYPE: harmless internal entities are resolved and the items kept; external
and parameter entities, external DTDs and expansion bombs are refused, never read, and fail
the feed with a clear reason while the items that do not use them are kept."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from news_digest.dtd import MAX_ENTITY_CHARS, read_doctype
from news_digest.ingest import run_ingest
from news_digest.model import STATUS_OK, STATUS_PARSE_ERROR
from news_digest.parse import REFUSED_MARK, _declaration_end, parse_feed
from news_digest.store import Store

from feedkit import opml, settings_for
from httpserver import serve

FEED_URL = "https://news.example.org/feed.xml"
GOOD = ["Council approves the budget", "Harbour reopens after storm", "New library wing"]


def _items(titles: list[str], prefix: str = "") -> str:
    return "".join(
        f"<item><title>{t}</title><link>https://news.example.org/{prefix}{n}.html</link>"
        f"<guid>g{n}-{abs(hash(t)) % 997}</guid><description>Text of {t}.</description></item>"
        for n, t in enumerate(titles)
    )


def _feed(doctype: str, titles: list[str], channel_title: str = "Paper", prefix: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}\n<rss version="2.0"><channel>'
        f"<title>{channel_title}</title><link>https://news.example.org/</link>"
        f"<description>d</description>{_items(titles, prefix)}</channel></rss>"
    ).encode()


def _titles(data: bytes) -> list[str]:
    return [e.title for e in parse_feed(data, FEED_URL).entries]


# ---------------------------------------------------------------------------------------------
# Harmless DOCTYPEs are read


def test_a_publishers_plain_entities_are_resolved_and_the_items_kept():
    doctype = ('<!DOCTYPE rss [\n  <!ENTITY nbsp "&#160;">\n  <!ENTITY paper "The Daily &amp; Co">'
               '\n  <!ENTITY sign "&paper; &#8212; since 1901">\n  <!-- a comment -->\n'
               '  <!ELEMENT rss ANY>\n  <!ATTLIST rss version CDATA #IMPLIED>\n]>')
    feed = parse_feed(_feed(doctype, ["Budget&nbsp;passes", "&sign;", *GOOD],
                            channel_title="&paper;"), FEED_URL)
    assert feed.status == STATUS_OK and not feed.error and not feed.refused
    assert feed.title == "The Daily & Co"
    assert [e.title for e in feed.entries] == ["Budget passes",  # titles collapse spaces
                                               "The Daily & Co \u2014 since 1901", *GOOD]


def test_old_netscape_templates_with_public_dtds_and_entity_sets_parse_and_fetch_nothing():
    with serve({}) as base:
        doctype = (
            '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
            f'"{base}/rss-0.91.dtd" [\n'
            '<!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN" '
            f'"{base}/xhtml-lat1.ent">\n%HTMLlat1;\n]>'
        )
        feed = parse_feed(_feed(doctype, ["Caf&eacute; reopens", *GOOD]), FEED_URL)
        assert base.requests == []
    assert feed.status == STATUS_OK and not feed.refused, (feed.error, feed.refused)
    assert [e.title for e in feed.entries] == ["Café reopens", *GOOD]


@pytest.mark.parametrize("declaration, shown", [
    ('<!ENTITY bold "<b>loud</b>">', "&bold;"),  # markup: never spliced into the XML
    ('<!ENTITY sneaky "&#60;script>alert(1)&#60;/script>">', "&sneaky;"),
    ('<!ENTITY ref "&#38;lt;">', "&ref;"),  # a reference that would form when used
    ('<!ENTITY odd "50%">', "&odd;"),
])
def test_an_entity_that_expands_to_markup_is_left_as_its_literal_name(declaration, shown):
    feed = parse_feed(_feed(f"<!DOCTYPE rss [{declaration}]>", [f"Title {shown}",
                                                                *GOOD]), FEED_URL)
    assert feed.status == STATUS_OK and not feed.refused
    assert [e.title for e in feed.entries] == [f"Title {shown}", *GOOD]


def test_undeclared_names_stay_literal_and_html_names_resolve():
    feed = parse_feed(_feed('<!DOCTYPE rss [<!ENTITY x "y">]>',
                            ["&unknown; &eacute; &x;", *GOOD]), FEED_URL)
    assert [e.title for e in feed.entries] == ["&unknown; é y", *GOOD]


def test_replacements_are_well_formed_in_attributes_and_cdata_is_left_alone():
    doctype = """<!DOCTYPE rss [<!ENTITY q 'say "hi" & <go>'><!ENTITY host "news.example.org">
    <!ENTITY quoted '"a" and &#39;b&#39;'>]>"""
    body = _feed(doctype, GOOD).replace(
        b"<title>Council", b'<title>&quoted; <![CDATA[&host;]]> Council'
    ).replace(b"<link>https://news.example.org/0.html</link>",
              b"<link>https://&host;/0.html</link>")
    feed = parse_feed(body, FEED_URL)
    assert feed.status == STATUS_OK and not feed.refused
    first = feed.entries[0]
    assert first.title == '"a" and \'b\' &host; Council approves the budget'
    assert first.link == "https://news.example.org/0.html"
    assert "q" in read_doctype(doctype, _declaration_end).literal


# ---------------------------------------------------------------------------------------------
# Dangerous DOCTYPEs fail the feed, fast and clearly, and its other items are kept

_LAUGHS = '<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
    for n in range(1, 10))


def _hostile(base: str, secret: Path) -> dict[str, tuple[str, str, str]]:
    """name -> (DOCTYPE, a reference that depends on it, words the refusal must name)."""
    return {
        "billion-laughs": (f"<!DOCTYPE rss [{_LAUGHS}]>", "&lol9;", "characters"),
        "quadratic": (f'<!DOCTYPE rss [<!ENTITY a "{"x" * 9_000}">]>', "&a;" * 200,
                      "expansion bomb"),
        "too-long": (f'<!DOCTYPE rss [<!ENTITY a "{"x" * (MAX_ENTITY_CHARS + 1)}">]>', "&a;",
                     "beyond"),
        "recursive": ('<!DOCTYPE rss [<!ENTITY a "x&b;"><!ENTITY b "y&a;">]>', "&a;",
                      "refers to itself"),
        "deep": ("<!DOCTYPE rss [" + "".join(f'<!ENTITY e{n} "&e{n + 1};">' for n in range(20))
                 + '<!ENTITY e20 "end">]>', "&e0;", "nested too deeply"),
        "xxe-file": (f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>', "&xxe;",
                     "external"),
        "xxe-http": (f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{base}/ent.txt">]>', "&xxe;",
                     "external"),
        "xxe-public": (f'<!DOCTYPE rss [<!ENTITY xxe PUBLIC "-//X//Y//EN" "{base}/ent.txt">]>',
                       "&xxe;", "external"),
        "parameter": (f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{base}/param.dtd"> %p;]>',
                      "&fromparam;", "parameter entity"),
        "external-dtd": (f'<!DOCTYPE rss SYSTEM "{base}/evil.dtd">', "&remote;",
                         "external DTD"),
        "unknown-public": (f'<!DOCTYPE rss PUBLIC "-//Evil//DTD//EN" "{base}/evil.dtd">',
                           "&remote;", "public DTD"),
    }


@pytest.fixture
def hostile_server(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-41\n")
    dtd = (200, {"Content-Type": "application/xml-dtd"},
           b'<!ENTITY remote "TOPSECRET-r"><!ENTITY fromparam "TOPSECRET-p">TOPSECRET-t')
    routes = {p: dtd for p in ("/ent.txt", "/param.dtd", "/evil.dtd")}
    with serve(routes) as base:
        yield base, _hostile(base, secret)


def test_bombs_and_xxe_fail_fast_with_a_clear_reason_and_keep_the_other_items(hostile_server):
    base, cases = hostile_server
    for name, (doctype, reference, words) in cases.items():
        body = _feed(doctype, [GOOD[0], f"Leak {reference}", GOOD[1], GOOD[2]])
        started = time.monotonic()
        feed = parse_feed(body, FEED_URL)
        assert time.monotonic() - started < 1.0, name
        assert [e.title for e in feed.entries] == GOOD, name
        assert feed.status == STATUS_OK and feed.refused.startswith("refused: "), name
        assert words in feed.refused and "1 item using it skipped" in feed.refused, (
            name, feed.refused)
        dumped = repr(feed)
        assert "TOPSECRET" not in dumped and "lollol" not in dumped and "xxxx" not in dumped
        assert REFUSED_MARK not in dumped, name
    assert base.requests == []


def test_a_refused_doctype_with_nothing_else_usable_is_a_parse_error(hostile_server):
    _, cases = hostile_server
    for name, (doctype, reference, words) in cases.items():
        feed = parse_feed(_feed(doctype, [f"Only {reference}"], channel_title=reference),
                          FEED_URL)
        assert (feed.status, feed.entries) == (STATUS_PARSE_ERROR, []), name
        assert words in feed.error, (name, feed.error)


def test_a_night_stores_the_good_items_and_marks_the_hostile_feed_failing(hostile_server,
                                                                        tmp_path):
    base, cases = hostile_server
    content = tmp_path / "content"
    content.mkdir()
    names = sorted(cases)
    for name in names:
        doctype, reference, _ = cases[name]
        (content / f"{name}.xml").write_bytes(
            _feed(doctype, [f"{name} {t}" for t in GOOD] + [f"Leak {reference}"], prefix=name))
    (content / "plain.xml").write_bytes(_feed('<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>',
                                              ["Plain&nbsp;one", "Plain two"], prefix="plain"))
    (tmp_path / "sources.opml").write_text(opml(
        [("News", n, f"content/{n}.xml") for n in [*names, "plain"]], fullText="off"))
    report = run_ingest(settings_for(tmp_path, local_root=str(content)), tmp_path)
    assert base.requests == []
    statuses = {f.source.title: (f.status, f.error) for f in report.feeds}
    assert statuses["plain"] == (STATUS_OK, "")
    with Store(tmp_path / "store.sqlite", readonly=True) as store:
        assert store.integrity_ok()
        titles = {i.title for i in store.items()}
        states = store.fetch_states()
    assert {"Plain one", "Plain two"} <= titles
    for name in names:
        status, error = statuses[name]
        assert status == STATUS_PARSE_ERROR and error.startswith("refused: "), (name, error)
        assert {f"{name} {t}" for t in GOOD} <= titles, name
        assert states[f"content/{name}.xml"].last_error == error
    assert not [t for t in titles if "Leak" in t or "TOPSECRET" in t]


def test_a_private_use_character_of_the_feed_is_not_mistaken_for_a_refusal():
    doctype = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    feed = parse_feed(_feed(doctype, [f"Icon {REFUSED_MARK} font", *GOOD]), FEED_URL)
    assert [e.title for e in feed.entries] == ["Icon \ufffd font", *GOOD]
