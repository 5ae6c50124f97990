"""Sentence splitting and lead-based extractive summaries for news articles."""

from __future__ import annotations

import re

from .textstats import ALL_STOPWORDS, fold

# Abbreviations that are followed by more of the same sentence (titles before names, "e.g.").
_NEVER_FINAL = {
    "en": {
        "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
        "maj", "adm", "cmdr", "st", "mt", "ft", "vs", "v", "e.g", "i.e", "cf", "approx", "fig",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "pres", "supt", "rev", "hon", "messrs", "no", "nos", "vol", "pp", "est",
    },
    "fr": {
        "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "st", "ste", "av", "apr",
        "p", "ex", "cf", "env", "vol", "n°", "gal", "mgr", "art", "chap", "hab", "min",
    },
}
# Abbreviations that may also end a sentence ("… in the U.S. The next day").
_MAYBE_FINAL = {"etc", "inc", "corp", "ltd", "co", "jr", "sr", "cie", "j.-c", "bros", "plc"}
_ANY_NEVER_FINAL = frozenset().union(*_NEVER_FINAL.values())
# Titles before names appear in any language's text ("selon M. Smith", "Mr. Macron said").
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "m", "mme"})

# A terminator, then closing quotes/brackets (French puts a space before »), then a space.
_BOUNDARY = re.compile(
    r"(?P<term>\.{3}|…|[.!?]+)"
    r"(?P<close>(?:[ \u00a0\u202f]*[»”]|[\"’')\]])*)"
    r"(?P<space>\s+)"
)
_OPENERS = "«“\"‘'([¿¡—–-"
_PARAGRAPH = re.compile(r"\n[ \t\u00a0]*\n\s*")
_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_ACRONYM = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")


def _first_word(text: str) -> str:
    match = _WORD.search(text[:40])
    return match.group() if match else ""


def _is_ellipsis(chunk: str, match: re.Match[str]) -> bool:
    """"…", "..." or the last dot of a spaced ". . .": often words left out, not an end."""
    return match.group("term") in ("…", "...") or (
        match.group("term") == "." and chunk[: match.start()].rstrip().endswith((".", "…"))
    )


def _is_detached(chunk: str, match: re.Match[str], lang: str) -> bool:
    """Whether a single terminator stands apart from the word before it, as tokenizers leave it."""
    term = match.group("term")
    if term not in (".", "!", "?") or not chunk[match.start() - 1 : match.start()].isspace():
        return False
    if _is_ellipsis(chunk, match):
        return False
    # French typography puts a space before "!" and "?" anyway, so only its "." says so.
    return term == "." or lang != "fr"


def _is_boundary(chunk: str, match: re.Match[str], lang: str, caseless: bool = False) -> bool:
    """Whether the terminator in `match` really ends a sentence.

    `caseless`: the text has no capitals at all (lower-cased), so case cannot mark a start.
    """
    rest = chunk[match.end() :]
    if not rest:
        return False
    nxt = rest[0]
    if _is_detached(chunk, match, lang):
        # A stop set apart from its word (tokenized text: "on monday . the police") ends a
        # sentence whatever the case of the next word: abbreviations keep their stop attached.
        return nxt.isalnum() or nxt in _OPENERS
    if nxt.islower() and not (caseless and not _is_ellipsis(chunk, match)):
        return False  # a lowercase continuation: abbreviation, "…", or a quote's attribution
    if not (nxt.isalnum() or nxt in _OPENERS):
        return False
    term = match.group("term")
    before = chunk[: match.start()]
    if term in ("…", "...") and before.endswith(("(", "[")):
        return False  # "(…)" marks words left out of a quotation
    if term != ".":
        return True
    token_match = _TOKEN_BEFORE.search(before)
    token = token_match.group(1).lstrip("([«“\"'‘") if token_match else ""
    if not token:
        return True
    if len(token) == 1 and token.isalpha() and (token.isupper() or caseless):
        return False  # an initial: "James A. Marks", "J. R. R. Tolkien"
    low = token.lower()
    if low in (_NEVER_FINAL.get(lang) or _ANY_NEVER_FINAL) or low in _TITLES:
        return False
    if low in _MAYBE_FINAL or _ACRONYM.match(token):
        # Such abbreviations end a sentence only if a typical sentence opener follows, which
        # only a capital tells apart from the same word going on the sentence ("U.S. on Monday").
        return not caseless and fold(_first_word(rest)) in ALL_STOPWORDS
    return True


def _lines(paragraph: str) -> list[str]:
    """Split a paragraph at line breaks, but re-join lines that look hard-wrapped."""
    out: list[str] = []
    for line in paragraph.split("\n"):
        line = line.strip()
        if not line:
            continue
        if out and (out[-1][-1].islower() or out[-1][-1] == ",") and line[0].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


