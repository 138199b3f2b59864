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

# The deploy shape is a trimmed, self-contained publish (FeedbackBot.Host.csproj): what the trimmer removes breaks
# only at run time, in the published host, never in the builds above. So the tests that start the real host process
# run once more against a fresh publish (docs/embedded-storage.md, sixth pass). The NativeAOT storage child is not
# compiled here (15-25 min on a small machine): the published host starts its own storage process instead.
# Skipped when arguments narrow the run (e.g. a --filter).
published_tests='FullyQualifiedName~PublishedHostSmokeTests|FullyQualifiedName~DurabilityTests|FullyQualifiedName~EndToEndTests|FullyQualifiedName~InsightsHostTests|FullyQualifiedName~WholeFlowTests|FullyQualifiedName~SocketModeHostTests|FullyQualifiedName~DoctorCommandTests|FullyQualifiedName~ManyHostsTests|FullyQualifiedName~InstallEndToEndTests|FullyQualifiedName~LimitsAcrossHostsTests|FullyQualifiedName~GiveJournalTests|FullyQualifiedName~ClusterHostTests|FullyQualifiedName~LogHygieneAndMetricsTests|FullyQualifiedName~BehindProxyTests|FullyQualifiedName~RequestCrashTests|FullyQualifiedName~StartupTests'
if [ "$status" = 0 ] && [ $# = 0 ]; then
  pub=$(mktemp -d)
  trap 'rm -f "$log"; rm -rf "$pub"' EXIT
  echo "test.sh: publishing the deploy shape (trimmed host) and running the host-process tests against it"
  set +e
  dotnet publish src/FeedbackBot.Host -c Release -r linux-x64 -p:PublishNativeStorage=false -o "$pub" -nologo -v quiet -clp:ErrorsOnly
  status=$?
  if [ "$status" = 0 ]; then
    FEEDBACKBOT_HOST_DLL="$pub/FeedbackBot.Host.dll" dotnet test tests/FeedbackBot.Host.Tests --no-build \
      --filter "$published_tests" --logger "console;verbosity=normal" 2>&1 | tee -a "$log"
    status=${PIPESTATUS[0]}
  fi
  set -e
fi

# One plain closing line over all test runs (vstest prints "Passed: N" / "Failed: N" per project).
read -r passed failed < <(awk '$1 == "Passed:" && $2 ~ /^[0-9]+$/ {p += $2} $1 == "Failed:" && $2 ~ /^[0-9]+$/ {f += $2} END {print p + 0, f + 0}' "$log")
echo "Tests: ${passed} passed, ${failed} failed (the host-process tests counted twice: the build, then the published host)"
exit "$status"
