#!/usr/bin/env bash
# Finds a Chromium for Playwright. As root on Debian/Ubuntu it installs what is missing of
# `chromium-headless-shell` (what headless logins run on: about half the CPU per navigation of the
# full browser) and `chromium` (the full browser, for `flex-sso login --headed`).
set -euo pipefail

on_path() { command -v "$1" >/dev/null 2>&1; }

find_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then echo "$CHROMIUM_PATH"; return 0; fi
  for name in chromium-headless-shell chrome-headless-shell chromium chromium-browser google-chrome-stable google-chrome; do
    if on_path "$name"; then command -v "$name"; return 0; fi
  done
  return 1
}

if [ -z "${CHROMIUM_PATH:-}" ] && [ "$(id -u)" = "0" ] && on_path apt-get; then
  wanted=()
  on_path chromium-headless-shell || wanted+=(chromium-headless-shell)
  on_path chromium || on_path chromium-browser || wanted+=(chromium)
  if [ "${#wanted[@]}" -gt 0 ]; then
    echo "flex-sso setup: installing the Debian package(s) ${wanted[*]}…"
    apt-get update -q
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${wanted[@]}"; then
      # Older releases have no chromium-headless-shell: the full browser runs headless too.
      echo "flex-sso setup: could not install ${wanted[*]} together; trying chromium alone" >&2
      on_path chromium || DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium || true
    fi
  fi
fi

if path=$(find_chromium); then
  echo "flex-sso setup: using Chromium at $path"
  case "$path" in
    *headless-shell*) ;;
    *) echo "flex-sso setup: note: no chromium-headless-shell; headless logins use the full browser (slower)." ;;
  esac
  exit 0
fi

cat >&2 <<'MSG'
flex-sso setup: no Chromium found.
  Install one, then run `npm run setup` again:
    Debian/Ubuntu:  sudo apt-get install -y chromium-headless-shell chromium
    macOS:          brew install --cask chromium
  or point CHROMIUM_PATH at an existing Chromium/Chrome binary.
MSG
exit 2
