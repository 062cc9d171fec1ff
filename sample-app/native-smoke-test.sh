#!/usr/bin/env bash
# Starts the sample app's native image on a loopback port and checks that cached endpoints are
# served from their caches: ./sample-app/native-smoke-test.sh sample-app/target/duocache-sample-app
set -euo pipefail

binary=${1:?usage: $0 path/to/duocache-sample-app}
work=$(mktemp -d)
port=18080
log="$work/app.log"

"$binary" --server.port=$port --server.address=127.0.0.1 \
  --sample.rides.rows=1000 --sample.sales.rows=1000 --sample.sentiment.reviews=1000 \
  --sample.rides.file="$work/pickups.csv" --duocache.persist.directory="$work/store" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; cat "$log"' EXIT

base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  if curl -fs "$base/actuator/health" | grep -q '"UP"'; then break; fi
  kill -0 $pid || { echo "the native image exited"; exit 1; }
  sleep 0.5
done
curl -fs "$base/actuator/health" | grep -q '"UP"'

get() { curl -fs --max-time 30 "$base$1"; }
expect() { # name, actual, expected
  if [ "$2" != "$3" ]; then echo "$1: expected $3, got $2"; exit 1; fi
}
field() { get "/actuator/duocache/$1" | python3 -c "import json,sys; print(json.load(sys.stdin)['$2'])"; }

expect "first /mutation/data" "$(get /mutation/data)" "[1,2,3]"
expect "second /mutation/data" "$(get /mutation/data)" "[1,2,3]"
expect "Numbers.asData hits" "$(field Numbers.asData hits)" 1
owners=$(get "/owners?lastName=D")
expect "owners again" "$(get "/owners?lastName=D")" "$owners"
expect "owner query misses" "$(field OwnerRepository.findByLastNameStartingWith misses)" 1
expect "owner query hits" "$(field OwnerRepository.findByLastNameStartingWith hits)" 1
get /rides >/dev/null
expect "rides persisted" "$(field RideLoader.loadRides storeEntries)" 1
get "/sentiment?text=great%20service" >/dev/null
echo "native image smoke test passed"
