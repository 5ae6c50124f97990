"""Train the story model (plugins/news_digest/story_model.json) from labelled story streams.

    python scripts/train_story_model.py                       # ../shared/eval news_dev
    python scripts/train_story_model.py --data FILE.jsonl.gz --out story_model.json
    python scripts/train_story_model.py --variant words       # keep the file's other model

Input: JSON lines {"id", "text", "title"?, "lang"?, "time"?, "source"?, "label"} in stream
order, where `label` names the item's story. Needs numpy (training only; the clusterer reads
the JSON with the standard library), and the `embeddings` extra for the "embeddings" variant.

The model file holds two variants, each trained on its own: "words" (the default install) and
"embeddings" (installs with the extra: one more feature, the embedding cosine of the doc and
the story, and decision points fitted with it).

Two steps, after Miranda et al. (EMNLP 2018):
1. Weights: every doc is compared with the stories built so far from the labels (the
   candidates the clusterer would score), and a logistic regression learns which candidate
   is the doc's story from the features in storymodel.FEATURES.
2. Decision points: the join log-odds and the merge ratio (stories merge on the average
   link) are chosen by clustering the training stream itself and keeping the values with the
   best mean of pair F1 and B-cubed F1. The labelled titles are all lower-cased, so nothing
   fits the cased decision points: a logistic model joins cased text at even odds (log-odds
   0), as the cosine rule's hand-set cased bar does on its own scale.
3. The cased cap (StoryModel.cased_scale_cap): how far the join bar of cased headlines alone
   rises. It is the one parameter cased text needs, so it is chosen on the only labelled
   cased set there is, one day of French headlines (`--cased-data`; silver labels), with the
   model of steps 1-2, by pair F1 alone: most of its silver stories are single headlines, so
   B-cubed F1 favours splitting (every headline alone scores 90.9 there) and says little.
   benchmarks/eval_stories.py cross-validates that choice on the French set's own folds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from news_digest.cluster import (  # noqa: E402
    Doc,
    cluster_batch,
    embedding_text,
    labelled_candidates,
)
from news_digest.embeddings import DEFAULT_MODEL, Embedder, load_embedder  # noqa: E402
from news_digest.storymodel import (  # noqa: E402
    EMBEDDED_FEATURES,
    FEATURES,
    MODEL_FILE,
    VARIANTS,
    StoryModel,
    model_to_dict,
    models_from_dict,
    models_to_dict,
)

DEFAULT_DATA = REPO.parent / "shared" / "eval" / "clusters" / "news_dev.jsonl.gz"
DEFAULT_CASED_DATA = DEFAULT_DATA.with_name("fr_oneday_silver.jsonl.gz")
# Multiples of the join bar that cased headlines alone may reach (1: never above a headline
# with its lead's bar; 4: past what headlines of a few words ever reach).
CASED_CAP_GRID = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0)
L2 = 1.0  # ridge on the weights: a few features, tens of thousands of pairs; only keeps it sane
# Stories merge on the average link (mean cosine over pairs of their docs, see
# storymodel.StoryModel.merge_linkage), at these multiples of the join bar.
MERGE_GRID = (0.4, 0.5, 0.6, 0.75, 1.0)
MERGE_START = 0.5
# Two kinds of model, compared by benchmarks/eval_stories.py:
# "learned": logistic weights over all FEATURES; its join bar is in log-odds.
# "cosine": the word cosine alone (relative to the shape's bar, weight 1, bias -1), so its join
#   bar is a shift of that cosine bar: only the two decision points are fitted.
KINDS = ("learned", "cosine")
# The cosine grid reaches down to the clusterer's candidate floor (half the bar): no lower
# join bar can change anything.
# The learned grid reaches down to -6 log-odds: training folds chose its former lowest
# point (-4), so the best bar could lie below it.
LOG_ODDS_GRID = (-6.0, -5.0, -4.0, -3.0, -2.5, -2.0, -1.5, -1.0, 0.0)
JOIN_GRIDS = {
    "learned": LOG_ODDS_GRID,
    "cosine": (-0.5, -0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2),
}
# With embeddings both kinds are logistic (the "cosine" kind over the word cosine and the
# embedding cosine only), so their join bars are log-odds.
EMBEDDED_JOIN_GRID = LOG_ODDS_GRID
# The embedding cosine from which a story sharing a word is a candidate whatever the word
# cosine (StoryModel.embed_floor). The weights are fitted on the candidates of the lowest.
EMBED_FLOOR_GRID = (0.5, 0.6, 0.7, 0.8, 0.9)
COSINE_ONLY = StoryModel(weights=(1.0,) + (0.0,) * (len(FEATURES) - 1), bias=-1.0,
                         merge_ratio=MERGE_START, merge_linkage="average")


class MemoEmbedder:
    """An embedder that embeds each distinct text once: training clusters the same stream
    dozens of times."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder
        self.name = embedder.name
        self.cache: dict[str, list[float]] = {}

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        missing = sorted({t for t in texts if t not in self.cache})
        if missing:
            for text, vec in zip(missing, self.embedder.embed(missing), strict=True):
                self.cache[text] = [float(x) for x in vec]
        return [self.cache[t] for t in texts]

    def warm(self, docs: Sequence[Doc]) -> None:
        """Embed every doc's text now (one call)."""
        self.embed([embedding_text(doc) for doc in docs])


