#!/usr/bin/env bash
# The real LiveKit server, built from source with this machine's Go and started with the repo's
# configuration (livekit/livekit.yaml): everything on 127.0.0.1, rooms never auto-created,
# webhooks signed and sent to care-meet.
#
#   bash scripts/livekit-server.sh build                 # build the pinned release once (reused after)
#   bash scripts/livekit-server.sh run [--webhook URL]   # start it; Ctrl-C stops it
#   bash scripts/livekit-server.sh run [--webhook URL] -- COMMAND ...
#                                                        # start it, wait until it answers, run COMMAND
#                                                        # with LIVEKIT_URL, LIVEKIT_API_KEY and
#                                                        # LIVEKIT_API_SECRET set, stop it when COMMAND ends
#   bash scripts/livekit-server.sh path                  # print the binary's path (exit 1 if not built)
#
# --webhook URL replaces the webhook URL of livekit/livekit.yaml (and nothing else) in a copy
# written under .livekit/run/ with the server's log, for a care-meet listening somewhere other
# than the demo's port.
#
# Exit codes: 0 done; 2 usage; 3 Go is missing or too old (nothing started); 4 the server did not
# start or answer; otherwise COMMAND's own exit code.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# The release care-meet is tested against. Changing it: docs/livekit-deployment.md, "Upgrading".
LIVEKIT_VERSION="v1.13.5"
LIVEKIT_MODULE="github.com/livekit/livekit-server/cmd/server"
GO_MIN_MINOR=26 # v1.13.5's go.mod says `go 1.26`

dir="${CARE_MEET_LIVEKIT_DIR:-$root/.livekit}"
bin="$dir/$LIVEKIT_VERSION/livekit-server"
config="$root/livekit/livekit.yaml"
# One folder per start (its config copy and log), so that servers started at once in separate
# network namespaces (scripts/loopback-only.sh) do not write over each other's files.
run_dir="$dir/run/$(date -u +%Y%m%dT%H%M%S)-$$"

say() { printf '==> livekit-server: %s\n' "$*" >&2; }

