#!/usr/bin/env bash
# Load test of the production set-up: gunicorn with gunicorn.conf.py, PostgreSQL holding the
# seed content and 10,000 synthetic publications, Redis as the shared cache. wrk opens 200
# concurrent connections for 60 seconds on each of the home page, the catalogue, a search
# and a publication page, then on a minimal Django view served by the same gunicorn and
# middleware (the floor). Fails unless every request succeeded; writes requests per second,
# p50 and p99 per page, and each page's throughput as a ratio of the floor's, to its section
# of bench/RESULTS.md.
#
#   bench/load.sh            (or: make bench-load)
#
# Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/iml_bench_load),
# BENCH_REDIS_URL (redis://127.0.0.1:6379/14, emptied first), BENCH_PORT (8121),
# BENCH_PUBLICATIONS (10000), BENCH_CONNECTIONS (200), BENCH_DURATION (60 seconds per page).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/iml_bench_load}
export REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/14}
PUBLICATIONS=${BENCH_PUBLICATIONS:-10000}
CONNECTIONS=${BENCH_CONNECTIONS:-200}
DURATION=${BENCH_DURATION:-60}
BENCH_BASE="http://127.0.0.1:${BENCH_PORT:-8121}"

PAGES=(
    "Home|/en/"
    "Catalogue|/en/publications/"
    "Search|/en/publications/?q=detention"
    "Publication|/en/publications/international-migration-law-n20-glossary-on-migration-greek/"
    "Floor: minimal Django view|/bench/floor"
)

bench_install
command -v redis-cli >/dev/null 2>&1 || scripts/apt-install.sh redis-tools
bench_environment
redis-cli -u "$REDIS_URL" flushdb > /dev/null
bench_database "$PUBLICATIONS"
GUNICORN_BIND=${BENCH_BASE#http://} bench_server -c gunicorn.conf.py

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A rps p50 p99 requests errors
names=()
for entry in "${PAGES[@]}"; do
    name=${entry%%|*} path=${entry#*|}
    names+=("$name")
    bench_measure "$name" "$path" "$CONNECTIONS" "$DURATION"
    rps[$name]=$(bench_field rps) p50[$name]=$(bench_field p50_ms) p99[$name]=$(bench_field p99_ms)
    requests[$name]=$(bench_field requests) errors[$name]=$(bench_field errors)
done

workers=$(pgrep -c -P "$BENCH_SERVER_PID" || true)  # counted now that all have started
floor=${rps["${names[-1]}"]}
rows="" failed=0
for i in "${!names[@]}"; do
    name=${names[$i]} path=${PAGES[$i]#*|}
    ratio=$(awk -v a="${rps[$name]}" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')
    rows+="| $name | \`$path\` | ${rps[$name]} | ${p50[$name]} | ${p99[$name]} | ${ratio} | ${requests[$name]} | ${errors[$name]} |"$'\n'
    [ "${errors[$name]}" = 0 ] || failed=1
done

.venv/bin/python bench/results.py load <<MARKDOWN
## Load test: 200 connections, production set-up

Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD)\` by
\`bench/load.sh\` (or \`make bench-load\`): gunicorn with \`gunicorn.conf.py\` (${workers} sync
workers), PostgreSQL holding ${BENCH_TOTAL} publications (${PUBLICATIONS} synthetic, plus the
seed catalogue), Redis as the shared cache. Each page was loaded for ${DURATION} s, after a
2 s warm-up, with \`wrk -t2 -c${CONNECTIONS} -d${DURATION}s --timeout 10s -s bench/latency.lua\`.
Repeated requests for one address are served from the page cache, as they are in production.
"Ratio" is the page's requests per second over the floor's: a minimal Django view served by
the same gunicorn through the same middleware. A cached page can beat the floor: a cache hit
is answered before the session, locale, CSRF, authentication, messages and lockout
middleware, which the floor view goes through. Latencies in milliseconds.

| page | path | requests/s | p50 | p99 | ratio to floor | requests | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows}
Machine: $(bench_machine); load generator, server, database and Redis share it (load
average before the run: ${load_before}). Compare runs made on the same machine.
MARKDOWN
echo "Wrote bench/RESULTS.md"
if [ "$failed" != 0 ]; then
    echo "error: some requests failed (see the errors column)" >&2
    exit 1
fi
