"""Time extract_article against readability-lxml alone, page by page, on a JSONL(.gz) of pages.

Usage: python benchmarks/bench_extract.py PAGES.jsonl[.gz] [--limit N]

Each line is {"html": ..., "url": ...}. The two are interleaved on each page after a warm-up,
so both see the same caches and machine load. No data ships with the project.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

from readability import Document

from news_digest.extract import extract_article


def load_pages(path: Path, limit: int = 0) -> list[dict]:
    """Read {"html", "url"} records from a JSONL file, gzip or not."""
    opener = gzip.open if path.suffix == ".gz" else open
    pages = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                pages.append({"html": record.get("html") or "", "url": record.get("url") or ""})
                if limit and len(pages) >= limit:
                    break
    return pages


def _ms(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def _readability(html: str, url: str) -> None:
    Document(html).summary(html_partial=True)


def _ours(html: str, url: str) -> None:
    extract_article(html, url=url)


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def run(pages: list[dict]) -> dict[str, float]:
    """Per-page timings of both, interleaved; medians, p90s and the ratio of medians."""
    if not pages:
        raise SystemExit("no pages")
    for page in pages[:3]:  # warm-up: imports, regex compilation, lxml parser set-up
        _readability(page["html"], page["url"])
        _ours(page["html"], page["url"])
    base, ours, ratios = [], [], []
    for i, page in enumerate(pages):
        # Alternate who goes first so neither always benefits from a warm cache.
        order = [(_readability, base), (_ours, ours)]
        if i % 2:
            order.reverse()
        for fn, sink in order:
            try:
                sink.append(_ms(fn, page["html"], page["url"]))
            except Exception:  # readability raises on some pages; ours must not
                sink.append(float("nan"))
        if base[-1] == base[-1] and base[-1] > 0:
            ratios.append(ours[-1] / base[-1])
    base_ok = [t for t in base if t == t]
    return {
        "pages": len(pages),
        "readability_median_ms": statistics.median(base_ok),
        "readability_p90_ms": _p90(base_ok),
        "ours_median_ms": statistics.median(ours),
        "ours_p90_ms": _p90(ours),
        "ratio_of_medians": statistics.median(ours) / statistics.median(base_ok),
        "median_per_page_ratio": statistics.median(ratios) if ratios else float("nan"),
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print the timing table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path, help="JSONL or JSONL.gz of {html, url} records")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    result = run(load_pages(args.pages, args.limit))
    width = max(map(len, result))
    for key, value in result.items():
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        print(f"{key:<{width}}  {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
