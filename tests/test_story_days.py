"""Stories across languages and days: one event's French and English reports and its follow-ups
of the next two days join; another event that shares only a famous name stays apart.

The people and events here are invented for these tests.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from news_digest.cluster import Doc, assign_to_stories, cluster_batch

START = datetime(2024, 6, 3, 7, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return START + timedelta(hours=hours)


# The event: a leader skips a summit and sends an envoy, who arrives there a day later.
SKIP_EN = Doc(
    "skip-en",
    "Chancellor Ingrid Halvorsen to skip Lisbon ocean summit, sends envoy Tomas Lindqvist",
    "Norwegian Chancellor Ingrid Halvorsen will not attend the United Nations ocean summit in "
    "Lisbon on Thursday and is sending her special envoy, Tomas Lindqvist, in her place, her "
    "office said on Monday.",
    "en", at(0), "wire-en",
)
SKIP_FR = Doc(
    "skip-fr",
    "Ingrid Halvorsen renonce au sommet de l'ONU sur les océans à Lisbonne",
    "La chancelière norvégienne Ingrid Halvorsen ne se rendra pas jeudi au sommet des Nations "
    "unies sur les océans à Lisbonne ; elle y envoie son émissaire spécial, Tomas Lindqvist, "
    "a annoncé son bureau lundi.",
    "fr", at(3), "journal-fr",
)
ENVOY_EN = Doc(
    "envoy-en",
    "Envoy Tomas Lindqvist arrives in Lisbon for ocean summit in Halvorsen's place",
    "Tomas Lindqvist, the special envoy sent by Chancellor Ingrid Halvorsen, arrived in Lisbon on "
    "Tuesday evening ahead of the United Nations ocean summit, which the Norwegian leader skips.",
    "en", at(34), "outlet-b",
)
ENVOY_FR = Doc(
    "envoy-fr",
    "Arrivé à Lisbonne, Tomas Lindqvist représentera Ingrid Halvorsen au sommet sur les océans",
    "L'émissaire spécial Tomas Lindqvist est arrivé mardi soir à Lisbonne, où il représentera la "
    "chancelière norvégienne Ingrid Halvorsen au sommet des Nations unies sur les océans.",
    "fr", at(44), "autre-fr",
)
SUMMIT = [SKIP_EN, SKIP_FR, ENVOY_EN, ENVOY_FR]

# Another event with the same leader, on another subject, in the same days.
BUDGET_EN = Doc(
    "budget-en",
    "Ingrid Halvorsen unveils tax cut for electric car buyers in Oslo budget",
    "Chancellor Ingrid Halvorsen presented a budget in Oslo that cuts taxes on electric cars "
    "from January and raises fuel duties to pay for it, drawing criticism from farmers.",
    "en", at(5), "outlet-c",
)
BUDGET_FR = Doc(
    "budget-fr",
    "Budget : Ingrid Halvorsen baisse les taxes sur les voitures électriques",
    "La chancelière Ingrid Halvorsen a présenté à Oslo un budget qui réduit dès janvier les "
    "taxes sur les voitures électriques et augmente celles sur le carburant, au grand dam des "
    "agriculteurs.",
    "fr", at(26), "journal-fr",
)
BUDGET = [BUDGET_EN, BUDGET_FR]
ALL = [*SUMMIT, *BUDGET]


def groups(docs: list[Doc]) -> set[frozenset[str]]:
    by_label: dict[int, set[str]] = {}
    for doc, label in zip(docs, cluster_batch(docs), strict=True):
        by_label.setdefault(label, set()).add(doc.id)
    return {frozenset(g) for g in by_label.values()}


def test_french_and_english_reports_and_follow_ups_of_one_event_join():
    assert frozenset(d.id for d in SUMMIT) in groups(ALL)


def test_an_event_sharing_only_a_famous_name_stays_apart():
    found = groups(ALL)
    assert frozenset(d.id for d in BUDGET) in found
    assert len(found) == 2


def test_follow_ups_join_the_story_on_the_next_nights():
    night1 = [SKIP_EN, SKIP_FR, BUDGET_EN]
    first = assign_to_stories(night1, {})
    assert first["skip-fr"] == first["skip-en"] == "skip-en"
    assert first["budget-en"] == "budget-en"
    existing = {
        "story-summit": [SKIP_EN, SKIP_FR],
        "story-budget": [BUDGET_EN],
    }
    assert assign_to_stories([BUDGET_FR], existing) == {"budget-fr": "story-budget"}
    assert assign_to_stories([ENVOY_EN], existing) == {"envoy-en": "story-summit"}
    existing["story-summit"].append(ENVOY_EN)
    assert assign_to_stories([ENVOY_FR], existing) == {"envoy-fr": "story-summit"}


def test_follow_up_two_weeks_later_starts_a_new_story():
    late = Doc(ENVOY_EN.id, ENVOY_EN.title, ENVOY_EN.text, "en", at(24 * 14), "outlet-b")
    existing = {"story-summit": [SKIP_EN, SKIP_FR]}
    assert assign_to_stories([late], existing) == {"envoy-en": "envoy-en"}
