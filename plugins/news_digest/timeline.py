"""A story's timeline: when each source published, one row per source, as inline SVG.

Pure: the same story view gives the same SVG string. The SVG is built with ElementTree, so
every source name and headline is escaped; it carries no script and no style attribute (the
site's Content-Security-Policy forbids inline styles): colours come from classes in style.css,
with presentation attributes (`currentColor`) as the fallback. A fixed 320-unit-wide viewBox
drawn at 100% width keeps it readable on a 320 px screen without horizontal scrolling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree as ET

from .i18n import Translator
from .views import StoryView

WIDTH = 320  # viewBox units: one unit is one CSS pixel on a 320 px screen
PAD = 8
ROW = 30  # height of one source's row: its name above its track
AXIS = 26  # the time axis below the rows
LABEL_CHARS = 44  # longer source names are cut (the table below the chart has them whole)
SVG_NS = "http://www.w3.org/2000/svg"
ENGLISH = Translator()
DESCRIPTION = ("One row per source; each dot is an article at its publication time (hollow: a "
               "copy of another source's article). The same times are listed below.")
# Characters XML 1.0 does not allow (a feed's title may carry them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Mark:
    """One article at its published time."""

    when: datetime
    title: str
    anchor: str  # its id on the story page
    copy: bool  # a copy of another source's article


@dataclass(frozen=True)
class Row:
    """One source's articles, oldest first."""

    source: str
    marks: tuple[Mark, ...]


def timeline_rows(view: StoryView) -> list[Row]:
    """One row per source, the first to publish first (then by name: deterministic)."""
    by_source: dict[str, list[Mark]] = {}
    names: dict[str, str] = {}
    for iv in sorted(view.items, key=lambda i: (i.published, i.key)):
        key = iv.source.feed_url or iv.source.title
        names.setdefault(key, iv.source.title or iv.source.feed_url)
        by_source.setdefault(key, []).append(
            Mark(when=iv.published, title=iv.title, anchor=iv.anchor, copy=iv.copy_of is not None))
    rows = [Row(source=names[k], marks=tuple(marks)) for k, marks in by_source.items()]
    rows.sort(key=lambda r: (r.marks[0].when, r.source.lower(), r.source))
    return rows


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _cut(text: str, limit: int) -> str:
    text = " ".join(_clean(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _when(d: datetime, words: Translator) -> str:
    return f"{d.day} {words.months_short[d.month - 1]} {d:%H:%M}"


def _span(rows: list[Row]) -> tuple[datetime, datetime]:
    times = [m.when for r in rows for m in r.marks]
    return min(times), max(times)


def _x(when: datetime, start: datetime, end: datetime) -> float:
    width = WIDTH - 2 * PAD
    if end <= start:
        return WIDTH / 2
    return round(PAD + width * (when - start).total_seconds() / (end - start).total_seconds(), 2)


def _num(value: float) -> str:
    return f"{value:g}"


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    if text:
        el.text = _clean(text)
    return el


def label(view: StoryView, words: Translator = ENGLISH, rows: list[Row] | None = None) -> str:
    """The chart's accessible name: what it shows, in one sentence, in the site's words."""
    rows = rows if rows is not None else timeline_rows(view)
    start, end = _span(rows) if rows else (view.created, view.updated)
    count = sum(len(r.marks) for r in rows)
    return words.gettext(
        "Timeline: %(articles)s from %(sources)s, %(start)s to %(end)s UTC",
        articles=words.ngettext("%(n)s article", "%(n)s articles", count),
        sources=words.ngettext("%(n)s source", "%(n)s sources", len(rows)),
        start=_when(start, words), end=_when(end, words))


def timeline_svg(view: StoryView, words: Translator = ENGLISH) -> str:
    """The timeline of a story as an SVG element (a string), ready to inline in HTML."""
    rows = timeline_rows(view)
    height = PAD + ROW * len(rows) + AXIS
    base = f"timeline-{_clean(view.id)[:16]}"
    svg = ET.Element("svg", {
        "xmlns": SVG_NS, "viewBox": f"0 0 {WIDTH} {height}", "width": "100%",
        "class": "timeline-chart", "role": "img", "aria-labelledby": f"{base}-title",
        "aria-describedby": f"{base}-desc", "focusable": "false",
    })
    _sub(svg, "title", label(view, words, rows), id=f"{base}-title")
    _sub(svg, "desc", words.gettext(DESCRIPTION), id=f"{base}-desc")
    if not rows:
        return ET.tostring(svg, encoding="unicode")
    start, end = _span(rows)
    for n, row in enumerate(rows):
        top = PAD + n * ROW
        g = _sub(svg, "g", **{"class": "timeline-row"})
        _sub(g, "text", _cut(row.source, LABEL_CHARS), x=_num(PAD), y=_num(top + 11),
             font_size="11", fill="currentColor", **{"class": "timeline-label"})
        track = top + 21
        _sub(g, "line", x1=_num(PAD), y1=_num(track), x2=_num(WIDTH - PAD), y2=_num(track),
             stroke="currentColor", stroke_opacity="0.3", **{"class": "timeline-track"})
        for mark in row.marks:
            dot = _sub(g, "circle", cx=_num(_x(mark.when, start, end)), cy=_num(track), r="4",
                       fill="none" if mark.copy else "currentColor", stroke="currentColor",
                       stroke_width="1.5",
                       **{"class": "timeline-mark" + (" is-copy" if mark.copy else "")})
            _sub(dot, "title", f"{row.source}: {mark.title} ({_when(mark.when, words)} UTC)")
    axis = PAD + ROW * len(rows) + 4
    _sub(svg, "line", x1=_num(PAD), y1=_num(axis), x2=_num(WIDTH - PAD), y2=_num(axis),
         stroke="currentColor", **{"class": "timeline-axis"})
    if end > start:
        _sub(svg, "text", _when(start, words), x=_num(PAD), y=_num(axis + 15), font_size="10",
             fill="currentColor", **{"class": "timeline-tick"})
    _sub(svg, "text", _when(end, words) + " UTC", x=_num(WIDTH - PAD if end > start else WIDTH / 2),
         y=_num(axis + 15), font_size="10", fill="currentColor",
         text_anchor="end" if end > start else "middle", **{"class": "timeline-tick"})
    return ET.tostring(svg, encoding="unicode")
