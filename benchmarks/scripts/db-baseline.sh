#!/usr/bin/env bash
# Database baseline (io.gridchat.bench.db.DbBaseline): in one run, N messages written to the same MariaDB shards
# (a) raw, as multi-row INSERTs of 500 rows, one transaction each, one thread per shard, and (b) through a real
# grid member's messages map and its write-behind MapStore; reports both rates and their ratio.
#
#   benchmarks/scripts/db-baseline.sh                           200,000 messages, embedded MariaDB, 4 shards
#   benchmarks/scripts/db-baseline.sh --messages 20000          a quick run
#   benchmarks/scripts/db-baseline.sh --write-batch-size 2000   try another grid.writeBatchSize
#   benchmarks/scripts/db-baseline.sh --mysql-shards jdbc:mysql://db:3306/bench_0,jdbc:mysql://db:3306/bench_1 \
#       --user bench --password secret                          existing shards (their messages tables must be empty)
#   benchmarks/scripts/db-baseline.sh --help                    every option
#
# Progress goes to stderr; the result is one JSON line on stdout, also kept in benchmarks/target/db-baseline/.
# The embedded MariaDB's binaries are kept in benchmarks/target/mariadb-base between runs; its data is deleted.
# Builds the benchmarks module first when its jar is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=0.1.0-SNAPSHOT
jar="benchmarks/target/benchmarks-$version.jar"
if [ ! -f "$jar" ] || [ ! -d benchmarks/target/lib ]; then
  echo "building the benchmarks module ..." >&2
  mvn -B -q install -pl benchmarks -am -DskipTests
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Logs to stderr, so stdout carries only the result line.
cat > "$work/logback.xml" <<'XML'
<configuration>
  <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n</pattern></encoder>
  </appender>
  <logger name="com.hazelcast" level="${GRIDCHAT_HAZELCAST_LOG_LEVEL:-WARN}"/>
  <logger name="com.zaxxer.hikari" level="WARN"/>
  <logger name="ch.vorburger" level="WARN"/>
  <root level="${GRIDCHAT_LOG_LEVEL:-INFO}"><appender-ref ref="STDERR"/></root>
</configuration>
XML

mkdir -p benchmarks/target/db-baseline
result="benchmarks/target/db-baseline/db-baseline-$(date +%Y%m%d-%H%M%S).json"
# java.io.tmpdir inside $work: the embedded MariaDB's data goes with it, even when the run is interrupted.
java -Dhazelcast.logging.type=slf4j -Dlogback.configurationFile="$work/logback.xml" -Djava.io.tmpdir="$work" \
  --add-modules java.se \
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED \
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
  -cp "$jar:benchmarks/target/lib/*" io.gridchat.bench.db.DbBaseline \
  --mariadb-base-dir benchmarks/target/mariadb-base "$@" | tee "$result"
if [ ! -s "$result" ]; then
  rm -f "$result"
  exit 1
fi
