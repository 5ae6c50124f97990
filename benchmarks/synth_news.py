"""Synthetic news for the benchmarks: outlets, events and articles in English and French.

Everything comes from seeded vocabularies and templates written for these benchmarks, so the
same seed gives the same words. Reports of one event share its names, numbers and place but
are worded differently (another title template, other sentences, another order), as reports
from different outlets are.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

LANGS = ("en", "fr")
SYLLABLES = ("ka", "lo", "mer", "vin", "sa", "tor", "bel", "da", "rin", "os", "ul", "ven", "mar",
             "tis", "ga", "no", "ber", "li", "zan", "qua", "mo", "ret", "sil", "pa", "dor", "ke")
FIRST_NAMES = ("Anna", "Marc", "Julie", "Tomas", "Sofia", "Karim", "Léa", "David", "Emma",
               "Hugo", "Nina", "Paul", "Claire", "Omar", "Laura", "Yann", "Mei", "Lucas", "Inès",
               "Ben", "Ingrid", "Rui", "Awa", "Kenji", "Sarah", "Nino", "Wanjiru", "Éric")
EN_OUTLET = ("Herald", "Courier", "Post", "Times", "Gazette", "Observer", "Ledger", "Chronicle",
             "Review", "Dispatch", "Wire", "Journal", "Tribune", "Standard")
FR_OUTLET = ("Le Courrier", "Le Journal", "Le Progrès", "Le Réveil", "L'Écho", "La Dépêche",
             "Le Républicain", "La Gazette", "Le Quotidien", "La Voix", "Le Messager")
WEEKDAYS = {"en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
            "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")}


@dataclass(frozen=True)
class Kind:
    """One kind of event: title, lead and detail templates in each language."""

    titles: dict[str, tuple[str, ...]]
    leads: dict[str, tuple[str, ...]]
    details: dict[str, tuple[str, ...]]


def _kind(en_titles, fr_titles, en_leads, fr_leads, en_details, fr_details) -> Kind:
    return Kind({"en": en_titles, "fr": fr_titles}, {"en": en_leads, "fr": fr_leads},
                {"en": en_details, "fr": fr_details})


# Slots: {place} {person} {org} {num} {num2} {pct} {day} {role}
TOPICS: dict[str, tuple[Kind, ...]] = {
    "Politics": (
        _kind(("{place} council votes {num} million plan for new tram line",
               "Tram line for {place}: council backs {num} million project",
               "{person} wins vote on {place} tram after long debate",
               "{place} approves tram, {num} million to be spent by {org}"),
              ("{place} : le conseil vote un plan de {num} millions pour le tramway",
               "Tramway de {place} : {person} obtient un vote favorable",
               "Le conseil de {place} adopte le tramway à {num} millions",
               "{num} millions pour le tramway de {place}, {org} aux commandes"),
              ("The council of {place} approved on {day} a {num} million plan for a new tram "
               "line, after {person}, the {role}, defended it for months.",
               "Councillors in {place} backed a {num} million tram project on {day}, handing "
               "the works to {org}."),
              ("Le conseil de {place} a adopté {day} un plan de {num} millions pour une "
               "nouvelle ligne de tramway, défendu depuis des mois par {person}, {role}.",
               "Les élus de {place} ont voté {day} le projet de tramway de {num} millions, "
               "confié à {org}."),
              ("The line would carry {num2} thousand passengers a day once finished.",
               "Opponents said the {num} million budget ignored the cost of moving pipes.",
               "{person} promised that the first trams of {place} would run within four years.",
               "{org} will publish the route and the timetable of the works next month."),
              ("La ligne doit transporter {num2} mille voyageurs par jour une fois achevée.",
               "L'opposition estime que le budget de {num} millions oublie le coût des réseaux.",
               "{person} promet les premières rames à {place} d'ici quatre ans.",
               "{org} publiera le tracé et le calendrier des travaux le mois prochain.")),
        _kind(("{person} resigns as {role} of {place}",
               "{place}: {role} {person} steps down after {num} days of protests",
               "Resignation of {person} shakes {place} politics",
               "Why {person} quit as {role} in {place}"),
              ("{person} démissionne de son poste de {role} à {place}",
               "{place} : {person} jette l'éponge après {num} jours de contestation",
               "La démission de {person} secoue la vie politique de {place}",
               "Pourquoi {person} quitte ses fonctions à {place}"),
              ("{person}, the {role} of {place}, resigned on {day} after {num} days of "
               "protests over the closure of the old hospital.",
               "After {num} days of street protests, {person} announced on {day} that the "
               "{role} of {place} would step down."),
              ("{person}, {role} de {place}, a démissionné {day} après {num} jours de "
               "manifestations contre la fermeture de l'ancien hôpital.",
               "Après {num} jours de contestation, {person} a annoncé {day} quitter son poste "
               "de {role} à {place}."),
              ("An interim will be chosen by the assembly within {num2} days.",
               "{org} had called for the resignation since the summer.",
               "Several allies of {person} said they had learned the news on the radio.",
               "The protests gathered up to {num2} thousand people in the centre of {place}."),
              ("Un intérim sera désigné par l'assemblée d'ici {num2} jours.",
               "{org} réclamait cette démission depuis l'été.",
               "Plusieurs proches de {person} disent avoir appris la nouvelle à la radio.",
               "Les rassemblements ont réuni jusqu'à {num2} mille personnes au centre de "
               "{place}.")),
    ),
    "Economy": (
        _kind(("{org} to cut {num} jobs at its {place} plant",
               "{num} jobs lost as {org} shrinks {place} factory",
               "{place} workers stunned by {org} plan to cut {num} posts",
               "{org} confirms {num} job cuts in {place}"),
              ("{org} va supprimer {num} emplois dans son usine de {place}",
               "{num} postes menacés chez {org} à {place}",
               "Choc à {place} : {org} annonce {num} suppressions d'emplois",
               "{org} confirme un plan de {num} suppressions de postes à {place}"),
              ("{org} said on {day} it would cut {num} jobs at its plant in {place}, blaming "
               "a fall of {pct} percent in orders.",
               "The factory of {org} in {place} will lose {num} jobs, the company confirmed "
               "on {day}, after orders fell by {pct} percent."),
              ("{org} a annoncé {day} la suppression de {num} emplois dans son usine de {place}, "
               "invoquant une baisse de {pct} % des commandes.",
               "L'usine {org} de {place} perdra {num} postes, a confirmé l'entreprise {day}, "
               "après un recul de {pct} % des commandes."),
              ("Unions called a strike for next week and asked {person} to intervene.",
               "The site employs {num2} people and supplies carmakers across the region.",
               "{person}, the {role}, said every worker would be offered training.",
               "Shares of {org} rose {pct} percent after the announcement."),
              ("Les syndicats appellent à la grève la semaine prochaine et sollicitent {person}.",
               "Le site emploie {num2} personnes et fournit les constructeurs de la région.",
               "{person}, {role}, assure qu'une formation sera proposée à chaque salarié.",
               "L'action {org} a gagné {pct} % après l'annonce.")),
        _kind(("Inflation in {place} slows to {pct} percent, says {org}",
               "{org}: prices in {place} rose {pct} percent over a year",
               "{place} inflation eases to {pct} percent as energy costs fall",
               "Prices in {place} up {pct} percent, lowest in {num} months"),
              ("L'inflation ralentit à {pct} % à {place}, selon {org}",
               "{org} : les prix ont augmenté de {pct} % sur un an à {place}",
               "À {place}, l'inflation retombe à {pct} % grâce à l'énergie",
               "Hausse des prix de {pct} % à {place}, au plus bas depuis {num} mois"),
              ("Prices in {place} rose {pct} percent over a year, {org} said on {day}, the "
               "slowest pace in {num} months.",
               "{org} reported on {day} that inflation in {place} had slowed to {pct} percent, "
               "its lowest level in {num} months."),
              ("Les prix ont augmenté de {pct} % sur un an à {place}, a indiqué {org} {day}, "
               "le rythme le plus faible depuis {num} mois.",
               "Selon {org}, l'inflation est retombée {day} à {pct} % à {place}, au plus bas "
               "depuis {num} mois."),
              ("Food prices still climbed faster than wages, according to {person}.",
               "Energy bills fell for the {num2}th month in a row.",
               "{person}, the {role}, expects rates to stay unchanged until spring.",
               "Rents rose again, especially in the centre of {place}."),
              ("Les prix alimentaires progressent toujours plus vite que les salaires, selon "
               "{person}.",
               "Les factures d'énergie baissent pour le {num2}e mois consécutif.",
               "{person}, {role}, s'attend à des taux inchangés jusqu'au printemps.",
               "Les loyers ont encore augmenté, surtout dans le centre de {place}.")),
    ),
    "Science": (
        _kind(("Telescope in {place} spots {num} new comets",
               "{org} astronomers find {num} comets from {place}",
               "{num} comets discovered by {person} and team in {place}",
               "New {place} telescope reveals {num} unknown comets"),
              ("Le télescope de {place} repère {num} nouvelles comètes",
               "{num} comètes découvertes par l'équipe de {person} à {place}",
               "Les astronomes de {org} trouvent {num} comètes depuis {place}",
               "{place} : un nouveau télescope révèle {num} comètes inconnues"),
              ("Astronomers at {org} said on {day} that the new telescope in {place} had "
               "found {num} comets never seen before.",
               "A team led by {person} announced on {day} the discovery of {num} comets "
               "with the telescope of {place}."),
              ("Les astronomes de {org} ont annoncé {day} que le nouveau télescope de {place} "
               "avait repéré {num} comètes jamais observées.",
               "Une équipe dirigée par {person} a annoncé {day} la découverte de {num} "
               "comètes grâce au télescope de {place}."),
              ("The instrument cost {num2} million and saw its first light in spring.",
               "{person} said some of the comets would pass close to the Sun within a decade.",
               "The data will be shared with observatories in {pct} countries.",
               "{org} hopes to find many more once the mirror is fully calibrated."),
              ("L'instrument a coûté {num2} millions et a vu sa première lumière au printemps.",
               "Selon {person}, certaines comètes frôleront le Soleil d'ici dix ans.",
               "Les données seront partagées avec des observatoires de {pct} pays.",
               "{org} espère en trouver bien d'autres une fois le miroir réglé.")),
        _kind(("{org} trial: new drug cuts migraine attacks by {pct} percent",
               "Migraine drug tested in {place} halves attacks, says {person}",
               "{pct} percent fewer migraines in {org} trial of {num} patients",
               "Hope for migraine sufferers after {place} trial"),
              ("Essai de {org} : un médicament réduit les migraines de {pct} %",
               "Migraine : l'essai mené à {place} divise les crises par deux, selon {person}",
               "{pct} % de crises en moins chez {num} patients suivis par {org}",
               "Un espoir contre la migraine après l'essai de {place}"),
              ("A trial run by {org} in {place} on {num} patients found that a new drug cut "
               "migraine attacks by {pct} percent, researchers said on {day}.",
               "Researchers led by {person} said on {day} that their migraine drug reduced "
               "attacks by {pct} percent among {num} patients in {place}."),
              ("Un essai conduit par {org} à {place} auprès de {num} patients montre qu'un "
               "nouveau médicament réduit les crises de migraine de {pct} %, ont indiqué les "
               "chercheurs {day}.",
               "L'équipe de {person} a annoncé {day} que son traitement réduisait les crises "
               "de {pct} % chez {num} patients à {place}."),
              ("Side effects were mild and affected one patient in {num2}.",
               "{person} warned that a larger trial was needed before any approval.",
               "The drug is taken once a month as an injection.",
               "{org} plans to seek approval within two years."),
              ("Les effets indésirables sont restés légers et ont touché un patient sur {num2}.",
               "{person} prévient qu'un essai plus large reste nécessaire avant toute "
               "autorisation.",
               "Le traitement se prend une fois par mois, en injection.",
               "{org} compte demander une autorisation d'ici deux ans.")),
    ),
    "Sport": (
        _kind(("{place} beat {org} {num}-{num2} to reach the final",
               "{person} scores twice as {place} sink {org}",
               "{org} out after {num}-{num2} defeat in {place}",
               "Final bound: {place} win {num}-{num2} thanks to {person}"),
              ("{place} bat {org} {num}-{num2} et file en finale",
               "Doublé de {person}, {place} écrase {org}",
               "{org} éliminé après sa défaite {num}-{num2} à {place}",
               "{place} en finale grâce à {person} ({num}-{num2})"),
              ("{place} reached the final on {day} after beating {org} {num}-{num2}, with "
               "two goals from {person}.",
               "Two goals from {person} gave {place} a {num}-{num2} win over {org} on {day} "
               "and a place in the final."),
              ("{place} s'est qualifié {day} pour la finale en battant {org} {num}-{num2}, "
               "grâce à un doublé de {person}.",
               "Un doublé de {person} a offert {day} à {place} une victoire {num}-{num2} face "
               "à {org} et une place en finale."),
              ("The stadium was sold out, with {pct} thousand fans in the stands.",
               "The coach of {org} said his side had lacked ideas in the second half.",
               "{person} has now scored in {num2} consecutive matches.",
               "The final will be played in three weeks."),
              ("Le stade affichait complet, avec {pct} mille spectateurs.",
               "L'entraîneur de {org} reconnaît un manque d'idées en seconde période.",
               "{person} a marqué lors de {num2} matchs consécutifs.",
               "La finale se jouera dans trois semaines.")),
        _kind(("{person} breaks {place} marathon record",
               "Marathon: {person} wins in {place} in record time",
               "Record run by {person} at the {place} marathon",
               "{num} thousand runners, one record: {person} triumphs in {place}"),
              ("{person} bat le record du marathon de {place}",
               "Marathon de {place} : {person} s'impose en un temps record",
               "Course record pour {person} au marathon de {place}",
               "{num} mille coureurs et un record : {person} triomphe à {place}"),
              ("{person} won the {place} marathon on {day} in a course record, ahead of "
               "{num} thousand runners.",
               "The {place} marathon went to {person} on {day}, who beat the course record "
               "in front of {num} thousand runners."),
              ("{person} a remporté {day} le marathon de {place} en battant le record de "
               "l'épreuve, devant {num} mille coureurs.",
               "Le marathon de {place} est revenu {day} à {person}, qui a amélioré le record "
               "de la course devant {num} mille participants."),
              ("The previous record had stood for {num2} years.",
               "{person} runs for {org} and had finished second last year.",
               "Temperatures stayed below {pct} degrees all morning.",
               "Organisers said the race raised money for the children's hospital."),
              ("L'ancien record tenait depuis {num2} ans.",
               "{person} court pour {org} et avait terminé deuxième l'an dernier.",
               "La température est restée sous les {pct} degrés toute la matinée.",
               "Les organisateurs ont reversé une partie des fonds à l'hôpital des enfants.")),
    ),
    "Culture": (
        _kind(("{place} festival draws record {num} thousand visitors",
               "Record crowd of {num} thousand at {place} festival",
               "{person}'s {place} festival ends with {num} thousand tickets sold",
               "{num} thousand people at the {place} festival, says {org}"),
              ("Le festival de {place} attire un record de {num} mille visiteurs",
               "Affluence record au festival de {place} : {num} mille entrées",
               "{num} mille billets vendus pour le festival de {person} à {place}",
               "{num} mille festivaliers à {place}, selon {org}"),
              ("The festival of {place} ended on {day} with a record {num} thousand "
               "visitors, its director {person} said.",
               "{num} thousand people came to the {place} festival this year, {org} said on "
               "{day}, a record since its creation."),
              ("Le festival de {place} s'est achevé {day} sur un record de {num} mille "
               "visiteurs, a indiqué son directeur {person}.",
               "{num} mille personnes ont assisté au festival de {place} cette année, selon "
               "{org}, un record depuis sa création."),
              ("The programme included {num2} concerts over five days.",
               "{person} already promised a longer edition next year.",
               "Hotels in {place} were full for the whole week.",
               "{org} gave {pct} thousand free tickets to students."),
              ("Le programme comptait {num2} concerts sur cinq jours.",
               "{person} promet déjà une édition plus longue l'an prochain.",
               "Les hôtels de {place} ont affiché complet toute la semaine.",
               "{org} a offert {pct} mille billets aux étudiants.")),
        _kind(("Lost painting found in {place} attic sold for {num} million",
               "{org} auction: {place} painting fetches {num} million",
               "{person} buys rediscovered {place} masterpiece for {num} million",
               "Attic find in {place} sells for {num} million"),
              ("Un tableau retrouvé dans un grenier de {place} vendu {num} millions",
               "Vente {org} : le tableau de {place} adjugé {num} millions",
               "{person} acquiert le chef-d'œuvre retrouvé à {place} pour {num} millions",
               "Trouvé dans un grenier de {place}, il part pour {num} millions"),
              ("A painting found in an attic in {place} was sold on {day} for {num} million "
               "at an auction held by {org}.",
               "{person} paid {num} million on {day} for a painting discovered in an attic "
               "in {place}, {org} said."),
              ("Un tableau découvert dans un grenier de {place} a été adjugé {day} {num} "
               "millions lors d'une vente organisée par {org}.",
               "{person} a payé {day} {num} millions pour un tableau retrouvé dans un grenier "
               "de {place}, selon {org}."),
              ("Experts spent {num2} months confirming who had painted it.",
               "The family who found it had used it to block a draught for decades.",
               "{org} had estimated the work at a tenth of the final price.",
               "The painting will be shown in {place} before leaving the country."),
              ("Les experts ont passé {num2} mois à en confirmer l'attribution.",
               "La famille qui l'a découvert s'en servait depuis des décennies contre les "
               "courants d'air.",
               "{org} avait estimé l'œuvre au dixième du prix final.",
               "Le tableau sera exposé à {place} avant de quitter le pays.")),
    ),
    "Environment": (
        _kind(("Floods in {place}: {num} homes evacuated",
               "{place} river bursts its banks, {num} households moved",
               "Storm leaves {place} under water, {person} declares emergency",
               "{num} families evacuated as floods hit {place}"),
              ("Inondations à {place} : {num} logements évacués",
               "La rivière déborde à {place}, {num} foyers relogés",
               "{place} sous les eaux, {person} déclenche l'état d'urgence",
               "Crue à {place} : {num} familles évacuées"),
              ("{num} homes were evacuated in {place} on {day} after the river burst its "
               "banks, said {person}, the {role}.",
               "Floods forced {num} households out of their homes in {place} on {day}, and "
               "{person} declared a state of emergency."),
              ("{num} logements ont été évacués {day} à {place} après la crue de la rivière, "
               "a indiqué {person}, {role}.",
               "Les inondations ont contraint {num} foyers à quitter leur domicile {day} à "
               "{place}, et {person} a déclenché l'état d'urgence."),
              ("Rain fell for {num2} hours without a break, {org} said.",
               "Schools in {place} will stay closed until the water recedes.",
               "Rescuers used boats to reach the lower streets of {place}.",
               "The water rose {pct} centimetres above the level of the last great flood."),
              ("Il a plu pendant {num2} heures sans interruption, selon {org}.",
               "Les écoles de {place} resteront fermées jusqu'à la décrue.",
               "Les secours ont utilisé des bateaux pour atteindre les rues basses de {place}.",
               "L'eau est montée de {pct} centimètres au-dessus de la dernière grande crue.")),
        _kind(("{org} plans {num} wind turbines off {place}",
               "Offshore wind farm of {num} turbines approved near {place}",
               "{place} wind farm: {person} gives green light to {org}",
               "{num} turbines to rise off {place} coast"),
              ("{org} prévoit {num} éoliennes au large de {place}",
               "Feu vert pour un parc de {num} éoliennes en mer près de {place}",
               "Éolien à {place} : {person} donne son accord à {org}",
               "{num} éoliennes au large des côtes de {place}"),
              ("{org} won approval on {day} to build {num} wind turbines off {place}, "
               "enough to power {num2} thousand homes.",
               "{person} approved on {day} a wind farm of {num} turbines off the coast of "
               "{place}, to be built by {org}."),
              ("{org} a obtenu {day} l'autorisation d'installer {num} éoliennes au large de "
               "{place}, de quoi alimenter {num2} mille foyers.",
               "{person} a approuvé {day} un parc de {num} éoliennes au large de {place}, "
               "qui sera construit par {org}."),
              ("Fishermen fear the turbines will close part of their grounds.",
               "Construction should start in {pct} months and last three years.",
               "{person} said the project would create hundreds of local jobs.",
               "Birdwatchers asked {org} to study migration routes first."),
              ("Les pêcheurs craignent de perdre une partie de leurs zones de pêche.",
               "Les travaux doivent débuter dans {pct} mois et durer trois ans.",
               "{person} promet des centaines d'emplois locaux.",
               "Des ornithologues demandent à {org} d'étudier d'abord les routes migratoires.")),
    ),
}

GENERIC: dict[str, tuple[str, ...]] = {
    "en": (
        "\"We have waited a long time for this,\" said {person}.",
        "\"This is only the beginning,\" {person} told reporters in {place}.",
        "Residents of {place} were divided when asked about it on {day}.",
        "The figures were confirmed by {org} later in the day.",
        "Critics questioned the timing, while supporters praised the decision.",
        "Local businesses expect more customers in the coming months.",
        "A public meeting is planned in {place} next week.",
        "The announcement came after weeks of speculation in the local press.",
        "{org} declined to comment further.",
        "Similar cases were reported in neighbouring towns last year.",
        "The regional authority said it would follow the matter closely.",
        "Some questions remain unanswered, notably on the cost.",
        "\"Nobody expected it to go so fast,\" one witness said.",
        "The opposition asked for an independent review.",
        "More details are expected on Friday.",
        "Several hundred people followed the events online.",
        "It is not the first time the question has come up in {place}.",
        "According to {org}, the first effects should be visible before the summer.",
        "Neighbours gathered in the main square to talk about little else.",
        "The decision can still be challenged in court within two months.",
    ),
    "fr": (
        "« Nous attendions cela depuis longtemps », a déclaré {person}.",
        "« Ce n'est qu'un début », a confié {person} à la presse à {place}.",
        "Les habitants de {place} interrogés {day} se montraient partagés.",
        "Les chiffres ont été confirmés par {org} dans la journée.",
        "Les critiques dénoncent le calendrier, les partisans saluent la décision.",
        "Les commerçants espèrent davantage de clients dans les mois à venir.",
        "Une réunion publique est prévue à {place} la semaine prochaine.",
        "L'annonce intervient après des semaines de rumeurs dans la presse locale.",
        "{org} n'a pas souhaité faire d'autre commentaire.",
        "Des cas semblables avaient été signalés dans les communes voisines l'an dernier.",
        "La région assure suivre le dossier de près.",
        "Plusieurs questions restent en suspens, notamment sur le coût.",
        "« Personne ne s'attendait à ce que cela aille si vite », raconte un témoin.",
        "L'opposition réclame une expertise indépendante.",
        "De nouvelles précisions sont attendues vendredi.",
        "Plusieurs centaines de personnes ont suivi les événements en ligne.",
        "Ce n'est pas la première fois que la question se pose à {place}.",
        "Selon {org}, les premiers effets devraient se faire sentir avant l'été.",
        "Sur la place principale, les voisins ne parlaient que de cela.",
        "La décision peut encore être contestée devant la justice dans un délai de deux mois.",
    ),
}
FOLLOW_UP = {
    "en": ("{place}: what happens next after {person}'s announcement",
           "Day after in {place}: {org} under pressure",
           "{place} reacts to the news, {person} under scrutiny"),
    "fr": ("{place} : ce qui change après l'annonce de {person}",
           "Au lendemain de l'annonce, {org} sous pression à {place}",
           "{place} réagit, {person} sur la sellette"),
}
ROLES = {"en": ("mayor", "minister", "spokesperson", "president", "director", "governor"),
         "fr": ("maire", "ministre", "porte-parole", "présidente", "directeur", "préfet")}
ORG_FORMS = ("{name} Group", "{name} Industries", "Institut {name}", "{name} United",
             "Banque {name}", "{name} Energy", "Fondation {name}", "{name} Athletic")
SIGN_OFF = {"en": "This article first appeared on {outlet}.",
            "fr": "Cet article est paru en premier sur {outlet}."}


def coined(rng: random.Random, parts: int) -> str:
    """A made-up proper name, e.g. 'Velmarno'."""
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class Outlet:
    """One feed and the site it belongs to."""

    slug: str
    title: str
    topic: str
    lang: str
    excerpt_only: bool  # the feed gives a short excerpt; the article is on the page
    lang_hint: bool  # the sources file names the feed's language
    sign_off: bool  # every article ends with the same line (learned as boilerplate)
    weight: int  # how busy the feed is

    @property
    def host(self) -> str:
        return f"{self.slug}.example"

    @property
    def feed_path(self) -> str:
        return f"feeds/{self.slug}.xml"


def make_outlets(rng: random.Random, count: int) -> list[Outlet]:
    """`count` outlets over every topic, about 60 % English, a quarter excerpt-only."""
    topics = list(TOPICS)
    outlets: list[Outlet] = []
    taken: set[str] = set()
    while len(outlets) < count:
        lang = "en" if rng.random() < 0.6 else "fr"
        town = coined(rng, rng.choice((2, 3)))
        title = (f"The {town} {rng.choice(EN_OUTLET)}" if lang == "en"
                 else f"{rng.choice(FR_OUTLET)} de {town}")
        slug = slugify(title)
        if slug in taken:
            continue
        taken.add(slug)
        outlets.append(Outlet(slug=slug, title=title, topic=topics[len(outlets) % len(topics)],
                              lang=lang, excerpt_only=rng.random() < 0.25,
                              lang_hint=rng.random() < 0.5, sign_off=rng.random() < 0.3,
                              weight=rng.choice((1, 1, 2, 2, 3, 5))))
    return outlets


@dataclass
class Event:
    """Something that happened: the names and numbers every report of it shares."""

    id: int
    topic: str
    kind: int
    day: date
    place: str
    person: str
    org: str
    num: int
    num2: int
    pct: int
    roles: dict[str, str]
    days_left: int  # follow-up days still to come

    def slots(self, lang: str) -> dict[str, str]:
        return {"place": self.place, "person": self.person, "org": self.org,
                "num": str(self.num), "num2": str(self.num2), "pct": str(self.pct),
                "day": WEEKDAYS[lang][self.day.weekday()], "role": self.roles[lang]}

    def to_json(self) -> dict:
        data = dict(vars(self))
        data["day"] = self.day.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict) -> Event:
        return cls(**{**data, "day": date.fromisoformat(data["day"])})


def new_event(rng: random.Random, event_id: int, day: date) -> Event:
    topic = rng.choice(list(TOPICS))
    place = coined(rng, rng.choice((2, 3)))
    if rng.random() < 0.3:
        place = f"{place}-{rng.choice(('sur-Mer', 'Nord', 'Saint-' + coined(rng, 2)))}"
    role = rng.randrange(len(ROLES["en"]))
    return Event(
        id=event_id, topic=topic, kind=rng.randrange(len(TOPICS[topic])), day=day, place=place,
        person=f"{rng.choice(FIRST_NAMES)} {coined(rng, rng.choice((2, 3)))}",
        org=rng.choice(ORG_FORMS).format(name=coined(rng, 2)),
        num=rng.randint(3, 980), num2=rng.randint(2, 90), pct=rng.randint(2, 40),
        roles={lang: ROLES[lang][role] for lang in LANGS},
        days_left=rng.choice((0, 0, 0, 0, 1, 1, 2, 3)),
    )


def follow_up(event: Event, day: date, rng: random.Random) -> Event:
    """The same event a day later: same names, new figures."""
    return Event(**{**vars(event), "day": day, "num2": rng.randint(2, 90),
                    "pct": rng.randint(2, 40), "days_left": event.days_left - 1})


@dataclass
class Article:
    """One report: what the feed and the article page say."""

    title: str
    paragraphs: list[str]
    author: str

    def html(self) -> str:
        return "".join(f"<p>{escape(p)}</p>" for p in self.paragraphs)

    def excerpt(self, chars: int = 220) -> str:
        lead = self.paragraphs[0]
        return lead if len(lead) <= chars else lead[:chars].rsplit(" ", 1)[0] + " […]"


def write_article(event: Event, outlet: Outlet, rng: random.Random, first_day: bool) -> Article:
    """A report of `event` in `outlet`'s language and words: 5 to 8 paragraphs."""
    lang, kind = outlet.lang, TOPICS[event.topic][event.kind]
    slots = event.slots(lang)
    titles = kind.titles[lang] if first_day else kind.titles[lang] + FOLLOW_UP[lang]
    sentences = [s.format(**slots) for s in kind.details[lang] + GENERIC[lang]]
    rng.shuffle(sentences)
    paragraphs = [rng.choice(kind.leads[lang]).format(**slots)]
    wanted = rng.randint(5, 8)
    while sentences and len(paragraphs) < wanted:
        take = rng.randint(3, 4)
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    if outlet.sign_off:
        paragraphs.append(SIGN_OFF[lang].format(outlet=outlet.title))
    author = f"{rng.choice(FIRST_NAMES)} {coined(rng, 3)}"
    return Article(rng.choice(titles).format(**slots), paragraphs, author)


