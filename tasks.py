"""Everyday tasks: `invoke ingest`, `invoke build`, `invoke nightly`, `invoke serve`,
`invoke publish`, `invoke tests`."""

from __future__ import annotations

import sys
from pathlib import Path

from invoke import task

HERE = Path(__file__).resolve().parent
PY = sys.executable


def _cli(c, args: str) -> None:
    c.run(f'"{PY}" -m news_digest.cli {args}', pty=False)


@task(help={"settings": "settings file (pelicanconf.py or publishconf.py)"})
def ingest(c, settings="pelicanconf.py"):
    """Fetch every feed of the sources file into the store."""
    _cli(c, f"ingest --settings {settings}")


@task(help={"settings": "settings file", "output": "output folder"})
def build(c, settings="pelicanconf.py", output=""):
    """Build the site from the store into output/ (no network)."""
    out = f" --output {output}" if output else ""
    _cli(c, f"build --settings {settings}{out}")


@task(help={"settings": "settings file"})
def nightly(c, settings="pelicanconf.py"):
    """Ingest, then build: what the scheduled workflow runs."""
    ingest(c, settings)
    build(c, settings)


@task
def health(c, settings="pelicanconf.py"):
    """Print the feed-health table."""
    _cli(c, f"health --settings {settings}")


@task(help={"port": "port on 127.0.0.1"})
def serve(c, port=8000):
    """Serve output/ on http://127.0.0.1:PORT/."""
    c.run(f'"{PY}" -m http.server {int(port)} --bind 127.0.0.1 --directory "{HERE / "output"}"')


@task
def publish(c):
    """Build with publishconf.py and push output/ to the gh-pages branch.

    The nightly workflow deploys with GitHub's Pages actions instead; this is for manual
    use and needs `pip install -e .[publish]` (ghp-import, as Pelican's own tasks use).
    """
    nightly(c, "publishconf.py")
    c.run(f'"{PY}" -m ghp_import -n -p -f "{HERE / "output"}"')


@task
def tests(c):
    """Lint, then run the whole test suite."""
    c.run(f'"{PY}" -m ruff check .')
    c.run(f'"{PY}" -m pytest -q')
