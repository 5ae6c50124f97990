"""The standfirst: the page's lead above the article body, recovered from its meta description."""

from __future__ import annotations

from news_digest.extract import _parse_page, extract_article
from news_digest.standfirst import find_standfirst

URL = "https://news.example/2024/05/harbour.html"
DEK = ("The council backed the harbour plan by a wide margin after a debate that lasted "
       "well into the night")
BODY = "".join(
    f"<p>Paragraph {n} tells how the harbour council voted on item {n} of the plan, after a "
    f"long debate in the town hall, and what it means for the fishermen.</p>" for n in range(6)
)


def page(dek_html: str, description: str = DEK, after: str = "") -> str:
    return (f"<html><head><title>Harbour vote</title>"
            f"<meta name='description' content='{description}'></head><body>"
            f"<header><h1>Harbour vote</h1>{dek_html}<p class='byline'>By A. Writer</p></header>"
            f"<div class='article-body'>{BODY}</div>{after}</body></html>")


def test_the_dek_above_the_body_opens_the_text() -> None:
    text = extract_article(page(f"<p class='dek'>{DEK}.</p>"), url=URL).text
    assert text.startswith(DEK + ".")
    assert text.count(DEK) == 1


def test_a_description_cut_short_by_the_template_still_finds_the_whole_dek() -> None:
    text = extract_article(page(f"<p class='dek'>{DEK}.</p>", description=DEK[:80] + "…"),
                           url=URL).text
    assert text.startswith(DEK + ".")


def test_no_standfirst_without_a_matching_block_before_the_content() -> None:
    # Printed only after the article (a card in the footer), or not at all: nothing is added.
    after = f"<div class='card'><p>{DEK}.</p></div>"
    assert DEK not in extract_article(page("", after=after), url=URL).text
    assert DEK not in extract_article(page(""), url=URL).text


def test_short_descriptions_are_slogans_not_leads() -> None:
    slogan = "News from the harbour town"
    doc = _parse_page(page(f"<p>{slogan}</p>", description=slogan))
    assert doc is not None
    assert find_standfirst(doc, slogan, "paragraph 0 tells how", "Paragraph 0 tells how") == ""


def test_a_dek_the_content_has_already_is_not_added_twice() -> None:
    doc = _parse_page(page(f"<p class='dek'>{DEK}.</p>"))
    assert doc is not None
    opening = "paragraph 0 tells how the harbour"
    assert find_standfirst(doc, DEK, opening, "Paragraph 0 tells how the harbour") == DEK + "."
    assert find_standfirst(doc, DEK, opening, f"{DEK}.\n\nParagraph 0 tells how") == ""


def test_no_break_spaces_in_the_page_still_match_the_description() -> None:
    dek_html = "<p class='dek'>" + DEK.replace("council backed", "council\u00a0backed") + ".</p>"
    text = extract_article(page(dek_html), url=URL).text
    assert text.startswith("The council")
    assert "harbour plan by a wide margin" in text.split("\n\n")[0]


def test_explain_names_the_standfirst() -> None:
    from news_digest.extract import extract_explain

    decisions = extract_explain(page(f"<p class='dek'>{DEK}.</p>"), url=URL)
    assert [(d.kept, d.rule) for d in decisions if d.text.startswith("The council")] == [
        (True, "standfirst")
    ]
