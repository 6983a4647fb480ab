#!/usr/bin/env bash
# Loads the public programme at full size and measures it with wrk on
# loopback: seeds `plenum demo --size full` (the `demo-wsis` edition: 300
# sessions in 16 rooms over 5 days, released) into a fresh SQLite file,
# serves it, and runs wrk at concurrency 50 for BENCH_SECONDS (default 10)
# per address: the programme's day grid, a day's list and the whole list,
# a session page, a speaker page, and
# the Frab XML, iCalendar and JSON API exports (gzip accepted, as browsers
# and calendar apps do). Prints requests/s, p50 and p99 latency, the bytes
# sent per answer, and the server's resident memory after the load (peak
# too). Uses the release binary (`make build` first). Timings vary with the
# machine; nothing here passes or fails. When ../shared/data/forum-wsis.xml
# is there (the dataset pretalx was measured on), it is imported with
# `plenum import-frab` as `frab-wsis` and measured the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PLENUM_BIN:-target/release/plenum}
[ -x "$BIN" ] || { echo "build first: make build" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: bash .ci/setup" >&2; exit 1; }
PORT=${PLENUM_BENCH_PORT:-3198}
SECONDS_EACH=${BENCH_SECONDS:-10}
# The shared 300-session Frab dataset pretalx was measured on, imported as a
# second edition when it is there (BENCH_FRAB names another file).
FRAB=${BENCH_FRAB:-../shared/data/forum-wsis.xml}
. bench/full-demo.sh
if [ -f "$FRAB" ]; then
  "$BIN" import-frab "$FRAB" --code frab-wsis >/dev/null
  for _ in $(seq 20); do curl -fs "$BASE/frab-wsis/schedule.xml" -o /dev/null && break; sleep 0.5; done
fi

# wrk on one address: requests/s, p50, p99, bytes plain and gzip. A second
# argument is one more request header (e.g. Cache-Control: no-cache, which
# renders a public page afresh instead of serving it from the page cache).
measure() {
  local path=$1 extra=${2:-X-Bench: 1} plain packed out rps p50 p99 errors
  plain=$(curl -fs -o /dev/null -w '%{size_download}' "$BASE$path")
  packed=$(curl -fs -o /dev/null -H 'Accept-Encoding: gzip' -w '%{size_download}' "$BASE$path")
  out=$(wrk -t2 -c50 -d"${SECONDS_EACH}s" --latency -H 'Accept-Encoding: gzip' -H 'Accept: text/html' -H "$extra" "$BASE$path")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
  printf '%-50s %10s %9s %9s %10s %10s\n' "${path:0:50}" "$rps" "$p50" "$p99" "$plain" "$packed"
  [ -z "$errors" ] || echo "  $errors"
}

# Every address of one edition's released programme.
edition() {
  local forum=$1 api sessions key day person
  api=$(curl -fs "$BASE/api/v1/forums/$forum/sessions")
  sessions=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["sessions"]))' <<<"$api")
  key=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["sessions"][0]["key"])' <<<"$api")
  day=$(python3 -c 'import json,sys; s=json.load(sys.stdin)["sessions"]; print(s[len(s)//2]["date"])' <<<"$api")
  person=$(curl -fs "$BASE/api/v1/forums/$forum/people" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["people"][0]["guid"])')
  echo "$forum: $sessions sessions released; wrk -t2 -c50 -d${SECONDS_EACH}s, Accept-Encoding: gzip"
  printf '%-50s %10s %9s %9s %10s %10s\n' address "req/s" p50 p99 "bytes" "gzip"
  for path in "/forums/$forum/programme?view=grid&day=$day" "/forums/$forum/programme?view=list&day=$day" \
    "/forums/$forum/programme?view=list&day=all" "/forums/$forum/session/$key" "/forums/$forum/speakers/$person" \
    "/$forum/schedule.xml" "/$forum/schedule.ics" "/$forum/schedule.json" "/api/v1/forums/$forum/sessions"; do
    measure "$path"
  done
  echo "the day grid rendered afresh each time (Cache-Control: no-cache, past the page cache):"
  measure "/forums/$forum/programme?view=grid&day=$day" "Cache-Control: no-cache"
}

edition demo-wsis
[ -f "$FRAB" ] && edition frab-wsis
pid=$(pgrep -P "$server" || echo "$server")
awk '/^VmRSS|^VmHWM/ {printf "server memory %s %d MiB\n", $1, $2/1024}' "/proc/$pid/status"
