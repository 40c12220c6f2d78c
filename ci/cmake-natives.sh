#!/bin/sh
# Builds the shim and libuv with CMake the way the pom's cmake-configure and cmake-build
# executions do, for a build outside Maven: inside a container with no JDK (see ci/in-container.sh).
# Needs target/native-headers from a Maven compile first. The library goes to
# target/classes/META-INF/native/<folder>/, the folder CMake names for the platform it targets.
# On Alpine it first installs the compiler, CMake and the Linux headers with apk. CMake downloads
# the pinned libuv release unless UV4J_LIBUV_SOURCE names a libuv source tree (as in ci/setup.sh).
#
# Usage: ci/cmake-natives.sh JDK_HOME   (a folder whose include/ has jni.h)
set -eu

jdk=${1:?usage: ci/cmake-natives.sh JDK_HOME}
[ -d target/native-headers ] || {
  echo "cmake-natives: no target/native-headers; run 'mvn compile -Duv4j.native.skip=true' first" >&2
  exit 1
}
if [ -f /etc/alpine-release ]; then
  apk add --no-cache -q build-base cmake linux-headers
fi
cmake --version | head -n 1
cc --version | head -n 1

root=$(pwd)
cmake -S . -B target/cmake -DCMAKE_BUILD_TYPE=Release -DUV4J_JAVA_HOME="$jdk" \
  -DUV4J_JNI_HEADERS="$root/target/native-headers" \
  -DUV4J_OUTPUT_DIR="$root/target/classes/META-INF/native" \
  -DUV4J_LIBUV_SOURCE_DIR="${UV4J_LIBUV_SOURCE:-}"
cmake --build target/cmake --config Release --parallel --target uv4j
