#!/usr/bin/env bash
# Samples what processes spend while a load runs: CPU (user and system time from /proc/<pid>/stat) and context
# switches (of all their threads, /proc/<pid>/task/*/status) over a few seconds, and the whole box's from
# /proc/stat. Prints one JSON object on stdout:
#   {"seconds": S, "processes": {"<name>": {"cpu": <cores>, "user": <cores>, "system": <cores>,
#    "switchesPerSec": N}, ...}, "box": {"cpus": N, "busy": <fraction>, "switchesPerSec": N}}
# where 1.0 cores is one core fully busy, and the box's busy fraction is its busy time over the wall clock's (its
# idle time is not used: a virtual machine's can run ahead of the clock). compare.sh runs it beside each load run.
#
#   benchmarks/scripts/cpu-sample.sh [--wait-for FILE PATTERN] [--delay D] [--seconds S] name=pid...
#
# Names without spaces; a pid that is gone is left out.
#
# --wait-for: start only once FILE has a line matching PATTERN (grep -E), e.g. the generator's first progress
# line of the measured window; gives up (printing {}) if that does not come within 15 minutes.
# --delay (0): seconds to wait after that. --seconds (10): how long to sample. Linux only (/proc).
set -euo pipefail
export LC_ALL=C # the clock's decimal point

wait_file=""
wait_pattern=""
delay=0
seconds=10
while [ $# -gt 0 ]; do
  case "$1" in
    --wait-for) wait_file="$2"; wait_pattern="$3"; shift 3 ;;
    --delay) delay="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    -*) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then echo "name=pid arguments are required (try --help)" >&2; exit 2; fi

if [ -n "$wait_file" ]; then
  for ((t = 0; t < 1800; t++)); do
    if grep -qE "$wait_pattern" "$wait_file" 2>/dev/null; then break; fi
    sleep 0.5
  done
  if ! grep -qE "$wait_pattern" "$wait_file" 2>/dev/null; then echo "{}"; exit 0; fi
fi
sleep "$delay"

# The clock, the box's line, then one line per process: name utime stime voluntary nonvoluntary (jiffies, switch
# counts). Shell builtins only: on a saturated box every process started here waits for a core, and the CPU
# times must be read close to the clock reading they are divided by.
snapshot() {
  local spec name pid line label user nice sys idle iowait irq softirq steal rest key value voluntary involuntary status
  local -a fields
  local -A cpu=()
  echo "wall ${EPOCHREALTIME:-$(date +%s.%N)}"
  while read -r label user nice sys idle iowait irq softirq steal rest; do
    case "$label" in
      cpu) echo "box $((user + nice + sys + irq + softirq + steal))" ;;
      ctxt) echo "ctxt $user" ;;
    esac
  done < /proc/stat
  for spec in "$@"; do
    name=${spec%%=*}
    pid=${spec#*=}
    if read -r line 2>/dev/null < "/proc/$pid/stat"; then
      # After the command, which may hold spaces and ends with ") ", utime and stime are the 12th and 13th fields.
      read -r -a fields <<< "${line##*) }"
      cpu["$name"]="${fields[11]} ${fields[12]}"
    fi
  done
  for spec in "$@"; do # the switches after every CPU time: reading each thread's status takes a while
    name=${spec%%=*}
    pid=${spec#*=}
    [ -n "${cpu[$name]:-}" ] || continue
    voluntary=0
    involuntary=0
    for status in /proc/"$pid"/task/*/status; do
      while read -r key value rest; do
        case "$key" in
          voluntary_ctxt_switches:) voluntary=$((voluntary + value)) ;;
          nonvoluntary_ctxt_switches:) involuntary=$((involuntary + value)) ;;
        esac
      done 2>/dev/null < "$status" || true
    done
    echo "$name ${cpu[$name]} $voluntary $involuntary"
  done
}

before=$(snapshot "$@")
sleep "$seconds"
after=$(snapshot "$@")

awk -v hz="$(getconf CLK_TCK)" -v cpus="$(getconf _NPROCESSORS_ONLN)" '
  NR == FNR { a[$1] = $0; next }
  {
    split(a[$1], b, " ")
    if ($1 == "wall") { wall = $2 - b[2]; next }
    if ($1 == "box") { boxBusy = $2 - b[2]; next }
    if ($1 == "ctxt") { ctxt = $2 - b[2]; next }
    if (!($1 in a)) next
    names[++n] = $1; user[$1] = $2 - b[2]; sys[$1] = $3 - b[3]; sw[$1] = ($4 - b[4]) + ($5 - b[5])
  }
  END {
    printf "{\"seconds\": %.2f, \"processes\": {", wall
    for (i = 1; i <= n; i++) {
      p = names[i]
      printf "%s\"%s\": {\"cpu\": %.3f, \"user\": %.3f, \"system\": %.3f, \"switchesPerSec\": %.0f}", (i > 1 ? ", " : ""),
        p, (user[p] + sys[p]) / hz / wall, user[p] / hz / wall, sys[p] / hz / wall, sw[p] / wall
    }
    printf "}, \"box\": {\"cpus\": %d, \"busy\": %.3f, \"switchesPerSec\": %.0f}}\n", cpus,
      boxBusy / hz / wall / cpus, ctxt / wall
  }' <(echo "$before") <(echo "$after")