# A stop glued to the next sentence, as text pasted from paragraphs or embeds leaves it
# ("…que l'AFP s'est procuré.Je regrette…", "…le sanctuaire.Le sanctuaire…"): a word of two
# lower-case letters or more (or a closing quote after one, or an acronym of three capitals:
# "l'AFP.L'ex-chef"), the stop, then a capitalised word. Abbreviations ("e.g.") and dotted
# acronyms ("U.S.A.") have a single letter before their stops.
_GLUED = re.compile(
    r"(?:(?<=[a-zß-öø-ÿ]{2})|(?<=[a-zß-öø-ÿ][\"”»)])|(?<=[A-ZÀ-ÖØ-Þ]{3}))"
    r"(?:[.!?]|…)(?=[«“\"]?[A-ZÀ-ÖØ-Þ](?:[a-zß-öø-ÿ]|['’]\w))"
)


_ADDRESS_PART = re.compile(r"\.\w|[/@]")


def _unglue(line: str) -> list[str]:
    """A line cut after each glued stop (the text itself unchanged); a web or mail address
    ("www.Example.com") is not cut."""
    cuts = []
    for match in _GLUED.finditer(line):
        after = line[match.end() :].split(maxsplit=1)
        before = line[: match.start()].rsplit(maxsplit=1)
        if not (_ADDRESS_PART.search(after[0]) or (before and _ADDRESS_PART.search(before[-1]))):
            cuts.append(match.end())
    return [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]


def split_sentences(text: str, lang: str = "") -> list[str]:
    """Sentences of `text`, aware of quotes, abbreviations, initials, ellipses and paragraphs."""
    lang = (lang or "").lower()[:2]
    text = text or ""
    caseless = not any(c.isupper() for c in text)
    sentences: list[str] = []
    for paragraph in _PARAGRAPH.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        for chunk in (piece for line in _lines(paragraph) for piece in _unglue(line)):
            start = 0
            for match in _BOUNDARY.finditer(chunk):
                if _is_boundary(chunk, match, lang, caseless):
                    end = match.start("space")
                    sentences.append(chunk[start:end])
                    start = match.end()
            sentences.append(chunk[start:])
    return [s for s in (_SPACES.sub(" ", s).strip() for s in sentences) if s]


