#!/usr/bin/env bash
# Runs the whole test suite against a built jar rather than the classes and library a Maven build
# makes: the tests are compiled (without CMake), target/classes is replaced by the jar's content
# (its classes, resources and every platform's library), and surefire runs with the pom's settings
# (-Xcheck:jni among them). ci/check-native.sh then reads the log and reports, and checks this
# platform's library as the jar carries it. Arguments after the jar go to both Maven runs.
#
# Usage: ci/test-jar.sh JAR [MAVEN_ARGUMENT...]
set -euo pipefail

[ $# -ge 1 ] || {
  echo "usage: ci/test-jar.sh JAR [MAVEN_ARGUMENT...]" >&2
  exit 2
}
jar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
cd "$(dirname "$0")/.."

mvn -B -ntp test-compile -Duv4j.native.skip=true "$@"

rm -rf target/classes
mkdir -p target/classes
(cd target/classes && jar xf "$jar")

# surefire alone: a lifecycle run would compile target/classes again over the jar's classes.
# With pipefail, a failed run stops the script with Maven's status.
log=target/test-jar.log
mvn -B -ntp surefire:test "$@" 2>&1 | tee "$log"

bash ci/check-native.sh --log "$log" --reports target/surefire-reports
