"""Group items about the same event into stories, in one batch or night after night.

Each doc becomes a sparse TF-IDF vector (features.py). Docs are then clustered in one pass in
(time, id) order against running story centroids found through an inverted index, so the cost
grows with the number of docs times the few stories that share a word with each, not all
pairs. Then every new doc may move to a better story a couple of times, look-alike stories are
merged (the merge threshold is meant to be above the join threshold), and the docs of merged
stories get one more look. Existing stories never lose docs and keep their ids.

The thresholds follow the shape of the input (`choose_tuning`): a title alone has a handful
of features, a headline with its lead a few dozen. Cased headlines alone need more overlap
(two common words already give a high cosine); text that lost its capitals has only word
overlap left, which shrinks with the count, so its thresholds go down.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import islice

from .features import Doc, Vector, vectorize

__all__ = [
    "DEFAULT_TUNING", "FULL_FEATURES", "MIN_SCALE", "Doc", "Tuning", "assign_to_stories",
    "cased_tuning", "choose_tuning", "cluster_batch", "is_cased", "tuning_for_features",
    "typical_features",
]


@dataclass(frozen=True)
class Tuning:
    """Thresholds of the clusterer; the right values depend on what the docs look like."""

    join_threshold: float = 0.2  # cosine between a doc and a story centroid needed to join
    merge_threshold: float = 0.5  # centroid cosine at which two new stories become one
    same_source_penalty: float = 0.15  # one outlet rarely runs two items on one event
    min_shared: int = 2  # one shared name ("Macron") is not enough to call two items one story
    refine_passes: int = 2  # times each new doc may move to a better story


# Set on our own feeds, a headline with its excerpt or lead (bilingual fixtures, demo feeds):
# FULL_FEATURES distinct features per doc or more.
DEFAULT_TUNING = Tuning()
FULL_FEATURES = 20
# The lowest thresholds ever checked (titles alone, about 6 features, on the public MStream
# News dev half); below this, a single common word would chain unrelated titles together.
MIN_SCALE = 0.2


def tuning_for_features(features: float, base: Tuning = DEFAULT_TUNING) -> Tuning:
    """`base` with its cosine thresholds scaled for docs of `features` distinct features.

    Why linear: the reports of one story draw their words from the story's pool of V words.
    Two docs of n features each then share about n*n/V words, and their cosine is about n/V.
    Halving the features per doc halves the cosine of two reports of one story, so a threshold
    that separates stories at FULL_FEATURES has to be scaled by n / FULL_FEATURES. Longer docs
    keep `base` (their cosines no longer grow: the lead is capped and words repeat).
    """
    scale = min(1.0, max(MIN_SCALE, features / FULL_FEATURES))
    if scale == 1.0:
        return base
    return replace(
        base,
        join_threshold=base.join_threshold * scale,
        merge_threshold=base.merge_threshold * scale,
        same_source_penalty=base.same_source_penalty * scale,
    )


def typical_features(vectors: Sequence[Vector]) -> float:
    """Median number of features of the docs that have any (FULL_FEATURES when none do)."""
    sizes = [len(vec) for vec in vectors if vec]
    # The median, so a few long articles in a feed of bare titles do not set the scale.
    return float(statistics.median(sizes)) if sizes else float(FULL_FEATURES)


CASED_SHARE = 0.5  # docs with capital letters needed to call a batch "cased"


def is_cased(docs: Sequence[Doc]) -> bool:
    """Whether most docs keep their capitals, so names can be told from words."""
    with_text = [d for d in docs if (d.title or d.text)]
    cased = sum(1 for d in with_text if any(c.isupper() for c in (d.title or d.text)))
    return bool(with_text) and cased >= CASED_SHARE * len(with_text)


def choose_tuning(docs: Sequence[Doc], base: Tuning = DEFAULT_TUNING) -> Tuning:
    """The tuning `cluster_batch` uses for `docs` when none is given.

    Cased text keeps `base` however short it is: names and numbers carry the event, and
    lowering the bar on headlines alone chains unrelated ones through common words. Text
    that lost its capitals (pre-processed titles) has only word overlap left, which falls
    with the number of features per doc, so its thresholds scale with it.
    """
    return _tuning_for(docs, vectorize(docs), base)


def _tuning_for(docs: Sequence[Doc], vectors: Sequence[Vector],
                base: Tuning = DEFAULT_TUNING) -> Tuning:
    if is_cased(docs):
        return cased_tuning(typical_features(vectors), base)
    return tuning_for_features(typical_features(vectors), base)


MAX_CASED_SCALE = 2.0


def cased_tuning(features: float, base: Tuning = DEFAULT_TUNING) -> Tuning:
    """Short cased docs (headlines alone) need *more* overlap, not less: with a handful of
    words, two shared common words already give a high cosine, and stories chain."""
    scale = min(MAX_CASED_SCALE, max(1.0, FULL_FEATURES / max(features, 1.0)))
    if scale == 1.0:
        return base
    return replace(base, join_threshold=base.join_threshold * scale,
                   merge_threshold=min(0.95, base.merge_threshold * scale))


SCAN_BUDGET = 200  # index entries read per doc to find candidate stories (keeps it near-linear)
MERGE_SCAN_BUDGET = 5000  # the same per story when merging stories, which happens once
DEFAULT_WINDOW = timedelta(days=3)


@dataclass
class _Story:
    id: str
    members: set[int] = field(default_factory=set)
    centroid: Vector = field(default_factory=dict)
    norm2: float = 0.0
    sources: Counter[str] = field(default_factory=Counter)
    first: datetime | None = None
    last: datetime | None = None
    fixed: bool = False  # an existing story: its members never move


class _Clusterer:
    """Running story centroids with an inverted index from feature to stories."""

    def __init__(
        self, docs: Sequence[Doc], vectors: Sequence[Vector], window: timedelta, tuning: Tuning
    ):
        self.tuning = tuning
        self.docs = docs
        self.vectors = vectors
        self.window = window
        self.stories: list[_Story] = []
        self.index: dict[str, dict[int, float]] = defaultdict(dict)
        self.story_of: dict[int, int] = {}
        self.norms: list[float] = []  # story norms in a flat list: read once per candidate

    def new_story(self, story_id: str, fixed: bool = False) -> int:
        self.stories.append(_Story(story_id, fixed=fixed))
        self.norms.append(1.0)
        return len(self.stories) - 1

    def _update_times(self, story: _Story) -> None:
        times = [t for t in (self.docs[i].time for i in story.members) if t is not None]
        story.first, story.last = (min(times), max(times)) if times else (None, None)

    def add(self, doc_index: int, story_index: int) -> None:
        story = self.stories[story_index]
        for word, weight in self.vectors[doc_index].items():
            old = story.centroid.get(word, 0.0)
            story.centroid[word] = old + weight
            story.norm2 += 2.0 * old * weight + weight * weight
            self.index[word][story_index] = old + weight
        self.norms[story_index] = math.sqrt(story.norm2) or 1.0
        story.members.add(doc_index)
        story.sources[self.docs[doc_index].source] += 1
        time = self.docs[doc_index].time
        if time is not None:
            story.first = time if story.first is None else min(story.first, time)
            story.last = time if story.last is None else max(story.last, time)
        self.story_of[doc_index] = story_index

    def remove(self, doc_index: int) -> None:
        story_index = self.story_of.pop(doc_index)
        story = self.stories[story_index]
        story.members.discard(doc_index)
        story.sources[self.docs[doc_index].source] -= 1
        for word, weight in self.vectors[doc_index].items():
            old = story.centroid[word]
            value = old - weight
            if not story.members or value < 1e-9:
                value = 0.0
                del story.centroid[word]
                del self.index[word][story_index]
            else:
                story.centroid[word] = value
                self.index[word][story_index] = value
            story.norm2 += value * value - old * old
        if not story.members:
            story.norm2 = 0.0
        elif story.norm2 < 1e-6 or len(story.members) < 4:
            # Recomputed for small stories, so rounding errors cannot pile up where they matter.
            story.norm2 = sum(v * v for v in story.centroid.values())
        self.norms[story_index] = math.sqrt(story.norm2) or 1.0
        time = self.docs[doc_index].time
        if time is not None and time in (story.first, story.last):
            self._update_times(story)

    def _open(self, story: _Story, time: datetime | None) -> bool:
        if time is None or story.last is None:
            return True
        return story.first - self.window <= time <= story.last + self.window

    def _dots(self, vec: Vector, budget: int = 0) -> dict[int, float]:
        """Dot products with the stories that share the doc's rarest words.

        Words are read rarest first and at most SCAN_BUDGET index entries in all, so a doc made
        of common words costs no more than one made of rare ones; the scores of stories reached
        only through skipped common words are then a little low, which only errs on the side
        of keeping stories apart.
        """
        index = self.index
        dots: dict[int, float] = {}
        get = dots.get
        budget = budget or SCAN_BUDGET
        for word in sorted(vec, key=lambda w: (len(index.get(w, ())), w)):
            postings = index.get(word)
            if not postings:
                continue
            if budget <= 0:
                break
            weight = vec[word]
            # Newest stories first: with a time window the old ones are mostly closed anyway.
            entries = islice(reversed(postings.items()), budget)
            if dots:
                for story_index, value in entries:
                    dots[story_index] = get(story_index, 0.0) + weight * value
            else:  # the rarest word: nothing to add to yet, and a comprehension is faster
                dots = {story_index: weight * value for story_index, value in entries}
                get = dots.get
            budget -= len(postings)
        return dots

    def _shared(self, vec: Vector, story: _Story, own: bool) -> int:
        """How many of the doc's words the story has (without the doc itself if `own`)."""
        centroid = story.centroid
        if own:
            return sum(1 for w, x in vec.items() if centroid[w] - x > 1e-9)
        return sum(1 for w in vec if w in centroid)

    def best_story(self, doc_index: int) -> int | None:
        """The story the doc fits best (leaving its own contribution out), if one fits enough."""
        vec = self.vectors[doc_index]
        doc = self.docs[doc_index]
        own = self.story_of.get(doc_index)
        threshold = self.tuning.join_threshold
        stories = self.stories
        dots = self._dots(vec)
        candidates: list[tuple[float, int]] = []
        own_dot = dots.pop(own, None) if own is not None else None
        if own_dot is not None and len(stories[own].members) > 1:
            # Score against the story as it would be without this doc.
            norm2 = stories[own].norm2 - 2.0 * own_dot + 1.0
            if norm2 > 1e-9:
                candidates.append(((own_dot - 1.0) / math.sqrt(norm2), own))
        candidates = [(score, -i) for score, i in candidates if score >= threshold]
        norms = self.norms
        # The hot loop of the whole clusterer: one pass, and `dot >= threshold * norm` spares a
        # division for the many stories that fall short.
        candidates.extend(
            [(dot / norms[i], -i) for i, dot in dots.items() if dot >= threshold * norms[i]]
        )
        need_shared = min(self.tuning.min_shared, len(vec))
        while candidates:
            # Best score first; equal scores go to the older story, so the result is
            # deterministic. Usually the best one fits, so take maxima rather than sort.
            top = max(candidates)
            candidates.remove(top)
            score, story_index = top[0], -top[1]
            story = stories[story_index]
            is_own = story_index == own
            if doc.source and story.sources[doc.source] - is_own > 0:
                if score < threshold + self.tuning.same_source_penalty:
                    continue
            if not self._open(story, doc.time):
                continue
            if self._shared(vec, story, is_own) < need_shared:
                continue
            return story_index
        return None

    def place(self, doc_index: int) -> None:
        best = self.best_story(doc_index)
        if best is None:
            best = self.new_story(self.docs[doc_index].id)
        self.add(doc_index, best)

    def refine(self, order: Sequence[int]) -> None:
        """Let docs of new stories move to a better story, a few times over.

        After the first pass only docs of stories that changed are looked at again: the
        others kept the same neighbourhood, and this keeps later passes cheap.
        """
        for _ in range(self.tuning.refine_passes):
            changed: set[int] = set()
            for doc_index in order:
                old = self.story_of[doc_index]
                best = self.best_story(doc_index)
                if best == old or (best is None and len(self.stories[old].members) == 1):
                    continue
                self.remove(doc_index)
                if best is None:
                    best = self.new_story("")
                self.add(doc_index, best)
                changed.update((old, best))
            if not changed:
                break
            order = [i for i in order if self.story_of[i] in changed]

    def merge_similar(self) -> set[int]:
        """Fold new stories into a similar, larger story (centroid cosine), smallest first.

        Returns the stories that grew.
        """
        threshold = self.tuning.merge_threshold
        grown: set[int] = set()
        # A single doc was already compared with every story when it was placed, at a lower
        # threshold than this one: only stories of two or more docs can find new partners.
        order = sorted(
            (i for i, s in enumerate(self.stories) if len(s.members) > 1 and not s.fixed),
            key=lambda i: (len(self.stories[i].members), -i),
        )
        for story_index in order:
            story = self.stories[story_index]
            if not story.members:
                continue
            norm = math.sqrt(story.norm2)
            dots = self._dots(story.centroid, MERGE_SCAN_BUDGET)
            dots.pop(story_index, None)
            best, best_score = None, threshold
            for other in sorted(dots):
                target = self.stories[other]
                if len(target.members) < len(story.members):
                    continue
                score = dots[other] / (norm * self.norms[other])
                if score < best_score or (best is not None and score == best_score):
                    continue
                if story.last is not None and not (
                    self._open(target, story.first) or self._open(target, story.last)
                ):
                    continue
                shared = sum(1 for w in story.centroid if w in target.centroid)
                if shared < self.tuning.min_shared:
                    continue
                best, best_score = other, score
            if best is None:
                continue
            for doc_index in sorted(story.members):
                self.remove(doc_index)
                self.add(doc_index, best)
            grown.add(best)
        return grown


