#!/usr/bin/env bash
# Run every fuzz target for a set time (default 5m each), one after another.
# Usage: bash scripts/fuzz.sh [duration]   e.g. bash scripts/fuzz.sh 30s
# New crashers land in the package's testdata/fuzz/<Target>/ and become regression seeds:
# commit them with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
time=${1:-5m}
targets=$(grep -rl --include='*_test.go' '^func Fuzz' . | while read -r f; do
  for t in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //'); do echo "$(dirname "$f") $t"; done
done | sort -u)
status=0
while read -r pkg target; do
  echo "== $target in $pkg for $time"
  if ! go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$time"; then
    echo "FAIL: $target"; status=1
  fi
done <<< "$targets"
exit $status
