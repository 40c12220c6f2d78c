#!/usr/bin/env bash
# Spawn-and-reap latency of /bin/true: uv4j's ChildProcess beside ProcessBuilder and Node's
# child_process.spawn (bench/java/.../SpawnLoop.java, bench/node/spawn.js), alternating
# A B C A B C ... in one run, once with a small heap and once with a 4 GiB pre-touched one: a
# fork copies the parent's page tables, which grow with the memory it has touched. Medians of the
# rounds, and the ratios.
#
# UV4J_SPAWN_ROUNDS (default 5), UV4J_SPAWN_N (default 1000), UV4J_SPAWN_PROGRAM (default /bin/true).
source "$(dirname "$0")/setup.sh"

rounds=${UV4J_SPAWN_ROUNDS:-5}
n=${UV4J_SPAWN_N:-1000}
program=${UV4J_SPAWN_PROGRAM:-/bin/true}
out=target/spawn-bench
mkdir -p "$out"
rm -f "$out"/*.txt

echo "spawn-bench: building uv4j and the benchmark programs"
mvn -B -ntp -q install -DskipTests -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"
mvn -B -ntp -q -f bench/pom.xml clean package

heaps=(small big)
declare -A heap_flags=([small]="-Xmx64m" [big]="-Xms4g -Xmx4g -XX:+AlwaysPreTouch")
for heap in "${heaps[@]}"; do
  for round in $(seq 1 "$rounds"); do
    # shellcheck disable=SC2086 # the flags are words
    java ${heap_flags[$heap]} -cp bench/target/benchmarks.jar io.uv4j.bench.SpawnLoop uv4j "$n" "$program" | tee -a "$out/$heap-uv4j.txt"
    # shellcheck disable=SC2086
    java ${heap_flags[$heap]} -cp bench/target/benchmarks.jar io.uv4j.bench.SpawnLoop processbuilder "$n" "$program" | tee -a "$out/$heap-processbuilder.txt"
    node bench/node/spawn.js "$n" "$program" | tee -a "$out/$heap-node.txt"
  done
done

median() { # file
  sed -n 's/.*spawns_per_sec=\([0-9.]*\).*/\1/p' "$1" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo
echo "spawn and reap $program, N=$n one after another, medians of $rounds alternating rounds (node $(node --version))"
printf '  %-6s %-36s %10s %10s %10s %12s %10s  %s\n' heap "JVM flags" "uv4j/s" "PB/s" "node/s" "uv4j/PB" "uv4j/node" "target"
for heap in "${heaps[@]}"; do
  u=$(median "$out/$heap-uv4j.txt")
  p=$(median "$out/$heap-processbuilder.txt")
  s=$(median "$out/$heap-node.txt")
  awk -v h="$heap" -v f="${heap_flags[$heap]}" -v u="$u" -v p="$p" -v s="$s" 'BEGIN {
    printf "  %-6s %-36s %10.1f %10.1f %10.1f %12.3f %10.3f  uv4j/PB >= 1: %s\n", h, f, u, p, s, u / p, u / s, (u / p >= 1) ? "met" : "NOT met"
  }'
done
