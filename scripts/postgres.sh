#!/usr/bin/env bash
# A throwaway PostgreSQL from Debian's packages (`apt-get install postgresql`, PostgreSQL 15) for
# care-meet's tests: a new cluster made with initdb in a git-ignored folder (.postgres/run/…),
# listening on 127.0.0.1 only (and on a Unix socket in that folder), removed again afterwards.
#
#   bash scripts/postgres.sh run -- COMMAND ...   # make and start a cluster, wait until it answers,
#                                                 # run COMMAND with CARE_MEET_TEST_POSTGRES_URL set
#                                                 # (postgres://care_meet:…@127.0.0.1:PORT/care_meet),
#                                                 # then stop the cluster and remove its folder
#   bash scripts/postgres.sh run                  # the same until Ctrl-C (prints the URL)
#   bash scripts/postgres.sh bindir               # print where initdb and postgres are (exit 3 if missing)
#
# As root the cluster runs as the `postgres` system user that Debian's package makes (initdb refuses
# root), and its folder is that user's; otherwise as the calling user. The port is a free one, or
# CARE_MEET_POSTGRES_PORT. Over TCP it asks for a password (random per cluster, in the URL); the
# socket folder is the cluster user's alone. For speed it runs with fsync off (nothing outlives it);
# CARE_MEET_POSTGRES_DURABLE=1 keeps PostgreSQL's defaults (benchmarks).
#
# Exit codes: 0 done; 2 usage; 3 PostgreSQL is not installed (nothing started); 4 the cluster could
# not be made or did not answer; otherwise COMMAND's own exit code.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

say() { printf '==> postgres: %s\n' "$*" >&2; }

# Where Debian's server programs are: /usr/lib/postgresql/<version>/bin, the newest version.
find_bindir() {
  if [ -n "${CARE_MEET_POSTGRES_BIN:-}" ]; then
    [ -x "$CARE_MEET_POSTGRES_BIN/initdb" ] && { echo "$CARE_MEET_POSTGRES_BIN"; return 0; }
    echo "postgres: CARE_MEET_POSTGRES_BIN=$CARE_MEET_POSTGRES_BIN has no initdb." >&2
    return 3
  fi
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$found" ] && [ -x "$found/initdb" ] && [ -x "$found/postgres" ]; then echo "$found"; return 0; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  cat >&2 <<'EOF'
postgres: PostgreSQL is not installed, so the PostgreSQL store's tests cannot run.
  On Debian 12: apt-get install -y postgresql   (PostgreSQL 15; `bash scripts/quickstart.sh test` does it)
  Nothing was started.
EOF
  return 3
}

# The user the cluster runs as, and a way to run a command as that user.
if [ "$(id -u)" -eq 0 ]; then
  if id -u postgres >/dev/null 2>&1; then cluster_user=postgres; else cluster_user=nobody; fi
  as_cluster() { runuser -u "$cluster_user" -- "$@"; }
else
  cluster_user="$(id -un)"
  as_cluster() { "$@"; }
fi

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# A folder of the cluster user's own, under .postgres/run/ in the repository (git-ignored), unless
# that user cannot reach it (a checkout under a home folder only its owner may enter): then /tmp.
make_run_dir() {
  local base="${CARE_MEET_POSTGRES_DIR:-$root/.postgres}"
  local dir="$base/run/$(date -u +%Y%m%dT%H%M%S)-$$"
  mkdir -p "$dir"
  if [ "$cluster_user" != "$(id -un)" ]; then
    chown "$cluster_user:" "$dir"
    if ! as_cluster test -w "$dir" 2>/dev/null; then
      rm -rf "$dir"
      dir="$(mktemp -d /tmp/care-meet-postgres.XXXXXX)"
      chown "$cluster_user:" "$dir"
      say "the $cluster_user user cannot reach $base; the cluster is in $dir instead"
    fi
  fi
  chmod 700 "$dir"
  echo "$dir"
}

run_dir=""
sock_dir=""
bindir=""
started=no
stop_cluster() {
  if [ "$started" = yes ]; then
    as_cluster "$bindir/pg_ctl" -D "$run_dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      as_cluster "$bindir/pg_ctl" -D "$run_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    started=no
  fi
  if [ -n "$run_dir" ]; then rm -rf "$run_dir"; run_dir=""; fi
  if [ -n "$sock_dir" ]; then rm -rf "$sock_dir"; sock_dir=""; fi
}

command_pid=""
forward() {
  if [ -n "$command_pid" ]; then
    kill -"$1" "$command_pid" 2>/dev/null || true
    wait "$command_pid" 2>/dev/null || true
  fi
  stop_cluster
}

