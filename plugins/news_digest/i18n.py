"""The site's own words (navigation, labels, dates) in the site's language.

Templates write English and call `_("…")` or `ngettext("…", "…", n)`; a catalogue per language
(`locale/<lang>.json`, keyed by the English text) gives the translation. Dates are spelled from
the catalogue's month and weekday names, never from the machine's locale, so a site builds the
same on every machine. English needs no catalogue; a language without one falls back to English
words (and says so once), so a fork never fails to build over a missing translation.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

log = logging.getLogger(__name__)

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENGLISH = "en"

_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
_EN_MONTHS_SHORT = tuple(m[:3] for m in _EN_MONTHS)
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Translator:
    """One language's words and date spelling. English is the identity."""

    lang: str = ENGLISH
    messages: Mapping[str, str] = field(default_factory=dict)
    plurals: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    months: tuple[str, ...] = _EN_MONTHS
    months_short: tuple[str, ...] = _EN_MONTHS_SHORT
    weekdays: tuple[str, ...] = _EN_WEEKDAYS
    # How a day is written: {weekday} {day} {month} {year} {mon} (the short month name).
    day_pattern: str = "{weekday} {day} {month} {year}"
    date_pattern: str = "{day:02d} {mon} {year}"
    # French counts 0 and 1 as singular, English only 1.
    zero_is_singular: bool = False

    def gettext(self, message: str, **values: object) -> str:
        """The translation of `message`, with %(name)s placeholders filled from `values`."""
        text = self.messages.get(message, message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """Singular or plural by `n` in this language; %(n)s is always available."""
        one = n == 1 or (self.zero_is_singular and n == 0)
        forms = self.plurals.get(singular)
        text = (forms[0] if one else forms[1]) if forms else (singular if one else plural)
        return text % {"n": n, **values}

    def day_title(self, d: date) -> str:
        """'Saturday 5 December 2026' / 'samedi 5 décembre 2026'."""
        return self.day_pattern.format(weekday=self.weekdays[d.weekday()], day=d.day,
                                       month=self.months[d.month - 1], year=d.year,
                                       mon=self.months_short[d.month - 1])

    def month_title(self, year: int, month: int) -> str:
        """'December 2026' / 'décembre 2026'."""
        return f"{self.months[month - 1]} {year}"

    def date_text(self, d: date) -> str:
        """A short date: '05 Dec 2026' / '5 déc. 2026'."""
        return self.date_pattern.format(day=d.day, mon=self.months_short[d.month - 1],
                                        month=self.months[d.month - 1], year=d.year)

    def datetime_text(self, d: datetime) -> str:
        """A short date and UTC time: '05 Dec 2026, 14:05 UTC'."""
        return f"{self.date_text(d)}, {d:%H:%M} UTC"


def base_language(code: str) -> str:
    """'fr-CA' / 'fr_FR' / 'FR' → 'fr'."""
    return (code or "").replace("_", "-").split("-", 1)[0].strip().lower()


def available_languages() -> list[str]:
    """The languages the site's words exist in."""
    return sorted({ENGLISH, *(p.stem for p in LOCALE_DIR.glob("*.json"))})


def _load(lang: str) -> Translator:
    data = json.loads((LOCALE_DIR / f"{lang}.json").read_text(encoding="utf-8"))
    return Translator(
        lang=lang,
        messages=dict(data["messages"]),
        plurals={k: (v[0], v[1]) for k, v in data.get("plurals", {}).items()},
        months=tuple(data["months"]),
        months_short=tuple(data["months_short"]),
        weekdays=tuple(data["weekdays"]),
        day_pattern=data.get("day_pattern", Translator.day_pattern),
        date_pattern=data.get("date_pattern", Translator.date_pattern),
        zero_is_singular=bool(data.get("zero_is_singular", False)),
    )


@functools.lru_cache(maxsize=16)
def translator(code: str) -> Translator:
    """The translator for a site language code; English words when there is no catalogue."""
    lang = base_language(code) or ENGLISH
    if lang == ENGLISH:
        return Translator()
    if lang not in available_languages():
        log.warning("no translation of the site's words into %r (have: %s); using English",
                    code, ", ".join(available_languages()))
        return Translator()
    return _load(lang)


def page_lang(code: str) -> str:
    """The `<html lang>` of pages whose words are in `code`'s translation: `code` itself when
    the words exist in it, else English, which is what those pages then say."""
    code = code or ENGLISH
    return code if base_language(code) == translator(code).lang else ENGLISH


def template_helpers(code: str) -> tuple[dict[str, object], dict[str, object]]:
    """(filters, globals) that give the theme its words in `code`: `_`, `ngettext`,
    `SITE_LANG`, and the `date_text` / `datetime_text` filters."""
    words = translator(code)
    filters = {"date_text": words.date_text, "datetime_text": words.datetime_text}
    helpers = {"_": words.gettext, "ngettext": words.ngettext, "SITE_LANG": page_lang(code)}
    return filters, helpers
