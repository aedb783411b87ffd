#!/usr/bin/env bash
# Stops what ops/stack-start.sh started (same BONAFIDE_STACK_DATA) and leaves no process of
# theirs behind: SIGTERM first so that Kafka closes its logs cleanly, SIGKILL after a grace period.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
data=${BONAFIDE_STACK_DATA:-$root/.stack}
grace=${BONAFIDE_STACK_STOP_GRACE:-30}
[ -d "$data" ] || { echo "Nothing to stop: $data does not exist."; exit 0; }
data=$(cd "$data" && pwd)

# Every process the start script launched carries this marker on its command line, so that a
# lost pid file cannot leave one running.
marker="-Dbonafide.stack.home=$data"
pids() { pgrep -f -- "$marker( |$)" || true; }

targets=$(pids)
if [ -z "$targets" ]; then
  echo "No stack process running for $data."
  rm -f "$data/kafka.pid" "$data/apicurio.pid"
  exit 0
fi
kill -TERM $targets 2>/dev/null || true
deadline=$((SECONDS + grace))
while [ -n "$(pids)" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
left=$(pids)
if [ -n "$left" ]; then
  echo "Still running after ${grace}s, killing: $left"
  kill -KILL $left 2>/dev/null || true
  while [ -n "$(pids)" ]; do sleep 0.1; done
fi
rm -f "$data/kafka.pid" "$data/apicurio.pid"
echo "Stack stopped; data kept in $data."
