"""Story analysis: computed at ingest when a story changes, stored, and only read by the build.

Everything a story's pages show that depends on its items — copies and the first reporter,
headline and summary sentences, shared names, topic, its rank on each of its days, earlier
coverage — is worked out here once, when the story changes. The build never analyses
anything, so a night costs what tonight's news costs, not what the archive holds.

The pure part turns one story into a `StoryAnalysis`; `analyze_stories` is the edge that reads
the stories from the store and writes their analyses back.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from . import __version__
from .config import DigestSettings
from .copies import copy_links
from .coverage import HORIZON, StoryFeatures, earlier_of, story_features
from .model import Source, Story
from .rank import story_score
from .store import Store, story_page_key
from .views import SourceView, StoryView, source_views, story_record, story_view

log = logging.getLogger(__name__)

# Bump when what is stored changes shape or meaning: every story is analysed again.
# 3: stories carry their lead picture; 4: when they last gained a source (last_growth)
ANALYSIS_VERSION = 5  # 5: stories record when they grew and the picture they show
CANDIDATES = 200  # earlier-coverage candidates scored per story: the most names shared first
CHUNK = 25  # stories per task when an executor analyses them on other cores


@dataclass(frozen=True)
class AnalysisSettings:
    """The settings an analysis depends on; a change means every story is analysed again."""

    site_lang: str = ""
    window_days: float = 3.0
    hide_flags: tuple[str, ...] = ()

    def fingerprint(self) -> str:
        blob = json.dumps([ANALYSIS_VERSION, __version__, self.site_lang, self.window_days,
                           sorted(self.hide_flags)])
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def analysis_settings(settings: DigestSettings, site_lang: str) -> AnalysisSettings:
    """The analysis settings from the DIGEST_* ones and the site's language."""
    return AnalysisSettings(site_lang=site_lang, window_days=settings.story_window_days,
                            hide_flags=tuple(settings.hide_flags))


@dataclass
class StoryAnalysis:
    """One story's stored analysis (see store.save_analyses)."""

    id: str
    created: datetime
    updated: datetime
    topic: str
    data: dict  # the story view as plain data (views.story_record)
    features: StoryFeatures
    days: dict[str, tuple[float, float]]  # day → (rank score, latest item timestamp)
    items: list[tuple[str, str, datetime, str]]  # shown items: (key, source_url, published, title)
    earlier: list[str]
    pages: list[str]  # page keys (see page_keys)
    grew: datetime | None = None  # when it last gained a source (see last_growth)
    image: str = ""  # content hash of the picture the story shows ('' for none)


# -- page keys: which pages a story appears on ------------------------------------------------


def page_keys(analysis: StoryAnalysis, slug: str) -> list[str]:
    """The pages that show this story: its own, its days, its topic's and sources' months."""
    keys = {story_page_key(analysis.id, analysis.created, slug)}
    keys.update(f"day\t{d}" for d in analysis.days)
    keys.add(f"topicmonth\t{analysis.topic}\t{analysis.created:%Y-%m}")
    keys.update(f"sourcemonth\t{src}\t{published:%Y-%m}" for _, src, published, _ in analysis.items)
    return sorted(keys)


# -- the pure part ----------------------------------------------------------------------------


def features_to_json(f: StoryFeatures) -> str:
    return json.dumps({"id": f.id, "start": f.start.isoformat(), "end": f.end.isoformat(),
                       "names": sorted(f.names), "runs": [sorted(r) for r in f.runs],
                       "words": sorted(f.words)}, ensure_ascii=False, sort_keys=True)


def features_from_json(text: str) -> StoryFeatures:
    d = json.loads(text)
    return StoryFeatures(id=d["id"], start=datetime.fromisoformat(d["start"]),
                         end=datetime.fromisoformat(d["end"]), names=frozenset(d["names"]),
                         runs=tuple(frozenset(r) for r in d["runs"]),
                         words=frozenset(d["words"]))


def visible(story: Story, by_url: dict[str, SourceView],
            hide_flags: tuple[str, ...]) -> Story | None:
    """The story as the site shows it: without hidden items; None when nothing is left to show."""
    if hide_flags:
        hidden = set(hide_flags)
        story = replace(story, items=[i for i in story.items if not hidden & set(i.flags)])
    if not any(i.source_url in by_url for i in story.items):
        return None  # only feeds no longer in the sources file: the store keeps them
    return story


def last_growth(story: Story, by_url: dict[str, SourceView]) -> datetime | None:
    """When the story last gained a source: the ingest night (first_seen) of the first item of
    its newest source, or None while every source came in the night the story began. Stored
    with the story, so "developing" is a function of the store, never of the build's clock."""
    first: dict[str, datetime] = {}
    for item in story.items:
        if item.source_url in by_url and item.first_seen is not None:
            seen = first.get(item.source_url)
            first[item.source_url] = item.first_seen if seen is None else min(seen,
                                                                                item.first_seen)
    if not first:
        return None
    newest = max(first.values())
    return newest if newest > min(first.values()) else None


def end_of_day(d: date) -> datetime:
    return datetime.combine(d, time(), tzinfo=UTC) + timedelta(days=1)


