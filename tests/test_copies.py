"""Copies (syndicated and machine-translated) are told from independent reports; earlier
coverage links follow-ups to the closed story they follow, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news_digest.copies import (
    SYNDICATED,
    TRANSLATED,
    anchors,
    copy_kind,
    copy_links,
    credits,
    find_copies,
)
from news_digest.coverage import earlier_coverage, story_features
from news_digest.model import Item, Story

T = datetime(2026, 11, 24, 7, tzinfo=UTC)
NAMES = {
    "https://ledger.example/rss": "The Morning Ledger",
    "https://wire.example/rss": "WorldWire",
    "https://soir.example/rss": "Le Quotidien du Soir",
    "https://planete.example/rss": "Planète Info",
    "https://post.example/rss": "Harbour Post",
}

LEDGER_TEXT = """Dockworkers at the Port of Valdmar walked off the job on Tuesday, halting \
traffic at Northern Europe's fourth-largest container terminal, the Valdmar Dockers' Union said.

About 3,200 workers joined the 48-hour strike after talks with the port operator Keller Maritime \
broke down on Monday night. The union is seeking a 9.5% pay rise over two years; Keller Maritime \
has offered 4%.

"We have been patient for eleven months," union leader Anja Lindqvist told reporters at the gate. \
Keller Maritime said the walkout would cost shippers about 40 million euros a day.

At least 27 container ships were waiting off the coast on Tuesday afternoon, according to the \
harbour master. Ferries to Ostholm were not affected.

Transport minister Pieter Haas urged both sides to return to the table and said mediation could \
begin on Thursday."""

# The same article as a machine translation would render it: same facts, same order.
TRANSLATED_TEXT = """Les dockers du port de Valdmar ont cessé le travail mardi, paralysant le \
trafic du quatrième terminal à conteneurs d'Europe du Nord, a indiqué le syndicat Valdmar \
Dockers' Union.

Environ 3 200 travailleurs ont rejoint la grève de 48 heures après l'échec lundi soir des \
négociations avec l'opérateur portuaire Keller Maritime. Le syndicat réclame une hausse de \
salaire de 9,5 % sur deux ans ; Keller Maritime a proposé 4 %.

« Nous sommes patients depuis onze mois », a déclaré la dirigeante syndicale Anja Lindqvist aux \
journalistes devant l'entrée. Keller Maritime a indiqué que le débrayage coûterait aux chargeurs \
environ 40 millions d'euros par jour.

Au moins 27 porte-conteneurs attendaient au large des côtes mardi après-midi, selon la \
capitainerie. Les ferries vers Ostholm n'étaient pas concernés.

Le ministre des transports Pieter Haas a exhorté les deux parties à revenir à la table des \
négociations et a déclaré qu'une médiation pourrait commencer jeudi."""

# An independent French report: the same event, names and numbers, its own order and shape.
INDEPENDENT_FR = """Vingt-sept navires patientaient mardi au large de Valdmar, où la grève des \
dockers bloque le terminal à conteneurs depuis l'aube.

Pour Keller Maritime, chaque journée d'arrêt coûte 40 millions d'euros aux chargeurs. \
L'opérateur dit avoir proposé 4 % d'augmentation, loin des 9,5 % exigés sur deux ans. \
Le ministre Pieter Haas a proposé une médiation dès jeudi.

Devant les grilles, Anja Lindqvist, qui dirige le syndicat, assure que ses 3 200 adhérents \
tiendront les 48 heures prévues. « Onze mois de patience, c'est assez », a-t-elle lancé. \
Les ferries pour Ostholm circulent normalement. Le dernier conflit de ce type remonte à 2019, \
quand le port avait été bloqué une semaine."""

# An independent English report by another outlet.
INDEPENDENT_EN = """Container ships were queuing off Valdmar on Tuesday as a dockworkers' strike \
shut one of the busiest terminals in Northern Europe for the first time since 2019.

Keller Maritime, which runs the terminal, put the cost to shippers at 40 million euros for each \
day of the stoppage. It has offered a 4% raise, while Anja Lindqvist's union wants 9.5% over two \
years for its 3,200 members.

Ministers said mediation could start on Thursday. Ferry links to Ostholm were running."""


