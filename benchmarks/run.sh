#!/usr/bin/env bash
# Runs the whole benchmark suite on this machine, writes the JMH results as JSON under
# benchmarks/results/, measures Python's pickle on the same table shape, and regenerates the
# performance table in the README from those files.
#
#   benchmarks/run.sh            # the full suite (about 45 minutes on 2 cores; needs redis-server and redis-cli)
#   benchmarks/run.sh --stores   # only the disk and Redis store benchmarks, standalone and on a 3-master cluster
#                                # (about 17 minutes), then the table
#   benchmarks/run.sh --data     # only the data-tier benchmarks (data hits, misses, table, rows, JPA entities;
#                                # about 24 minutes), merged into the stored hit results, then the table
#   benchmarks/run.sh --report   # only regenerate the README table from benchmarks/results/
set -euo pipefail
cd "$(dirname "$0")/.."

results=benchmarks/results
stores() {
  # The MAC candidates for the seal of stored entries, next to the seal Duocache uses.
  java -jar "$jar" 'MacBenchmark.(hmacSha256|aesGmac|poly1305|entrySigner|memoryCopy)$' -f 1 -wi 3 -w 2s -i 3 -r 2s \
    -rf json -rff "$results/mac.json"
  java -jar "$jar" DiskHitBenchmark -f 1 -wi 2 -w 5s -i 5 -r 5s -jvmArgs "-Xms12g -Xmx12g" -rf json -rff "$results/disk.json"
  # One local redis-server (Debian's binary) on a free loopback port for the Redis store and its peers.
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "/tmp/duocache-bench-redis-$port.pid" > /dev/null
  trap 'kill "$(cat /tmp/duocache-bench-redis-'"$port"'.pid)" 2> /dev/null || true' EXIT
  rm -f "$results/redis-bytes.json"
  java -jar "$jar" RedisHitBenchmark -f 1 -wi 2 -w 8s -i 5 -r 3s -jvmArgs "-Xms4g -Xmx4g" \
    -jvmArgsAppend "-Dduocache.redis.port=$port -Dduocache.redis.bytes=$results/redis-bytes.json" \
    -rf json -rff "$results/redis.json"
  kill "$(cat "/tmp/duocache-bench-redis-$port.pid")"
  # The same Redis-tier hits on a three-master Redis Cluster (bus port = port + 10000).
  cluster=$(mktemp -d)
  ports=$(python3 -c '
import socket
def free(p):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p)); return True
    except OSError:
        return False
    finally:
        s.close()
found = []
for p in range(30000, 40000):
    if free(p) and free(p + 10000):
        found.append(p)
    if len(found) == 3:
        break
print(" ".join(map(str, found)))')
  for p in $ports; do
    (cd "$cluster" && redis-server --port "$p" --bind 127.0.0.1 --save '' --appendonly no --cluster-enabled yes \
      --cluster-config-file "nodes-$p.conf" --daemonize yes --pidfile "$cluster/$p.pid" > /dev/null)
  done
  trap 'for f in '"$cluster"'/*.pid; do kill "$(cat "$f")" 2> /dev/null || true; done' EXIT
  sleep 1
  redis-cli --cluster create $(for p in $ports; do printf '127.0.0.1:%s ' "$p"; done) --cluster-yes > /dev/null
  for attempt in $(seq 1 100); do
    redis-cli -p "${ports%% *}" cluster info | grep -q 'cluster_state:ok' && break
    sleep 0.1
  done
  java -jar "$jar" 'RedisHitBenchmark.(duocacheRedisHit|springJsonHit)$' -f 1 -wi 2 -w 8s -i 5 -r 3s \
    -jvmArgs "-Xms4g -Xmx4g" -jvmArgsAppend "-Dduocache.redis.cluster=${ports// /,}" \
    -rf json -rff "$results/redis-cluster.json"
}

