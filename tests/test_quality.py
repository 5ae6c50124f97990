"""Quality flags: machine-translation and content-farm tells, remembered after cleaning."""

from hypothesis import given, settings
from hypothesis import strategies as st

from news_digest.config import SettingsError, load_settings
from news_digest.quality import (
    FLAG_LINKS,
    FLAG_MIXED,
    FLAG_MT,
    FLAG_SHORT,
    FLAGS,
    quality_flags,
)

FR = ("Le conseil municipal a approuvé lundi un plan de reconstruction du pont, après des mois "
      "de débats sur son coût et sur le calendrier des travaux prévus au printemps.")
FR_MT = FR.replace("après des", "[is] après des")
EN_TAIL = ("<p>Your email address will not be published. Required fields are marked with a star "
           "below.</p><p>This site uses a plugin to reduce spam. Learn how your comment data is "
           "processed by it.</p>")


def _page(body: str) -> str:
    return f"<html><body><article>{body}</article></body></html>"


def test_clean_french_article_has_no_flags():
    text = (FR + " ") * 3
    assert quality_flags(_page(f"<p>{text}</p>"), f"<p>{text}</p>", text, "fr") == ()


def test_untranslated_fragments_and_english_boilerplate_are_flagged():
    text = (FR + " ") * 3
    flags = quality_flags(_page(f"<p>{FR_MT}</p><p>{FR}</p>{EN_TAIL}"), f"<p>{text}</p>", text,
                          "fr")
    assert FLAG_MT in flags and FLAG_MIXED in flags


def test_brackets_in_english_text_are_editorial_not_machine_translation():
    text = 'He said "[the] plan is good" and left the council chamber after the vote on Monday.'
    assert FLAG_MT not in quality_flags(_page(f"<p>{text}</p>"), "", text * 4, "en")


def test_a_foreign_quotation_is_not_mixed_language():
    quote = "<p>“We will rebuild the bridge before the summer, whatever it costs,” he said.</p>"
    text = (FR + " ") * 3
    assert FLAG_MIXED not in quality_flags(_page(f"<p>{FR}</p>{quote}{quote}"), "", text, "fr")


def test_short_and_link_heavy_items():
    links = "".join(f'<a href="https://x.example/{n}">Another story number {n}</a> '
                    for n in range(9))
    flags = quality_flags("", f"<p>See: {links}</p>", "See: another story", "en")
    assert FLAG_SHORT in flags and FLAG_LINKS in flags


def test_hide_flags_setting_is_checked():
    assert load_settings({"DIGEST_HIDE_FLAGS": [FLAG_MT]}).hide_flags == (FLAG_MT,)
    try:
        load_settings({"DIGEST_HIDE_FLAGS": ["spam"]})
    except SettingsError as exc:
        assert "DIGEST_HIDE_FLAGS" in str(exc) and FLAGS[0] in str(exc)
    else:
        raise AssertionError("an unknown flag must be refused")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["", "en", "fr", "de"]))
def test_flags_never_raise(raw, lang):
    flags = quality_flags(raw, raw, raw, lang)
    assert set(flags) <= set(FLAGS)