need_go() {
  if ! command -v go >/dev/null 2>&1; then
    cat >&2 <<EOF
livekit-server: Go is missing, so the real LiveKit server cannot be built.
  care-meet builds LiveKit $LIVEKIT_VERSION from source with Go 1.$GO_MIN_MINOR or newer.
  Install Go (https://go.dev/doc/install, or Debian's golang-go if it is new enough) and run again.
EOF
    return 3
  fi
  local minor
  minor="$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')"
  if ! [[ "$minor" =~ ^[0-9]+$ ]] || [ "$minor" -lt "$GO_MIN_MINOR" ]; then
    echo "livekit-server: LiveKit $LIVEKIT_VERSION needs Go 1.$GO_MIN_MINOR or newer; this machine has $(go env GOVERSION)." >&2
    return 3
  fi
}

build() {
  if [ -x "$bin" ]; then return 0; fi
  need_go || return $?
  say "building LiveKit $LIVEKIT_VERSION from source with $(go env GOVERSION) (the first time takes a few minutes; reused after)"
  mkdir -p "$(dirname "$bin")"
  local tmp="$dir/$LIVEKIT_VERSION/.gobin"
  rm -rf "$tmp"
  # GOTOOLCHAIN=local: never fetch another Go; -trimpath: the same binary wherever the repo lives.
  local started=$SECONDS
  if ! GOBIN="$tmp" GOTOOLCHAIN=local GOFLAGS="-buildvcs=false -trimpath" \
      go install "$LIVEKIT_MODULE@$LIVEKIT_VERSION"; then
    echo "livekit-server: building LiveKit $LIVEKIT_VERSION failed (above). Nothing was started." >&2
    return 4
  fi
  # Only a finished build takes the binary's name: an interrupted one leaves nothing half-written.
  mv "$tmp/server" "$bin"
  rm -rf "$tmp"
  say "built $bin in $((SECONDS - started)) s"
}

# A copy of the repo's config with the webhook URL replaced (when asked), beside the binary.
write_config() {
  local webhook="$1" out="$run_dir/livekit.yaml"
  mkdir -p "$run_dir"
  if [ -z "$webhook" ]; then cp "$config" "$out"; else
    if ! [[ "$webhook" =~ ^https?://[^[:space:]\"]+$ ]]; then
      echo "livekit-server: --webhook needs an http(s) URL, not '$webhook'" >&2
      return 2
    fi
    awk -v url="$webhook" '
      /^webhook:/ { inhook = 1 }
      /^[a-z_]+:/ && !/^webhook:/ { inhook = 0 }
      inhook && /^    - / { print "    - " url; next }
      { print }
    ' "$config" >"$out.tmp"
    mv "$out.tmp" "$out"
  fi
  echo "$out"
}

# key and secret: the single entry under `keys:` in the config.
read_keys() {
  awk '/^keys:/ { getline; sub(/^ +/, ""); split($0, kv, ": "); print kv[1] " " kv[2]; exit }' "$config"
}

# Whether a LiveKit server answers on 127.0.0.1:PORT (the config's 7880 unless given).
answers() {
  node -e 'fetch(`http://127.0.0.1:${process.argv[1]}/`, { signal: AbortSignal.timeout(1000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "${1:-7880}"
}

server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

run() {
  local webhook=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --webhook) webhook="${2:-}"; shift 2 ;;
      --) shift; break ;;
      *) echo "usage: bash scripts/livekit-server.sh run [--webhook URL] [-- COMMAND ...]" >&2; return 2 ;;
    esac
  done
  build || return $?
  if answers; then
    echo "livekit-server: something already answers on 127.0.0.1:7880; stop it first (care-meet starts its own)." >&2
    return 4
  fi
  local cfg key secret log="$run_dir/livekit.log"
  cfg="$(write_config "$webhook")" || return $?
  read -r key secret < <(read_keys)
  : >"$log"
  "$bin" --config "$cfg" >>"$log" 2>&1 &
  server_pid=$!
  trap stop_server EXIT
  trap 'stop_server; exit 130' INT
  trap 'stop_server; exit 143' TERM
  local waited=0
  until answers; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "livekit-server: the server exited while starting; its log ($log):" >&2
      tail -n 30 "$log" >&2
      return 4
    fi
    if [ "$waited" -ge 300 ]; then
      echo "livekit-server: no answer on 127.0.0.1:7880 after 30 s; its log ($log):" >&2
      tail -n 30 "$log" >&2
      return 4
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  say "LiveKit $LIVEKIT_VERSION answers at ws://127.0.0.1:7880 (webhooks to $(awk '/^    - /{print $2; exit}' "$cfg"); log: $log)"
  export LIVEKIT_URL="ws://127.0.0.1:7880" LIVEKIT_API_KEY="$key" LIVEKIT_API_SECRET="$secret"
  if [ $# -eq 0 ]; then
    wait "$server_pid"
    return $?
  fi
  # COMMAND runs in the background so that a TERM or INT to this script (a service manager, Ctrl-C)
  # reaches it at once: it is passed on, COMMAND is waited for, then the server is stopped.
  "$@" &
  command_pid=$!
  trap 'forward TERM; exit 143' TERM
  trap 'forward TERM; exit 130' INT
  local status=0
  wait "$command_pid" || status=$?
  command_pid=""
  stop_server
  return "$status"
}

command_pid=""
forward() {
  if [ -n "$command_pid" ]; then
    kill -"$1" "$command_pid" 2>/dev/null || true
    wait "$command_pid" 2>/dev/null || true
  fi
  stop_server
}

# scripts/livekit-cluster.sh reads this file for the build, the config copy and the key; then
# nothing below runs.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then return 0; fi

case "${1:-}" in
  build) build ;;
  path) if [ -x "$bin" ]; then echo "$bin"; else exit 1; fi ;;
  run) shift; run "$@" ;;
  *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
