"""Story summaries are drawn from the sources, supported, not redundant; shared names show why."""

from datetime import UTC, datetime, timedelta

from news_digest.model import Item, Story
from news_digest.storytext import shared_terms, story_sentences
from news_digest.summarize import split_sentences

T = datetime(2026, 11, 23, 8, tzinfo=UTC)


def _item(n: int, host: str, lang: str, title: str, summary: str) -> Item:
    return Item(key=f"k{n}", source_url=f"https://{host}/feed", url=f"https://{host}/a{n}",
                title=title, published=T + timedelta(hours=n), first_seen=T, lang=lang,
                summary=summary)


LEDGER = _item(0, "ledger.example", "en", "Bridge plan approved in Lyon",
               "Lyon's council approved a 240 million euro plan to rebuild the Pont Lafayette "
               "bridge on Monday. Work will start in March and last two years. "
               "The mayor thanked residents for their patience.")
POST = _item(1, "post.example", "en", "Lyon votes to rebuild Pont Lafayette",
             "The Pont Lafayette bridge in Lyon will be rebuilt under a 240 million euro plan "
             "approved by the council on Monday. Traders near the bridge have lost customers "
             "since it closed in October.")
SOIR = _item(2, "soir.example", "fr", "Lyon : le pont Lafayette sera reconstruit",
             "Le conseil municipal de Lyon a approuvé lundi un plan de 240 millions d'euros "
             "pour reconstruire le pont Lafayette. Les travaux commenceront en mars.")


def test_sentences_come_from_the_items_in_the_lead_language_without_repeats():
    story = Story("s", "s", T, items=[LEDGER, POST, SOIR])
    sentences = story_sentences(story, LEDGER)
    assert 2 <= len(sentences) <= 4
    for s in sentences:
        assert s.item in (LEDGER, POST)
        assert s.text in s.item.summary
    assert sentences[0].text.startswith("Lyon's council approved a 240 million euro plan")
    # POST's first sentence says the same as the lead: it is not repeated.
    assert not any(s.text.startswith("The Pont Lafayette bridge in Lyon will") for s in sentences)


def test_single_item_story_uses_its_summary():
    story = Story("s", "s", T, items=[SOIR])
    sentences = story_sentences(story, SOIR)
    assert [s.item for s in sentences] == [SOIR] * len(sentences)
    assert sentences[0].text.startswith("Le conseil municipal de Lyon")


def test_shared_terms_cross_languages_and_skip_sentence_openers():
    story = Story("s", "s", T, items=[LEDGER, POST, SOIR])
    terms = shared_terms(story)
    assert "Lyon" in terms and "240" in terms
    assert any("Lafayette" in t for t in terms)
    assert "The" not in terms and "Work" not in terms
    assert shared_terms(Story("s", "s", T, items=[LEDGER])) == []


def test_a_sentence_an_item_prints_twice_is_shown_once():
    caption = "Rescuers pulled 14 hikers from the flooded Vosges valley on Sunday."
    item = _item(3, "ledger.example", "en", "Hikers rescued in the Vosges",
                 f"{caption} {caption} The hikers had been cut off for two nights near a hut.")
    sentences = story_sentences(Story("s", "s", T, items=[item]), item)
    texts = [s.text for s in sentences]
    assert texts == [caption, "The hikers had been cut off for two nights near a hut."]


def test_one_writer_may_go_on_about_the_same_subject():
    sentences = story_sentences(Story("s", "s", T, items=[LEDGER]), LEDGER)
    assert [s.text for s in sentences] == split_sentences(LEDGER.summary, "en")
