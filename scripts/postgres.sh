#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1:PORT (default 55432) for the PostgreSQL store's tests and for
# trying `serve --store postgres://...` by hand: initdb + pg_ctl in a temp dir, no system service. Installs Debian's
# postgresql first if no server binaries are found. As root the cluster runs as `nobody` (initdb refuses root).
# Prints PG_URL and then READY, one per line; SIGINT/SIGTERM stops the cluster and removes the temp dir, and so does
# the end of the process that started this script (a test runner killed with SIGKILL leaves no cluster behind).
#   usage: scripts/postgres.sh [PORT]
set -euo pipefail

PORT="${1:-55432}"
PARENT=$PPID
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
BIN="$(find_bin)"
if [[ -z "$BIN" || ! -x "$BIN/initdb" ]]; then
  echo "PostgreSQL server binaries not found; installing postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends postgresql >&2
  BIN="$(find_bin)"
fi

WORK="$(mktemp -d -t scim-harness-pg.XXXXXX)"
RUN=()
if [[ "$(id -u)" == 0 ]]; then
  chown nobody:nogroup "$WORK"
  RUN=(runuser -u nobody --)
fi
SLEEPER=""
cleanup() {
  [[ -n "$SLEEPER" ]] && kill "$SLEEPER" 2>/dev/null || true
  "${RUN[@]}" "$BIN/pg_ctl" -D "$WORK/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap 'cleanup; exit 0' INT TERM
trap cleanup EXIT

"${RUN[@]}" "$BIN/initdb" -D "$WORK/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log" >&2; exit 1; }
# Loopback only; the socket lives in the temp dir too. max_connections covers a test's several serve processes.
# wal_writer_delay=10s: the background WAL writer does not flush asynchronous commits within a test, so a test
# sees whether the store's own flush (durable()) really put them on disk.
"${RUN[@]}" "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w -t 60 \
  -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=50 -c shared_buffers=32MB -c wal_writer_delay=10s" start >/dev/null \
  || { cat "$WORK/server.log" >&2; exit 1; }

echo "PG_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
echo READY
# Runs until signalled or until the starting process is gone (then the EXIT trap stops the cluster). The sleeper
# must not hold our stdout: a reader waiting for end-of-file would wait for it after we are gone.
while kill -0 "$PARENT" 2>/dev/null; do
  sleep 2 </dev/null >/dev/null 2>&1 &
  SLEEPER=$!
  wait "$SLEEPER" || true
done