def item(key: str, feed: str, lang: str, title: str, text: str, hours: float = 0) -> Item:
    host = feed.split("/")[2]
    return Item(key=key, source_url=feed, url=f"https://{host}/{key}", title=title,
                published=T + timedelta(hours=hours), first_seen=T, lang=lang, text=text,
                summary=" ".join(text.split("\n\n")[:2]))


LEDGER = item("ledger", "https://ledger.example/rss", "en",
              "Valdmar dockworkers strike over pay", LEDGER_TEXT, hours=1)
WIRE = item("wire", "https://wire.example/rss", "en", "Valdmar port strike halts traffic",
            LEDGER_TEXT.replace("on Thursday.", "on Thursday. (via The Morning Ledger)"), hours=0)
PLANETE = item("planete", "https://planete.example/rss", "fr",
               "Grève des dockers au port de Valdmar", TRANSLATED_TEXT, hours=3)
SOIR = item("soir", "https://soir.example/rss", "fr", "Valdmar : 27 navires bloqués au large",
            INDEPENDENT_FR, hours=2)
POST = item("post", "https://post.example/rss", "en", "Strike shuts Valdmar terminal",
            INDEPENDENT_EN, hours=2)


def test_syndicated_copy_with_credit_points_at_the_credited_original():
    assert copy_kind(LEDGER, WIRE) == SYNDICATED
    # WorldWire's copy is timestamped earlier, but it credits the Ledger: the Ledger is original.
    assert find_copies([WIRE, LEDGER], NAMES) == {"wire": "ledger"}
    assert credits(WIRE, "The Morning Ledger") and not credits(LEDGER, "WorldWire")


def test_uncredited_syndicated_copy_points_at_the_earliest():
    plain = item("wire", "https://wire.example/rss", "en", "Valdmar strike", LEDGER_TEXT, hours=5)
    assert find_copies([plain, LEDGER], NAMES) == {"wire": "ledger"}
    early = item("wire", "https://wire.example/rss", "en", "Valdmar strike", LEDGER_TEXT, hours=-5)
    assert find_copies([LEDGER, early], NAMES) == {"ledger": "wire"}


def test_machine_translated_rewrite_is_a_translated_copy():
    # Names and numbers in order, French and English spellings folded to one.
    assert anchors(TRANSLATED_TEXT)[:8] == ["valdmar", "europe", "north", "valdmar", "dockers",
                                            "union", "3200", "48"]
    assert anchors(LEDGER_TEXT)[6:8] == ["union", "3200"]
    assert copy_kind(LEDGER, PLANETE) == TRANSLATED
    links = copy_links([PLANETE, LEDGER], NAMES)
    assert [(x.copy, x.original, x.kind) for x in links] == [("planete", "ledger", TRANSLATED)]


def test_translation_credited_with_selon_points_at_the_credited_source():
    # The translation went out first, but it names its source: the Ledger is the original.
    credited = item("planete", "https://planete.example/rss", "fr", "Grève à Valdmar",
                    TRANSLATED_TEXT.replace("Les dockers", "Selon The Morning Ledger, les dockers"),
                    hours=-1)
    assert credits(credited, NAMES["https://ledger.example/rss"])
    assert find_copies([credited, LEDGER], NAMES) == {"planete": "ledger"}
    # Credit alone makes no copy: the texts must match first.
    other = item("soir", "https://soir.example/rss", "fr", "Valdmar", INDEPENDENT_FR, hours=3)
    cites = item("x", "https://post.example/rss", "fr", "Valdmar",
                 INDEPENDENT_FR + "\n\nSelon Le Quotidien du Soir.", hours=-3)
    assert credits(cites, NAMES["https://soir.example/rss"])
    assert find_copies([cites, LEDGER, other], NAMES) == {"x": "soir"}
    no_copy = item("x", "https://post.example/rss", "fr", "Valdmar", "Selon Le Quotidien du Soir, "
                   + TRANSLATED_TEXT.split("\n\n")[-1], hours=-3)
    assert find_copies([no_copy, other], NAMES) == {}


def test_independent_reports_of_one_event_are_not_copies():
    for a, b in [(LEDGER, SOIR), (LEDGER, POST), (PLANETE, SOIR), (SOIR, POST), (PLANETE, POST)]:
        assert copy_kind(a, b) == "", (a.key, b.key)
    assert find_copies([LEDGER, SOIR, POST], NAMES) == {}


