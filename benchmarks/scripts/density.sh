#!/usr/bin/env bash
# Connection density (io.gridchat.bench.density.ConnectionDensity): N authenticated, idle WebSocket connections
# on one edge node, each pinging every 30 s; reports heap and RSS per connection of the edge JVM and the time to
# connect them all. Starts, each in its own JVM on loopback: the embedded MariaDB, one grid member, one edge node,
# then the client, which opens the connections from 127.0.1.x source addresses (one per ~25,000 connections) and
# measures the edge JVM with jcmd and /proc. Everything is stopped at the end, also on Ctrl-C.
#
#   benchmarks/scripts/density.sh                        100,000 connections
#   benchmarks/scripts/density.sh 2000                   a quick run
#   benchmarks/scripts/density.sh 20000 --users 10000 --hold-seconds 120 --deflate
#   benchmarks/scripts/density.sh --help                 the client's options
#
# Environment: EDGE_HEAP (edge -Xmx, default 4g), CLIENT_HEAP (client -Xmx, default 4g), EDGE_JAVA_OPTS (more
# edge JVM options, e.g. -XX:+UseSerialGC). Each of edge and client needs N + 2048 open files: the script raises
# its limit, and stops when the hard limit is lower. Logs: benchmarks/target/density/logs/. The result is one
# JSON line on stdout, also kept in benchmarks/target/density/.
set -euo pipefail
# Children in their own process groups: Ctrl-C reaches only this script, which stops them in order.
set -m
cd "$(dirname "$0")/../.."
# The rate limits of the gridchat processes started here are raised (bench-limits.sh says how to choose them).
. benchmarks/scripts/bench-limits.sh

connections=100000
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then
  connections="$1"
  shift
fi

version=0.1.0-SNAPSHOT
jar="benchmarks/target/benchmarks-$version.jar"
if [ ! -f "$jar" ] || [ ! -d benchmarks/target/lib ]; then
  echo "building the benchmarks module ..." >&2
  mvn -B -q install -pl benchmarks -am -DskipTests
fi
cp="$jar:benchmarks/target/lib/*"
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,16p' "$0"
  exec java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$cp" \
    io.gridchat.bench.density.ConnectionDensity --help
fi
java_opts=(-Dhazelcast.logging.type=slf4j --add-modules java.se
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED)

files=$((connections + 2048))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$files" ]; then
  if ! ulimit -n "$files" 2>/dev/null; then
    echo "density: $connections connections need $files open files per process, but the hard limit is" \
      "$(ulimit -Hn) (raise it: limits.conf, systemd LimitNOFILE, docker --ulimit nofile=...)." >&2
    exit 2
  fi
fi
read -r port_low port_high < /proc/sys/net/ipv4/ip_local_port_range
per_address=$(( (port_high - port_low) * 9 / 10 ))

home=benchmarks/target/density
logs="$home/logs"
mkdir -p "$logs"
# The MariaDB binaries stay in $home/mariadb-base between runs; the data dir is new each run.
rm -rf "$home/mariadb"
work=$(mktemp -d)
cat > "$work/logback.xml" <<'XML'
<configuration>
  <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n</pattern></encoder>
  </appender>
  <logger name="org.eclipse.jetty" level="WARN"/>
  <root level="${GRIDCHAT_LOG_LEVEL:-INFO}"><appender-ref ref="STDERR"/></root>
</configuration>
XML

pid_db="" pid_grid="" pid_edge="" pid_client=""
stop() { # pid, what: TERM, then KILL after 120 s
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
  echo "stopping $2 ..." >&2
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 240); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
stop_all() {
  trap - EXIT
  stop "$pid_client" client
  stop "$pid_edge" "edge node"
  stop "$pid_grid" "grid member"
  stop "$pid_db" MariaDB
  rm -rf "$work" "$home/mariadb"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() { # first free port on 127.0.0.1 from $1
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
await_log() { # pid, log, pattern, what
  for _ in $(seq 1 360); do
    grep -q "$3" "$2" && return 0
    kill -0 "$1" 2>/dev/null || { echo "$4 exited; see $2" >&2; tail -20 "$2" >&2; return 1; }
    sleep 0.5
  done
  echo "$4 not up in time; see $2" >&2
  return 1
}

db_port=$(free_port 3317)
echo "starting MariaDB on 127.0.0.1:$db_port ..." >&2
GRIDCHAT_EMBEDDED_MARIADBPORT=$db_port GRIDCHAT_EMBEDDED_DATADIR="$home/mariadb" \
  java "${java_opts[@]}" -cp "$cp" io.gridchat.mapstores.embedded.EmbeddedMariaDbMain > "$logs/mariadb.log" 2>&1 &
pid_db=$!
await_log "$pid_db" "$logs/mariadb.log" "MariaDB ready" MariaDB

shards=""
for i in 0 1 2 3; do shards+="${shards:+,}jdbc:mysql://127.0.0.1:$db_port/gridchat_$i"; done
member_port=$(free_port 15711)
export GRIDCHAT_CLUSTER_NAME="gridchat-density-$$" GRIDCHAT_CLUSTER_MEMBERPORT=$member_port \
  GRIDCHAT_CLUSTER_MEMBERS="127.0.0.1:$member_port" GRIDCHAT_MYSQL_SHARDS="$shards"
echo "starting a grid member on 127.0.0.1:$member_port ..." >&2
java "${java_opts[@]}" -cp "$cp" io.gridchat.grid.GridNodeMain > "$logs/grid.log" 2>&1 &
pid_grid=$!
await_log "$pid_grid" "$logs/grid.log" "grid member .* up" "grid member"

edge_port=$(free_port 18080)
echo "starting the edge node on 127.0.0.1:$edge_port (-Xmx${EDGE_HEAP:-4g}) ..." >&2
# Cheap password hashing: registering the accounts is not what is measured.
GRIDCHAT_EDGE_HOST=127.0.0.1 GRIDCHAT_EDGE_PORT=$edge_port GRIDCHAT_AUTH_PBKDF2ITERATIONS=1000 \
  java "${java_opts[@]}" "-Xmx${EDGE_HEAP:-4g}" ${EDGE_JAVA_OPTS:-} -cp "$cp" io.gridchat.edge.EdgeNodeMain \
  > "$logs/edge.log" 2>&1 &
pid_edge=$!
await_log "$pid_edge" "$logs/edge.log" "serving http" "edge node"

result="$home/density-$(date +%Y%m%d-%H%M%S).json"
java "${java_opts[@]}" "-Xmx${CLIENT_HEAP:-4g}" -Dlogback.configurationFile="$work/logback.xml" -cp "$cp" \
  io.gridchat.bench.density.ConnectionDensity --url "http://127.0.0.1:$edge_port" --server-pid "$pid_edge" \
  --connections "$connections" --per-address "$per_address" "$@" > "$work/result" &
pid_client=$!
wait "$pid_client" && status=0 || status=$?
pid_client=""
cat "$work/result"
[ -s "$work/result" ] && cp "$work/result" "$result"
exit "$status"
