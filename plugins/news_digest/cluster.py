"""Group items about the same event into stories, in one batch or night after night.

Each doc becomes a sparse TF-IDF vector over features that survive translation (names,
places, numbers; French/English exonyms; cross-language name variants matched by character
trigrams) plus ordinary content words. Docs are then clustered in one pass in (time, id)
order against running story centroids found through an inverted index, so the cost grows
with the number of docs times the few stories that share a word with each, not all pairs.
Then every new doc may move to a better story a couple of times, look-alike stories are
merged (the merge threshold is meant to be above the join threshold), and the docs of merged
stories get one more look. Existing stories never lose docs and keep their ids.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice

from .textstats import ALL_STOPWORDS, EXONYMS, char_ngrams, dice, stem, tokens


@dataclass(frozen=True)
class Doc:
    """What the clusterer needs to know about one item."""

    id: str
    title: str
    text: str = ""  # full text, an excerpt, or "" (title only)
    lang: str = ""
    time: datetime | None = None  # tz-aware UTC
    source: str = ""  # feed/site identifier; two docs of one source are less likely the same story


@dataclass(frozen=True)
class Tuning:
    """Thresholds of the clusterer; the right values depend on what the docs look like."""

    join_threshold: float = 0.2  # cosine between a doc and a story centroid needed to join
    merge_threshold: float = 0.5  # centroid cosine at which two new stories become one
    same_source_penalty: float = 0.15  # one outlet rarely runs two items on one event
    min_shared: int = 2  # one shared name ("Macron") is not enough to call two items one story
    refine_passes: int = 2  # times each new doc may move to a better story


# Real headlines with excerpts (our feeds), checked on bilingual fixtures: stories are events.
DEFAULT_TUNING = Tuning()
# Pre-processed titles only (lower-cased, no stop words) with broad, topic-like stories, as in
# the MStream News benchmark: much lower thresholds, tuned on its public dev half.
TITLES_ONLY = Tuning(join_threshold=0.04, merge_threshold=0.12)

TITLE_TF = 2.0  # a headline word counts as much as two words of the excerpt
NAME_BOOST = 1.5  # names and numbers carry across languages, so weigh them up
LEAD_WORDS = 80  # only the lead of a long text: the rest drifts off the event
SCAN_BUDGET = 200  # index entries read per doc to find candidate stories (keeps it near-linear)
MERGE_SCAN_BUDGET = 5000  # the same per story when merging stories, which happens once
FUZZY_MIN_DICE = 0.6
FUZZY_MIN_LEN = 4
DEFAULT_WINDOW = timedelta(days=3)

Vector = dict[str, float]


@dataclass
class _Features:
    counts: Counter[str]
    names: set[str]


def _extract(doc: Doc) -> _Features:
    """Feature counts of one doc: folded, stemmed tokens of the title and the lead."""
    counts: Counter[str] = Counter()
    names: set[str] = set()
    lead = " ".join((doc.text or "").split()[:LEAD_WORDS])
    for part, tf in ((doc.title or "", TITLE_TF), (lead, 1.0)):
        for tok in tokens(part):
            word = tok.text
            if tok.is_number:
                if len(word) < 2:
                    continue
            elif word in ALL_STOPWORDS or len(word) < 2:
                continue
            word = stem(EXONYMS.get(word, word))
            counts[word] += tf
            if tok.is_name or tok.is_number:
                names.add(word)
    return _Features(counts, names)


def _name_variants(feats: Sequence[_Features], langs: Sequence[str]) -> dict[str, str]:
    """Map name spellings of one language onto a close spelling from another ("moscou")."""
    if len({lang for lang in langs if lang}) < 2:
        return {}
    df: Counter[str] = Counter()
    seen_in: dict[str, set[str]] = defaultdict(set)
    for feat, lang in zip(feats, langs, strict=True):
        for name in feat.names:
            if len(name) >= FUZZY_MIN_LEN and not name.isdigit():
                df[name] += 1
                seen_in[name].add(lang or "?")
    mapping: dict[str, str] = {}
    by_gram: dict[str, list[str]] = defaultdict(list)
    grams_of: dict[str, set[str]] = {}
    # Frequent spellings become the canonical ones; every name is compared with those only,
    # so there are no chains of "close enough" spellings drifting apart.
    for name in sorted(df, key=lambda n: (-df[n], n)):
        grams = char_ngrams(name)
        overlap: Counter[str] = Counter()
        for gram in grams:
            for other in by_gram.get(gram, ()):
                overlap[other] += 1
        best, best_score = "", FUZZY_MIN_DICE
        for other in sorted(overlap):
            if other[0] != name[0] or seen_in[other] & seen_in[name]:
                continue
            score = dice(grams, grams_of[other])
            if score >= best_score and (score > best_score or not best):
                best, best_score = other, score
        if best:
            mapping[name] = best
        else:
            grams_of[name] = grams
            for gram in grams:
                by_gram[gram].append(name)
    return mapping


def _vectorize(docs: Sequence[Doc]) -> list[Vector]:
    """L2-normalised TF-IDF vectors, IDF taken over all `docs`."""
    feats = [_extract(doc) for doc in docs]
    variants = _name_variants(feats, [doc.lang for doc in docs])
    if variants:
        for feat in feats:
            merged: Counter[str] = Counter()
            for word, count in feat.counts.items():
                merged[variants.get(word, word)] += count
            feat.names = {variants.get(name, name) for name in feat.names}
            feat.counts = merged
    df: Counter[str] = Counter()
    for feat in feats:
        df.update(feat.counts.keys())
    n = len(docs)
    vectors: list[Vector] = []
    for feat in feats:
        vec: Vector = {}
        for word, count in feat.counts.items():
            weight = (1.0 + math.log(count)) * (math.log((n + 1) / (df[word] + 1)) + 1.0)
            if word in feat.names:
                weight *= NAME_BOOST
            vec[word] = weight
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        vectors.append({word: w / norm for word, w in sorted(vec.items())})
    return vectors


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
            for story_index, value in islice(reversed(postings.items()), budget):
                dots[story_index] = get(story_index, 0.0) + weight * value
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
        norms = self.norms
        candidates.extend(
            (score, i)
            for score, i in ((dot / norms[i], i) for i, dot in dots.items())
            if score >= threshold
        )
        candidates = [(score, -i) for score, i in candidates if score >= threshold]
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


def cluster_batch(docs: Sequence[Doc], *, tuning: Tuning = DEFAULT_TUNING) -> list[int]:
    """One label per doc (same order as input); docs with the same label are one story."""
    if not docs:
        return []
    clusterer = _Clusterer(docs, _vectorize(docs), DEFAULT_WINDOW, tuning)
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
    tuning: Tuning = DEFAULT_TUNING,
) -> dict[str, str]:
    """Story id for each new doc id: an existing story it joins, or its new story's founder."""
    story_ids = sorted(existing)
    old_docs = [doc for sid in story_ids for doc in existing[sid]]
    known = {doc.id: sid for sid in story_ids for doc in existing[sid]}
    fresh = [doc for doc in new_docs if doc.id not in known]
    docs = old_docs + fresh
    if not docs:
        return {}
    clusterer = _Clusterer(docs, _vectorize(docs), window, tuning)
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
