#!/usr/bin/env bash
# Runs every test and fuzz target of the module on its own, one process each, so that a test
# that only passes after another has run (shared state filled by someone else) fails here.
# Usage: scripts/each-test-alone.sh [package pattern]   (default ./...)
set -uo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
failed=0 total=0
for pkg in $(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' "${1:-./...}"); do
  exe="$bin/$(basename "$pkg").test"
  go test -c -o "$exe" "$pkg" || { echo "FAIL build $pkg"; failed=$((failed+1)); continue; }
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for name in $("$exe" -test.list '.*' | grep -E '^(Test|Fuzz)'); do
    total=$((total+1))
    if out=$(cd "$dir" && "$exe" -test.run "^${name}\$" -test.count=1 2>&1); then
      echo "ok   $pkg $name"
    else
      failed=$((failed+1))
      echo "FAIL $pkg $name"
      echo "$out" | tail -20
    fi
  done
done
echo "$total tests and fuzz targets run alone, $failed failed"
[ "$failed" -eq 0 ]
