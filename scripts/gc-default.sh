# Sourced by run.sh and the benchmark scripts: the garbage collector their JVMs get when no option names one.
# With 2 CPUs or fewer the members, edge nodes, MariaDB (and a load generator) share the cores, and G1's
# parallel GC threads of several busy JVMs wait on each other: young pauses of ~100 ms, p90 ~300 ms. The serial
# collector paused less and room joins were several times faster in every alternating run
# (benchmarks/RESULTS.md, "Rooms", session 11). On more CPUs the JVM's default (G1) stays.
default_gc=""
if [ "$(nproc)" -le 2 ]; then
  default_gc="-XX:+UseSerialGC"
fi

# Prints the options given, with the default collector in front unless they name one (-XX:+Use...GC).
with_gc() {
  case " $1 " in
    *" -XX:+Use"*"GC "*) echo "$1" ;;
    *) echo "$default_gc $1" ;;
  esac
}
