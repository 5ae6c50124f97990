"""The sources file: OPML 2.0 with topics and per-feed options, import and export."""

from xml.etree import ElementTree as ET
from xml.sax.saxutils import quoteattr

import pytest

from news_digest.cli import main
from news_digest.model import Source
from news_digest.sources import SourcesError, parse_opml, read_sources, write_opml

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>mine</title></head><body>
  <outline text="World" title="World">
    <outline type="rss" text="Le Soir" xmlUrl="https://soir.example/rss" htmlUrl="https://soir.example/"
             language="fr-FR" fullText="on"/>
    <outline type="rss" text="Ledger" xmlUrl="https://ledger.example/atom" republish="true"/>
  </outline>
  <outline text="Tech"><outline text="Deep"><outline type="rss" title="Bits" xmlUrl="feeds/bits.xml"
      fullText="off"/></outline></outline>
  <outline type="rss" text="Loose" xmlUrl="https://loose.example/rss"/>
  <outline type="rss" text="Dup" xmlUrl="https://soir.example/rss"/>
</body></opml>"""


def test_topics_and_options():
    sources = parse_opml(OPML)
    assert [(s.title, s.topic) for s in sources] == [
        ("Le Soir", "World"), ("Ledger", "World"), ("Bits", "Deep"), ("Loose", "General")]
    soir, ledger, bits, _ = sources
    assert (soir.lang, soir.full_text, soir.site_url) == ("fr", "on", "https://soir.example/")
    assert ledger.republish and not soir.republish
    assert bits.full_text == "off" and bits.url == "feeds/bits.xml"


def test_round_trip():
    sources = parse_opml(OPML)
    assert parse_opml(write_opml(sources, "t", local_paths=True)) == sources
    # A published copy keeps only the feeds a reader can subscribe to.
    assert parse_opml(write_opml(sources, "t")) == [s for s in sources if "://" in s.url]


@pytest.mark.parametrize("bad", [
    "not xml", "<html><body/></html>",
    '<!DOCTYPE x [<!ENTITY a "b">]><opml><body/></opml>',
    '<opml><body><outline xmlUrl="x" fullText="sometimes"/></body></opml>',
])
def test_bad_files_give_clear_errors(bad):
    with pytest.raises(SourcesError):
        parse_opml(bad)


def test_missing_file_names_it(tmp_path):
    with pytest.raises(SourcesError, match="nope.opml"):
        read_sources(tmp_path / "nope.opml")


def test_import_merges_new_feeds(tmp_path, capsys):
    target = tmp_path / "sources.opml"
    target.write_text(OPML)
    other = tmp_path / "other.opml"
    other.write_text('<opml version="1.0"><body><outline text="Science">'
                     '<outline type="rss" text="Lab" xmlUrl="https://lab.example/rss"/>'
                     '<outline type="rss" text="Soir again" xmlUrl="https://soir.example/rss"/>'
                     "</outline></body></opml>")
    assert main(["opml-import", str(other), "--sources", str(target)]) == 0
    merged = read_sources(target)
    assert [s.title for s in merged][-1] == "Lab"
    assert len(merged) == 5
    assert "1 feeds added" in capsys.readouterr().out


def test_feed_css_rules_are_read_written_and_checked():
    text = ('<opml version="2.0"><body><outline type="rss" text="Post" xmlUrl="https://p.example/rss"'
            ' keep="article .story-text" remove=".promo, .share"/></body></opml>')
    (src,) = parse_opml(text)
    assert (src.keep, src.remove) == ("article .story-text", ".promo, .share")
    assert parse_opml(write_opml([src], "t")) == [src]
    with pytest.raises(SourcesError, match="Post|p.example.*invalid CSS selector"):
        parse_opml(text.replace('keep="article .story-text"', 'keep="div["'))


HOSTILE_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " java\tscript:alert(1)", "java\nscript:x",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd",
    "//evil.example/feed", "\\\\evil.example\\feed", "/relative/feed.xml", "relative.xml",
    "javascript&#58;alert(1)", "ftp://files.example/feed", "https://", "http:evil.example",
]


@pytest.mark.parametrize("bad", HOSTILE_URLS)
def test_written_opml_carries_only_absolute_http_urls(bad):
    sources = [Source(url=bad, title="Bad feed", site_url="https://ok.example/"),
               Source(url="https://ok.example/rss", title="Good", site_url=bad),
               Source(url="https://user:pw@ok.example/private.rss", title="Creds")]
    root = ET.fromstring(write_opml(sources, "t"))
    feeds = [o.attrib for o in root.iter("outline") if "xmlUrl" in o.attrib]
    assert [f["title"] for f in feeds] == ["Good", "Creds"]
    for attrs in feeds:
        for name in ("xmlUrl", "htmlUrl", "url"):
            if name in attrs:
                assert attrs[name].startswith(("http://", "https://")), (name, attrs[name])
                assert "@" not in attrs[name].split("/")[2]
    assert "htmlUrl" not in feeds[0]


@pytest.mark.parametrize("bad", HOSTILE_URLS)
def test_reading_and_importing_drop_non_http_urls(bad, tmp_path, capsys):
    text = ('<opml version="2.0"><body><outline text="News">'
            f'<outline type="rss" text="Bad" xmlUrl={quoteattr(bad)} htmlUrl={quoteattr(bad)}/>'
            '<outline type="rss" text="Good" xmlUrl="https://good.example/rss" '
            f'htmlUrl={quoteattr(bad)}/></outline></body></opml>')
    assert all(s.site_url == "" for s in parse_opml(text))
    imported = parse_opml(text, web_only=True)
    assert [s.title for s in imported] == ["Good"]
    target = tmp_path / "sources.opml"
    target.write_text(OPML)
    other = tmp_path / "other.opml"
    other.write_text(text)
    assert main(["opml-import", str(other), "--sources", str(target)]) == 0
    after = parse_opml(target.read_text())
    before = [s.url for s in parse_opml(OPML)]
    # Our own local feed path stays; nothing but the good feed came in.
    assert [s.url for s in after] == [*before, "https://good.example/rss"]
    assert all(s.site_url == "" or s.site_url.startswith(("http://", "https://")) for s in after)
