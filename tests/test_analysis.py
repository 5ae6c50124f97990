"""Story analysis at ingest: only changed stories are analysed, and earlier coverage is found
through the store's name index."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

from test_copies import FOLLOW_UP, SAME_PERSON, STRIKE

from news_digest.config import DigestSettings
from news_digest.ingest import finish_night
from news_digest.model import FetchState, Source
from news_digest.store import Store

SETTINGS = DigestSettings()
SOURCES = sorted({i.source_url for s in (STRIKE, FOLLOW_UP, SAME_PERSON) for i in s.items})


def _store_night(store: Store, items) -> None:
    for url in sorted({i.source_url for i in items}):
        store.save_feed(FetchState(source_url=url), [i for i in items if i.source_url == url])
    finish_night(store, list(items), SETTINGS, site_lang="en")


def _records(store: Store) -> dict[str, tuple[int, dict]]:
    rows = store.db.execute("SELECT id, seq, data FROM story_records").fetchall()
    return {r["id"]: (r["seq"], json.loads(r["data"])) for r in rows}


def test_only_changed_stories_are_analysed_and_earlier_coverage_comes_from_the_index(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        store.sync_sources([Source(url=u, title=u.split("//")[1].split(".")[0].title())
                            for u in SOURCES])
        _store_night(store, [replace(i, story_id="") for i in STRIKE.items])
        first = _records(store)
        assert len(first) == 1, "the three strike reports are one story"
        (strike_id, (seq, strike)), = first.items()
        assert strike["source_count"] == 3 and strike["earlier"] == []

        later = [replace(i, story_id="") for i in FOLLOW_UP.items + SAME_PERSON.items]
        _store_night(store, later)
        records = _records(store)
        assert records[strike_id][0] == seq, "the unchanged story was not analysed again"
        follow = next(d for s, d in records.values() if "accept" in d["title"])
        person = next(d for s, d in records.values() if "council" in d["title"])
        assert follow["earlier"] == [strike_id]
        assert person["earlier"] == [], "one shared name is not the same event"
        changed = store.changed_pages(seq)
        assert any(p.startswith("story\t" + follow["id"]) for p in changed)
        assert not any(p.startswith("story\t" + strike_id) for p in changed)


def test_site_boilerplate_counts_follow_stored_articles(tmp_path):
    sign_off = "Follow the Harbour Post on every network for more."
    with Store(tmp_path / "s.sqlite") as store:
        items = [replace(i, key=f"k{n}", url=f"https://post.example/{n}", story_id="",
                         text=f"{i.text}\n\n{sign_off}",
                         published=i.published + timedelta(minutes=n))
                 for n, i in enumerate(STRIKE.items * 2)]
        store.save_feed(FetchState(source_url=SOURCES[0]), items)
        learned = store.learned_blocks("post.example", 3, 0.2)
        assert len(learned) == 1
        store.save_feed(FetchState(source_url=SOURCES[0]),
                        [replace(i, text=i.text.replace(sign_off, "")) for i in items[:5]])
        assert store.learned_blocks("post.example", 3, 0.2) == frozenset()


class _DeadWorkers:
    """An executor whose every task fails, as when its workers die."""

    def submit(self, fn, jobs):
        from concurrent.futures import Future

        future = Future()
        future.set_exception(RuntimeError("worker died"))
        return future


def _analysed_with(tmp_path, name: str, executor) -> dict:
    from news_digest.analysis import analysis_settings, analyze_stories

    with Store(tmp_path / f"{name}.sqlite") as store:
        store.sync_sources([Source(url=u, title=u.split("//")[1].split(".")[0].title())
                            for u in SOURCES])
        items = [replace(i, story_id="") for s in (STRIKE, FOLLOW_UP, SAME_PERSON) for i in s.items]
        _store_night(store, items)
        wanted = analysis_settings(SETTINGS, "en")
        analyze_stories(store, set(store.story_ids()), wanted, executor=executor)
        return {k: (v[1], sorted(store.changed_pages(0))) for k, v in _records(store).items()}


def test_analyses_on_worker_processes_are_the_ones_made_here(tmp_path, monkeypatch):
    from news_digest import analysis
    from news_digest.executor import LocalExecutor

    monkeypatch.setattr(analysis, "CHUNK", 1)  # one task per story: several tasks at once
    here = _analysed_with(tmp_path, "here", None)
    assert len(here) >= 3
    pool = LocalExecutor(2)
    try:
        assert _analysed_with(tmp_path, "pool", pool) == here
    finally:
        pool.close()
    assert _analysed_with(tmp_path, "dead", _DeadWorkers()) == here


def test_the_build_reads_earlier_coverage_from_the_stored_analyses(tmp_path):
    from types import SimpleNamespace

    from news_digest.site import StoryReader

    with Store(tmp_path / "s.sqlite") as store:
        store.sync_sources([Source(url=u, title=u.split("//")[1].split(".")[0].title())
                            for u in SOURCES])
        _store_night(store, [replace(i, story_id="") for i in STRIKE.items])
        _store_night(store, [replace(i, story_id="") for i in FOLLOW_UP.items + SAME_PERSON.items])
        records = {d["title"]: sid for sid, (_, d) in _records(store).items()}
        site = SimpleNamespace(by_url={}, night=None, story_url=lambda view: f"{view.id}.html",
                               topic=lambda name: name)
        reader = StoryReader(store, site)
        follow_id = next(sid for title, sid in records.items() if "accept" in title)
        strike_id = next(sid for title, sid in records.items()
                         if sid != follow_id and "strike" in title.lower())
        for _ in range(2):  # the second time from the reader's caches
            follow, = reader.views([follow_id])
            assert [v.id for v in follow.earlier] == [strike_id]
            assert follow.earlier[0].url == f"{strike_id}.html"
        strike, = reader.views([strike_id])
        assert strike.earlier == [] and strike.title == follow.earlier[0].title
