"""The two main-content readers, run on one parsed page: readability-lxml and trafilatura.

The page is parsed once; each reader gets its own copy (both edit the tree they are given).
readability's own parse runs lxml_html_clean's Cleaner, whose javascript-link scrubbing is a
quarter of its time and useless here (every fragment goes through the nh3 allow-list later),
so it is given the already-parsed tree with scripts, styles and comments cut instead.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable
from functools import lru_cache

from lxml import etree
from readability import Document

from news_digest.clean_rules import REGION_TAGS

log = logging.getLogger(__name__)

@lru_cache(maxsize=1)
def _trafilatura() -> tuple[Callable | None, Callable | None]:
    """(bare_extraction, convert_to_html), imported on first use: the import takes a second,
    which commands that never read a page should not pay. (None, None) when it is missing."""
    try:  # the second reader is a dependency, but a missing one must not stop extraction
        from trafilatura import bare_extraction
        from trafilatura.htmlprocessing import convert_to_html
    except ImportError:  # pragma: no cover - exercised only on a broken install
        return None, None
    return bare_extraction, convert_to_html


# The cleaner's page regions (navigation, side columns, footers), but for <form>: some sites wrap
# the whole page in one, and the size check below is not meant to judge a wrapper.
_REGION_TAGS = tuple(sorted(REGION_TAGS - {"form"}))
PROTECT_SHARE = 0.4
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Never article text, in any reader's view; cut before either reads the page.
_DEAD_TAGS = ("script", "style", "link", "noscript", "template", "svg", "canvas", "embed",
              "iframe", "textarea", "input", "math")
# Controls and fallback boxes are cut too, unless one holds much of the page's text: then the
# parser nested the page in it (an unclosed <button> takes everything after it), and only the
# tag goes.
_CONTROL_TAGS = ("button", "select", "object")


def prepare_tree(doc: etree._Element) -> etree._Element:
    """Cut hidden elements, scripts, styles, comments and form controls from a parsed page."""
    for el in doc.xpath("//*[@hidden]"):
        if el.getparent() is not None:
            el.drop_tree()
    for el in doc.xpath("//*[@style]"):
        if el.getparent() is not None and _HIDDEN_STYLE.search(el.get("style", "")):
            el.drop_tree()
    etree.strip_elements(doc, *_DEAD_TAGS, etree.Comment, etree.ProcessingInstruction,
                         with_tail=False)
    body = doc.find("body")
    body = body if body is not None else doc
    total = len(body.text_content())
    for el in list(body.iter(*_CONTROL_TAGS)):
        if el.getparent() is None:
            continue
        if len(el.text_content()) > PROTECT_SHARE * total:
            el.drop_tag()
        else:
            el.drop_tree()
    # Navigation, side columns and footers go before either reader walks the page (a good part
    # of their time), unless one holds much of the page's text: then it is the article in an
    # unlucky wrapper.
    for el in list(body.iter(*_REGION_TAGS)):
        if el.getparent() is not None and len(el.text_content()) <= PROTECT_SHARE * total:
            el.drop_tree()
    return doc


# Whitespace that readability's clean() rewrites: a run of two or more, or one that is not a space.
_IRREGULAR_SPACE = re.compile(r"\s{2,}|[^\S ]")
_LONG_RUN = 255  # clean() first cuts runs this long to this many spaces


def _run_length(run: str) -> int:
    """Length of a whitespace run (inside the text) once readability's clean() is done with it."""
    if len(run) >= _LONG_RUN or "\n" in run:
        return 1  # a newline run becomes "\n"; a long run, 255 spaces and then one
    # A tab alone becomes a space; a space followed by more spaces or tabs becomes one space;
    # any other whitespace character (no-break space, \r...) is left alone.
    length, collapsed = 0, False
    for char in run:
        if char == "\t":
            length += not collapsed
        elif char == " ":
            length += not collapsed
            collapsed = True
        else:
            length += 1
            collapsed = False
    return length


def clean_length(text: str) -> int:
    """len(readability.readability.clean(text)), without building the cleaned string.

    readability measures every candidate container's text this way, nested containers over
    and over; its three regex rewrites are a third of its time on a page."""
    text = text.strip()
    length = len(text)
    # Every whitespace character but the space is unprintable: most link texts need no scan.
    if text.isprintable() and "  " not in text:
        return length
    for match in _IRREGULAR_SPACE.finditer(text):
        run = match.group()
        length -= len(run) - _run_length(run)
    return length


class _ParsedDocument(Document):
    """readability's Document on a tree we parsed: each of its passes gets a fresh copy."""

    def __init__(self, tree: etree._Element) -> None:
        super().__init__("")
        self._tree = tree

    def _parse(self, input: object) -> etree._Element:  # noqa: A002 - readability's signature
        self.encoding = "utf-8"
        return copy.deepcopy(self._tree)

    def get_link_density(self, elem: etree._Element) -> float:
        """readability's own link density, its text lengths measured by clean_length()."""
        links = sum(clean_length(a.text_content() or "") for a in elem.findall(".//a"))
        return float(links) / max(clean_length(elem.text_content() or ""), 1)


def readability_html(tree: etree._Element) -> str:
    """readability-lxml's main content of a prepared page, as an HTML fragment."""
    return _ParsedDocument(tree).summary(html_partial=True)


def trafilatura_content(
    tree: etree._Element, url: str = "", thorough: bool = False
) -> etree._Element | None:
    """trafilatura's main content of a prepared page as an HTML <body> element, or None (also
    when trafilatura is unavailable). An element, not a string: the merge reads it as it is.

    `thorough` lets trafilatura try its own fallbacks (a readability port and jusText) when its
    main pass finds little; that costs a third more time, so it is asked for only on pages where
    the quick pass and readability disagree.
    """
    extractor, to_html = _trafilatura()
    if extractor is None:
        return None
    try:
        # bare_extraction, not extract(): extract() also hashes the text for deduplication and
        # serializes to a string. It works on its own copy of a tree it is given (since 2.3).
        document = extractor(
            tree, url=url or None, fast=not thorough, include_comments=False,
            include_tables=True, include_links=False, include_images=False,
        )
        if document is None or document.body is None:
            return None
        return to_html(document.body).find("body")
    except Exception as exc:  # the second opinion is optional: never let it fail the page
        log.debug("trafilatura failed on %s: %s", url or "<page>", exc)
        return None
