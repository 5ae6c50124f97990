"""End-to-end benchmark: N synthetic items as local feeds and pages → ingest → build.

    python benchmarks/bench_pipeline.py --items 1000
    python benchmarks/bench_pipeline.py --items 10000 --keep /tmp/bench
    python benchmarks/bench_pipeline.py --items 1000 --workers 1   # DIGEST_WORKERS

Prints seconds per stage (wall, and CPU of the stage's process with all its workers), items
per second and each stage's peak memory (RSS of the process running it). Every stage runs in a
fresh subprocess, as the nightly job does.
Half of the feeds carry only excerpts, so half of the items go through page extraction.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
ITEMS_PER_FEED = 50

PLACES = ["Lyon", "Tromso", "Valparaiso", "Kraków", "Nairobi", "Osaka", "Porto", "Tbilisi",
          "Halifax", "Dakar", "Lille", "Bergen", "Cusco", "Gdańsk", "Mombasa", "Sapporo"]
PEOPLE = ["Claire Dumont", "Ingrid Halvorsen", "Tomás Rivera", "Anna Kowalska", "Wanjiru Kamau",
          "Kenji Sato", "Rui Costa", "Nino Beridze", "Sarah MacLeod", "Awa Diop"]
TOPICS = [("council approves", "plan to rebuild the harbour bridge"),
          ("company opens", "factory making batteries for electric buses"),
          ("storm hits", "coast, cutting power to thousands of homes"),
          ("university unveils", "telescope built with a regional grant"),
          ("court rules on", "dispute over fishing rights in the bay"),
          ("festival draws", "record crowds to the old town"),
          ("hospital trials", "new treatment for a rare childhood disease"),
          ("rail operator cancels", "night trains after a signalling fault")]
FILLER = ("Officials said the decision followed months of consultation with residents. "
          "Critics questioned the cost and the timetable, while supporters praised the ambition "
          "of the project. Local businesses expect the change to bring new customers. ")


SYLLABLES = ["ka", "lo", "mer", "vin", "sa", "tor", "bel", "da", "rin", "os", "ul", "ven",
             "mar", "tis", "ga", "no", "ber", "li", "zan", "qua"]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _event(rng: random.Random, n: int) -> dict:
    """One synthetic event: its own place, person and figure, so stories are tellable apart."""
    verb, obj = TOPICS[n % len(TOPICS)]
    place = f"{_name(rng, 3)} {rng.choice(PLACES)}" if n % 3 else _name(rng, 3)
    person = f"{_name(rng, 2)} {_name(rng, 3)}"
    amount = rng.randint(10, 990)
    return {"title": f"{place} {verb} {amount} million {obj}",
            "lead": (f"{person} announced on Monday that {place} {verb} a {amount} million euro "
                     f"{obj}, a move expected to affect {amount * 11} residents."),
            "n": n}


def _page(title: str, body: list[str]) -> str:
    paras = "".join(f"<p>{escape(p)}</p>" for p in body)
    return (f"<!doctype html><html><head><title>{escape(title)}</title></head><body>"
            "<header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
            "<div class='cookie'>We use cookies. Accept all</div>"
            f"<article><h1>{escape(title)}</h1><p class='byline'>By Staff</p>{paras}"
            "<p>Read more: <a href='/other.html'>Other story</a></p></article>"
            "<aside><h3>Most read</h3><ul><li><a href='/1'>One</a></li></ul></aside>"
            "<section class='comments'><h3>Leave a Reply</h3><p>Your email address will not "
            "be published.</p></section><footer>© Bench</footer></body></html>")


def generate(root: Path, n_items: int, seed: int = 1) -> None:
    """Write feeds/, mirror/ and sources.opml for n_items items under root."""
    rng = random.Random(seed)
    n_feeds = max(1, -(-n_items // ITEMS_PER_FEED))
    events = [_event(rng, e) for e in range(max(1, n_items // 3))]
    start = datetime(2026, 11, 20, tzinfo=UTC)
    outlines = []
    made = 0
    for f in range(n_feeds):
        host = f"outlet{f}.example"
        excerpt_only = f % 2 == 1
        items = []
        for k in range(min(ITEMS_PER_FEED, n_items - made)):
            ev = events[rng.randrange(len(events))]
            when = start + timedelta(minutes=(ev["n"] * 13 + k * 7) % (3 * 24 * 60))
            link = f"https://{host}/news/{f}-{k}.html"
            body = [ev["lead"]] + [FILLER] * rng.randint(2, 6)
            title = f"{ev['title']} ({host.split('.')[0]})" if k % 5 == 0 else ev["title"]
            if excerpt_only:
                desc = escape(ev["lead"][:120] + "…")
                page = root / "mirror" / host / "news" / f"{f}-{k}.html"
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(_page(title, body), encoding="utf-8")
            else:
                desc = escape("".join(f"<p>{p}</p>" for p in body))
            items.append(f"<item><title>{escape(title)}</title><link>{link}</link>"
                         f"<guid>{link}</guid><pubDate>{format_datetime(when)}</pubDate>"
                         f"<description>{desc}</description></item>")
            made += 1
        feed = root / "feeds" / f"feed{f}.xml"
        feed.parent.mkdir(parents=True, exist_ok=True)
        feed.write_text('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                        f"<title>Outlet {f}</title><link>https://{host}/</link>"
                        f"<language>en</language>{''.join(items)}</channel></rss>",
                        encoding="utf-8")
        outlines.append(f'<outline type="rss" text="Outlet {f}" xmlUrl="feeds/feed{f}.xml" '
                        f'htmlUrl="https://{host}/" fullText="auto"/>')
    (root / "sources.opml").write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>bench</title></head><body>'
        f'<outline text="Bench">{"".join(outlines)}</outline></body></opml>', encoding="utf-8")


STAGE = """
import json, resource, sys, time
from news_digest.cli import main
t = time.perf_counter()
code = main(sys.argv[1:])
seconds = time.perf_counter() - t
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:  # pool workers are the fork server's children: stop it, so their CPU is counted below
    from multiprocessing import forkserver
    forkserver._forkserver._stop()
