#!/usr/bin/env bash
# Runs the same load against the bare Jetty baseline (physical limit: same frames, in-memory rooms, no grid,
# no database) and then against gridchat (scripts/run.sh: MariaDB, grid members, edge nodes), and prints one
# JSON line on stdout:
#   {"bare": <summary>, "gridchat": <summary>, "ratios": {"deliveriesPerSec": gridchat/bare, "p99": gridchat/bare},
#    "cpu": {"bare": <sample>, "gridchat": <sample>}}
# where a sample (benchmarks/scripts/cpu-sample.sh, taken in the middle of the measured window) gives each
# process's CPU in cores and per accepted send in microseconds ("microsPerSend"), and the servers' sum
# ("serversMicrosPerSend": all processes but the generator).
#
#   benchmarks/scripts/compare.sh            the goal load: 200 rooms x 10 participants on 2000 connections,
#                                            5000 sends/s (50,000 deliveries/s), 15 s warm-up + 60 s measured
#   benchmarks/scripts/compare.sh --rooms 20 --participants 5 --rate 200 --warmup 2 --duration 10   (smoke test)
#
# Flags, or the environment variable in capitals (default):
#   --rooms (200) --participants (10) --connections (rooms x participants) --rate (5000) --warmup (15)
#   --duration (60) --drain (60: most seconds to wait for acks, deliveries and stored rows after sending)
#   --members (1) --edges (1): gridchat processes; --bare-port (9090); --build: rebuild everything first;
#   --cpu-sample (10: seconds of the measured window over which each process's CPU is sampled; 0: none).
# Also: LOAD_JAVA_OPTS (generator JVM, see load.sh), BARE_JAVA_OPTS (baseline JVM, default none; its collector
# and heap pre-touch are run.sh's defaults for edge nodes, scripts/jvm-defaults.sh). GRIDCHAT_* variables reach gridchat; GRIDCHAT_AUTH_PBKDF2ITERATIONS defaults
# to 1000 here so that signing in thousands of users (setup, not measured) takes seconds, not minutes.
# Profiling a run: MEMBER_JAVA_OPTS and EDGE_JAVA_OPTS (scripts/run.sh) reach gridchat's JVMs, e.g.
#   -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:StartFlightRecording=filename=m.jfr,settings=profile
# Without DebugNonSafepoints, JFR charges samples in inlined code to the wrong frames (session 18: a lock-store
# lookup that looked like 13% of the member was 0.7%).
# Needs the ports of the baseline, the edge nodes (8080..), grid members (5701..) and MariaDB (3307) free.
# gridchat keeps its data in ./data as with run.sh (each run uses new users and rooms). Logs and both
# summaries: benchmarks/target/compare/. Every command line used is printed on stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."
# The rate limits of the gridchat processes started here are raised (bench-limits.sh says how to choose them).
. benchmarks/scripts/bench-limits.sh

rooms=${ROOMS:-200}
participants=${PARTICIPANTS:-10}
connections=${CONNECTIONS:-}
rate=${RATE:-5000}
warmup=${WARMUP:-15}
duration=${DURATION:-60}
drain=${DRAIN:-60}
members=${MEMBERS:-1}
edges=${EDGES:-1}
bare_port=${BARE_PORT:-9090}
cpu_sample=${CPU_SAMPLE:-10}
build=false
while [ $# -gt 0 ]; do
  case "$1" in
    --rooms) rooms="$2"; shift 2 ;;
    --participants) participants="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --drain) drain="$2"; shift 2 ;;
    --members) members="$2"; shift 2 ;;
    --edges) edges="$2"; shift 2 ;;
    --bare-port) bare_port="$2"; shift 2 ;;
    --cpu-sample) cpu_sample="$2"; shift 2 ;;
    --build) build=true; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
connections=${connections:-$((rooms * participants))}
if [ "$cpu_sample" -gt "$duration" ]; then cpu_sample=$duration; fi