def _order(docs: Sequence[Doc], indices: Sequence[int]) -> list[int]:
    """Indices in (time, id) order; docs without a time come first."""
    def key(i: int) -> tuple:
        doc = docs[i]
        when = doc.time.timestamp() if doc.time is not None else -math.inf
        return (when, doc.id, doc.title, doc.text, i)

    return sorted(indices, key=key)


def _cluster_new(clusterer: _Clusterer, order: Sequence[int]) -> None:
    """Place docs one by one, let them move, merge look-alike stories, let them move again."""
    for i in order:
        clusterer.place(i)
    clusterer.refine(order)
    grown = clusterer.merge_similar()
    if grown:
        # Only docs of merged stories have a new neighbourhood worth a second look.
        clusterer.refine([i for i in order if clusterer.story_of[i] in grown])


def cluster_batch(docs: Sequence[Doc], *, tuning: Tuning | None = None) -> list[int]:
    """One label per doc (same order as input); docs with the same label are one story.

    Without `tuning`, the thresholds come from the shape of `docs` (see `choose_tuning`).
    """
    if not docs:
        return []
    vectors = vectorize(docs)
    tuning = tuning or _tuning_for(docs, vectors)
    clusterer = _Clusterer(docs, vectors, DEFAULT_WINDOW, tuning)
    _cluster_new(clusterer, _order(docs, range(len(docs))))
    labels: dict[int, int] = {}
    result = [0] * len(docs)
    for i in range(len(docs)):
        story = clusterer.story_of[i]
        result[i] = labels.setdefault(story, len(labels))
    return result


