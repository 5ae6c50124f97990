"""The SQLite store: sources, fetch state, items and stories. The only module that speaks SQL.

WAL with synchronous=FULL, schema migrations by PRAGMA user_version, and one
transaction per feed, so a crash never leaves half a feed's batch behind.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .images import image_from_json, image_to_json, parse_thumb_name
from .model import FetchState, Item, Source, Story
from .sitelearn import block_keys
from .urls import normalize_link, publisher

SCHEMA_VERSION = 8

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE sources (
        url TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        topic TEXT NOT NULL,
        site_url TEXT NOT NULL DEFAULT '',
        lang TEXT NOT NULL DEFAULT '',
        full_text TEXT NOT NULL DEFAULT 'auto',
        republish INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        feed_title TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE fetch_state (
        source_url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        last_status TEXT NOT NULL DEFAULT '',
        last_error TEXT NOT NULL DEFAULT '',
        last_attempt TEXT,
        last_success TEXT,
        failing_since TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        item_count INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE items (
        key TEXT PRIMARY KEY,
        source_url TEXT NOT NULL,
        guid TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        norm_url TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        lang TEXT NOT NULL DEFAULT '',
        content_html TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL DEFAULT '',
        full_text INTEGER NOT NULL DEFAULT 0,
        story_id TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX items_norm_url ON items(norm_url) WHERE norm_url != '';
    CREATE INDEX items_source_guid ON items(source_url, guid);
    CREATE INDEX items_story ON items(story_id);
    CREATE INDEX items_published ON items(published);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL
    );
    """,
    2: """
    ALTER TABLE fetch_state ADD COLUMN not_before TEXT;
    """,
    3: """
    ALTER TABLE items ADD COLUMN flags TEXT NOT NULL DEFAULT '';
    """,
    # What the build reads: each story's analysis, computed at ingest when the story changes,
    # with the indexes that keep every lookup proportional to tonight's news.
    4: """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE story_records (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        topic TEXT NOT NULL,
        data TEXT NOT NULL,
        features TEXT NOT NULL,
        pages TEXT NOT NULL
    );
    CREATE INDEX story_records_created ON story_records(created, id);
    CREATE INDEX story_records_topic ON story_records(topic, created, id);
    CREATE INDEX story_records_updated ON story_records(updated, id);
    CREATE TABLE story_days (
        day TEXT NOT NULL, story_id TEXT NOT NULL, score REAL NOT NULL, latest REAL NOT NULL,
        PRIMARY KEY (day, story_id)
    );
    CREATE INDEX story_days_story ON story_days(story_id);
    CREATE TABLE story_items (
        item_key TEXT PRIMARY KEY, story_id TEXT NOT NULL, source_url TEXT NOT NULL,
        published TEXT NOT NULL, title TEXT NOT NULL
    );
    CREATE INDEX story_items_source ON story_items(source_url, published);
    CREATE INDEX story_items_story ON story_items(story_id);
    CREATE TABLE story_names (
        name TEXT NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (name, story_id)
    );
    CREATE INDEX story_names_story ON story_names(story_id);
    CREATE TABLE story_earlier (
        story_id TEXT NOT NULL, earlier_id TEXT NOT NULL, PRIMARY KEY (story_id, earlier_id)
    );
    CREATE INDEX story_earlier_rev ON story_earlier(earlier_id);
    CREATE TABLE page_changes (seq INTEGER NOT NULL, page TEXT NOT NULL, PRIMARY KEY (seq, page));
    CREATE TABLE site_blocks (
        site TEXT NOT NULL, block TEXT NOT NULL, articles INTEGER NOT NULL,
        PRIMARY KEY (site, block)
    );
    CREATE TABLE site_articles (site TEXT PRIMARY KEY, articles INTEGER NOT NULL);
    """,
    5: """
    ALTER TABLE fetch_state ADD COLUMN body_hash TEXT;
    CREATE INDEX site_blocks_learned ON site_blocks(site, articles);
    CREATE INDEX story_records_end ON story_records(updated);
    """,
    # Lead pictures: an item's picture (images.image_to_json) and the thumbnails, by content
    # hash, that the build copies into output/images/.
    6: """
    ALTER TABLE items ADD COLUMN image TEXT NOT NULL DEFAULT '';
    ALTER TABLE sources ADD COLUMN images INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE image_files (
        name TEXT PRIMARY KEY, hash TEXT NOT NULL, width INTEGER NOT NULL, data BLOB NOT NULL
    );
    CREATE INDEX image_files_hash ON image_files(hash);
    """,
    # When each story last gained a source (the ingest night that stored that source's first
    # item), so the nights' "developing" stories are found without reading every record; and
    # covering indexes for the sitemaps' dates, which never read the records' data.
    7: """
    ALTER TABLE story_records ADD COLUMN grew TEXT NOT NULL DEFAULT '';
    CREATE INDEX story_records_grew ON story_records(grew) WHERE grew != '';
    CREATE INDEX story_records_months ON story_records(created, updated, grew);
    CREATE INDEX story_records_lastmod ON story_records(id, updated, grew);
    """,
    # The picture each story shows, by content hash: thumbnails no story shows are dropped,
    # and "does anyone still show this picture" is one indexed lookup (shared pictures).
    8: """
    CREATE TABLE story_images (story_id TEXT PRIMARY KEY, hash TEXT NOT NULL);
    CREATE INDEX story_images_hash ON story_images(hash);
    """,
}

