#!/usr/bin/env bash
# LiveKit's own multi-node mode on this machine: two nodes of the pinned release (the binary that
# scripts/livekit-server.sh builds, started with the same livekit/livekit.yaml) sharing one Redis,
# every port on 127.0.0.1. For the two-node suite (test/real-livekit/two-nodes.test.ts) and for
# trying a cluster by hand (docs/livekit-deployment.md, "Several nodes sharing Redis").
#
#   bash scripts/livekit-cluster.sh run [--webhook URL] [--webhook-b URL]
#                                  # start Redis and both nodes; Ctrl-C stops them
#   bash scripts/livekit-cluster.sh run [--webhook URL] [--webhook-b URL] -- COMMAND ...
#                                  # start them, wait until both nodes answer and are registered in
#                                  # Redis, run COMMAND, stop everything when it ends
#
#   node A  ws://127.0.0.1:7980   ICE/TCP 7981   ICE/UDP 51000-51099
#   node B  ws://127.0.0.1:7990   ICE/TCP 7991   ICE/UDP 51100-51199
#   Redis   127.0.0.1:<a free port>: Debian's redis-server, started here with a throwaway folder and
#           no persistence, stopped (and the folder removed) afterwards
#
# Each node's file is livekit/livekit.yaml with its webhook URL replaced (--webhook: both nodes';
# --webhook-b: node B's alone), written with the logs under .livekit/run/. Its own port, ICE ports
# and `redis.address` are given on the command line (LiveKit's generated flags, which win over the
# file), so the two nodes differ in nothing else.
#
# COMMAND gets LIVEKIT_URL (node A), LIVEKIT_URL_B, LIVEKIT_API_KEY, LIVEKIT_API_SECRET,
# LIVEKIT_NODE_ID_A and LIVEKIT_NODE_ID_B (each node's id in Redis), LIVEKIT_NODE_PID_A and
# LIVEKIT_NODE_PID_B (their processes), LIVEKIT_ICE_PORTS_A and LIVEKIT_ICE_PORTS_B
# ("TCP UDP_START-UDP_END") and LIVEKIT_REDIS_ADDRESS.
#
# Exit codes: 0 done; 2 usage; 3 Go is missing or too old (nothing started); 4 a node did not start
# or answer; 5 redis-server is missing or did not start; otherwise COMMAND's own exit code.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# The build, the webhook-replaced copy of the config, the key and the health check are
# scripts/livekit-server.sh's own (it runs nothing when read like this).
# shellcheck source=livekit-server.sh
source "$here/livekit-server.sh"

say() { printf '==> livekit-cluster: %s\n' "$*" >&2; }

NODES=(a b)
declare -A PORT=([a]=7980 [b]=7990) TCP_PORT=([a]=7981 [b]=7991)
declare -A UDP_START=([a]=51000 [b]=51100) UDP_END=([a]=51099 [b]=51199)
declare -A NODE_PID=() NODE_ID=()
redis_pid=""
redis_port=""

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    cat >&2 <<'EOF'
livekit-cluster: redis-server is missing, so LiveKit cannot run on two nodes.
  On Debian 12: apt-get install -y redis-server   (`bash scripts/quickstart.sh test` does it)
  Nothing was started.
EOF
    return 5
  fi
  redis_port="$(node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
  mkdir -p "$run_dir/redis"
  # Loopback only, nothing written to disk, no service manager: a Redis that lives as long as the run.
  cat >"$run_dir/redis.conf" <<EOF
bind 127.0.0.1
port $redis_port
protected-mode yes
daemonize no
supervised no
dir $run_dir/redis
save ""
appendonly no
EOF
  redis-server "$run_dir/redis.conf" >"$run_dir/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 1 100); do
    if [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ]; then return 0; fi
    if ! kill -0 "$redis_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "livekit-cluster: redis-server did not answer on 127.0.0.1:$redis_port; its log ($run_dir/redis.log):" >&2
  tail -n 20 "$run_dir/redis.log" >&2
  return 5
}

# Node $1 with webhook URL $2 ("" keeps the file's).
start_node() {
  local n="$1" webhook="$2" cfg
  if answers "${PORT[$n]}"; then
    echo "livekit-cluster: something already answers on 127.0.0.1:${PORT[$n]}; stop it first." >&2
    return 4
  fi
  cfg="$(write_config "$webhook")" || return $?
  mv "$cfg" "$run_dir/node-$n.yaml"
  "$bin" --config "$run_dir/node-$n.yaml" \
    --port "${PORT[$n]}" --rtc.tcp_port "${TCP_PORT[$n]}" \
    --rtc.port_range_start "${UDP_START[$n]}" --rtc.port_range_end "${UDP_END[$n]}" \
    --redis.address "127.0.0.1:$redis_port" >"$run_dir/node-$n.log" 2>&1 &
  NODE_PID[$n]=$!
}

