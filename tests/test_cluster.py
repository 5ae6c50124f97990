"""Story grouping: bilingual joins, name collisions, incremental stability, determinism."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from news_digest.cluster import (
    DEFAULT_TUNING,
    FULL_FEATURES,
    MIN_SCALE,
    Doc,
    assign_to_stories,
    cased_tuning,
    choose_tuning,
    cluster_batch,
    is_cased,
    tuning_for_features,
    typical_features,
)
from news_digest.storymodel import default_model

NIGHT1 = datetime(2023, 9, 5, 6, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return NIGHT1 + timedelta(hours=hours)


KIM_EN = Doc(
    "kim-en",
    "Kim Jong Un plans to meet Putin in Russia to discuss arms deal",
    "North Korean leader Kim Jong Un plans to travel to Vladivostok this month to meet Russian "
    "President Vladimir Putin and discuss supplying artillery shells and anti-tank missiles for "
    "Moscow's war in Ukraine, U.S. officials said on Monday.",
    "en", at(1), "wire-en",
)
KIM_FR = Doc(
    "kim-fr",
    "Kim Jong Un va rencontrer Vladimir Poutine en Russie pour parler d'armes",
    "Le dirigeant nord-coréen Kim Jong Un prévoit de se rendre à Vladivostok ce mois-ci pour "
    "rencontrer le président russe Vladimir Poutine et discuter de livraisons d'obus "
    "d'artillerie et de missiles antichar à Moscou pour sa guerre en Ukraine, selon des "
    "responsables américains.",
    "fr", at(2), "journal-fr",
)
QUAKE = [
    Doc(
        "quake-1",
        "Powerful earthquake in Morocco kills more than 2,000 people",
        "A magnitude 6.8 earthquake struck Morocco's High Atlas mountains late on Friday, killing "
        "more than 2,000 people and flattening villages south of Marrakesh, the interior "
        "ministry said.",
        "en", at(3), "outlet-a",
    ),
    Doc(
        "quake-2",
        "Morocco earthquake: death toll passes 2,000 as rescuers search rubble",
        "Rescuers dug through the rubble of mountain villages in Morocco on Saturday after the "
        "6.8 magnitude earthquake near Marrakesh killed more than 2,000 people, according to "
        "the interior ministry.",
        "en", at(4), "outlet-b",
    ),
    Doc(
        "quake-3",
        "Marrakesh earthquake: villages in the High Atlas destroyed",
        "The strongest earthquake to hit Morocco in decades destroyed whole villages in the High "
        "Atlas, south-west of Marrakesh; officials said the death toll had risen above 2,000.",
        "en", at(5), "outlet-c",
    ),
]
MACRON_PENSIONS = Doc(
    "macron-pensions",
    "Macron forces pension reform through parliament without a vote",
    "French President Emmanuel Macron's government used a special constitutional power to push "
    "its plan to raise the retirement age from 62 to 64 through the National Assembly, "
    "sparking protests in Paris.",
    "en", at(6), "outlet-a",
)
MACRON_BERLIN = Doc(
    "macron-berlin",
    "Macron and Scholz agree on joint gas purchases during Berlin visit",
    "Emmanuel Macron met Chancellor Olaf Scholz in Berlin, where France and Germany agreed to "
    "buy liquefied natural gas together and to coordinate energy subsidies for industry.",
    "en", at(7), "outlet-b",
)
UNRELATED = [
    Doc(
        "football",
        "Arsenal beat Manchester United 3-1 with two late goals",
        "Declan Rice and Gabriel Jesus scored in stoppage time as Arsenal came from behind to "
        "beat Manchester United at the Emirates Stadium.",
        "en", at(8), "outlet-c",
    ),
    Doc(
        "phone",
        "Apple unveils iPhone 15 with USB-C charging port",
        "Apple introduced its iPhone 15 range at an event in Cupertino, replacing the Lightning "
        "connector with USB-C after pressure from European regulators.",
        "en", at(9), "outlet-a",
    ),
    Doc(
        "meteo",
        "Canicule : Météo-France place quatorze départements en vigilance orange",
        "Les températures devraient dépasser 38 degrés dans la vallée du Rhône jeudi, a indiqué "
        "Météo-France, qui appelle à la prudence.",
        "fr", at(10), "journal-fr",
    ),
]
ALL = [KIM_EN, KIM_FR, *QUAKE, MACRON_PENSIONS, MACRON_BERLIN, *UNRELATED]


def partition(docs: list[Doc], labels: list[int]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for doc, label in zip(docs, labels, strict=True):
        groups.setdefault(label, set()).add(doc.id)
    return {frozenset(g) for g in groups.values()}


def group_of(docs: list[Doc], doc_id: str) -> frozenset[str]:
    return next(g for g in partition(docs, cluster_batch(docs)) if doc_id in g)


def test_french_and_english_reports_of_one_event_join():
    assert group_of(ALL, "kim-fr") == {"kim-en", "kim-fr"}


def test_french_and_english_join_on_titles_alone():
    docs = [Doc(d.id, d.title, "", d.lang, d.time, d.source) for d in (KIM_EN, KIM_FR)]
    assert len(set(cluster_batch(docs))) == 1


def test_three_outlets_reports_join():
    assert group_of(ALL, "quake-1") == {"quake-1", "quake-2", "quake-3"}


def test_shared_person_name_alone_does_not_join():
    assert group_of(ALL, "macron-pensions") == {"macron-pensions"}
    assert group_of(ALL, "macron-berlin") == {"macron-berlin"}


def test_unrelated_items_stay_singletons():
    groups = partition(ALL, cluster_batch(ALL))
    for doc in UNRELATED:
        assert frozenset({doc.id}) in groups
    assert len(groups) == len(ALL) - 3  # only the Kim pair and the quake triple merge


def test_labels_follow_input_order_and_length():
    labels = cluster_batch(ALL)
    assert len(labels) == len(ALL)
    assert labels[0] == 0
    assert cluster_batch([]) == []


def test_shuffled_input_gives_the_same_partition():
    expected = partition(ALL, cluster_batch(ALL))
    rng = random.Random(7)
    for _ in range(5):
        docs = ALL[:]
        rng.shuffle(docs)
        assert partition(docs, cluster_batch(docs)) == expected


def test_same_source_needs_more_evidence():
    twin = Doc("quake-1b", QUAKE[0].title, QUAKE[0].text, "en", at(3.5), "outlet-a")
    assert group_of([*QUAKE, twin], "quake-1b") == {"quake-1", "quake-1b", "quake-2", "quake-3"}


def night1_stories() -> dict[str, list[Doc]]:
    labels = cluster_batch(ALL)
    stories: dict[str, list[Doc]] = {}
    by_label: dict[int, list[Doc]] = {}
    for doc, label in zip(ALL, labels, strict=True):
        by_label.setdefault(label, []).append(doc)
    for docs in by_label.values():
        founder = min(docs, key=lambda d: (d.time, d.id))
        stories[f"story-{founder.id}"] = docs
    return stories


def test_incremental_docs_join_existing_stories_and_keep_their_ids():
    existing = night1_stories()
    night2 = [
        Doc(
            "kim-fr-2",
            "Poutine et Kim Jong Un se rencontreront à Vladivostok",
            "Le Kremlin a confirmé que Vladimir Poutine recevra Kim Jong Un à Vladivostok pour "
            "parler d'armes et de la guerre en Ukraine.",
            "fr", at(24), "autre-fr",
        ),
        Doc(
            "quake-4",
            "Morocco earthquake: aid arrives in High Atlas villages",
            "Aid convoys reached mountain villages south of Marrakesh three days after the "
            "earthquake that killed more than 2,000 people in Morocco.",
            "en", at(26), "outlet-d",
        ),
        Doc(
            "rail",
            "Rail strike halts trains across Germany",
            "Deutsche Bahn cancelled most long-distance trains as the GDL union began a "
            "three-day strike over pay and working hours.",
            "en", at(25), "outlet-d",
        ),
        Doc(
            "rail-2",
            "German rail strike: GDL union walkout cancels most trains",
            "Most long-distance trains in Germany were cancelled as Deutsche Bahn drivers of "
            "the GDL union walked out in a dispute over pay.",
            "en", at(27), "outlet-b",
        ),
    ]
    result = assign_to_stories(night2, existing)
    assert result["kim-fr-2"] == "story-kim-en"
    assert result["quake-4"] == "story-quake-1"
    assert result["rail"] == "rail"  # a new story is named after its earliest doc
    assert result["rail-2"] == "rail"
    assert set(result) == {d.id for d in night2}


def test_incremental_is_deterministic_whatever_the_order():
    existing = night1_stories()
    new = [
        Doc("q5", "Morocco earthquake toll rises above 2,000", "Morocco earthquake near "
            "Marrakesh: the High Atlas death toll rose, the interior ministry said.", "en",
            at(30), "outlet-e"),
        Doc("q6", "Séisme au Maroc : plus de 2 000 morts près de Marrakech", "Le séisme de "
            "magnitude 6,8 dans le Haut Atlas au Maroc a fait plus de 2 000 morts.", "fr",
            at(30), "journal-fr"),
    ]
    first = assign_to_stories(new, existing)
    assert first == assign_to_stories(list(reversed(new)), existing)
    assert first["q5"] == "story-quake-1"


def test_closed_story_is_not_joined_ten_days_later():
    existing = night1_stories()
    late = Doc(
        "quake-late",
        QUAKE[1].title,
        QUAKE[1].text,
        "en",
        at(24 * 10),
        "outlet-z",
    )
    assert assign_to_stories([late], existing) == {"quake-late": "quake-late"}
    # Within the window the same doc joins.
    soon = Doc("quake-soon", QUAKE[1].title, QUAKE[1].text, "en", at(48), "outlet-z")
    assert assign_to_stories([soon], existing) == {"quake-soon": "story-quake-1"}


def test_known_doc_keeps_its_story():
    existing = night1_stories()
    assert assign_to_stories([QUAKE[0]], existing) == {"quake-1": "story-quake-1"}


def test_empty_inputs():
    assert assign_to_stories([], {}) == {}
    assert assign_to_stories([KIM_EN], {}) == {"kim-en": "kim-en"}


def test_headlines_with_excerpts_keep_the_default_tuning():
    assert choose_tuning(ALL) == DEFAULT_TUNING


def test_lowercased_titles_alone_get_proportionally_lower_thresholds():
    titles = [Doc(d.id, d.title.lower(), "", d.lang, d.time, d.source) for d in ALL]
    tuning = choose_tuning(titles)
    assert tuning.join_threshold < DEFAULT_TUNING.join_threshold / 2
    half = tuning_for_features(FULL_FEATURES / 2)
    assert half.join_threshold == DEFAULT_TUNING.join_threshold / 2
    assert half.same_source_penalty == DEFAULT_TUNING.same_source_penalty / 2
    assert half.min_shared == DEFAULT_TUNING.min_shared


def test_cased_headlines_alone_need_more_overlap_not_less():
    titles = [Doc(d.id, d.title, "", d.lang, d.time, d.source) for d in ALL]
    assert is_cased(titles) and not is_cased([Doc("a", "lower case only")])
    tuning = choose_tuning(titles)
    base = DEFAULT_TUNING.join_threshold
    cap = default_model().cased_scale_cap
    assert base < tuning.join_threshold <= cap * base
    assert cased_tuning(FULL_FEATURES * 3) == DEFAULT_TUNING


def test_the_cased_bar_rises_no_further_than_the_model_cap():
    assert cased_tuning(1, cap=1.5).join_threshold == DEFAULT_TUNING.join_threshold * 1.5
    assert cased_tuning(1, cap=3.0).join_threshold == DEFAULT_TUNING.join_threshold * 3.0
    assert cased_tuning(1, cap=1.0) == DEFAULT_TUNING
    titles = [Doc(d.id, d.title, "", d.lang, d.time, d.source) for d in ALL]
    low = replace(default_model(), cased_scale_cap=1.0)
    assert choose_tuning(titles, model=low) == DEFAULT_TUNING


def test_tuning_scale_is_capped_and_floored():
    assert tuning_for_features(FULL_FEATURES * 5) == DEFAULT_TUNING
    floor = tuning_for_features(1)
    assert floor.join_threshold == DEFAULT_TUNING.join_threshold * MIN_SCALE
    assert tuning_for_features(0) == floor


def test_typical_features_is_the_median_of_non_empty_docs():
    assert typical_features([{"a": 1.0}, {"a": 0.6, "b": 0.8}, {}, {"a": 1, "b": 1, "c": 1}]) == 2
    assert typical_features([]) == FULL_FEATURES
    assert typical_features([{}, {}]) == FULL_FEATURES


@given(st.floats(0, 200), st.floats(0, 200))
def test_thresholds_never_fall_as_docs_grow(a, b):
    small, large = sorted((a, b))
    low, high = tuning_for_features(small), tuning_for_features(large)
    assert low.join_threshold <= high.join_threshold <= DEFAULT_TUNING.join_threshold


def test_preprocessed_titles_group_by_event_with_default_settings():
    # Lower-cased titles without stop words, as some feeds and benchmarks deliver them.
    events = [
        ["storm ondine cuts power brittany", "ondine storm power cuts thousands homes",
         "brittany storm ondine winds record", "power restored brittany after storm ondine"],
        ["veltrix chip plant grenoble jobs", "grenoble chip factory veltrix investment",
         "veltrix plant grenoble billion investment", "chip maker veltrix picks grenoble plant"],
        ["helios rail transalpina merger approved",
         "rail merger helios transalpina creates european giant"],
    ]
    docs = [Doc(f"{e}-{i}", "", text, "en") for e, texts in enumerate(events)
            for i, text in enumerate(texts)]
    expected = {frozenset(f"{e}-{i}" for i in range(len(t))) for e, t in enumerate(events)}
    assert partition(docs, cluster_batch(docs)) == expected


words = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Z", "S", "C")),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(words, words, st.sampled_from(["", "en", "fr", "xx"])), max_size=12))
def test_any_text_gives_one_label_per_doc(rows):
    docs = [Doc(str(i), title, text, lang) for i, (title, text, lang) in enumerate(rows)]
    labels = cluster_batch(docs)
    assert len(labels) == len(docs)
    assert partition(docs, labels) == partition(docs[::-1], cluster_batch(docs[::-1]))


def _naive_name_variants(feats, langs):
    """The rule of features._name_variants, comparing every pair: the reference it must match."""
    from collections import defaultdict

    from news_digest.features import FUZZY_MIN_DICE, FUZZY_MIN_LEN
    from news_digest.textstats import char_ngrams, dice

    if len({lang for lang in langs if lang}) < 2:
        return {}
    df: Counter[str] = Counter()
    seen_in: dict = defaultdict(set)
    for feat, lang in zip(feats, langs, strict=True):
        for name in feat.names:
            if len(name) >= FUZZY_MIN_LEN and not name.isdigit():
                df[name] += 1
                seen_in[name].add(lang or "?")
    mapping, canonical = {}, []
    for name in sorted(df, key=lambda n: (-df[n], n)):
        best, best_score = "", FUZZY_MIN_DICE
        for other in sorted(canonical):
            if other[0] != name[0] or seen_in[other] & seen_in[name]:
                continue
            score = dice(char_ngrams(name), char_ngrams(other))
            if score >= best_score and (score > best_score or not best):
                best, best_score = other, score
        if best:
            mapping[name] = best
        else:
            canonical.append(name)
    return mapping


SPELLINGS = ["moscou", "moscow", "moskau", "moskva", "kiev", "kyiv", "kiew", "lisbonne",
             "lisbon", "lisboa", "macron", "makron", "macronn", "pekin", "peking", "beijing",
             "varsovie", "warsaw", "warschau", "mumbai", "bombay", "mumbay"]


@given(st.lists(st.tuples(st.sampled_from(["en", "fr", "de", ""]),
                          st.sets(st.sampled_from(SPELLINGS) | st.text("abkmosuv", min_size=4,
                                                                        max_size=7),
                                  max_size=6)), min_size=2, max_size=30))
@settings(max_examples=300, deadline=None)
def test_name_variants_through_the_index_equal_every_pair_compared(docs):
    from news_digest.features import Features, _name_variants

    feats = [Features(Counter(), set(names)) for _, names in docs]
    langs = [lang for lang, _ in docs]
    assert _name_variants(feats, langs) == _naive_name_variants(feats, langs)