# Meta keys written by ingest (see ingest.run_ingest and Store.close_night).
INGEST_ATTEMPTED = "ingest_attempted"  # `now` of the latest ingest run that started
INGEST_SUCCEEDED = "ingest_succeeded"  # `now` of the latest run that completed and read a feed
INGEST_NIGHT = "ingest_night"  # `now` of the latest run that completed: "developing" is relative


def story_page_key(story_id: str, created: datetime, slug: str) -> str:
    """How page_changes names a story's page (site.plan_changes reads it back)."""
    return f"story\t{story_id}\t{created.isoformat()}\t{slug}"


class StoreError(RuntimeError):
    """The store cannot be opened or is from a newer version of News Digest."""


def _dt(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def _parse_dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _chunks(values: Iterable[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """The distinct values, sorted, in chunks small enough for one `IN (…)`, with their marks."""
    ordered = sorted(set(values))
    for n in range(0, len(ordered), size):
        chunk = ordered[n:n + size]
        yield chunk, ",".join("?" * len(chunk))


_ITEM_COLUMNS = (
    "key, source_url, guid, url, norm_url, title, author, published, first_seen, lang, "
    "content_html, text, summary, content_hash, full_text, story_id, flags, image"
)


def _item_from_row(row: sqlite3.Row) -> Item:
    return Item(
        key=row["key"],
        source_url=row["source_url"],
        guid=row["guid"],
        url=row["url"],
        title=row["title"],
        author=row["author"],
        published=_parse_dt(row["published"]),
        first_seen=_parse_dt(row["first_seen"]),
        lang=row["lang"],
        content_html=row["content_html"],
        text=row["text"],
        summary=row["summary"],
        content_hash=row["content_hash"],
        full_text=bool(row["full_text"]),
        story_id=row["story_id"],
        flags=tuple(f for f in row["flags"].split(",") if f),
        image=image_from_json(json.loads(row["image"])) if row["image"] else None,
    )


@dataclass
class KnownIndex:
    """Keys and fingerprints of stored items, for lock-free lookups from fetch workers."""

    by_guid: dict[tuple[str, str], tuple[str, str, str]]
    by_url: dict[str, tuple[str, str, str]]

    def find(self, source_url: str, guid: str, norm_url: str) -> tuple[str, str, str] | None:
        """(key, content_hash, source_url) of the stored item an entry is: by its link, and by
        guid only when it has none (some feeds give every entry one guid, or new ones nightly)."""
        if norm_url:
            return self.by_url.get(norm_url)
        return self.by_guid.get((source_url, guid)) if guid else None


class Store:
    """One open store. Use as a context manager; writes go through `transaction()`."""

    def __init__(self, path: Path, readonly: bool = False):
        self.path = Path(path)
        if readonly:
            if not self.path.exists():
                raise StoreError(f"no store at {self.path}: run `news-digest ingest` first")
            uri = f"file:{self.path.resolve()}?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, isolation_level=None)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys=ON")
        self._migrate(readonly)

    def _migrate(self, readonly: bool) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this News Digest "
                f"understands ({SCHEMA_VERSION}); upgrade News Digest"
            )
        if version == SCHEMA_VERSION:
            return
        if readonly:
            raise StoreError(f"{self.path} needs a schema upgrade: run `news-digest ingest` first")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            # executescript commits on its own, so the script carries its own transaction.
            script = f"BEGIN IMMEDIATE;{_MIGRATIONS[target]}PRAGMA user_version={target};COMMIT;"
            try:
                self.db.executescript(script)
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
            if target == 4:
                self._count_site_blocks()
            if target == 8:
                self._record_story_images()

    def _count_site_blocks(self) -> None:
        """Once, on upgrade: the per-site block counts of every stored article."""
        with self.transaction():
            for row in self.db.execute("SELECT url, text FROM items").fetchall():
                self._count_blocks(row["url"], row["text"], +1)

    def _record_story_images(self) -> None:
        """Once, on upgrade: the picture each analysed story shows, from its stored view."""
        with self.transaction():
            for row in self.db.execute("SELECT id, data FROM story_records").fetchall():
                files = (json.loads(row["data"]).get("image") or {}).get("files")
                parsed = parse_thumb_name(files[0][0].rsplit("/", 1)[-1]) if files else None
                if parsed:
                    self.db.execute("INSERT INTO story_images (story_id, hash) VALUES (?, ?)",
                                    (row["id"], parsed[0]))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- sources ---------------------------------------------------------------------------

    def sync_sources(self, sources: list[Source]) -> None:
        """Record the sources file; feeds no longer listed stay, with their items, as inactive."""
        with self.transaction():
            self.db.execute("UPDATE sources SET active = 0")
            for pos, s in enumerate(sources):
                self.db.execute(
                    """INSERT INTO sources (url, title, topic, site_url, lang, full_text, republish,
                           position, active, images)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
                       ON CONFLICT(url) DO UPDATE SET title=excluded.title, topic=excluded.topic,
                           site_url=excluded.site_url, lang=excluded.lang,
                           full_text=excluded.full_text, republish=excluded.republish,
                           position=excluded.position, active=1, images=excluded.images""",
                    (s.url, s.title, s.topic, s.site_url, s.lang, s.full_text,
                     int(s.republish), pos, int(s.images)),
                )

    def sources(self, include_inactive: bool = False) -> list[Source]:
        """Sources in the sources file's order (inactive ones last when included)."""
        where = "" if include_inactive else "WHERE active = 1"
        rows = self.db.execute(
            f"SELECT * FROM sources {where} ORDER BY active DESC, position, url"
        ).fetchall()
        return [
            Source(
                url=r["url"],
                title=r["title"],
                topic=r["topic"],
                site_url=r["site_url"],
                full_text=r["full_text"],
                lang=r["lang"],
                republish=bool(r["republish"]),
                images=bool(r["images"]),
            )
            for r in rows
        ]

    # -- fetch state -----------------------------------------------------------------------

    def fetch_states(self) -> dict[str, FetchState]:
        rows = self.db.execute("SELECT * FROM fetch_state ORDER BY source_url").fetchall()
        return {
            r["source_url"]: FetchState(
                source_url=r["source_url"],
                etag=r["etag"],
                last_modified=r["last_modified"],
                last_status=r["last_status"],
                last_error=r["last_error"],
                last_attempt=_parse_dt(r["last_attempt"]),
                last_success=_parse_dt(r["last_success"]),
                failing_since=_parse_dt(r["failing_since"]),
                consecutive_failures=r["consecutive_failures"],
                item_count=r["item_count"],
                not_before=_parse_dt(r["not_before"]),
                body_hash=r["body_hash"],
            )
            for r in rows
        }

    def fetch_state(self, source_url: str) -> FetchState:
        return self.fetch_states().get(source_url) or FetchState(source_url=source_url)

    def _save_state(self, st: FetchState) -> None:
        self.db.execute(
            """INSERT OR REPLACE INTO fetch_state (source_url, etag, last_modified, last_status,
                   last_error, last_attempt, last_success, failing_since, consecutive_failures,
                   item_count, not_before, body_hash)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                st.source_url,
                st.etag,
                st.last_modified,
                st.last_status,
                st.last_error,
                _dt(st.last_attempt),
                _dt(st.last_success),
                _dt(st.failing_since),
                st.consecutive_failures,
                st.item_count,
                _dt(st.not_before),
                st.body_hash,
            ),
        )

    def save_feed(self, state: FetchState, items: Iterable[Item], feed_title: str = "",
                  image_files: Iterable[tuple[str, bytes]] = ()) -> None:
        """One feed's night, atomically: its new/changed items, their pictures' thumbnails
        (images.thumb_name → bytes), its fetch state, its item count."""
        with self.transaction():
            for item in items:
                self._upsert_item(item)
            for name, data in image_files:
                parsed = parse_thumb_name(name)
                if parsed is None:
                    raise ValueError(f"not a thumbnail name: {name!r}")
                self.db.execute("INSERT OR IGNORE INTO image_files (name, hash, width, data) "
                                "VALUES (?, ?, ?, ?)", (name, *parsed, data))
            state.item_count = self.db.execute(
                "SELECT COUNT(*) FROM items WHERE source_url = ?", (state.source_url,)
            ).fetchone()[0]
            self._save_state(state)
            if feed_title:
                self.db.execute(
                    "UPDATE sources SET feed_title = ? WHERE url = ?",
                    (feed_title, state.source_url),
                )

    # -- items -----------------------------------------------------------------------------

    def _count_blocks(self, url: str, text: str, sign: int) -> None:
        """Add (or take back) one article's blocks to its site's counts (see sitelearn.py)."""
        site = publisher(url)
        if not site:
            return
        self.db.execute(
            "INSERT INTO site_articles (site, articles) VALUES (?, ?) ON CONFLICT(site) DO "
            "UPDATE SET articles = articles + excluded.articles", (site, sign))
        for block in sorted(block_keys(text)):
            self.db.execute(
                "INSERT INTO site_blocks (site, block, articles) VALUES (?, ?, ?) "
                "ON CONFLICT(site, block) DO UPDATE SET articles = articles + excluded.articles",
                (site, block, sign))

    def learned_blocks(self, site: str, min_articles: int, min_share: float) -> frozenset[str]:
        """Blocks found in at least `min_articles` articles and `min_share` of the site's."""
        row = self.db.execute("SELECT articles FROM site_articles WHERE site = ?",
                              (site,)).fetchone()
        total = row[0] if row else 0
        needed = max(min_articles, min_share * total)
        rows = self.db.execute(
            "SELECT block FROM site_blocks WHERE site = ? AND articles >= ?", (site, needed))
        return frozenset(r[0] for r in rows)

    def _upsert_item(self, item: Item) -> None:
        # Learned boilerplate counts each article once, as it was first stored or last changed.
        old = self.db.execute("SELECT url, text FROM items WHERE key = ?",
                              (item.key,)).fetchone()
        if old is not None:
            self._count_blocks(old["url"], old["text"], -1)
        self._count_blocks(item.url, item.text, +1)
        # An item that changed keeps its first_seen and story (identity never changes), and its
        # picture unless it comes with one (pictures are fetched for new items only).
        self.db.execute(
            f"""INSERT INTO items ({_ITEM_COLUMNS}) VALUES ({", ".join("?" * 18)})
                ON CONFLICT(key) DO UPDATE SET url=excluded.url, title=excluded.title,
                    author=excluded.author, lang=excluded.lang,
                    content_html=excluded.content_html, text=excluded.text,
                    summary=excluded.summary, content_hash=excluded.content_hash,
                    full_text=excluded.full_text, flags=excluded.flags,
                    image=CASE WHEN excluded.image != '' THEN excluded.image ELSE items.image END
                    """,
            (
                item.key,
                item.source_url,
                item.guid,
                item.url,
                normalize_link(item.url),
                item.title,
                item.author,
                _dt(item.published),
                _dt(item.first_seen),
                item.lang,
                item.content_html,
                item.text,
                item.summary,
                item.content_hash,
                int(item.full_text),
                item.story_id,
                ",".join(item.flags),
                json.dumps(image_to_json(item.image), sort_keys=True) if item.image else "",
            ),
        )

    def find_item(self, source_url: str, guid: str, norm_url: str) -> tuple[str, str] | None:
        """(key, content_hash) of the stored item this entry is; same rules as KnownIndex.find."""
        if norm_url:
            row = self.db.execute(
                # "!= ''" lets SQLite use the partial index on norm_url (else: a full scan).
                "SELECT key, content_hash FROM items WHERE norm_url = ? AND norm_url != '' "
                "ORDER BY first_seen, key "
                "LIMIT 1",
                (norm_url,),
            ).fetchone()
        elif guid:
            row = self.db.execute(
                "SELECT key, content_hash FROM items WHERE source_url = ? AND guid = ? AND "
                "norm_url = '' LIMIT 1",
                (source_url, guid),
            ).fetchone()
        else:
            return None
        return (row["key"], row["content_hash"]) if row else None

    def known_index(self) -> KnownIndex:
        by_guid: dict[tuple[str, str], tuple[str, str, str]] = {}
        by_url: dict[str, tuple[str, str, str]] = {}
        rows = self.db.execute(
            "SELECT key, source_url, guid, norm_url, content_hash FROM items "
            "ORDER BY first_seen DESC, key DESC"
        )
        for r in rows:  # oldest last, so the oldest item wins a shared link
            value = (r["key"], r["content_hash"], r["source_url"])
            if r["guid"] and not r["norm_url"]:
                by_guid[(r["source_url"], r["guid"])] = value
            if r["norm_url"]:
                by_url[r["norm_url"]] = value
        return KnownIndex(by_guid, by_url)

    def item_source(self, key: str) -> str | None:
        """The feed a stored item belongs to, or None when the key is not stored."""
        row = self.db.execute("SELECT source_url FROM items WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def item(self, key: str) -> Item | None:
        """The stored item with this key, or None."""
        found = self.items("WHERE key = ?", (key,))
        return found[0] if found else None

    def items(self, where: str = "", params: tuple = ()) -> list[Item]:
        sql = f"SELECT {_ITEM_COLUMNS} FROM items {where} ORDER BY published, key"
        return [_item_from_row(r) for r in self.db.execute(sql, params)]

    def items_of_site(self, host: str) -> list[Item]:
        """Every stored item whose link is on `host` (normalized links have lowercase hosts)."""
        pattern = host.lower().replace("\\", "").replace("%", "").replace("_", "\\_")
        return self.items(
            "WHERE norm_url LIKE ? ESCAPE '\\' OR norm_url LIKE ? ESCAPE '\\'",
            (f"https://{pattern}/%", f"http://{pattern}/%"),
        )

    def update_texts(self, items: Iterable[Item]) -> None:
        """Store new content, text and summary for existing items, in one transaction."""
        with self.transaction():
            for item in items:
                old = self.db.execute("SELECT url, text FROM items WHERE key = ?",
                                      (item.key,)).fetchone()
                if old is not None:
                    self._count_blocks(old["url"], old["text"], -1)
                    self._count_blocks(item.url, item.text, +1)
                self.db.execute(
                    "UPDATE items SET content_html = ?, text = ?, summary = ? WHERE key = ?",
                    (item.content_html, item.text, item.summary, item.key),
                )

    def unassigned_keys(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT key FROM items WHERE story_id = ''")}

    def unassigned_items(self) -> list[Item]:
        return self.items("WHERE story_id = ''")

    def story_items_since(self, since: datetime) -> list[Item]:
        """Items of stories that had an item at or after `since` (candidates to join)."""
        return self.items(
            "WHERE story_id IN (SELECT DISTINCT story_id FROM items "
            "WHERE story_id != '' AND published >= ?)",
            (_dt(since),),
        )

    def item_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM items").fetchone()[0]

    # -- stories ---------------------------------------------------------------------------

    def slug_taken(self, slug: str) -> bool:
        row = self.db.execute("SELECT 1 FROM stories WHERE slug = ?", (slug,)).fetchone()
        return row is not None

    def save_stories(self, new_stories: list[Story], assignments: dict[str, str]) -> None:
        """Create new stories and assign items to stories, in one transaction."""
        with self.transaction():
            for s in new_stories:
                self.db.execute(
                    "INSERT INTO stories (id, slug, created) VALUES (?, ?, ?)",
                    (s.id, s.slug, _dt(s.created)),
                )
            for key in sorted(assignments):
                self.db.execute(
                    "UPDATE items SET story_id = ? WHERE key = ? AND story_id = ''",
                    (assignments[key], key),
                )

    def stories(self) -> list[Story]:
        """Every story with its items (oldest first), ordered by creation then id."""
        by_id: dict[str, Story] = {}
        for r in self.db.execute("SELECT id, slug, created FROM stories ORDER BY created, id"):
            by_id[r["id"]] = Story(id=r["id"], slug=r["slug"], created=_parse_dt(r["created"]))
        for item in self.items("WHERE story_id != ''"):
            story = by_id.get(item.story_id)
            if story is not None:
                story.items.append(item)
        return [s for s in by_id.values() if s.items]

    def feed_titles(self) -> dict[str, str]:
        rows = self.db.execute("SELECT url, feed_title FROM sources").fetchall()
        return {r["url"]: r["feed_title"] for r in rows}

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # -- story analyses (written at ingest, read by the build) -------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._put_meta(key, value)

    def _put_meta(self, key: str, value: str) -> None:
        """set_meta inside a transaction the caller holds."""
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def current_seq(self) -> int:
        """The number of the last analysis run: the build renders what changed after its own."""
        return int(self.get_meta("seq") or 0)

    def next_seq(self) -> int:
        seq = self.current_seq() + 1
        self.set_meta("seq", str(seq))
        return seq

    def story_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM stories ORDER BY id")]

    def story_ids_of_items(self, keys: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for chunk, marks in _chunks(keys):
            rows = self.db.execute(
                f"SELECT DISTINCT story_id FROM items WHERE story_id != '' AND key IN ({marks})",
                chunk)
            out.update(r[0] for r in rows)
        return out

    def story_ids_of_sources(self, urls: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for url in sorted(set(urls)):
            rows = self.db.execute(
                "SELECT DISTINCT story_id FROM items WHERE source_url = ? AND story_id != ''",
                (url,))
            out.update(r[0] for r in rows)
        return out

    def stories_by_id(self, ids: Iterable[str]) -> list[Story]:
        """These stories with their items (oldest first), in id order; unknown ids are skipped."""
        by_id: dict[str, Story] = {}
        for chunk, marks in _chunks(ids):
            for r in self.db.execute(
                    f"SELECT id, slug, created FROM stories WHERE id IN ({marks})", chunk):
                by_id[r["id"]] = Story(id=r["id"], slug=r["slug"], created=_parse_dt(r["created"]))
            for item in self.items(f"WHERE story_id IN ({marks})", tuple(chunk)):
                by_id[item.story_id].items.append(item)
        return [by_id[i] for i in sorted(by_id) if by_id[i].items]

    def stories_sharing_names(self, names: list[str], exclude: str, min_shared: int,
                              limit: int, ended_from: datetime,
                              ended_before: datetime) -> list[str]:
        """Stored features of the stories that share at least `min_shared` of these names and
        whose last item came in [ended_from, ended_before), the most shared first (at most
        `limit`). The time range keeps the lookup to a bounded stretch of the archive."""
        if not names:
            return []
        marks = ",".join("?" * len(names))
        rows = self.db.execute(
            f"""SELECT r.features FROM (
                    SELECT n.story_id, COUNT(*) AS shared FROM story_names n
                    JOIN story_records e ON e.id = n.story_id
                    WHERE n.name IN ({marks}) AND n.story_id != ?
                        AND e.updated >= ? AND e.updated < ?
                    GROUP BY n.story_id HAVING shared >= ?
                    ORDER BY shared DESC, n.story_id LIMIT ?) AS c
                JOIN story_records r ON r.id = c.story_id ORDER BY r.id""",
            (*names, exclude, _dt(ended_from), _dt(ended_before), min_shared, limit))
        return [r[0] for r in rows]

    def _story_key_rows(self, story_ids: Iterable[str]) -> list[tuple[str, str, str]]:
        return [(r["id"], r["created"], r["slug"])
                for chunk, marks in _chunks(story_ids) for r in self.db.execute(
                    f"SELECT id, created, slug FROM stories WHERE id IN ({marks})", chunk)]

    def save_analyses(self, seq: int, analyses: list, gone: list[str], features_json) -> None:
        """Store stories' analyses (analysis.StoryAnalysis) and forget those no longer shown,
        recording every page they were or are on as changed in run `seq`."""
        with self.transaction():
            changed: set[str] = set()
            for story_id in [a.id for a in analyses] + list(gone):
                row = self.db.execute("SELECT pages FROM story_records WHERE id = ?",
                                      (story_id,)).fetchone()
                if row:
                    changed.update(json.loads(row[0]))
                for table in ("story_days", "story_items", "story_names", "story_earlier"):
                    self.db.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))
            for story_id in gone:
                self.db.execute("DELETE FROM story_records WHERE id = ?", (story_id,))
            changed.update(self._save_story_images(analyses, gone))
            for a in analyses:
                changed.update(a.pages)
                self.db.execute(
                    "INSERT OR REPLACE INTO story_records (id, seq, created, updated, topic, "
                    "data, features, pages, grew) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (a.id, seq, _dt(a.created), _dt(a.updated), a.topic,
                     json.dumps(a.data, ensure_ascii=False, sort_keys=True),
                     features_json(a.features), json.dumps(a.pages, ensure_ascii=False),
                     _dt(a.grew) or ""))
                self.db.executemany(
                    "INSERT INTO story_days (day, story_id, score, latest) VALUES (?, ?, ?, ?)",
                    [(d, a.id, score, latest) for d, (score, latest) in sorted(a.days.items())])
                self.db.executemany(
                    "INSERT OR REPLACE INTO story_items (item_key, story_id, source_url, "
                    "published, title) VALUES (?, ?, ?, ?, ?)",
                    [(k, a.id, src, _dt(pub), title) for k, src, pub, title in a.items])
                self.db.executemany(
                    "INSERT INTO story_names (name, story_id) VALUES (?, ?)",
                    [(name, a.id) for name in sorted(a.features.names)])
                self.db.executemany(
                    "INSERT INTO story_earlier (story_id, earlier_id) VALUES (?, ?)",
                    [(a.id, e) for e in a.earlier])
            # A story's page shows the headlines of the earlier stories it links to.
            citing: set[str] = set()
            for chunk, marks in _chunks([a.id for a in analyses] + list(gone)):
                rows = self.db.execute(
                    f"SELECT story_id FROM story_earlier WHERE earlier_id IN ({marks})", chunk)
                citing.update(r[0] for r in rows)
            for sid, created, slug in self._story_key_rows(citing):
                changed.add(story_page_key(sid, _parse_dt(created), slug))
            self.db.executemany("INSERT OR IGNORE INTO page_changes (seq, page) VALUES (?, ?)",
                                [(seq, p) for p in sorted(changed)])

    def _save_story_images(self, analyses: list, gone: list[str]) -> set[str]:
        """Record the picture each story now shows; returns `image\t<hash>` page keys of the
        pictures a story took up or dropped (the build writes or removes their files)."""
        changed: set[str] = set()
        for story_id, new in [(a.id, a.image) for a in analyses] + [(g, "") for g in gone]:
            row = self.db.execute("SELECT hash FROM story_images WHERE story_id = ?",
                                  (story_id,)).fetchone()
            old = row[0] if row else ""
            if old == new:
                continue
            changed.update(f"image\t{h}" for h in (old, new) if h)
            self.db.execute("DELETE FROM story_images WHERE story_id = ?", (story_id,))
            if new:
                self.db.execute("INSERT INTO story_images (story_id, hash) VALUES (?, ?)",
                                (story_id, new))
        return changed

    def stored_image_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The pictures among these whose thumbnails are still stored."""
        out: set[str] = set()
        for chunk, marks in _chunks(hashes):
            rows = self.db.execute(
                f"SELECT DISTINCT hash FROM image_files WHERE hash IN ({marks})", chunk)
            out.update(r[0] for r in rows)
        return out

    def prune_images(self, hashes: Iterable[str]) -> int:
        """Delete the thumbnails of these pictures that no story shows; returns how many files.

        Only the pictures given are looked at (tonight's stories' items), never the archive."""
        removed = 0
        with self.transaction():
            for chunk, marks in _chunks(hashes):
                removed += self.db.execute(
                    f"DELETE FROM image_files WHERE hash IN ({marks}) AND NOT EXISTS "
                    "(SELECT 1 FROM story_images s WHERE s.hash = image_files.hash)",
                    chunk).rowcount
        return removed

    # -- what the build reads ------------------------------------------------------------------

    def changed_pages(self, since_seq: int) -> set[str]:
        rows = self.db.execute("SELECT DISTINCT page FROM page_changes WHERE seq > ?",
                               (since_seq,))
        return {r[0] for r in rows}

    def oldest_change_seq(self) -> int:
        row = self.db.execute("SELECT MIN(seq) FROM page_changes").fetchone()
        return row[0] or 0

    def prune_page_changes(self, keep_runs: int) -> None:
        """Forget page changes older than `keep_runs` analysis runs (a build older than that
        renders everything)."""
        below = self.current_seq() - keep_runs
        if below > 0:
            with self.transaction():
                self.db.execute("DELETE FROM page_changes WHERE seq < ?", (below,))
                self._put_meta("pruned_below", str(below))

    def record_ingest_attempt(self, now: datetime) -> None:
        """An ingest run starts: committed at once, so a run that dies still shows (the site's
        stale notice is measured against this time, see site.freshness)."""
        self.set_meta(INGEST_ATTEMPTED, _dt(now) or "")

    def close_night(self, now: datetime, succeeded: bool) -> None:
        """Record a completed ingest run at `now`. The stories that gained a source in the
        previous run were "developing" until now: their pages are logged as changed, so that an
        incremental build renders them again without the mark (as a full build would)."""
        night = _dt(now) or ""
        with self.transaction():
            previous = self.get_meta(INGEST_NIGHT)
            if previous and previous != night:
                pages: set[str] = set()
                # "!= ''" lets SQLite use the partial index on grew.
                for row in self.db.execute(
                        "SELECT pages FROM story_records WHERE grew = ? AND grew != ''",
                        (previous,)):
                    pages.update(json.loads(row[0]))
                if pages:
                    seq = self.current_seq() + 1
                    self._put_meta("seq", str(seq))
                    self.db.executemany(
                        "INSERT OR IGNORE INTO page_changes (seq, page) VALUES (?, ?)",
                        [(seq, p) for p in sorted(pages)])
            self._put_meta(INGEST_NIGHT, night)
            if succeeded:
                self._put_meta(INGEST_SUCCEEDED, night)

    def ingest_times(self) -> dict[str, datetime | None]:
        """The recorded ingest times (INGEST_* meta keys) and the newest story's last item."""
        out = {key: _parse_dt(self.get_meta(key))
               for key in (INGEST_ATTEMPTED, INGEST_SUCCEEDED, INGEST_NIGHT)}
        out["newest_story"] = _parse_dt(
            self.db.execute("SELECT MAX(updated) FROM story_records").fetchone()[0])
        return out

    def sitemap_months(self) -> dict[str, str]:
        """month → newest change (story update or growth) of the stories first published that
        month or shown on its days: one aggregate over the records, for the sitemap index."""
        out: dict[str, str] = {}
        rows = list(self.db.execute(
            "SELECT substr(created, 1, 7), MAX(MAX(updated, grew)) FROM story_records "
            "GROUP BY 1"))
        rows += list(self.db.execute(
            "SELECT substr(d.day, 1, 7), MAX(MAX(r.updated, r.grew)) FROM story_days d "
            "JOIN story_records r INDEXED BY story_records_lastmod ON r.id = d.story_id "
            "GROUP BY 1"))
        for month, last in rows:
            out[month] = max(out.get(month, ""), last)
        return out

    def sitemap_month(self, month: str) -> tuple[list[tuple[str, str, str]],
                                                  list[tuple[str, str]]]:
        """The pages of one month for its sitemap: stories first published in it as (created,
        slug, lastmod) and its days as (day, lastmod), oldest first."""
        end = month + "\uffff"
        stories = [(r[0], r[1], r[2]) for r in self.db.execute(
            "SELECT r.created, s.slug, MAX(r.updated, r.grew) FROM story_records r "
            "JOIN stories s ON s.id = r.id WHERE r.created >= ? AND r.created < ? "
            "ORDER BY r.created, r.id", (month, end))]
        days = [(r[0], r[1]) for r in self.db.execute(
            "SELECT d.day, MAX(MAX(r.updated, r.grew)) FROM story_days d "
            "JOIN story_records r INDEXED BY story_records_lastmod ON r.id = d.story_id "
            "WHERE d.day >= ? AND d.day < ? "
            "GROUP BY d.day ORDER BY d.day", (month, end))]
        return stories, days

    def story_records(self, ids: Iterable[str]) -> dict[str, tuple[str, dict]]:
        """id → (slug, stored view data) of the analysed stories among `ids`."""
        out: dict[str, tuple[str, dict]] = {}
        for chunk, marks in _chunks(ids):
            rows = self.db.execute(
                f"SELECT r.id, r.data FROM story_records r WHERE r.id IN ({marks})", chunk)
            for r in rows:
                data = json.loads(r["data"])
                out[r["id"]] = (data["slug"], data)
        return out

    def days(self) -> list[tuple[str, int]]:
        """(day, number of stories) of every day with stories, newest first."""
        rows = self.db.execute(
            "SELECT day, COUNT(*) FROM story_days GROUP BY day ORDER BY day DESC")
        return [(r[0], r[1]) for r in rows]

    def neighbour_days(self, day: str) -> tuple[str | None, str | None]:
        """The nearest older and newer days with stories."""
        older = self.db.execute("SELECT MAX(day) FROM story_days WHERE day < ?",
                                (day,)).fetchone()[0]
        newer = self.db.execute("SELECT MIN(day) FROM story_days WHERE day > ?",
                                (day,)).fetchone()[0]
        return older, newer

    def day_story_ids(self, day: str) -> list[str]:
        """The day's stories, best ranked first (rank.rank_stories' order)."""
        rows = self.db.execute(
            "SELECT story_id FROM story_days WHERE day = ? ORDER BY -score, -latest, story_id",
            (day,))
        return [r[0] for r in rows]

    def latest_story_ids(self, limit: int, topic: str | None = None,
                         by: str = "created") -> list[str]:
        """The newest stories by creation (or last update), newest first."""
        column = "updated" if by == "updated" else "created"
        where, params = ("WHERE topic = ?", (topic,)) if topic is not None else ("", ())
        rows = self.db.execute(
            f"SELECT id FROM story_records {where} ORDER BY {column} DESC, id DESC LIMIT ?",
            (*params, limit))
        return [r[0] for r in rows]

    def topic_counts(self) -> dict[str, int]:
        rows = self.db.execute("SELECT topic, COUNT(*) FROM story_records GROUP BY topic")
        return {r[0]: r[1] for r in rows}

    def topic_months(self, topic: str) -> list[tuple[str, int]]:
        rows = self.db.execute(
            "SELECT substr(created, 1, 7) AS m, COUNT(*) FROM story_records WHERE topic = ? "
            "GROUP BY m ORDER BY m DESC", (topic,))
        return [(r[0], r[1]) for r in rows]

    def topic_month_ids(self, topic: str, month: str) -> list[str]:
        rows = self.db.execute(
            "SELECT id FROM story_records WHERE topic = ? AND created >= ? AND created < ? "
            "ORDER BY created DESC, id DESC", (topic, month, month + "\uffff"))
        return [r[0] for r in rows]

    def source_items(self, source_url: str, month: str = "",
                     limit: int = -1) -> list[tuple[str, str]]:
        """(item key, story id) of a source's shown items, newest first; one month, or all."""
        if month:
            where, params = "AND published >= ? AND published < ?", (month, month + "\uffff")
        else:
            where, params = "", ()
        rows = self.db.execute(
            f"SELECT item_key, story_id FROM story_items WHERE source_url = ? {where} "
            "ORDER BY published DESC, title DESC, item_key DESC LIMIT ?",
            (source_url, *params, limit))
        return [(r[0], r[1]) for r in rows]

    def image_names(self) -> set[str]:
        """The names of every stored thumbnail (images.thumb_name)."""
        return {r[0] for r in self.db.execute("SELECT name FROM image_files")}

    def shown_image_names(self, hashes: Iterable[str] | None = None) -> set[str]:
        """The thumbnails of the pictures some story shows: all of them, or among `hashes`."""
        shown = "EXISTS (SELECT 1 FROM story_images s WHERE s.hash = image_files.hash)"
        if hashes is None:
            return {r[0] for r in self.db.execute(f"SELECT name FROM image_files WHERE {shown}")}
        out: set[str] = set()
        for chunk, marks in _chunks(hashes):
            rows = self.db.execute(
                f"SELECT name FROM image_files WHERE hash IN ({marks}) AND {shown}", chunk)
            out.update(r[0] for r in rows)
        return out

    def image_files(self, names: Iterable[str]) -> Iterator[tuple[str, bytes]]:
        """(name, bytes) of these thumbnails, in name order, a chunk at a time."""
        for chunk, marks in _chunks(names, 100):
            rows = self.db.execute(
                f"SELECT name, data FROM image_files WHERE name IN ({marks}) ORDER BY name", chunk)
            for r in rows:
                yield r[0], bytes(r[1])

    def source_months(self, source_url: str) -> list[tuple[str, int]]:
        rows = self.db.execute(
            "SELECT substr(published, 1, 7) AS m, COUNT(*) FROM story_items "
            "WHERE source_url = ? GROUP BY m ORDER BY m DESC", (source_url,))
        return [(r[0], r[1]) for r in rows]
