#!/usr/bin/env bash
# Builds uv4j, runs every test (under -Xcheck:jni) and installs it in the local Maven repository;
# builds the examples on it and runs their tests (also under -Xcheck:jni); fails if a JVM printed
# any JNI warning or the library exports a libuv symbol, or if a function of uv.h is neither
# bound nor listed with a reason in native/UNBOUND.md; then, on Linux, validates the GitHub
# workflows, cross-builds the shim for Windows x86_64 and Linux aarch64, and runs the tests again
# and a short slice of the fuzzer against the library built under AddressSanitizer and UBSan.
# Arguments go to Maven, in every test run; a -Dtest=... that names none of the examples' tests
# runs none of them.
source "$(dirname "$0")/setup.sh"

log=target/test-output.log
mkdir -p target
mvn -B -ntp install -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || exit "$status"

mvn -B -ntp -f examples/pom.xml verify -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 | tee -a "$log"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || exit "$status"

bash ci/check-native.sh --log "$log" --reports examples/target/surefire-reports
bash ci/uv-coverage.sh --self-test

[ "$(uname -s)" = Linux ] || exit 0
bash ci/check-workflows.sh
bash ci/cross-build.sh
bash ci/sanitize.sh "$@"
bash ci/fuzz.sh --minutes 1 --seed 1
