#!/usr/bin/env bash
# The session sign-up benchmark, on SQLite and on PostgreSQL: seeds the demo
# (`demo-wsis` has a released programme), adds 10,000 participants with
# approved onsite registrations and a signed-in session each (`plenum
# bench-participants`), gives 20 released sessions 50 seats, serves the site
# on loopback and fires 2,000 sign-ups over those sessions (100 per session
# for 50 seats) three times, on fresh seats with other participants each
# time: 10 in flight (the latency of one sign-up), 100 in flight, and all
# 2,000 at once. After each run it checks, in the
# database, that no session has more people signed up than seats, that the
# seat counts match the sign-ups, and that every sign-up's confirmation or
# waiting-list mail is in the outbox. Prints latency and throughput; a check
# that fails stops the script (exit 1). PostgreSQL is skipped when
# BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432) does not
# answer. Uses the release binary (`make build` first).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PLENUM_BIN:-target/release/plenum}
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }
PORT=${PLENUM_BENCH_PORT:-3197}
PG=${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
PEOPLE=${BENCH_PEOPLE:-10000}
SIGNUPS=${BENCH_SIGNUPS:-2000}
SESSIONS=20
SEATS=50
BASE="http://127.0.0.1:$PORT"
ulimit -n 8192 2>/dev/null || true
dir=$(mktemp -d)
server=""
pgdb="plenum_bench_$$"
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
export PLENUM_DEMO_PASSWORD="bench demo passphrase"
export PLENUM_OUTBOX_DIR="$dir/outbox" PLENUM_LISTEN="127.0.0.1:$PORT" PLENUM_BASE_URL="$BASE"
export PLENUM_SITE_ROOT=target/site PLENUM_LOG=warn

# One SQL answer from the benchmark's database.
query() {
  if [ "$backend" = sqlite ]; then
    python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=30); r = c.execute(sys.argv[2]).fetchone(); c.commit()
print(r[0] if r else "")' "$dir/bench.db" "$1"
  else
    psql "$PG/$pgdb" -tAc "$1"
  fi
}

check() {
  local over drift signups mails
  over=$(query "SELECT count(*) FROM (SELECT s.id FROM programme_sessions s JOIN session_signups u ON u.session_id = s.id AND u.state = 'signed-up' AND u.mode = 'onsite' WHERE s.seat_limit IS NOT NULL GROUP BY s.id, s.seat_limit HAVING count(*) > s.seat_limit) x")
  drift=$(query "SELECT count(*) FROM programme_sessions s WHERE s.seats_taken <> (SELECT count(*) FROM session_signups u WHERE u.session_id = s.id AND u.state = 'signed-up' AND u.mode = 'onsite')")
  signups=$(query "SELECT count(*) FROM session_signups WHERE state <> 'cancelled'")
  mails=$(query "SELECT count(*) FROM outbox WHERE template IN ('signup-confirmed', 'signup-waitlisted')")
  echo "  check: $signups sign-ups, $(query "SELECT count(*) FROM session_signups WHERE state = 'signed-up'") with a seat, $(query "SELECT count(*) FROM session_signups WHERE state = 'waiting'") waiting; overbooked sessions: $over; seat counts off: $drift; mails in the outbox: $mails"
  [ "$over" = 0 ] && [ "$drift" = 0 ] && [ "$mails" = "$signups" ] || { echo "  CHECK FAILED" >&2; exit 1; }
}

for backend in sqlite postgres; do
  if [ "$backend" = sqlite ]; then
    export PLENUM_DATABASE_URL="sqlite://$dir/bench.db?mode=rwc"
  else
    psql "$PG/postgres" -qc "CREATE DATABASE $pgdb" >/dev/null 2>&1 || { echo "PostgreSQL not reachable at $PG: skipped"; continue; }
    export PLENUM_DATABASE_URL="$PG/$pgdb"
  fi
  echo "== $backend"
  timeout 600 "$BIN" demo --size small >/dev/null
  start=$(date +%s.%N)
  timeout 600 "$BIN" bench-participants --forum demo-wsis --count "$PEOPLE" --sessions $SESSIONS --seats $SEATS --out "$dir/a" >/dev/null
  printf '  %s participants registered, approved and signed in (bulk) in %.1f s\n' "$PEOPLE" "$(echo "$(date +%s.%N) - $start" | bc)"
  timeout 1800 "$BIN" serve >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done
  offset=0
  for inflight in 10 100 "$SIGNUPS"; do
    # Fresh seats: the sessions' sign-ups cleared, their mails too.
    timeout 600 "$BIN" bench-participants --forum demo-wsis --count 0 --sessions $SESSIONS --seats $SEATS --out "$dir/reset" >/dev/null
    query "DELETE FROM outbox WHERE template IN ('signup-confirmed', 'signup-waitlisted')" >/dev/null || true
    timeout 300 python3 bench/signups.py "$BASE" demo-wsis "$dir/a" --signups "$SIGNUPS" --concurrency "$inflight" --offset "$offset"
    check
    offset=$((offset + SIGNUPS))
  done
  pid=$(pgrep -P "$server" plenum || echo "$server")  # the server under `timeout`
  echo "  server memory: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status) (peak $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status))"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
