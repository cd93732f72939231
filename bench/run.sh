#!/usr/bin/env bash
# bench/run.sh: measure issue 6's performance targets side by side in one run and print the
# ratios. Method and results: docs/PERFORMANCE.md.
#
#   bash bench/run.sh
#
#   1. throughput of /compare/django-vs-nodejs with gzip: versus serve vs nginx (gzip_static)
#   2. a 2,000-article corpus: versus build vs hugo (wall time, peak RSS), versus serve start-up
#   3. page weight of the comparison page and the CSS/JS it links, as served (br and gzip)
#
# Knobs (environment): DURATION=10s ROUNDS=3 (wrk), ARTICLES=2000, RUNS=5 (hyperfine and
# start-up), RSS_RUNS=3, SERVER_CPUS=0 CLIENT_CPUS=1 (taskset), KEEP=1 keeps the temp dir,
# PROFILE=0 skips the pprof section, STRICT=1 exits 3 when a target is missed, NICE=-10 is
# the priority everything runs at (0 leaves it alone).
#
# The machine may be shared: other processes on the same CPUs slow whichever side happens to be
# running. So the script raises its own priority (renice, inherited by every child), reports
# the load average and how busy the server CPU was with other work, and computes each ratio
# from the least-disturbed run (best req/s among rounds where other work took at most
# CLEAN_OTHER=20 percent of the server CPU, fastest build, fastest start-up) next to the
# median/mean. CPU time per request is printed too: it depends far less on contention.
#
# Everything is written under one temp dir (nginx and hugo configs included); only 127.0.0.1 is
# used; every server started is stopped. Exits 1 when a tool is missing or a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."

