#!/usr/bin/env bash
# Lighthouse scores of the site, as a phone sees it (Lighthouse's default mobile form factor):
# builds versus, serves it on 127.0.0.1, runs Lighthouse on a few pages with Debian's chromium,
# prints performance, accessibility, best-practices and SEO per page, and lists every audit
# that cost a point. Exits 1 if any score is below 100. Not part of `go test`: each page takes
# about half a minute. See docs/QUALITY.md.
#
#   tools/lighthouse.sh [PATH...]     default: /  /articles/batteries-included  /compare/django-vs-nodejs
#
# Environment: CHROME_PATH (default /usr/bin/chromium), LIGHTHOUSE_ADDR (default 127.0.0.1:8931),
# LIGHTHOUSE_RUNS (runs per page, default 1; with more, the run of median performance counts,
# as Lighthouse advises against the noise of one run), LIGHTHOUSE_OUT (folder for the JSON
# reports; default a temporary folder, printed).
set -euo pipefail
cd "$(dirname "$0")/.."

export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
addr="${LIGHTHOUSE_ADDR:-127.0.0.1:8931}"
runs="${LIGHTHOUSE_RUNS:-1}"
lighthouse=tools/node_modules/.bin/lighthouse
if [ ! -x "$lighthouse" ]; then
  echo "lighthouse not installed: run (cd tools && npm ci --ignore-scripts)" >&2
  exit 2
fi
if [ $# -eq 0 ]; then
  set -- / /articles/batteries-included /compare/django-vs-nodejs
fi

work=$(mktemp -d)
out="${LIGHTHOUSE_OUT:-$work/reports}"
mkdir -p "$out"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work/bin"
}
trap cleanup EXIT

go build -o "$work/bin/versus" ./cmd/versus
"$work/bin/versus" serve -addr "$addr" -log off &
server=$!
for _ in $(seq 100); do
  if curl -fsS "http://$addr/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
curl -fsS "http://$addr/healthz" >/dev/null

status=0
for path in "$@"; do
  name=$(echo "$path" | tr -c 'a-zA-Z0-9\n-' '_' | sed -e 's/^_*$/home/' -e 's/^_//')
  reports=()
  for run in $(seq "$runs"); do
    reports+=("$out/$name-$run.json")
    "$lighthouse" "http://$addr$path" --quiet --output=json --output-path="$out/$name-$run.json" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless --no-sandbox --disable-gpu"
  done
  # The median run's scores, each audit that cost points (weight > 0 and score below 1), and
  # the ids of the unweighted diagnostics that did not pass.
  node - "$path" "${reports[@]}" <<'EOF' || status=1
const [path, ...reports] = process.argv.slice(2);
const runs = reports.map(f => JSON.parse(require("fs").readFileSync(f, "utf8")));
runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
const lhr = runs[Math.floor((runs.length - 1) / 2)];
const cats = ["performance", "accessibility", "best-practices", "seo"];
const scores = cats.map(c => Math.round(lhr.categories[c].score * 100));
const all = runs.map(r => Math.round(r.categories.performance.score * 100)).join(",");
console.log(path.padEnd(34) + cats.map((c, i) => `${c} ${scores[i]}`).join("  ") + (runs.length > 1 ? `  (performance of each run: ${all})` : ""));
const hints = [];
for (const c of cats) {
  for (const ref of lhr.categories[c].auditRefs) {
    const a = lhr.audits[ref.id];
    if (a.score === null || a.score >= 1 || ["notApplicable", "informative", "manual"].includes(a.scoreDisplayMode)) continue;
    if (ref.weight === 0) {
      hints.push(a.id);
      continue;
    }
    console.log(`  ${c}: ${a.id} (score ${a.score}, weight ${ref.weight}): ${a.title}${a.displayValue ? " — " + a.displayValue : ""}`);
    for (const item of (a.details && a.details.items || []).slice(0, 5)) {
      const where = item.node ? item.node.selector + " " + (item.node.snippet || "") : item.url || "";
      if (where) console.log(`      ${where}`);
    }
  }
}
if (hints.length) console.log(`  diagnostics (no weight): ${hints.join(", ")}`);
process.exit(scores.some(s => s < 100) ? 1 : 0);
EOF
done
echo "reports: $out"
exit $status
