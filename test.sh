#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine: installs what it lacks, then `dotnet test`.
# The storage contract tests start their own redis-server (and embedded Garnet) on free loopback ports
# and stop them at the end; nothing is left running.
set -euo pipefail
cd "$(dirname "$0")"

apt_updated=
apt_install() { # apt_install WHY PACKAGE...
  local why=$1; shift
  echo "test.sh: installing $* ($why)"
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    apt_install "needed by the storage contract tests" redis-server
  else
    echo "test.sh: redis-server is missing; install it (sudo apt-get install -y redis-server) and run again" >&2
    exit 1
  fi
fi

# The Teams end-to-end test installs the Microsoft 365 Agents Playground with npm at test time (never vendored)
# and runs it with node; without them (or without root for `unshare --net`) it is skipped with the reason.
if ! command -v node >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  apt_install "the Teams Playground end-to-end test runs the Agents Playground" nodejs npm
fi

# The web UI's browser tests drive Debian's Chromium with Microsoft.Playwright (its own browser download cannot work
# here); without /usr/bin/chromium they are skipped with the reason.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ]; then
  apt_install "the web UI's browser tests (Playwright drives /usr/bin/chromium)" chromium
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test FeedbackBot.sln --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line over all test projects (vstest prints "Passed: N" / "Failed: N" per project).
read -r passed failed < <(awk '$1 == "Passed:" && $2 ~ /^[0-9]+$/ {p += $2} $1 == "Failed:" && $2 ~ /^[0-9]+$/ {f += $2} END {print p + 0, f + 0}' "$log")
echo "Tests: ${passed} passed, ${failed} failed"
exit "$status"