# Everything runs inside main, which bash reads whole before running it, so editing this file
# while a run is under way cannot change or break that run.
main() {
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
ROUNDS=${ROUNDS:-3}
ARTICLES=${ARTICLES:-2000}
RUNS=${RUNS:-5}
RSS_RUNS=${RSS_RUNS:-3}
SERVER_CPUS=${SERVER_CPUS:-0}
CLIENT_CPUS=${CLIENT_CPUS:-1}
PAGE=/compare/django-vs-nodejs
WEIGHT_LIMIT=$((14 * 1024))

# ---------------------------------------------------------------------------------------------
# Tools: every one is required; a missing tool is an error, never a silently skipped step.
missing=0
need() { # need COMMAND DEBIAN-PACKAGE
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "bench: $1 is missing (apt-get install -y $2)" >&2
    missing=1
  fi
}
need go golang
need nginx nginx
need wrk wrk
need hugo hugo
need hyperfine hyperfine
need curl curl
need taskset util-linux
need gzip gzip
need awk gawk
need sort coreutils
if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is missing (apt-get install -y time)" >&2
  missing=1
fi
if [ "$missing" = 1 ]; then exit 1; fi
if ! taskset -c "$SERVER_CPUS" true 2>/dev/null || ! taskset -c "$CLIENT_CPUS" true 2>/dev/null; then
  echo "bench: cannot pin to CPUs $SERVER_CPUS / $CLIENT_CPUS (set SERVER_CPUS and CLIENT_CPUS)" >&2
  exit 1
fi

NICE=${NICE:--10}
if [ "$NICE" != 0 ]; then
  if ! renice -n "$NICE" -p $$ >/dev/null 2>&1; then
    echo "bench: cannot renice to $NICE (not root?); running at normal priority" >&2
  fi
fi

T=$(mktemp -d /tmp/versus-bench.XXXXXX)
chmod 755 "$T" # nginx's worker runs as an unprivileged user and must read the exported site
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ -z "${KEEP:-}" ]; then rm -rf "$T"; else echo "bench: kept $T"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '\n== %s\n' "$*"; }
# median of numbers on stdin
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) {print "nan"} else if (NR % 2) {print v[(NR+1)/2]} else {print (v[NR/2]+v[NR/2+1])/2}}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
# verdict VALUE OP LIMIT: "met" or "SHORT"
verdict() { awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {ok = (op == "<=") ? v <= l : v >= l; print ok ? "met" : "SHORT"}'; }

# free_port prints a TCP port on 127.0.0.1 that nothing answers on.
free_port() {
  local p
  for p in $(seq "$1" $(($1 + 200))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "bench: no free port from $1" >&2
  exit 1
}

# wait_200 URL: wait up to 60 s for a 200.
wait_200() {
  local i
  for i in $(seq 1 1200); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ]; then return 0; fi
    sleep 0.05
  done
  echo "bench: $1 never answered 200" >&2
  exit 1
}

# ---------------------------------------------------------------------------------------------
say "machine"
echo "cpus: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); this script runs at nice $(nice)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN {exit !(l > n)}'; then
  echo "bench: WARNING: the load average exceeds the CPU count; other work will disturb the figures" >&2
fi
echo "$(go version); nginx $(nginx -v 2>&1 | sed 's/.*\///'); $(hugo version | cut -d' ' -f1-2); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); $(hyperfine --version)"

say "build the binaries (as the Dockerfile does: CGO_ENABLED=0 -trimpath -ldflags='-s -w')"
CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$T/versus" ./cmd/versus
go build -o "$T/gencorpus" ./bench/gencorpus
go build -o "$T/startup" ./bench/startup
go build -o "$T/weight" ./bench/weight
echo "ok: $T/versus"

# ---------------------------------------------------------------------------------------------
say "1. throughput of $PAGE with gzip: versus serve vs nginx gzip_static"
"$T/versus" build -out "$T/site" >/dev/null
gzip -k -9 "$T/site$PAGE/index.html"
mkdir -p "$T/nginx/tmp"
VPORT=$(free_port 18181)
NPORT=$(free_port $((VPORT + 1)))
cat >"$T/nginx/nginx.conf" <<EOF
# Generated by bench/run.sh: one worker, static files, precompressed gzip.
worker_processes 1;
daemon off;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 120s;
  keepalive_requests 100000000; # Go keeps a connection open indefinitely; so does nginx here
  types { text/html html; text/css css; image/svg+xml svg; application/xml xml; }
  default_type application/octet-stream;
  client_body_temp_path $T/nginx/tmp/body;
  proxy_temp_path $T/nginx/tmp/proxy;
  fastcgi_temp_path $T/nginx/tmp/fastcgi;
  uwsgi_temp_path $T/nginx/tmp/uwsgi;
  scgi_temp_path $T/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$NPORT;
    root $T/site;
    gzip_static on;
    location / { try_files \$uri \$uri/index.html =404; }
  }
}
EOF
taskset -c "$SERVER_CPUS" nginx -p "$T/nginx" -c "$T/nginx/nginx.conf" -e "$T/nginx/error.log" &
PIDS+=($!)
NGINX_PID=$!
taskset -c "$SERVER_CPUS" "$T/versus" serve -addr "127.0.0.1:$VPORT" -log off >"$T/versus.out" 2>&1 &
PIDS+=($!)
VERSUS_PID=$!
VURL="http://127.0.0.1:$VPORT$PAGE"
NURL="http://127.0.0.1:$NPORT$PAGE"
wait_200 "$VURL"
wait_200 "$NURL"
echo "servers pinned to CPU $SERVER_CPUS (versus: GOMAXPROCS follows the affinity; nginx: 1 worker), wrk pinned to CPU $CLIENT_CPUS"
for u in "$VURL" "$NURL"; do
  line=$(curl -s -o /dev/null -D "$T/headers" -H 'Accept-Encoding: gzip' -w '%{http_code} body=%{size_download} headers=%{size_header}' "$u")
  enc=$(grep -i '^content-encoding:' "$T/headers" | tr -d '\r' | cut -d' ' -f2)
  echo "$u -> $line encoding=${enc:-none}"
  if [ "$enc" != gzip ]; then
    echo "bench: $u did not answer with gzip" >&2
    exit 1
  fi
done

