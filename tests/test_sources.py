"""The sources file: OPML 2.0 with topics and per-feed options, import and export."""

import pytest

from news_digest.cli import main
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
    assert parse_opml(write_opml(sources, "t")) == sources


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
