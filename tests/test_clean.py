"""Boilerplate removal, driven by fixtures in tests/fixtures/clean/.

Each `<class>_<lang>.html` is a small page fragment of our own writing; its first comment gives the
article title (`<!-- title: ... -->`). The `.txt` beside it is the expected result of
`html_to_text(clean_content(html, title))`, i.e. the cleaner alone, before sanitizing.
The same fixtures also go through the whole `extract_article` pipeline in test_extract.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from news_digest.clean import BlockDecision, clean_content, explain_blocks
from news_digest.text import html_to_text

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
CASES = sorted(p.stem for p in FIXTURES.glob("*.html"))


def load_case(name: str) -> tuple[str, str, str]:
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    expected = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8").strip()
    match = re.search(r"<!--\s*title:\s*(.*?)\s*-->", html)
    return html, (match.group(1) if match else ""), expected


def test_fixture_set_covers_every_noise_class_in_all_seven_languages():
    classes = {"repeated_title", "read_also", "caption_credit", "comment_form", "widgets", "chrome"}
    languages = ("en", "fr", "de", "es", "it", "pt", "nl")
    missing = [f"{cls}_{lang}" for cls in sorted(classes) for lang in languages
               if f"{cls}_{lang}" not in CASES]
    assert missing == []
    assert len(CASES) >= len(classes) * len(languages)


@pytest.mark.parametrize("name", CASES)
def test_fixture(name):
    html, title, expected = load_case(name)
    assert html_to_text(clean_content(html, title)) == expected


def test_explain_names_the_rule_for_each_removed_block():
    html, title, _ = load_case("read_also_fr")
    decisions = explain_blocks(html, title)
    assert all(isinstance(d, BlockDecision) for d in decisions)
    removed = {d.text: d.rule for d in decisions if not d.kept}
    assert removed["Voir aussi"] == "read_also"
    assert removed["La coopérative investit dans une nouvelle cuverie"] == "after_read_also"
    kept = [d for d in decisions if d.kept]
    assert [d.rule for d in kept] == [""] * len(kept)


def test_explain_reports_caption_and_credit():
    html, title, _ = load_case("caption_credit_en")
    rules = [d.rule for d in explain_blocks(html, title) if not d.kept]
    assert "caption" in rules and "photo_credit" in rules and "caption_credit" in rules
    assert any(rule.startswith("structural:") for rule in rules)


def test_repeated_title_only_near_the_top():
    body = "".join(f"<p>Paragraph number {i} says something about the topic at hand.</p>"
                   for i in range(6))
    html = body + "<p>Budget vote delayed again</p>"
    # The same words late in the article are a real sentence, not the repeated headline.
    title = "Budget vote delayed again"
    assert title in html_to_text(clean_content(html, title))
    html = "<p>Budget vote delayed again</p>" + body
    assert "Budget vote delayed again" not in html_to_text(
        clean_content(html, "Budget vote delayed again")
    )


def test_title_with_site_suffix_matches_headline_block():
    html = (
        "<h2>Budget vote delayed again</h2>"
        "<p>The vote on the budget will now take place in May.</p>"
    )
    out = html_to_text(clean_content(html, "Budget vote delayed again - The Daily Example"))
    assert out == "The vote on the budget will now take place in May."


def test_h1_counts_as_title_when_none_given():
    html = "<h1>Ferry service resumes</h1><p>Ferry service resumes</p><p>Boats sail again.</p>"
    assert html_to_text(clean_content(html)) == "Boats sail again."


def test_mt_brackets_kept_in_english_text():
    html = "<p>“We think [the] plan is good,” she said, and the minister agreed with that view.</p>"
    assert "[the]" in html_to_text(clean_content(html, lang=""))
    assert "[the]" in html_to_text(clean_content(html, lang="en"))
    french = "<p>Le ministre a dit que [the] plan était bon et que le vote aurait lieu demain.</p>"
    assert html_to_text(clean_content(french, lang="fr")) == (
        "Le ministre a dit que plan était bon et que le vote aurait lieu demain."
    )


def test_structural_noise_by_class_and_tag():
    html = (
        "<div class='entry-content'><p>Real article text that should stay in the output.</p>"
        "<div class='share-buttons'><a href='#'>Facebook</a></div>"
        "<aside><p>Sidebar text</p></aside><nav><a href='/'>Home</a></nav>"
        "<div class='jp-relatedposts'><p>Some related post</p></div>"
        "<p hidden>Hidden text</p><p style='display: none'>Also hidden</p>"
        "<form><p>Search this site</p></form></div>"
    )
    assert html_to_text(clean_content(html)) == "Real article text that should stay in the output."


def test_big_container_with_unlucky_class_is_kept():
    paragraphs = "".join(f"<p>Sentence {i} of the article with enough words to matter.</p>"
                         for i in range(5))
    html = f"<div class='post has-sidebar-widget'>{paragraphs}</div><p>Short tail.</p>"
    assert "Sentence 4 of the article" in html_to_text(clean_content(html))


def test_loose_text_and_br_paragraphs_survive():
    html = "<div>Loose intro text here.<p>A paragraph.</p>Trailing loose text.</div>"
    assert html_to_text(clean_content(html)) == (
        "Loose intro text here.\n\nA paragraph.\n\nTrailing loose text."
    )


def test_empty_and_garbage_inputs():
    assert clean_content("") == ""
    assert clean_content("   ") == ""
    assert explain_blocks("") == []
    assert html_to_text(clean_content("<p></p><div><span></span></div>")) == ""


def test_deterministic():
    html, title, _ = load_case("widgets_en")
    assert clean_content(html, title) == clean_content(html, title)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/ pdivlah1=\"'ab \n[]isé©:")), max_size=300))
def test_clean_never_raises_on_markup_soup(soup):
    out = clean_content(soup, "title")
    assert isinstance(out, str)
    assert isinstance(html_to_text(out), str)


_PHRASE_WORDS = st.sampled_from(["read", "more", "sign", "up", "our", "newsletter", "cookies",
                                 "accept", "all", "rights", "reserved", "x"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b", "c"]),
                       st.lists(st.lists(_PHRASE_WORDS, min_size=1, max_size=3).map(" ".join),
                                min_size=1, max_size=4), min_size=1),
       st.lists(_PHRASE_WORDS, max_size=12).map(" ".join))
def test_phrase_lookup_finds_what_a_word_bounded_pattern_finds(groups, key):
    # The cleaner looks phrases up word by word; a regex alternation is the plain statement.
    from news_digest.clean import _Phrases

    expected = {
        name for name, phrases in groups.items()
        if re.search(rf"(?:^| )(?:{'|'.join(map(re.escape, phrases))})(?= |$)", key)
    }
    assert _Phrases(groups).names_in(key) == expected


def test_credit_under_its_own_image_does_not_take_the_paragraph_above():
    paragraph = ("De gemeenteraad stemde dinsdagavond in met het plan om de haven tegen 2030 "
                 "volledig elektrisch te maken.")
    html = (f"<p>{paragraph}</p><p><img src='https://img.example/haven.jpg'><br>© ANP</p>"
            "<p>Het plan kost naar schatting veertig miljoen euro, zo blijkt uit de stukken.</p>")
    text = html_to_text(clean_content(html))
    assert paragraph in text and "ANP" not in text
    # A caption line followed by its credit still goes, credit and all.
    html = ("<p>De haven van Rotterdam bij zonsopgang.</p><p>© ANP</p>"
            f"<p>{paragraph}</p>")
    assert html_to_text(clean_content(html)) == paragraph


# Each case: the blocks of a fragment in order, each with the rule expected to drop it ("" for
# blocks that stay); the text left must be exactly that of the blocks that stay.
BLOCK_RULE_CASES = {
    "reprint notices and widget messages": [
        ("<p>Home Depot raised its forecast on Tuesday after sales in its stores grew faster "
         "than analysts had expected.</p>", ""),
        ("<p>An error has occurred, please try again later.</p>", "interface"),
        ("<p>This copy is for your personal, non-commercial use only. To order "
         "presentation-ready copies for distribution, use the Order Reprints tool.</p>",
         "copyright"),
        ("<p>Une erreur est survenue.</p>", "interface"),
    ],
    "comment counters, not sentences about comments": [
        ("<p>Keine Kommentare wollte das Ministerium am Montag zu den Plänen abgeben, die seit "
         "Wochen im Landtag beraten werden.</p>", ""),
        ("<h2>0 Kommentare</h2>", "comment_count"),
        ("<p>Auch lesen: <a href='/x'>Mehr</a></p>", "read_also"),
        ("<p>3 Comments</p>", "comment_count"),
    ],
    "gallery counters, follow lines and author contacts": [
        ("<p>Follow-up tweets on Twitter showed that the council had changed its plan twice, "
         "and reporters can reach the mayor at her office.</p>", ""),
        ("<p>Image 1 of 5</p>", "gallery_counter"),
        ("<p>Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.</p>", "social_follow"),
        ("<p>Suivez-nous sur Facebook</p>", "social_follow"),
        ("<p>Write to Al Root at allen.root@paper.example</p>", "author_contact"),
        ("<p>paul.writer@paper.example</p>", "author_contact"),
        ("<p>Comments</p>", "comment_count"),
    ],
    "clock times, reading times and more labels": [
        ("<p>Updated at 1:23 p.m.</p>", "byline"),
        ("<p>Tempo de leitura: 1 minuto</p>", "dateline"),
        ("<p>The council met at 9 a.m. on Monday and voted on the harbour plan after a debate "
         "that lasted most of the day.</p>", ""),
        ("<p>SEE MORE: <a href='/x'>Harbour protests in pictures</a></p>", "read_also"),
        ("<p>More:</p>", "read_also"),
        ("<p>Sie sind aktuell nicht eingeloggt.</p>", "interface"),
    ],
    "a paragraph that is one link in capitals": [
        ("<p>James Van Der Beek was voted off the dance competition on Monday night, a week "
         "before the final.</p>", ""),
        ("<p><a href='/x'>SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'</a></p>",
         "related_link"),
        ("<p><a href='/y'>Read the judges' scores for every couple</a></p>", ""),
        ("<h2>NASA AND ESA MISSION UPDATE</h2>", ""),
    ],
}


@pytest.mark.parametrize("name", sorted(BLOCK_RULE_CASES))
def test_block_rules(name):
    blocks = BLOCK_RULE_CASES[name]
    html = "".join(block for block, _ in blocks)
    assert [d.rule for d in explain_blocks(html)] == [rule for _, rule in blocks]
    kept = "".join(block for block, rule in blocks if not rule)
    assert html_to_text(clean_content(html)) == html_to_text(kept)
