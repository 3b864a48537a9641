#!/usr/bin/env bash
# Runs the room operations benchmark (io.gridchat.bench.rooms.RoomOpsBenchmark) against gridchat edge nodes that
# are already running: creates users and rooms, then joins and leaves random rooms at a fixed rate (open model)
# while asking GET /api/v1/rooms?active=true a few times a second.
#
#   benchmarks/scripts/room-ops.sh [options]          options: benchmarks/scripts/room-ops.sh --help
#
#   . benchmarks/scripts/bench-limits.sh && scripts/run.sh        # in another terminal, first
#   benchmarks/scripts/room-ops.sh --edges ws://127.0.0.1:8080 --users 200 --rooms 10000 --rate 2000 \
#       --warmup 15 --duration 60                                 # the goal's load
#
# stdout: one JSON summary line. stderr: the command line used, logs and a progress line a second.
# Environment: LOAD_JAVA_OPTS (default "-Xms512m -Xmx1g"; the collector and heap pre-touch are run.sh's defaults
# for the servers, scripts/jvm-defaults.sh, unless these options say otherwise), BENCH_LOG_LEVEL (default INFO).
# Profiling: start the servers with a recording that begins with the JVM (run.sh's MEMBER_JAVA_OPTS/EDGE_JAVA_OPTS,
# e.g. -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:StartFlightRecording=filename=m.jfr,settings=default)
# and cut it to the measured window afterwards; a `jcmd JFR.start settings=profile` in the middle of a run stalls
# the servers long enough to tip this load into collapse (session 19, benchmarks/RESULTS.md "Rooms").
# Builds the benchmarks module (and what it needs, into each module's target/, nothing installed) first when its
# jar is missing. The servers must allow the load (API calls, upgrades from one address): start them with the
# limits raised as above.
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar
if [ ! -f "$jar" ] || [ ! -d benchmarks/target/lib ]; then
  echo "+ mvn -B -q -DskipTests package -pl benchmarks -am" >&2
  mvn -B -q -DskipTests package -pl benchmarks -am >&2
fi

. scripts/jvm-defaults.sh
read -r -a java_opts <<< "$(with_jvm_defaults "${LOAD_JAVA_OPTS:--Xms512m -Xmx1g}")"
cmd=(java "${java_opts[@]}" -Dlogback.configurationFile=benchmarks/scripts/logback-bench.xml
  -cp "$jar:benchmarks/target/lib/*" io.gridchat.bench.rooms.RoomOpsBenchmark "$@")
echo "+ $(printf '%q ' "${cmd[@]}")" >&2
exec "${cmd[@]}"
