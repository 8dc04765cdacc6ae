#!/usr/bin/env bash
# Runs a command in a network namespace of its own in which the only interface is loopback (`lo`,
# 127.0.0.0/8), so that nothing it starts (care-meet, LiveKit, Chromium, the test IdP) can send a
# packet to any other address, this machine's own non-loopback addresses included.
#
#   bash scripts/loopback-only.sh COMMAND ...
#
# Needs root (or sudo) for unshare(2) and iproute2's `ip`. Where the kernel refuses a new network
# namespace (some containers), it says so and runs COMMAND as it is, unless CARE_MEET_REQUIRE_NETNS=1;
# every service the tests start still binds to 127.0.0.1 and the media suite checks that the ICE
# pair it uses is on loopback.
set -euo pipefail
if [ $# -eq 0 ]; then echo "usage: bash scripts/loopback-only.sh COMMAND ..." >&2; exit 2; fi

if [ "${CARE_MEET_IN_NETNS:-}" = "1" ]; then exec "$@"; fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}

if ! command -v ip >/dev/null 2>&1; then
  echo "==> installing iproute2 (for a loopback-only network namespace)" >&2
  as_root apt-get install -y -qq iproute2 >/dev/null 2>&1 || { as_root apt-get update -qq && as_root apt-get install -y -qq iproute2 >/dev/null; }
fi

probe() { as_root unshare --net -- ip link set lo up 2>/dev/null; }
if ! probe; then
  if [ "${CARE_MEET_REQUIRE_NETNS:-}" = "1" ]; then
    echo "loopback-only: this machine refuses a new network namespace (unshare --net); CARE_MEET_REQUIRE_NETNS=1 asks for one." >&2
    exit 1
  fi
  echo "loopback-only: this machine refuses a new network namespace (unshare --net): running without one." >&2
  echo "loopback-only: every service still binds to 127.0.0.1, and the media suite checks its ICE pair." >&2
  exec "$@"
fi

# Keep the caller's identity and environment: as root, unshare directly; otherwise sudo -E, then
# back to the caller's user inside the namespace.
inner='ip link set lo up && ip -o addr show | awk "{print \"==> loopback-only: \" \$2, \$4}" >&2 && export CARE_MEET_IN_NETNS=1 && exec "$@"'
if [ "$(id -u)" -eq 0 ]; then
  exec unshare --net -- bash -c "$inner" loopback-only "$@"
else
  me="$(id -un)"
  exec sudo -E unshare --net -- bash -c "ip link set lo up && export CARE_MEET_IN_NETNS=1 && exec sudo -E -u $me -- \"\$@\"" loopback-only "$@"
fi