version=0.1.0-SNAPSHOT
bench_jar="benchmarks/target/benchmarks-$version.jar"
if $build || [ ! -f "$bench_jar" ] || [ ! -d benchmarks/target/lib ] \
    || [ ! -f "grid-node/target/grid-node-$version.jar" ] || [ ! -f "edge-node/target/edge-node-$version.jar" ]; then
  echo "+ mvn -B -q -DskipTests install" >&2
  mvn -B -q -DskipTests install >&2
fi

out=benchmarks/target/compare
mkdir -p "$out"
edge_port=${GRIDCHAT_EDGE_PORT:-8080}
member_port=${GRIDCHAT_CLUSTER_MEMBERPORT:-5701}
db_port=${GRIDCHAT_EMBEDDED_MARIADBPORT:-3307}
load_args=(--rooms "$rooms" --participants "$participants" --connections "$connections" --rate "$rate"
  --warmup "$warmup" --duration "$duration" --drain "$drain")

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ports=("$bare_port" "$db_port")
for ((i = 0; i < edges; i++)); do ports+=($((edge_port + i))); done
for ((i = 0; i < members; i++)); do ports+=($((member_port + i))); done
for port in "${ports[@]}"; do
  if port_open "$port"; then echo "port $port is in use; stop what runs there first" >&2; exit 1; fi
done

wait_until() { # seconds, pid, description, command...: polls the command until it succeeds
  local seconds=$1 pid=$2 what=$3
  shift 3
  for ((t = 0; t < seconds * 2; t++)); do
    if "$@"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "$what exited before it was ready" >&2; return 1; fi
    sleep 0.5
  done
  echo "$what was not ready after $seconds s" >&2
  return 1
}

bare_pid=""
run_pid=""
load_pid=""
sampler_pid=""
stop_bare() {
  if [ -n "$bare_pid" ]; then
    kill -TERM "$bare_pid" 2>/dev/null || true
    wait "$bare_pid" 2>/dev/null || true
    bare_pid=""
  fi
}
stop_gridchat() {
  if [ -n "$run_pid" ]; then
    echo "stopping gridchat (SIGINT to run.sh: edge nodes, grid members, MariaDB) ..." >&2
    kill -INT "$run_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
    run_pid=""
  fi
}
stop_load() { # the generator and the sampler run in the background: Ctrl-C does not reach them by itself
  for pid in "$load_pid" "$sampler_pid"; do
    if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  load_pid=""
  sampler_pid=""
}
# Runs the generator against $1 (edge URLs) with the rest as extra arguments, its summary into $out/$name.json and
# its progress into $out/$name-load.err (and on stderr); with --cpu-sample, samples the processes named in the
# array "sampled" (name=pid) and the generator in the middle of the measured window into $out/$name-cpu.json.
run_load() {
  local name=$1 urls=$2
  shift 2
  : > "$out/$name-load.err"
  echo "{}" > "$out/$name-cpu.json"
  benchmarks/scripts/load.sh --edges "$urls" "${load_args[@]}" "$@" > "$out/$name.json" \
    2> >(tee "$out/$name-load.err" >&2) &
  load_pid=$!
  if [ "$cpu_sample" -gt 0 ]; then
    benchmarks/scripts/cpu-sample.sh --wait-for "$out/$name-load.err" ' measure ' \
      --delay $(((duration - cpu_sample) / 2)) --seconds "$cpu_sample" "${sampled[@]}" generator="$load_pid" \
      > "$out/$name-cpu.json" &
    sampler_pid=$!
  fi
  wait "$load_pid" || echo "the load run against $name failed" >&2
  load_pid=""
  if [ -n "$sampler_pid" ]; then # done within the window, unless the load ended early: then it has no sample
    kill -TERM "$sampler_pid" 2>/dev/null || true
    wait "$sampler_pid" || echo "{}" > "$out/$name-cpu.json"
    sampler_pid=""
  fi
}
trap 'stop_load; stop_bare; stop_gridchat' EXIT
trap 'exit 130' INT TERM

