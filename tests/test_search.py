"""The search page and its Pagefind index, from whole builds of the bundled demo."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from pathlib import Path

from lxml import html as lxml_html

from news_digest.cli import main
from news_digest.pagefind_canon import SIGNATURE, canonicalize, pagefind_bytes, read_pagefind
from news_digest.search import PAGES_FILE, build_search_index, page_langs, page_month

REPO = Path(__file__).resolve().parent.parent
CONF = REPO / "pelicanconf.py"
STRICT = ("default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; "
          "base-uri 'none'; form-action 'none'")
SEARCH = ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
          "connect-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
          "base-uri 'none'; form-action 'none'")


def _build(store: Path, out: Path, *extra: str) -> None:
    assert main(["build", "--settings", str(CONF), "--store", str(store), "--output", str(out),
                 *extra]) == 0


def _story_pages(out: Path) -> list[Path]:
    return sorted((out / "stories").rglob("*.html"))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _fragment_urls(bundle: Path) -> set[str]:
    urls = set()
    for path in bundle.glob("fragment/*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE)
        urls.add(json.loads(data[len(SIGNATURE):])["url"])
    return urls


def _csp(page: Path) -> list[str]:
    tree = lxml_html.fromstring(page.read_bytes())
    return [m.get("content") for m in tree.xpath("//meta[@http-equiv='Content-Security-Policy']")]


def test_the_index_covers_every_story_page_in_its_languages(demo):
    _, out = demo
    manifest = json.loads((out / "pagefind" / "languages.json").read_text())
    assert manifest["languages"] == ["en", "fr"]
    urls = {"/" + p.relative_to(out).as_posix() for p in _story_pages(out)}
    assert len(urls) > 20
    indexed: dict[str, set[str]] = {}
    for lang in manifest["languages"]:
        indexed[lang] = set()
        for month in manifest["bundles"][lang]:
            bundle = out / "pagefind" / lang / month
            entry = json.loads((bundle / "pagefind-entry.json").read_text())
            assert list(entry["languages"]) == [lang]  # one language, with its own stemmer
            assert (bundle / f"wasm.{lang}.pagefind").is_file()
            assert (bundle / "pagefind.js").is_file()
            assert (bundle / "pagefind-worker.js").is_file()
            found = _fragment_urls(bundle)
            assert entry["languages"][lang]["page_count"] == len(found)
            assert all(page_month(url) == month for url in found)  # a bundle per month
            indexed[lang] |= found
    assert set().union(*indexed.values()) == urls
    # Each page is in the bundle of each language its story is covered in.
    for page in _story_pages(out):
        langs = set(page_langs(page.read_bytes(), "en"))
        url = "/" + page.relative_to(out).as_posix()
        assert {lang for lang, found in indexed.items() if url in found} == langs, url
    assert indexed["en"] & indexed["fr"], "a story covered in both languages is in both"
    # Only what the page loads: not Pagefind's own interfaces.
    assert not list((out / "pagefind").rglob("pagefind-ui.js"))


def test_only_the_search_page_relaxes_the_content_security_policy(demo):
    _, out = demo
    pages = sorted(out.rglob("*.html"))
    assert out / "search.html" in pages
    for page in pages:
        expected = SEARCH if page == out / "search.html" else STRICT
        assert _csp(page) == [expected], page
        text = page.read_text(encoding="utf-8")
        assert "unsafe-inline" not in text and "unsafe-eval'" not in text.replace(
            "'wasm-unsafe-eval'", ""), page
        if page != out / "search.html":
            # Only data (JSON-LD), never a script that runs.
            tags = re.findall(r"<script[^>]*>", text, re.I)
            assert all(t == '<script type="application/ld+json">' for t in tags), page


def test_search_page_is_accessible_and_works_without_javascript(demo):
    _, out = demo
    tree = lxml_html.fromstring((out / "search.html").read_bytes())
    scripts = tree.xpath("//script")
    assert [(s.get("type"), s.get("src")) for s in scripts] == [("module", "./theme/js/search.js")]
    assert not [s for s in scripts if (s.text or "").strip()]  # no inline script
    assert not tree.xpath("//*[@style]")
    assert (out / "theme" / "js" / "search.js").is_file()
    # The form: a search landmark, a labelled field, labelled filters.
    form = tree.xpath("//form[@role='search']")[0]
    field = form.xpath(".//input[@type='search']")[0]
    assert form.xpath(f".//label[@for='{field.get('id')}']")
    for name in ("topic", "source", "language"):
        select = form.xpath(f".//select[@data-filter='{name}']")[0]
        assert form.xpath(f".//label[@for='{select.get('id')}']")
    assert tree.xpath("//*[@role='status' and @aria-live='polite']")
    assert tree.xpath("//ol[@id='search-results']")
    # Without JavaScript: the form stays hidden, the day, topic and source indexes are links.
    assert tree.xpath("//div[@id='site-search']")[0].get("hidden") is not None
    assert tree.xpath("//noscript")
    hrefs = {a.get("href") for a in tree.xpath("//main//a")}
    assert {"./archives.html", "./categories.html", "./sources/index.html"} <= hrefs
    assert {h for h in hrefs if h.startswith("./topics/")}
    # In the primary navigation, current here, present everywhere.
    nav = tree.xpath("//nav[@aria-label='Primary']//a[@href='./search.html']")[0]
    assert nav.get("aria-current") == "page"
    front = lxml_html.fromstring((out / "index.html").read_bytes())
    assert front.xpath("//nav[@aria-label='Primary']//a[@href='./search.html']")
    script = (REPO / "theme" / "static" / "js" / "search.js").read_text()
    for unsafe in ("innerHTML", "outerHTML", "insertAdjacentHTML", ".style", "eval("):
        assert unsafe not in script, unsafe


def test_story_pages_index_their_article_only_with_filters(demo):
    _, out = demo
    for page in _story_pages(out):
        tree = lxml_html.fromstring(page.read_bytes())
        bodies = tree.xpath("//*[@data-pagefind-body]")
        assert len(bodies) == 1, page
        body = bodies[0]
        assert body.tag == "article" and body.getparent().tag == "main"
        chrome = tree.xpath("//header[@class='site-header'] | //nav[@aria-label='Primary'] | "
                            "//footer[@class='site-footer']")
        assert len(chrome) == 3
        for element in chrome:
            assert body not in element.iterancestors() and element not in body.iter(), page
        filters = [f.split(":")[0] for f in body.xpath(".//@data-pagefind-filter")]
        assert {"topic", "source", "language"} <= set(filters), page
        assert body.get("data-story-langs")
    # Search page, day pages and indexes are not indexed.
    for other in ("index.html", "search.html", "archives.html", "categories.html"):
        assert "data-pagefind-body" not in (out / other).read_text(encoding="utf-8")


def test_index_is_reproducible_and_kept_when_no_page_changed(demo, tmp_path):
    store, out = demo
    again = tmp_path / "again"
    _build(store, again, "--full")
    assert _files(out / "pagefind") == _files(again / "pagefind")
    before = {p: p.stat().st_ino for p in (again / "pagefind").rglob("*") if p.is_file()}
    _build(store, again)  # incremental, nothing new: the same index, kept as hard links
    after = {p: p.stat().st_ino for p in (again / "pagefind").rglob("*") if p.is_file()}
    assert before == after
    assert _files(out / "pagefind") == _files(again / "pagefind")


def test_filter_files_are_written_in_one_order_whatever_pagefind_chose(demo, tmp_path):
    _, out = demo
    bundle = tmp_path / "en"
    shutil.copytree(next((out / "pagefind" / "en").iterdir()), bundle)
    reference = _files(bundle)
    # What another Pagefind run may write: values and the metadata's filter list shuffled.
    for path in sorted(bundle.glob("filter/*.pf_filter")):
        name, rows = read_pagefind(path)
        assert len(rows) > 1
        path.write_bytes(pagefind_bytes([name, list(reversed(rows))]))
    meta_path = next(bundle.glob("pagefind.*.pf_meta"))
    meta = read_pagefind(meta_path)
    meta[3] = list(reversed(meta[3]))
    meta_path.write_bytes(pagefind_bytes(meta))
    assert _files(bundle) != reference
    canonicalize(bundle)
    assert _files(bundle) == reference


def test_story_languages_are_plain_codes_or_the_site_language():
    assert page_langs(b'<article data-pagefind-body data-story-langs="fr en">', "en") == (
        "en", "fr")
    assert page_langs(b'<article data-pagefind-body data-story-langs="">', "fr-CA") == ("fr",)
    assert page_langs(b'<article data-story-langs="../x pt-BR ../../etc">', "en") == ("pt",)
    assert page_langs(b"<article data-pagefind-body>", "") == ("en",)
    assert re.fullmatch(r"[a-z]{2,3}", page_langs(b'data-story-langs="<b>"', "x/y")[0])


def _story_page(root: Path, path: str, words: str, lang: str = "en") -> None:
    page = root / path
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f'<!DOCTYPE html><html lang="en"><head><title>{words}</title></head><body>'
                    f'<article data-pagefind-body data-story-langs="{lang}"><h1>{words}</h1>'
                    f"<p>{words} {words}</p></article></body></html>", encoding="utf-8")


def test_a_night_rebuilds_only_the_bundles_of_its_months(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for site in (first, second):
        _story_page(site, "stories/2026/10/02/harbour.html", "harbour cranes strike")
        _story_page(site, "stories/2026/11/20/bridge.html", "bridge vote council")
    build_search_index(first, None, "stories", "en")
    # Tonight a November story changed; October's pages did not.
    _story_page(second, "stories/2026/11/20/bridge.html", "bridge vote council delayed")
    manifest = build_search_index(second, first, "stories", "en")
    assert sorted(manifest["bundles"]["en"]) == ["2026-10", "2026-11"]

    def inodes(site: Path, month: str) -> dict:
        bundle = site / "pagefind" / "en" / month
        return {p.relative_to(bundle): p.stat().st_ino for p in bundle.rglob("*") if p.is_file()}

    assert inodes(first, "2026-10") == inodes(second, "2026-10")  # kept, as hard links
    assert not set(inodes(first, "2026-11").values()) & set(inodes(second, "2026-11").values())
    # The same pages from scratch give the same bundles.
    again = tmp_path / "again"
    shutil.copytree(second / "stories", again / "stories")
    build_search_index(again, None, "stories", "en")
    assert _files(again / "pagefind") == _files(second / "pagefind")


def test_a_night_reads_only_the_story_pages_it_wrote(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    _story_page(first, "stories/2026/10/02/harbour.html", "harbour cranes strike")
    _story_page(first, "stories/2026/11/20/bridge.html", "bridge vote council", "fr")
    build_search_index(first, None, "stories", "en")
    # The next build keeps October's page (a hard link, as the incremental build keeps it)
    # and rewrites November's.
    (second / "stories/2026/10/02").mkdir(parents=True)
    os.link(first / "stories/2026/10/02/harbour.html",
            second / "stories/2026/10/02/harbour.html")
    _story_page(second, "stories/2026/11/20/bridge.html", "bridge vote council delayed", "fr")
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: read.append(p.name) or real(p))
    manifest = build_search_index(second, first, "stories", "en")
    assert [name for name in read if name.endswith(".html")] == ["bridge.html"]
    monkeypatch.undo()
    again = tmp_path / "again"
    shutil.copytree(second / "stories", again / "stories")
    assert build_search_index(again, None, "stories", "en") == manifest
    assert _files(again / "pagefind") == _files(second / "pagefind")


def test_a_damaged_list_of_indexed_pages_means_reading_them_again(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _story_page(first, "stories/2026/10/02/harbour.html", "harbour cranes strike")
    build_search_index(first, None, "stories", "en")
    listed = first / "pagefind" / PAGES_FILE
    rows = json.loads(listed.read_text())
    rows[0]["langs"] = ["../../etc"]
    listed.write_text(json.dumps(rows))
    (second / "stories/2026/10/02").mkdir(parents=True)
    os.link(first / "stories/2026/10/02/harbour.html",
            second / "stories/2026/10/02/harbour.html")
    manifest = build_search_index(second, first, "stories", "en")
    assert manifest["languages"] == ["en"]
    assert [p.parent.name for p in (second / "pagefind").glob("*/*/pagefind-entry.json")] == [
        "2026-10"]
