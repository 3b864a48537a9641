# Sourced by run.sh and the benchmark scripts: the garbage collector their JVMs get when no option names one.
# With 2 CPUs or fewer the members, edge nodes, MariaDB (and a load generator) share the cores, and G1's
# parallel GC threads of several busy JVMs wait on each other: young pauses of ~100 ms, p90 ~300 ms. The serial
# collector paused less and room joins were several times faster in every alternating run
# (benchmarks/RESULTS.md, "Rooms", session 11). On more CPUs the JVM's default (G1) stays.
default_gc=""
if [ "$(nproc)" -le 2 ]; then
  default_gc="-XX:+UseSerialGC"
fi

# The heap run.sh gives a grid member with the serial collector when its options name no size (-Xms, -Xmx,
# -Xmn). The JVM's default heap starts at 1/64 of the RAM (384 MB on a 24 GiB box) and the serial collector
# grows it only when a full collection leaves less than 40% free, which ~140 MB of live data did not: with a
# young generation of 116 MB about half the old generation was garbage promoted early, and at 2,000 room
# operations/s the member ran full collections of ~0.4 s (three in one run, one in each of two others). With
# this heap, in three runs: no full collection under that load, a third of the young pauses, 2.5 times less
# time paused, lower join latency (benchmarks/RESULTS.md, "Rooms", session 16).
default_member_heap="-Xms1g -Xmn384m"

# Prints the options given, with the default collector in front unless they name one (-XX:+Use...GC).
with_gc() {
  case " $1 " in
    *" -XX:+Use"*"GC "*) echo "$1" ;;
    *) echo "$default_gc $1" ;;
  esac
}

# Prints a member's options given, with the default heap in front when they choose the serial collector and
# name no size.
with_member_heap() {
  case " $1 " in
    *" -Xms"*|*" -Xmx"*|*" -Xmn"*) echo "$1" ;;
    *" -XX:+UseSerialGC "*) echo "$default_member_heap $1" ;;
    *) echo "$1" ;;
  esac
}
