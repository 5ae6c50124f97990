"""The cost of one night on a store that already holds a year of news.

    python benchmarks/make_year_store.py 100000 /tmp/year100k
    python benchmarks/bench_night.py /tmp/year100k --new 300 --tmp /dev/shm   # tmpfs: less noise
    python benchmarks/bench_night.py --curve 10000,30000,100000 --stores /tmp/years --per-day 274

On a copy of a store made by make_year_store.py (OUTDIR itself is never changed):
  1. a full `news-digest build`, the previous night's site (timed, but not part of the night);
  2. `--new` items for tonight added to the feed files: new events and follow-ups of
     yesterday's stories, the excerpt-only ones with their pages in the offline mirror;
  3. `news-digest ingest` then `news-digest build`, the night (× `--rounds`, one night each);
  4. `news-digest ingest` and `build` again with nothing new.
`--curve` makes (or reuses) a store of each size under `--stores` and runs the night on each;
with `--per-day`, every store has that many items a day (100,000 in 365 days is 274), so the
stores differ only in how many days of archive they hold.

Each step is a subprocess, without network when `unshare -n` works. Figures per step: wall
seconds; CPU seconds (user + system of the command and every process it waited for, from
wait4); `peak_mb`, the largest single process's peak RSS (wait4's maxrss, what
`/usr/bin/time -v` reports); `tree_mb`, the peak of the summed RSS of the command and all its
descendants, sampled every 50 ms (pages shared between a pool's processes count once per
process, so it errs high). The night's memory figure is `tree_mb`. `changed` counts output
files that are new or differ from the previous site; `load`, the machine's load average when
the step started (CPU seconds are the figure to trust on a busy machine). The last line is
`NIGHT_JSON {...}`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from make_year_store import Newsroom, parse_now
from synth_news import Entry, Event, Outlet

from news_digest.fetch import mirror_path

HERE = Path(__file__).resolve().parent
FOLLOW_UP_SHARE = 0.3  # of tonight's items, about this many continue yesterday's stories
SAMPLE_SECONDS = 0.05


@dataclass
class Step:
    name: str
    wall: float
    cpu: float
    peak_mb: float
    tree_mb: float
    exit: int
    load: float = 0.0  # the machine's 1-minute load average when the step started
    pages: int = 0
    changed: int = 0


# -- running and measuring -----------------------------------------------------------------


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _tree_rss(root: int) -> int:
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for pid in _descendants(root):
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            pass
    return total


class TreeSampler(threading.Thread):
    """The peak of the summed RSS of a process and its descendants."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, _tree_rss(self.pid))


def no_network_prefix() -> list[str]:
    try:
        ok = subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    except OSError:
        ok = False
    if not ok:
        print("note: no network namespace (unshare -n); running with the network",
              file=sys.stderr)
    return ["unshare", "-n", "--"] if ok else []


