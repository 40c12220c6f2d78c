#!/usr/bin/env bash
# Node-style scheduling throughput, uv4j beside Node running the same programs
# (bench/java/.../SchedulingLoop.java, bench/node/scheduling.js), alternately in one run:
# N one-millisecond timeouts set at once, a chain of N immediates, chains of N next-ticks and
# N microtasks. Medians of the rounds; each program reports its last warmed-up pass.
#
# UV4J_SCHED_ROUNDS (default 3), UV4J_SCHED_N (default 1000000), UV4J_SCHED_PASSES (default 5).
source "$(dirname "$0")/setup.sh"

rounds=${UV4J_SCHED_ROUNDS:-3}
n=${UV4J_SCHED_N:-1000000}
passes=${UV4J_SCHED_PASSES:-5}
out=target/sched-bench
mkdir -p "$out"
rm -f "$out"/*.txt

echo "sched-bench: building uv4j and the benchmark programs"
mvn -B -ntp -q install -DskipTests -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"
mvn -B -ntp -q -f bench/pom.xml clean package

kinds=(timeouts immediates ticks microtasks)
for kind in "${kinds[@]}"; do
  for round in $(seq 1 "$rounds"); do
    java -cp bench/target/benchmarks.jar io.uv4j.bench.SchedulingLoop "$kind" "$n" "$passes" | tee -a "$out/java-$kind.txt"
    node bench/node/scheduling.js "$kind" "$n" "$passes" | tee -a "$out/node-$kind.txt"
  done
done

median() { # file
  sed -n 's/.*_per_sec=\([0-9.]*\).*/\1/p' "$1" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

{
  echo
  echo "Node-style scheduling, N=$n, medians of $rounds alternating rounds (node $(node --version))"
  printf '  %-12s %14s %14s %10s  %s\n' kind "uv4j/s" "node/s" "uv4j/node" target
  for kind in "${kinds[@]}"; do
    j=$(median "$out/java-$kind.txt")
    s=$(median "$out/node-$kind.txt")
    case $kind in
      timeouts) target="uv4j/node >= 1" ; ok=$(awk -v j="$j" -v s="$s" 'BEGIN { print ((j / s >= 1) ? "met" : "NOT met") }') ;;
      immediates) target="uv4j/node >= 3" ; ok=$(awk -v j="$j" -v s="$s" 'BEGIN { print ((j / s >= 3) ? "met" : "NOT met") }') ;;
      *) target=">= 20 M/s" ; ok=$(awk -v j="$j" 'BEGIN { print ((j >= 20e6) ? "met" : "NOT met") }') ;;
    esac
    awk -v k="$kind" -v j="$j" -v s="$s" -v t="$target: $ok" 'BEGIN { printf "  %-12s %14.0f %14.0f %10.2f  %s\n", k, j, s, j / s, t }'
  done
} | tee "$out/summary.txt"
