#!/usr/bin/env bash
# Runs one ci/ script inside a Linux container: for builds against an old glibc (manylinux2014) or
# musl (Alpine), on a host runner where GitHub's JavaScript actions work and the container need not
# run any. The checkout is mounted at /uv4j (the working folder), the host JDK's include/ folder at
# /jdk/include (jni.h for a container without a JDK), and the checkout, with what the script wrote
# into it as root, is handed back to the host user afterwards. The script runs under sh, so it may start where there is no bash yet.
#
# Usage: ci/in-container.sh IMAGE SCRIPT [ARGUMENT...]
set -euo pipefail

[ $# -ge 2 ] || {
  echo "usage: ci/in-container.sh IMAGE SCRIPT [ARGUMENT...]" >&2
  exit 2
}
image=$1
shift
cd "$(dirname "$0")/.."

mounts=(-v "$PWD:/uv4j")
if [ -n "${JAVA_HOME:-}" ]; then
  mounts+=(-v "$JAVA_HOME/include:/jdk/include:ro")
fi
owner="$(id -u):$(id -g)"
docker run --rm "${mounts[@]}" -w /uv4j -e UV4J_HOST_OWNER="$owner" "$image" \
  sh -c 'status=0; sh "$@" || status=$?; chown -R "$UV4J_HOST_OWNER" /uv4j; exit $status' \
  in-container "$@"
