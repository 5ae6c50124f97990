"""The story timeline: well-formed SVG, one row per source, escaped names, 320-unit viewBox."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from news_digest.timeline import PAD, WIDTH, label, timeline_rows, timeline_svg
from news_digest.views import HealthView, ItemView, SourceView, StoryView

SVG = "{http://www.w3.org/2000/svg}"
T0 = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
HOSTILE = '</svg><script>alert(1)</script>"\' & <b>bold</b>\x00\x0b'


def source(title: str, n: int) -> SourceView:
    return SourceView(title=title, slug=f"s{n}", url=f"sources/s{n}.html", site_url="",
                      feed_url=f"https://s{n}.example/rss", topic="World", lang="en",
                      republish=False, health=HealthView())


def item(src: SourceView, hours: float, title: str = "Bridge plan", key: str = "") -> ItemView:
    key = key or f"{src.slug}-{hours}"
    return ItemView(title=title, url=f"https://{src.slug}.example/{key}", source=src, lang="en",
                    published=T0 + timedelta(hours=hours), author="", summary="",
                    content_html="", anchor=f"item-{key}", key=key)


def story(items: list[ItemView]) -> StoryView:
    times = [i.published for i in items]
    sources = list({i.source.slug: i.source for i in items}.values())
    return StoryView(id="0123456789abcdef", slug="bridge", title="Bridge", summary="",
                     created=min(times), updated=max(times), items=items, sources=sources,
                     source_count=len(sources), langs=["en"], topic_name="World")


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on malformed XML
    assert root.tag == f"{SVG}svg"
    return root


def rows_of(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "timeline-row"]


def test_one_row_per_source_first_publisher_first_and_marks_in_time_order():
    a, b, c = source("Alpha", 1), source("Beta", 2), source("Gamma", 3)
    view = story([item(b, 5), item(a, 0), item(c, 2), item(a, 8), item(b, 1)])
    root = parse(timeline_svg(view))
    rows = rows_of(root)
    assert len(rows) == 3
    names = [r.find(f"{SVG}text").text for r in rows]
    assert names == ["Alpha", "Beta", "Gamma"]  # first articles at 0h, 1h, 2h
    assert [r.source for r in timeline_rows(view)] == names
    marks = {name: [float(c.get("cx")) for c in r.iter(f"{SVG}circle")]
             for name, r in zip(names, rows, strict=True)}
    assert len(marks["Alpha"]) == 2 and len(marks["Beta"]) == 2 and len(marks["Gamma"]) == 1
    assert marks["Alpha"] == sorted(marks["Alpha"])
    # The first article is at the left edge, the last at the right, the rest in proportion.
    assert marks["Alpha"][0] == PAD and marks["Alpha"][1] == WIDTH - PAD
    assert marks["Gamma"][0] == PAD + (WIDTH - 2 * PAD) * 2 / 8
    # Each mark says what it is on hover.
    tips = [t.text for t in root.iter(f"{SVG}title")][1:]
    assert tips[0].startswith("Alpha: Bridge plan (23 Nov 06:00 UTC)")


def test_fits_a_320px_screen_and_has_an_accessible_name():
    view = story([item(source("A very long source name " * 5, 1), 0),
                  item(source("B", 2), 30)])
    svg = timeline_svg(view)
    root = parse(svg)
    assert root.get("viewBox").startswith(f"0 0 {WIDTH} ") and WIDTH == 320
    assert root.get("width") == "100%" and root.get("height") is None
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert root.get("aria-labelledby") == title.get("id")
    assert title.text == label(view) == ("Timeline: 2 articles from 2 sources, "
                                         "23 Nov 06:00 to 24 Nov 12:00 UTC")
    desc = root.find(f"{SVG}desc")
    assert root.get("aria-describedby") == desc.get("id")
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    for el in root.iter():
        for attr in ("x", "x1", "x2", "cx"):
            if el.get(attr) is not None:
                assert 0 <= float(el.get(attr)) <= width, (el.tag, attr, el.get(attr))
        for attr in ("y", "y1", "y2", "cy"):
            if el.get(attr) is not None:
                assert 0 <= float(el.get(attr)) <= height, (el.tag, attr, el.get(attr))
    # A long name is cut to fit; the text table on the page has it whole.
    assert len(rows_of(root)[0].find(f"{SVG}text").text) <= 44


def test_no_script_no_inline_style_and_colours_follow_the_theme():
    svg = timeline_svg(story([item(source("A", 1), 0), item(source("B", 2), 1)]))
    root = parse(svg)
    assert "<script" not in svg and "style" not in svg.replace("stroke", "")
    for el in root.iter():
        assert not any(k.startswith("on") or k == "style" for k in el.attrib), el.attrib
        for attr in ("fill", "stroke"):
            assert el.get(attr) in (None, "none", "currentColor"), (el.tag, el.attrib)


def test_hostile_source_names_and_titles_stay_text():
    bad = source(HOSTILE, 1)
    view = story([item(bad, 0, title=HOSTILE), item(source("Fine", 2), 1, title=HOSTILE)])
    svg = timeline_svg(view)
    root = parse(svg)
    assert "<script" not in svg and "<b>" not in svg and "</svg><" not in svg[:-6]
    name = rows_of(root)[0].find(f"{SVG}text").text
    assert name.startswith('</svg><script>alert(1)</script>"\' & <b>bold')  # as text
    assert "\x00" not in svg and "\x0b" not in svg
    assert svg.count("<svg") == 1 and svg.endswith("</svg>")


def test_copies_are_hollow_marks():
    a, b = source("A", 1), source("B", 2)
    original = item(a, 0)
    copy = item(b, 2)
    copy.copy_of, copy.copy_kind = original, "syndicated"
    root = parse(timeline_svg(story([original, copy])))
    circles = list(root.iter(f"{SVG}circle"))
    assert [c.get("class") for c in circles] == ["timeline-mark", "timeline-mark is-copy"]
    assert circles[1].get("fill") == "none"
    assert [m.copy for r in timeline_rows(story([original, copy])) for m in r.marks] == [
        False, True]


def test_articles_at_one_moment_sit_in_the_middle():
    view = story([item(source("A", 1), 3), item(source("B", 2), 3)])
    root = parse(timeline_svg(view))
    assert {c.get("cx") for c in root.iter(f"{SVG}circle")} == {str(WIDTH // 2)}


@given(st.lists(st.tuples(st.text(min_size=1, max_size=60), st.integers(0, 500)),
                min_size=1, max_size=8))
def test_any_names_give_well_formed_svg_with_one_row_per_source(entries):
    sources = [source(name, n) for n, (name, _) in enumerate(entries)]
    view = story([item(s, hours, title=s.title) for s, (_, hours) in zip(sources, entries,
                                                                         strict=True)])
    root = parse(timeline_svg(view))
    assert len(rows_of(root)) == len(sources)
    assert not re.search(r"<(?!/?(svg|title|desc|g|text|line|circle)\b)", timeline_svg(view))


def test_the_chart_speaks_the_sites_language():
    from news_digest.i18n import translator

    view = story([item(source("A", 1), 0), item(source("B", 2), 30)])
    root = parse(timeline_svg(view, translator("fr")))
    assert root.find(f"{SVG}title").text == (
        "Chronologie : 2 articles de 2 sources, du 23 nov. 06:00 au 24 nov. 12:00 UTC")
    assert root.find(f"{SVG}desc").text.startswith("Une ligne par source")