def load_records(path: Path) -> list[dict]:
    """JSON lines, gzip-compressed or not."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _time(value: object) -> datetime | None:
    if not value:
        return None
    try:
        t = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def to_docs(records: Iterable[dict]) -> list[Doc]:
    """Docs as the `news-digest cluster` command builds them."""
    return [
        Doc(id=str(r["id"]), title=r.get("title") or "", text=r.get("text") or "",
            lang=r.get("lang") or "", time=_time(r.get("time")), source=r.get("source") or "")
        for r in records
    ]


def pair_and_b3_f1(gold: Sequence[str], pred: Sequence[int]) -> tuple[float, float]:
    """Pairwise F1 and B-cubed F1 of a partition (fractions, not %)."""
    cells = Counter(zip(gold, pred, strict=True))
    gold_sizes, pred_sizes = Counter(gold), Counter(pred)
    pairs = sum(n * (n - 1) / 2 for n in cells.values())
    pred_pairs = sum(n * (n - 1) / 2 for n in pred_sizes.values())
    gold_pairs = sum(n * (n - 1) / 2 for n in gold_sizes.values())
    p = pairs / pred_pairs if pred_pairs else 0.0
    r = pairs / gold_pairs if gold_pairs else 0.0
    pair_f1 = 2 * p * r / (p + r) if p + r else 0.0
    n = len(gold)
    bp = sum(c * c / pred_sizes[k] for (_, k), c in cells.items()) / n
    br = sum(c * c / gold_sizes[g] for (g, _), c in cells.items()) / n
    return pair_f1, (2 * bp * br / (bp + br) if bp + br else 0.0)


def fit_logistic(rows: Sequence[Sequence[float]], labels: Sequence[bool],
                 l2: float = L2) -> tuple[list[float], float]:
    """Weights and bias of an L2-regularised logistic regression (Newton steps)."""
    import numpy as np

    x = np.hstack([np.asarray(rows, dtype=np.float64), np.ones((len(rows), 1))])
    y = np.asarray(labels, dtype=np.float64)
    w = np.zeros(x.shape[1])
    ridge = np.full(x.shape[1], l2)
    ridge[-1] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + ridge * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(ridge)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return [float(v) for v in w[:-1]], float(w[-1])


def fit_weights(docs: Sequence[Doc], labels: Sequence[str],
                embedder: Embedder | None = None,
                only: Sequence[str] | None = None) -> StoryModel:
    """Step 1: the logistic weights, decision points left at their defaults. With an
    `embedder`, over EMBEDDED_FEATURES; `only` names the features that get a weight (the
    others keep 0)."""
    features = FEATURES if embedder is None else EMBEDDED_FEATURES
    used = [k for k, name in enumerate(features) if only is None or name in only]
    examples = labelled_candidates(docs, labels, embedder=embedder)
    fitted, bias = fit_logistic([[f[k] for k in used] for f, _ in examples],
                                [y for _, y in examples])
    weights = [0.0] * len(features)
    for k, w in zip(used, fitted, strict=True):
        weights[k] = w
    return StoryModel(weights=tuple(weights), bias=bias, features=features)


def objective(docs: Sequence[Doc], labels: Sequence[str], model: StoryModel,
              embedder: Embedder | None = None) -> float:
    """Mean of pair F1 and B-cubed F1 of the clusterer with `model` on the labelled docs."""
    return sum(pair_and_b3_f1(labels, cluster_batch(docs, model=model, embedder=embedder))) / 2


def fit_decision(docs: Sequence[Doc], labels: Sequence[str], model: StoryModel,
                 join_grid: Sequence[float], log: bool = False,
                 embedder: Embedder | None = None) -> tuple[StoryModel, float]:
    """Step 2: join log-odds, (with embeddings) the embedding floor for candidates, then
    the merge ratio, each on its grid.

    Coordinate search rather than the full grid: they interact little, and each run is a
    full clustering of the training stream.
    """
    best, best_score = model, objective(docs, labels, model, embedder)
    grids = [("join_logit", join_grid), ("merge_ratio", MERGE_GRID)]
    if model.reads_embeddings:
        grids.insert(1, ("embed_floor", EMBED_FLOOR_GRID))
    for name, grid in grids:
        for value in grid:
            candidate = replace(best, **{name: value})
            if candidate == best:
                continue
            score = objective(docs, labels, candidate, embedder)
            if log:
                print(f"  {name}={value:g}: {100 * score:.2f}", file=sys.stderr)
            if score > best_score:
                best, best_score = candidate, score
    return best, best_score


def fit_cased_cap(records: Sequence[dict], model: StoryModel, log: bool = False,
                  embedder: Embedder | None = None) -> tuple[StoryModel, float]:
    """Step 3: the cased cap of `model` with the best pair F1 on labelled cased `records`
    (the lowest of equals, so the bar rises no more than the labels ask)."""
    docs = to_docs(records)
    labels = [str(r["label"]) for r in records]
    best, best_score = model, -1.0
    for cap in CASED_CAP_GRID:
        candidate = replace(model, cased_scale_cap=cap)
        pred = cluster_batch(docs, model=candidate, embedder=embedder)
        score = pair_and_b3_f1(labels, pred)[0]
        if log:
            print(f"  cased_scale_cap={cap:g}: {100 * score:.2f}", file=sys.stderr)
        if score > best_score:
            best, best_score = candidate, score
    return best, best_score


def train(records: Sequence[dict], kind: str = "learned", log: bool = False,
          embedder: Embedder | None = None) -> tuple[StoryModel, float]:
    """The model of `kind` fitted on `records` alone, and its (training) objective. With an
    `embedder`, the "embeddings" variant (the embedding cosine is one more feature)."""
    docs = to_docs(records)
    labels = [str(r["label"]) for r in records]
    if embedder is not None:
        only = None if kind == "learned" else ("cosine", "embedding")
        model = replace(fit_weights(docs, labels, embedder, only), merge_ratio=MERGE_START,
                        merge_linkage="average")
        return fit_decision(docs, labels, model, EMBEDDED_JOIN_GRID, log, embedder)
    if kind == "learned":
        model = replace(fit_weights(docs, labels), merge_ratio=MERGE_START,
                        merge_linkage="average")
    else:
        model = COSINE_ONLY
    return fit_decision(docs, labels, model, JOIN_GRIDS[kind], log=log)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cased-data", type=Path, default=DEFAULT_CASED_DATA,
                        help="labelled cased headlines for the cased cap (step 3)")
    parser.add_argument("--out", type=Path, default=REPO / "plugins" / "news_digest" / MODEL_FILE)
    parser.add_argument("--kind", choices=KINDS, default="cosine",
                        help="the kind of model (benchmarks/eval_stories.py compares them)")
    parser.add_argument("--variant", choices=(*VARIANTS, "both"), default="both",
                        help="which model of the file to train (the other is kept as it is)")
    parser.add_argument("--embeddings", default=DEFAULT_MODEL,
                        help="the embeddings model of the 'embeddings' variant")
    args = parser.parse_args(argv)
    if not args.data.exists():
        parser.error(f"{args.data} not found (the labelled story set lives in ../shared/eval)")
    if not args.cased_data.exists():
        parser.error(f"{args.cased_data} not found (it lives in ../shared/eval)")
    records = load_records(args.data)
    stories = len({r["label"] for r in records})
    cased = load_records(args.cased_data)
    variants = tuple(VARIANTS) if args.variant == "both" else (args.variant,)
    existing = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else None
    if existing is None and args.variant != "both":
        parser.error(f"{args.out} does not exist: train --variant both to write a new file")
    models = models_from_dict(existing) if existing else {}
    extras = _extras(existing) if existing else {}
    embedder = None
    if "embeddings" in variants:
        embedder = MemoEmbedder(load_embedder(args.embeddings))
        embedder.warm(to_docs(records) + to_docs(cased))
    for variant in variants:
        print(f"{variant}:", file=sys.stderr)
        variant_embedder = embedder if variant == "embeddings" else None
        model, score = train(records, args.kind, log=True, embedder=variant_embedder)
        if not math.isfinite(score):
            return 1
        model, cased_score = fit_cased_cap(cased, model, log=True, embedder=variant_embedder)
        models[variant] = model
        extras[variant] = {
            "kind": args.kind,
            **({"embeddings": args.embeddings} if variant == "embeddings" else {}),
            "trained_on": f"{args.data.name}: {len(records)} items, {stories} stories",
            "training_objective": round(100 * score, 2),
            "cased_cap_chosen_on": f"{args.cased_data.name}: {len(cased)} items, "
                                   f"{len({r['label'] for r in cased})} stories (silver)",
            "cased_pair_f1": round(100 * cased_score, 2),
            "trained_by": "scripts/train_story_model.py",
        }
    data = models_to_dict(models, extras)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=1))
    print(f"trained {', '.join(variants)}; wrote {args.out}", file=sys.stderr)
    return 0


def _extras(data: dict) -> dict[str, dict]:
    """The provenance kept beside each model of an existing model file."""
    known = {key for features in VARIANTS.values()
             for key in model_to_dict(StoryModel(weights=(0.0,) * len(features), bias=0.0,
                                                 features=features))}
    return {variant: {k: v for k, v in data["models"][variant].items() if k not in known}
            for variant in VARIANTS}


if __name__ == "__main__":
    raise SystemExit(main())
