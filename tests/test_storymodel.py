"""The story model: the shipped weights load, round-trip, and drive the clusterer."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from news_digest.cluster import Doc, cluster_batch, labelled_candidates
from news_digest.storymodel import (
    EMBEDDED_FEATURES,
    FEATURES,
    MODEL_FILE,
    VARIANTS,
    StoryModel,
    default_model,
    model_from_dict,
    model_to_dict,
    models_from_dict,
    models_to_dict,
    pair_features,
)

T0 = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
FLOOD = [
    Doc("f1", "Floods in Valencia: rivers burst their banks", "", "en", T0, "a"),
    Doc("f2", "Valencia floods: rivers burst banks, hundreds leave homes", "", "en",
        T0 + timedelta(hours=1), "b"),
    Doc("f3", "Rivers burst banks as Valencia floods spread", "", "en",
        T0 + timedelta(hours=2), "c"),
]
CHESS = [
    Doc("c1", "Chess prodigy from Accra wins Tata Steel tournament", "", "en",
        T0 + timedelta(hours=3), "a"),
    Doc("c2", "Accra chess prodigy takes Tata Steel title in Wijk aan Zee", "", "en",
        T0 + timedelta(hours=4), "b"),
]


def test_shipped_model_matches_the_features_and_round_trips():
    model = default_model()
    assert len(model.weights) == len(FEATURES)
    assert model_from_dict(json.loads(json.dumps(model_to_dict(model, note="x")))) == model


def test_model_for_other_features_is_refused():
    data = model_to_dict(default_model())
    with pytest.raises(ValueError, match="story model"):
        model_from_dict({**data, "features": ["cosine"]})
    with pytest.raises(ValueError, match="story model"):
        model_from_dict({**data, "version": 0})


def test_model_file_holds_a_model_per_variant_each_with_its_own_features():
    from importlib import resources

    text = resources.files("news_digest").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    models = models_from_dict(json.loads(text))
    assert set(models) == set(VARIANTS) == {"words", "embeddings"}
    assert models["words"] == default_model() and models["words"].features == FEATURES
    assert models["embeddings"] == default_model(embedded=True)
    assert models["embeddings"].features == EMBEDDED_FEATURES
    assert not default_model().reads_embeddings and default_model(embedded=True).reads_embeddings
    # The default install's model is trained on its own: not the other one minus a feature.
    assert models["words"].weights != models["embeddings"].weights[:len(FEATURES)]
    assert models_from_dict(json.loads(json.dumps(models_to_dict(models)))) == models


def test_model_file_without_a_variant_or_of_the_old_version_is_refused():
    data = models_to_dict({"words": default_model(), "embeddings": default_model(True)})
    with pytest.raises(ValueError, match="no 'embeddings' model"):
        models_from_dict({**data, "models": {"words": data["models"]["words"]}})
    # Each variant reads its own features.
    swapped = {"words": data["models"]["embeddings"], "embeddings": data["models"]["words"]}
    with pytest.raises(ValueError, match="expected"):
        models_from_dict({**data, "models": swapped})
    # Version 1 held one words model at the top level.
    with pytest.raises(ValueError, match="version"):
        models_from_dict({**model_to_dict(default_model()), "version": 1})


def test_embedding_floor_is_kept_with_models_that_read_embeddings():
    model = replace(default_model(embedded=True), embed_floor=0.7)
    assert model_from_dict(model_to_dict(model)).embed_floor == 0.7
    assert "embed_floor" not in model_to_dict(default_model())


def test_model_with_a_weight_per_feature_only():
    data = model_to_dict(default_model(embedded=True))
    with pytest.raises(ValueError, match="weights"):
        model_from_dict({**data, "weights": data["weights"][:-1]})


def test_model_file_ships_with_the_package():
    from importlib import resources

    assert resources.files("news_digest").joinpath(MODEL_FILE).is_file()


def test_logit_is_bias_plus_weighted_features():
    model = StoryModel(weights=(1.0, 2.0, 0.0, 0.0, 0.0), bias=-1.0)
    features = pair_features(1.5, 0.25, 2, 3)
    assert model.logit(features) == pytest.approx(-1.0 + 1.5 + 0.5)


def test_join_bar_decides_between_joining_and_a_new_story():
    docs = FLOOD + CHESS
    assert len(set(cluster_batch(docs))) == 2
    never = replace(default_model(), join_logit=1e9, cased_join_logit=1e9)
    assert len(set(cluster_batch(docs, model=never))) == len(docs)


def test_cased_text_uses_its_own_decision_points():
    model = StoryModel(weights=(1.0, 0.0, 0.0, 0.0, 0.0), bias=-1.0, join_logit=-0.3,
                       merge_ratio=2.0, cased_join_logit=0.0, cased_merge_ratio=2.5)
    assert model.for_text(cased=False) == model
    cased = model.for_text(cased=True)
    assert (cased.join_logit, cased.merge_ratio) == (0.0, 2.5)
    # Lower-cased titles follow the caseless decision points, headlines the cased ones.
    lowered = [Doc(d.id, d.title.lower(), "", d.lang, d.time, d.source) for d in FLOOD + CHESS]
    strict = replace(model, join_logit=1e9)
    assert len(set(cluster_batch(lowered, model=strict))) == len(lowered)
    assert len(set(cluster_batch(FLOOD + CHESS, model=strict))) == 2


def test_training_candidates_mark_the_doc_own_story():
    docs = FLOOD + CHESS
    examples = labelled_candidates(docs, ["flood"] * 3 + ["chess"] * 2)
    assert all(len(features) == len(FEATURES) for features, _ in examples)
    # Each later flood doc and the second chess doc find their own story among the candidates.
    assert sum(1 for _, same in examples if same) == 3
    assert labelled_candidates([], []) == []


def test_cosine_only_models_take_the_short_path_with_the_same_result():
    cosine_only = StoryModel(weights=(1.0, 0.0, 0.0, 0.0, 0.0), bias=-1.0, join_logit=-0.3,
                             merge_ratio=2.0, cased_join_logit=-0.3, cased_merge_ratio=2.0)
    assert cosine_only.cosine_weight == 1.0
    # A negligible weight on another feature forces the full path through every feature.
    full = replace(cosine_only, weights=(1.0, 0.0, 0.0, 0.0, 1e-300))
    assert full.cosine_weight is None
    same_source = [replace(d, source="a") for d in FLOOD] + CHESS  # the source penalty applies
    for docs in (FLOOD + CHESS, same_source, [replace(d, title=d.title.lower()) for d in FLOOD]):
        assert cluster_batch(docs, model=cosine_only) == cluster_batch(docs, model=full)


def test_merge_linkage_round_trips_defaults_to_centroid_and_is_checked():
    data = model_to_dict(replace(default_model(), merge_linkage="average"))
    assert model_from_dict(data).merge_linkage == "average"
    older = {k: v for k, v in data.items() if not k.endswith("merge_linkage")}
    assert model_from_dict(older).merge_linkage == "centroid"
    assert model_from_dict(older).cased_merge_linkage == "centroid"
    with pytest.raises(ValueError, match="linkage"):
        model_from_dict({**data, "merge_linkage": "single"})
    # Cased text takes its own linkage with its own decision points.
    model = StoryModel(weights=(1.0, 0.0, 0.0, 0.0, 0.0), bias=-1.0, merge_linkage="average")
    assert model.for_text(cased=True).merge_linkage == "centroid"


def test_cased_scale_cap_round_trips_defaults_to_two_and_is_checked():
    data = model_to_dict(replace(default_model(), cased_scale_cap=2.5))
    assert model_from_dict(data).cased_scale_cap == 2.5
    older = {k: v for k, v in data.items() if k != "cased_scale_cap"}
    assert model_from_dict(older).cased_scale_cap == 2.0  # the hand-set value it replaced
    for bad in (0.5, float("nan"), float("inf"), "high"):
        with pytest.raises(ValueError, match="cap"):
            model_from_dict({**data, "cased_scale_cap": bad})


def _two_told_stories(linkage: str, ratio: float):
    """A clusterer holding two stories of one holiday weekend, each report with words of its
    own: their centroids are close, their reports are not."""
    from news_digest.cluster import DEFAULT_WINDOW, _new_clusterer

    parade = [f"thanksgiving weekend parade p{i}a p{i}b p{i}c" for i in range(8)]
    menorah = [f"thanksgiving weekend menorah h{i}a h{i}b h{i}c" for i in range(8)]
    docs = [Doc(f"d{i:02}", "", text) for i, text in enumerate(parade + menorah)]
    model = StoryModel(weights=(1.0, 0.0, 0.0, 0.0, 0.0), bias=-1.0, merge_ratio=ratio,
                       merge_linkage=linkage)
    clusterer = _new_clusterer(docs, DEFAULT_WINDOW, None, None, model)
    for name, members in (("parade", range(8)), ("menorah", range(8, 16))):
        story = clusterer.new_story(name)
        for i in members:
            clusterer.add(i, story)
    return clusterer


def test_average_link_merges_on_the_reports_not_on_smoothed_centroids():
    clusterer = _two_told_stories("centroid", 2.0)
    vectors = clusterer.vectors
    pairs = [sum(w * vectors[j].get(k, 0.0) for k, w in vectors[i].items())
             for i in range(8) for j in range(8, 16)]
    mean_cosine = sum(pairs) / len(pairs)
    dot = clusterer._dots(clusterer.stories[0].centroid)[1]
    centroid_cosine = dot / (clusterer.norms[0] * clusterer.norms[1])
    # What the average link reads (dot of the sums over the pair count) is the mean cosine.
    assert dot / 64 == pytest.approx(mean_cosine)
    assert mean_cosine < clusterer.merge_threshold < centroid_cosine
    assert clusterer.merge_similar()
    assert sorted(len(s.members) for s in clusterer.stories) == [0, 16]
    apart = _two_told_stories("average", 2.0)
    assert not apart.merge_similar()
    assert [len(s.members) for s in apart.stories] == [8, 8]
    # Low enough, the average link merges them too.
    assert _two_told_stories("average", 0.5).merge_similar()

