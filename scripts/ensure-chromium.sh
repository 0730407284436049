#!/usr/bin/env bash
# Finds a Chromium for Playwright; as root on Debian/Ubuntu installs the `chromium` package.
set -euo pipefail

find_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then echo "$CHROMIUM_PATH"; return 0; fi
  for name in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  done
  return 1
}

if path=$(find_chromium); then
  echo "flex-sso setup: using Chromium at $path"
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "flex-sso setup: no Chromium found; installing the Debian package 'chromium'…"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
  path=$(find_chromium) || { echo "flex-sso setup: apt-get installed chromium but no binary is on PATH" >&2; exit 2; }
  echo "flex-sso setup: using Chromium at $path"
  exit 0
fi

cat >&2 <<'MSG'
flex-sso setup: no Chromium found.
  Install one, then run `npm run setup` again:
    Debian/Ubuntu:  sudo apt-get install -y chromium
    macOS:          brew install --cask chromium
  or point CHROMIUM_PATH at an existing Chromium/Chrome binary.
MSG
exit 2
