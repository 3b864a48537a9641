#!/usr/bin/env bash
# JMH microbenchmarks of the send path and of room joins (package io.gridchat.bench.micro):
#   SendProcessorBenchmark  executeOnKey(room, AppendMessage) on an in-process member; clientMsgId none/unique/repeated
#   FrameCodecBenchmark     decode of a client send frame, encode of a message event and of a send ack
#   RoomJoinBenchmark       a room join on a connection and its leave on an in-process member (-prof gc: bytes)
# Prints JMH's result table and writes its JSON results (default benchmarks/target/jmh/jmh-<time>.json).
#
#   benchmarks/scripts/jmh.sh                          all of them, -f 1 -wi 3 -i 5
#   benchmarks/scripts/jmh.sh FrameCodec               benchmarks whose name matches a regex
#   benchmarks/scripts/jmh.sh SendProcessor -t 4       four caller threads on one room (partition-thread ceiling)
#   benchmarks/scripts/jmh.sh SendProcessor -p members=2        with a second member (synchronous backups)
#   benchmarks/scripts/jmh.sh SendProcessor -p clientMsgId=none -p messageLimit=off,on   the message limit's cost
#   benchmarks/scripts/jmh.sh -f 1 -wi 1 -i 1 -w 1s -r 1s       smoke run
#
# Any JMH option may be given (-h lists them); -f, -wi, -i replace the defaults here, and -rf or -rff the JSON file.
# Builds the benchmarks module first when its jar is missing (--build forces it).
set -euo pipefail
cd "$(dirname "$0")/../.."

version=0.1.0-SNAPSHOT
jar="benchmarks/target/benchmarks-$version.jar"
args=()
build=false
for arg in "$@"; do
  if [ "$arg" = "--build" ]; then build=true; else args+=("$arg"); fi
done
if $build || [ ! -f "$jar" ] || [ ! -d benchmarks/target/lib ]; then
  echo "building the benchmarks module ..." >&2
  mvn -B -q install -pl benchmarks -am -DskipTests
fi

has() { # option: true when the caller gave it
  local wanted="$1"
  for arg in "${args[@]+"${args[@]}"}"; do [ "$arg" = "$wanted" ] && return 0; done
  return 1
}
defaults=()
has -f || defaults+=(-f 1)
has -wi || defaults+=(-wi 3)
has -i || defaults+=(-i 5)
result=""
if ! has -rf && ! has -rff; then
  mkdir -p benchmarks/target/jmh
  result="benchmarks/target/jmh/jmh-$(date +%Y%m%d-%H%M%S).json"
  defaults+=(-rf json -rff "$result")
fi

# Forked benchmark JVMs inherit these options and the environment: only warnings are logged, and logback keeps
# quiet about finding the logback.xml of both grid-node and edge-node on the classpath.
export GRIDCHAT_HAZELCAST_LOG_LEVEL="${GRIDCHAT_HAZELCAST_LOG_LEVEL:-WARN}"
export GRIDCHAT_LOG_LEVEL="${GRIDCHAT_LOG_LEVEL:-WARN}"
java -Dhazelcast.logging.type=slf4j -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
  -cp "$jar:benchmarks/target/lib/*" org.openjdk.jmh.Main \
  "${defaults[@]}" "${args[@]+"${args[@]}"}"
if [ -n "$result" ] && [ -f "$result" ]; then
  echo "JMH results (JSON): $result" >&2
fi
