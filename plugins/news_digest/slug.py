"""URL slugs: non-empty, bounded, ASCII, unique, and never a path."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable

MAX_SLUG = 60
# Names Windows refuses as files; a fork may be checked out there.
_RESERVED = {
    "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))
}


def slugify(text: str, max_len: int = MAX_SLUG) -> str:
    """Lowercase ASCII words joined by '-', cut on a word boundary; '' when nothing is left."""
    # Accents fold to their letter; any other non-ASCII character separates words.
    folded = "".join(
        c if c.isascii() else ("" if unicodedata.combining(c) else " ")
        for c in unicodedata.normalize("NFKD", text)
    )
    words = re.findall(r"[a-z0-9]+", folded.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_len]
    return slug


def unique_slug(text: str, taken: Callable[[str], bool], fallback_seed: str = "") -> str:
    """A slug for `text` that `taken` does not know yet: '-2', '-3' … appended on clashes."""
    base = slugify(text)
    if not base or base in _RESERVED:
        digest = hashlib.sha256(f"{text}\0{fallback_seed}".encode()).hexdigest()[:8]
        base = f"{base}-{digest}" if base else f"story-{digest}"
    slug, n = base, 1
    while taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug
