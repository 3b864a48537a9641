#!/usr/bin/env bash
# Fault injection: starts gridchat as separate JVMs on loopback (embedded MariaDB, a TCP forwarder in front
# of shard 1, 3 grid members, 2 edge nodes), then runs each scenario with its own load driver
# (io.gridchat.bench.faults.FaultDriver: fresh users and rooms, clients that retry with the same clientMsgId,
# reconnect to the other edge and resume), injects the fault, stops the load, and prints the driver's JSON
# line per scenario on stdout. Scenarios run one after another on the same platform, which is healed
# (3 members, 2 edges, shard reachable, partitions migrated) before each:
#   a  kill -9 a grid member under load, wait until re-partitioning finished, kill -9 a second one
#   b  shard 1 unreachable (forwarder cut) for --outage seconds, then back
#   c  kill -9 an edge node; its clients reconnect to the other one and resume
#   d  graceful stop of all grid members (SIGTERM, shutdown hook flushes), then start them again
#   e  shard 1 unreachable for --outage seconds, and halfway through kill -9 a grid member: the rows the dead
#      member could not store must be stored by the promoted backups (README "Write-behind backups")
# After the last scenario the final check: edge nodes stopped, grid members stopped gracefully (their
# write-behind queues flushed, however long that takes), then io.gridchat.bench.faults.FaultVerify compares
# every send each driver saw acked ($out/<scenario>.acks.tsv) with MySQL, with no time limit left to run out;
# one JSON line per scenario on stdout and in verified.jsonl (a driver's own line can only say "not yet stored"
# when its --drain wait ends first). Exit status 1 if anything acked was lost, duplicated or reordered.
#
#   benchmarks/scripts/faults.sh                         all scenarios, 400 sends/s, 60 s outage
#   benchmarks/scripts/faults.sh --scenarios a,c --rate 300 --outage 20
#
# Flags (default): --scenarios (a,b,c,d,e) --rate (400) --outage (60) --rooms (100) --participants (4)
#   --connections (100) --warmup (10: load before the fault) --tail (10: load after the fault) --build
#   --drain (180: most seconds the driver waits after the load for every ack and stored row; above the box's
#   capacity the backlog needs longer, or "acked but not in MySQL" only means not yet)
# Ports (loopback): MariaDB 3317, shard-1 forwarder 3318 (control 3319), members 5801-5803, edges 8180-8181.
# Data and logs: benchmarks/target/faults/ (logs/, results.jsonl). Every process started here is stopped on
# exit, Ctrl-C included. JVM heaps: MEMBER_HEAP (512m), EDGE_HEAP (384m), DRIVER_HEAP (512m).
set -euo pipefail
cd "$(dirname "$0")/../.."
# The rate limits of the gridchat processes started here are raised (bench-limits.sh says how to choose them).
. benchmarks/scripts/bench-limits.sh
# Extra member JVM options, word-split (none by default).
MEMBER_JAVA_OPTS=${MEMBER_JAVA_OPTS-}

scenarios=a,b,c,d,e
rate=400
outage=60
rooms=100
participants=4
connections=100
warmup=10
tail_s=10
drain=180
build=false
while [ $# -gt 0 ]; do
  case "$1" in
    --scenarios) scenarios="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --outage) outage="$2"; shift 2 ;;
    --rooms) rooms="$2"; shift 2 ;;
    --participants) participants="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --tail) tail_s="$2"; shift 2 ;;
    --drain) drain="$2"; shift 2 ;;
    --build) build=true; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

version=0.1.0-SNAPSHOT
grid_jar="grid-node/target/grid-node-$version.jar"
edge_jar="edge-node/target/edge-node-$version.jar"
bench_jar="benchmarks/target/benchmarks-$version.jar"
if $build || [ ! -f "$grid_jar" ] || [ ! -f "$edge_jar" ] || [ ! -f "$bench_jar" ] || [ ! -d benchmarks/target/lib ]; then
  echo "+ mvn -B -q -DskipTests package" >&2
  mvn -B -q -DskipTests package >&2
fi

out=benchmarks/target/faults
logs=$out/logs
# Each run starts with empty logs (the previous run's are kept in logs.previous): the harness greps them.
rm -rf "$logs.previous"
if [ -d "$logs" ]; then mv "$logs" "$logs.previous"; fi
mkdir -p "$logs" "$out/tmp"
db_port=3317
fwd_port=3318
fwd_control=3319
member_base=5801
edge_base=8180
members=3
edges=2
java_opts=(-Dhazelcast.logging.type=slf4j -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 --add-modules java.se
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED)
grid_cp="$grid_jar:grid-node/target/lib/*"
edge_cp="$edge_jar:edge-node/target/lib/*"
bench_cp="$bench_jar:benchmarks/target/lib/*"

