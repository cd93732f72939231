#!/usr/bin/env bash
# Soak test: 256 concurrent connections for 30 s over comparison, article and search pages,
# against the built binary on loopback. Prints errors, non-2xx and resident memory before and
# after, and exits non-zero if any request failed or memory grew by more than 25%.
# Usage: bash scripts/soak.sh [seconds]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-30}
command -v wrk >/dev/null || { echo "soak: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -o "$tmp/versus" ./cmd/versus
port=$(( 20000 + RANDOM % 20000 ))
"$tmp/versus" serve -addr "127.0.0.1:$port" -log off >"$tmp/log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done

rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
# Warm up at the same concurrency (connection buffers, goroutine stacks and the GC's heap
# target all grow with it) and fill the page cache and search index; then take the baseline.
wrk -t2 -c256 -d10s --timeout 10s -s scripts/soak.lua "http://127.0.0.1:$port" >/dev/null
before=$(rss)
wrk -t2 -c256 -d"${duration}s" --timeout 10s -s scripts/soak.lua "http://127.0.0.1:$port" | tee "$tmp/wrk"
after=$(rss)

non2xx=$(awk '/Non-2xx or 3xx responses/ {print $NF}' "$tmp/wrk"); non2xx=${non2xx:-0}
errors=$(awk -F'[ =]' '/^requests=/ {print $4+$6+$8+$10+$12}' "$tmp/wrk")
requests=$(awk -F'[ =]' '/^requests=/ {print $2}' "$tmp/wrk")
echo
echo "soak: ${duration}s at 256 connections: requests=$requests errors=$errors non2xx=$non2xx rss_before_kib=$before rss_after_kib=$after"
status=0
[ "$errors" = 0 ] || { echo "soak: FAIL: $errors socket errors"; status=1; }
[ "$non2xx" = 0 ] || { echo "soak: FAIL: $non2xx non-2xx answers"; status=1; }
if [ "$after" -gt $(( before + before / 4 )) ]; then echo "soak: FAIL: resident memory grew from $before to $after KiB"; status=1; fi
kill -TERM "$pid"; wait "$pid" && echo "soak: server exited 0 after SIGTERM" || { echo "soak: FAIL: server exit status $?"; status=1; }
exit $status
