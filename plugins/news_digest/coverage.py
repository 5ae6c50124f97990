"""Earlier coverage: older, closed stories about the same named event as a new one.

A story is closed once it has been quiet for longer than the story window, so a follow-up
days later starts a new story; this links it back. Conservative on purpose: the stories
must share several distinct names or numbers *and* much of their vocabulary, so two
stories that merely mention the same well-known person stay apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .model import Story
from .summarize import split_sentences
from .textstats import ALL_STOPWORDS, EXONYMS, stem, tokens

NAME_WEIGHT = 3.0  # a shared name or number says more about "the same event" than a word
MIN_SCORE = 0.3  # weighted Dice overlap of the two stories' features
MIN_NAME_GROUPS = 2  # distinct shared names/numbers: one person's name is not enough
MIN_SHARED_WORDS = 2  # and some vocabulary beyond the names
LIMIT = 3
HORIZON = timedelta(days=60)  # earlier coverage is looked for this far back, no further
TEXT_CHARS = 600  # when an item has no summary, the opening of its text


@dataclass(frozen=True)
class StoryFeatures:
    """What a story is about: its names and numbers, how they group, and its content words."""

    id: str
    start: datetime
    end: datetime
    names: frozenset[str]  # folded name tokens (exonyms mapped) and numbers
    runs: tuple[frozenset[str], ...]  # name tokens seen side by side: "kim jong un"
    words: frozenset[str]  # stems of other content words


def _is_year(text: str) -> bool:
    # Every story of a year mentions it; a bare year links nothing.
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2099


def story_features(story: Story) -> StoryFeatures:
    """Names, name runs and content words of a story's titles and summaries."""
    names: set[str] = set()
    runs: set[frozenset[str]] = set()
    words: set[str] = set()
    for item in sorted(story.items, key=lambda i: i.key):
        text = f"{item.title}.\n\n{item.summary or item.text[:TEXT_CHARS]}"
        for sentence in split_sentences(text, item.lang):
            run: list[str] = []
            toks = list(tokens(sentence))
            for n, tok in enumerate(toks):
                # An opening capital is only a name when a name follows ("Anja Lindqvist
                # said"); otherwise it is an ordinary word ("Container ships were…").
                opening = n == 0 and not (len(toks) > 1 and toks[1].is_name)
                if tok.is_number:
                    if len(tok.text) > 1 and not _is_year(tok.text):
                        names.add(tok.text)
                elif tok.is_name and len(tok.text) > 1 and not opening:
                    run.append(EXONYMS.get(tok.text, tok.text))
                    continue
                elif tok.text not in ALL_STOPWORDS and len(tok.text) > 3:
                    words.add(stem(tok.text))
                if run:
                    runs.add(frozenset(run))
                    names.update(run)
                    run = []
            if run:
                runs.add(frozenset(run))
                names.update(run)
    times = [i.published for i in story.items]
    return StoryFeatures(id=story.id, start=min(times), end=max(times), names=frozenset(names),
                         runs=tuple(sorted(runs, key=sorted)), words=frozenset(words))


def name_groups(shared: set[str], a: StoryFeatures, b: StoryFeatures) -> int:
    """How many distinct names the shared tokens make: "Kim", "Jong" and "Un" are one name."""
    parent = {t: t for t in shared}

    def root(t: str) -> str:
        while parent[t] != t:
            t = parent[t]
        return t

    for run in a.runs + b.runs:
        inside = sorted(run & shared)
        for t in inside[1:]:
            ra, rb = root(inside[0]), root(t)
            parent[max(ra, rb)] = min(ra, rb)
    # Numbers are weak evidence alone ("200", "40" are everywhere): together they count once.
    numbers = any(t[:1].isdigit() for t in shared)
    return len({root(t) for t in shared if not t[:1].isdigit()}) + numbers


def similarity(a: StoryFeatures, b: StoryFeatures) -> float:
    """Weighted Dice overlap of two stories; 0 unless they share enough distinct names."""
    shared_names = set(a.names & b.names)
    shared_words = a.words & b.words
    if len(shared_words) < MIN_SHARED_WORDS or name_groups(shared_names, a, b) < MIN_NAME_GROUPS:
        return 0.0
    total = NAME_WEIGHT * (len(a.names) + len(b.names)) + len(a.words) + len(b.words)
    return 2 * (NAME_WEIGHT * len(shared_names) + len(shared_words)) / total


def earlier_of(f: StoryFeatures, candidates: Sequence[StoryFeatures], window: timedelta,
               limit: int = LIMIT) -> list[str]:
    """Ids of the candidates that are earlier coverage of `f`, newest first, at most `limit`.

    Only stories whose last item came more than `window` before this story's first one count
    (anything closer is the grouping's business, not a follow-up), and at most HORIZON before.
    """
    scored = [o for o in candidates
              if o.id != f.id and f.start - HORIZON <= o.end < f.start - window
              and similarity(f, o) >= MIN_SCORE]
    scored.sort(key=lambda o: (o.end, o.id), reverse=True)
    return [o.id for o in scored[:limit]]


def earlier_coverage(stories: Sequence[Story], window: timedelta,
                     limit: int = LIMIT) -> dict[str, list[str]]:
    """Story id → ids of earlier stories on the same event (see earlier_of), for stories held
    in memory; candidates come from an index of shared names."""
    feats = [story_features(s) for s in stories if s.items]
    by_name: dict[str, list[int]] = {}
    for n, f in enumerate(feats):
        for name in f.names:
            by_name.setdefault(name, []).append(n)
    links: dict[str, list[str]] = {}
    for f in feats:
        candidates = [feats[n] for n in sorted({n for name in f.names for n in by_name[name]})]
        found = earlier_of(f, candidates, window, limit)
        if found:
            links[f.id] = found
    return links
