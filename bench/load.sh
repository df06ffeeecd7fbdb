#!/usr/bin/env bash
# Load test of the production set-up: gunicorn with gunicorn.conf.py, PostgreSQL holding the
# seed content and 10,000 synthetic publications, Redis as the shared cache. For each of the
# home page, the catalogue, a search and a publication page, repeated requests (served from
# the page cache, as in production) are measured against the floor: a minimal Django view
# with NO middleware, served by the same gunicorn processes (bench/wsgi.py), answering with
# the same bytes (the page, saved beforehand to bench/out/floor/<name>.html). wrk holds
# BENCH_CONNECTIONS connections on the page and on its floor alternately, in BENCH_ROUNDS
# slices each (page first, then floor first, …), so the machine's noise falls on both.
# Writes requests per second, p50 and p99 of page and floor and their ratio (the target:
# page/floor >= 0.70) to its section of bench/RESULTS.md; fails if any request failed.
#
#   bench/load.sh            (or: make bench-load)
#
# Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/iml_bench_load),
# BENCH_REDIS_URL (redis://127.0.0.1:6379/12, emptied first), BENCH_PORT (8121),
# BENCH_PUBLICATIONS (10000), BENCH_CONNECTIONS (32), BENCH_DURATION (20 seconds per page,
# and as long on its floor), BENCH_ROUNDS (4 slices each).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/iml_bench_load}
export REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/12}
PUBLICATIONS=${BENCH_PUBLICATIONS:-10000}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
DURATION=${BENCH_DURATION:-20}
ROUNDS=${BENCH_ROUNDS:-4}
SLICE=$(awk -v d="$DURATION" -v r="$ROUNDS" 'BEGIN { s = d / r; printf "%d", (s < 1 ? 1 : s) }')
BENCH_BASE="http://127.0.0.1:${BENCH_PORT:-8121}"

# name|file name of its floor|path
PAGES=(
    "Home|home|/en/"
    "Catalogue|catalogue|/en/publications/"
    "Search|search|/en/publications/?q=detention"
    "Publication|publication|/en/publications/international-migration-law-n20-glossary-on-migration-greek/"
)

