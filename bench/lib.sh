# Shared by the benchmark scripts: a production-like set-up on PostgreSQL with the seed
# content and synthetic publications, a gunicorn server, and wrk measurements. Source it.

# A production-like environment: no debug, no local .env, a throwaway secret key.
bench_environment() {
    export DATABASE_URL
    export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-bench.settings}
    export DJANGO_ENV_FILE=""
    export DJANGO_DEBUG=false
    export DJANGO_HTTPS=false
    export DJANGO_ALLOWED_HOSTS=127.0.0.1
    export DJANGO_LOG_LEVEL=WARNING
    DJANGO_SECRET_KEY=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')
    export DJANGO_SECRET_KEY
}

# Installs what the measurements need: the project, wrk and the PostgreSQL client.
bench_install() {
    scripts/install.sh
    command -v wrk >/dev/null 2>&1 || scripts/apt-install.sh wrk
    command -v psql >/dev/null 2>&1 || scripts/apt-install.sh postgresql-client
    mkdir -p bench/out
}

# Recreates $DATABASE_URL's database with the fixtures and $1 synthetic publications.
bench_database() {
    local server=${DATABASE_URL%/*} database=${DATABASE_URL##*/}
    echo "Recreating database $database"
    psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
    .venv/bin/python manage.py migrate --noinput -v0
    .venv/bin/python manage.py loaddata $(ls fixtures/*.json | sort) -v0
    .venv/bin/python manage.py add_synthetic_publications "$1"
    # The Migration Law Database at the issue's scale: 10,000 instruments, 50,000 parties.
    .venv/bin/python manage.py add_synthetic_instruments "${BENCH_INSTRUMENTS:-10000}" \
        --parties "${BENCH_PARTIES:-50000}"
    .venv/bin/python manage.py compilemessages --ignore=.venv -v0
    .venv/bin/python manage.py collectstatic --noinput -v0
    # Fresh statistics, as autovacuum would gather them on a live database.
    psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
    BENCH_TOTAL=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM publications_publication")
}

# Starts gunicorn with the given arguments in the background; stopped when the script exits.
# It serves BENCH_APP (iml_portal.wsgi: the site; bench.wsgi: the site and the load test's floor).
bench_server() {
    .venv/bin/gunicorn "${BENCH_APP:-iml_portal.wsgi}" "$@" > bench/out/gunicorn.log 2>&1 &
    BENCH_SERVER_PID=$!
    trap 'kill "$BENCH_SERVER_PID" 2>/dev/null; wait "$BENCH_SERVER_PID" 2>/dev/null || true' EXIT
    for _ in $(seq 1 100); do
        curl -fs -o /dev/null "$BENCH_BASE/healthz" && return 0
        sleep 0.2
    done
    echo "error: gunicorn did not answer on $BENCH_BASE" >&2
    cat bench/out/gunicorn.log >&2
    return 1
}

# Measures one page: bench_measure NAME PATH CONNECTIONS SECONDS. Fails on a non-200 page.
# Sets BENCH_RESULT to "rps=… p50_ms=… p95_ms=… p99_ms=… requests=… errors=…".
bench_measure() {
    local name=$1 path=$2 connections=$3 seconds=$4 status
    status=$(curl -s -o /dev/null -w '%{http_code}' "$BENCH_BASE$path")
    if [ "$status" != 200 ]; then
        echo "error: $path answered $status" >&2
        return 1
    fi
    echo "Measuring $name ($path): $connections connections, ${seconds}s"
    wrk -t2 -c"$connections" -d2s "$BENCH_BASE$path" > /dev/null  # warm-up
    wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s bench/latency.lua \
        "$BENCH_BASE$path" > bench/out/wrk.txt
    BENCH_RESULT=$(sed -n 's/^RESULT //p' bench/out/wrk.txt)
}

# One field of BENCH_RESULT: bench_field rps
bench_field() { sed -E "s/.*(^| )$1=([^ ]+).*/\2/" <<< "$BENCH_RESULT"; }

bench_machine() {
    local cpu memory
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
    memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
    echo "$(nproc) cores (${cpu}), ${memory} of memory, PostgreSQL $(psql "$DATABASE_URL" -tAc 'SHOW server_version' | cut -d' ' -f1)"
}
