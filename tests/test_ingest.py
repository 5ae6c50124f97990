"""Ingest end to end against feeds served from 127.0.0.1: storage, dedup, failures, stability."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from news_digest.ingest import IngestLocked, backoff_until, run_ingest, writer_lock
from news_digest.model import FetchState
from news_digest.store import Store

from feedkit import Entry, Feed, opml, settings_for
from httpserver import serve

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)

BRIDGE = (
    "The city council of Lyon approved on Monday a 240 million euro plan to rebuild the "
    "Pont Lafayette bridge over the Rhone, closed since the floods of October. Mayor Claire "
    "Dumont said work would start in March and last two years. Opposition councillors "
    "criticised the cost and asked for an independent audit of the engineering study. "
    "Traders near the bridge say they have lost a third of their customers since the closure."
)
CHIPS = (
    "Semiconductor maker Halvorsen Microsystems will build a 12 billion dollar factory in "
    "Tromso, Norway, its chief executive Ingrid Halvorsen announced on Sunday. The plant is "
    "expected to employ 3,000 people by 2030 and to make chips for electric cars. Norway's "
    "industry minister welcomed the investment, the largest in the region's history, and "
    "promised faster grid connections for the site near the harbour."
)
GARDEN = (
    "A community garden in the suburb of Riverside opened its gates to visitors this weekend "
    "after five years of volunteer work. Gardeners grow tomatoes, beans and rare apple "
    "varieties on a plot that used to be a car park. The garden association hopes to open a "
    "small school programme next spring and is looking for more volunteers to help."
)


def _feed(title: str, base: str, prefix: str, texts: list[tuple[str, str]], start=T0) -> Feed:
    entries = [
        Entry(title=t, link=f"{base}/{prefix}/{n}.html", published=start + timedelta(hours=n),
              description=body, author="Staff")
        for n, (t, body) in enumerate(texts)
    ]
    return Feed(title=title, entries=entries, link=base + "/")


def _routes_for(feeds: dict[str, Feed], base: str) -> dict:
    return {f"/{name}.xml": (200, {"Content-Type": "application/rss+xml"}, feed.rss())
            for name, feed in feeds.items()}


def _write_sources(tmp_path, base: str, names: list[str], **attrs) -> None:
    (tmp_path / "sources.opml").write_text(
        opml([("News", n.title(), f"{base}/{n}.xml") for n in names], **attrs)
    )


def test_ingest_stores_items_and_reingest_adds_nothing(tmp_path):
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes_for({
            "alpha": _feed("Alpha", base, "a", [("Lyon approves bridge plan", BRIDGE),
                                                 ("Garden opens", GARDEN)]),
            "beta": _feed("Beta", base, "b", [("Halvorsen to build chip plant in Tromso", CHIPS)]),
        }, base))
        _write_sources(tmp_path, base, ["alpha", "beta"], fullText="off")
        settings = settings_for(tmp_path)
        first = run_ingest(settings, tmp_path, now=NOW)
        assert [f.status for f in first.feeds] == ["ok", "ok"]
        assert sum(f.new_items for f in first.feeds) == 3
        second = run_ingest(settings, tmp_path, now=NOW + timedelta(days=1))
        assert sum(f.new_items + f.updated_items for f in second.feeds) == 0
    with Store(tmp_path / "store.sqlite", readonly=True) as store:
        items = store.items()
        assert len(items) == 3
        assert all(i.story_id for i in items)
        assert store.integrity_ok()
        lyon = next(i for i in items if "Lyon" in i.title)
        assert lyon.lang == "en"
        assert lyon.summary.startswith("The city council of Lyon approved")
        assert lyon.author == "Staff"


def test_conditional_get_sends_validators_back_and_304_is_no_change(tmp_path):
    feed = None

    def handler(req):
        if req.headers.get("If-None-Match") == '"v1"':
            req.send_response(304)
            req.end_headers()
            return
        body = feed.rss()
        req.send_response(200)
        req.send_header("ETag", '"v1"')
        req.send_header("Last-Modified", "Sun, 22 Nov 2026 09:00:00 GMT")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)

    with serve({"/alpha.xml": handler}) as base:
        feed = _feed("Alpha", base, "a", [("Lyon approves bridge plan", BRIDGE)])
        _write_sources(tmp_path, base, ["alpha"], fullText="off")
        settings = settings_for(tmp_path)
        run_ingest(settings, tmp_path, now=NOW)
        report = run_ingest(settings, tmp_path, now=NOW + timedelta(days=1))
        second = base.requests[-1]
    assert second.header("If-None-Match") == '"v1"'
    assert second.header("If-Modified-Since") == "Sun, 22 Nov 2026 09:00:00 GMT"
    assert report.feeds[0].status == "not_modified"
    with Store(tmp_path / "store.sqlite", readonly=True) as store:
        state = store.fetch_state(f"{base}/alpha.xml")
        assert state.consecutive_failures == 0 and state.item_count == 1


def test_broken_feeds_are_recorded_and_never_stop_the_run(tmp_path):
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes_for({"good": _feed("Good", base, "g", [("Garden opens", GARDEN)])},
                                  base))
        routes["/error.xml"] = (500, {}, b"oops")
        routes["/invalid.xml"] = (200, {"Content-Type": "text/xml"}, b"<rss><channel><item>")
        routes["/html.xml"] = (200, {"Content-Type": "text/html"},
                               b"<html><body><form>Log in</form></body></html>")
        names = ["error", "invalid", "html", "good"]
        (tmp_path / "sources.opml").write_text(opml(
            [("News", n, f"{base}/{n}.xml") for n in names]
            + [("News", "private", "http://10.1.2.3/feed.xml"),
               ("News", "scheme", "ftp://127.0.0.1/feed.xml")],
            fullText="off",
        ))
        report = run_ingest(settings_for(tmp_path), tmp_path, now=NOW)
    statuses = {f.source.title: f.status for f in report.feeds}
    assert statuses["good"] == "ok"
    assert statuses["error"] == "http_error"
    assert statuses["invalid"] in {"parse_error", "not_a_feed"}
    assert statuses["html"] == "not_a_feed"
    assert statuses["private"] == "refused"
    assert statuses["scheme"] == "refused"
    with Store(tmp_path / "store.sqlite", readonly=True) as store:
        assert [i.title for i in store.items()] == ["Garden opens"]
        states = store.fetch_states()
        assert states[f"{base}/error.xml"].consecutive_failures == 1
        assert states[f"{base}/error.xml"].failing_since == NOW
        assert "500" in states[f"{base}/error.xml"].last_error


def test_failing_nights_keep_items_and_recovery_duplicates_nothing(tmp_path):
    routes: dict = {}
    with serve(routes) as base:
        good = _routes_for({"alpha": _feed("Alpha", base, "a", [("Garden opens", GARDEN),
                                                                 ("Lyon bridge", BRIDGE)])}, base)
        routes.update(good)
        _write_sources(tmp_path, base, ["alpha"], fullText="off")
        settings = settings_for(tmp_path)
        run_ingest(settings, tmp_path, now=NOW)
        for night in range(1, 4):
            routes["/alpha.xml"] = (503, {"Retry-After": "120"}, b"down")
            run_ingest(settings, tmp_path, now=NOW + timedelta(days=night))
        with Store(tmp_path / "store.sqlite", readonly=True) as store:
            state = store.fetch_state(f"{base}/alpha.xml")
            assert state.consecutive_failures == 3
            assert len(store.items()) == 2
        routes["/alpha.xml"] = (200, {"Content-Type": "application/rss+xml"},
                                Feed("Empty", [], base).rss())
        empty = run_ingest(settings, tmp_path, now=NOW + timedelta(days=30))
        assert empty.feeds[0].status == "not_a_feed"
        routes.update(good)
        run_ingest(settings, tmp_path, now=NOW + timedelta(days=60))
    with Store(tmp_path / "store.sqlite", readonly=True) as store:
        assert len(store.items()) == 2
        state = store.fetch_state(f"{base}/alpha.xml")
        assert state.consecutive_failures == 0 and state.failing_since is None


def test_backoff_grows_and_is_capped():
    st = FetchState("x", last_attempt=NOW)
    assert backoff_until(st) is None
    st.consecutive_failures = 3
    assert backoff_until(st) == NOW + timedelta(days=2)
    st.consecutive_failures = 4
    assert backoff_until(st) == NOW + timedelta(days=4)
    st.consecutive_failures = 40
    assert backoff_until(st) == NOW + timedelta(days=16)


def test_same_article_through_two_feeds_is_one_item(tmp_path):
    routes: dict = {}
    with serve(routes) as base:
        original = _feed("Alpha", base, "a", [("Lyon approves bridge plan", BRIDGE)])
        copy = Feed("Aggregator", [Entry(
            title="Lyon approves bridge plan (via Alpha)",
            link=original.entries[0].link + "?utm_source=rss&utm_medium=feed",
            published=T0 + timedelta(hours=3), description=BRIDGE, guid="agg-1")], base + "/")
        routes.update(_routes_for({"alpha": original, "agg": copy}, base))
        _write_sources(tmp_path, base, ["alpha", "agg"], fullText="off")
        run_ingest(settings_for(tmp_path), tmp_path, now=NOW)
    with Store(tmp_path / "store.sqlite", readonly=True) as store:
        items = store.items()
    assert len(items) == 1
    assert items[0].source_url.endswith("/alpha.xml")


def test_truncated_entries_get_their_full_text_from_the_page(tmp_path):
    page = (
        "<html><head><title>Lyon approves bridge plan</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Lyon approves bridge plan</h1>"
        + "".join(f"<p>{s}.</p>" for s in BRIDGE.split(". "))
        + "<p>Read more: <a href='/other'>Other news</a></p></article>"
        "<div class='comments'><h3>Leave a Reply</h3><p>Your email address will not be "
        "published. Required fields are marked *</p></div></body></html>"
    ).encode()
    routes: dict = {}
    with serve(routes) as base:
        feed = Feed("Alpha", [Entry("Lyon approves bridge plan", f"{base}/a/0.html", T0,
                                    description="The city council of Lyon approved …")], base)
        routes.update(_routes_for({"alpha": feed}, base))
        routes["/a/0.html"] = (200, {"Content-Type": "text/html; charset=utf-8"}, page)
        _write_sources(tmp_path, base, ["alpha"])
        run_ingest(settings_for(tmp_path), tmp_path, now=NOW)
    with Store(tmp_path / "store.sqlite", readonly=True) as store:
        (item,) = store.items()
    assert item.full_text
    assert "Mayor Claire Dumont" in item.text
    assert "Leave a Reply" not in item.text and "Read more" not in item.text


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path):
    store = tmp_path / "store.sqlite"
    with writer_lock(store), pytest.raises(IngestLocked, match="already writing"):
        with writer_lock(store):
            pass


def test_story_ids_and_slugs_survive_a_second_night(tmp_path):
    routes: dict = {}
    with serve(routes) as base:
        alpha = _feed("Alpha", base, "a", [
            ("Lyon council approves 240 million euro plan for Pont Lafayette bridge", BRIDGE),
            ("Halvorsen Microsystems to build 12 billion dollar chip factory in Tromso", CHIPS)])
        routes.update(_routes_for({"alpha": alpha}, base))
        _write_sources(tmp_path, base, ["alpha", "beta"], fullText="off")
        routes["/beta.xml"] = (500, {}, b"")
        settings = settings_for(tmp_path)
        run_ingest(settings, tmp_path, now=NOW)
        with Store(tmp_path / "store.sqlite", readonly=True) as store:
            night1 = {s.id: s.slug for s in store.stories()}
        beta = _feed("Beta", base, "b", [
            ("Pont Lafayette: Lyon votes 240 million euros to rebuild the bridge",
             BRIDGE.replace("approved on Monday", "voted on Monday")),
            ("Riverside garden opens after five years", GARDEN)],
            start=T0 + timedelta(hours=20))
        routes.update(_routes_for({"beta": beta}, base))
        run_ingest(settings, tmp_path, now=NOW + timedelta(days=1))
    with Store(tmp_path / "store.sqlite", readonly=True) as store:
        stories = store.stories()
    night2 = {s.id: s.slug for s in stories}
    assert len(night1) == 2
    for sid, slug in night1.items():
        assert night2[sid] == slug
    bridge = next(s for s in stories if any("Pont Lafayette" in i.title for i in s.items))
    assert len(bridge.items) == 2, "the second report of the bridge vote joins its story"
    assert len(stories) == 3


def test_host_gate_limits_concurrency_and_spaces_requests():
    import threading
    import time

    from news_digest.ingest import HostGate

    gate = HostGate(limit=2, spacing=0.05)
    active, peak, starts = 0, 0, []
    lock = threading.Lock()

    def work():
        nonlocal active, peak
        with gate.slot("http://one.example/x"):
            with lock:
                active += 1
                peak = max(peak, active)
                starts.append(time.monotonic())
            time.sleep(0.05)
            with lock:
                active -= 1

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak <= 2
    starts.sort()
    assert all(b - a >= 0.045 for a, b in zip(starts, starts[1:], strict=False))


def test_retry_after_is_honoured_on_the_next_night(tmp_path):
    routes: dict = {"/alpha.xml": (503, {"Retry-After": "172800"}, b"busy")}
    with serve(routes) as base:
        _write_sources(tmp_path, base, ["alpha"], fullText="off")
        settings = settings_for(tmp_path)
        run_ingest(settings, tmp_path, now=NOW)
        asked = len(base.requests)
        report = run_ingest(settings, tmp_path, now=NOW + timedelta(days=1))
        assert len(base.requests) == asked, "not asked again before Retry-After ends"
        assert "asked to wait" in report.feeds[0].error
        routes.update(_routes_for({"alpha": _feed("Alpha", base, "a", [("Garden", GARDEN)])},
                                  base))
        run_ingest(settings, tmp_path, now=NOW + timedelta(days=2, minutes=1))
        assert len(base.requests) == asked + 1
    with Store(tmp_path / "store.sqlite", readonly=True) as store:
        assert len(store.items()) == 1


def test_health_command_prints_the_table_and_fails_when_feeds_fail_too_long(tmp_path, capsys):
    from news_digest.cli import main

    from feedkit import write_settings_file

    routes: dict = {"/down.xml": (500, {}, b"")}
    with serve(routes) as base:
        routes.update(_routes_for({"alpha": _feed("Alpha", base, "a", [("Garden", GARDEN)])},
                                  base))
        _write_sources(tmp_path, base, ["alpha", "down"], fullText="off")
        settings = settings_for(tmp_path)
        run_ingest(settings, tmp_path, now=datetime.now(UTC) - timedelta(days=5))
    conf = write_settings_file(tmp_path / "conf.py", tmp_path / "store.sqlite",
                               tmp_path / "sources.opml")
    assert main(["health", "--settings", str(conf)]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[1].startswith("http_error") and "Down" in lines[1]
    assert "failing too long" in lines[1] and "HTTP 500" in out.out
    assert any(line.startswith("ok") and "Alpha" in line for line in lines)
    assert "failing for more than 3 days" in out.err
    lenient = write_settings_file(tmp_path / "lenient.py", tmp_path / "store.sqlite",
                                  tmp_path / "sources.opml", DIGEST_HEALTH_MAX_FAILING_DAYS=10)
    assert main(["health", "--settings", str(lenient)]) == 0


def test_a_feeds_css_rules_decide_what_its_pages_give(tmp_path):
    page = ("<html><body><div class='teaser'>" + "<p>Subscribe for the whole story today.</p>" * 8
            + "</div><div class='story-text'><p>" + BRIDGE + "</p><p class='promo'>Win a "
            "trip!</p></div></body></html>").encode()
    routes: dict = {}
    with serve(routes) as base:
        feed = Feed("Alpha", [Entry("Lyon approves bridge plan", f"{base}/a/0.html", T0,
                                    description="The city council of Lyon approved …")], base)
        routes.update(_routes_for({"alpha": feed}, base))
        routes["/a/0.html"] = (200, {"Content-Type": "text/html; charset=utf-8"}, page)
        _write_sources(tmp_path, base, ["alpha"], keep=".story-text", remove=".promo")
        run_ingest(settings_for(tmp_path), tmp_path, now=NOW)
    with Store(tmp_path / "store.sqlite", readonly=True) as store:
        (item,) = store.items()
    assert item.full_text and item.text.startswith("The city council of Lyon approved")
    assert "Subscribe" not in item.text and "Win a trip" not in item.text


def test_the_same_feed_bytes_are_not_parsed_again_unless_an_entry_was_left(tmp_path, monkeypatch):
    import news_digest.ingest as ingest_module

    parsed: list[str] = []
    real_parse = ingest_module.parse_feed

    def counting_parse(body, url):
        parsed.append(url)
        return real_parse(body, url)

    monkeypatch.setattr(ingest_module, "parse_feed", counting_parse)
    routes: dict = {}
    with serve(routes) as base:
        routes.update(_routes_for({
            "alpha": _feed("Alpha", base, "a", [("Lyon approves bridge plan", BRIDGE)]),
            "beta": _feed("Beta", base, "b", [("Halvorsen to build chip plant in Tromso", CHIPS)]),
        }, base))
        _write_sources(tmp_path, base, ["alpha", "beta"], fullText="off")
        settings = settings_for(tmp_path, workers=1)
        real_build = ingest_module.ItemJob  # the beta entry fails on the first night only
        fail = {"Halvorsen to build chip plant in Tromso"}

        def job(source, entry, *args, **kwargs):
            if entry.title in fail:
                raise RuntimeError("worker lost")
            return real_build(source, entry, *args, **kwargs)

        monkeypatch.setattr(ingest_module, "ItemJob", job)
        first = run_ingest(settings, tmp_path, now=NOW)
        assert [f.new_items for f in first.feeds] == [1, 0]
        fail.clear()
        second = run_ingest(settings, tmp_path, now=NOW + timedelta(days=1))
        assert [f.status for f in second.feeds] == ["not_modified", "ok"]
        assert [f.new_items for f in second.feeds] == [0, 1], "the entry left is read again"
        third = run_ingest(settings, tmp_path, now=NOW + timedelta(days=2))
        assert [f.status for f in third.feeds] == ["not_modified", "not_modified"]
    assert len(parsed) == 3  # alpha once; beta on the first two nights