def test_a_whole_story_maps_every_copy_to_one_original():
    story = [SOIR, PLANETE, WIRE, LEDGER, POST]
    assert find_copies(story, NAMES) == {"planete": "ledger", "wire": "ledger"}
    assert find_copies(list(reversed(story)), NAMES) == find_copies(story, NAMES)


def test_short_or_empty_texts_are_never_copies():
    a = item("a", "https://ledger.example/rss", "en", "Strike", "Dockers strike in Valdmar.")
    b = item("b", "https://wire.example/rss", "en", "Strike", "Dockers strike in Valdmar.")
    assert find_copies([a, b], NAMES) == {}
    c = item("c", "https://wire.example/rss", "en", "Strike", "")
    assert find_copies([LEDGER, c], NAMES) == {}


def test_a_short_source_name_is_not_found_inside_words():
    assert not credits(LEDGER, "Le Port")  # "port" alone is too short a name to trust
    assert not credits(LEDGER, "Valdmarx")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.text(max_size=400), st.sampled_from(["en", "fr", ""]))
def test_untrusted_text_never_crashes_and_is_symmetric(a, b, lang):
    x = item("x", "https://ledger.example/rss", lang, a[:40], a)
    y = item("y", "https://wire.example/rss", "fr", b[:40], b)
    assert copy_kind(x, y) == copy_kind(y, x)
    result = find_copies([x, y], NAMES)
    assert set(result) <= {"x", "y"} and all(v in {"x", "y"} for v in result.values())
    assert not any(k == v for k, v in result.items())


# Earlier coverage -----------------------------------------------------------------------------

def story(sid: str, items: list[Item]) -> Story:
    return Story(id=sid, slug=sid, created=min(i.published for i in items), items=items)


def later(key: str, feed: str, lang: str, title: str, summary: str, days: float) -> Item:
    it = item(key, feed, lang, title, summary, hours=24 * days)
    it.summary = summary
    return it


STRIKE = story("strike", [LEDGER, SOIR, POST])
FOLLOW_UP = story("followup", [later(
    "f1", "https://post.example/rss", "en", "Valdmar dockworkers accept Keller Maritime pay deal",
    "Dockworkers at the Port of Valdmar voted to accept a 7% pay rise from Keller Maritime, ending "
    "the dispute that led to a 48-hour strike this month. Anja Lindqvist, the union leader, "
    "said members had won most of what they sought. Container traffic returned to normal.", 10)])
SAME_PERSON = story("person", [later(
    "p1", "https://ledger.example/rss", "en", "Anja Lindqvist wins a seat on the city council",
    "Anja Lindqvist won a seat on the city council in Sunday's local elections, taking 41% of "
    "the vote in the harbour ward. Turnout was the highest in a decade, officials said.", 12)])
TOO_SOON = story("soon", [later(
    "s1", "https://wire.example/rss", "en", "Valdmar strike: Keller Maritime talks resume",
    "Talks between Keller Maritime and the Valdmar dockworkers' union resumed on Thursday after "
    "the 48-hour strike, with Anja Lindqvist calling for a 9.5% pay rise.", 2)])


def test_a_follow_up_ten_days_later_links_back_to_the_closed_story():
    links = earlier_coverage([STRIKE, FOLLOW_UP], timedelta(days=3))
    assert links == {"followup": ["strike"]}


def test_a_story_sharing_only_a_persons_name_does_not_link():
    feats = story_features(SAME_PERSON)
    assert {"anja", "lindqvist"} <= feats.names
    assert earlier_coverage([STRIKE, SAME_PERSON], timedelta(days=3)) == {}


def test_stories_inside_the_window_are_not_earlier_coverage():
    assert earlier_coverage([STRIKE, TOO_SOON], timedelta(days=3)) == {}
    assert earlier_coverage([STRIKE, TOO_SOON], timedelta(hours=12)) == {"soon": ["strike"]}


def test_earlier_coverage_is_newest_first_and_limited():
    olds = [story(f"old{n}", [later(f"o{n}", "https://post.example/rss", "en",
                                    f"Valdmar strike: Keller Maritime dockworkers, day {n}",
                                    FOLLOW_UP.items[0].summary, -30 + n)])
            for n in range(5)]
    links = earlier_coverage(olds + [FOLLOW_UP], timedelta(days=3))
    assert links["followup"] == ["old4", "old3", "old2"]
    assert earlier_coverage(list(reversed(olds)) + [FOLLOW_UP], timedelta(days=3)) == links
