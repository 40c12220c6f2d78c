#!/bin/sh
# Inside an Alpine container (see ci/in-container.sh): installs Alpine's OpenJDK 17 and Maven,
# then tests the jar in DIST on musl as every other platform does: the library's suite
# (ci/test-jar.sh), then the examples' tests against the installed jar.
#
# Usage: ci/alpine-test-jar.sh DIST
set -eu

dist=${1:?usage: ci/alpine-test-jar.sh DIST}
apk add --no-cache -q bash binutils coreutils findutils grep openjdk17-jdk maven
export JAVA_HOME=/usr/lib/jvm/java-17-openjdk
export PATH="$JAVA_HOME/bin:$PATH"
java -version

bash ci/test-jar.sh "$dist/uv4j.jar"
bash ci/install-jar.sh "$dist"
mvn -B -ntp -f examples/pom.xml verify
