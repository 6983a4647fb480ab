# Sourced by the benchmarks (needs BIN and PORT): seeds `plenum demo --size
# full` into a fresh SQLite file in a temporary directory ($dir), serves it on
# loopback at $BASE (process $server), and on exit stops it and removes the
# directory.
BASE="http://127.0.0.1:$PORT"
dir=$(mktemp -d)
export PLENUM_DEMO_PASSWORD="bench demo passphrase"
export PLENUM_DATABASE_URL="sqlite://$dir/bench.db?mode=rwc"
export PLENUM_OUTBOX_DIR="$dir/outbox" PLENUM_LISTEN="127.0.0.1:$PORT" PLENUM_BASE_URL="$BASE"
export PLENUM_SITE_ROOT=target/site PLENUM_LOG=warn
seed_start=$(date +%s.%N)
timeout 600 "$BIN" demo --size full >/dev/null
printf 'seeded the full demo in %.2f s\n' "$(echo "$(date +%s.%N) - $seed_start" | bc)"
timeout 1800 "$BIN" serve >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done
