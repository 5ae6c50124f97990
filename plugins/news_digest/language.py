"""Language detection for item text, with the feed's declared language as a fallback."""

from __future__ import annotations

import re
import threading

# Below this many letters the detector guesses more than it knows, so a feed hint wins.
MIN_LETTERS = 40
# Below this many letters we do not guess at all without a hint.
MIN_LETTERS_NO_HINT = 12
# Probability the detector needs before its answer overrides (or replaces) anything else.
CONFIDENT = 0.80
# Short texts without a hint need a stricter detector.
CONFIDENT_SHORT = 0.95
# Detectors read the start of a text; more only costs time.
MAX_CHARS = 3000

# Codes the model knows that are not ISO 639-1 (3-letter codes) are never returned. These
# 2-letter ones are dropped too: historical, constructed or regional languages that mostly
# "win" on short French, Spanish or Italian news text rather than appearing in feeds.
_EXCLUDED = frozenset({"an", "eo", "la", "oc", "qu", "sa", "vo", "wa"})

# Common ISO 639-2 codes that feeds put in <language> instead of the 2-letter ones.
_THREE_TO_TWO = {
    "eng": "en", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "spa": "es", "ita": "it",
    "por": "pt", "nld": "nl", "dut": "nl", "rus": "ru", "ukr": "uk", "pol": "pl", "ara": "ar",
    "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko", "tur": "tr", "swe": "sv",
}

_LETTER = re.compile(r"[^\W\d_]")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)

_identifier = None
_lock = threading.Lock()


def normalize_lang(code: str) -> str:
    """Turn "fr-FR", "en_US", "FRE" or " de " into an ISO 639-1 code, or "" if unusable."""
    base = re.split(r"[-_\s.]", (code or "").strip().lower(), maxsplit=1)[0]
    if len(base) == 2 and base.isascii() and base.isalpha():
        return base
    return _THREE_TO_TWO.get(base, "")


def _get_identifier():
    """Load the py3langid model once (about a second), restricted to ISO 639-1 labels."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                keep = [c for c in ident.labels if len(c) == 2 and c not in _EXCLUDED]
                ident.set_languages(keep)
                _identifier = ident
    return _identifier


def classify(text: str) -> tuple[str, float]:
    """The detector's best ISO 639-1 code and its probability for `text` (no fallbacks)."""
    sample = _URL.sub(" ", text[:MAX_CHARS])
    if not _LETTER.search(sample):
        return "", 0.0
    code, prob = _get_identifier().classify(sample)
    return str(code), float(prob)


def identify(text: str, hint: str = "") -> tuple[str, float]:
    """detect_language's answer with the detector's confidence in it: 0.0 when the answer is
    the hint (or nothing) because the detector was not asked or not sure enough."""
    hint = normalize_lang(hint)
    text = text or ""
    letters = len(_LETTER.findall(text[:MAX_CHARS]))
    if letters < MIN_LETTERS_NO_HINT:
        return hint, 0.0
    if letters < MIN_LETTERS and hint:
        return hint, 0.0
    code, prob = classify(text)
    needed = CONFIDENT if letters >= MIN_LETTERS else CONFIDENT_SHORT
    if code and prob >= needed:
        return code, prob
    return hint, 0.0


def detect_language(text: str, hint: str = "") -> str:
    """ISO 639-1 code of `text`, or "" when unknown; a normalized `hint` wins when unsure."""
    return identify(text, hint)[0]
