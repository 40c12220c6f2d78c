#!/usr/bin/env bash
# Runs the fuzzer (io.uv4j.Fuzzer, in the test classes) for N minutes from seed S against libuv and
# the shim built under AddressSanitizer and UBSan:
#
#   bash ci/fuzz.sh --minutes N --seed S
#
# The fuzzer runs in a JVM of its own, prints a line per seed it ran ("seed <n> ...") and ends with
# "fuzz: <calls> calls, seeds <first>..<last>, <failures> failures". When that JVM dies instead (a
# sanitizer report, a crash, a hang), the seed it was on is recorded with its report and the
# fuzzer starts again from the next seed with the whole minutes left. At the end it prints the
# calls the completed runs made, the seeds run and every report with its files, and exits
# non-zero if there was a report or a failure. Each run keeps its output and reports in
# target/fuzz/<start time>/seed-<its first seed>/. Linux, GCC.
source "$(dirname "$0")/setup.sh"

usage() {
  echo "usage: ci/fuzz.sh --minutes N --seed S" >&2
  exit 2
}
minutes=
seed=
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case $1 in
    --minutes) minutes=$2 ;;
    --seed) seed=$2 ;;
    *) usage ;;
  esac
  shift 2
done
[[ $minutes =~ ^[1-9][0-9]*$ ]] || { echo "fuzz: --minutes must be a whole number above 0, got '$minutes'" >&2; exit 2; }
[[ $seed =~ ^-?[0-9]+$ ]] || { echo "fuzz: --seed must be a whole number, got '$seed'" >&2; exit 2; }

source ci/sanitizer-build.sh

out=target/fuzz/$(date +%Y%m%d-%H%M%S)
# A run still going this long after its minutes is taken to hang (and gets a thread dump).
hang_grace_seconds=300
deadline=$((SECONDS + minutes * 60))
first_seed=$seed
last_seed=
calls=0
failures=0
reports=()   # sanitizer reports, crashes and hangs: "seed <n>: <kind>: <file>"
failed=()    # completed runs that failed: "seeds <first>..<last>: <what>: <file>"

# What a JVM left behind in its folder: sanitizer reports, a crash report, -Xcheck:jni
# complaints. Prints one "<kind>: <file>" line each.
reports_of() { # dir
  local dir=$1 file
  for file in "$dir"/asan.*; do
    [ -e "$file" ] && echo "AddressSanitizer report: $file"
  done
  # GCC's UBSan, next to ASan, writes to the JVM's stderr
  grep -q "runtime error: " "$dir/output.txt" && echo "UBSan report: $dir/output.txt"
  for file in "$dir"/hs_err_pid*.log; do
    [ -e "$file" ] && echo "JVM crash: $file"
  done
  grep -qE "(WARNING|FATAL ERROR) in native method" "$dir/output.txt" &&
    echo "-Xcheck:jni complaint: $dir/output.txt"
  return 0
}

while [ $((deadline - SECONDS)) -ge 60 ]; do
  run_minutes=$(((deadline - SECONDS) / 60))
  limit=$((run_minutes * 60 + hang_grace_seconds))
  dir=$out/seed-$seed
  mkdir -p "$dir"
  echo "fuzz: $run_minutes minute(s) from seed $seed under the sanitizer, output in $dir"
  started=$SECONDS
  # on a hang: SIGQUIT for a thread dump, then SIGKILL
  timeout -s QUIT -k 10 "$limit" \
    env LD_PRELOAD="$SANITIZER_PRELOAD" ASAN_OPTIONS="$(sanitizer_asan_options "$PWD/$dir")" \
    UBSAN_OPTIONS="$(sanitizer_ubsan_options)" \
    java -Xcheck:jni --enable-native-access=ALL-UNNAMED -XX:ErrorFile="$PWD/$dir/hs_err_pid%p.log" \
    -Duv4j.library.path="$SANITIZED_LIBRARY" -cp target/classes:target/test-classes \
    io.uv4j.Fuzzer --minutes "$run_minutes" --seed "$seed" 2>&1 | tee "$dir/output.txt" &&
    status=0 || status=$?
  mapfile -t found < <(reports_of "$dir")

  summary=$(sed -nE 's/^fuzz: ([0-9]+) calls, seeds (-?[0-9]+)\.\.(-?[0-9]+), ([0-9]+) failures.*/\1 \3 \4/p' \
    "$dir/output.txt" | tail -n 1)
  if [ -n "$summary" ]; then
    # the run completed: the fuzzer used its minutes
    read -r run_calls run_last run_failures <<<"$summary"
    calls=$((calls + run_calls))
    failures=$((failures + run_failures))
    last_seed=$run_last
    for report in "${found[@]}"; do
      reports+=("seeds $seed..$run_last: $report")
    done
    if [ "$run_failures" -gt 0 ]; then
      failed+=("seeds $seed..$run_last: $run_failures failures: $dir/output.txt")
    elif [ "$status" -ne 0 ]; then
      failed+=("seeds $seed..$run_last: exit status $status: $dir/output.txt")
    fi
    break
  fi

  # The JVM died on the seed after the last one it finished.
  done_seed=$(sed -nE 's/^seed (-?[0-9]+).*/\1/p' "$dir/output.txt" | tail -n 1)
  crashed_seed=$seed
  [ -z "$done_seed" ] || crashed_seed=$((done_seed + 1))
  if [ $((SECONDS - started)) -ge "$limit" ]; then
    found+=("hang, killed after $limit s (thread dump in the output): $dir/output.txt")
  elif [ ${#found[@]} -eq 0 ]; then
    if [ -z "$done_seed" ]; then
      echo "fuzz: the fuzzer ended with status $status before finishing a seed, and no report:" >&2
      cat "$dir/output.txt" >&2
      exit 2
    fi
    found+=("JVM ended with status $status and no final line: $dir/output.txt")
  fi
  for report in "${found[@]}"; do
    reports+=("seed $crashed_seed: $report")
  done
  last_seed=$crashed_seed
  seed=$((crashed_seed + 1))
done

echo
if [ -z "$last_seed" ]; then
  echo "fuzz: no time was left to run a seed" >&2
  exit 2
fi
echo "fuzz: $calls calls in completed runs, seeds $first_seed..$last_seed, $failures failures," \
  "${#reports[@]} sanitizer reports or crashes"
for line in "${reports[@]}" "${failed[@]}"; do
  echo "  $line"
  # the gist of the report, for logs that outlive target/
  file=${line##*: }
  case $line in
    *"AddressSanitizer report: "*) sed -n '/ERROR: AddressSanitizer/,/^$/p' "$file" ;;
    *"UBSan report: "*) grep -A 12 "runtime error: " "$file" ;;
    *"JVM crash: "*) grep -A 1 "Problematic frame" "$file" ;;
  esac | sed 's/^/    /'
done
[ ${#reports[@]} -eq 0 ] && [ ${#failed[@]} -eq 0 ]
