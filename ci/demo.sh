#!/usr/bin/env bash
# Builds the uv4j jar (without running the tests) and runs its demo.
source "$(dirname "$0")/setup.sh"

mvn -B -ntp -q package -DskipTests -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"
exec java -jar target/uv4j-*-SNAPSHOT.jar "$@"
