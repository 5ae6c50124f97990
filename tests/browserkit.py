"""Helpers for the browser tests: serve a built site on 127.0.0.1, drive Debian's Chromium with
Playwright (never a downloaded browser), and collect what a reader's browser would complain
about: console errors, CSP violations, failed requests, horizontal scroll and axe-core findings.

    with serve_directory(out) as base, launch_chromium() as browser:
        page = open_page(browser, base + "/index.html", width=375, scheme="dark")
        report = inspect(page)
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Debian's package; $CHROMIUM or another Chromium on PATH elsewhere (Ubuntu names it
# chromium-browser).
CHROMIUM = os.environ.get("CHROMIUM") or next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
     if p and Path(p).is_file()), "/usr/bin/chromium")
# What works as root on a machine without network: no sandbox (root), no GPU, and nothing
# that phones home (QUIC, sync, component updates, background fetches).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
BLOCKING_IMPACTS = ("serious", "critical")

# Runs before any script of the page: records every CSP violation the page causes.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${where}`);
});
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve a folder on a free port of 127.0.0.1; yields the base URL (no trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def missing_browser_tools() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).is_file():
        return (f"{CHROMIUM} is missing: run `bash scripts/install_test_deps.sh` "
                "(it installs Debian's chromium)")
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as err:
        return f"{err.name} is missing: install the test extra (pip install -e '.[test]')"
    return None


@contextmanager
def launch_chromium() -> Iterator[object]:
    """Debian's Chromium under Playwright. Playwright gives every launch a fresh profile in a
    temporary folder and removes it on close."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageReport:
    """What one loaded page showed a reader's browser."""

    url: str
    scroll_width: int
    viewport_width: int
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    axe_violations: list[dict] = field(default_factory=list)

    @property
    def blocking_axe(self) -> list[dict]:
        return [v for v in self.axe_violations if v["impact"] in BLOCKING_IMPACTS]

    def impact_counts(self) -> Counter:
        return Counter(v["impact"] for v in self.axe_violations)

    def problems(self) -> list[str]:
        """Everything that makes the page fail, one line each."""
        found = []
        if self.scroll_width > self.viewport_width:
            found.append(f"horizontal scroll: scrollWidth {self.scroll_width} > "
                         f"innerWidth {self.viewport_width}")
        found += [f"console error: {m}" for m in self.console_errors]
        found += [f"CSP violation: {m}" for m in self.csp_violations]
        found += [f"failed request: {m}" for m in self.failed_requests]
        for v in self.blocking_axe:
            targets = ", ".join(str(n["target"]) for n in v["nodes"][:3])
            found.append(f"axe {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} "
                         f"nodes, e.g. {targets})")
        return found


class PageWatcher:
    """Listens to one page from before it loads: console errors and failed requests."""

    def __init__(self, page) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.failed_requests: list[str] = []
        page.add_init_script(CSP_LISTENER)
        page.on("console", self._console)
        page.on("pageerror", lambda err: self.console_errors.append(f"uncaught {err}"))
        page.on("requestfailed", lambda req: self.failed_requests.append(
            f"{req.url} ({req.failure})"))
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failed_requests.append(f"{response.url} (HTTP {response.status})")

    def report(self, axe: bool = True) -> PageReport:
        """Measure the loaded page; axe-core runs unless told not to (it is the slow part)."""
        page = self.page
        # axe first: late requests (the icon comes after `load`) have then had time to fail.
        violations = run_axe(page) if axe else []
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        csp = page.evaluate("window.__cspViolations || []")
        return PageReport(url=page.url, scroll_width=widths[0], viewport_width=widths[1],
                          console_errors=list(self.console_errors), csp_violations=csp,
                          failed_requests=list(self.failed_requests),
                          axe_violations=violations)


def run_axe(page) -> list[dict]:
    """axe-core's violations (every rule it runs by default), from the copy that the
    axe-playwright-python wheel ships: nothing is fetched."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


def axe_summary(violations: list[dict]) -> list[dict]:
    """A small, stable record of axe's findings, for the artefacts folder."""
    return [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
            for v in violations]


def focus_sequence(page, presses: int) -> list[dict]:
    """Press Tab `presses` times from the top of the page; returns what got focus each time
    (tag, href, whether it is a story headline link, and whether it shows an outline)."""
    page.evaluate("""() => {
      window.__focused = [];
      document.addEventListener('focusin', (e) => {
        const el = e.target, style = getComputedStyle(el);
        window.__focused.push({
          tag: el.tagName.toLowerCase(),
          href: el.getAttribute('href'),
          headline: !!el.closest('.story .headline'),
          outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        });
      });
    }""")
    for _ in range(presses):
        page.keyboard.press("Tab")
    return page.evaluate("window.__focused")
