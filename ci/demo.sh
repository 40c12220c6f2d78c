#!/usr/bin/env bash
# Builds the uv4j jar (without running the tests) and runs the event-loop tour, passing the
# arguments on: `bash ci/demo.sh --svg target/tour.svg` also draws the run as an SVG timeline.
source "$(dirname "$0")/setup.sh"

mvn -B -ntp -q package -DskipTests -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"
exec java -jar target/uv4j-*-SNAPSHOT.jar "$@"
