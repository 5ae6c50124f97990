"""The store: schema versioning, WAL, atomic per-feed batches, never deleting."""

import sqlite3
from datetime import UTC, datetime

import pytest

from news_digest.model import FetchState, Item, Source
from news_digest.store import SCHEMA_VERSION, Store, StoreError

NOW = datetime(2026, 11, 23, tzinfo=UTC)


def _item(key: str, url: str = "") -> Item:
    return Item(key=key, source_url="f", url=url or f"https://x.example/{key}", title=key,
                published=NOW, first_seen=NOW, text="t", summary="s")


def test_new_store_is_versioned_and_in_wal_mode(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.integrity_ok()


def test_newer_store_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_readonly_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="ingest"):
        Store(tmp_path / "missing.sqlite", readonly=True)


def test_a_failed_batch_leaves_nothing_behind(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        store.save_feed(FetchState("f"), [_item("a")])
        bad = _item("b")
        bad.title = None  # NOT NULL: the whole batch must roll back
        with pytest.raises(sqlite3.IntegrityError):
            store.save_feed(FetchState("f", last_status="ok"), [_item("c"), bad])
        assert [i.key for i in store.items()] == ["a"]
        assert store.fetch_state("f").item_count == 1


def test_sources_left_out_of_the_file_keep_their_items(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        store.sync_sources([Source("f", "F"), Source("g", "G")])
        store.save_feed(FetchState("f"), [_item("a")])
        store.sync_sources([Source("g", "G")])
        assert [s.url for s in store.sources()] == ["g"]
        assert [s.url for s in store.sources(include_inactive=True)] == ["g", "f"]
        assert len(store.items()) == 1


def test_known_index_finds_by_link_and_by_guid_only_without_one(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        item = _item("a", "https://x.example/a?utm_source=rss")
        item.guid = "g1"
        linkless = _item("b")
        linkless.url, linkless.guid = "", "g2"
        store.save_feed(FetchState("f"), [item, linkless])
        index = store.known_index()
        assert store.find_item("f", "g2", "")[0] == "b"
        assert store.find_item("f", "g1", "https://x.example/other") is None
    assert index.find("other", "", "https://x.example/a")[0] == "a"
    assert index.find("f", "g1", "https://x.example/other") is None, "a shared guid is no match"
    assert index.find("f", "g2", "")[0] == "b"
    assert index.find("other", "g2", "") is None


def test_a_version_1_store_is_migrated_in_place_keeping_its_data(tmp_path):
    from news_digest.store import _MIGRATIONS

    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(_MIGRATIONS[1] + "PRAGMA user_version=1;")
    db.execute("INSERT INTO fetch_state (source_url, consecutive_failures) VALUES ('f', 2)")
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        state = store.fetch_state("f")
    assert state.consecutive_failures == 2 and state.not_before is None


def test_nightly_lookups_use_an_index_not_a_scan_of_the_archive(tmp_path):
    """A night's lookups must cost what the night costs: each is answered through an index."""
    with Store(tmp_path / "s.sqlite") as store:
        traced: list[str] = []
        store.db.set_trace_callback(traced.append)
        store.find_item("https://feed.example/rss", "", "https://news.example/a")
        store.find_item("https://feed.example/rss", "g1", "")
        store.learned_blocks("news.example", 3, 0.2)
        store.stories_sharing_names(["lyon", "240"], "s1", 2, 200,
                                    datetime(2026, 10, 1, tzinfo=UTC),
                                    datetime(2026, 11, 1, tzinfo=UTC))
        store.day_story_ids("2026-11-23")
        store.source_items("https://feed.example/rss", month="2026-11", limit=20)
        store.db.set_trace_callback(None)
        for sql in [s for s in traced if s.lstrip().upper().startswith("SELECT")]:
            plan = " ".join(str(row[3]) for row in store.db.execute("EXPLAIN QUERY PLAN " + sql))
            assert "SCAN items" not in plan and "SCAN site_blocks" not in plan, (sql, plan)
            assert "SCAN story_names" not in plan and "SCAN story_items" not in plan, (sql, plan)
