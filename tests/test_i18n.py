"""The site's own words in the site's language: catalogues, plurals, dates, a French demo site."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from news_digest.cli import main
from news_digest.i18n import LOCALE_DIR, page_lang, translator
from news_digest.quality import FLAG_LABELS

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "theme" / "templates"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_GETTEXT = re.compile(r"""(?<![\w.])_\(\s*(['"])(.*?)\1""")
_NGETTEXT = re.compile(r"""ngettext\(\s*(['"])(.*?)\1\s*,\s*(['"])(.*?)\3""")
# Messages built in Python rather than written in a template.
PYTHON_PLURALS = {("Coverage from %(n)s source:", "Coverage from %(n)s sources:"),
                  ("%(n)s article", "%(n)s articles")}  # the story timeline's name (timeline.py)
PYTHON_MESSAGES = {
    "Timeline: %(articles)s from %(sources)s, %(start)s to %(end)s UTC",
    "One row per source; each dot is an article at its publication time (hollow: a copy of "
    "another source's article). The same times are listed below.",
}


def _template_messages() -> tuple[set[str], set[tuple[str, str]]]:
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        singles.update(m.group(2) for m in _GETTEXT.finditer(text))
        plurals.update((m.group(2), m.group(4)) for m in _NGETTEXT.finditer(text))
    return singles, plurals


def _catalogue(lang: str) -> dict:
    return json.loads((LOCALE_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def test_every_word_of_the_theme_has_its_french_and_no_translation_is_stale():
    singles, plurals = _template_messages()
    singles |= set(FLAG_LABELS.values())  # item flags are shown through _(flag)
    singles |= PYTHON_MESSAGES
    plurals |= PYTHON_PLURALS
    assert len(singles) > 60 and len(plurals) > 5  # the extraction itself works
    fr = _catalogue("fr")
    assert sorted(singles - fr["messages"].keys()) == []
    assert sorted(fr["messages"].keys() - singles) == []
    assert sorted({s for s, _ in plurals} - fr["plurals"].keys()) == []
    assert sorted(fr["plurals"].keys() - {s for s, _ in plurals}) == []


def test_translations_keep_the_placeholders_of_their_english():
    fr = _catalogue("fr")
    for english, french in fr["messages"].items():
        assert set(PLACEHOLDER.findall(french)) == set(PLACEHOLDER.findall(english)), english
    _, plurals = _template_messages()
    english_plural = dict(plurals | PYTHON_PLURALS)
    for singular, (one, many) in fr["plurals"].items():
        names = set(PLACEHOLDER.findall(english_plural[singular])) - {"n"}
        # The singular may spell the number out ("Le fil …"); every other value is kept.
        assert set(PLACEHOLDER.findall(one)) - {"n"} == names, singular
        assert set(PLACEHOLDER.findall(many)) == set(PLACEHOLDER.findall(english_plural[singular]))


def test_french_plurals_count_zero_and_one_as_singular_english_only_one():
    fr, en = translator("fr"), translator("en")
    args = ("%(n)s story", "%(n)s stories")
    assert [fr.ngettext(*args, n) for n in (0, 1, 2)] == ["0 sujet", "1 sujet", "2 sujets"]
    assert [en.ngettext(*args, n) for n in (0, 1, 2)] == ["0 stories", "1 story", "2 stories"]


def test_dates_are_spelled_from_the_catalogue_not_the_machine_locale():
    fr, en = translator("fr"), translator("en")
    d = date(2026, 12, 5)
    assert fr.day_title(d) == "samedi 5 décembre 2026"
    assert en.day_title(d) == "Saturday 5 December 2026"
    t = datetime(2026, 2, 3, 7, 9, tzinfo=UTC)
    assert fr.datetime_text(t) == "3 févr. 2026, 07:09 UTC"
    assert en.datetime_text(t) == "03 Feb 2026, 07:09 UTC"
    assert fr.month_title(2026, 8) == "août 2026"


def test_regional_codes_use_their_language_and_unknown_ones_fall_back_to_english(caplog):
    assert translator("fr-CA").lang == "fr" and page_lang("fr-CA") == "fr-CA"
    assert translator("FR_fr").gettext("Days") == "Jours"
    de = translator("de")
    assert de.lang == "en" and de.gettext("Days") == "Days"
    # The page then says it is in English: it is.
    assert page_lang("de") == "en"


def test_interpolated_values_are_not_markup():
    # Templates escape what gettext returns; gettext itself must not pre-mark anything safe.
    out = translator("fr").gettext("by %(author)s", author="<b>x</b>")
    assert type(out) is str and out == "par <b>x</b>"


# -- a whole French site ------------------------------------------------------------------------

ENGLISH_UI = ["Skip to content", "Feed health", ">Coverage<", "Latest digest", "First seen",
              "Summaries are generated", ">Days<", ">Topics<", "Read at ", "Failing since",
              " stories<", "Older:", "Newer:", " more<"]


@pytest.fixture(scope="module")
def french_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("fr")
    conf = tmp / "frconf.py"
    content = REPO / "content"
    conf.write_text("\n".join([
        f"exec(open({str(REPO / 'pelicanconf.py')!r}).read())",
        f"DIGEST_SOURCES = {str(content / 'sources.opml')!r}",
        f"DIGEST_LOCAL_ROOT = {str(content)!r}",
        f"DIGEST_OFFLINE_MIRROR = {str(content / 'mirror')!r}",
        f"PATH = {str(content)!r}",
        f"THEME = {str(REPO / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]",
        "DEFAULT_LANG = 'fr'",
    ]) + "\n")
    store, out = tmp / "store.sqlite", tmp / "output"
    assert main(["ingest", "--settings", str(conf), "--store", str(store)]) == 0
    assert main(["build", "--settings", str(conf), "--store", str(store),
                 "--output", str(out)]) == 0
    return out


def test_a_french_site_speaks_french_everywhere(french_site):
    pages = sorted(french_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<html lang="fr">' in html, page
        for words in ENGLISH_UI:
            assert words not in html, (page, words)
    front = (french_site / "index.html").read_text(encoding="utf-8")
    assert "Aller au contenu" in front and "À la une" in front and "État des fils" in front
    assert re.search(r"\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)", front)
    days = (french_site / "archives.html").read_text(encoding="utf-8")
    assert re.search(r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} ", days)


def test_story_titles_and_summaries_carry_the_language_of_their_text(french_site):
    front = (french_site / "index.html").read_text(encoding="utf-8")
    headlines = re.findall(r'<h2 class="headline"( lang="(\w+)")?>', front)
    assert headlines and all(lang for _, lang in headlines)
    # The demo has English and French stories: an English headline on a French page says so.
    assert {lang for _, lang in headlines} >= {"en", "fr"}
    feed = json.loads((french_site / "feed.json").read_text(encoding="utf-8"))
    assert {item["language"] for item in feed["items"]} >= {"en", "fr"}
