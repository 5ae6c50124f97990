"""Merging two readers' main content: agreement, leads, inner gaps, tails and disagreement."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from news_digest.consensus import AGREED, blocks_of, merge_blocks
from news_digest.text import html_to_text


def para(n: int, topic: str = "harbour") -> str:
    """A distinct paragraph of a dozen words."""
    return (f"<p>Paragraph {n} tells how the {topic} council voted on item {n} of the plan "
            f"after a long debate.</p>")


def merge_extractions(*args: str) -> tuple[str, str]:
    merge = merge_blocks(*args)
    return merge.html, merge.how


def texts(html: str) -> list[str]:
    return [line for line in html_to_text(html).split("\n\n") if line]


def test_blocks_follow_document_order_and_keep_lists_whole() -> None:
    html = "<div><h2>Head</h2><div><p>One two.</p><ul><li>a</li><li>b</li></ul></div></div>"
    blocks = blocks_of(html)
    assert [b.key for b in blocks] == ["head", "one two", "a b"]
    assert [b.el.tag for b in blocks] == ["h2", "p", "ul"]


def test_container_with_loose_text_is_one_block() -> None:
    blocks = blocks_of("<div>Loose text<br>more <p>inner para</p></div>")
    assert len(blocks) == 1 and blocks[0].key == "loose text more inner para"


def test_agreement_keeps_shared_blocks_once() -> None:
    body = "".join(para(i) for i in range(5))
    merged, how = merge_extractions(f"<div>{body}</div>", body)
    assert how == AGREED
    assert len(texts(merged)) == 5


def test_lead_only_one_reader_found_is_kept() -> None:
    shared = "".join(para(i) for i in range(1, 6))
    lead = "<p>The standfirst that readability skipped, a full sentence long, is kept.</p>"
    merged, how = merge_extractions(shared, lead + shared)
    assert how == AGREED
    assert texts(merged)[0].startswith("The standfirst")


def test_paragraph_missing_in_the_middle_is_kept() -> None:
    first = "".join(para(i) for i in range(3))
    rest = "".join(para(i) for i in range(4, 7))
    merged, _ = merge_extractions(first + para(3) + rest, first + rest)
    assert "item 3 of the plan" in html_to_text(merged)


def test_tail_only_one_reader_kept_is_dropped() -> None:
    body = "".join(para(i) for i in range(5))
    tail = "<ul><li>Related: ten other stories</li><li>Sign up for our newsletter</li></ul>"
    merged, how = merge_extractions(body, body + tail)
    assert how == AGREED
    assert "Related" not in html_to_text(merged)


def test_same_text_split_differently_is_not_doubled() -> None:
    whole = "<p>One long paragraph about the vote, its reasons and what comes next.</p>"
    split = "<p>One long paragraph about the vote,</p><p>its reasons and what comes next.</p>"
    merged, _ = merge_extractions(para(0) + whole + para(9), para(0) + split + para(9))
    assert html_to_text(merged).count("its reasons") == 1


def test_disagreement_prefers_second_reader_unless_primary_is_clearly_longer() -> None:
    article = "".join(para(i, "river") for i in range(6))
    teaser = "".join(para(i, "museum") for i in range(5))
    merged, how = merge_extractions(teaser, article)
    assert how == "second:disagree" and "river" in html_to_text(merged)
    merged, how = merge_extractions(article + article.replace("river", "lake"), teaser)
    assert how == "primary:longer" and "museum" not in html_to_text(merged)


def test_one_huge_block_is_a_page_dump_and_loses() -> None:
    dump = "<div>" + " ".join(["Menu Home News Sport Weather Contact"] * 40) + "</div>"
    article = "".join(para(i) for i in range(3))
    merged, how = merge_extractions(article, dump)
    assert how == "primary" and "Weather" not in html_to_text(merged)


def test_empty_sides() -> None:
    assert merge_extractions("", "")[0] == ""
    assert merge_extractions(para(1), "")[1] == "primary"
    merged, how = merge_extractions("", para(1))
    assert how == "second" and "item 1" in html_to_text(merged)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_merge_never_raises_on_arbitrary_markup(a: str, b: str) -> None:
    merged, how = merge_extractions(a, b)
    assert isinstance(merged, str) and how


def test_a_short_label_only_one_reader_kept_is_dropped() -> None:
    first, rest = para(0) + para(1), para(2) + para(3)
    merged, how = merge_extractions(first + "<p>Don't miss</p>" + rest, first + rest)
    assert how == AGREED and "miss" not in html_to_text(merged)


def test_a_caption_box_stays_whole_for_the_cleaner() -> None:
    box = '<div class="wp-caption"><p>The old display room, now empty.</p></div>'
    blocks = blocks_of(para(0) + box + para(1))
    assert [b.el.tag for b in blocks] == ["p", "div", "p"]
    assert blocks[1].el.get("class") == "wp-caption"


def test_when_readers_disagree_the_reading_about_the_page_title_wins() -> None:
    article = "".join(para(i, "harbour bridge") for i in range(5))
    sidebar = "".join(para(i, "museum garden") for i in range(12))  # longer, off topic
    about = "Harbour bridge: the council votes on the rebuilding plan"
    merged, how = merge_extractions(sidebar, article, about)
    assert how == "second:on-topic" and "bridge" in html_to_text(merged)
    merged, how = merge_extractions(sidebar, article)  # without the hint, length decides
    assert how == "primary:longer"


def test_a_prose_paragraph_in_a_one_reader_tail_is_kept() -> None:
    body = "".join(para(i) for i in range(5))
    last = ("<p>In the end the council agreed to meet again in March, when the engineers will "
            "present the costs of both designs and residents will be able to comment on them "
            "before the final vote.</p>")
    teaser = "<p>Read next: the mayor's budget plan</p>"
    merged, how = merge_extractions(body, body + last + teaser)
    assert how == AGREED
    text = html_to_text(merged)
    assert "meet again in March" in text and "Read next" not in text