def run_step(name: str, cmd: list[str], cwd: Path, logs: Path) -> Step:
    """Run `cmd`, wait for it with wait4, and measure it."""
    logs.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    with open(logs / f"{name}.out", "wb") as out, open(logs / f"{name}.err", "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    step = Step(name, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                max(sampler.peak, usage.ru_maxrss * 1024) / 2**20, proc.returncode, load)
    if step.exit:
        tail = (logs / f"{name}.err").read_text(errors="replace").strip().splitlines()[-3:]
        print(f"  {name} exited {step.exit}: {' | '.join(tail)}", file=sys.stderr)
    return step


def site_files(output: Path) -> dict[str, str]:
    """Every output file's digest, by path."""
    if not output.is_dir():
        return {}
    return {str(p.relative_to(output)): hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
            for p in output.rglob("*") if p.is_file()}


class Bench:
    """The steps of one benchmark run in a copy of a year store."""

    def __init__(self, work: Path, nd: str, wrap: list[str]):
        self.work, self.nd, self.wrap = work, nd, wrap
        self.settings = work / "settings.py"
        self.steps: list[Step] = []

    def ingest(self, name: str) -> Step:
        return self._run(name, ["ingest", "--settings", str(self.settings)], site=False)

    def build(self, name: str, full: bool = False) -> Step:
        args = ["build", "--settings", str(self.settings)] + (["--full"] if full else [])
        return self._run(name, args, site=True)

    def _run(self, name: str, args: list[str], site: bool) -> Step:
        before = site_files(self.work / "output") if site else {}
        print(f"[{datetime.now(UTC):%H:%M:%S}] {name}", file=sys.stderr)
        step = run_step(name, self.wrap + [self.nd, *args], self.work, self.work / "logs")
        if site:
            after = site_files(self.work / "output")
            step.pages = sum(1 for p in after if p.endswith(".html"))
            step.changed = sum(1 for p, h in after.items() if before.get(p) != h)
        self.steps.append(step)
        return step


def build_has_full(nd: str) -> bool:
    """Whether this version's `news-digest build` knows `--full`."""
    help_text = subprocess.run([nd, "build", "--help"], capture_output=True, text=True).stdout
    return "--full" in help_text


# -- tonight's news ------------------------------------------------------------------------


def load_room(manifest: dict, seed: int) -> Newsroom:
    outlets = [Outlet(**o) for o in manifest["outlets"]]
    room = Newsroom(random.Random(seed), outlets, serials=dict(manifest["serials"]),
                    next_event=manifest["next_event"])
    room.recent = [Event.from_json(e) for e in manifest["recent"]]
    return room


def tonight(room: Newsroom, count: int, day_start: datetime) -> list[Entry]:
    """`count` entries on the day after the store's last day; some follow yesterday's events."""
    follow = max(1, round(count * FOLLOW_UP_SHARE / 2.5))
    recent = sorted(room.recent, key=lambda e: e.id)
    room.active = room.rng.sample(recent, min(follow, len(recent)))
    for event in room.active:
        event.days_left = max(event.days_left, 1)
    return room.day(day_start.date(), count, day_start)


def add_to_feeds(work: Path, entries: list[Entry]) -> int:
    """Put tonight's entries at the top of their feed files; write the excerpt-only pages."""
    by_feed: dict[str, list[Entry]] = {}
    for e in entries:
        by_feed.setdefault(e.outlet.feed_path, []).append(e)
    pages = 0
    for feed_path, new in by_feed.items():
        path = work / feed_path
        text = path.read_text(encoding="utf-8")
        items = "".join(e.rss() for e in sorted(new, key=lambda e: e.published, reverse=True))
        at = text.find("<item>")
        at = at if at >= 0 else text.find("</channel>")
        path.write_text(text[:at] + items + text[at:], encoding="utf-8")
        for e in new:
            if e.outlet.excerpt_only:
                page = mirror_path(e.link, work / "mirror")
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(e.page(), encoding="utf-8")
                pages += 1
    return pages


def add_night(work: Path, count: int, night: int) -> tuple[int, int]:
    """Tonight's news into the copy's feeds; the copy's manifest moves on by one day."""
    manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
    now = parse_now(manifest["now"])
    day_start = now.replace(hour=0, minute=0, second=0)
    room = load_room(manifest, manifest["seed"] * 1000 + night)
    entries = tonight(room, count, day_start)
    if datetime.now(UTC) < max(e.published for e in entries):
        print("warning: tonight's items are dated after this machine's clock; ingest will "
              "date them now", file=sys.stderr)
    pages = add_to_feeds(work, entries)
    manifest.update(now=(now + timedelta(days=1)).isoformat(), serials=room.serials,
                    next_event=room.next_event, recent=[e.to_json() for e in room.recent])
    (work / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False),
                                        encoding="utf-8")
    return len(entries), pages


# -- the benchmark -------------------------------------------------------------------------


def copy_store(src: Path, work: Path) -> None:
    if not (src / "manifest.json").exists():
        raise SystemExit(f"{src} is not a store made by make_year_store.py")
    shutil.copytree(src, work, ignore=shutil.ignore_patterns("output", "logs", "*.lock"))


def news_digest_command() -> str:
    local = Path(sys.executable).with_name("news-digest")
    found = str(local) if local.exists() else shutil.which("news-digest")
    if not found:
        raise SystemExit("no news-digest command: install the project (pip install -e .)")
    return found


def bench_store(src: Path, work: Path, new: int, rounds: int) -> dict:
    """All steps on a copy of `src` in `work`; returns the summary."""
    copy_store(src, work)
    nd = news_digest_command()
    bench = Bench(work, nd, no_network_prefix())
    initial = bench.build("initial_build", full=build_has_full(nd))
    nights = []
    for r in range(1, rounds + 1):
        added, pages = add_night(work, new, r)
        print(f"  night {r}: {added} new entries ({pages} excerpt-only, pages in the mirror)",
              file=sys.stderr)
        nights.append((bench.ingest(f"night{r}_ingest"), bench.build(f"night{r}_build")))
    noop = (bench.ingest("noop_ingest"), bench.build("noop_build"))
    manifest = json.loads((src / "manifest.json").read_text(encoding="utf-8"))
    return summary(manifest["stats"]["items"], new, initial, nights, noop, bench.steps)


def _night(pair: tuple[Step, Step]) -> dict:
    ingest, build = pair
    return {"wall_s": round(ingest.wall + build.wall, 2), "cpu_s": round(ingest.cpu + build.cpu, 2),
            "ingest_wall_s": round(ingest.wall, 2), "build_wall_s": round(build.wall, 2),
            "tree_mb": round(max(ingest.tree_mb, build.tree_mb)),
            "peak_mb": round(max(ingest.peak_mb, build.peak_mb)), "changed": build.changed,
            "ok": not (ingest.exit or build.exit)}


