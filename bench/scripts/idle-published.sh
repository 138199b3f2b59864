#!/usr/bin/env bash
# Idle memory of a published deploy folder, started as shipped (its own FeedbackBot.Host executable, which starts the
# native storage child beside it): VmRSS of host and child after /health/ready and IDLE seconds, plus a per-file
# summary of each process's /proc/PID/smaps (smaps-summary.py) in OUT/. The bench's `idle-memory` verb measures the
# same through the test harness (FEEDBACKBOT_HOST_DLL); this one needs nothing but the folder.
#   bench/scripts/idle-published.sh DIR LABEL [IDLE_SECONDS] [OUT_ROOT]
# Extra settings go in the environment (e.g. DOTNET_GCRegionSize=100000); the child inherits them.
set -euo pipefail
dir=$1 label=$2 idle=${3:-60} root=${4:-/tmp/fb-idle-results}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/fb-idle-XXXX)
port=$((20000 + RANDOM % 20000))
out=$root/$label; mkdir -p "$out"
( cd "$dir" && Storage__DataDirectory=$work/data Urls=http://127.0.0.1:$port exec ./FeedbackBot.Host > "$out/host.log" 2>&1 ) &
host=$!
for _ in $(seq 1 90); do curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break; sleep 1; done
sleep "$idle"
child=$(pgrep -P "$host" | head -1)
h=$(awk '/VmRSS/{print $2}' "/proc/$host/status"); c=$(awk '/VmRSS/{print $2}' "/proc/$child/status")
python3 "$here/smaps-summary.py" "$host" 45 > "$out/host.smaps"; python3 "$here/smaps-summary.py" "$child" 45 > "$out/child.smaps"
echo "$label host $((h/1024)) child $((c/1024)) sum $(((h+c)/1024)) MB (load $(cut -d' ' -f1 /proc/loadavg))"
kill "$host"; sleep 3; kill "$child" 2>/dev/null || true; rm -rf "$work"