export GRIDCHAT_CLUSTER_NAME=gridchat-faults
export GRIDCHAT_EMBEDDED_MARIADBPORT=$db_port
export GRIDCHAT_EMBEDDED_DATADIR=$PWD/$out/mariadb
export GRIDCHAT_AUTH_PBKDF2ITERATIONS=${GRIDCHAT_AUTH_PBKDF2ITERATIONS:-1000}
addresses=""
for ((i = 0; i < members; i++)); do addresses+="${addresses:+,}127.0.0.1:$((member_base + i))"; done
export GRIDCHAT_CLUSTER_MEMBERS=$addresses
direct_shards=""
member_shards=""
for ((s = 0; s < 4; s++)); do
  direct_shards+="${direct_shards:+,}jdbc:mysql://127.0.0.1:$db_port/gridchat_$s"
  port=$db_port
  if [ "$s" = 1 ]; then port=$fwd_port; fi # shard 1 goes through the forwarder
  member_shards+="${member_shards:+,}jdbc:mysql://127.0.0.1:$port/gridchat_$s"
done
edge_urls="ws://127.0.0.1:$edge_base,ws://127.0.0.1:$((edge_base + 1))"

declare -A pids=() # name -> pid of every process started here
log() { echo "[faults $(date +%H:%M:%S)] $*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
alive() { [ -n "${pids[$1]:-}" ] && kill -0 "${pids[$1]}" 2>/dev/null; }

wait_for() { # seconds, name, command...: polls until the command succeeds
  local seconds=$1 name=$2
  shift 2
  for ((t = 0; t < seconds * 4; t++)); do
    if "$@"; then return 0; fi
    if ! alive "$name"; then log "$name exited; see $logs/$name.log"; tail -20 "$logs/$name.log" >&2; return 1; fi
    sleep 0.25
  done
  log "$name not ready after $seconds s"
  return 1
}

start() { # name, log marker after which it counts as ready (empty: the port), port, env..., -- command...
  local name=$1 port=$2
  shift 2
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  echo "=== start $(date +%T)" >> "$logs/$name.log"
  env "${envs[@]}" "$@" >> "$logs/$name.log" 2>&1 &
  pids[$name]=$!
  wait_for 240 "$name" port_open "$port"
}

start_member() {
  local i=$1
  start "member-$i" $((member_base + i)) GRIDCHAT_CLUSTER_MEMBERPORT=$((member_base + i)) \
    GRIDCHAT_MYSQL_SHARDS="$member_shards" -- java -Xms256m -Xmx${MEMBER_HEAP:-512m} "${java_opts[@]}" $MEMBER_JAVA_OPTS \
    -cp "$grid_cp" io.gridchat.grid.GridNodeMain
  wait_for 120 "member-$i" member_up "$i"
}
member_up() { awk '/^=== start/ { up = 0 } /grid member .* up in cluster/ { up = 1 } END { exit !up }' "$logs/member-$1.log"; }

edge_ready() { curl -sf -o /dev/null "http://127.0.0.1:$1/health/ready"; }
start_edge() {
  local i=$1 port=$((edge_base + i))
  start "edge-$i" "$port" GRIDCHAT_EDGE_PORT="$port" GRIDCHAT_EDGE_ID="faults-edge-$i" -- \
    java -Xms128m -Xmx${EDGE_HEAP:-384m} "${java_opts[@]}" -cp "$edge_cp" io.gridchat.edge.EdgeNodeMain
  wait_for 60 "edge-$i" edge_ready "$port"
}

stop_proc() { # name, signal[, seconds to wait before kill -9 (default 60)]
  if alive "$1"; then
    local pid=${pids[$1]}
    kill "-$2" "$pid" 2>/dev/null || true
    for ((t = 0; t < ${3:-60} * 4; t++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then log "$1 did not stop in ${3:-60} s; kill -9"; kill -KILL "$pid" 2>/dev/null || true; fi
    wait "$pid" 2>/dev/null || true
  fi
  unset "pids[$1]"
}

migrations_done() { # lines in the member logs saying a re-partitioning finished (a lone member finds balance)
  cat "$logs"/member-*.log 2>/dev/null \
    | grep -cE "All migration tasks have been completed|Partition balance is ok, no need to repartition" || true
}
wait_migrations() { # before: count from migrations_done before the change; waits (at most 120 s) for a new one
  local before=$1
  for ((t = 0; t < 480; t++)); do
    if [ "$(migrations_done)" -gt "$before" ]; then
      sleep 1 # a second plan may follow at once (e.g. backups after promotions)
      local again; again=$(migrations_done)
      sleep 2
      if [ "$(migrations_done)" = "$again" ]; then return 0; fi
      before=$again
      continue
    fi
    sleep 0.25
  done
  log "WARNING: no re-partitioning finished in the member logs after 120 s"
}

forwarder() { # cut | restore | status
  local reply
  exec 9<>"/dev/tcp/127.0.0.1/$fwd_control"
  echo "$1" >&9
  read -r reply <&9
  exec 9>&-
  log "forwarder: $reply"
}

stop_all() {
  trap - INT TERM EXIT
  log "stopping everything started here ..."
  if alive driver; then kill -TERM "${pids[driver]}" 2>/dev/null || true; fi
  exec 7>&- 2>/dev/null || true
  stop_proc driver TERM 10
  for ((i = 0; i < edges; i++)); do stop_proc "edge-$i" TERM 20; done
  for ((i = members - 1; i >= 0; i--)); do stop_proc "member-$i" TERM; done
  stop_proc forwarder TERM
  stop_proc mariadb TERM
  for name in "${!pids[@]}"; do stop_proc "$name" KILL; done
  rm -f "$out/control"
  log "stopped."
}
trap stop_all EXIT
trap 'exit 130' INT TERM

for port in $db_port $fwd_port $fwd_control $edge_base $((edge_base + 1)) $member_base $((member_base + 1)) \
    $((member_base + 2)); do
  if port_open "$port"; then echo "port $port is in use; stop what runs there first" >&2; exit 1; fi
done

# ---- the platform -----------------------------------------------------------------------------------------
log "starting MariaDB on $db_port (data in $out/mariadb) ..."
start mariadb $db_port -- java -Xmx128m "${java_opts[@]}" -Djava.io.tmpdir="$PWD/$out/tmp" -cp "$grid_cp" \
  io.gridchat.mapstores.embedded.EmbeddedMariaDbMain
wait_for 120 mariadb grep -q "MariaDB ready" "$logs/mariadb.log"
log "starting the forwarder $fwd_port -> $db_port (shard 1), control $fwd_control ..."
start forwarder $fwd_control -- java -Xmx64m -cp "$bench_cp" io.gridchat.bench.faults.TcpForwarder \
  $fwd_port 127.0.0.1:$db_port $fwd_control

heal() { # 3 members, 2 edges, shard 1 reachable, migrations done
  forwarder restore
  for ((i = 0; i < members; i++)); do
    if ! alive "member-$i"; then
      local before others=0 j
      before=$(migrations_done)
      for ((j = 0; j < members; j++)); do if alive "member-$j"; then others=$((others + 1)); fi; done
      log "starting grid member $i ..."
      start_member "$i"
      # joining a running cluster migrates partitions to the new member; a first member has none to take
      if [ "$others" -gt 0 ]; then wait_migrations "$before"; fi
    fi
  done
  for ((i = 0; i < edges; i++)); do
    if ! alive "edge-$i"; then log "starting edge node $i ..."; start_edge "$i"; fi
  done
}

# ---- one scenario: driver in the background, commands through a FIFO ------------------------------------
driver_start() { # scenario
  rm -f "$out/control"
  mkfifo "$out/control"
  local cmd=(java -Xmx${DRIVER_HEAP:-512m} -Dlogback.configurationFile=benchmarks/scripts/logback-bench.xml
    -cp "$bench_cp" io.gridchat.bench.faults.FaultDriver --scenario "$1" --edges "$edge_urls" --rooms "$rooms"
    --participants "$participants" --connections "$connections" --rate "$rate" --drain "$drain" --mysql-shards "$direct_shards")
  log "+ $(printf '%q ' "${cmd[@]}") < $out/control > $out/$1.json 2> $logs/driver-$1.log"
  rm -f "$out/$1.acks.tsv"
  cmd+=(--acks-file "$out/$1.acks.tsv")
  "${cmd[@]}" < "$out/control" > "$out/$1.json" 2> "$logs/driver-$1.log" &
  pids[driver]=$!
  exec 7> "$out/control"
  wait_for 180 driver grep -q "sending .* messages/s" "$logs/driver-$1.log"
  log "load running ($rate sends/s); warm-up $warmup s"
  sleep "$warmup"
}
mark() { echo "$*" >&7; log "mark: $*"; }
driver_finish() { # scenario
  log "load continues $tail_s s after the fault"
  sleep "$tail_s"
  mark stop
  log "waiting for the driver: acks, drain, verification ..."
  wait "${pids[driver]}" || log "the driver failed; see $logs/driver-$1.log"
  unset "pids[driver]"
  exec 7>&-
  rm -f "$out/control"
  if [ -s "$out/$1.json" ]; then
    cat "$out/$1.json"
    cat "$out/$1.json" >> "$out/results.jsonl"
  fi
}

scenario_a() {
  driver_start a
  local before; before=$(migrations_done)
  mark "fault-start kill -9 member-2, then member-1"
  log "kill -9 member-2"
  kill -KILL "${pids[member-2]}"
  wait "${pids[member-2]}" 2>/dev/null || true
  unset "pids[member-2]"
  wait_migrations "$before"
  log "re-partitioning done; kill -9 member-1"
  before=$(migrations_done)
  kill -KILL "${pids[member-1]}"
  wait "${pids[member-1]}" 2>/dev/null || true
  unset "pids[member-1]"
  wait_migrations "$before"
  log "re-partitioning done on the last member"
  mark fault-end
  driver_finish a
}

scenario_b() {
  driver_start b
  mark "fault-start shard 1 unreachable for $outage s"
  forwarder cut
  sleep "$outage"
  forwarder restore
  mark fault-end
  driver_finish b
}

scenario_e() {
  driver_start e
  mark "fault-start shard 1 unreachable for $outage s; kill -9 member-2 after $((outage / 2)) s"
  forwarder cut
  sleep $((outage / 2))
  local before; before=$(migrations_done)
  log "kill -9 member-2 while shard 1 is unreachable"
  kill -KILL "${pids[member-2]}"
  wait "${pids[member-2]}" 2>/dev/null || true
  unset "pids[member-2]"
  sleep $((outage - outage / 2))
  forwarder restore
  wait_migrations "$before"
  mark fault-end
  driver_finish e
}

scenario_c() {
  driver_start c
  mark "fault-start kill -9 edge-0"
  log "kill -9 edge-0"
  kill -KILL "${pids[edge-0]}"
  wait "${pids[edge-0]}" 2>/dev/null || true
  unset "pids[edge-0]"
  mark fault-end
  driver_finish c
}

scenario_d() {
  driver_start d
  mark "fault-start SIGTERM to all members (flush), then start them again"
  for ((i = members - 1; i >= 0; i--)); do
    log "SIGTERM member-$i"
    local t0=$SECONDS
    stop_proc "member-$i" TERM
    log "member-$i stopped after $((SECONDS - t0)) s: $(grep -E "grid member stopped|flushing" "$logs/member-$i.log" | tail -2 | tr '\n' ' ')"
  done
  heal
  mark fault-end
  driver_finish d
}

IFS=, read -r -a chosen <<< "$scenarios"
for s in "${chosen[@]}"; do
  case "$s" in a|b|c|d|e) ;; *) echo "unknown scenario $s" >&2; exit 2 ;; esac
done
for s in "${chosen[@]}"; do
  log "=== scenario $s: healing the platform"
  heal
  log "=== scenario $s"
  "scenario_$s"
done
# ---- the final check: everything flushed, then every acked send looked up in MySQL ------------------------
log "=== final check: stopping edge nodes, then grid members gracefully (flushing write-behind queues) ..."
for ((i = 0; i < edges; i++)); do stop_proc "edge-$i" TERM 20; done
for ((i = members - 1; i >= 0; i--)); do
  t0=$SECONDS
  stop_proc "member-$i" TERM 1800
  log "member-$i stopped after $((SECONDS - t0)) s"
done
ack_files=()
for s in "${chosen[@]}"; do
  if [ -s "$out/$s.acks.tsv" ]; then ack_files+=("$out/$s.acks.tsv"); else log "no acks file for scenario $s"; fi
done
verified=0
if [ ${#ack_files[@]} -gt 0 ]; then
  java -Xmx${DRIVER_HEAP:-512m} -Dlogback.configurationFile=benchmarks/scripts/logback-bench.xml -cp "$bench_cp" \
    io.gridchat.bench.faults.FaultVerify --mysql-shards "$direct_shards" "${ack_files[@]}" | tee -a "$out/verified.jsonl" \
    || verified=$?
fi
log "results: $out/results.jsonl (driver lines), $out/verified.jsonl (final check)"
exit $verified
