#!/usr/bin/env bash
# Times the proposal lists at IGF scale: seeds `plenum demo --size full` (2,000
# proposals) into a fresh SQLite file, serves it on loopback, signs the demo
# organiser in, and fetches each list five times (the median is printed).
# Uses the release binary (`make build` first).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PLENUM_BIN:-target/release/plenum}
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }
PORT=${PLENUM_BENCH_PORT:-3199}
. bench/full-demo.sh
jar="$dir/cookies"
curl -fs -o /dev/null -c "$jar" -H "Origin: $BASE" -H 'Accept: text/html' \
  --data-urlencode "email=organiser@demo.plenum.localhost" \
  --data-urlencode "password=$PLENUM_DEMO_PASSWORD" "$BASE/api/accounts/sign-in"
for path in /forums/demo/screening "/forums/demo/screening?sort=failed&screening=failing" \
  "/forums/demo/proposals?state=submitted" "/forums/demo/proposals.csv" /forums/demo/received; do
  times=()
  for _ in 1 2 3 4 5; do
    times+=("$(curl -fs -o /dev/null -b "$jar" -w '%{time_total}' "$BASE$path")")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  size=$(curl -fs -b "$jar" "$BASE$path" | wc -c)
  printf '%-55s %6.0f ms %8d bytes\n' "$path" "$(echo "$median * 1000" | bc)" "$size"
done
