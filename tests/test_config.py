"""DIGEST_* settings are validated at start-up, naming the bad setting."""

import pytest

from news_digest.config import DigestSettings, SettingsError, load_settings


def test_defaults_and_values():
    s = load_settings({"SITENAME": "x", "DIGEST_STORY_WINDOW_DAYS": 2, "DIGEST_ALLOW_HOSTS": ["a"]})
    assert s.story_window_days == 2.0
    assert s.allow_hosts == ("a",)
    assert s.store == DigestSettings().store


def test_unknown_setting_is_named():
    with pytest.raises(SettingsError, match="DIGEST_STROE"):
        load_settings({"DIGEST_STROE": "x.sqlite"})


@pytest.mark.parametrize(
    ("name", "value"),
    [("DIGEST_STORE", 3), ("DIGEST_TIMEOUT", "30"), ("DIGEST_INGEST_ON_BUILD", "yes"),
     ("DIGEST_MAX_ITEMS_PER_FEED", 2.5), ("DIGEST_ALLOW_HOSTS", "127.0.0.1"),
     ("DIGEST_SUMMARY_SENTENCES", True), ("DIGEST_TIMEOUT", -1)],
)
def test_wrong_type_is_named(name, value):
    with pytest.raises(SettingsError, match=name):
        load_settings({name: value})


def test_the_sites_own_settings_are_valid():
    import runpy
    from pathlib import Path

    conf = runpy.run_path(str(Path(__file__).parent.parent / "pelicanconf.py"))
    s = load_settings({k: v for k, v in conf.items() if k.isupper()})
    assert s.sources.endswith("sources.opml")


def test_executor_and_workers():
    s = load_settings({"DIGEST_EXECUTOR": "dask://scheduler:8786", "DIGEST_WORKERS": 4})
    assert (s.executor, s.workers) == ("dask://scheduler:8786", 4)
    defaults = DigestSettings()
    assert (defaults.executor, defaults.workers) == ("local", 0)  # 0: every core


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [("DIGEST_WORKERS", -1, "negative"), ("DIGEST_WORKERS", "4", "int"),
     ("DIGEST_WORKERS", 2.0, "int"), ("DIGEST_EXECUTOR", 8786, "str"),
     ("DIGEST_EXECUTOR", "processes", "neither"),
     ("DIGEST_EXECUTOR", "dask://scheduler", "host:port"),
     ("DIGEST_EXECUTOR", "tcp://scheduler:8786", "neither")],
)
def test_wrong_executor_settings_are_named(name, value, message):
    with pytest.raises(SettingsError, match=f"{name}.*{message}"):
        load_settings({name: value})
