"""The search index: Pagefind over every story page, run once Pelican has written the site.

Why one bundle per story language (output/pagefind/<lang>/): Pagefind stems words with the
language of the index, and picks that language from a page's `<html lang>` — which is the
site's language on every page, while each story has its own. So the pages are handed to
Pagefind with the story's languages (`data-story-langs` on the story's article) forced,
one index each: French stories get French stemming, English ones English stemming, and a
story covered in both languages is in both. A search asks every bundle with the bundle's own
stemmer (theme/static/js/search.js; Pagefind's `mergeIndex` would reuse the first bundle's
stemmer for all) and merges the results. One merged index would stem one language wrongly.

Why one bundle per language *and month* (output/pagefind/<lang>/<YYYY-MM>/): Pagefind cannot
update an index, so a bundle is rebuilt from all of its pages when one of them changed. With
one bundle per month of the stories' first dates, a night rebuilds tonight's month and keeps
the others (hard links), so its cost follows tonight's news, not the archive; the search page
merges a language's months into one search (Pagefind's `mergeIndex`: same language, same
stemmer). `languages.json` records each bundle's inputs digest. Pages are added in path order
and each bundle is made reproducible (pagefind_canon.py: Pagefind writes filter values in
hash-map order), so incremental and full builds give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .hardlinks import link_or_copy, link_tree
from .pagefind_canon import canonicalize

log = logging.getLogger(__name__)

SEARCH_DIR = "pagefind"
LANGUAGES_FILE = "languages.json"  # read by search.js: which bundles exist
# The pages a build indexed (path, digest, languages): the next build reads only the pages it
# wrote, not the archive's.
PAGES_FILE = ".pages.json"
INDEX_FORMAT = "2"  # part of the inputs' digest, with this code's own bytes
_BODY = re.compile(rb"\sdata-pagefind-body[\s>=]")
_LANGS = re.compile(rb'\sdata-story-langs="([^"]*)"')
_LANG_CODE = re.compile(r"[a-z]{2,3}")  # also a folder name: nothing else gets through
_MONTH = re.compile(r"(?:^|/)(\d{4})/(\d{2})/")  # stories/YYYY/MM/DD/slug.html
UNDATED = "undated"  # the bundle of pages whose path carries no month


@dataclass(frozen=True)
class IndexedPage:
    """One story page to index: its path under the site root, content digest and languages
    (Pagefind reads the pages itself: an archive's pages need not fit in memory)."""

    path: str
    sha256: bytes
    langs: tuple[str, ...]


def page_langs(html: bytes, default: str) -> tuple[str, ...]:
    """The story's languages from its article (`data-story-langs="en fr"`); the site's
    language when it has none. Only plain ISO 639 codes: they name the bundles' folders."""
    match = _LANGS.search(html)
    found = match.group(1).decode("ascii", "replace").split() if match else []
    codes = sorted({c.lower().split("-")[0] for c in found})
    codes = [c for c in codes if _LANG_CODE.fullmatch(c)]
    if not codes:
        fallback = (default or "en").lower().split("-")[0]
        codes = [fallback if _LANG_CODE.fullmatch(fallback) else "en"]
    return tuple(codes)


def story_pages(root: Path, pages_dir: str, default_lang: str, previous: Path | None = None,
                known: dict[str, IndexedPage] | None = None) -> list[IndexedPage]:
    """Every page under `pages_dir` that marks its indexable body, in path order.

    A page that is still the very file of the previous build (`previous`, the previous site's
    root: an incremental build keeps unchanged pages as hard links to it) is taken from
    `known`, what that build indexed, without being read."""
    base = root / pages_dir if pages_dir else root
    known = known if previous is not None and known else {}
    pages = []
    for rel in _html_files(root, base):
        page = known.get(rel)
        if page is not None and _same_file(root / rel, previous / rel):
            pages.append(page)
            continue
        html = (root / rel).read_bytes()
        if _BODY.search(html):
            pages.append(IndexedPage(rel, hashlib.sha256(html).digest(),
                                     page_langs(html, default_lang)))
    return pages


def _html_files(root: Path, base: Path) -> list[str]:
    """Paths (relative to root, '/'-separated, sorted) of the .html files below base: os.walk
    on strings, which is several times quicker than Path.rglob on an archive's pages."""
    found = []
    prefix = len(str(root)) + 1
    for folder, _, files in os.walk(base):
        rel = folder[prefix:].replace(os.sep, "/")
        found.extend(f"{rel}/{name}" if rel else name
                     for name in files if name.endswith(".html"))
    return sorted(found, key=lambda rel: rel.split("/"))  # folder by folder, as Paths sort


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def read_pages(folder: Path | None) -> dict[str, IndexedPage]:
    """What a build's PAGES_FILE says it indexed, by path; {} when missing or unreadable."""
    if folder is None:
        return {}
    try:
        rows = json.loads((folder / PAGES_FILE).read_text(encoding="utf-8"))
        pages = [IndexedPage(str(r["path"]), bytes.fromhex(r["sha256"]),
                             tuple(str(c) for c in r["langs"])) for r in rows]
    except (OSError, ValueError, TypeError, KeyError):
        return {}
    # Languages name folders: a tampered file must not give a path.
    return {p.path: p for p in pages if all(_LANG_CODE.fullmatch(c) for c in p.langs)}


def write_pages(folder: Path, pages: list[IndexedPage], previous: Path | None) -> None:
    rows = [{"path": p.path, "sha256": p.sha256.hex(), "langs": list(p.langs)} for p in pages]
    _write_or_keep(folder / PAGES_FILE, (json.dumps(rows, separators=(",", ":")) + "\n").encode(),
                   previous)


def _write_or_keep(path: Path, data: bytes, previous: Path | None) -> None:
    """Write `data` to `path`, or keep the previous build's file of that name (a hard link)
    when it holds the same bytes, so an unchanged index stays the same files."""
    old = previous / path.name if previous is not None else None
    try:
        if old is not None and old.read_bytes() == data:
            link_or_copy(str(old), str(path))
            return
    except OSError:
        pass
    path.write_bytes(data)


def pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "unknown"


def inputs_digest(pages: Iterable[IndexedPage]) -> str:
    """What the index depends on: the pages, their languages, the indexer's version and the
    code that runs it."""
    h = hashlib.sha256(f"{INDEX_FORMAT}\0{pagefind_version()}\0".encode())
    for module in ("search.py", "pagefind_canon.py"):
        h.update(hashlib.sha256((Path(__file__).parent / module).read_bytes()).digest())
    for page in pages:
        h.update(page.path.encode() + b"\0" + " ".join(page.langs).encode() + b"\0")
        h.update(page.sha256)
    return h.hexdigest()


def page_month(path: str) -> str:
    """The month of a story page from its permalink ('stories/2026/11/23/x.html' → '2026-11')."""
    match = _MONTH.search(path)
    return f"{match.group(1)}-{match.group(2)}" if match else UNDATED


def by_bundle(pages: Iterable[IndexedPage]) -> dict[tuple[str, str], list[IndexedPage]]:
    """The pages of each (language, month) bundle, in path order."""
    grouped: dict[tuple[str, str], list[IndexedPage]] = {}
    for page in pages:
        for lang in page.langs:
            grouped.setdefault((lang, page_month(page.path)), []).append(page)
    return dict(sorted(grouped.items()))


def _run_pagefind(site: Path, lang: str, dest: Path) -> None:
    """Pagefind's command line over one folder of pages, as one language: it exits once every
    file is written (its Python API stops the indexer right after its last answer, and
    answers one request a tenth of a second). No config file or PAGEFIND_* variable of the
    environment gets a say: the index depends only on the pages."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PAGEFIND_") or k == "PAGEFIND_BINARY_PATH"}
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--force-language", lang,
         "--output-path", str(dest), "--quiet"],
        cwd=site, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"pagefind failed ({done.returncode}): {done.stderr or done.stdout}")
    for line in (done.stdout + done.stderr).splitlines():
        if line.strip():
            log.warning("pagefind: %s", line)


def _write_bundle(lang: str, pages: list[IndexedPage], root: Path, dest: Path) -> None:
    staging = root.parent / f".{root.name}.search-pages"
    # A folder of this bundle's pages (hard links, same paths, so the same URLs).
    shutil.rmtree(staging, ignore_errors=True)
    for page in pages:
        target = staging / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(str(root / page.path), str(target))
    try:
        _run_pagefind(staging, lang, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    canonicalize(dest)
    prune(dest)


# Pagefind's own search interfaces (search.js replaces them: they search one bundle) and
# the stemmer-less WebAssembly, unused when the bundle's language has a stemmer.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")


def prune(bundle: Path) -> None:
    """Remove what the search page never loads from one bundle (about 420 kB)."""
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    if all(info.get("wasm", "unknown") != "unknown" for info in entry["languages"].values()):
        (bundle / "wasm.unknown.pagefind").unlink(missing_ok=True)


def _read_previous(previous: Path | None) -> dict:
    if previous is None:
        return {}
    try:
        data = json.loads((previous / LANGUAGES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def build_search_index(site_root: Path, previous_root: Path | None, pages_dir: str,
                       default_lang: str) -> dict:
    """Write site_root/pagefind/: a Pagefind bundle per story language and month, and
    languages.json. A bundle made from the same pages is kept from previous_root (hard links).
    Returns what languages.json says."""
    started = time.perf_counter()
    out = site_root / SEARCH_DIR
    if out.exists():
        shutil.rmtree(out)
    previous = previous_root / SEARCH_DIR if previous_root else None
    indexed = story_pages(site_root, pages_dir, default_lang, previous_root, read_pages(previous))
    groups = by_bundle(indexed)
    bundles: dict[str, dict[str, str]] = {}
    for (lang, month), pages in groups.items():
        bundles.setdefault(lang, {})[month] = inputs_digest(pages)
    manifest = {"languages": sorted(bundles), "bundles": bundles}
    before = _read_previous(previous)
    kept = before.get("bundles") or {}
    out.mkdir(parents=True)
    write_pages(out, indexed, previous)
    made = 0
    for (lang, month), pages in groups.items():
        dest, old = out / lang / month, previous / lang / month if previous else None
        if (old is not None and old.is_dir() and isinstance(kept.get(lang), dict)
                and kept[lang].get(month) == bundles[lang][month]):
            link_tree(old, dest)
        else:
            _write_bundle(lang, pages, site_root, dest)
            made += 1
    _write_or_keep(out / LANGUAGES_FILE, (json.dumps(manifest, sort_keys=True) + "\n").encode(),
                   previous)
    log.info("search index: %d of %d bundles made, %.1f s", made, len(groups),
             time.perf_counter() - started)
    return manifest


def index_site(site_root: Path, previous_root: Path | None, settings: dict) -> dict:
    """The build's hook: index the story pages Pelican wrote under the article folder."""
    pattern = str(settings.get("ARTICLE_SAVE_AS") or settings.get("ARTICLE_URL") or "")
    pages_dir = pattern.split("{")[0].rpartition("/")[0]
    if ".." in Path(pages_dir).parts:
        pages_dir = ""
    previous = previous_root if previous_root is not None and previous_root.is_dir() else None
    return build_search_index(site_root, previous, pages_dir,
                              str(settings.get("DEFAULT_LANG") or "en"))