except Exception:
    pass
cpu = sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                               resource.getrusage(resource.RUSAGE_CHILDREN)))
print(json.dumps({"code": code, "seconds": seconds, "cpu": cpu, "peak_mb": peak_mb}))
"""


def run_stage(args: list[str], cwd: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", STAGE, *args], cwd=cwd, capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"stage {args[0]} failed:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--workers", type=int, help="DIGEST_WORKERS (default: every core)")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="nd-bench-"))
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    t = time.perf_counter()
    generate(root, args.items)
    gen_s = time.perf_counter() - t
    conf = root / "conf.py"
    conf.write_text(
        f"exec(open({str(REPO / 'pelicanconf.py')!r}).read())\n"
        f"DIGEST_SOURCES = {str(root / 'sources.opml')!r}\n"
        f"DIGEST_STORE = {str(root / 'store.sqlite')!r}\n"
        f"DIGEST_LOCAL_ROOT = {str(root)!r}\n"
        f"DIGEST_OFFLINE_MIRROR = {str(root / 'mirror')!r}\n"
        f"THEME = {str(REPO / 'theme')!r}\nPLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
        f"PATH = {str(REPO / 'content')!r}\n"
        + (f"DIGEST_WORKERS = {args.workers}\n" if args.workers is not None else "")
    )
    ingest = run_stage(["ingest", "--settings", str(conf)], root)
    reingest = run_stage(["ingest", "--settings", str(conf)], root)
    build = run_stage(["build", "--settings", str(conf), "--output", str(root / "output")], root)
    pages = sum(1 for _ in (root / "output").rglob("*.html"))
    n = args.items
    print(f"items: {n}   feeds: {-(-n // ITEMS_PER_FEED)}   generated in {gen_s:.1f} s")
    print(f"{'stage':<10} {'seconds':>8} {'CPU s':>8} {'items/s':>9} {'peak MB':>8}")
    for name, r in [("ingest", ingest), ("re-ingest", reingest), ("build", build)]:
        print(f"{name:<10} {r['seconds']:>8.1f} {r['cpu']:>8.1f} {n / r['seconds']:>9.0f} "
              f"{r['peak_mb']:>8.0f}")
    print(f"build: {pages} HTML pages, {build['seconds'] * 1000 / max(pages, 1):.1f} ms per page")
    if not args.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
