"""Feature vectors for story grouping: words that survive translation, weighted by TF-IDF.

Names, places and numbers carry across languages, so they are weighed up; French/English
exonyms map onto one token, and remaining cross-language name variants ("Moscou") are matched
by character trigrams. Only the title and the lead of a text count: the rest drifts off the
event.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from .textstats import ALL_STOPWORDS, EXONYMS, char_ngrams, dice, stem, tokens


@dataclass(frozen=True)
class Doc:
    """What the clusterer needs to know about one item."""

    id: str
    title: str
    text: str = ""  # full text, an excerpt, or "" (title only)
    lang: str = ""
    time: datetime | None = None  # tz-aware UTC
    source: str = ""  # feed/site identifier; two docs of one source are less likely the same story


TITLE_TF = 2.0  # a headline word counts as much as two words of the excerpt
NAME_BOOST = 1.5  # names and numbers carry across languages, so weigh them up
LEAD_WORDS = 80  # only the lead of a long text: the rest drifts off the event
FUZZY_MIN_DICE = 0.6
FUZZY_MIN_LEN = 4

Vector = dict[str, float]


@dataclass
class Features:
    """Weighted word counts of one doc, and which of its words are names or numbers."""

    counts: Counter[str]
    names: set[str]


def extract_features(doc: Doc) -> Features:
    """Feature counts of one doc: folded, stemmed tokens of the title and the lead."""
    counts: Counter[str] = Counter()
    names: set[str] = set()
    lead = " ".join((doc.text or "").split()[:LEAD_WORDS])
    for part, tf in ((doc.title or "", TITLE_TF), (lead, 1.0)):
        for tok in tokens(part):
            word = tok.text
            if tok.is_number:
                if len(word) < 2:
                    continue
            elif word in ALL_STOPWORDS or len(word) < 2:
                continue
            word = stem(EXONYMS.get(word, word))
            counts[word] += tf
            if tok.is_name or tok.is_number:
                names.add(word)
    return Features(counts, names)


def _name_variants(feats: Sequence[Features], langs: Sequence[str]) -> dict[str, str]:
    """Map name spellings of one language onto a close spelling from another ("moscou")."""
    if len({lang for lang in langs if lang}) < 2:
        return {}
    df: Counter[str] = Counter()
    seen_in: dict[str, set[str]] = defaultdict(set)
    for feat, lang in zip(feats, langs, strict=True):
        for name in feat.names:
            if len(name) >= FUZZY_MIN_LEN and not name.isdigit():
                df[name] += 1
                seen_in[name].add(lang or "?")
    mapping: dict[str, str] = {}
    grams_of = {name: char_ngrams(name) for name in df}
    # Prefix filtering (as in all-pairs similarity joins): with the trigrams of every name in
    # one global order, rarest first, two names whose Dice reaches FUZZY_MIN_DICE always share
    # a trigram among the first few of each. Only those are indexed and probed, so the
    # postings stay short however many names a night brings; Dice is then computed exactly.
    gram_df: Counter[str] = Counter(g for grams in grams_of.values() for g in grams)
    jaccard = FUZZY_MIN_DICE / (2 - FUZZY_MIN_DICE)

    def prefix(grams: set[str]) -> list[str]:
        ordered = sorted(grams, key=lambda g: (gram_df[g], g))
        return ordered[: len(ordered) - math.ceil(jaccard * len(ordered) - 1e-9) + 1]

    by_gram: dict[tuple[str, str], list[str]] = defaultdict(list)
    # Frequent spellings become the canonical ones; every name is compared with those only,
    # so there are no chains of "close enough" spellings drifting apart.
    for name in sorted(df, key=lambda n: (-df[n], n)):
        grams = grams_of[name]
        first = prefix(grams)
        candidates = {other for gram in first for other in by_gram.get((name[0], gram), ())}
        best, best_score = "", FUZZY_MIN_DICE
        for other in sorted(candidates):
            if seen_in[other] & seen_in[name]:
                continue
            score = dice(grams, grams_of[other])
            if score >= best_score and (score > best_score or not best):
                best, best_score = other, score
        if best:
            mapping[name] = best
        else:
            for gram in first:
                by_gram[(name[0], gram)].append(name)
    return mapping


def vectorize(docs: Sequence[Doc]) -> list[Vector]:
    """L2-normalised TF-IDF vectors, IDF taken over all `docs`."""
    return vectorize_with_names(docs)[0]


def vectorize_with_names(docs: Sequence[Doc]) -> tuple[list[Vector], list[frozenset[str]]]:
    """`vectorize`, and for each doc which of its features are names or numbers."""
    feats = [extract_features(doc) for doc in docs]
    variants = _name_variants(feats, [doc.lang for doc in docs])
    if variants:
        for feat in feats:
            merged: Counter[str] = Counter()
            for word, count in feat.counts.items():
                merged[variants.get(word, word)] += count
            feat.names = {variants.get(name, name) for name in feat.names}
            feat.counts = merged
    df: Counter[str] = Counter()
    for feat in feats:
        df.update(feat.counts.keys())
    n = len(docs)
    vectors: list[Vector] = []
    for feat in feats:
        vec: Vector = {}
        for word, count in feat.counts.items():
            weight = (1.0 + math.log(count)) * (math.log((n + 1) / (df[word] + 1)) + 1.0)
            if word in feat.names:
                weight *= NAME_BOOST
            vec[word] = weight
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        vectors.append({word: w / norm for word, w in sorted(vec.items())})
    return vectors, [frozenset(feat.names) for feat in feats]