# The process that does the work: versus itself, and nginx's one worker.
NGINX_WORKER=$(tr ' ' '\n' <"/proc/$NGINX_PID/task/$NGINX_PID/children" | grep -m1 .)
# cpu_ticks PID: user+system CPU time the process has used, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
# cpu_busy N: busy ticks of CPU N so far (everything but idle and iowait), from /proc/stat.
cpu_busy() { awk -v c="cpu$1" '$1 == c {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
SERVER_CPU1=${SERVER_CPUS%%[,-]*}
CLEAN_OTHER=${CLEAN_OTHER:-20}
CLIENT_CPU1=${CLIENT_CPUS%%[,-]*}

# wrk_run URL DURATION PID: prints "req/s requests cpu-ticks"; fails on socket errors or
# non-2xx answers. PID's CPU time is read before and after, for the CPU cost per request.
wrk_run() {
  local out t0 t1 b0 b1 c0 c1
  t0=$(cpu_ticks "$3")
  b0=$(cpu_busy "$SERVER_CPU1")
  c0=$(cpu_busy "$CLIENT_CPU1")
  out=$(taskset -c "$CLIENT_CPUS" wrk -t1 -c64 -d"$2" -H 'Accept-Encoding: gzip' "$1")
  t1=$(cpu_ticks "$3")
  b1=$(cpu_busy "$SERVER_CPU1")
  c1=$(cpu_busy "$CLIENT_CPU1")
  echo "$out" >>"$T/wrk.log"
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
    echo "bench: wrk reported errors for $1:" >&2
    echo "$out" >&2
    exit 1
  fi
  awk -v ticks=$((t1 - t0)) -v busy=$((b1 - b0)) -v client=$((c1 - c0)) '/^Requests\/sec:/ {rps = $2} / requests in / {n = $1} END {print rps, n, ticks, busy, client}' <<<"$out"
}
echo "warm-up: $WARMUP each"
wrk_run "$VURL" "$WARMUP" "$VERSUS_PID" >/dev/null
wrk_run "$NURL" "$WARMUP" "$NGINX_WORKER" >/dev/null
: >"$T/rps.versus"
: >"$T/rps.nginx"
: >"$T/cpu.versus"
: >"$T/cpu.nginx"
: >"$T/clean.versus"
: >"$T/clean.nginx"
for r in $(seq 1 "$ROUNDS"); do
  # Alternate the order so neither server always runs first.
  if [ $((r % 2)) = 1 ]; then order="versus nginx"; else order="nginx versus"; fi
  for s in $order; do
    if [ "$s" = versus ]; then u=$VURL pid=$VERSUS_PID; else u=$NURL pid=$NGINX_WORKER; fi
    read -r rps n ticks busy client < <(wrk_run "$u" "$DURATION" "$pid")
    us=$(awk -v t="$ticks" -v n="$n" -v hz="$HZ" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
    # The server's share of its CPU, and what other processes took of that CPU meanwhile.
    own=$(awk -v t="$ticks" -v hz="$HZ" -v d="${DURATION%s}" 'BEGIN {printf "%.0f", 100 * t / hz / d}')
    other=$(awk -v t="$ticks" -v b="$busy" -v hz="$HZ" -v d="${DURATION%s}" 'BEGIN {o = 100 * (b - t) / hz / d; printf "%.0f", o < 0 ? 0 : o}')
    cl=$(awk -v c="$client" -v hz="$HZ" -v d="${DURATION%s}" 'BEGIN {printf "%.0f", 100 * c / hz / d}')
    echo "$rps" >>"$T/rps.$s"
    echo "$us" >>"$T/cpu.$s"
    if [ "$other" -le "$CLEAN_OTHER" ]; then echo "$rps" >>"$T/clean.$s"; fi
    printf 'round %d  %-7s %7.0f req/s %5.1f µs CPU/req | CPU %s: server %3s%%, other %3s%% | CPU %s (wrk) busy %3s%% | load %s\n' \
      "$r" "$s" "$rps" "$us" "$SERVER_CPU1" "$own" "$other" "$CLIENT_CPU1" "$cl" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
MED_V=$(median <"$T/rps.versus")
MED_N=$(median <"$T/rps.nginx")
# The best round of each server among the undisturbed ones (other work on the server CPU at
# most CLEAN_OTHER percent); when a server had none, its best round, and the verdict says so.
DISTURBED=""
for s in versus nginx; do
  if [ ! -s "$T/clean.$s" ]; then
    DISTURBED=1
    cp "$T/rps.$s" "$T/clean.$s"
  fi
done
RPS_V=$(sort -g "$T/clean.versus" | tail -1)
RPS_N=$(sort -g "$T/clean.nginx" | tail -1)
CPU_V=$(median <"$T/cpu.versus")
CPU_N=$(median <"$T/cpu.nginx")
printf 'median: versus %.0f req/s, nginx %.0f req/s, ratio %s\n' "$MED_V" "$MED_N" "$(ratio "$MED_V" "$MED_N")"
printf 'best undisturbed round (other work <= %s%%): versus %.0f req/s, nginx %.0f req/s, ratio %s%s\n' \
  "$CLEAN_OTHER" "$RPS_V" "$RPS_N" "$(ratio "$RPS_V" "$RPS_N")" "${DISTURBED:+ (DISTURBED: a server had no undisturbed round; rerun when the machine is quiet)}"
printf 'median CPU time per request (server process only): versus %s µs, nginx %s µs; capacity ratio (nginx/versus) %s\n' \
  "$CPU_V" "$CPU_N" "$(ratio "$CPU_N" "$CPU_V")"

# ---------------------------------------------------------------------------------------------
say "3. page weight of $PAGE as served (body bytes; versus is still running)"
curl -s "$VURL" >"$T/page.html"
# The page's stylesheets and scripts, as linked from its HTML.
mapfile -t ASSETS < <(grep -oE '<(link|script)[^>]*>' "$T/page.html" |
  grep -E 'rel="stylesheet"|<script' | grep -oE '(href|src)="[^"]+"' | cut -d'"' -f2 |
  grep -E '\.(css|js)([?#].*)?$' || true)
# size URL ENCODING: body bytes as served; checks the server used that encoding.
size() {
  local line enc
  line=$(curl -s -o /dev/null -D "$T/headers" -H "Accept-Encoding: $2" -w '%{size_download}' "$1")
  enc=$(grep -i '^content-encoding:' "$T/headers" | tr -d '\r' | cut -d' ' -f2)
  if [ "$2" != identity ] && [ "$enc" != "$2" ]; then
    echo "bench: $1 served as '${enc:-identity}' when asked for $2" >&2
    exit 1
  fi
  echo "$line"
}
printf '%-44s %10s %8s %8s\n' file identity gzip br
W_ID=0 W_GZ=0 W_BR=0
for f in "$PAGE" "${ASSETS[@]}"; do
  u="http://127.0.0.1:$VPORT$f"
  id=$(size "$u" identity)
  gz=$(size "$u" gzip)
  br=$(size "$u" br)
  printf '%-44s %10d %8d %8d\n' "$f" "$id" "$gz" "$br"
  W_ID=$((W_ID + id)) W_GZ=$((W_GZ + gz)) W_BR=$((W_BR + br))
done
printf '%-44s %10d %8d %8d   (limit %d bytes = 14 KiB)\n' total "$W_ID" "$W_GZ" "$W_BR" "$WEIGHT_LIMIT"
others=$(grep -oE '<link[^>]*rel="(icon|preload|modulepreload)"[^>]*>' "$T/page.html" | grep -oE 'href="[^"]+"' | cut -d'"' -f2 | tr '\n' ' ' || true)
echo "not counted (not CSS/JS): ${others:-none}"
echo "every two-subject default view, the largest (bench/weight):"
"$T/weight" || true

kill "$VERSUS_PID" "$NGINX_PID"
wait "$VERSUS_PID" "$NGINX_PID" 2>/dev/null || true

# ---------------------------------------------------------------------------------------------
say "2. $ARTICLES generated articles: versus build vs hugo"
cp -r content "$T/content"
"$T/gencorpus" -content "$T/content" -hugo "$T/hugo/content/posts" -n "$ARTICLES"
"$T/versus" check -content "$T/content"
mkdir -p "$T/hugo/layouts/_default"
cat >"$T/hugo/hugo.toml" <<'EOF'
# Generated by bench/run.sh: a minimal site; goldmark and chroma at their defaults, except that
# chroma writes CSS classes as versus does.
baseURL = "http://127.0.0.1/"
title = "bench"
[markup.highlight]
noClasses = false
EOF
cat >"$T/hugo/layouts/_default/single.html" <<'EOF'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav>{{ .TableOfContents }}</nav><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
EOF
cat >"$T/hugo/layouts/_default/list.html" <<'EOF'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
EOF
VBUILD="$T/versus build -content $T/content -out $T/out-versus"
HBUILD="hugo --quiet --source $T/hugo --destination $T/out-hugo --cacheDir $T/hugo-cache"
hyperfine --style basic --warmup 1 --runs "$RUNS" \
  --prepare "rm -rf $T/out-versus $T/out-hugo" \
  --export-csv "$T/build.csv" \
  -n versus "$VBUILD" -n hugo "$HBUILD"
# hyperfine CSV: command,mean,stddev,median,user,system,min,max
MEAN_BV=$(awk -F, '$1 == "versus" {print $2}' "$T/build.csv")
MEAN_BH=$(awk -F, '$1 == "hugo" {print $2}' "$T/build.csv")
BUILD_V=$(awk -F, '$1 == "versus" {print $7}' "$T/build.csv")
BUILD_H=$(awk -F, '$1 == "hugo" {print $7}' "$T/build.csv")
CPU_BV=$(awk -F, '$1 == "versus" {print $5 + $6}' "$T/build.csv")
CPU_BH=$(awk -F, '$1 == "hugo" {print $5 + $6}' "$T/build.csv")
printf 'build wall time: fastest versus %.2f s, hugo %.2f s (ratio %s); mean versus %.2f s, hugo %.2f s (ratio %s)\n' \
  "$BUILD_V" "$BUILD_H" "$(ratio "$BUILD_V" "$BUILD_H")" "$MEAN_BV" "$MEAN_BH" "$(ratio "$MEAN_BV" "$MEAN_BH")"
printf 'build CPU time (user+system, mean): versus %.2f s, hugo %.2f s\n' "$CPU_BV" "$CPU_BH"

echo "peak memory (/usr/bin/time -v, maximum resident set size, $RSS_RUNS runs each):"
: >"$T/rss.versus"
: >"$T/rss.hugo"
for r in $(seq 1 "$RSS_RUNS"); do
  for s in versus hugo; do
    rm -rf "$T/out-$s"
    if [ "$s" = versus ]; then cmd=$VBUILD; else cmd=$HBUILD; fi
    # shellcheck disable=SC2086 # the commands are word-split on purpose
    /usr/bin/time -v $cmd >/dev/null 2>"$T/time.txt"
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$T/time.txt")
    echo "$kb" >>"$T/rss.$s"
    printf '  run %d  %-7s %8d kB\n' "$r" "$s" "$kb"
  done
done
RSS_V=$(median <"$T/rss.versus")
RSS_H=$(median <"$T/rss.hugo")
echo "written: versus $(find "$T/out-versus" -name '*.html' | wc -l) HTML files, $(du -sm "$T/out-versus" | cut -f1) MB; hugo $(find "$T/out-hugo" -name '*.html' | wc -l) HTML files, $(du -sm "$T/out-hugo" | cut -f1) MB"
echo "largest versus files: $(find "$T/out-versus" -type f -printf '%s %P\n' | sort -rn | head -3 | awk '{printf "%s (%.1f MB)  ", $2, $1 / 1e6}')"

SPORT=$(free_port $((NPORT + 1)))
echo "versus serve -content: time from exec until /healthz answers 200 (polled every 5 ms), $RUNS runs:"
"$T/startup" -url "http://127.0.0.1:$SPORT/healthz" -runs "$RUNS" -every 5ms -- \
  "$T/versus" serve -content "$T/content" -addr "127.0.0.1:$SPORT" -log off | tee "$T/startup.txt"
START_MED=$(sed -n 's/^startup: median_ms=\([0-9.]*\).*/\1/p' "$T/startup.txt")
START_MS=$(sed -n 's/^startup: .*min_ms=\([0-9.]*\).*/\1/p' "$T/startup.txt")
START_RSS=$(sed -n 's/.* rss_kb=\([0-9]*\).*/\1/p' "$T/startup.txt")

# ---------------------------------------------------------------------------------------------
if [ "${PROFILE:-1}" != 0 ]; then
  say "profiles (PROFILE=0 skips): where the build's and the server's time goes"
  # Profiles come from benchmarks of the real code paths, so they cannot drift from them.
  VERSUS_BENCH_CONTENT="$T/content" go test ./cmd/versus -run '^$' -bench '^BenchmarkBuild$' -benchtime 1x \
    -cpuprofile "$T/build.cpu.pprof" -o "$T/build.test" >/dev/null
  echo "-- build CPU, cumulative (go tool pprof -top -cum):"
  go tool pprof -top -cum -nodecount=25 "$T/build.test" "$T/build.cpu.pprof" 2>/dev/null | sed -n '/flat%/,$p' | cut -c1-160
  go test ./internal/server -run '^$' -bench '^BenchmarkComparePageCached$' -benchtime 3s \
    -cpuprofile "$T/serve.cpu.pprof" -o "$T/server.test" >/dev/null
  echo "-- serving a cached comparison, CPU flat (in-process, without the network):"
  go tool pprof -top -nodecount=15 "$T/server.test" "$T/serve.cpu.pprof" 2>/dev/null | sed -n '/flat%/,$p' | cut -c1-160
fi

# ---------------------------------------------------------------------------------------------
say "summary (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
R1=$(ratio "$RPS_V" "$RPS_N")
R2=$(ratio "$BUILD_V" "$BUILD_H")
R3=$(ratio "$RSS_V" "$RSS_H")
R4=$(ratio "$(awk -v m="$START_MS" 'BEGIN {print m / 1000}')" "$BUILD_H")
V1=$(verdict "$R1" ">=" 0.9)
if [ -n "$DISTURBED" ]; then V1="$V1 (DISTURBED)"; fi
V2=$(verdict "$R2" "<=" 0.5)
V3=$(verdict "$R3" "<=" 0.5)
V4=$(verdict "$R4" "<=" 0.5)
V5=$(verdict "$W_BR" "<=" "$WEIGHT_LIMIT")
V6=$(verdict "$W_GZ" "<=" "$WEIGHT_LIMIT")
{
  printf '%-38s %14s %14s %7s %8s %s\n' measure versus reference ratio target result
  printf '%-38s %14.0f %14.0f %7s %8s %s\n' "1 gzip req/s, best round (nginx)" "$RPS_V" "$RPS_N" "$R1" ">= 0.90" "$V1"
  printf '%-38s %14.0f %14.0f %7s\n' "  (median round)" "$MED_V" "$MED_N" "$(ratio "$MED_V" "$MED_N")"
  printf '%-38s %14.1f %14.1f %7s\n' "  (CPU µs per request; nginx/versus)" "$CPU_V" "$CPU_N" "$(ratio "$CPU_N" "$CPU_V")"
  printf '%-38s %14.2f %14.2f %7s %8s %s\n' "2 build wall s, fastest (hugo)" "$BUILD_V" "$BUILD_H" "$R2" "<= 0.50" "$V2"
  printf '%-38s %14.2f %14.2f %7s\n' "  (mean)" "$MEAN_BV" "$MEAN_BH" "$(ratio "$MEAN_BV" "$MEAN_BH")"
  printf '%-38s %14.2f %14.2f %7s\n' "  (CPU s, user+system, mean)" "$CPU_BV" "$CPU_BH" "$(ratio "$CPU_BV" "$CPU_BH")"
  printf '%-38s %14.0f %14.0f %7s %8s %s\n' "2 build peak RSS MB, median (hugo)" "$(awk -v k="$RSS_V" 'BEGIN {print k / 1024}')" "$(awk -v k="$RSS_H" 'BEGIN {print k / 1024}')" "$R3" "<= 0.50" "$V3"
  printf '%-38s %14.2f %14.2f %7s %8s %s\n' "2 serve ready s, fastest (hugo build)" "$(awk -v m="$START_MS" 'BEGIN {print m / 1000}')" "$BUILD_H" "$R4" "<= 0.50" "$V4"
  printf '%-38s %14.2f %14.2f %7s\n' "  (median start-up)" "$(awk -v m="$START_MED" 'BEGIN {print m / 1000}')" "$BUILD_H" "$(ratio "$(awk -v m="$START_MED" 'BEGIN {print m / 1000}')" "$BUILD_H")"
  printf '%-38s %14d %14d %7s %8s %s\n' "3 page weight br bytes (limit)" "$W_BR" "$WEIGHT_LIMIT" "$(ratio "$W_BR" "$WEIGHT_LIMIT")" "<= 1.00" "$V5"
  printf '%-38s %14d %14d %7s %8s %s\n' "3 page weight gzip bytes (limit)" "$W_GZ" "$WEIGHT_LIMIT" "$(ratio "$W_GZ" "$WEIGHT_LIMIT")" "<= 1.00" "$V6"
  printf '(versus serve -content peak RSS when ready: %d MB)\n' $((START_RSS / 1024))
} | tee "$T/summary.txt"

if [ -n "${STRICT:-}" ] && grep -q SHORT "$T/summary.txt"; then exit 3; fi
}

main "$@"
