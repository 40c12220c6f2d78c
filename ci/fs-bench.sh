#!/usr/bin/env bash
# File-system and thread-pool benchmark: raw C libuv (bench/c/stat_loop.c, work_loop.c), uv4j
# (bench/java/.../StatLoop, WorkLoop, ReadFileBench) and Node (bench/node/stat.js), run
# alternately (C, uv4j, Node, C, ...) so that every round sees the same machine, then a table of
# medians and ratios. Every figure in it comes from the runs above it.
#
#  - stat: N fs stats of one small file, K in flight (callback forms);
#  - queueWork: N no-op work items on libuv's pool, K in flight;
#  - readFile: one file of UV4J_FS_FILE_MB MiB read whole into a byte[], uv4j against
#    java.nio.file.Files.readAllBytes (ReadFileBench alternates them itself).
#
# UV4J_FS_ROUNDS (default 3): alternating rounds of stat and of queueWork.
# UV4J_FS_STAT_N (100000), UV4J_FS_WORK_N (1000000), UV4J_FS_K (1024): the programs' N and K.
# UV4J_FS_FILE_MB (100): size of the readFile test file. UV4J_FS_READ_ROUNDS (7): its rounds.
source "$(dirname "$0")/setup.sh"

rounds=${UV4J_FS_ROUNDS:-3}
stat_n=${UV4J_FS_STAT_N:-100000}
work_n=${UV4J_FS_WORK_N:-1000000}
k=${UV4J_FS_K:-1024}
file_mb=${UV4J_FS_FILE_MB:-100}
read_rounds=${UV4J_FS_READ_ROUNDS:-7}
out=target/fs-bench
jar=bench/target/benchmarks.jar
# A fixed, pre-touched heap: 100 MB arrays would otherwise fault fresh pages in mid-round.
java=(java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp "$jar")
mkdir -p "$out"
rm -f "$out"/*.txt

echo "fs-bench: building uv4j, the raw C programs and the Java benchmarks"
mvn -B -ntp -q install -DskipTests -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"
mvn -B -ntp -q -f bench/pom.xml clean package
command -v node >/dev/null || { echo "fs-bench: node is not installed" >&2; exit 1; }

stat_file=$PWD/$out/stat-target
big_file=$PWD/$out/read-${file_mb}m
head -c 4096 /dev/urandom > "$stat_file"
if [ "$(stat -c %s "$big_file" 2>/dev/null || echo 0)" -ne $((file_mb << 20)) ]; then
  echo "fs-bench: creating the ${file_mb} MiB test file"
  head -c $((file_mb << 20)) /dev/urandom > "$big_file"
fi

# The value of key=<number> on the line a program printed.
figure() { # key file
  sed -n "s/^$1=\([0-9.]*\).*/\1/p" "$2"
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

run() { # file command...: runs it, keeps stdout in file and shows it
  local file=$1
  shift
  "$@" > "$file" 2> "$file.err" || { cat "$file" "$file.err" >&2; exit 1; }
  echo "  $(cat "$file")"
}

c_stat=() uv_stat=() node_stat=()
for round in $(seq 1 "$rounds"); do
  echo "fs-bench: stat round $round/$rounds: C, uv4j, node"
  run "$out/stat-c-$round.txt" target/cmake/stat_loop "$stat_file" "$stat_n" "$k"
  run "$out/stat-uv4j-$round.txt" "${java[@]}" io.uv4j.bench.StatLoop "$stat_file" "$stat_n" "$k"
  run "$out/stat-node-$round.txt" node bench/node/stat.js "$stat_file" "$stat_n" "$k"
  c_stat+=("$(figure stats_per_sec "$out/stat-c-$round.txt")")
  uv_stat+=("$(figure stats_per_sec "$out/stat-uv4j-$round.txt")")
  node_stat+=("$(figure stats_per_sec "$out/stat-node-$round.txt")")
done

c_work=() uv_work=()
for round in $(seq 1 "$rounds"); do
  echo "fs-bench: queueWork round $round/$rounds: C, uv4j"
  run "$out/work-c-$round.txt" target/cmake/work_loop "$work_n" "$k"
  run "$out/work-uv4j-$round.txt" "${java[@]}" io.uv4j.bench.WorkLoop "$work_n" "$k"
  c_work+=("$(figure work_per_sec "$out/work-c-$round.txt")")
  uv_work+=("$(figure work_per_sec "$out/work-uv4j-$round.txt")")
