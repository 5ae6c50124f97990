"""The Dask path against the local process pool, on one corpus: the same store, and its cost.

    python benchmarks/bench_dask.py SETTINGS SOURCES [--workers 2]

SETTINGS is a settings file (a pelicanconf.py on top of which the corpus' paths are set, e.g. the
perfconf.py of ../shared/perf's run_project.sh) and SOURCES its sources file. The same night
(same clock) is ingested three times into fresh stores in a temporary folder: by the local pool
of `--workers` processes, by a Dask LocalCluster of `--workers` worker processes (one thread
each, started here), and by the local pool again (the baseline is measured on both sides of the
Dask run: a noisy machine shows as a gap between the two). Prints the wall seconds of each
ingest, Dask's overhead against the mean of the local runs, and whether the stores' items and
stories are identical. Needs the `dask` extra.
"""

from __future__ import annotations

import argparse
import runpy
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from news_digest.config import load_settings  # noqa: E402
from news_digest.ingest import run_ingest  # noqa: E402

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)


def _rows(store: Path) -> tuple[list, list]:
    with sqlite3.connect(store) as db:
        items = db.execute("SELECT * FROM items ORDER BY key").fetchall()
        stories = db.execute("SELECT id, data FROM story_records ORDER BY id").fetchall()
    return items, stories


def _night(raw: dict, settings_file: Path, sources: Path, store: Path, executor: str,
           workers: int) -> float:
    settings = load_settings({**raw, "DIGEST_EXECUTOR": executor, "DIGEST_WORKERS": workers})
    start = time.perf_counter()
    run_ingest(settings, settings_file.parent, now=NOW, sources_path=sources, store_path=store,
               site_lang=str(raw.get("DEFAULT_LANG", "")))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("settings", type=Path)
    parser.add_argument("sources", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from distributed import LocalCluster

    raw = {k: v for k, v in runpy.run_path(str(args.settings)).items() if k.isupper()}
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        folder = Path(tmp)
        walls: dict[str, float] = {}
        walls["local, before"] = _night(raw, args.settings, args.sources,
                                        folder / "local1.sqlite", "local", args.workers)
        start = time.perf_counter()
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          host="127.0.0.1", protocol="tcp", dashboard_address=None) as cluster:
            startup = time.perf_counter() - start
            address = cluster.scheduler_address.removeprefix("tcp://")
            walls["dask"] = _night(raw, args.settings, args.sources, folder / "dask.sqlite",
                                   f"dask://{address}", 0)
        walls["local, after"] = _night(raw, args.settings, args.sources,
                                       folder / "local2.sqlite", "local", args.workers)
        same = _rows(folder / "dask.sqlite") == _rows(folder / "local1.sqlite") \
            == _rows(folder / "local2.sqlite")
        items = len(_rows(folder / "dask.sqlite")[0])
    local = (walls["local, before"] + walls["local, after"]) / 2
    for name, wall in walls.items():
        print(f"{name:>14}: {wall:7.1f} s wall")
    print(f"cluster start: {startup:7.1f} s (not in the Dask night)")
    print(f"Dask overhead: {walls['dask'] - local:+.1f} s ({walls['dask'] / local - 1:+.1%}) "
          f"against the local pool's mean, {items} items")
    print(f"same items and stories in all three stores: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