# "PARIS (AFP) — ", "WASHINGTON — ", "Kyiv, March 3 (Reuters) - ": a dateline before the lead.
_CAPS = "A-ZÀ-ÖØ-Þ"
_DATELINE = re.compile(
    rf"^(?:[{_CAPS}][{_CAPS}'’.\- ]{{1,30}}[{_CAPS}.]"
    r"(?:\s*,\s*[^—–()]{1,40}?)?\s*(?:\([^()]{1,30}\))?"
    r"|[A-Z][\w'’.\- ]{1,30}(?:,\s*[^—–()]{1,40}?)?\s*"
    r"\((?:AFP|Reuters|AP|Associated Press|Belga|ATS|dpa|ANSA|EFE|Xinhua|Bloomberg|CNN)\)"
    r"|\((?:AFP|Reuters|AP|Belga|ATS|dpa|CNN)\))"
    r"\s*[—–-]{1,2}\s+"
)
_BYLINE = re.compile(
    r"^(?:by|par|written by|reporting by|posted by|publié par|propos recueillis par|"
    r"avec afp|with reuters)\s+\S",
    re.IGNORECASE,
)
_META = re.compile(
    r"^(?:photo|photos|crédit|credit|credits|image|images|illustration|source|sources|"
    r"lire aussi|à lire aussi|a lire aussi|lire la suite|voir aussi|read more|read also|"
    r"related|see also|advertisement|publicité|sponsored|updated|published|posted|"
    r"publié|mis à jour|modifié|le \d{1,2}/\d{1,2}/\d{2,4})\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"getty images|afp photo|/afp\b|/reuters\b|/ap\b|shutterstock|©|\(photo\b|photo credit|"
    r"crédit photo",
    re.IGNORECASE,
)
# A photo caption left in the text: it points at the picture ("Smith (pictured) died",
# "Judge Cooke (left) blasted…"; tokenized text spaces the brackets) and repeats the lead.
_CAPTION_POINTER = re.compile(
    r"\(\s*(?:pictured|photographed|above|below|inset|circled|file (?:photo|picture|image)"
    r"|à droite|à gauche|au centre|en haut|en bas|left|right|center|centre|l|r)"
    r"(?:\s*(?:,|and|et)\s*(?:left|right|centre|center|à droite|à gauche))?\s*\)"
    r"|^pictured\b",
    re.IGNORECASE,
)
# English captions open with a one-word label and a colon ("Delayed: Qantas have been told…");
# French prose does the same on purpose ("Objectif : revoir le pilotage"), so English only.
_CAPTION_LABEL = re.compile(r"^[^\W\d_]+ ?: \S")
MIN_WORDS = 5
# Room for three sentences of news prose (about 25 words each); the cap only stops run-ons.
MAX_SUMMARY_CHARS = 600
# The same room in words, which tokenized or cased text cannot stretch: a lead of three long
# sentences (100+ words) says more than the three or four lines readers want, and ROUGE-1
# against such references peaks between 75 and 90 words on both the English (CNN/DM) and the
# French (OrangeSum) dev articles.
MAX_SUMMARY_WORDS = 85


def _words(text: str) -> list[str]:
    return [fold(w) for w in _WORD.findall(text)]


def _strip_title_prefix(sentence: str, title_words: list[str]) -> str:
    """Drop a repeated headline glued to the start of the first sentence."""
    matches = list(_WORD.finditer(sentence))
    n = len(title_words)
    if n < 3 or len(matches) <= n:
        return sentence
    if [fold(m.group()) for m in matches[:n]] != title_words:
        return sentence
    return sentence[matches[n - 1].end() :].lstrip(" .:;,—–-|")


def _is_title_repeat(words: list[str], title_set: set[str]) -> bool:
    if not words or not title_set:
        return False
    shared = sum(1 for w in words if w in title_set)
    return shared / len(words) >= 0.8


# Labels that open news, not captions: a correction or an update is what the reader needs.
_NEWS_LABELS = frozenset({
    "correction", "corrections", "clarification", "update", "updated", "updates", "breaking",
    "exclusive", "analysis", "opinion", "comment", "editorial", "review", "live", "watch",
    "warning", "note", "editor", "summary", "background", "context", "timeline", "explainer",
})


def is_caption(sentence: str, lang: str = "") -> bool:
    """Whether a sentence reads as a photo caption left in the article text."""
    if _CAPTION_POINTER.search(sentence):
        return True
    if (lang or "").lower()[:2] != "en" or not _CAPTION_LABEL.match(sentence):
        return False
    return fold(_first_word(sentence)) not in _NEWS_LABELS


def _usable(sentence: str, words: list[str], title_set: set[str], lang: str = "") -> bool:
    """Whether a sentence may appear in a summary (not a byline, caption, title or fragment)."""
    if len(words) < MIN_WORDS:
        return False
    if _BYLINE.match(sentence) and len(words) < 12:
        return False
    if _META.match(sentence) or _CREDIT.search(sentence) or is_caption(sentence, lang):
        return False
    if not any(c.islower() for c in sentence):
        return False  # ALL CAPS headings and kickers
    return not _is_title_repeat(words, title_set)


# A sentence repeats an earlier one when fewer than one in this many of its content words are
# new: a caption printed twice, or reworded by a word ("notes" for "banknotes").
REPEAT_NEW_WORD_RATE = 5


def _content_words(words: list[str]) -> set[str]:
    return {w for w in words if w not in ALL_STOPWORDS} or set(words)


def _repeats(content: set[str], said: list[set[str]]) -> bool:
    """Whether one sentence already chosen says nearly all this sentence says."""
    numbers = {w for w in content if w.isdigit()}
    # Another number is another fact ("12 libraries" after "40 schools"), however alike the rest.
    return any(len(content - earlier) * REPEAT_NEW_WORD_RATE < len(content) and numbers <= earlier
               for earlier in said)


def _truncate(sentence: str, max_chars: int) -> str:
    cut = sentence[: max(1, max_chars - 1)]
    if " " in cut[max_chars // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:—–-") + "…"


def summarize(
    text: str, lang: str = "", title: str = "", max_sentences: int = 3,
    max_chars: int = MAX_SUMMARY_CHARS, max_words: int = MAX_SUMMARY_WORDS,
) -> str:
    """Extractive lead summary: the first usable sentences, at most `max_chars` long and,
    after the first sentence, at most `max_words` words."""
    sentences = split_sentences(text, lang)
    title_words = _words(title)
    title_set = set(title_words)
    chosen: list[str] = []
    said: list[set[str]] = []
    length = n_words = 0
    for index, sentence in enumerate(sentences):
        if index < 3:
            sentence = _strip_title_prefix(_DATELINE.sub("", sentence), title_words)
        words = _words(sentence)
        if not _usable(sentence, words, title_set, lang):
            continue
        content = _content_words(words)
        if _repeats(content, said):
            continue
        said.append(content)
        if not chosen and len(sentence) > max_chars:
            return _truncate(sentence, max_chars)
        added = len(sentence) + (1 if chosen else 0)
        if chosen and (length + added > max_chars or n_words + len(words) > max_words):
            break
        chosen.append(sentence)
        length += added
        n_words += len(words)
        if len(chosen) >= max_sentences:
            break
    if not chosen:
        # Nothing passed the filters (a very short excerpt): better the text than nothing.
        fallback = next((s for s in sentences if not _is_title_repeat(_words(s), title_set)), "")
        if not fallback:
            return ""
        return fallback if len(fallback) <= max_chars else _truncate(fallback, max_chars)
    return " ".join(chosen)
