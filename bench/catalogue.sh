#!/usr/bin/env bash
# The catalogue's own speed as it grows: 10,000 synthetic publications (plus the seed
# catalogue) on PostgreSQL, gunicorn on 127.0.0.1, the page cache turned off so every request
# renders its page (filters, facet counts, search) or its API answer (/api/v1/); wrk measures
# requests per second and median, p95 and p99 latency per page. Writes its section of
# bench/RESULTS.md.
#
#   bench/catalogue.sh            (or: make bench-catalogue)
#
# Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/iml_bench_catalogue),
# BENCH_PORT (8111), BENCH_PUBLICATIONS (10000), BENCH_WORKERS (2), BENCH_CONNECTIONS (4),
# BENCH_DURATION (15 seconds per page).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/iml_bench_catalogue}
PUBLICATIONS=${BENCH_PUBLICATIONS:-10000}
WORKERS=${BENCH_WORKERS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-4}
DURATION=${BENCH_DURATION:-15}
BENCH_BASE="http://127.0.0.1:${BENCH_PORT:-8111}"

PAGES=(
    "List (newest first)|/en/publications/"
    "Filtered list (language, theme, years)|/en/publications/?language=en&theme=human-rights&year_from=2010&year_to=2020"
    "Search, frequent word, by relevance|/en/publications/?q=detention"
    "Search, rare word|/en/publications/?q=biometric"
    "Search through the thesaurus (Spanish word, English page)|/en/publications/?q=trata"
    "Typo search (did you mean)|/en/publications/?q=detension"
    "Detail page|/en/publications/international-migration-law-n20-glossary-on-migration-greek/"
    "One row per work|/en/publications/?group=work"
    "API list (search, page 2)|/api/v1/publications/?q=migration&page=2"
)

bench_install
bench_environment
export PUBLIC_PAGE_CACHE_SECONDS=0  # measure the pages, not the page cache
bench_database "$PUBLICATIONS"
bench_server --workers "$WORKERS" --bind "${BENCH_BASE#http://}" --no-control-socket

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=""
for entry in "${PAGES[@]}"; do
    name=${entry%%|*} path=${entry#*|}
    bench_measure "$name" "$path" "$CONNECTIONS" "$DURATION"
    rows+="| $name | \`$path\` | $(bench_field rps) | $(bench_field p50_ms) | $(bench_field p95_ms) | $(bench_field p99_ms) | $(bench_field requests) | $(bench_field errors) |"$'\n'
done

.venv/bin/python bench/results.py catalogue <<MARKDOWN
## The catalogue, uncached, with ${BENCH_TOTAL} publications

Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD)\` by
\`bench/catalogue.sh\` (or \`make bench-catalogue\`): gunicorn with ${WORKERS} sync workers and
\`PUBLIC_PAGE_CACHE_SECONDS=0\`, so every request renders its page from PostgreSQL
(${BENCH_TOTAL} publications: ${PUBLICATIONS} synthetic ones from
\`manage.py add_synthetic_publications\`, plus the seed catalogue). Each page was loaded for
${DURATION} s after a 2 s warm-up with \`wrk -t2 -c${CONNECTIONS} -d${DURATION}s -s bench/latency.lua\`.
Latencies in milliseconds, as the load generator saw them (queueing included).

| page | path | requests/s | median | p95 | p99 | requests | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows}
Machine: $(bench_machine); load generator, server and database share it (load average
before the run: ${load_before}). Compare runs made on the same machine.
MARKDOWN
echo "Wrote bench/RESULTS.md"
