#!/usr/bin/env bash
# Times the review pages at IGF scale: seeds `plenum demo --size full` (2,000
# proposals, about 1,500 under review with three reviews each, pending decisions) into a fresh SQLite file,
# serves it on loopback, signs the demo organiser and the demo reviewer in,
# and fetches the ranking (/forums/demo/selection) and the reviewer's home
# (/forums/demo/review) 200 times each, 10 at a time; prints p50, p95 and
# the slowest, over kept-alive connections (bench/load.py; BENCH_CLIENT=curl
# for a curl process per request). Uses the release binary (`make build` first).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PLENUM_BIN:-target/release/plenum}
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }
PORT=${PLENUM_BENCH_PORT:-3198}
REQUESTS=${BENCH_REQUESTS:-200}
CONCURRENCY=${BENCH_CONCURRENCY:-10}
. bench/full-demo.sh
sign_in() {
  curl -fs -o /dev/null -c "$2" -H "Origin: $BASE" -H 'Accept: text/html' \
    --data-urlencode "email=$1" --data-urlencode "password=$PLENUM_DEMO_PASSWORD" \
    "$BASE/api/accounts/sign-in"
}
sign_in organiser@demo.plenum.localhost "$dir/organiser"
sign_in reviewer@demo.plenum.localhost "$dir/reviewer"
measure() {
  local who=$1 path=$2
  curl -fs -o /dev/null -b "$dir/$who" "$BASE$path" # warm
  if [ "${BENCH_CLIENT:-keepalive}" = keepalive ]; then
    timeout 300 python3 bench/load.py "$BASE$path" --cookies "$dir/$who" \
      --requests "$REQUESTS" --concurrency "$CONCURRENCY"
    return
  fi
  # BENCH_CLIENT=curl: a curl process per request (the client then takes a
  # good share of the two cores; kept to compare with earlier figures).
  local size
  size=$(curl -fs -b "$dir/$who" "$BASE$path" | wc -c)
  seq "$REQUESTS" | timeout 300 xargs -P "$CONCURRENCY" -I{} \
    curl -fs -o /dev/null -b "$dir/$who" -w '%{time_total}\n' "$BASE$path" | sort -n >"$dir/times"
  local n p50 p95 max
  n=$(wc -l <"$dir/times")
  p50=$(sed -n "$(( (n + 1) / 2 ))p" "$dir/times")
  p95=$(sed -n "$(( (n * 95 + 99) / 100 ))p" "$dir/times")
  max=$(tail -n1 "$dir/times")
  printf '%-28s n=%d c=%d  p50 %5.0f ms  p95 %5.0f ms  max %5.0f ms  %8d bytes\n' "$path" "$n" "$CONCURRENCY" \
    "$(echo "$p50 * 1000" | bc)" "$(echo "$p95 * 1000" | bc)" "$(echo "$max * 1000" | bc)" "$size"
}
measure organiser /forums/demo/selection
measure reviewer /forums/demo/review
