#!/usr/bin/env bash
# Benchmarks the publication catalogue: 10,000 synthetic publications (plus the seed
# catalogue) on PostgreSQL, served by gunicorn on 127.0.0.1, loaded with wrk; writes the
# figures to bench/RESULTS.md. Rerunnable: it recreates its own database each time.
#
#   bench/catalogue.sh            (or: make bench-catalogue)
#
# Settings (environment): BENCH_DATABASE_URL (default
# postgres://postgres@127.0.0.1:5432/iml_bench_catalogue), BENCH_PORT (8111),
# BENCH_PUBLICATIONS (10000), BENCH_WORKERS (2), BENCH_CONNECTIONS (4), BENCH_DURATION
# (15 seconds per page).
set -euo pipefail
cd "$(dirname "$0")/.."

DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/iml_bench_catalogue}
PORT=${BENCH_PORT:-8111}
PUBLICATIONS=${BENCH_PUBLICATIONS:-10000}
WORKERS=${BENCH_WORKERS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-4}
DURATION=${BENCH_DURATION:-15}
OUT=bench/out
RESULTS=bench/RESULTS.md
BASE="http://127.0.0.1:$PORT"

# The pages measured: name|path.
PAGES=(
  "List (newest first)|/en/publications/"
  "Filtered list (language, theme, years)|/en/publications/?language=en&theme=human-rights&year_from=2010&year_to=2020"
  "Search, frequent word, by relevance|/en/publications/?q=detention"
  "Search, rare word|/en/publications/?q=biometric"
  "Detail page|/en/publications/international-migration-law-n20-glossary-on-migration-greek/"
  "One row per work|/en/publications/?group=work"
)

scripts/install.sh
command -v wrk >/dev/null 2>&1 || scripts/apt-install.sh wrk
command -v psql >/dev/null 2>&1 || scripts/apt-install.sh postgresql-client
mkdir -p "$OUT"

# Production-like settings: no debug, plain settings module, a throwaway secret key.
export DATABASE_URL
export DJANGO_SETTINGS_MODULE=iml_portal.settings
export DJANGO_ENV_FILE=""
export DJANGO_DEBUG=false
export DJANGO_HTTPS=false
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_LOG_LEVEL=WARNING
DJANGO_SECRET_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')
export DJANGO_SECRET_KEY

server=${DATABASE_URL%/*}
database=${DATABASE_URL##*/}
echo "Recreating database $database"
psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py loaddata $(ls fixtures/*.json | sort) -v0
.venv/bin/python manage.py add_synthetic_publications "$PUBLICATIONS"
.venv/bin/python manage.py compilemessages --ignore=.venv -v0
.venv/bin/python manage.py collectstatic --noinput -v0
# Fresh statistics, as autovacuum would gather them on a live database.
psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
total=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM publications_publication")

echo "Starting gunicorn on $BASE with $WORKERS workers"
.venv/bin/gunicorn iml_portal.wsgi --workers "$WORKERS" --bind "127.0.0.1:$PORT" \
  --no-control-socket --log-level warning > "$OUT/gunicorn.log" 2>&1 &
gunicorn_pid=$!
trap 'kill "$gunicorn_pid" 2>/dev/null; wait "$gunicorn_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fs -o /dev/null "$BASE/en/publications/" && break
  sleep 0.2
done

field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<< "$result"; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=""
for entry in "${PAGES[@]}"; do
  name=${entry%%|*}
  path=${entry#*|}
  status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
  if [ "$status" != 200 ]; then
    echo "error: $path answered $status" >&2
    exit 1
  fi
  echo "Measuring $name: $path"
  wrk -t1 -c"$CONNECTIONS" -d2s "$BASE$path" > /dev/null  # warm-up
  wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/latency.lua "$BASE$path" > "$OUT/wrk.txt"
  result=$(grep '^RESULT' "$OUT/wrk.txt")
  rows+="| $name | \`$path\` | $(field rps) | $(field p50_ms) | $(field p95_ms) | $(field p99_ms) | $(field requests) | $(field errors) |"$'\n'
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
postgres=$(psql "$DATABASE_URL" -tAc "SHOW server_version")
cat > "$RESULTS" <<MARKDOWN
# Catalogue benchmark

Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git rev-parse --short HEAD)\` by

    bench/catalogue.sh

(\`make bench-catalogue\` runs the same.) Each page was loaded for ${DURATION} s, after a 2 s
warm-up, with

    wrk -t1 -c${CONNECTIONS} -d${DURATION}s -s bench/latency.lua <url>

against gunicorn (${WORKERS} sync workers, \`DJANGO_DEBUG=false\`, \`iml_portal.settings\`) on
127.0.0.1, with PostgreSQL ${postgres} on the same machine, holding ${total} publications
(${PUBLICATIONS} synthetic ones from \`manage.py add_synthetic_publications\`, plus the seed
catalogue). Latencies in milliseconds, as the load generator saw them (queueing included).

| page | path | requests/s | median | p95 | p99 | requests | errors |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows}
Machine: $(nproc) cores (${cpu}), ${memory} of memory. The load generator, gunicorn and
PostgreSQL share those cores, with whatever else the machine was running: the load average
(1, 5 and 15 minutes) just before the measurements was ${load_before}, this script's own
set-up included. Figures from a busy shared machine are lower and noisier than a dedicated
server's; compare runs made on the same machine.
MARKDOWN
echo "Wrote $RESULTS"
cat "$RESULTS"
