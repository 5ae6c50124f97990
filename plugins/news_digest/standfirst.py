"""The standfirst: the lead sentence a page prints above its article, which both readers miss.

News pages put their standfirst (dek, chapeau, Vorspann, entradilla) in its own box above the
article body, and readers that pick the body's container leave it out. The page says which
block it is: its meta description is the same text. So a block of the page that matches the
description, printed before the first paragraph of the content, is the standfirst.
"""

from __future__ import annotations

import re

from lxml import etree

from news_digest.text import normalize_space

MIN_CHARS = 60  # a shorter description is a slogan or a site blurb, not a lead
TRUNCATED_SHARE = 0.6  # a block may be the description's start, cut by the page's template
_ENDINGS = ".…  "
# Leaf-level holders of a standfirst; a container of other blocks is never one.
_HOLDERS = ("p", "div", "h1", "h2", "h3", "section", "span", "strong")
_BLOCKS = frozenset(("p", "div", "section", "h2", "h3", "ul", "ol", "table", "blockquote"))
HEAD_WORDS = 6  # the content's opening words, looked for in the page to place it
PROBE_WORDS = 4  # the description's opening words, looked for in the page's text
_WORD = re.compile(r"\w+")


def _matches(text: str, description: str) -> bool:
    text = text.rstrip(_ENDINGS)
    if len(text) < MIN_CHARS:
        return False
    if text == description or text.startswith(description):
        return True
    return description.startswith(text) and len(text) >= TRUNCATED_SHARE * len(description)


def _opens(text: str, head: list[str]) -> bool:
    return _WORD.findall(text[: 40 * len(head)].lower())[: len(head)] == head


def _has_block_child(el: etree._Element) -> bool:
    return any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in el)


def _is_holder(el: etree._Element) -> bool:
    return el.tag in _HOLDERS and not _has_block_child(el)


def _description_block(body: etree._Element, wanted: str) -> etree._Element | None:
    """The first leaf block of the page that says what the description says."""
    # The text nodes holding the longest of the description's first words, found by libxml2:
    # a plain substring test per node, so a page costs no walk over its blocks in Python.
    probe = max(wanted.split()[:PROBE_WORDS], key=len)
    for node in body.xpath(".//text()[contains(., $probe)]", probe=probe):
        el = node.getparent()
        if el is not None and node.is_tail:
            el = el.getparent()
        while el is not None and el is not body:
            if _is_holder(el) and _matches(normalize_space(el.text_content()), wanted):
                return el
            if _has_block_child(el):
                break  # past the leaf level: a container is never the standfirst
            el = el.getparent()
    return None


def find_standfirst(page: etree._Element, description: str, opening: str, content_text: str) -> str:
    """The page's standfirst, when it comes just before the content and is not in it, or "".

    `page` is the parsed page (chrome cut); `opening` the key (lowercase words) of the first
    block the readers kept, `content_text` the text they chose."""
    wanted = normalize_space(description).rstrip(_ENDINGS)
    head = opening.split()[:HEAD_WORDS]
    if len(wanted) < MIN_CHARS or len(head) < 2:
        return ""
    body = page.find("body")
    body = body if body is not None else page
    lead = _description_block(body, wanted)
    if lead is None:
        return ""
    text = normalize_space(lead.text_content())
    if text[:80] in normalize_space(content_text):
        return ""  # the content has it already
    before = True
    for el in body.iter(_HOLDERS):
        if el is lead:
            before = False
        elif _is_holder(el) and _opens(normalize_space(el.text_content()), head):
            # The standfirst is one only if it comes before where the content starts.
            return "" if before else text
    return ""