@dataclass(frozen=True)
class Entry:
    """One feed entry, as written to the feed file."""

    outlet: Outlet
    guid: str
    link: str
    published: datetime
    article: Article

    @property
    def summary(self) -> str:
        """The feed's description: an excerpt (excerpt-only feeds) or the lead paragraph."""
        if self.outlet.excerpt_only:
            return self.article.excerpt()
        return self.article.paragraphs[0]

    @property
    def content(self) -> str:
        """content:encoded: the whole article, or nothing for excerpt-only feeds."""
        return "" if self.outlet.excerpt_only else self.article.html()

    def rss(self) -> str:
        content = f"<content:encoded>{escape(self.content)}</content:encoded>" if self.content \
            else ""
        return (f"<item><title>{escape(self.article.title)}</title>"
                f"<link>{escape(self.link)}</link>"
                f"<guid isPermaLink=\"false\">{escape(self.guid)}</guid>"
                f"<pubDate>{format_datetime(self.published, usegmt=True)}</pubDate>"
                f"<dc:creator>{escape(self.article.author)}</dc:creator>"
                f"<description>{escape(self.summary)}</description>{content}</item>\n")

    def page(self) -> str:
        """The article page, with the site's navigation and footer around the text."""
        o, a = self.outlet, self.article
        nav = "".join(f'<li><a href="/{slugify(t)}/">{escape(t)}</a></li>' for t in TOPICS)
        return (f"<!DOCTYPE html><html lang=\"{o.lang}\"><head><meta charset=\"utf-8\">"
                f"<title>{escape(a.title)} | {escape(o.title)}</title>"
                f"<meta name=\"description\" content={quoteattr(a.excerpt())}></head><body>"
                f"<header><a href=\"/\">{escape(o.title)}</a><nav><ul>{nav}</ul></nav></header>"
                f"<main><article><h1>{escape(a.title)}</h1>"
                f"<p class=\"byline\">{escape(a.author)}</p>{a.html()}</article>"
                f"<aside><h2>{'Most read' if o.lang == 'en' else 'Les plus lus'}</h2><ul>"
                f"<li><a href=\"/a\">{escape(coined(random.Random(a.title), 4))}</a></li></ul>"
                f"</aside></main><footer><p>© {escape(o.title)}</p></footer></body></html>\n")


def make_entry(outlet: Outlet, serial: int, event: Event, published: datetime,
               rng: random.Random, first_day: bool = True) -> Entry:
    article = write_article(event, outlet, rng, first_day)
    stamp = published.strftime("%Y/%m/%d")
    link = f"https://{outlet.host}/{stamp}/{slugify(article.title)[:60]}-{serial}.html"
    return Entry(outlet, guid=f"{outlet.host}:{serial}", link=link, published=published,
                 article=article)


def rss_document(outlet: Outlet, entries: list[Entry], built: datetime) -> str:
    """An RSS 2.0 feed of `entries` (newest first)."""
    items = "".join(e.rss() for e in entries)
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>\n'
            f"<title>{escape(outlet.title)}</title><link>https://{outlet.host}/</link>"
            f"<description>{escape(outlet.title)}</description>"
            f"<language>{outlet.lang}</language>"
            f"<lastBuildDate>{format_datetime(built, usegmt=True)}</lastBuildDate>\n"
            f"{items}</channel></rss>\n")


def spread(rng: random.Random, start: datetime, hours: float) -> datetime:
    """A time within `hours` after `start`, to the second."""
    return start + timedelta(seconds=rng.randrange(int(hours * 3600)))
