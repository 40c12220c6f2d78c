#!/usr/bin/env bash
# Echo throughput of one TCP server spread over a LoopGroup of 1 and of 2 loops
# (bench/java/.../GroupEchoServer.java), under ../shared/tools/echo-load.c with 50 connections:
# 64 B ping-pong, 16 x 64 B and 16 x 4 KiB pipelined.
#
# Both servers run side by side and are measured alternately (1 loop, 2 loops, 1 loop, ...), so
# every round sees the same machine. Each figure is the median over the rounds: srv_ns_per_rt,
# the server's CPU time per round trip, and round trips/s; ratios are 2 loops to 1. host_cpu
# (cores busy on the whole machine) is printed too: the load generator runs on the same cores.
#
# UV4J_GROUP_ROUNDS (default 3), UV4J_GROUP_SECS (default 5): rounds, seconds per measurement.
# UV4J_MAVEN_REPO_LOCAL, if set, is the Maven repository to install into and build from;
# UV4J_SHARED_TOOLS, if set, the directory of echo-load.c (default ../shared/tools).
source "$(dirname "$0")/setup.sh"

rounds=${UV4J_GROUP_ROUNDS:-3}
secs=${UV4J_GROUP_SECS:-5}
out=target/group-bench
load=$out/echo-load
shared_tools=${UV4J_SHARED_TOOLS:-$UV4J_ROOT/../shared/tools}
repo=()
if [ -n "${UV4J_MAVEN_REPO_LOCAL:-}" ]; then repo=(-Dmaven.repo.local="$UV4J_MAVEN_REPO_LOCAL"); fi
mkdir -p "$out"
rm -f "$out"/*.txt

echo "group-bench: building uv4j and the group echo server"
mvn -B -ntp -q "${repo[@]}" install -DskipTests -Dmaven.javadoc.skip=true -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"
mvn -B -ntp -q "${repo[@]}" -f bench/pom.xml clean package
cc -O2 -Wall -o "$load" "$shared_tools/echo-load.c"

pids=()
stop_servers() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_servers EXIT

start() { # name port loops
  local name=$1 port=$2 loops=$3
  java -cp bench/target/benchmarks.jar io.uv4j.bench.GroupEchoServer "$port" "$loops" > "$out/server-$name.txt" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    grep -q listening "$out/server-$name.txt" && return 0
    sleep 0.1
  done
  echo "group-bench: $name server did not start:" >&2
  cat "$out/server-$name.txt" >&2
  exit 1
}

names=(1-loop 2-loops)
ports=(9711 9712)
start 1-loop 9711 1
start 2-loops 9712 2
server_pids=("${pids[@]}")
cat "$out"/server-*.txt

configs=("64 1" "64 16" "4096 16")
echo "group-bench: warming up"
for cfg in "${configs[@]}"; do
  read -r size pipeline <<< "$cfg"
  for port in "${ports[@]}"; do "$load" -p "$port" -c 50 -s "$size" -P "$pipeline" -d 2 -w 1 > /dev/null; done
done

echo "group-bench: load before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
for cfg in "${configs[@]}"; do
  read -r size pipeline <<< "$cfg"
  for round in $(seq 1 "$rounds"); do
    for i in 0 1; do
      line=$("$load" -p "${ports[$i]}" -c 50 -s "$size" -P "$pipeline" -d "$secs" -w 1 -S "${server_pids[$i]}")
      echo "$size x$pipeline round $round ${names[$i]}: $line"
      echo "$line" >> "$out/${names[$i]}-$size-$pipeline.txt"
    done
  done
done
echo "group-bench: load after measuring: $(cut -d' ' -f1-3 /proc/loadavg)"

# median of key=value over a file's lines
median() { # key file
  sed -n "s/.* $1=\([0-9.]*\).*/\1/p" "$2" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo
echo "TCP echo over a LoopGroup, 50 connections, medians of $rounds alternating rounds of ${secs}s ($(nproc) cores)"
printf '%-13s %-8s %10s %7s %10s %7s %9s %9s\n' config server srv_ns/rt "/1" "rt/s" "/1" srv_cpu host_cpu
for cfg in "${configs[@]}"; do
  read -r size pipeline <<< "$cfg"
  label="$size B x$pipeline"
  one_ns=$(median srv_ns_per_rt "$out/1-loop-$size-$pipeline.txt")
  one_rps=$(median rps "$out/1-loop-$size-$pipeline.txt")
  for name in "${names[@]}"; do
    f=$out/$name-$size-$pipeline.txt
    ns=$(median srv_ns_per_rt "$f")
    rps=$(median rps "$f")
    printf '%-13s %-8s %10.0f %7.3f %10.0f %7.3f %9.2f %9.2f\n' "$label" "$name" "$ns" \
      "$(awk -v a="$ns" -v b="$one_ns" 'BEGIN { print a / b }')" "$rps" \
      "$(awk -v a="$rps" -v b="$one_rps" 'BEGIN { print a / b }')" \
      "$(median srv_cpu "$f")" "$(median host_cpu "$f")"
  done
done
