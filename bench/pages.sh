#!/usr/bin/env bash
# Every public page type, uncached, in-process: 10,000 synthetic publications (plus the seed
# catalogue) on PostgreSQL, debug off, the page cache off; bench/pages.py renders each page
# type at 200+ distinct addresses (languages, words, page numbers, publications rotate) with
# django.test.Client and reports median and p95 milliseconds, SQL queries and HTML size per
# type. Writes its section of bench/RESULTS.md.
#
#   bench/pages.sh            (or: make bench-pages)
#
# Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/iml_bench_pages),
# BENCH_PUBLICATIONS (10000), BENCH_ADDRESSES (200 per page type), BENCH_REUSE_DATABASE
# (1: keep the database of a previous run rather than recreate it).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/iml_bench_pages}
PUBLICATIONS=${BENCH_PUBLICATIONS:-10000}
ADDRESSES=${BENCH_ADDRESSES:-200}

scripts/install.sh
command -v psql >/dev/null 2>&1 || scripts/apt-install.sh postgresql-client
bench_environment
export PUBLIC_PAGE_CACHE_SECONDS=0  # measure the pages, not the page cache
if [ "${BENCH_REUSE_DATABASE:-}" = 1 ]; then
    echo "Reusing database ${DATABASE_URL##*/}"
else
    bench_database "$PUBLICATIONS"
fi

.venv/bin/python bench/pages.py --addresses "$ADDRESSES" --machine "$(bench_machine)" \
    --command "bench/pages.sh (or make bench-pages)" | .venv/bin/python bench/results.py pages
echo "Wrote bench/RESULTS.md"
