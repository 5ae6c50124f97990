"""Group items about the same event into stories, in one batch or night after night.

Each doc becomes a sparse TF-IDF vector (features.py). Docs are then clustered in one pass in
(time, id) order against running story centroids found through an inverted index, so the cost
grows with the number of docs times the few stories that share a word with each, not all
pairs. Then every new doc may move to a better story a couple of times, look-alike stories are
merged (on the mean cosine over pairs of their docs for caseless text, on their centroids'
cosine for cased text: see StoryModel.merge_linkage), and the docs of merged stories get one
more look. Existing stories never lose docs and keep their ids.

Whether a doc joins a candidate story is the story model's call (storymodel.py): a logistic
score over the doc's word cosine with the story, measured against the join bar of the input's
shape, and a few more measures, with weights and decision points in story_model.json
(trained by scripts/train_story_model.py, compared by benchmarks/eval_stories.py).

The join bar follows the shape of the input (`choose_tuning`): a title alone has a handful
of features, a headline with its lead a few dozen. Cased headlines alone need more overlap
(two common words already give a high cosine); text that lost its capitals has only word
overlap left, which shrinks with the count, so its thresholds go down.

With an `embedder` (optional, see embeddings.py), each story also keeps the sum of its docs'
sentence embeddings, and the clusterer uses the model's "embeddings" variant: the cosine of a
doc's embedding with the story's is one more feature of the logistic score, with its own
learned weight and decision points. One rule stays set by hand, because the labelled stories
are all in one language: a doc also joins a story with a doc in another language when their
embeddings are `embed_join` close and they share a name or number (reports of one event in two
languages share few words but their names; the embedding matches the rest). Stories in
different languages also merge on their embeddings (`embed_merge`). Candidates are still only
the stories that share a word with the doc, so the cost stays near-linear.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING

from .features import Doc, Vector, vectorize, vectorize_with_names
from .storymodel import EMBEDDED_FEATURES, StoryModel, default_model, pair_features

if TYPE_CHECKING:
    import numpy as np

    from .embeddings import Embedder

__all__ = [
    "DEFAULT_TUNING", "FULL_FEATURES", "MIN_SCALE", "Doc", "Tuning", "assign_to_stories",
    "cased_tuning", "choose_tuning", "cluster_batch", "embedding_text", "is_cased",
    "labelled_candidates", "tuning_for_features", "typical_features",
]


@dataclass(frozen=True)
class Tuning:
    """Thresholds of the clusterer; the right values depend on what the docs look like."""

    # The word cosine between a doc and a story centroid that counts as "as close as reports
    # of one event usually are" for docs of this shape: the story model reads cosines relative
    # to it, and two stories merge at `StoryModel.merge_ratio` times it.
    join_threshold: float = 0.2
    # Taken off the cosine before the model sees it: one outlet rarely runs two items on one
    # event (a rule: the labelled data names no sources, so no weight can be learned for it).
    same_source_penalty: float = 0.15
    min_shared: int = 2  # one shared name ("Macron") is not enough to call two items one story
    refine_passes: int = 2  # times each new doc may move to a better story
    # Used only with an embedder: embedding cosine between a doc and a story (without the doc)
    # in another language that lets the doc join when the model's score falls short. Across
    # languages the words miss most of the overlap and the embedding is the bridge (within
    # one language the model weighs the embedding itself).
    embed_join: float = 0.65
    # The same between two new stories' embeddings, to merge stories of different languages
    # (within one language, the words merge what should be merged).
    embed_merge: float = 0.75
    embed_same_source_penalty: float = 0.1


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
    # A text with a capital changes when lower-cased (one C-level pass, not one per letter).
    cased = sum(1 for d in with_text if (d.title or d.text).lower() != (d.title or d.text))
    return bool(with_text) and cased >= CASED_SHARE * len(with_text)


def choose_tuning(docs: Sequence[Doc], base: Tuning = DEFAULT_TUNING,
                  model: StoryModel | None = None) -> Tuning:
    """The tuning `cluster_batch` uses for `docs` when none is given.

    Short cased text (headlines alone) gets a *higher* join bar: names and numbers carry the
    event, and with a handful of words two shared common words already give a high cosine,
    so lowering the bar chains unrelated headlines. How far it rises is the story `model`'s
    (the shipped one by default). Text that lost its capitals (pre-processed titles) has only
    word overlap left, which falls with the number of features per doc, so its thresholds
    scale down with it.
    """
    return _tuning_for(docs, vectorize(docs), base, (model or default_model()).cased_scale_cap)


def _tuning_for(docs: Sequence[Doc], vectors: Sequence[Vector], base: Tuning,
                cased_cap: float) -> Tuning:
    if is_cased(docs):
        return cased_tuning(typical_features(vectors), base, cased_cap)
    return tuning_for_features(typical_features(vectors), base)


def cased_tuning(features: float, base: Tuning = DEFAULT_TUNING,
                 cap: float = StoryModel.cased_scale_cap) -> Tuning:
    """Short cased docs need more overlap, not less: the bar rises as the docs have fewer
    features than a headline with its lead, up to `cap` times (StoryModel.cased_scale_cap)."""
    scale = min(cap, max(1.0, FULL_FEATURES / max(features, 1.0)))
    if scale == 1.0:
        return base
    return replace(base, join_threshold=base.join_threshold * scale)


# Stories below this share of the join bar are not worth asking the model about (the model
# was trained on the candidates above it, see scripts/train_story_model.py).
CANDIDATE_FLOOR = 0.5
MAX_MERGE = 0.95  # a centroid cosine bar above this would never merge anything
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


class _StoryEmbeddings:
    """Per-story sums of the docs' unit embeddings, kept in step with the story members.

    Sums rather than means: the cosine with a sum is the cosine with the mean. One matrix row
    per story, so a doc is scored against all its candidate stories in one product.
    """

    def __init__(self, vectors: np.ndarray, langs: Sequence[str]):
        import numpy as np

        self.vectors = vectors  # (docs, dim), unit rows
        self.langs = langs
        # 1, or 0 for an empty text
        self.self_dots = np.einsum("ij,ij->i", vectors, vectors, dtype=np.float64)
        self.sums = np.zeros((16, vectors.shape[1]))  # float64, so docs in and out do not drift
        self.norms = np.zeros(16)  # of the sums, kept up to date: read for every candidate
        self.lang_counts: list[Counter[str]] = []
        self.known_langs: list[frozenset[str]] = []  # per story, read for every candidate

    def new_story(self) -> None:
        if len(self.lang_counts) == len(self.sums):
            import numpy as np

            self.sums = np.concatenate([self.sums, np.zeros_like(self.sums)])
            self.norms = np.concatenate([self.norms, np.zeros_like(self.norms)])
        self.lang_counts.append(Counter())
        self.known_langs.append(frozenset())

    def add(self, doc_index: int, story_index: int) -> None:
        self.sums[story_index] += self.vectors[doc_index]
        self._update(story_index)
        self._count_lang(doc_index, story_index, 1)

    def remove(self, doc_index: int, story_index: int, emptied: bool) -> None:
        if emptied:
            self.sums[story_index] = 0.0  # no rounding residue left in an empty story
        else:
            self.sums[story_index] -= self.vectors[doc_index]
        self._update(story_index)
        self._count_lang(doc_index, story_index, -1)

    def _update(self, story_index: int) -> None:
        row = self.sums[story_index]
        self.norms[story_index] = math.sqrt(float(row @ row))

    def _count_lang(self, doc_index: int, story_index: int, step: int) -> None:
        counts = self.lang_counts[story_index]
        counts[self.langs[doc_index]] += step
        self.known_langs[story_index] = frozenset(
            lang for lang, n in counts.items() if n > 0 and lang
        )

    def other_language(self, doc_index: int, story_index: int) -> bool:
        """Whether the story has a doc in a language other than the doc's (both known)."""
        lang = self.langs[doc_index]
        langs = self.known_langs[story_index]
        return bool(lang) and bool(langs) and (len(langs) > 1 or lang not in langs)

    def languages_differ(self, a: int, b: int) -> bool:
        """Whether two stories have docs in two different (known) languages."""
        langs_a, langs_b = self.known_langs[a], self.known_langs[b]
        return bool(langs_a and langs_b) and len(langs_a | langs_b) > 1

    def doc_cosines(self, doc_index: int, story_indices: Sequence[int],
                    own: int | None) -> np.ndarray:
        """Cosine of the doc with each story, its own story taken without it."""
        import numpy as np

        vec = self.vectors[doc_index]
        dots = self.sums[story_indices] @ vec
        norms = self.norms[story_indices]
        if own is not None and own in story_indices:
            k = story_indices.index(own)
            # |sum - vec|^2 = |sum|^2 - 2 sum.vec + vec.vec, so no row is copied to leave it out.
            own_norm2 = norms[k] ** 2 - 2.0 * dots[k] + self.self_dots[doc_index]
            dots[k] -= self.self_dots[doc_index]
            norms[k] = math.sqrt(max(own_norm2, 0.0))
        return np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 1e-9)

    def story_cosine(self, a: int, b: int) -> float:
        denom = float(self.norms[a] * self.norms[b])
        return float(self.sums[a] @ self.sums[b]) / denom if denom > 1e-9 else 0.0