bench_install
command -v redis-cli >/dev/null 2>&1 || scripts/apt-install.sh redis-tools
bench_environment
redis-cli -u "$REDIS_URL" flushdb > /dev/null
bench_database "$PUBLICATIONS"
rm -rf bench/out/floor && mkdir -p bench/out/floor
BENCH_APP=bench.wsgi GUNICORN_BIND=${BENCH_BASE#http://} bench_server -c gunicorn.conf.py

# One slice of wrk: slice PATH; appends "rps p50 p99 requests errors" to $slices.
slice() {
    wrk -t2 -c"$CONNECTIONS" -d"${SLICE}s" --timeout 10s -s bench/latency.lua \
        "$BENCH_BASE$1" > bench/out/wrk.txt
    BENCH_RESULT=$(sed -n 's/^RESULT //p' bench/out/wrk.txt)
    echo "$(bench_field rps) $(bench_field p50_ms) $(bench_field p99_ms) $(bench_field requests) $(bench_field errors)"
}

# Totals of the slices on stdin: requests/s overall, the median slice's p50, the worst p99,
# requests, errors.
summary() {
    sort -n -k2 | awk '
        { rps[NR] = $1; p50[NR] = $2; if ($3 > p99) p99 = $3; req += $4; err += $5; secs += $4 / $1 }
        END { mid = (NR % 2) ? p50[(NR + 1) / 2] : (p50[NR / 2] + p50[NR / 2 + 1]) / 2
              printf "%.1f %.1f %.1f %d %d\n", req / secs, mid, p99, req, err }'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows="" failed=0 worst=""
for entry in "${PAGES[@]}"; do
    IFS='|' read -r name file path <<< "$entry"
    floor="/bench/floor/$file"
    status=$(curl -s -o "bench/out/floor/$file.html" -w '%{http_code}' "$BENCH_BASE$path")
    [ "$status" = 200 ] || { echo "error: $path answered $status" >&2; exit 1; }
    curl -fs "$BENCH_BASE$floor" | cmp -s - "bench/out/floor/$file.html" \
        || { echo "error: $floor does not answer the bytes of $path" >&2; exit 1; }
    echo "Measuring $name ($path) against $floor: $CONNECTIONS connections, $ROUNDS x ${SLICE}s each"
    wrk -t2 -c"$CONNECTIONS" -d2s "$BENCH_BASE$path" > /dev/null  # warm-up
    wrk -t2 -c"$CONNECTIONS" -d2s "$BENCH_BASE$floor" > /dev/null
    page_slices="" floor_slices="" ratios=""
    for round in $(seq 1 "$ROUNDS"); do
        if [ $((round % 2)) = 1 ]; then
            p=$(slice "$path") f=$(slice "$floor")
        else
            f=$(slice "$floor") p=$(slice "$path")
        fi
        page_slices+="$p"$'\n' floor_slices+="$f"$'\n'
        ratios+="$(awk -v a="${p%% *}" -v b="${f%% *}" 'BEGIN { printf "%.2f", a / b }') "
    done
    read -r prps pp50 pp99 preq perr <<< "$(printf '%s' "$page_slices" | summary)"
    read -r frps fp50 fp99 freq ferr <<< "$(printf '%s' "$floor_slices" | summary)"
    ratio=$(awk -v a="$prps" -v b="$frps" 'BEGIN { printf "%.2f", a / b }')
    echo "  page $prps req/s, floor $frps req/s: ratio $ratio (slices: $ratios)"
    rows+="| $name | \`$path\` | $prps | $pp50 | $pp99 | $frps | $fp50 | $fp99 | **$ratio** | ${ratios% } | $((preq + freq)) | $((perr + ferr)) |"$'\n'
    [ "$perr" = 0 ] && [ "$ferr" = 0 ] || failed=1
    worst=$(awk -v a="$ratio" -v w="$worst" 'BEGIN { print (w == "" || a < w) ? a : w }')
done
workers=$(pgrep -c -P "$BENCH_SERVER_PID" || true)
echo "Profiling a hit against the floor in one process"
profile=$(.venv/bin/python bench/profile_hit.py $(for entry in "${PAGES[@]}"; do
    IFS='|' read -r _ file path <<< "$entry"; printf '%s=%s ' "$file" "$path"; done))
restarts=$(($(grep -c "Booting worker" bench/out/gunicorn.log || true) - workers))  # beyond the first

.venv/bin/python bench/results.py load <<MARKDOWN
## Load test: cached pages against the floor, ${CONNECTIONS} connections, production set-up

Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD)\` by
\`bench/load.sh\` (or \`make bench-load\`): gunicorn with \`gunicorn.conf.py\` (${workers} sync
workers, ${restarts} worker restarts during the run), PostgreSQL holding
${BENCH_TOTAL} publications (${PUBLICATIONS} synthetic, plus the seed catalogue), Redis as
the shared cache. Repeated requests for one address are served from the page cache, as they
are in production. The floor is a minimal Django view with **no middleware**, served by the
same gunicorn worker processes (\`bench/wsgi.py\`), answering with the same bytes as the page
(saved from it just before). Each page and its floor were loaded in ${ROUNDS} alternating
slices of ${SLICE} s each (page first in odd rounds, floor first in even ones), after a 2 s
warm-up of each, with \`wrk -t2 -c${CONNECTIONS} -d${SLICE}s --timeout 10s -s bench/latency.lua\`.
Requests per second are over all slices; p50 is the median slice's, p99 the worst slice's
(milliseconds). "Ratio" is the page's requests per second over its floor's; the target is
0.70 or more. Lowest ratio in this run: **${worst}**.

| page | path | page req/s | p50 | p99 | floor req/s | floor p50 | floor p99 | ratio | ratio per slice | requests | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |
${rows}
In one process (\`bench/profile_hit.py\`: the WSGI application called directly, as gunicorn
calls it, without HTTP; best of three runs of 3,000 calls), microseconds per request:

${profile}

The gap between a hit and its floor is what runs before the cache answers (the request id and
its log line, CORS, the cache's own lookup: host check, key, this process's copy) and the
page's headers (about 14: security headers, CSP, ETag, …), which Django and gunicorn handle
one by one, where the floor sends two. See "Where a cache hit's time goes" below.

Machine: $(bench_machine); load generator, server, database and Redis share it (load
average before the run: ${load_before}). Compare runs made on the same machine.
MARKDOWN
echo "Wrote bench/RESULTS.md (lowest ratio: $worst)"
if [ "$failed" != 0 ]; then
    echo "error: some requests failed (see the errors column)" >&2
    exit 1
fi
