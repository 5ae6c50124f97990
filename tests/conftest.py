"""Fixtures shared by test modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from news_digest.cli import main

DEMO_SETTINGS = Path(__file__).resolve().parent.parent / "pelicanconf.py"


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> tuple[Path, Path]:
    """(store, output) of the bundled demo, ingested and built once for the whole run.
    Read-only for the tests: a test that builds again builds elsewhere."""
    tmp = tmp_path_factory.mktemp("demo")
    store, output = tmp / "store.sqlite", tmp / "output"
    assert main(["ingest", "--settings", str(DEMO_SETTINGS), "--store", str(store)]) == 0
    assert main(["build", "--settings", str(DEMO_SETTINGS), "--store", str(store),
                 "--output", str(output)]) == 0
    return store, output
