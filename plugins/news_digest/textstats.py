"""Shared word-level helpers: accent folding, tokens, stop words, light stemming, exonyms."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# Words that carry no topic. Kept short on purpose: rare words are weighted by IDF anyway,
# these are only the ones frequent enough to create false matches between short texts.
# Stored accent-folded and lowercased, as tokens are compared.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """a about above after again against all also am an and any are as at be because been
        before being below between both but by can could did do does doing down during each
        few for from further had has have having he her here hers herself him himself his how i
        if in into is it its itself just me more most my myself no nor not now of off on once
        only or other our ours out over own same she should so some such than that the their
        theirs them then there these they this those through to too under until up very was we
        were what when where which while who whom why will with would you your yours s t don
        said says say new will would one two may might must shall us get got make made over
        after amid via per vs says year years day days week weeks today yesterday tomorrow
        monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr
        """.split()
    ),
    "fr": frozenset(
        """a ai aie aient aies ait as au aucun aupres aussi autre autres aux avaient avais avait
        avant avec avez aviez avions avoir avons ayant c ca ce ceci cela celle celles celui
        cependant ces cet cette ceux chacun chaque chez comme comment d dans de des deja depuis
        donc dont du elle elles en encore entre est et etaient etais etait etant ete etes etre
        eu eux fait faire fois font hors il ils j je jusqu l la le les leur leurs lors lorsqu
        lui m ma mais me meme mes moi moins mon n ne ni non nos notre nous on ont ou par parce
        pas peu peut plus pour pourquoi puis qu quand que quel quelle quelles quels qui quoi s
        sa sans se selon ses si sien sont sous sur ta te tes toi ton tous tout toute toutes tres
        tu un une vers voici voila vos votre vous y ete etre apres avant contre dit selon
        annee annees an ans jour jours semaine lundi mardi mercredi jeudi vendredi samedi
        dimanche hier aujourd hui demain m mme mm
        """.split()
    ),
}
ALL_STOPWORDS = frozenset().union(*STOPWORDS.values())

# Place and people names whose French and English spellings differ too much for character
# n-grams, plus the demonyms that stand for them. Values are the shared canonical token.
EXONYMS: dict[str, str] = {
    "poutine": "putin", "moscou": "moscow", "russie": "russia", "russe": "russia",
    "russes": "russia", "russian": "russia", "russians": "russia", "pekin": "beijing",
    "chine": "china", "chinois": "china", "chinoise": "china", "chinese": "china",
    "coree": "korea", "coreen": "korea", "coreenne": "korea", "korean": "korea",
    "nord": "north", "sud": "south", "etats": "usa", "unis": "usa", "americain": "usa",
    "americaine": "usa", "americains": "usa", "american": "usa", "americans": "usa",
    "allemagne": "germany", "allemand": "germany", "allemande": "germany",
    "german": "germany", "angleterre": "england", "royaume": "uk", "uni": "uk",
    "britannique": "britain", "british": "britain", "londres": "london",
    "espagne": "spain", "espagnol": "spain", "spanish": "spain", "italie": "italy",
    "italien": "italy", "italian": "italy", "ukrainien": "ukraine", "ukrainienne": "ukraine",
    "ukrainiens": "ukraine", "ukrainian": "ukraine", "ukrainians": "ukraine",
    "kiev": "kyiv", "francais": "france", "francaise": "france", "french": "france",
    "europeen": "europe", "europeenne": "europe", "european": "europe",
    "japon": "japan", "japonais": "japan", "japanese": "japan", "inde": "india",
    "indien": "india", "indian": "india", "bresil": "brazil", "mexique": "mexico",
    "grece": "greece", "turquie": "turkey", "egypte": "egypt", "syrie": "syria",
    "irak": "iraq", "israelien": "israel", "israeli": "israel", "iranien": "iran",
    "iranian": "iran", "palestinien": "palestine", "palestinian": "palestine",
    "gaza": "gaza", "suisse": "switzerland", "belgique": "belgium", "pologne": "poland",
    "otan": "nato", "ue": "eu", "bruxelles": "brussels",
    "varsovie": "warsaw", "venise": "venice", "geneve": "geneva", "lisbonne": "lisbon",
    "athenes": "athens", "pape": "pope", "maison": "house", "blanche": "white",
    "bretagne": "brittany", "cornouailles": "cornwall", "ecosse": "scotland",
    "irlande": "ireland", "galles": "wales",
    "norvege": "norway", "suede": "sweden", "danemark": "denmark", "finlande": "finland",
    "autriche": "austria", "hongrie": "hungary", "roumanie": "romania", "croatie": "croatia",
    "tchequie": "czechia", "slovaquie": "slovakia", "bulgarie": "bulgaria", "chypre": "cyprus",
    "mediterranee": "mediterranean", "atlantique": "atlantic", "pacifique": "pacific",
    "alpes": "alps", "pyrenees": "pyrenees", "afrique": "africa", "amerique": "america",
    "asie": "asia", "australie": "australia", "canada": "canada", "algerie": "algeria",
    "maroc": "morocco", "tunisie": "tunisia", "liban": "lebanon", "jordanie": "jordan",
    "arabie": "arabia", "saoudite": "saudi", "afghanistan": "afghanistan",
    "taiwanais": "taiwan", "vietnam": "vietnam", "indonesie": "indonesia", "argentine": "argentina",
    "colombie": "colombia", "perou": "peru", "chili": "chile", "venezuela": "venezuela",
    "cuba": "cuba", "onu": "un", "tempete": "storm", "seisme": "earthquake",
    "inondations": "floods", "incendie": "fire", "elections": "election", "election": "election",
}

# Apostrophes and hyphens split words ("l’Ukraine", "nord-coréen") so each part can match.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Numbers first, so "2,000", "2 000" and "2000" are one token and "6.8" stays whole.
_NUMBER_OR_WORD = re.compile(
    r"(?<![\d.,])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\d]|[.,]\d)|\d+(?:[.,]\d+)?|[^\W_]+"
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?|\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+")


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """fold() for one word, cached: news reuses a small vocabulary over and over."""
    return fold(word)


@lru_cache(maxsize=1)
def _combining_marks() -> re.Pattern[str]:
    """Every character with a combining class, as one character class (built once: 0.2 s)."""
    marks = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    return re.compile("[" + "".join(re.escape(m) for m in marks) + "]+")


def fold(text: str) -> str:
    """Lowercase and strip accents ("Corée" -> "coree"), so spellings with and without match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    # One regex pass in C: a whole article's text goes through here (copies, summaries).
    return _combining_marks().sub("", decomposed)


