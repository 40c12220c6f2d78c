#!/usr/bin/env bash
# Builds uv4j and runs every test (under -Xcheck:jni), then fails if the JVM printed any JNI
# warning or the library exports a libuv symbol.
source "$(dirname "$0")/setup.sh"

log=target/test-output.log
mkdir -p target
mvn -B -ntp verify -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || exit "$status"

exec bash ci/check-native.sh "$log"
