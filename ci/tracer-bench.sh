#!/usr/bin/env bash
# What the tracing hook costs when no tracer is set: the JMH idle-callback benchmark run
# alternately against this build and against the same sources with the hook cut out of
# Loop.dispatch (built under target/no-hook). Medians of the rounds, and their ratio.
#
# UV4J_TRACER_ROUNDS (default 5): A/B rounds. Arguments, if any, replace the JMH options.
source "$(dirname "$0")/setup.sh"

rounds=${UV4J_TRACER_ROUNDS:-5}
jmh_opts=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
[ $# -eq 0 ] || jmh_opts=("$@")
out=target/tracer-bench
base=target/no-hook
mkdir -p "$out"
rm -f "$out"/*.csv

echo "tracer-bench: building uv4j and the JMH benchmarks"
mvn -B -ntp -q install -DskipTests -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"
mvn -B -ntp -q -f bench/pom.xml clean package

echo "tracer-bench: building the same sources without the hook in $base"
rm -rf "$base"
mkdir -p "$base"
cp -r pom.xml CMakeLists.txt java native "$base"/
python3 - "$base/java/io/uv4j/Loop.java" <<'PY'
import sys
path = sys.argv[1]
src = open(path).read()
hook = """    if (tracer != null) {
      traced(target, event, arg);
      return;
    }
"""
if src.count(hook) != 1:
    sys.exit("tracer-bench: the tracing hook in Loop.dispatch was not found exactly once")
open(path, "w").write(src.replace(hook, ""))
PY
(cd "$base" && mvn -B -ntp -q process-classes -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE")

score() { awk -F, 'NR == 2 { print $5 }' "$1"; }
with=()
without=()
for round in $(seq 1 "$rounds"); do
  java -jar bench/target/benchmarks.jar '^io\.uv4j\.bench\.IdleCallbacks\.' "${jmh_opts[@]}" \
    -rf csv -rff "$out/with-$round.csv" > /dev/null
  with+=("$(score "$out/with-$round.csv")")
  # the no-hook classes and library come first on the class path, so they are the ones loaded
  java -cp "$base/target/classes:bench/target/benchmarks.jar" org.openjdk.jmh.Main \
    '^io\.uv4j\.bench\.IdleCallbacks\.' "${jmh_opts[@]}" -rf csv -rff "$out/without-$round.csv" > /dev/null
  without+=("$(score "$out/without-$round.csv")")
  echo "round $round: with hook ${with[-1]}/s, without ${without[-1]}/s"
done

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
w=$(median "${with[@]}")
o=$(median "${without[@]}")
echo
echo "idle callbacks/s, tracing off, medians of $rounds alternating rounds"
awk -v w="$w" -v o="$o" 'BEGIN {
  printf "  with the hook     %14.0f\n  without the hook  %14.0f\n  ratio             %14.3f  (target >= 0.98: %s)\n", w, o, w / o, (w / o >= 0.98 ? "met" : "NOT met") }'
