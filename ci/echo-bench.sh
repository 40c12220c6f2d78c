#!/usr/bin/env bash
# Compares TCP echo servers, each on one event-loop thread: raw C libuv
# (bench/c/echo_server.c, also run with one parked thread, a multi-threaded process as a JVM
# is), uv4j (examples/.../EchoServer.java) and Netty epoll
# (bench/java/.../NettyEchoServer.java), under ../shared/tools/echo-load.c with 50 connections in
# four configurations: 64 B and 4 KiB ping-pong, 16 x 64 B and 16 x 4 KiB pipelined.
#
# The servers run side by side and are measured alternately (C, C+thread, uv4j, Netty, C, ...), so every
# round sees the same machine. The figure that matters on a small machine is srv_ns_per_rt, the
# server's CPU time per round trip; round trips/s and p99 latency are printed beside it. Each
# figure is the median over the rounds; ratios are to raw C.
#
# UV4J_ECHO_ROUNDS (default 3), UV4J_ECHO_SECS (default 5): rounds, seconds per measurement.
source "$(dirname "$0")/setup.sh"

rounds=${UV4J_ECHO_ROUNDS:-3}
secs=${UV4J_ECHO_SECS:-5}
out=target/echo-bench
load=$out/echo-load
shared_tools=$UV4J_ROOT/../shared/tools
mkdir -p "$out"
rm -f "$out"/*.txt

echo "echo-bench: building uv4j, the raw C server and the Netty server"
mvn -B -ntp -q install -DskipTests -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"
mvn -B -ntp -q -f examples/pom.xml compile
mvn -B -ntp -q -f bench/pom.xml clean package
cc -O2 -Wall -o "$load" "$shared_tools/echo-load.c"

pids=()
stop_servers() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_servers EXIT

start() { # name port command...
  local name=$1 port=$2
  shift 2
  "$@" > "$out/server-$name.txt" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    grep -q listening "$out/server-$name.txt" && return 0
    sleep 0.1
  done
  echo "echo-bench: $name server did not start:" >&2
  cat "$out/server-$name.txt" >&2
  exit 1
}

names=(c c+thread uv4j netty)
ports=(9701 9704 9702 9703)
start c 9701 target/cmake/echo_server 9701
c_pid=${pids[-1]}
start c+thread 9704 target/cmake/echo_server 9704 1
ct_pid=${pids[-1]}
start uv4j 9702 java -cp target/classes:examples/target/classes io.uv4j.examples.EchoServer 9702
uv4j_pid=${pids[-1]}
start netty 9703 java -cp bench/target/benchmarks.jar io.uv4j.bench.NettyEchoServer 9703
netty_pid=${pids[-1]}
server_pids=("$c_pid" "$ct_pid" "$uv4j_pid" "$netty_pid")

configs=("64 1" "4096 1" "64 16" "4096 16")
echo "echo-bench: warming up the JVM servers"
for i in 1 2; do
  for cfg in "${configs[@]}"; do
    read -r size pipeline <<< "$cfg"
    "$load" -p 9702 -c 50 -s "$size" -P "$pipeline" -d 2 -w 1 > /dev/null
    "$load" -p 9703 -c 50 -s "$size" -P "$pipeline" -d 2 -w 1 > /dev/null
  done
done

for cfg in "${configs[@]}"; do
  read -r size pipeline <<< "$cfg"
  for round in $(seq 1 "$rounds"); do
    for i in 0 1 2 3; do
      line=$("$load" -p "${ports[$i]}" -c 50 -s "$size" -P "$pipeline" -d "$secs" -w 1 -S "${server_pids[$i]}")
      echo "$size x$pipeline round $round ${names[$i]}: $line"
      echo "$line" >> "$out/${names[$i]}-$size-$pipeline.txt"
    done
  done
done

# median of key=value over a file's lines
median() { # key file
  sed -n "s/.* $1=\([0-9.]*\).*/\1/p" "$2" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo
echo "TCP echo, 50 connections, medians of $rounds alternating rounds of ${secs}s"
printf '%-14s %-9s %12s %8s %12s %8s %10s\n' config server srv_ns/rt "/C" "rt/s" "/C" "p99 us"
for cfg in "${configs[@]}"; do
  read -r size pipeline <<< "$cfg"
  label="$size B x$pipeline"
  c_ns=$(median srv_ns_per_rt "$out/c-$size-$pipeline.txt")
  c_rps=$(median rps "$out/c-$size-$pipeline.txt")
  for name in "${names[@]}"; do
    f=$out/$name-$size-$pipeline.txt
    ns=$(median srv_ns_per_rt "$f")
    rps=$(median rps "$f")
    p99=$(median p99_us "$f")
    printf '%-14s %-9s %12.0f %8.3f %12.0f %8.3f %10.0f\n' "$label" "$name" "$ns" \
      "$(awk -v a="$ns" -v b="$c_ns" 'BEGIN { print a / b }')" "$rps" \
      "$(awk -v a="$rps" -v b="$c_rps" 'BEGIN { print a / b }')" "$p99"
  done
done