run() {
  if [ $# -gt 0 ]; then
    if [ "$1" != "--" ]; then echo "usage: bash scripts/postgres.sh run [-- COMMAND ...]" >&2; return 2; fi
    shift
  fi
  bindir="$(find_bindir)" || return $?
  local port="${CARE_MEET_POSTGRES_PORT:-}"
  if [ -z "$port" ]; then port="$(free_port)"; fi
  if ! [[ "$port" =~ ^[0-9]+$ ]]; then echo "postgres: CARE_MEET_POSTGRES_PORT must be a port number, not '$port'" >&2; return 2; fi

  trap stop_cluster EXIT
  trap 'stop_cluster; exit 130' INT
  trap 'stop_cluster; exit 143' TERM
  run_dir="$(make_run_dir)"
  local data="$run_dir/data" log="$run_dir/postgres.log" sock="$run_dir"
  # A socket path longer than 107 bytes cannot be bound (and pg_ctl's options split at spaces): a deep
  # checkout gets a short folder for it.
  if [ "${#sock}" -gt 90 ] || [[ "$sock" == *" "* ]]; then
    sock="$(mktemp -d /tmp/care-meet-pgsock.XXXXXX)"
    sock_dir="$sock"
    [ "$cluster_user" != "$(id -un)" ] && chown "$cluster_user:" "$sock"
    chmod 700 "$sock"
  fi
  local password
  password="$(node -e 'console.log(require("node:crypto").randomBytes(18).toString("base64url"))')"
  printf '%s\n' "$password" >"$run_dir/pwfile"
  [ "$cluster_user" != "$(id -un)" ] && chown "$cluster_user:" "$run_dir/pwfile"
  chmod 600 "$run_dir/pwfile"

  # --no-sync: a cluster that lives for one run need not wait for its files to reach the disk.
  if ! as_cluster "$bindir/initdb" -D "$data" -U care_meet --pwfile="$run_dir/pwfile" --auth-host=scram-sha-256 \
      --auth-local=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$run_dir/initdb.log" 2>&1; then
    echo "postgres: initdb failed; its output:" >&2
    cat "$run_dir/initdb.log" >&2
    return 4
  fi
  rm -f "$run_dir/pwfile"
  local settings=(-c listen_addresses=127.0.0.1 -c "port=$port" -c "unix_socket_directories=$sock"
    -c unix_socket_permissions=0700 -c max_connections=200 -c shared_buffers=128MB)
  if [ "${CARE_MEET_POSTGRES_DURABLE:-}" != "1" ]; then
    settings+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
  fi
  : >"$log"
  [ "$cluster_user" != "$(id -un)" ] && chown "$cluster_user:" "$log"
  if ! as_cluster "$bindir/pg_ctl" -D "$data" -l "$log" -o "${settings[*]}" -w -t 30 start >/dev/null 2>&1; then
    echo "postgres: the server did not start or answer within 30 s; its log ($log):" >&2
    tail -n 30 "$log" >&2
    return 4
  fi
  started=yes
  if ! as_cluster "$bindir/psql" -h "$sock" -p "$port" -U care_meet -d postgres -v ON_ERROR_STOP=1 -q \
      -c 'CREATE DATABASE care_meet' >>"$log" 2>&1; then
    echo "postgres: creating the database failed; the log ($log):" >&2
    tail -n 30 "$log" >&2
    return 4
  fi
  local version
  version="$(as_cluster "$bindir/postgres" --version | awk '{print $3}')"
  export CARE_MEET_TEST_POSTGRES_URL="postgres://care_meet:$password@127.0.0.1:$port/care_meet"
  say "PostgreSQL $version answers on 127.0.0.1:$port (database care_meet, socket in $sock, log: $log)"
  if [ $# -eq 0 ]; then
    say "CARE_MEET_TEST_POSTGRES_URL=$CARE_MEET_TEST_POSTGRES_URL   (Ctrl-C stops and removes it)"
    while kill -0 "$(head -n 1 "$data/postmaster.pid")" 2>/dev/null; do sleep 1; done
    echo "postgres: the server stopped by itself; its log ($log):" >&2
    tail -n 30 "$log" >&2
    return 4
  fi
  # COMMAND runs in the background so that a TERM or INT to this script reaches it at once: it is
  # passed on, COMMAND is waited for, then the cluster is stopped and removed.
  "$@" &
  command_pid=$!
  trap 'forward TERM; exit 143' TERM
  trap 'forward TERM; exit 130' INT
  local status=0
  wait "$command_pid" || status=$?
  command_pid=""
  stop_cluster
  return "$status"
}

case "${1:-}" in
  run) shift; run "$@" ;;
  bindir) find_bindir ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
