#!/usr/bin/env bash
# Runs the WebSocket load generator (io.gridchat.bench.load.LoadGenerator) against servers that are
# already running: gridchat edge nodes or the bare baseline (BareBroadcastServer).
#
#   benchmarks/scripts/load.sh [options]          options: benchmarks/scripts/load.sh --help
#
#   db=jdbc:mysql://127.0.0.1:3307/gridchat     # against scripts/run.sh, counting stored messages too:
#   benchmarks/scripts/load.sh --edges ws://127.0.0.1:8080 --rooms 20 --participants 5 --rate 200 \
#       --warmup 2 --duration 10 --mysql-shards ${db}_0,${db}_1,${db}_2,${db}_3 --mysql-user root --mysql-password ""
#   benchmarks/scripts/load.sh --edges ws://127.0.0.1:9090 --rooms 20 --participants 5 --rate 200 \
#       --warmup 2 --duration 10                 # against the bare baseline (BareBroadcastServer --port 9090)
#
# stdout: one JSON summary line. stderr: the command line used, logs and a progress line a second.
# Like a real client, a connection the server closes with 1013 (slow consumer, overrun edge inbox) opens again
# and resumes its rooms; each room's seq counts once ("CLOSED" and "REOPENED" in the summary's errors).
# Environment: LOAD_JAVA_OPTS (default "-Xms512m -Xmx1g"; the collector and heap pre-touch are run.sh's defaults
# for the servers, scripts/jvm-defaults.sh, unless these options say otherwise), BENCH_LOG_LEVEL (default INFO).
# Builds the benchmarks module (and what it needs) first when its jar is missing.
# The servers must allow the load: start them with the limits raised, e.g.
#   . benchmarks/scripts/bench-limits.sh && scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar
if [ ! -f "$jar" ] || [ ! -d benchmarks/target/lib ]; then
  echo "+ mvn -B -q -DskipTests install -pl benchmarks -am" >&2
  mvn -B -q -DskipTests install -pl benchmarks -am >&2
fi

. scripts/jvm-defaults.sh
read -r -a java_opts <<< "$(with_jvm_defaults "${LOAD_JAVA_OPTS:--Xms512m -Xmx1g}")"
cmd=(java "${java_opts[@]}" -Dlogback.configurationFile=benchmarks/scripts/logback-bench.xml
  -cp "$jar:benchmarks/target/lib/*" io.gridchat.bench.load.LoadGenerator "$@")
shown=()
for arg in "${cmd[@]}"; do # the command line as run, except a database password
  if [ "${previous:-}" = --mysql-password ] && [ -n "$arg" ]; then shown+=('***'); else shown+=("$arg"); fi
  previous=$arg
done
echo "+ $(printf '%q ' "${shown[@]}")" >&2
exec "${cmd[@]}"
