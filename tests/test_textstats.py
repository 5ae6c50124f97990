"""Folding and tokens: the text statistics every matcher of the pipeline reads."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from news_digest.copies import SHINGLE_WORDS, _words, shingle_jaccard
from news_digest.textstats import fold, tokens


def _fold_char_by_char(text: str) -> str:
    """The definition: casefold, decompose, drop every character with a combining class."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def test_fold_strips_accents_and_case():
    assert fold("Corée du Nord") == "coree du nord"
    assert fold("Straße") == "strasse"
    assert fold("ÉLYSÉE") == "elysee"
    assert fold("plain ascii") == "plain ascii"
    assert fold("") == ""


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_fold_equals_its_character_by_character_definition(text):
    assert fold(text) == _fold_char_by_char(text)


def test_copies_read_only_the_opening_words():
    words = [f"w{i}" for i in range(1000)]
    assert _words(" ".join(words)) == tuple(words[:SHINGLE_WORDS])
    assert [t.text for t in tokens("Le Monde, 6,8 %")] == ["le", "monde", "6.8"]
    # Texts that differ only past the opening are copies of each other.
    opening = " ".join(words[:SHINGLE_WORDS])
    assert shingle_jaccard(opening + " tail one", opening + " another ending") == 1.0