def assign_to_stories(
    new_docs: Sequence[Doc],
    existing: Mapping[str, Sequence[Doc]],
    window: timedelta = DEFAULT_WINDOW,
    *,
    tuning: Tuning | None = None,
) -> dict[str, str]:
    """Story id for each new doc id: an existing story it joins, or its new story's founder.

    Without `tuning`, the thresholds come from the shape of all docs, old and new.
    """
    story_ids = sorted(existing)
    old_docs = [doc for sid in story_ids for doc in existing[sid]]
    known = {doc.id: sid for sid in story_ids for doc in existing[sid]}
    fresh = [doc for doc in new_docs if doc.id not in known]
    docs = old_docs + fresh
    if not docs:
        return {}
    vectors = vectorize(docs)
    tuning = tuning or _tuning_for(docs, vectors)
    clusterer = _Clusterer(docs, vectors, window, tuning)
    position = 0
    for sid in story_ids:
        story_index = clusterer.new_story(sid, fixed=True)
        for _ in existing[sid]:
            clusterer.add(position, story_index)
            position += 1
    order = _order(docs, range(len(old_docs), len(docs)))
    _cluster_new(clusterer, order)
    result = {doc.id: known[doc.id] for doc in new_docs if doc.id in known}
    for story in clusterer.stories:
        if story.fixed or not story.members:
            continue
        # A new story is named after its earliest doc, whatever order the docs were placed in.
        founder = _order(docs, sorted(story.members))[0]
        story.id = docs[founder].id
    for i in order:
        result[docs[i].id] = clusterer.stories[clusterer.story_of[i]].id
    return result
