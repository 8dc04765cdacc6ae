#!/usr/bin/env bash
# care-meet's two commands. On a fresh Debian 12 machine with Node 20 (or newer) and Go 1.26 (or
# newer) that reaches the npm registry, apt and the Go module proxy, this installs what the project
# needs (pnpm 10, Debian's Chromium, Firefox ESR, WebKitGTK's WebKitWebDriver, Redis and PostgreSQL, the native
# SQLite build, the real LiveKit server built from source), builds, and then either starts the demo
# or runs every test.
#
#   bash scripts/quickstart.sh demo    # set up and start the sandbox portal on http://127.0.0.1:8080/
#                                      # beside a real LiveKit server on ws://127.0.0.1:7880
#   bash scripts/quickstart.sh test    # set up and run every test, the real-LiveKit suites included,
#                                      # in a network namespace where only loopback exists
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

# Debian's Chromium and Firefox ESR for the browser tests and screenshots, and WebKitGTK's
# WebKitWebDriver (with its MiniBrowser) under Xvfb for the WebKit check (no tool downloads a
# browser of its own; docs/browsers.md says what runs in which engine).
browsers=()
[ -x /usr/bin/chromium ] || browsers+=(chromium)
[ -x /usr/bin/firefox-esr ] || browsers+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || browsers+=(webkit2gtk-driver)
[ -x /usr/bin/Xvfb ] || browsers+=(xvfb)
if [ "$what" != "demo" ] && [ "${#browsers[@]}" -gt 0 ]; then
  say "installing ${browsers[*]} from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${browsers[@]}" >/dev/null
fi

# Debian's Redis for the suite of LiveKit on two nodes: scripts/livekit-cluster.sh starts its own on
# 127.0.0.1 (a free port) for the run and stops it after; it uses no Redis running as a service.
if [ "$what" != "demo" ] && ! command -v redis-server >/dev/null 2>&1; then
  say "installing Redis from Debian's packages (LiveKit's nodes share it in the two-node suite)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
fi

# Debian's PostgreSQL (15) for the PostgreSQL store's tests: scripts/postgres.sh makes a throwaway
# cluster on 127.0.0.1 for the run and removes it after; it uses no PostgreSQL running as a service.
if [ "$what" != "demo" ] && ! bash scripts/postgres.sh bindir >/dev/null 2>&1; then
  say "installing PostgreSQL from Debian's packages (the PostgreSQL store's tests)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

say "installing dependencies (better-sqlite3 compiles from source the first time: about a minute)"
if [ "${CI:-}" = "true" ]; then pnpm install --frozen-lockfile; else pnpm install; fi

# The real LiveKit server, built from source with the machine's Go (a few minutes the first time,
# reused after). The tests need it; the demo runs without sound and video if Go is missing, and says so.
livekit=yes
bash scripts/livekit-server.sh build || livekit=no
if [ "$livekit" = no ] && [ "$what" = test ]; then
  echo "The tests run against the real LiveKit server, which could not be built (above). Nothing was run." >&2
  exit 1
fi

port="${PORT:-8080}"
case "$what" in
  setup) pnpm run build ;;
  demo)
    say "building"
    pnpm run build
    # The demo's own node process, not `pnpm run demo`: on Ctrl-C pnpm reports the stopped script
    # as a failure (ELIFECYCLE, ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL), which reads like a crash.
    demo=(bash -c 'cd packages/demo && exec node dist/main.js')
    trap 'printf "\n==> stopped (Ctrl-C). Start it again with: bash scripts/quickstart.sh demo\n"; exit 0' INT
    if [ "$livekit" = yes ]; then
      say "starting LiveKit and the demo (Ctrl-C stops both)"
      bash scripts/livekit-server.sh run --webhook "http://127.0.0.1:$port/api/livekit/webhook" -- "${demo[@]}" || exit $?
      exit 0
    fi
    say "starting the demo WITHOUT a media server (no Go here to build LiveKit): everything but sound and video"
    "${demo[@]}" || exit $?
    exit 0 ;;
  test)
    say "running every test (only loopback exists for them)"
    exec bash scripts/loopback-only.sh bash scripts/postgres.sh run -- \
      bash -c 'pnpm run test && pnpm --filter @care-meet/test run test:livekit' ;;
esac
