# Sourced by run.sh and the benchmark scripts: the options their JVMs get besides those given.
# - The collector, when no option names one: with 2 CPUs or fewer the members, edge nodes, MariaDB (and a load
#   generator) share the cores, and G1's parallel GC threads of several busy JVMs wait on each other: young pauses
#   of ~100 ms, p90 ~300 ms. The serial collector paused less and room joins were several times faster in every
#   alternating run (benchmarks/RESULTS.md, "Rooms", session 11). On more CPUs the JVM's default (G1) stays.
# - -XX:+AlwaysPreTouch: the heap's pages are touched when the JVM commits them, at start. Without it a fresh JVM's
#   old generation grows into pages never touched, and every young collection that promotes into them waits for
#   the kernel to fault them in inside the pause: a third of a member's young pause time at 2,000 room
#   operations/s (median pause 25-34 ms against 15-18 ms, benchmarks/RESULTS.md, "Rooms", session 23). The price
#   is a resident heap of its initial size from the start. -XX:-AlwaysPreTouch in the options given turns it off.
default_gc=""
if [ "$(nproc)" -le 2 ]; then
  default_gc="-XX:+UseSerialGC"
fi
default_memory="-XX:+AlwaysPreTouch"

# Prints the defaults, then the options given (which win: the JVM takes the last of two contrary options); the
# default collector only when the options name none (-XX:+Use...GC).
with_jvm_defaults() {
  local gc=$default_gc
  case " $1 " in *" -XX:+Use"*"GC "*) gc="" ;; esac
  echo "$gc $default_memory $1"
}
