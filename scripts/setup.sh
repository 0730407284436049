#!/usr/bin/env bash
# Installs dependencies and makes sure a Chromium exists for Playwright.
# Playwright cannot download its own browser here, so the system Chromium is used.
set -euo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
bash scripts/ensure-chromium.sh
