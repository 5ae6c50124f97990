"""The learned part of story grouping: how a doc's similarities to a story add up to "same story".

After Miranda et al. (EMNLP 2018, "Multilingual Clustering of Streaming News"): a doc is compared
with a candidate story on several measures, and a logistic model learned from labelled reports
weighs them. The doc joins the story it scores best with when the log-odds reach `join_logit`;
otherwise it opens a new story. The weights live in `story_model.json` beside this module,
written by `scripts/train_story_model.py`; nothing here needs more than the standard library.

The file holds one model per variant: "words" for the default install, and "embeddings" for
installs with the `embeddings` extra, which reads one more feature (the sentence-embedding
cosine of the doc and the story) and has its own weights and decision points, fitted with it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "EMBEDDED_FEATURES", "FEATURES", "LINKAGES", "MODEL_FILE", "MODEL_VERSION", "VARIANTS",
    "StoryModel", "default_model", "model_from_dict", "model_to_dict", "models_from_dict",
    "models_to_dict", "pair_features",
]

MODEL_FILE = "story_model.json"
MODEL_VERSION = 2  # 2: one model per variant (version 1 held the words model alone)
# What the model reads about a doc and a candidate story (see `pair_features`).
FEATURES = ("cosine", "coverage", "shared", "size", "cosine_x_size")
# With the embeddings extra: the same, and the embedding cosine of the doc and the story.
EMBEDDED_FEATURES = (*FEATURES, "embedding")
# The variants the model file holds: which one a clusterer uses depends on its embedder.
VARIANTS = {"words": FEATURES, "embeddings": EMBEDDED_FEATURES}


@dataclass(frozen=True)
class StoryModel:
    """Logistic weights over FEATURES and the decision points fitted with them."""

    weights: tuple[float, ...]
    bias: float
    join_logit: float = 0.0  # a doc joins its best story at these log-odds or more
    # Two stories merge when their similarity is this many times the join bar. The similarity
    # is `merge_linkage`: "centroid", the cosine of the two stories' centroids, or "average",
    # the mean cosine over pairs of their docs (average link). The centroid cosine of two big
    # stories is high even when their docs are not close (a centroid is smoother than any
    # doc), so big stories on neighbouring events ("Thanksgiving parade", "Thanksgivukkah")
    # merge; the average link does not grow with the stories.
    merge_ratio: float = 2.5
    merge_linkage: str = "centroid"
    # The same two for cased text (names told from words). The labelled stories are all
    # lower-cased titles, so these are set by hand and checked on the project's own fixtures,
    # not fitted: decision points fitted on caseless titles merged distinct cased stories.
    cased_join_logit: float = 0.0
    cased_merge_ratio: float = 2.5
    cased_merge_linkage: str = "centroid"
    # How far the join bar of short cased docs rises above the bar of a headline with its lead
    # (cluster.cased_tuning: a headline alone needs more overlap, up to this many times).
    # Fitted on labelled cased headlines (French, silver labels) by the training script.
    cased_scale_cap: float = 2.0
    # A model that reads embeddings also asks about a story that shares a word with the doc
    # when their embedding cosine reaches this, however low the word cosine.
    embed_floor: float = 0.5
    features: tuple[str, ...] = FEATURES
    version: int = MODEL_VERSION

    def for_text(self, cased: bool) -> StoryModel:
        """The model with the decision points for cased or caseless text."""
        if not cased:
            return self
        return replace(self, join_logit=self.cased_join_logit,
                       merge_ratio=self.cased_merge_ratio,
                       merge_linkage=self.cased_merge_linkage)

    @property
    def reads_embeddings(self) -> bool:
        """Whether the model reads the embedding cosine (needs an embedder)."""
        return "embedding" in self.features

    @property
    def cosine_weight(self) -> float | None:
        """The weight of the cosine when the model reads nothing else (None otherwise): the
        clusterer then skips the other features, which it asks for hundreds of thousands of
        times in a big batch."""
        if self.features[0] != "cosine" or any(w != 0.0 for w in self.weights[1:]):
            return None
        return self.weights[0]

    def logit(self, features: Sequence[float]) -> float:
        """Log-odds that a doc belongs to a story, from its `pair_features`."""
        return self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))


def pair_features(relative_cosine: float, coverage: float, shared: int,
                  story_size: int) -> tuple[float, ...]:
    """The model's inputs for one doc and one story.

    `relative_cosine` is the word cosine divided by the join bar of the input's shape
    (cluster.Tuning), so one model serves bare titles and headlines with leads alike.
    `coverage` is the share of the doc's (unit) vector weight on words the story has: a doc
    whose rare words all appear in a big, wordy story has a low cosine but a high coverage.
    """
    size = math.log1p(story_size)
    return (relative_cosine, coverage, math.log1p(shared), size, relative_cosine * size)


def model_from_dict(data: Mapping[str, Any]) -> StoryModel:
    """A model from its JSON form; a model for other features is a programming error."""
    features = tuple(data.get("features", ()))
    if data.get("version") != MODEL_VERSION or features not in VARIANTS.values():
        raise ValueError(
            f"story model is version {data.get('version')} over {data.get('features')}, "
            f"expected version {MODEL_VERSION} over one of "
            f"{[list(f) for f in VARIANTS.values()]}"
        )
    if len(data["weights"]) != len(features):
        raise ValueError(f"story model has {len(data['weights'])} weights for "
                         f"{len(features)} features")
    return StoryModel(
        features=features,
        weights=tuple(float(w) for w in data["weights"]),
        bias=float(data["bias"]),
        join_logit=float(data["join_logit"]),
        merge_ratio=float(data["merge_ratio"]),
        cased_join_logit=float(data["cased_join_logit"]),
        cased_merge_ratio=float(data["cased_merge_ratio"]),
        # Models written before the linkage was a choice merged on centroids.
        merge_linkage=_linkage(data.get("merge_linkage", "centroid")),
        cased_merge_linkage=_linkage(data.get("cased_merge_linkage", "centroid")),
        embed_floor=float(data.get("embed_floor", StoryModel.embed_floor)),
        # Models written before the cap was fitted used the hand-set 2.
        cased_scale_cap=_cap(data.get("cased_scale_cap", StoryModel.cased_scale_cap)),
    )


LINKAGES = ("centroid", "average")


def _cap(value: object) -> float:
    try:
        cap = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        cap = math.nan
    if not math.isfinite(cap) or cap < 1.0:
        raise ValueError(f"story model cased scale cap {value!r}, expected a number >= 1")
    return cap


def _linkage(value: object) -> str:
    if value not in LINKAGES:
        raise ValueError(f"story model merge linkage {value!r}, expected one of {LINKAGES}")
    return str(value)


def model_to_dict(model: StoryModel, **extra: Any) -> dict[str, Any]:
    """The JSON form of a model; `extra` (provenance, scores) is kept beside it."""
    return {
        "version": model.version,
        "features": list(model.features),
        "weights": [round(w, 6) for w in model.weights],
        "bias": round(model.bias, 6),
        "join_logit": round(model.join_logit, 6),
        "merge_ratio": round(model.merge_ratio, 6),
        "cased_join_logit": round(model.cased_join_logit, 6),
        "cased_merge_ratio": round(model.cased_merge_ratio, 6),
        "merge_linkage": model.merge_linkage,
        "cased_merge_linkage": model.cased_merge_linkage,
        "cased_scale_cap": round(model.cased_scale_cap, 6),
        **({"embed_floor": round(model.embed_floor, 6)} if model.reads_embeddings else {}),
        **extra,
    }


def models_from_dict(data: Mapping[str, Any]) -> dict[str, StoryModel]:
    """Every variant's model from the model file's JSON form (all variants must be there)."""
    if data.get("version") != MODEL_VERSION or not isinstance(data.get("models"), Mapping):
        raise ValueError(f"story model file is version {data.get('version')}, expected "
                         f"{MODEL_VERSION} with one model per variant")
    models = {}
    for variant, features in VARIANTS.items():
        if variant not in data["models"]:
            raise ValueError(f"story model file has no {variant!r} model")
        model = model_from_dict(data["models"][variant])
        if model.features != features:
            raise ValueError(f"story model {variant!r} reads {list(model.features)}, "
                             f"expected {list(features)}")
        models[variant] = model
    return models


def models_to_dict(models: Mapping[str, StoryModel],
                   extras: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The model file's JSON form; `extras[variant]` (provenance, scores) is kept beside each."""
    extras = extras or {}
    return {
        "version": MODEL_VERSION,
        "models": {variant: model_to_dict(models[variant], **extras.get(variant, {}))
                   for variant in VARIANTS},
    }


@lru_cache(maxsize=1)
def _shipped() -> dict[str, StoryModel]:
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return models_from_dict(json.loads(text))


def default_model(embedded: bool = False) -> StoryModel:
    """The model shipped with the package: the one that reads embeddings if `embedded`."""
    return _shipped()["embeddings" if embedded else "words"]
