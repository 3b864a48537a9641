#!/usr/bin/env bash
# What the message limit costs a send (io.gridchat.bench.micro.LimitCostProbe): a Hazelcast client sends to
# in-process members (production map settings, write-behind into a no-op store) one send at a time, alternating
# blocks without and with the permit an edge node takes first; prints one JSON line (latency percentiles of both
# in microseconds, and the difference).
#
#   benchmarks/scripts/limit-cost.sh                 20 rounds of 1000 sends each way, 1 member
#   benchmarks/scripts/limit-cost.sh 40 2000 2       rounds, sends per block, members (2: with backups)
#
# Builds the benchmarks module (package, no install) first when its jar is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar
if [ ! -f "$jar" ] || [ ! -d benchmarks/target/lib ]; then
  echo "+ mvn -B -q -DskipTests package -pl benchmarks -am" >&2
  mvn -B -q -DskipTests package -pl benchmarks -am >&2
fi
export GRIDCHAT_HAZELCAST_LOG_LEVEL="${GRIDCHAT_HAZELCAST_LOG_LEVEL:-WARN}"
export GRIDCHAT_LOG_LEVEL="${GRIDCHAT_LOG_LEVEL:-WARN}"
exec java -Xms512m -Xmx1g -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 --add-modules java.se \
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED \
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
  -Dhazelcast.logging.type=slf4j -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  -cp "$jar:benchmarks/target/lib/*" io.gridchat.bench.micro.LimitCostProbe "$@"
