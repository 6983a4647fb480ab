#!/usr/bin/env bash
# Loads the public programme at full size and measures it with wrk on
# loopback: seeds `plenum demo --size full` (the `demo-wsis` edition: 300
# sessions in 16 rooms over 5 days, released) into a fresh SQLite file,
# serves it, and runs wrk at concurrency 50 for BENCH_SECONDS (default 10)
# per address: the public programme page, a session page, a speaker page, and
# the Frab XML, iCalendar and JSON API exports (gzip accepted, as browsers
# and calendar apps do). Prints requests/s, p50 and p99 latency, the bytes
# sent per answer, and the server's resident memory after the load (peak
# too). Uses the release binary (`make build` first). Timings vary with the
# machine; nothing here passes or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PLENUM_BIN:-target/release/plenum}
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: bash .ci/setup" >&2; exit 1; }
PORT=${PLENUM_BENCH_PORT:-3198}
SECONDS_EACH=${BENCH_SECONDS:-10}
FORUM=demo-wsis
. bench/full-demo.sh

api=$(curl -fs "$BASE/api/v1/forums/$FORUM/sessions")
sessions=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["sessions"]))' <<<"$api")
key=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["sessions"][0]["key"])' <<<"$api")
person=$(curl -fs "$BASE/api/v1/forums/$FORUM/people" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["people"][0]["guid"])')
echo "demo-wsis: $sessions sessions released; wrk -t2 -c50 -d${SECONDS_EACH}s, Accept-Encoding: gzip"
printf '%-44s %10s %9s %9s %10s %10s\n' address "req/s" p50 p99 "bytes" "gzip"
for path in "/forums/$FORUM/programme" "/forums/$FORUM/session/$key" "/forums/$FORUM/speakers/$person" \
  "/$FORUM/schedule.xml" "/$FORUM/schedule.ics" "/$FORUM/schedule.json" "/api/v1/forums/$FORUM/sessions"; do
  plain=$(curl -fs -o /dev/null -w '%{size_download}' "$BASE$path")
  packed=$(curl -fs -o /dev/null -H 'Accept-Encoding: gzip' -w '%{size_download}' "$BASE$path")
  out=$(wrk -t2 -c50 -d"${SECONDS_EACH}s" --latency -H 'Accept-Encoding: gzip' -H 'Accept: text/html' "$BASE$path")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
  printf '%-44s %10s %9s %9s %10s %10s\n' "${path:0:44}" "$rps" "$p50" "$p99" "$plain" "$packed"
  [ -z "$errors" ] || echo "  $errors"
done
awk '/^VmRSS|^VmHWM/ {printf "server memory %s %d MiB\n", $1, $2/1024}' "/proc/$server/status"
