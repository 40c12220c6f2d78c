#!/usr/bin/env bash
# Installs the jars ci/assemble.sh wrote (uv4j.jar, uv4j-sources.jar, uv4j-javadoc.jar in DIST)
# into the local Maven repository under this pom's coordinates, so that a project depending on
# io.uv4j:uv4j (the examples) builds against exactly those jars. Arguments after DIST go to Maven.
#
# Usage: ci/install-jar.sh DIST [MAVEN_ARGUMENT...]
set -euo pipefail

dist=$(cd "${1:?usage: ci/install-jar.sh DIST [MAVEN_ARGUMENT...]}" && pwd)
shift
cd "$(dirname "$0")/.."
mvn -B -ntp install:install-file -DpomFile=pom.xml -Dfile="$dist/uv4j.jar" \
  -Dsources="$dist/uv4j-sources.jar" -Djavadoc="$dist/uv4j-javadoc.jar" "$@"