def analyze(story: Story, by_url: dict[str, SourceView], topic_order: dict[str, int],
            settings: AnalysisSettings,
            earlier_candidates: list[StoryFeatures]) -> StoryAnalysis:
    """One visible story's analysis. `earlier_candidates` are stories sharing names with it."""
    names = {url: view.title for url, view in by_url.items()}
    links = copy_links(story.items, names)
    view = story_view(story, by_url, settings.site_lang, topic_order, links)
    copies = {link.copy: link.original for link in links}
    features = story_features(story)
    earlier = earlier_of(features, earlier_candidates, timedelta(days=settings.window_days))
    latest = max(i.published for i in story.items).timestamp()
    days = {}
    for d in sorted({i.published.date() for i in story.items}):
        score = round(story_score(story, end_of_day(d), copies), 9)
        days[d.isoformat()] = (score, latest)
    items = [(iv.key, iv.source.feed_url, iv.published, iv.title) for iv in view.items]
    grew = last_growth(story, by_url)
    data = story_record(view, earlier)
    data["grew"] = grew.isoformat() if grew else ""
    return StoryAnalysis(id=story.id, created=story.created, updated=view.updated,
                         topic=view.topic_name, data=data, features=features, days=days,
                         items=items, earlier=earlier, pages=[], grew=grew,
                         image=_shown_picture(story, view))


@dataclass(frozen=True)
class AnalysisContext:
    """What every story's analysis of one run shares."""

    by_url: dict[str, SourceView]
    topic_order: dict[str, int]
    settings: AnalysisSettings


@dataclass(frozen=True)
class AnalysisJob:
    """One story to analyse, with everything read from the store beforehand."""

    story: Story  # as shown (visible())
    slug: str
    candidates: list[StoryFeatures]
    context: AnalysisContext


def analyze_batch(jobs: list[AnalysisJob]) -> list[StoryAnalysis]:
    """One analysis per job, in job order: the task an executor runs on another core."""
    out = []
    for job in jobs:
        ctx = job.context
        analysis = analyze(job.story, ctx.by_url, ctx.topic_order, ctx.settings, job.candidates)
        analysis.pages = page_keys(analysis, job.slug)
        out.append(analysis)
    return out


def _run_jobs(jobs: list[AnalysisJob], executor) -> list[StoryAnalysis]:
    """analyze_batch over the jobs, in chunks on the executor when there is one. A chunk whose
    task failed (a worker died) is analysed here instead: the result is the same."""
    if executor is None or len(jobs) <= CHUNK:
        return analyze_batch(jobs)
    starts = range(0, len(jobs), CHUNK)
    futures = [executor.submit(analyze_batch, jobs[n:n + CHUNK]) for n in starts]
    out: list[StoryAnalysis] = []
    for n, future in zip(starts, futures, strict=True):
        try:
            out.extend(future.result())
        except Exception as exc:  # the task failed (a dead worker), not the analysis
            log.warning("analysis task failed (%s); analysing its stories here", exc)
            out.extend(analyze_batch(jobs[n:n + CHUNK]))
    return out


def _shown_picture(story: Story, view: StoryView) -> str:
    if view.image is None:
        return ""
    item = next(i for i in story.items if i.key == view.image.item.key)
    return item.image.hash if item.image else ""


def with_stored_pictures(story: Story, stored: set[str]) -> Story:
    """The story without the pictures whose thumbnails were dropped (no story showed them):
    a story analysed again never picks a picture the site cannot serve."""
    items = [i if i.image is None or i.image.hash in stored else replace(i, image=None)
             for i in story.items]
    return replace(story, items=items)


# -- the edge: read stories, write analyses ---------------------------------------------------


def _context(sources: list[Source],
             feed_titles: dict[str, str]) -> tuple[dict[str, SourceView], dict[str, int]]:
    views = source_views(sources, {}, feed_titles)
    topic_order: dict[str, int] = {}
    for s in sources:
        topic_order.setdefault(s.topic, len(topic_order))
    return {v.feed_url: v for v in views}, topic_order


def analyze_stories(store: Store, story_ids: set[str], settings: AnalysisSettings,
                    batch: int = 200, executor=None) -> int:
    """Analyse these stories again and store the results; returns how many were analysed.

    Stories sharing names are found through the store's name index, never by comparing
    every pair of stories. Then the thumbnails of these stories' pictures that no story
    shows are dropped: the store keeps what the site shows, not every picture fetched.
    With an `executor` (executor.py), the analyses run on its workers; this process reads
    and writes the store, and the results are the same."""
    if not story_ids:
        return 0
    by_url, topic_order = _context(store.sources(), store.feed_titles())
    context = AnalysisContext(by_url, topic_order, settings)
    seq = store.next_seq()
    ids = sorted(story_ids)
    pictures: set[str] = set()
    for start in range(0, len(ids), batch):
        jobs: list[AnalysisJob] = []
        gone: list[str] = []
        stories = store.stories_by_id(ids[start:start + batch])
        hashes = {i.image.hash for s in stories for i in s.items if i.image is not None}
        stored = store.stored_image_hashes(hashes)
        pictures |= hashes
        for story in stories:
            shown = visible(with_stored_pictures(story, stored), by_url, settings.hide_flags)
            if shown is None:
                gone.append(story.id)
                continue
            features = story_features(shown)
            window = timedelta(days=settings.window_days)
            found = store.stories_sharing_names(sorted(features.names), story.id, 2, CANDIDATES,
                                                features.start - HORIZON, features.start - window)
            candidates = [features_from_json(f) for f in found]
            jobs.append(AnalysisJob(shown, story.slug, candidates, context))
        analyses = _run_jobs(jobs, executor)
        found = {a.id for a in analyses} | set(gone)
        gone.extend(i for i in ids[start:start + batch] if i not in found)
        store.save_analyses(seq, analyses, gone, features_to_json)
    # After every batch is saved: a picture one of tonight's stories shows is kept for all.
    store.prune_images(pictures)
    store.set_meta("analysis", settings.fingerprint())
    return len(ids)


def refresh_if_stale(store: Store, settings: AnalysisSettings, executor=None) -> int:
    """Analyse every story when the store's analyses were made with other settings or code."""
    if store.get_meta("analysis") == settings.fingerprint():
        return 0
    return analyze_stories(store, set(store.story_ids()), settings, executor=executor)
