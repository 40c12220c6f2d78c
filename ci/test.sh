#!/usr/bin/env bash
# Builds uv4j and runs every test (under -Xcheck:jni), fails if the JVM printed any JNI warning or
# the library exports a libuv symbol; then, on Linux, cross-builds the shim for Windows x86_64 and
# Linux aarch64, and runs the tests again and a short slice of the fuzzer against the library
# built under AddressSanitizer and UBSan. Arguments go to Maven, in both test runs.
source "$(dirname "$0")/setup.sh"

log=target/test-output.log
mkdir -p target
mvn -B -ntp verify -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || exit "$status"

bash ci/check-native.sh "$log"

[ "$(uname -s)" = Linux ] || exit 0
bash ci/cross-build.sh
bash ci/sanitize.sh "$@"
bash ci/fuzz.sh --minutes 1 --seed 1
