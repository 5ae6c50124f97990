"""Time extract_article against the readers it is built on, page by page.

Usage: python benchmarks/bench_extract.py PAGES [--limit N] [--trafilatura]

PAGES is a JSONL(.gz) file whose lines are {"html": ..., "url": ...}, or a folder of .html
files (the perf corpus's pages/). readability-lxml alone and ours are interleaved on each page
after a warm-up, so both see the same caches and machine load; with --trafilatura, so is
trafilatura's own `extract` with its defaults: the two libraries' sum is what any merge of
the two readers costs before it does anything of its own. Totals are the sums of the per-page
times (one thread: CPU seconds). No data ships with the project.
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
    """Read {"html", "url"} records from a JSONL file, gzip or not, or a folder of .html."""
    if path.is_dir():
        files = sorted(path.glob("*.html"))[: limit or None]
        return [{"html": f.read_text(encoding="utf-8", errors="replace"),
                 "url": f"https://example.org/{f.name}"} for f in files]
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


def _trafilatura(html: str, url: str) -> None:
    import trafilatura

    trafilatura.extract(html, url=url)


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def run(pages: list[dict], trafilatura: bool = False) -> dict[str, float]:
    """Per-page timings, interleaved; medians, p90s, totals and ratios to readability."""
    if not pages:
        raise SystemExit("no pages")
    readers = {"readability": _readability, "ours": _ours}
    if trafilatura:
        readers["trafilatura"] = _trafilatura
    for page in pages[:3]:  # warm-up: imports, regex compilation, lxml parser set-up
        for fn in readers.values():
            fn(page["html"], page["url"])
    times: dict[str, list[float]] = {name: [] for name in readers}
    ratios = []
    for i, page in enumerate(pages):
        # Rotate who goes first so none always benefits from a warm cache.
        names = list(readers)
        names = names[i % len(names):] + names[:i % len(names)]
        for name in names:
            try:
                times[name].append(_ms(readers[name], page["html"], page["url"]))
            except Exception:  # readability raises on some pages; ours must not
                times[name].append(float("nan"))
        base = times["readability"][-1]
        if base == base and base > 0:
            ratios.append(times["ours"][-1] / base)
    result: dict[str, float] = {"pages": len(pages)}
    ok = {name: [t for t in values if t == t] for name, values in times.items()}
    for name, values in ok.items():
        result[f"{name}_median_ms"] = statistics.median(values)
        result[f"{name}_p90_ms"] = _p90(values)
        result[f"{name}_total_s"] = sum(values) / 1000
    base_total = result["readability_total_s"]
    for name in ok:
        if name != "readability":
            result[f"{name}_total_over_readability"] = result[f"{name}_total_s"] / base_total
    result["ratio_of_medians"] = result["ours_median_ms"] / result["readability_median_ms"]
    result["median_per_page_ratio"] = statistics.median(ratios) if ratios else float("nan")
    return result


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print the timing table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=Path,
                        help="JSONL(.gz) of {html, url} records, or a folder of .html files")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--trafilatura", action="store_true",
                        help="also time trafilatura's own extract, alone")
    args = parser.parse_args(argv)
    result = run(load_pages(args.pages, args.limit), args.trafilatura)
    width = max(map(len, result))
    for key, value in result.items():
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        print(f"{key:<{width}}  {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