echo "== bare Jetty baseline on port $bare_port" >&2
. scripts/jvm-defaults.sh
read -r -a bare_opts <<< "$(with_jvm_defaults "${BARE_JAVA_OPTS:-}")"
bare_cmd=(java "${bare_opts[@]}" -Dlogback.configurationFile=benchmarks/scripts/logback-bench.xml
  -cp "$bench_jar:benchmarks/target/lib/*" io.gridchat.bench.baseline.BareBroadcastServer --port "$bare_port")
echo "+ $(printf '%q ' "${bare_cmd[@]}") > $out/bare-server.log 2>&1 &" >&2
set -m # only while starting a server: its own process group, so Ctrl-C here reaches it through the traps
"${bare_cmd[@]}" > "$out/bare-server.log" 2>&1 &
bare_pid=$!
set +m
wait_until 60 "$bare_pid" "bare server" port_open "$bare_port"
sampled=(bare="$bare_pid")
run_load bare "ws://127.0.0.1:$bare_port"
stop_bare

echo "== gridchat: $members grid member(s), $edge_port.. $edges edge node(s)" >&2
export GRIDCHAT_AUTH_PBKDF2ITERATIONS=${GRIDCHAT_AUTH_PBKDF2ITERATIONS:-1000}
echo "+ GRIDCHAT_AUTH_PBKDF2ITERATIONS=$GRIDCHAT_AUTH_PBKDF2ITERATIONS scripts/run.sh --members $members" \
  "--edges $edges > $out/gridchat.log 2>&1 &" >&2
# With job control on, the background run.sh keeps SIGINT (otherwise ignored), which it needs to stop in order.
set -m
scripts/run.sh --members "$members" --edges "$edges" > "$out/gridchat.log" 2>&1 &
run_pid=$!
set +m
wait_until 300 "$run_pid" "gridchat (see $out/gridchat.log and data/logs/)" grep -q "gridchat is up" "$out/gridchat.log"
edge_urls=""
for ((i = 0; i < edges; i++)); do edge_urls+="${edge_urls:+,}ws://127.0.0.1:$((edge_port + i))"; done
shards=${GRIDCHAT_MYSQL_SHARDS:-}
if [ -z "$shards" ]; then
  for ((i = 0; i < 4; i++)); do shards+="${shards:+,}jdbc:mysql://127.0.0.1:$db_port/gridchat_$i"; done
fi
sampled=()
sample_children() { # name prefix, parent pid, command-line pattern: each child as <prefix>-<i>=<pid>, oldest first
  local i=0 pid
  for pid in $(pgrep -P "$2" -f "$3" || true); do sampled+=("$1-$i=$pid"); i=$((i + 1)); done
}
sample_children member "$run_pid" io.gridchat.grid.GridNodeMain
sample_children edge "$run_pid" io.gridchat.edge.EdgeNodeMain
for launcher in $(pgrep -P "$run_pid" -f EmbeddedMariaDbMain || true); do
  sampled+=("mariadb-launcher=$launcher")
  for pid in $(pgrep -P "$launcher" -f mariadbd || true); do sampled+=("mariadb=$pid"); done
done
run_load gridchat "$edge_urls" --mysql-shards "$shards" --mysql-user "${GRIDCHAT_MYSQL_USER:-root}" \
  --mysql-password "${GRIDCHAT_MYSQL_PASSWORD:-}"
stop_gridchat

cmd=(java -Dlogback.configurationFile=benchmarks/scripts/logback-bench.xml
  -cp "$bench_jar:benchmarks/target/lib/*" io.gridchat.bench.load.Comparison "$out/bare.json"
  "$out/gridchat.json" "$out/bare-cpu.json" "$out/gridchat-cpu.json")
echo "+ $(printf '%q ' "${cmd[@]}")" >&2
"${cmd[@]}"
