"""What a story says: a summary drawn from its items, and what its items share.

Extractive and faithful: every summary sentence is a sentence one of the sources wrote,
kept with the item it came from, preferring sentences that other sources support.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import Item, Story
from .summarize import split_sentences
from .textstats import ALL_STOPWORDS, fold_word, stem, tokens
from .urls import item_domain

MIN_SENTENCES, MAX_SENTENCES = 2, 4
MAX_CHARS = 600
REDUNDANT = 0.3  # weighted share of a candidate's words one chosen sentence already said
REPEATED = 0.8  # the same share within one item: it says the same thing again (a caption)
NAME_WEIGHT = 3.0  # names and numbers say more about "the same fact" than common words
MIN_WORDS = 6


@dataclass(frozen=True)
class Sentence:
    text: str
    item: Item


def _content_words(text: str) -> set[str]:
    """Names, numbers and content stems: what two sentences must share to say the same thing.

    Names and numbers are marked with a leading "#" so they can be weighted.
    """
    words = set()
    for tok in tokens(text):
        if tok.is_number or tok.is_name:
            words.add("#" + tok.text)
        elif tok.text not in ALL_STOPWORDS and len(tok.text) > 2:
            words.add(stem(tok.text))
    return words


def _weight(words: set[str]) -> float:
    return sum(NAME_WEIGHT if w.startswith("#") else 1.0 for w in words)


def _overlap(a: set[str], b: set[str]) -> float:
    """Weighted share of a's words that b also has."""
    return _weight(a & b) / _weight(a) if a else 1.0


def _redundant_share(chosen: Sentence, candidate: Sentence) -> float:
    """How much of `candidate` `chosen` may already say before it adds too little."""
    # One writer rarely restates a fact in its lead sentences, but a page may print a
    # sentence twice (a caption); two writers restate each other all the time.
    return REPEATED if chosen.item is candidate.item else REDUNDANT


def story_sentences(story: Story, lead: Item) -> list[Sentence]:
    """2–4 sentences, in the lead item's language, most supported first after the lead's."""
    lang = lead.lang
    same_lang = [i for i in story.items if i.lang == lang] or [lead]
    candidates: list[tuple[float, int, Sentence, set[str]]] = []
    for item in sorted(same_lang, key=lambda i: (i is not lead, i.published, i.key)):
        for pos, text in enumerate(split_sentences(item.summary, item.lang)):
            words = _content_words(text)
            if len(text.split()) < MIN_WORDS or not words:
                continue
            candidates.append((0.0, pos, Sentence(text, item), words))
    if not candidates:
        return [Sentence(lead.summary, lead)] if lead.summary else []

    # Support: how many *other* publishers say much of the same (any language counts,
    # through names and numbers).
    others = {}
    for item in story.items:
        others.setdefault(item_domain(item), set()).update(_content_words(item.title + " " +
                                                                          item.summary))
    scored = []
    for _, pos, sent, words in candidates:
        own = item_domain(sent.item)
        support = sum(1 for pub, ws in others.items() if pub != own and _overlap(words, ws) >= 0.4)
        lead_bonus = 1.0 if sent.item is lead and pos == 0 else 0.0
        scored.append((-(support + lead_bonus - 0.1 * pos), sent.item.published.timestamp(),
                       sent.item.key, pos, sent, words))
    scored.sort(key=lambda t: t[:4])

    chosen: list[tuple[Sentence, set[str]]] = []
    total = 0
    for *_, sent, words in scored:
        if len(chosen) >= MAX_SENTENCES:
            break
        if any(_overlap(words, seen) >= _redundant_share(prev, sent) for prev, seen in chosen):
            continue
        if chosen and len(chosen) >= MIN_SENTENCES and total + len(sent.text) > MAX_CHARS:
            break
        chosen.append((sent, words))
        total += len(sent.text)
    return [s for s, _ in chosen]


_TITLES = {"president", "presidente", "prime", "minister", "ministre", "mr", "mrs",
           "ms", "dr", "m", "mme", "gen", "general", "sen", "senator", "king", "queen", "pope",
           "chancellor", "chancelier", "leader", "dirigeant"}
_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)")


def _name_phrases(text: str) -> list[str]:
    """Runs of capitalised words, and numbers: "Kim Jong Un", "190 000", "11,5".

    A capitalised word that only ever opens a sentence is not taken for a name.
    """
    phrases: list[str] = []
    run: list[str] = []
    initial = True  # at the start of a sentence

    def flush() -> None:
        while run and fold_word(run[0]) in _TITLES:
            run.pop(0)
        if run and not (len(run) == 1 and run_initial):
            phrases.append(" ".join(run))
        run.clear()

    run_initial = False
    for raw in _THOUSANDS.sub("_", text).replace("’", " ").replace("'", " ").split():
        word = raw.strip(".,;:!?«»“”\"()[]")
        if word and word.replace("_", "").replace(",", "").replace(".", "").isdigit():
            flush()
            if len(word.replace("_", "")) > 1:
                phrases.append(word.replace("_", " "))
        else:
            toks = list(tokens(word)) if word else []
            # Inside a name, short capitalised words belong to it: "Kim Jong Un".
            name = len(toks) == 1 and (
                (toks[0].is_name and len(toks[0].text) > 2)
                or (bool(run) and word[:1].isupper() and word.isalpha())
            )
            if name:
                if not run:
                    run_initial = initial
                run.append(word)
            else:
                flush()
        initial = raw[-1:] in ".!?" or (raw[-1:] in "»”\"" and raw[-2:-1] in ".!?")
        if raw[-1:] in ".,;:!?»”)":
            flush()  # punctuation ends a name
    flush()
    return phrases


def _phrase_key(phrase: str) -> frozenset[str]:
    return frozenset(t.text for t in tokens(phrase))


def shared_terms(story: Story, limit: int = 8) -> list[str]:
    """Names and numbers that several publishers mention: why these items are one story."""
    if len({item_domain(i) for i in story.items}) < 2:
        return []
    phrases_of: dict[str, Counter[str]] = {}
    for item in story.items:
        found = phrases_of.setdefault(item_domain(item), Counter())
        found.update(_name_phrases(f"{item.title}. {item.summary}"))
    support: Counter[str] = Counter()
    for pub, found in phrases_of.items():
        other_keys = [_phrase_key(p) for q, f in phrases_of.items() if q != pub for p in f]
        for phrase in found:
            key = _phrase_key(phrase)
            if key and any(key & other for other in other_keys):
                support[phrase] += 1 + found[phrase]
    ranked = sorted(support, key=lambda p: (-support[p], -len(p), p))
    chosen: list[str] = []
    for phrase in ranked:
        key = _phrase_key(phrase)
        if any(key <= _phrase_key(c) for c in chosen):
            continue  # "Kim" when "Kim Jong Un" is already there
        chosen = [c for c in chosen if not _phrase_key(c) <= key]
        chosen.append(phrase)
        if len(chosen) >= limit:
            break
    return chosen
