"""Quality signals per item: machine translation and content-farm tells, kept as flags.

Cleaning removes the noise; the flags remember that it was there, so readers see it on the
item and the operator can hide or rank down flagged items (DIGEST_HIDE_FLAGS).
"""

from __future__ import annotations

import html as html_lib
import re

from lxml import etree

from .clean_rules import MT_BRACKET
from .extract import strip_heavy_blocks
from .language import classify
from .text import parse_fragment

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
MIXED_MAX_CHECKS = 40  # paragraphs looked at per page at most: bounded cost
# When the item's own language was detected this surely, the paragraphs that detection read
# are not classified again, and of the others only a sample is: language identification per
# paragraph was a quarter of the CPU of a night.
PAGE_SURE = 0.99
MIXED_GROUP = 4
GROUP_SURE = 0.999
LANG_READ_CHARS = 2000  # how much of an item's text its language detection reads
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


def _candidate_paragraphs(raw_text: str) -> list[str]:
    """Paragraphs long enough to judge, quotations left out, at most MIXED_MAX_CHECKS."""
    out = []
    for para in raw_text.split("\n\n"):
        para = para.strip()
        if len(para.split()) < MIXED_MIN_WORDS or para.startswith(_QUOTE_OPENERS):
            continue  # a quotation in another language is journalism, not a tell
        out.append(para)
        if len(out) >= MIXED_MAX_CHECKS:
            break
    return out


def paragraphs_to_classify(raw_text: str, text: str, lang_confidence: float) -> list[str]:
    """The raw paragraphs whose language is worth identifying.

    Unsure of the item's language: every candidate. Sure of it: those its detection did not
    read (boilerplate, the end of a long text)."""
    candidates = _candidate_paragraphs(raw_text)
    if len(candidates) < MIXED_MIN_PARAGRAPHS or lang_confidence < PAGE_SURE:
        return candidates
    read = text[:LANG_READ_CHARS]
    return [p for p in candidates if p not in read]


def _foreign_paragraphs(paragraphs: list[str], lang: str, group: int = 1) -> int:
    """Paragraphs confidently in another language than `lang`. With group > 1, paragraphs
    are first classified `group` at a time, and one by one only where a group does not read
    surely as `lang`: foreign paragraphs come in runs (footers, comment forms)."""
    count = 0
    for start in range(0, len(paragraphs), group):
        chunk = paragraphs[start:start + group]
        if len(chunk) > 1:
            code, prob = classify("\n".join(chunk))
            if code == lang and prob >= GROUP_SURE:
                continue
        for para in chunk:
            code, prob = classify(para)
            if code and code != lang and prob >= MIXED_MIN_CONFIDENCE:
                count += 1
                if count >= MIXED_MIN_PARAGRAPHS:
                    return count  # the flag is decided
    return count


# Tags that end a paragraph of the visible text, and those that end a line of one (list items,
# table rows, <br>: a list is one paragraph of lines, as html_to_text makes it); other tags go.
_VISIBLE_BLOCK = re.compile(
    r"</?(?:address|article|aside|blockquote|caption|details|dialog|div|dl|fieldset"
    r"|figcaption|figure|footer|form|h[1-6]|header|hgroup|hr|main|nav|ol|p|pre|section"
    r"|summary|table|tbody|tfoot|thead|ul)\b[^<>]*>", re.I)
_VISIBLE_LINE = re.compile(r"</?(?:li|tr|dt|dd)\b[^<>]*>", re.I)
_VISIBLE_BR = re.compile(r"<br\b[^<>]*>", re.I)
_VISIBLE_CELL = re.compile(r"</?t[dh]\b[^<>]*>", re.I)  # a space, so cells do not glue words
_VISIBLE_BR_RUN = re.compile(r"<br\b[^<>]*>(?:\s*<br\b[^<>]*>)+", re.I)  # a blank line
# [^<>]: a "<" never starts a scan past the next one, so a page of stray "<" stays linear.
_VISIBLE_TAG = re.compile(r"<[^<>]*>")
_HEAD_END = re.compile(r"</head\s*>", re.I)
_PARAGRAPH_MARK, _LINE_MARK = "\x01", "\x02"
_PARAGRAPH_RUN = re.compile(r"[ \x02]*\x01[ \x01\x02]*")
_LINE_RUN = re.compile(r" ?\x02[ \x02]*")


def visible_text(raw_html: str) -> str:
    """The text of a page or feed HTML before cleaning, as the flags read it: paragraphs split
    by a blank line at block tags, list items and table rows by a line.

    Made with a few linear regex passes, not an HTML parse and tree walk: a whole page's text
    is only searched for tells here, and the walk cost a tenth of a night's CPU."""
    if not raw_html:
        return ""
    page = strip_heavy_blocks(raw_html[:RAW_MAX_CHARS])
    head_end = _HEAD_END.search(page)
    if head_end:
        page = page[head_end.end():]
    page = page.replace(_PARAGRAPH_MARK, " ").replace(_LINE_MARK, " ")
    page = _VISIBLE_BR.sub(_LINE_MARK, _VISIBLE_BR_RUN.sub(_PARAGRAPH_MARK, page))
    page = _VISIBLE_BLOCK.sub(_PARAGRAPH_MARK, page)
    page = _VISIBLE_CELL.sub(" ", _VISIBLE_LINE.sub(_LINE_MARK, page))
    page = html_lib.unescape(_VISIBLE_TAG.sub("", page))
    # One whitespace collapse for the page, then each run of marks becomes one break.
    page = _LINE_RUN.sub("\n", _PARAGRAPH_RUN.sub("\n\n", " ".join(page.split())))
    return page.strip()


def quality_flags(raw_html: str, content_html: str, text: str, lang: str, *,
                  raw_text: str | None = None, lang_confidence: float = 0.0) -> tuple[str, ...]:
    """Flags for one item, from the page (or feed) HTML before cleaning and the result after.

    `raw_text` is visible_text(raw_html) when the caller already has it; `lang_confidence` is
    how sure the detection of `lang` was (language.identify), which spares paragraph checks."""
    flags = []
    if raw_text is None:
        raw_text = visible_text(raw_html)
    if lang and lang != "en" and MT_BRACKET.search(raw_text):
        flags.append(FLAG_MT)
    if lang:
        paragraphs = paragraphs_to_classify(raw_text, text, lang_confidence)
        group = MIXED_GROUP if lang_confidence >= PAGE_SURE else 1
        if _foreign_paragraphs(paragraphs, lang, group) >= MIXED_MIN_PARAGRAPHS:
            flags.append(FLAG_MIXED)
    if len(text) < SHORT_CHARS:
        flags.append(FLAG_SHORT)
    if _link_share(content_html) > LINK_SHARE:
        flags.append(FLAG_LINKS)
    return tuple(flags)
