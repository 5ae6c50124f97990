"""Quality signals per item: machine translation and content-farm tells, kept as flags.

Cleaning removes the noise; the flags remember that it was there, so readers see it on the
item and the operator can hide or rank down flagged items (DIGEST_HIDE_FLAGS).
"""

from __future__ import annotations

from lxml import etree

from .clean_rules import MT_BRACKET
from .language import classify
from .text import html_to_text, parse_fragment

FLAG_MT = "machine-translation"  # untranslated bracketed words left in a translated text
FLAG_MIXED = "mixed-language"  # whole paragraphs in another language than the article
FLAG_SHORT = "very-short"  # barely more than a headline
FLAG_LINKS = "mostly-links"  # the text is mostly link text (link farms, aggregator stubs)
FLAGS = (FLAG_MT, FLAG_MIXED, FLAG_SHORT, FLAG_LINKS)
FLAG_LABELS = {
    FLAG_MT: "possibly machine-translated",
    FLAG_MIXED: "mixed languages",
    FLAG_SHORT: "very short",
    FLAG_LINKS: "mostly links",
}

SHORT_CHARS = 280
LINK_SHARE = 0.5
MIXED_MIN_WORDS = 5
MIXED_MIN_PARAGRAPHS = 2
MIXED_MIN_CONFIDENCE = 0.9
MIXED_MAX_CHECKS = 40  # paragraphs classified per page at most: bounded cost
RAW_MAX_CHARS = 500_000
_QUOTE_OPENERS = ("“", "«", '"', "„", "‘")


def _link_share(html: str) -> float:
    root = parse_fragment(html) if html else None
    if root is None:
        return 0.0
    total = len(" ".join(root.itertext()).split())
    links = sum(len(" ".join(a.itertext()).split()) for a in root.iter("a")
                if isinstance(a, etree._Element))
    return links / total if total else 0.0


def _foreign_paragraphs(raw_text: str, lang: str) -> int:
    count = checked = 0
    for para in raw_text.split("\n\n"):
        para = para.strip()
        if len(para.split()) < MIXED_MIN_WORDS or para.startswith(_QUOTE_OPENERS):
            continue  # a quotation in another language is journalism, not a tell
        checked += 1
        if checked > MIXED_MAX_CHECKS:
            break
        code, prob = classify(para)
        if code and code != lang and prob >= MIXED_MIN_CONFIDENCE:
            count += 1
    return count


def quality_flags(raw_html: str, content_html: str, text: str, lang: str) -> tuple[str, ...]:
    """Flags for one item, from the page (or feed) HTML before cleaning and the result after."""
    flags = []
    raw_text = html_to_text(raw_html[:RAW_MAX_CHARS]) if raw_html else ""
    if lang and lang != "en" and MT_BRACKET.search(raw_text):
        flags.append(FLAG_MT)
    if lang and _foreign_paragraphs(raw_text, lang) >= MIXED_MIN_PARAGRAPHS:
        flags.append(FLAG_MIXED)
    if len(text) < SHORT_CHARS:
        flags.append(FLAG_SHORT)
    if _link_share(content_html) > LINK_SHARE:
        flags.append(FLAG_LINKS)
    return tuple(flags)
