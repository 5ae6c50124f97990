"""The demo site in a real browser (Debian's Chromium under Playwright): every page type at a
phone and a desktop width, in the light and the dark scheme, scrolls only vertically, logs no
error, breaks no CSP rule and has no serious or critical axe-core finding; the front page's
stories are reachable with the keyboard; search finds stories in French and in English.

Screenshots and axe summaries go to $NEWS_DIGEST_ARTIFACTS (default tests/artifacts/):
screenshots/<page>-<width>-<scheme>.png and axe/<page>-<width>-<scheme>.json.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from lxml import html as lxml_html

from news_digest.cli import main

from browserkit import (
    PageWatcher,
    axe_summary,
    focus_sequence,
    launch_chromium,
    missing_browser_tools,
    serve_directory,
)

REPO = Path(__file__).resolve().parent.parent
CONF = REPO / "pelicanconf.py"
ARTIFACTS = Path(os.environ.get("NEWS_DIGEST_ARTIFACTS", REPO / "tests" / "artifacts"))
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")
PAGE_TYPES = ("front", "day", "story", "topic", "source", "search", "health", "about")
# Pagefind's default UI and its JS API both give a search field; results are links.
SEARCH_FIELD = "input[type=search], [role=searchbox], input.pagefind-ui__search-input"
SEARCHES = {
    "fr": ("Pyrénées", "les-glaciers-des-pyrenees-ont-perdu-20-de-leur-surface-en.html"),
    "en": ("pollock quota", "fishing-fleet-faces-new-cuts-to-pollock-quota.html"),
}


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The bundled demo, ingested and built once for every browser test."""
    tmp = tmp_path_factory.mktemp("browser-demo")
    store, out = tmp / "store.sqlite", tmp / "output"
    assert main(["ingest", "--settings", str(CONF), "--store", str(store)]) == 0
    assert main(["build", "--settings", str(CONF), "--store", str(store),
                 "--output", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def page_paths(demo_site) -> dict[str, str]:
    """One real page of each type, picked from the front page: its lead story, that story's
    topic and first source, and the newest day."""
    front = lxml_html.fromstring((demo_site / "index.html").read_bytes())
    lead = front.cssselect("article.story.lead")[0]
    days = sorted(p.name for p in (demo_site / "days").glob("*.html"))
    paths = {
        "front": "index.html",
        "day": f"days/{days[-1]}",
        "story": lead.cssselect(".headline a")[0].get("href"),
        "topic": lead.cssselect(".kicker a")[0].get("href"),
        "source": lead.cssselect(".sources a")[0].get("href"),
        "search": "search.html",
        "health": "health.html",
        "about": "about.html",
    }
    assert set(paths) == set(PAGE_TYPES)
    return {kind: path.removeprefix("./") for kind, path in paths.items()}


@pytest.fixture(scope="session")
def base_url(demo_site):
    with serve_directory(demo_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    reason = missing_browser_tools()
    if reason:
        # scripts/install_test_deps.sh installs them: a missing tool fails, never skips.
        pytest.fail(reason)
    with launch_chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def open_page(browser):
    """Opens a watched page at a width and colour scheme. One browser context per width and
    scheme serves every test (a context costs more to make than a page)."""
    contexts: dict = {}

    def open_page(url: str, width: int, scheme: str):
        if (width, scheme) not in contexts:
            contexts[width, scheme] = browser.new_context(
                viewport={"width": width, "height": 800}, color_scheme=scheme,
                reduced_motion="reduce")
        page = contexts[width, scheme].new_page()
        watcher = PageWatcher(page)
        response = page.goto(url, wait_until="load")
        if response is None or not response.ok:
            page.close()
            pytest.fail(f"{url}: HTTP {response and response.status}")
        return page, watcher

    yield open_page
    for context in contexts.values():
        context.close()


def _artifact(kind: str, name: str) -> Path:
    path = ARTIFACTS / kind / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_renders_cleanly(open_page, base_url, page_paths, kind, width, scheme):
    page, watcher = open_page(f"{base_url}/{page_paths[kind]}", width, scheme)
    try:
        name = f"{kind}-{width}-{scheme}"
        page.screenshot(path=_artifact("screenshots", f"{name}.png"), full_page=True)
        report = watcher.report()
        _artifact("axe", f"{name}.json").write_text(
            json.dumps({"url": page_paths[kind], "violations": axe_summary(report.axe_violations)},
                       indent=1) + "\n")
    finally:
        page.close()
    assert report.problems() == [], f"{page_paths[kind]} at {width}px, {scheme}"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_front_page_story_is_reachable_with_the_keyboard(open_page, base_url, demo_site,
                                                               width):
    front = lxml_html.fromstring((demo_site / "index.html").read_bytes())
    stories = [a.get("href") for a in front.cssselect("article.story .headline a")]
    focusable = front.xpath("//a[@href] | //button | //input | //select | //textarea"
                            " | //*[@tabindex and not(@tabindex='-1')]")
    assert len(stories) >= 10
    page, _ = open_page(f"{base_url}/index.html", width, "light")
    try:
        focused = focus_sequence(page, presses=len(focusable) + 2)
    finally:
        page.close()
    assert focused and focused[0]["href"] == "#content", "the skip link comes first"
    reached = [f["href"] for f in focused if f["headline"]]
    assert reached == stories, "each story headline link gets focus once, in reading order"
    unoutlined = [f["href"] for f in focused if not f["outlined"]]
    assert unoutlined == [], "focused elements show an outline"


@pytest.mark.parametrize("lang", sorted(SEARCHES))
def test_search_finds_the_story(open_page, base_url, page_paths, lang):
    query, story = SEARCHES[lang]
    page, watcher = open_page(f"{base_url}/{page_paths['search']}", 1280, "light")
    try:
        field = page.locator(SEARCH_FIELD).first
        field.fill(query)
        result = page.locator(f"main a[href*='{story}']").first
        result.wait_for(state="visible", timeout=10_000)
        report = watcher.report(axe=True)  # results are part of the page: check them too
        page.screenshot(path=_artifact("screenshots", f"search-results-{lang}.png"),
                        full_page=True)
    finally:
        page.close()
    assert report.problems() == [], f"search page after searching {query!r}"


def test_the_checks_catch_a_broken_page(open_page, tmp_path):
    """The same checks on a page that breaks each rule: every kind of problem is reported."""
    (tmp_path / "broken.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'style-src \'self\'; img-src \'self\'">'
        '<link rel="stylesheet" href="missing.css"><title>Broken</title></head><body>'
        '<p style="color:#ccc">inline style, blocked by the policy</p>'
        '<img src="https://images.example/x.png">'
        f'<p>{"w" * 300}</p>'  # one word wider than a phone
        '<a href="nowhere.html"></a>'
        "</body></html>")
    with serve_directory(tmp_path) as base:
        page, watcher = open_page(f"{base}/broken.html", 375, "light")
        try:
            report = watcher.report()
        finally:
            page.close()
    problems = "\n".join(report.problems())
    assert report.scroll_width > report.viewport_width
    assert "horizontal scroll" in problems
    assert "missing.css (HTTP 404)" in problems and "console error" in problems
    assert "CSP violation: img-src blocked https://images.example" in problems
    assert "CSP violation: style-src" in problems
    for rule in ("html-has-lang", "image-alt", "link-name"):
        assert f" {rule}: " in problems, rule
