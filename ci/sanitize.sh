#!/usr/bin/env bash
# Runs every test against libuv and the shim built under AddressSanitizer and UBSan, with the ASan
# runtime preloaded into the test JVMs (and the JVMs they start), and fails on any sanitizer
# report, printing it. Arguments go to Maven (-Dtest=... runs some tests only). Linux, GCC.
source "$(dirname "$0")/setup.sh"
source ci/sanitizer-build.sh

out=target/sanitize
logs=$out/logs
log=$out/test-output.log
rm -rf "$logs" "$out/surefire-reports"
mkdir -p "$logs"

echo "ci: running the tests against $SANITIZED_LIBRARY"
mvn -B -ntp -Psanitize surefire:test \
  -Duv4j.sanitize.library="$SANITIZED_LIBRARY" \
  -Duv4j.sanitize.preload="$SANITIZER_PRELOAD" \
  -Duv4j.sanitize.asanOptions="$(sanitizer_asan_options "$PWD/$logs")" \
  -Duv4j.sanitize.ubsanOptions="$(sanitizer_ubsan_options)" \
  "$@" 2>&1 | tee "$log" && status=0 || status=$?

reports=0
for report in "$logs"/asan.*; do
  [ -e "$report" ] || continue
  echo "sanitize: AddressSanitizer report $report:" >&2
  cat "$report" >&2
  reports=$((reports + 1))
done
# UBSan's reports, and any ASan report a JVM wrote to stderr, are in the Maven log or, where
# surefire keeps a forked JVM's stray output, in its report files.
for file in "$log" $(find "$out/surefire-reports" -type f 2>/dev/null); do
  if grep -qE "runtime error: |ERROR: AddressSanitizer" "$file"; then
    echo "sanitize: sanitizer report in $file:" >&2
    grep -E -A 30 "runtime error: |ERROR: AddressSanitizer" "$file" >&2
    reports=$((reports + 1))
  fi
done

if [ "$reports" -gt 0 ]; then
  echo "sanitize: FAILED: $reports file(s) with sanitizer reports, shown above" >&2
  exit 1
fi
[ "$status" -eq 0 ] || exit "$status"
echo "sanitize: no sanitizer report"