class _Clusterer:
    """Running story centroids with an inverted index from feature to stories."""

    def __init__(
        self, docs: Sequence[Doc], vectors: Sequence[Vector], window: timedelta, tuning: Tuning,
        embeddings: _StoryEmbeddings | None = None,
        names: Sequence[frozenset[str]] = (),
        model: StoryModel | None = None,
    ):
        self.tuning = tuning
        model = model or default_model(embedded=embeddings is not None)
        if model.reads_embeddings and embeddings is None:
            raise ValueError("this story model reads sentence embeddings: give an embedder")
        self.model = model.for_text(is_cased(docs))
        self.merge_threshold = min(MAX_MERGE, self.model.merge_ratio * tuning.join_threshold)
        self._cosine_weight = self.model.cosine_weight
        self.docs = docs
        self.vectors = vectors
        self.window = window
        self.stories: list[_Story] = []
        self.index: dict[str, dict[int, float]] = defaultdict(dict)
        self.story_of: dict[int, int] = {}
        self.norms: list[float] = []  # story norms in a flat list: read once per candidate
        self.emb = embeddings
        self.names = names  # per doc, its name and number features (used with embeddings)

    def new_story(self, story_id: str, fixed: bool = False) -> int:
        self.stories.append(_Story(story_id, fixed=fixed))
        self.norms.append(1.0)
        if self.emb is not None:
            self.emb.new_story()
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
        if self.emb is not None:
            self.emb.add(doc_index, story_index)
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
        if self.emb is not None:
            self.emb.remove(doc_index, story_index, emptied=not story.members)
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

    def _pair_features(self, doc_index: int, story_index: int, cosine: float,
                       own: bool) -> tuple[float, ...]:
        """The model's view of a doc and a story (the story without the doc if `own`)."""
        vec = self.vectors[doc_index]
        story = self.stories[story_index]
        centroid = story.centroid
        shared, coverage = 0, 0.0
        for word, weight in vec.items():
            if centroid.get(word, 0.0) - (weight if own else 0.0) > 1e-9:
                shared += 1
                coverage += weight * weight
        size = len(story.members) - own
        return pair_features(cosine / self.tuning.join_threshold, coverage, shared, size)

    def _candidate_cosines(self, doc_index: int, own: int | None) -> dict[int, float]:
        """Word cosine with the stories close enough to be worth asking the model about."""
        stories = self.stories
        floor = self.tuning.join_threshold * CANDIDATE_FLOOR
        dots = self._dots(self.vectors[doc_index])
        own_dot = dots.pop(own, None) if own is not None else None
        norms = self.norms
        # The hot loop of the whole clusterer: one pass, and `dot >= floor * norm` spares a
        # division for the many stories that fall short.
        cosines = {i: dot / norms[i] for i, dot in dots.items() if dot >= floor * norms[i]}
        if own_dot is not None and len(stories[own].members) > 1:
            # Score against the story as it would be without this doc.
            norm2 = stories[own].norm2 - 2.0 * own_dot + 1.0
            if norm2 > 1e-9 and (own_dot - 1.0) / math.sqrt(norm2) >= floor:
                cosines[own] = (own_dot - 1.0) / math.sqrt(norm2)
        return cosines

    def candidate_features(self, doc_index: int, story_index: int, cosine: float,
                           own: bool, embedding: float = 0.0) -> tuple[float, ...]:
        """The story model's inputs for the doc and a candidate story (`embedding`, the
        embedding cosine, only for a model that reads it)."""
        doc = self.docs[doc_index]
        if doc.source and self.stories[story_index].sources[doc.source] - own > 0:
            # One outlet rarely runs two items on one event: its own items need more overlap.
            # (A rule, not learned: the labelled data names no sources.)
            cosine -= self.tuning.same_source_penalty
        features = self._pair_features(doc_index, story_index, cosine, own)
        return (*features, embedding) if self.model.reads_embeddings else features

    def join_logit(self, doc_index: int, story_index: int, cosine: float, own: bool,
                   embedding: float = 0.0) -> float:
        """The model's log-odds that the doc belongs to the story."""
        weight = self._cosine_weight
        if weight is None:
            return self.model.logit(
                self.candidate_features(doc_index, story_index, cosine, own, embedding))
        # The same log-odds as through the features, without computing the unused ones.
        source = self.docs[doc_index].source
        if source and self.stories[story_index].sources[source] - own > 0:
            cosine -= self.tuning.same_source_penalty
        return self.model.bias + weight * (cosine / self.tuning.join_threshold)

    def best_story(self, doc_index: int) -> int | None:
        """The story the doc fits best (leaving its own contribution out), if one fits enough."""
        if self.emb is not None:
            return self._best_story_embedded(doc_index)
        vec = self.vectors[doc_index]
        doc = self.docs[doc_index]
        own = self.story_of.get(doc_index)
        bar = self.model.join_logit
        ranked = []
        for i, cosine in self._candidate_cosines(doc_index, own).items():
            logit = self.join_logit(doc_index, i, cosine, i == own)
            if logit >= bar:
                ranked.append((-logit, i))
        need_shared = min(self.tuning.min_shared, len(vec))
        # Best first; equal scores go to the older story, so the result is deterministic.
        for _, story_index in sorted(ranked):
            story = self.stories[story_index]
            if not self._open(story, doc.time):
                continue
            if self._shared(vec, story, story_index == own) < need_shared:
                continue
            return story_index
        return None

    def _shared_names(self, doc_index: int, story: _Story, own: bool) -> int:
        """How many of the doc's names and numbers the story has (without the doc if `own`)."""
        vec = self.vectors[doc_index]
        centroid = story.centroid
        if own:
            return sum(1 for w in self.names[doc_index] if centroid[w] - vec[w] > 1e-9)
        return sum(1 for w in self.names[doc_index] if w in centroid)

    def _sparse_scores(self, doc_index: int, own: int | None) -> dict[int, float]:
        """Word cosine with every story that shares a word (own story without the doc)."""
        dots = self._dots(self.vectors[doc_index])
        own_dot = dots.pop(own, None) if own is not None else None
        scores = {i: dot / self.norms[i] for i, dot in dots.items()}
        if own_dot is not None and len(self.stories[own].members) > 1:
            norm2 = self.stories[own].norm2 - 2.0 * own_dot + 1.0
            if norm2 > 1e-9:
                scores[own] = (own_dot - 1.0) / math.sqrt(norm2)
        return scores

    def embedded_candidates(self, doc_index: int,
                            own: int | None) -> dict[int, tuple[float, float]]:
        """With embeddings: the word and embedding cosines of the doc with every story worth
        asking the model about, a story that shares a word with the doc and comes close by
        words (`CANDIDATE_FLOOR`) or by embeddings (the model's `embed_floor`, or
        `embed_join` for a story with a doc in another language). Its own story is taken
        without the doc."""
        sparse = self._sparse_scores(doc_index, own)
        ids = sorted(sparse)
        if not ids:
            return {}
        embedded = self.emb.doc_cosines(doc_index, ids, own)
        floor = self.tuning.join_threshold * CANDIDATE_FLOOR
        embed_floor, bridge = self.model.embed_floor, self.tuning.embed_join
        return {
            i: (sparse[i], float(c)) for i, c in zip(ids, embedded, strict=True)
            if sparse[i] >= floor or c >= embed_floor
            or (c >= bridge and self.emb.other_language(doc_index, i))
        }

    def _best_story_embedded(self, doc_index: int) -> int | None:
        """`best_story` with embeddings: candidates ranked by the model's score, which reads
        the embedding cosine too; the first the model admits, or that the cross-language rule
        admits, wins."""
        own = self.story_of.get(doc_index)
        ranked = sorted(
            (-self.join_logit(doc_index, i, cosine, i == own, embedding), i, embedding)
            for i, (cosine, embedding) in self.embedded_candidates(doc_index, own).items()
        )
        for neg_logit, i, embedding in ranked:
            if self._admits(doc_index, i, -neg_logit, embedding, i == own):
                return i
        return None

    def _admits(self, doc_index: int, story_index: int, logit: float, embedding: float,
                own: bool) -> bool:
        """Whether the doc may join the story: by the model's score with the word overlap a
        join needs, or, when the story has a doc in another language, by an embedding at
        least `embed_join` close with a name or number in common (a rule: the labelled
        stories are in one language, so no weight for it can be learned)."""
        tuning = self.tuning
        doc = self.docs[doc_index]
        story = self.stories[story_index]
        if not self._open(story, doc.time):
            return False
        vec = self.vectors[doc_index]
        need_shared = min(tuning.min_shared, len(vec))
        if logit >= self.model.join_logit and self._shared(vec, story, own) >= need_shared:
            return True
        if not self.emb.other_language(doc_index, story_index):
            return False
        same_source = bool(doc.source) and story.sources[doc.source] - own > 0
        bar = tuning.embed_join + (tuning.embed_same_source_penalty if same_source else 0.0)
        if embedding < bar:
            return False
        # A name or number in common pins the event (none to ask for in caseless text).
        return not self.names[doc_index] or self._shared_names(doc_index, story, own) >= 1

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

    def _can_merge(self, story: _Story, target: _Story) -> bool:
        if story.last is not None and not (
            self._open(target, story.first) or self._open(target, story.last)
        ):
            return False
        shared = sum(1 for w in story.centroid if w in target.centroid)
        return shared >= self.tuning.min_shared

    def _merge_score(self, story_index: int, other: int, sparse: float) -> float:
        """With embeddings: the word score, raised to the merge threshold and beyond when the
        stories' languages differ and their embeddings agree past `embed_merge` (the same
        scale, so the best target still wins)."""
        tuning = self.tuning
        if not self.emb.languages_differ(story_index, other):
            return sparse
        cosine = self.emb.story_cosine(story_index, other)
        if cosine < tuning.embed_merge:
            return sparse
        return max(sparse, self.merge_threshold * cosine / tuning.embed_merge)

    def merge_similar(self) -> set[int]:
        """Fold new stories into a similar, larger story (the model's linkage), smallest first.

        Returns the stories that grew.
        """
        threshold = self.merge_threshold
        grown: set[int] = set()
        # A single doc was already compared with every story when it was placed, at a lower
        # threshold than this one: only stories of two or more docs can find new partners.
        order = sorted(
            (i for i, s in enumerate(self.stories) if len(s.members) > 1 and not s.fixed),
            key=lambda i: (len(self.stories[i].members), -i),
        )
        average = self.model.merge_linkage == "average"
        for story_index in order:
            story = self.stories[story_index]
            if not story.members:
                continue
            norm = math.sqrt(story.norm2)
            size = len(story.members)
            dots = self._dots(story.centroid, MERGE_SCAN_BUDGET)
            dots.pop(story_index, None)
            best, best_score = None, threshold
            for other in sorted(dots):
                target = self.stories[other]
                if len(target.members) < size:
                    continue
                if average:
                    # Centroids are sums of unit doc vectors: their dot product over the pair
                    # count is the mean cosine over pairs of docs.
                    score = dots[other] / (size * len(target.members))
                else:
                    score = dots[other] / (norm * self.norms[other])
                if self.emb is not None:
                    score = self._merge_score(story_index, other, score)
                if score < best_score or (best is not None and score == best_score):
                    continue
                if not self._can_merge(story, target):
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


