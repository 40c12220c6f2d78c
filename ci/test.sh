#!/usr/bin/env bash
# Builds uv4j and runs every test (under -Xcheck:jni), then fails if the JVM printed any JNI
# warning or the library exports a libuv symbol.
source "$(dirname "$0")/setup.sh"

log=target/test-output.log
mkdir -p target
mvn -B -ntp verify -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || exit "$status"

if grep -E "WARNING in native method|FATAL ERROR in native method" "$log" target/surefire-reports/*.txt target/surefire-reports/*-output.txt 2>/dev/null; then
  echo "ci: -Xcheck:jni reported the problems above" >&2
  exit 1
fi
lib=$(find target/classes/META-INF/native -name 'libuv4j.so' | head -n 1)
if [ -n "$lib" ] && nm -D --defined-only "$lib" | grep -E ' (uv_|uv__)'; then
  echo "ci: $lib exports libuv symbols" >&2
  exit 1
fi
echo "ci: all tests passed under -Xcheck:jni; $lib exports no libuv symbol"
