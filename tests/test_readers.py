"""The two readers on one parsed page: what they are given, and readability's measurements."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from readability.readability import clean as readability_clean

from news_digest.extract import _parse_page
from news_digest.readers import (
    clean_length,
    prepare_tree,
    readability_html,
    trafilatura_content,
)
from news_digest.text import html_to_text

ARTICLE = (
    "<html><head><title>Harbour vote</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<div class='story'><h1>Harbour vote</h1>"
    + "".join(
        f"<p>Paragraph {n} says how the harbour council voted on item {n}, after a long and "
        f"careful debate that went on, with many speakers, late into the night.</p>"
        for n in range(6)
    )
    + "</div><div style='display: none'>Hidden text</div>"
    "<script>var tracking = 1;</script><footer>© The Paper</footer></body></html>"
)

# Whitespace readability's clean() treats differently: tabs, newlines, no-break and other
# Unicode spaces, control separators; runs around its 255-character limit are tried below.
_SPACES = st.sampled_from(list(" \t\n\r\x0b\x0c\xa0\u2003\u3000\x1cab,"))


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_SPACES, max_size=80))
def test_clean_length_is_readabilitys_own_measure(text: str) -> None:
    assert clean_length(text) == len(readability_clean(text))


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=40))
def test_clean_length_on_any_text(text: str) -> None:
    assert clean_length(text) == len(readability_clean(text))


@given(st.integers(250, 260), st.sampled_from([" ", "\t", "\n", "\xa0", " \t", "\t "]))
def test_clean_length_of_long_runs(count: int, run: str) -> None:
    for text in ("a" + run * count + "b", "a" + (run * count)[:count] + "\t b", run * count):
        assert clean_length(text) == len(readability_clean(text))


def _prepared() -> etree._Element:
    doc = _parse_page(ARTICLE)
    assert doc is not None
    return prepare_tree(doc)


def test_prepare_tree_cuts_hidden_script_and_page_chrome() -> None:
    text = etree.tostring(_prepared(), method="text", encoding="unicode")
    assert "Paragraph 5" in text
    for gone in ("Hidden text", "tracking", "World", "The Paper"):
        assert gone not in text


def test_readers_read_the_article_and_leave_the_shared_tree_alone() -> None:
    tree = _prepared()
    before = etree.tostring(tree)
    read = html_to_text(readability_html(tree))
    second = trafilatura_content(tree, "https://news.example/a")
    assert "Paragraph 0" in read and "Paragraph 5" in read
    assert second is not None and "Paragraph 5" in "".join(second.itertext())
    # Both readers work on copies: the thorough second pass needs the page as it was.
    assert etree.tostring(tree) == before
    assert etree.tostring(copy.deepcopy(tree)) == before


def test_pages_parse_to_plain_html_elements() -> None:
    # One element class for every tag (chosen in C): forms are not lxml FormElements.
    doc = _parse_page("<html><body><form><input name='q'></form><p>x</p></body></html>")
    assert doc is not None
    assert {type(el).__name__ for el in doc.iter()} == {"HtmlElement"}
    assert doc.find(".//p").text_content() == "x"


def test_a_control_the_parser_nested_the_page_in_loses_only_its_tag() -> None:
    # An unclosed <button> swallows the rest of the page; small controls still go whole.
    paragraphs = "".join(
        f"<p>Paragraph {n} tells how the harbour council voted on item {n} after a long "
        f"debate in the town hall.</p>" for n in range(4)
    )
    doc = _parse_page(f"<html><body><select><option>May 2024</option></select>"
                      f"<button>Search<div class='story'>{paragraphs}</div></body></html>")
    assert doc is not None
    text = etree.tostring(prepare_tree(doc), method="text", encoding="unicode")
    assert "Paragraph 3" in text and "Search" in text
    assert "May 2024" not in text
    assert doc.find(".//button") is None
