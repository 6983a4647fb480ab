#!/usr/bin/env bash
# The participation dashboard at IGF scale (issue 9): seeds the demo into a
# fresh SQLite file (and a PostgreSQL database when BENCH_POSTGRES answers),
# adds 11,000 approved registrations to the `demo` edition (`plenum
# bench-participants`: countries, stakeholder groups and genders varied),
# serves the site on loopback, signs the demo organiser in and fetches the
# figures page and its CSV 20 times each; prints the median and the slowest.
# Uses the release binary (`make build` first).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PLENUM_BIN:-target/release/plenum}
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }
PORT=${PLENUM_BENCH_PORT:-3196}
PG=${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
PEOPLE=${BENCH_PEOPLE:-11000}
BASE="http://127.0.0.1:$PORT"
dir=$(mktemp -d)
server=""
pgdb="plenum_figures_$$"
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $pgdb" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
export PLENUM_DEMO_PASSWORD="bench demo passphrase"
export PLENUM_OUTBOX_DIR="$dir/outbox" PLENUM_LISTEN="127.0.0.1:$PORT" PLENUM_BASE_URL="$BASE"
export PLENUM_SITE_ROOT=target/site PLENUM_LOG=warn

for backend in sqlite postgres; do
  if [ "$backend" = sqlite ]; then
    export PLENUM_DATABASE_URL="sqlite://$dir/bench.db?mode=rwc"
  else
    psql "$PG/postgres" -qc "CREATE DATABASE $pgdb" >/dev/null 2>&1 || { echo "PostgreSQL not reachable at $PG: skipped"; continue; }
    export PLENUM_DATABASE_URL="$PG/$pgdb"
  fi
  echo "== $backend"
  timeout 600 "$BIN" demo --size small >/dev/null
  timeout 600 "$BIN" bench-participants --forum demo --count "$PEOPLE" --sessions 0 --seats 0 --out "$dir/people" >/dev/null
  timeout 900 "$BIN" serve >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done
  jar="$dir/cookies"
  curl -fs -o /dev/null -c "$jar" -H "Origin: $BASE" -H 'Accept: text/html' \
    --data-urlencode "email=organiser@demo.plenum.localhost" \
    --data-urlencode "password=$PLENUM_DEMO_PASSWORD" "$BASE/api/accounts/sign-in"
  approved=$(curl -fs -b "$jar" "$BASE/forums/demo/figures/participation.csv" | awk -F, '$1 == "approved" { print $3 }')
  echo "  approved registrations counted: $approved"
  for path in /forums/demo/figures /forums/demo/figures/participation.csv; do
    times=()
    for _ in $(seq 20); do
      times+=("$(curl -fs -o /dev/null -b "$jar" -w '%{time_total}' "$BASE$path")")
    done
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    printf '  %-42s median %5.1f ms, slowest %5.1f ms\n' "$path" \
      "$(echo "$(echo "$sorted" | sed -n 10p) * 1000" | bc)" "$(echo "$(echo "$sorted" | tail -1) * 1000" | bc)"
  done
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