def summary(items: int, new: int, initial: Step, nights: list, noop: tuple, steps: list) -> dict:
    per_night = [_night(n) for n in nights]
    worst = max(per_night, key=lambda n: n["wall_s"])
    return {"store_items": items, "new": new, "initial_build_s": round(initial.wall, 2),
            "pages": initial.pages, "night": worst, "nights": per_night, "noop": _night(noop),
            "ok": all(s.exit == 0 for s in steps),
            "steps": [vars(s) for s in steps]}


def print_table(steps: list[Step]) -> None:
    print(f"{'step':<16}{'wall_s':>9}{'cpu_s':>9}{'peak_mb':>9}{'tree_mb':>9}{'pages':>8}"
          f"{'changed':>9}{'exit':>6}{'load':>6}")
    for s in steps:
        print(f"{s.name:<16}{s.wall:>9.2f}{s.cpu:>9.2f}{s.peak_mb:>9.0f}{s.tree_mb:>9.0f}"
              f"{s.pages:>8}{s.changed:>9}{s.exit:>6}{s.load:>6.1f}")


def print_summary(result: dict) -> None:
    n = result["night"]
    print(f"night on {result['store_items']} items (+{result['new']}): {n['wall_s']} s wall "
          f"(ingest {n['ingest_wall_s']} s, build {n['build_wall_s']} s), {n['cpu_s']} s CPU, "
          f"{n['tree_mb']} MB peak (all processes); no-change night {result['noop']['wall_s']} s")


def run_curve(sizes: list[int], stores: Path, args: argparse.Namespace) -> list[dict]:
    """The night at each store size; stores are made once under `stores` and reused."""
    results = []
    for size in sizes:
        # The same news a day at every size, so that only the archive's length differs.
        days = math.ceil(size / args.per_day) if args.per_day else 365
        store = stores / (f"year-{size}" if days == 365 else f"year-{size}-{days}d")
        if not (store / "manifest.json").exists():
            subprocess.run([sys.executable, str(HERE / "make_year_store.py"), str(size),
                            str(store), "--seed", str(args.seed), "--days", str(days),
                            "--jobs", str(args.jobs)], check=True)
        with tempfile.TemporaryDirectory(prefix="night-", dir=args.tmp) as tmp:
            result = bench_store(store, Path(tmp) / "work", args.new, args.rounds)
        print_table([Step(**s) for s in result["steps"]])
        print_summary(result)
        results.append(result)
    print(f"\n{'store_items':>12}{'night_wall_s':>14}{'ingest_s':>10}{'build_s':>9}"
          f"{'cpu_s':>8}{'tree_mb':>9}{'noop_s':>8}")
    for r in results:
        n = r["night"]
        print(f"{r['store_items']:>12}{n['wall_s']:>14}{n['ingest_wall_s']:>10}"
              f"{n['build_wall_s']:>9}{n['cpu_s']:>8}{n['tree_mb']:>9}{r['noop']['wall_s']:>8}")
    return results


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("outdir", type=Path, nargs="?", help="a store made by make_year_store.py")
    p.add_argument("--new", type=int, default=300, help="items tonight")
    p.add_argument("--rounds", type=int, default=1, help="nights in a row")
    p.add_argument("--work", type=Path, help="where to copy the store (default: a temporary "
                   "folder, removed afterwards); must not exist")
    p.add_argument("--tmp", type=Path, default=None, help="parent of temporary folders")
    p.add_argument("--curve", default="", help="store sizes, e.g. 10000,30000,100000")
    p.add_argument("--stores", type=Path, help="with --curve: where the stores are made/kept")
    p.add_argument("--seed", type=int, default=0, help="with --curve: seed of new stores")
    p.add_argument("--per-day", type=int, default=0,
                   help="with --curve: items a day in every store (days = size / per-day; "
                        "default: every store spans 365 days)")
    p.add_argument("--jobs", type=int, default=1, help="with --curve: processes making a store")
    args = p.parse_args(argv)
    if bool(args.curve) == bool(args.outdir) or (args.curve and not args.stores):
        p.error("give OUTDIR, or --curve SIZES with --stores DIR")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.curve:
        results = run_curve([int(s) for s in args.curve.split(",")], args.stores, args)
        curve = [{"store_items": r["store_items"], **r["night"]} for r in results]
        print("NIGHT_JSON " + json.dumps({"new": args.new, "curve": curve}))
        return 0 if all(r["ok"] for r in results) else 1
    if args.work:
        result = bench_store(args.outdir, args.work, args.new, args.rounds)
    else:
        with tempfile.TemporaryDirectory(prefix="night-", dir=args.tmp) as tmp:
            result = bench_store(args.outdir, Path(tmp) / "work", args.new, args.rounds)
    print_table([Step(**s) for s in result["steps"]])
    print_summary(result)
    short = {k: v for k, v in result.items() if k != "steps"}
    print("NIGHT_JSON " + json.dumps(short))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
