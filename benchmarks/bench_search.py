"""The search index at scale: its size on disk and the time Pagefind takes to build it.

    python benchmarks/bench_search.py 1000 /tmp/search1k
    python benchmarks/bench_search.py 10000 /tmp/search10k --jobs 2

Makes (or reuses) a store of about N stories in DIR with make_year_store.py over a year:
items per story grow with the items of a day (4,900 items make about 1,000 stories, 60,000
about 10,000), so `--items` defaults to what gives about N stories (`--items`, `--days`,
`--feeds` to choose). Then builds the site into DIR/output with `news-digest build --full`
(timed; it includes the indexing), and indexes the story pages again on their own, timed:
from scratch, and once more with nothing changed (the index is kept). Prints the figures,
then a `SEARCH_JSON {...}` line.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "plugins"))

from news_digest.search import SEARCH_DIR, index_site  # noqa: E402


def default_items(stories: int) -> int:
    """Items for about `stories` stories in a year (measured: 4.9 items a story at 1,000
    stories, 6 at 10,000)."""
    per_story = 4.9 + 1.1 * min(1.0, max(0.0, (stories - 1000) / 9000))
    return math.ceil(stories * per_story)


def tree_bytes(root: Path) -> tuple[int, int]:
    """(files, bytes) under root: the sum of the files' sizes."""
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def make_store(outdir: Path, items: int, days: int, feeds: int, jobs: int) -> None:
    if (outdir / "store.sqlite").exists():
        print(f"reusing the store in {outdir}")
        return
    command = [sys.executable, str(HERE / "make_year_store.py"), str(items), str(outdir),
               "--days", str(days), "--jobs", str(jobs)]
    if feeds:
        command += ["--feeds", str(feeds)]
    subprocess.run(command, check=True)


def replicate(output: Path, wanted: int) -> int:
    """Copies of the story pages under stories/copies/<n>/ until there are `wanted` pages."""
    originals = sorted((output / "stories").rglob("*.html"))
    made = 0
    n = 0
    while len(originals) + made < wanted:
        for page in originals:
            if len(originals) + made >= wanted:
                break
            target = output / "stories" / "copies" / str(n) / page.relative_to(output / "stories")
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(page, target)
            made += 1
        n += 1
    return made


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("stories", type=int, help="stories wanted in the store (about)")
    p.add_argument("outdir", type=Path)
    p.add_argument("--items", type=int, default=0, help="default: about N stories' worth")
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--feeds", type=int, default=0, help="default: make_year_store's")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--replicate", type=int, default=0, metavar="PAGES",
                   help="index the built story pages copied up to PAGES pages (same words: a "
                        "stand-in for a larger archive when making its store takes too long)")
    args = p.parse_args(argv)
    outdir = args.outdir.resolve()
    make_store(outdir, args.items or default_items(args.stories), args.days, args.feeds,
               args.jobs)
    output = outdir / "output"
    cli = Path(sys.executable).with_name("news-digest")
    started = time.perf_counter()
    subprocess.run([str(cli), "build", "--full", "--settings", str(outdir / "settings.py"),
                    "--store", str(outdir / "store.sqlite"), "--output", str(output)],
                   check=True, stdout=subprocess.DEVNULL)
    build_s = time.perf_counter() - started
    settings = {"ARTICLE_SAVE_AS": "stories/{date:%Y}/{date:%m}/{date:%d}/{slug}.html",
                "DEFAULT_LANG": "en"}
    shutil.rmtree(output / SEARCH_DIR)
    copies = replicate(output, args.replicate) if args.replicate else 0
    started = time.perf_counter()
    manifest = index_site(output, None, settings)
    index_s = time.perf_counter() - started
    started = time.perf_counter()
    # Nothing changed: the previous index is kept (hard links), not rebuilt.
    kept_root = outdir / "kept"
    shutil.rmtree(kept_root, ignore_errors=True)
    shutil.copytree(output / "stories", kept_root / "stories", copy_function=os.link)
    index_site(kept_root, output, settings)
    kept_s = time.perf_counter() - started
    shutil.rmtree(kept_root)
    pages = len(list((output / "stories").rglob("*.html")))
    files, size = tree_bytes(output / SEARCH_DIR)
    per_lang = {lang: tree_bytes(output / SEARCH_DIR / lang)[1] for lang in manifest["languages"]}
    du = subprocess.run(["du", "-sk", str(output / SEARCH_DIR)], capture_output=True, text=True)
    figures = {
        "stories": pages, "copies": copies, "build_full_s": round(build_s, 1),
        "index_s": round(index_s, 1),
        "index_kept_s": round(kept_s, 2), "index_files": files, "index_bytes": size,
        "index_du_kib": int(du.stdout.split()[0]) if du.returncode == 0 else None,
        "bytes_per_language": per_lang, "load": os.getloadavg()[0],
    }
    print(f"story pages:           {pages:,}" + (f" ({copies:,} of them copies)" if copies else ""))
    print(f"full build:            {build_s:.1f} s (Pelican and the index)")
    print(f"indexing alone:        {index_s:.1f} s ({', '.join(manifest['languages'])})")
    print(f"index kept (no change): {kept_s:.2f} s")
    print(f"output/{SEARCH_DIR}:       {size:,} bytes in {files:,} files "
          f"(du: {figures['index_du_kib']:,} KiB)")
    print("SEARCH_JSON " + json.dumps(figures, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