done

echo "fs-bench: readFile of ${file_mb} MiB, $read_rounds alternating rounds"
"${java[@]}" io.uv4j.bench.ReadFileBench "$big_file" "$read_rounds" > "$out/readfile.txt" 2> "$out/readfile.txt.err" ||
  { cat "$out/readfile.txt" "$out/readfile.txt.err" >&2; exit 1; }
cat "$out/readfile.txt.err" "$out/readfile.txt"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { # value op target
  awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN {
    ok = (op == ">=") ? v >= t : (op == "<=") ? v <= t : 0
    printf "%s %s %s: %s", "target", op, t, ok ? "met" : "NOT met" }'
}

{
  echo
  echo "uv4j file system and thread pool ($(nproc) cores, UV_THREADPOOL_SIZE=${UV_THREADPOOL_SIZE:-4 (default)})"
  echo "medians of $rounds alternating rounds; uv4j and node report their last warmed-up round"
  echo
  printf '  %-34s %14s %14s %14s\n' "" "raw C" uv4j node
  cs=$(median "${c_stat[@]}") us=$(median "${uv_stat[@]}") ns=$(median "${node_stat[@]}")
  printf '  %-34s %14.0f %14.0f %14.0f\n' "stat/s (N=$stat_n, K=$k)" "$cs" "$us" "$ns"
  cw=$(median "${c_work[@]}") uw=$(median "${uv_work[@]}")
  printf '  %-34s %14.0f %14.0f %14s\n' "queueWork/s (N=$work_n, K=$k)" "$cw" "$uw" -
  echo
  echo "  per round (C / uv4j / node):"
  for i in "${!c_stat[@]}"; do
    printf '    stat      %d: %10.0f %10.0f %10.0f\n' $((i + 1)) "${c_stat[$i]}" "${uv_stat[$i]}" "${node_stat[$i]}"
  done
  for i in "${!c_work[@]}"; do
    printf '    queueWork %d: %10.0f %10.0f\n' $((i + 1)) "${c_work[$i]}" "${uv_work[$i]}"
  done
  echo
  nio=$(figure nio_ms "$out/readfile.txt")
  echo "  readFile of ${file_mb} MiB into a byte[], median ms of $read_rounds alternating rounds:"
  printf '    %-18s %10.2f\n' Files.readAllBytes "$nio"
  for name in $(sed -n 's/^\([a-zA-Z0-9_]*\)_ms=.*/\1/p' "$out/readfile.txt"); do
    [ "$name" = nio ] && continue
    ms=$(figure "${name}_ms" "$out/readfile.txt")
    printf '    %-18s %10.2f   %s / readAllBytes %s\n' "$name" "$ms" "$name" "$(ratio "$ms" "$nio")"
  done
  echo
  # The library's own readFileSync and readFile when it has them, else the reader composed from
  # its primitives.
  sync_name=uv4j_sync async_name=uv4j_async
  grep -q '^fs_readFileSync_ms=' "$out/readfile.txt" && sync_name=fs_readFileSync
  grep -q '^fs_readFile_ms=' "$out/readfile.txt" && async_name=fs_readFile
  rs=$(ratio "$(figure "${sync_name}_ms" "$out/readfile.txt")" "$nio")
  ra=$(ratio "$(figure "${async_name}_ms" "$out/readfile.txt")" "$nio")
  r1=$(ratio "$us" "$cs") r2=$(ratio "$us" "$ns") r3=$(ratio "$uw" "$cw")
  printf '  %-44s %6s   %s\n' "uv4j/C stat" "$r1" "$(verdict "$r1" '>=' 0.8)"
  printf '  %-44s %6s\n' "uv4j/node stat" "$r2"
  printf '  %-44s %6s   %s\n' "uv4j/C queueWork" "$r3" "$(verdict "$r3" '>=' 0.6)"
  printf '  %-44s %6s   %s\n' "uv4j $sync_name / readAllBytes time" "$rs" "$(verdict "$rs" '<=' 1.1)"
  printf '  %-44s %6s   %s\n' "uv4j $async_name / readAllBytes time" "$ra" "$(verdict "$ra" '<=' 1.1)"
} | tee "$out/summary.txt"