# Until node $1 answers on its port and has registered itself in Redis (so that it can be given rooms).
wait_for_node() {
  local n="$1" log="$run_dir/node-$1.log" id
  for _ in $(seq 1 300); do
    if ! kill -0 "${NODE_PID[$n]}" 2>/dev/null; then
      echo "livekit-cluster: node $n exited while starting; its log ($log):" >&2
      tail -n 30 "$log" >&2
      return 4
    fi
    id="$(sed -n 's/.*starting LiveKit server.*"nodeID": "\([^"]*\)".*/\1/p' "$log" | head -n 1)"
    if [ -n "$id" ] && answers "${PORT[$n]}" &&
      [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" hexists nodes "$id" 2>/dev/null)" = 1 ]; then
      NODE_ID[$n]="$id"
      return 0
    fi
    sleep 0.1
  done
  echo "livekit-cluster: node $n did not answer on 127.0.0.1:${PORT[$n]} (or register in Redis) within 30 s; its log ($log):" >&2
  tail -n 30 "$log" >&2
  return 4
}

stop_pid() {
  local pid="$1"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    # A node's first TERM waits for its participants to leave; after 5 s it is stopped regardless.
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

stop_cluster() {
  local n stoppers=()
  # Both nodes at once: each may wait its 5 s.
  for n in "${NODES[@]}"; do
    stop_pid "${NODE_PID[$n]:-}" &
    stoppers+=($!)
  done
  [ ${#stoppers[@]} -eq 0 ] || wait "${stoppers[@]}" 2>/dev/null || true
  NODE_PID=()
  stop_pid "$redis_pid"
  redis_pid=""
  rm -rf "$run_dir/redis"
}

cluster_command_pid=""
stop_all() {
  if [ -n "$cluster_command_pid" ]; then
    kill -TERM "$cluster_command_pid" 2>/dev/null || true
    wait "$cluster_command_pid" 2>/dev/null || true
    cluster_command_pid=""
  fi
  stop_cluster
}

run_cluster() {
  local webhook="" webhook_b=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --webhook) webhook="${2:-}"; shift 2 ;;
      --webhook-b) webhook_b="${2:-}"; shift 2 ;;
      --) shift; break ;;
      *) echo "usage: bash scripts/livekit-cluster.sh run [--webhook URL] [--webhook-b URL] [-- COMMAND ...]" >&2; return 2 ;;
    esac
  done
  [ -n "$webhook_b" ] || webhook_b="$webhook"
  build || return $?
  local key secret n started=$SECONDS
  read -r key secret < <(read_keys)
  mkdir -p "$run_dir"
  trap stop_all EXIT
  trap 'stop_all; exit 130' INT
  trap 'stop_all; exit 143' TERM
  start_redis || return $?
  start_node a "$webhook" || return $?
  start_node b "$webhook_b" || return $?
  for n in "${NODES[@]}"; do wait_for_node "$n" || return $?; done
  for n in "${NODES[@]}"; do
    say "node ${n^^} ${NODE_ID[$n]} answers at ws://127.0.0.1:${PORT[$n]} (ICE/TCP ${TCP_PORT[$n]}, ICE/UDP ${UDP_START[$n]}-${UDP_END[$n]}; webhooks to $(awk '/^    - /{print $2; exit}' "$run_dir/node-$n.yaml"))"
  done
  say "both share Redis at 127.0.0.1:$redis_port; ready in $((SECONDS - started)) s (files and logs: $run_dir)"
  export LIVEKIT_URL="ws://127.0.0.1:${PORT[a]}" LIVEKIT_URL_B="ws://127.0.0.1:${PORT[b]}"
  export LIVEKIT_API_KEY="$key" LIVEKIT_API_SECRET="$secret"
  export LIVEKIT_NODE_ID_A="${NODE_ID[a]}" LIVEKIT_NODE_ID_B="${NODE_ID[b]}"
  export LIVEKIT_NODE_PID_A="${NODE_PID[a]}" LIVEKIT_NODE_PID_B="${NODE_PID[b]}"
  export LIVEKIT_ICE_PORTS_A="${TCP_PORT[a]} ${UDP_START[a]}-${UDP_END[a]}" LIVEKIT_ICE_PORTS_B="${TCP_PORT[b]} ${UDP_START[b]}-${UDP_END[b]}"
  export LIVEKIT_REDIS_ADDRESS="127.0.0.1:$redis_port"
  if [ $# -eq 0 ]; then
    # Until a node or Redis stops by itself, or Ctrl-C.
    wait -n "${NODE_PID[a]}" "${NODE_PID[b]}" "$redis_pid" || true
    echo "livekit-cluster: a node or Redis stopped by itself (logs: $run_dir)." >&2
    return 4
  fi
  # COMMAND runs in the background so that a TERM or INT to this script reaches it at once.
  "$@" &
  cluster_command_pid=$!
  local status=0
  wait "$cluster_command_pid" || status=$?
  cluster_command_pid=""
  stop_cluster
  return "$status"
}

case "${1:-}" in
  run) shift; run_cluster "$@" ;;
  *) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
