"""Quality flags: machine-translation and content-farm tells, remembered after cleaning."""

import pytest
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


# ------------------------------------------------------------------ cheap paragraph checks

EN = ("The council approved the plan on Monday after months of debate about its cost and "
      "about the timetable of the works planned for the spring.")


def _fr_paragraph(n: int) -> str:
    return f"{FR} Le chantier numéro {n} commencera au printemps."


def _counting_classify(monkeypatch) -> list[str]:
    from news_digest import quality

    seen: list[str] = []
    real = quality.classify

    def counting(text):
        seen.append(text)
        return real(text)

    monkeypatch.setattr(quality, "classify", counting)
    return seen


def test_a_sure_language_skips_the_paragraphs_its_detection_read():
    from news_digest.quality import paragraphs_to_classify

    article = [_fr_paragraph(n) for n in range(30)]
    text = "\n\n".join(article)
    raw_text = "\n\n".join(["Accueil Monde Sport Culture", *article, EN, EN])
    unsure = paragraphs_to_classify(raw_text, text, 0.5)
    assert len(unsure) == 32
    sure = paragraphs_to_classify(raw_text, text, 1.0)
    assert sure and not any(p in text[:2000] for p in sure)  # the detection read those
    assert sure[-2:] == [EN, EN] and len(sure) < len(unsure)


def test_sure_pages_still_flag_foreign_paragraphs(monkeypatch):
    article = [_fr_paragraph(n) for n in range(5)]
    text = "\n\n".join(article)
    raw = _page("".join(f"<p>{p}</p>" for p in article) + EN_TAIL)
    seen = _counting_classify(monkeypatch)
    assert FLAG_MIXED in quality_flags(raw, "", text, "fr", lang_confidence=1.0)
    sure_checks = len(seen)
    seen.clear()
    assert FLAG_MIXED in quality_flags(raw, "", text, "fr", lang_confidence=0.0)
    assert sure_checks < len(seen)


def test_a_sure_clean_page_is_checked_a_group_of_paragraphs_at_a_time(monkeypatch):
    from news_digest.quality import MIXED_GROUP, MIXED_MAX_CHECKS

    article = [_fr_paragraph(n) for n in range(60)]
    text = "\n\n".join(article)
    raw = _page("".join(f"<p>{p}</p>" for p in article))
    seen = _counting_classify(monkeypatch)
    assert FLAG_MIXED not in quality_flags(raw, "", text, "fr", lang_confidence=1.0)
    assert len(seen) <= MIXED_MAX_CHECKS // MIXED_GROUP
    seen.clear()
    assert FLAG_MIXED not in quality_flags(raw, "", text, "fr", lang_confidence=0.0)
    assert len(seen) == MIXED_MAX_CHECKS


def test_a_foreign_run_inside_a_sure_group_is_still_found(monkeypatch):
    article = [_fr_paragraph(n) for n in range(20)]
    text = "\n\n".join(article)
    # Beyond what the detection read, a group of four holding two English paragraphs.
    body = [*article[:14], EN, article[14], EN, *article[15:]]
    raw = _page("".join(f"<p>{p}</p>" for p in body))
    assert FLAG_MIXED in quality_flags(raw, "", text, "fr", lang_confidence=1.0)


def test_the_raw_text_given_is_used_as_is(monkeypatch):
    from news_digest import quality

    monkeypatch.setattr(quality, "visible_text", lambda html: pytest.fail("converted again"))
    text = (FR + " ") * 3
    flags = quality_flags("<p>ignored</p>", f"<p>{text}</p>", text, "fr", raw_text=FR_MT)
    assert FLAG_MT in flags


def test_an_item_converts_its_feed_html_to_text_once(monkeypatch):
    from datetime import UTC, datetime

    from news_digest import quality
    from news_digest.enrich import build_item, feed_html
    from news_digest.model import RawEntry, Source
    from news_digest.text import html_to_text

    entry = RawEntry(guid="g", link="https://news.example/1.html", title="Pont",
                     content_html=f"<p>{FR_MT}</p><p>{FR}</p>")
    feed_text = html_to_text(feed_html(entry))
    monkeypatch.setattr(quality, "visible_text", lambda html: pytest.fail("converted again"))
    item = build_item(Source("https://news.example/rss", "News", lang="fr"), entry,
                      now=datetime(2026, 11, 23, tzinfo=UTC), feed_text=feed_text)
    assert FLAG_MT in item.flags


def test_visible_text_splits_paragraphs_at_blocks_and_lines_at_items():
    from news_digest.quality import visible_text

    page = ("<html><head><title>Not text</title><style>p{}</style></head><body>"
            "<nav><ul><li>Accueil</li><li>Monde &amp; Europe</li></ul></nav>"
            "<p>Premier <b>paragraphe</b>,\n  sur deux lignes.</p>"
            "<div>Un<br>deux<br><br>trois</div>"
            "<script>var x = '<p>no</p>';</script><!-- <p>no</p> --><table><tr><td>a</td>"
            "<td>b</td></tr></table></body></html>")
    assert visible_text(page).split("\n\n") == [
        "Accueil\nMonde & Europe", "Premier paragraphe, sur deux lignes.", "Un\ndeux", "trois",
        "a b"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/ab p\n\x01\x02&;#br")), max_size=400))
def test_visible_text_of_any_markup_is_tidy_text(html):
    from news_digest.quality import visible_text

    text = visible_text(html)
    assert "\x01" not in text and "\x02" not in text
    assert text == text.strip() and "\n\n\n" not in text
    assert all(line == " ".join(line.split()) for line in text.split("\n"))
