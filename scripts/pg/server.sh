#!/usr/bin/env bash
# The local PostgreSQL of `npm run dev:pg`, the worker-pg tests, CI and `npm run bench:pg`:
#   scripts/pg/server.sh start   installs Debian's postgresql-15 if missing (as root), creates the cluster in .pg/
#                                (gitignored) and starts it on 127.0.0.1:54329 (scripts/pg/local.ts), database verbatim
#   scripts/pg/server.sh stop    stops it
#   scripts/pg/server.sh kill    stops it at once (`pg_ctl stop -m immediate`: connections cut, as in a crash)
#   scripts/pg/server.sh status  exits 0 when it answers
# VERBATIM_PG_DATA and VERBATIM_PG_PORT make another, disposable cluster (test/pg-node stops its own, never this one).
# PostgreSQL refuses to run as root: as root the cluster belongs to Debian's `postgres` user and runs as that user.
# Tuned for a disposable development copy (no fsync): the data is rebuilt from the corpus by `npm run build:pg`.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${VERBATIM_PG_PORT:-54329}"
BIN=/usr/lib/postgresql/15/bin
DATA="${VERBATIM_PG_DATA:-$PWD/.pg/data}"

# As root the cluster belongs to `postgres`, who must reach .pg/: a checkout under a private home falls back to /var/tmp.
resolve_data() {
  if [ "$(id -u)" = 0 ] && [ -z "${VERBATIM_PG_DATA:-}" ] && id postgres >/dev/null 2>&1; then
    mkdir -p .pg && chown postgres .pg
    if ! runuser -u postgres -- test -w .pg; then
      DATA="/var/tmp/verbatim-pg-$(printf %s "$PWD" | md5sum | cut -c1-8)/data"
    fi
  fi
  LOG="$(dirname "$DATA")/server.log"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ready() { "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres -d verbatim; }

install() {
  if [ -x "$BIN/postgres" ] && [ -f /usr/lib/postgresql/15/lib/pg_trgm.so ]; then return; fi
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL 15 is missing: sudo apt-get install postgresql-15" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
}

start() {
  if ready; then return; fi
  install
  resolve_data
  mkdir -p "$(dirname "$DATA")"
  if [ "$(id -u)" = 0 ]; then chown postgres "$(dirname "$DATA")"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync >/dev/null
  fi
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c work_mem=32MB \
    -c maintenance_work_mem=1GB -c max_wal_size=4GB -c max_connections=200 -c jit=off" start >/dev/null
  local psql=("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qtA)
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'verbatim'")" != 1 ]; then
    "${psql[@]}" -c 'CREATE DATABASE verbatim' >/dev/null
  fi
  echo "PostgreSQL on 127.0.0.1:$PORT (data in $DATA)"
}

stop() {
  resolve_data
  if [ -f "$DATA/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; fi
}

kill_now() {
  resolve_data
  if [ -f "$DATA/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  kill) kill_now ;;
  status) ready ;;
  *)
    echo "usage: $0 start|stop|kill|status" >&2
    exit 2
    ;;
esac
