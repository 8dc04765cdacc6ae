#!/usr/bin/env bash
# care-meet's two commands. On a fresh Debian 12 machine with Node 20 (or newer) that reaches the
# npm registry and apt, this installs what the project needs (pnpm 10, Debian's Chromium, the
# native SQLite build), builds, and then either starts the demo or runs every test.
#
#   bash scripts/quickstart.sh demo    # set up and start the sandbox portal on http://127.0.0.1:8080/
#   bash scripts/quickstart.sh test    # set up and run every test
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-}"
case "$what" in
  demo|test|setup) ;;
  *) echo "usage: bash scripts/quickstart.sh demo|test" >&2; exit 2 ;;
esac

say() { printf '\n==> %s\n' "$*"; }

# Node 20 or newer.
if ! command -v node >/dev/null 2>&1; then
  echo "care-meet needs Node.js 20 or newer (on Debian: apt-get install nodejs, or NodeSource's packages)." >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "care-meet needs Node.js 20 or newer; this is $(node -v)." >&2
  exit 1
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "need root for: $* (run as root or install sudo)" >&2; return 1; fi
}

# pnpm 10 (11 needs Node 22). Installed with npm; corepack's signature check fails on some machines.
if ! pnpm --version 2>/dev/null | grep -q '^10\.'; then
  say "installing pnpm 10"
  npm install -g pnpm@10 >/dev/null 2>&1 || as_root npm install -g pnpm@10 >/dev/null
fi

# Debian's Chromium for the browser tests and screenshots (no tool downloads a browser of its own).
if [ "$what" != "demo" ] && [ ! -x /usr/bin/chromium ]; then
  say "installing Chromium from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

say "installing dependencies (better-sqlite3 compiles from source the first time: about a minute)"
if [ "${CI:-}" = "true" ]; then pnpm install --frozen-lockfile; else pnpm install; fi

case "$what" in
  setup) pnpm run build ;;
  demo) say "starting the demo"; exec pnpm run demo ;;
  test) say "running every test"; exec pnpm run test ;;
esac
