#!/usr/bin/env bash
# Times `plenum demo` (400 proposals, then 2,000 with --size full) on a fresh
# SQLite file and, when TEST_POSTGRES_URL is set, a fresh PostgreSQL database.
# Loopback only; uses the release binary (`make build` first).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PLENUM_BIN:-target/release/plenum}
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export PLENUM_DEMO_PASSWORD="bench demo passphrase"

run() { # label, database url, size
  local start end
  start=$(date +%s.%N)
  PLENUM_DATABASE_URL="$2" timeout 300 "$BIN" demo --size "$3" >/dev/null
  end=$(date +%s.%N)
  printf '%-10s %-6s %6.2f s\n' "$1" "$3" "$(echo "$end - $start" | bc)"
}

for size in small full; do
  run sqlite "sqlite://$dir/$size.db?mode=rwc" "$size"
done
if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  for size in small full; do
    db="plenum_bench_$size"
    PGOPTIONS=--client-min-messages=warning psql "$TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    run postgres "${TEST_POSTGRES_URL%/*}/$db" "$size"
    psql "$TEST_POSTGRES_URL" -qc "DROP DATABASE $db"
  done
fi
