#!/usr/bin/env bash
# Builds uv4j and installs it in the local Maven repository (without running the tests), builds
# the examples on it, and runs the event-loop tour from their jar, passing the arguments on:
# `bash ci/demo.sh --svg target/tour.svg` also draws the run as an SVG timeline, and
# `--trace target/tour.json` writes it as Chrome trace-event JSON for Perfetto (a relative path is
# taken from the repository's root). Maven is quiet: only the tour prints, unless a build fails.
source "$(dirname "$0")/setup.sh"

mvn -B -ntp -q install -DskipTests -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"
mvn -B -ntp -q -f examples/pom.xml package -DskipTests
jars=(examples/target/uv4j-examples-*.jar)
[ -f "${jars[0]}" ] || {
  echo "ci: no uv4j-examples jar in examples/target/" >&2
  exit 1
}
exec java -jar "${jars[0]}" "$@"