EMBED_WORDS = 50  # the headline and the start of the lead: the embedding averages its tokens


def embedding_text(doc: Doc) -> str:
    """What a doc's sentence embedding is made of."""
    lead = " ".join((doc.text or "").split()[:EMBED_WORDS])
    return f"{doc.title}. {lead}" if doc.title and lead else (doc.title or lead)


def _embed(embedder: Embedder, docs: Sequence[Doc]) -> _StoryEmbeddings:
    import numpy as np

    # float32 as the models give it (half the memory); the story sums are float64.
    vectors = np.asarray(embedder.embed([embedding_text(doc) for doc in docs]), dtype=np.float32)
    if vectors.ndim != 2 or len(vectors) != len(docs):
        raise ValueError(f"embedder {embedder.name!r} gave {vectors.shape} for {len(docs)} texts")
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    np.divide(vectors, norms, out=vectors, where=norms > 0)  # unit rows, whatever the embedder
    return _StoryEmbeddings(vectors, [doc.lang for doc in docs])


def _new_clusterer(docs: Sequence[Doc], window: timedelta, tuning: Tuning | None,
                   embedder: Embedder | None, model: StoryModel | None) -> _Clusterer:
    model = model or default_model(embedded=embedder is not None)
    embeddings, names = None, ()
    if embedder is None:
        vectors = vectorize(docs)
    else:
        vectors, names = vectorize_with_names(docs)
        embeddings = _embed(embedder, docs)
    tuning = tuning or _tuning_for(docs, vectors, DEFAULT_TUNING, model.cased_scale_cap)
    return _Clusterer(docs, vectors, window, tuning, embeddings, names, model)


