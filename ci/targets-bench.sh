#!/usr/bin/env bash
# The request path and scheduling figures against their targets, all from one run: the file
# system and thread-pool benchmark (ci/fs-bench.sh), the idle loop beside raw C with and without
# a parked thread (ci/bench.sh, its idle rounds only) and Node-style scheduling beside Node
# (ci/sched-bench.sh). Each of those alternates its own programs; this prints one table of their
# medians at the end, kept in target/targets-bench/summary.txt.
source "$(dirname "$0")/setup.sh"

out=target/targets-bench
mkdir -p "$out"

# Short runs on a shared machine scatter widely: more and longer rounds than each script's own
# defaults steady the medians (any of these may still be set from outside).
export UV4J_FS_ROUNDS=${UV4J_FS_ROUNDS:-7}
export UV4J_FS_STAT_N=${UV4J_FS_STAT_N:-300000}
export UV4J_BENCH_ROUNDS=${UV4J_BENCH_ROUNDS:-5}
export UV4J_SCHED_ROUNDS=${UV4J_SCHED_ROUNDS:-5}

bash ci/fs-bench.sh
UV4J_BENCH_IDLE_ONLY=1 bash ci/bench.sh
bash ci/sched-bench.sh

verdict() { # value op target
  awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { ok = (op == ">=") ? v >= t : v <= t; print ok ? "met" : "NOT met" }'
}

fs=target/fs-bench/summary.txt
idle=target/bench/summary.txt
sched=target/sched-bench/summary.txt
# fs-bench's verdict lines: "uv4j/C stat 0.55 ...", "uv4j fs_readFile / readAllBytes time 1.02 ..."
stat=$(awk '$1 == "uv4j/C" && $2 == "stat" { print $3 }' "$fs")
work=$(awk '$1 == "uv4j/C" && $2 == "queueWork" { print $3 }' "$fs")
read_ratio=$(awk '$1 == "uv4j" && $2 ~ /^(fs_readFile|uv4j_async)$/ && $5 == "time" { print $6 }' "$fs")
idle_thread=$(awk '$1 == "median" { print $6 }' "$idle")
immediates=$(awk '$1 == "immediates" { print $4 }' "$sched")

{
  echo
  echo "uv4j targets, one run ($(nproc) cores, $(date -u +%Y-%m-%d))"
  printf '  %-52s %8s %8s  %s\n' benchmark figure target verdict
  row() { printf '  %-52s %8s %8s  %s\n' "$1" "$2" "$3 $4" "$(verdict "$2" "$3" "$4")"; }
  row "fs stat, callback form (raw C = 1)" "$stat" ">=" 0.8
  row "queueWork no-op (raw C = 1)" "$work" ">=" 0.6
  row "idle callbacks/s (raw C with one parked thread = 1)" "$idle_thread" ">=" 0.9
  row "setImmediate chain (Node = 1)" "$immediates" ">=" 3
  row "readFile 100 MiB async, time (readAllBytes = 1)" "$read_ratio" "<=" 1.1
} | tee "$out/summary.txt"
