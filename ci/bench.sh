#!/usr/bin/env bash
# Builds uv4j, the raw C libuv baselines (bench/c) and the JMH benchmarks (bench/), runs the raw C
# idle loop and the JMH idle benchmark alternately so that both see the same machine load, then
# the rest of the JMH suite, and prints a table of what ran. Extra arguments go to every JMH run.
#
# Each round also runs the C idle loop with one parked thread: a JVM is a multi-threaded process,
# which makes every epoll_pwait dearer, and that column shows how much of the gap that is.
#
# UV4J_BENCH_ROUNDS (default 3): C/Java rounds of the idle comparison.
# UV4J_BENCH_IDLE_N (default 20000000): idle callbacks per raw C run.
# UV4J_BENCH_IDLE_ONLY=1: the idle rounds alone, without the timer loop and the rest of the suite.
source "$(dirname "$0")/setup.sh"

rounds=${UV4J_BENCH_ROUNDS:-3}
idle_n=${UV4J_BENCH_IDLE_N:-20000000}
jmh_opts=(-f 1 -wi 3 -i 5 -w 1s -r 1s "$@")
out=target/bench
jar=bench/target/benchmarks.jar
mkdir -p "$out"
rm -f "$out"/*.csv "$out"/*.txt

echo "ci: building uv4j and the raw C baselines"
mvn -B -ntp -q install -DskipTests -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"
echo "ci: building the JMH benchmarks"
mvn -B -ntp -q -f bench/pom.xml clean package

# The values of key=<number> on the lines raw C programs printed, one per file.
c_figure() {
  sed -n "s/^$1=\([0-9.]*\).*/\1/p" "${@:2}"
}

# Score and error of every benchmark in a JMH CSV result, as "name score error" lines.
jmh_figures() {
  awk -F, 'NR > 1 { gsub(/"/, "", $1); sub(/^io\.uv4j\.bench\./, "", $1); print $1, $5, $6 }' "$1"
}

c_idle=()
ct_idle=()
java_idle=()
for round in $(seq 1 "$rounds"); do
  echo "ci: round $round/$rounds: raw C idle_loop $idle_n"
  target/cmake/idle_loop "$idle_n" | tee "$out/idle-c-$round.txt"
  c_idle+=("$(c_figure idle_cb_per_sec "$out/idle-c-$round.txt")")

  echo "ci: round $round/$rounds: raw C idle_loop $idle_n, one parked thread"
  target/cmake/idle_loop "$idle_n" 1 | tee "$out/idle-ct-$round.txt"
  ct_idle+=("$(c_figure idle_cb_per_sec "$out/idle-ct-$round.txt")")

  echo "ci: round $round/$rounds: JMH IdleCallbacks"
  java -jar "$jar" '^io\.uv4j\.bench\.IdleCallbacks\.' "${jmh_opts[@]}" \
    -rf csv -rff "$out/idle-java-$round.csv" > "$out/idle-java-$round.txt"
  java_idle+=("$(jmh_figures "$out/idle-java-$round.csv" | awk '{ print $2 }')")
  if [ -z "${java_idle[-1]}" ]; then
    echo "ci: JMH IdleCallbacks gave no score; its output is in $out/idle-java-$round.txt" >&2
    exit 1
  fi
  grep -E "^(Benchmark +Mode|IdleCallbacks)" "$out/idle-java-$round.txt"
done

idle_only=${UV4J_BENCH_IDLE_ONLY:-}
if [ -z "$idle_only" ]; then
  # The raw C timer loop runs before and after the suite, whose timer figures it is set against.
  echo "ci: raw C timer_loop"
  target/cmake/timer_loop | tee "$out/timer-c-1.txt"

  echo "ci: the rest of the JMH suite"
  java -jar "$jar" -e '^io\.uv4j\.bench\.IdleCallbacks\.' "${jmh_opts[@]}" \
    -rf csv -rff "$out/suite.csv" > "$out/suite.txt"
  grep -E "^(Benchmark +|[A-Za-z]+\.[A-Za-z]+ .*thrpt)" "$out/suite.txt"

  echo "ci: raw C timer_loop again"
  target/cmake/timer_loop | tee "$out/timer-c-2.txt"
fi

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

{
  echo
  echo "uv4j benchmarks ($(nproc) cores, JMH ${jmh_opts[*]})"
  echo
  echo "idle loop: callbacks/s of one idle handle, raw C and uv4j run alternately"
  echo "(C+thread: raw C with one parked thread, a multi-threaded process as a JVM is)"
  printf '  %-6s %14s %14s %14s %8s %14s\n' round "raw C" "C+thread" uv4j "uv4j/C" "uv4j/C+thread"
  row='BEGIN { printf "  %-6s %14.0f %14.0f %14.0f %8.2f %14.2f%s\n", r, c, t, j, j / c, j / t, note }'
  for i in "${!c_idle[@]}"; do
    awk -v r=$((i + 1)) -v c="${c_idle[$i]}" -v t="${ct_idle[$i]}" -v j="${java_idle[$i]}" "$row"
  done
  c_med=$(median "${c_idle[@]}")
  t_med=$(median "${ct_idle[@]}")
  j_med=$(median "${java_idle[@]}")
  met=$(awk -v c="$c_med" -v j="$j_med" 'BEGIN { print (j / c >= 0.8) ? "met" : "NOT met" }')
  awk -v r=median -v c="$c_med" -v t="$t_med" -v j="$j_med" -v note="  (uv4j/C target >= 0.80: $met)" "$row"
  [ -n "$idle_only" ] && exit 0
  echo
  echo "timers: raw C (bench/c/timer_loop.c, median of the runs before and after the suite)"
  echo "against uv4j (TimerThroughput)"
  c_fire=$(median $(c_figure timer_fire_per_sec "$out"/timer-c-*.txt))
  c_pair=$(median $(c_figure timer_start_stop_per_sec "$out"/timer-c-*.txt))
  j_fire=$(jmh_figures "$out/suite.csv" | awk '$1 == "TimerThroughput.fire" { print $2 }')
  j_pair=$(jmh_figures "$out/suite.csv" | awk '$1 == "TimerThroughput.startStop" { print $2 }')
  printf '  %-24s %16s %16s %8s\n' "" "raw C" uv4j "uv4j/C"
  awk -v c="$c_fire" -v j="$j_fire" 'BEGIN { printf "  %-24s %16.0f %16.0f %8.2f\n", "0 ms timers fired/s", c, j, j / c }'
  awk -v c="$c_pair" -v j="$j_pair" 'BEGIN { printf "  %-24s %16.0f %16.0f %8.2f\n", "start+stop pairs/s", c, j, j / c }'
  echo
  echo "JMH suite (ops/s, ± 99.9% error)"
  for round in $(seq 1 "$rounds"); do
    jmh_figures "$out/idle-java-$round.csv" | sed "s/^\([^ ]*\)/\1#$round/"
  done | awk '{ sub(/#/, " (round ", $1); printf "  %-38s %16.0f ± %.0f\n", $1 ")", $2, $3 }'
  jmh_figures "$out/suite.csv" | awk '{ printf "  %-38s %16.0f ± %.0f\n", $1, $2, $3 }'
} | tee "$out/summary.txt"