def labelled_candidates(docs: Sequence[Doc], stories: Sequence[str], *,
                        tuning: Tuning | None = None, embedder: Embedder | None = None,
                        ) -> list[tuple[tuple[float, ...], bool]]:
    """What the story model is trained on: for each doc in (time, id) order, the features of
    every candidate story the clusterer would ask the model about, and whether it is the doc's
    own story. Stories are the gold ones (`stories[i]` is doc i's), grown as the stream goes.
    With an `embedder`, the candidates and features of the "embeddings" variant.
    """
    if not docs:
        return []
    model = None
    if embedder is not None:  # any model that reads embeddings: only its features are used
        model = StoryModel(weights=(0.0,) * len(EMBEDDED_FEATURES), bias=0.0,
                           features=EMBEDDED_FEATURES)
    clusterer = _new_clusterer(docs, DEFAULT_WINDOW, tuning, embedder, model)
    by_label: dict[str, int] = {}
    examples: list[tuple[tuple[float, ...], bool]] = []
    for i in _order(docs, range(len(docs))):
        gold = by_label.get(stories[i])
        if embedder is None:
            candidates = {k: (c, 0.0) for k, c in clusterer._candidate_cosines(i, None).items()}
        else:
            candidates = clusterer.embedded_candidates(i, None)
        for story_index, (cosine, embedding) in sorted(candidates.items()):
            features = clusterer.candidate_features(i, story_index, cosine, False, embedding)
            examples.append((features, story_index == gold))
        if gold is None:
            gold = by_label[stories[i]] = clusterer.new_story(stories[i])
        clusterer.add(i, gold)
    return examples


def cluster_batch(docs: Sequence[Doc], *, tuning: Tuning | None = None,
                  embedder: Embedder | None = None,
                  model: StoryModel | None = None) -> list[int]:
    """One label per doc (same order as input); docs with the same label are one story.

    Without `tuning`, the thresholds come from the shape of `docs` (see `choose_tuning`).
    With an `embedder`, sentence embeddings also count (see the module doc).
    """
    if not docs:
        return []
    clusterer = _new_clusterer(docs, DEFAULT_WINDOW, tuning, embedder, model)
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
    embedder: Embedder | None = None,
    model: StoryModel | None = None,
) -> dict[str, str]:
    """Story id for each new doc id: an existing story it joins, or its new story's founder.

    Without `tuning`, the thresholds come from the shape of all docs, old and new. With an
    `embedder`, sentence embeddings also count (see the module doc).
    """
    story_ids = sorted(existing)
    old_docs = [doc for sid in story_ids for doc in existing[sid]]
    known = {doc.id: sid for sid in story_ids for doc in existing[sid]}
    fresh = [doc for doc in new_docs if doc.id not in known]
    docs = old_docs + fresh
    if not docs:
        return {}
    clusterer = _new_clusterer(docs, window, tuning, embedder, model)
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
