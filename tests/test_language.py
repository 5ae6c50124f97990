"""Language detection: confident text wins, short or unsure text falls back to the feed hint."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from news_digest.language import detect_language, normalize_lang

FRENCH = (
    "Le dirigeant nord-coréen a l’intention de rencontrer le président russe plus tard ce "
    "mois-ci pour discuter de la fourniture d’armes supplémentaires."
)
ENGLISH = (
    "The North Korean leader plans to meet the Russian president later this month to discuss "
    "supplying more weapons, officials said on Monday."
)
GERMAN = (
    "Der nordkoreanische Machthaber will sich noch in diesem Monat mit dem russischen "
    "Präsidenten treffen, um über weitere Waffenlieferungen zu sprechen."
)


@pytest.mark.parametrize(
    ("text", "expected"), [(FRENCH, "fr"), (ENGLISH, "en"), (GERMAN, "de")]
)
def test_detects_clear_text(text, expected):
    assert detect_language(text) == expected


def test_confident_text_overrides_a_wrong_hint():
    assert detect_language(ENGLISH, hint="fr-FR") == "en"


def test_short_text_uses_the_hint():
    assert detect_language("Kim Jong Un et Poutine", hint="fr") == "fr"
    assert detect_language("Apple iPhone 15", hint="en_US") == "en"


def test_too_short_without_hint_is_unknown():
    assert detect_language("OK") == ""
    assert detect_language("") == ""
    assert detect_language("12345 67890 !!!") == ""


def test_numbers_and_urls_only_fall_back_to_the_hint():
    assert detect_language("https://example.com/2023/09/05/1234", hint="de") == "de"


@pytest.mark.parametrize(
    ("hint", "expected"),
    [("fr-FR", "fr"), ("en_US", "en"), ("EN", "en"), (" de ", "de"), ("fre", "fr"),
     ("", ""), ("x", ""), ("english", ""), ("fr-CA.UTF-8", "fr"), ("12", "")],
)
def test_normalize_lang(hint, expected):
    assert normalize_lang(hint) == expected


def test_only_iso_639_1_codes_come_out():
    # The model also knows 3-letter languages; those must never leak out.
    for text in (FRENCH, ENGLISH, GERMAN, "Bonjour tout le monde, comment allez-vous ?"):
        code = detect_language(text)
        assert len(code) == 2


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["", "fr", "en-GB", "zz_ZZ", "??"]))
def test_any_input_gives_a_code_or_nothing(text, hint):
    code = detect_language(text, hint)
    assert code == "" or (len(code) == 2 and code.isalpha() and code.islower())