@lru_cache(maxsize=1 << 16)
def stem(token: str) -> str:
    """Very light, language-neutral stemming: plural and a few inflection endings."""
    if token.isdigit() or len(token) <= 3:
        return token
    for suffix, min_len in (("ies", 5), ("ements", 8), ("ement", 7), ("ing", 6), ("es", 5),
                            ("s", 4), ("x", 5), ("ed", 5), ("e", 5)):
        if token.endswith(suffix) and len(token) >= min_len and not token.endswith("ss"):
            base = token[: -len(suffix)]
            return base + "y" if suffix == "ies" else base
    return token


@dataclass(frozen=True)
class Token:
    """One folded word and whether it looked like a proper name where it stood."""

    text: str  # folded, lowercased
    is_name: bool
    is_number: bool


def tokens(text: str) -> Iterator[Token]:
    """Folded word and number tokens; capitalised words that are not stop words count as names."""
    for raw in _NUMBER_OR_WORD.findall(text):
        if _NUMBER.fullmatch(raw):
            if re.fullmatch(r"\d+[.,]\d{1,2}", raw):
                yield Token(raw.replace(",", "."), False, True)  # a decimal: 6,8 == 6.8
            else:
                yield Token(re.sub(r"\D", "", raw), False, True)
            continue
        folded = fold_word(raw)
        # Sentence-initial capitals also count: a wrong "name" only costs a little weight,
        # while a missed one ("Poutine a dit…") loses a cross-language match.
        yield Token(folded, raw[0].isupper() and folded not in ALL_STOPWORDS, False)


def char_ngrams(token: str, n: int = 3) -> set[str]:
    """Character n-grams of a token with boundary marks, for fuzzy name matching."""
    padded = f"#{token}#"
    return {padded[i : i + n] for i in range(len(padded) - n + 1)}


def dice(a: set[str], b: set[str]) -> float:
    """Dice overlap of two sets."""
    if not a or not b:
        return 0.0
    return 2.0 * len(a & b) / (len(a) + len(b))