# Row-shaped data: records at 200k and 2M rows, mutable objects at 200k, then Python's pickle of the same rows.
rows() {
  java -jar "$jar" RowBenchmark -p shape=record -f 1 -wi 1 -w 5s -i 3 -r 5s -jvmArgs "-Xms12g -Xmx12g" \
    -rf json -rff "$results/rows-record.json"
  java -jar "$jar" RowBenchmark -p shape=pojo -p rows=200000 -f 1 -wi 1 -w 5s -i 3 -r 5s -jvmArgs "-Xms12g -Xmx12g" \
    -rf json -rff "$results/rows-pojo.json"
  python3 benchmarks/pickle_rows.py > "$results/pickle-rows.json"
}

# JPA entities from a Spring Data repository on Hibernate and H2, next to the query and a bare Smile read;
# entity dependencies recorded on a miss and looked through on a commit.
jpa() {
  java -jar "$jar" JpaBenchmark -f 1 -wi 2 -w 8s -i 3 -r 3s -jvmArgs "-Xms4g -Xmx4g" -rf json -rff "$results/jpa.json"
  # What recording entity dependencies costs a miss and a commit (invalidate-on-entity-change).
  java -jar "$jar" 'EntityTrackingBenchmark|EntityCommitBenchmark' -f 1 -wi 5 -w 2s -i 10 -r 2s -jvmArgs "-Xms4g -Xmx4g" \
    -rf json -rff "$results/entities.json"
}

table() {
  java -jar "$jar" TableBenchmark -f 1 -wi 1 -w 10s -i 3 -r 5s -jvmArgs "-Xms12g -Xmx12g" -rf json -rff "$results/table.json"
}

# C2 needs a long warm-up on 2 cores: 16 s before any measurement (8 s left proxied data hits
# still compiling in some runs).
timing=(-f 1 -wi 2 -w 8s -i 3 -r 3s)
jar=benchmarks/target/benchmarks.jar
if [ "${1:-}" = "--stores" ]; then
  ./mvnw -B -ntp -q -DskipTests -pl benchmarks -am package
  stores
elif [ "${1:-}" = "--data" ]; then
  ./mvnw -B -ntp -q -DskipTests -pl benchmarks -am package
  # The resource hit the immutable-record row compares with runs again here, in the same run.
  java -jar "$jar" "DataHitBenchmark|MissBenchmark|ResourceHitBenchmark.duocacheString$" "${timing[@]}" \
    -prof gc -jvmArgs "-Xms4g -Xmx4g" -rf json -rff "$results/data-hits.json"
  python3 benchmarks/report.py --merge "$results/data-hits.json" "$results/hits.json"
  table
  rows
  jpa
elif [ "${1:-}" != "--report" ]; then
  ./mvnw -B -ntp -q -DskipTests -pl benchmarks -am package
  mkdir -p "$results"
  java -jar "$jar" "ResourceHitBenchmark|DataHitBenchmark|KeyBenchmark|MissBenchmark" "${timing[@]}" \
    -prof gc -jvmArgs "-Xms4g -Xmx4g" -rf json -rff "$results/hits.json"
  java -jar "$jar" HitScalingBenchmark -t 1 "${timing[@]}" -jvmArgs "-Xms4g -Xmx4g" -rf json -rff "$results/scaling-1.json"
  java -jar "$jar" HitScalingBenchmark -t 2 "${timing[@]}" -jvmArgs "-Xms4g -Xmx4g" -rf json -rff "$results/scaling-2.json"
  table
  rows
  jpa
  stores
  java -Xmx2g -Djol.magicFieldOffset=true -Djdk.attach.allowAttachSelf=true -cp "$jar" io.duocache.benchmarks.Footprint "$results/footprint.json"
  python3 benchmarks/pickle_table.py > "$results/pickle.json"
  java -version 2>&1 | head -1 > "$results/jvm.txt"
fi
python3 benchmarks/report.py "$results" README.md
