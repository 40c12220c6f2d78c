#!/usr/bin/env bash
# Builds the uv4j jar (without running the tests) and runs the event-loop tour, passing the
# arguments on: `bash ci/demo.sh --svg target/tour.svg` also draws the run as an SVG timeline.
source "$(dirname "$0")/setup.sh"

mvn -B -ntp -q package -DskipTests -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"
# the library jar, not its -sources or -javadoc companions
for jar in target/uv4j-*.jar; do
  case $jar in *-sources.jar | *-javadoc.jar) ;; *) exec java -jar "$jar" "$@" ;; esac
done
echo "ci: no uv4j jar in target/" >&2
exit 1
