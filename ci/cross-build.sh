#!/usr/bin/env bash
# Cross-builds libuv and the shim for platforms this machine cannot run, as far as can be checked
# here: Windows x86_64 with MinGW-w64 and Linux aarch64 with GCC. Fails on any compiler warning in
# the shim (it is built with -Werror) and on any exported symbol that is not a JNI entry point
# (ci/check-native.sh, which also prints the newest glibc version the aarch64 library needs).
# Installs the cross compilers with apt-get when they are missing. Libraries go to
# target/cross/native/<os>-<arch>/.
source "$(dirname "$0")/setup.sh"

ensure_compiler() {
  if ! command -v "$1" >/dev/null; then
    echo "ci: installing $2"
    apt_update_once
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}
ensure_compiler x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64
ensure_compiler aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu

[ -d target/native-headers ] || mvn -B -ntp -q compile -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE"

out=$UV4J_ROOT/target/cross
java_home=${JAVA_HOME:-$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')}
# a Linux JDK has jni.h but no Windows jni_md.h: the build gets ours beside it
windows_jdk=$out/windows-jdk
mkdir -p "$windows_jdk/include/win32"
cp "$java_home/include/jni.h" "$windows_jdk/include/"
cp ci/cross/windows/jni_md.h "$windows_jdk/include/win32/"

fail() {
  echo "cross-build: $*" >&2
  exit 1
}

# build PLATFORM CMAKE_SYSTEM_NAME PROCESSOR COMPILER JAVA_HOME
build() {
  local platform=$1 dir=$out/build-$1
  echo "ci: cross-building the shim for $platform"
  if ! cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DCMAKE_SYSTEM_NAME="$2" \
      -DCMAKE_SYSTEM_PROCESSOR="$3" -DCMAKE_C_COMPILER="$4" -DUV4J_WARNINGS_AS_ERRORS=ON \
      -DUV4J_JAVA_HOME="$5" -DUV4J_JNI_HEADERS="$UV4J_ROOT/target/native-headers" \
      -DUV4J_OUTPUT_DIR="$out/native" -DUV4J_LIBUV_SOURCE_DIR="$UV4J_LIBUV_SOURCE" \
      > "$dir.log" 2>&1 ||
    ! cmake --build "$dir" --target uv4j --parallel >> "$dir.log" 2>&1; then
    cat "$dir.log" >&2
    fail "the $platform build failed (log above)"
  fi
}

build windows-x86_64 Windows x86_64 x86_64-w64-mingw32-gcc "$windows_jdk"
build linux-aarch64 Linux aarch64 aarch64-linux-gnu-gcc "$java_home"
bash ci/check-native.sh "$out/native/windows-x86_64/uv4j.dll" "$out/native/linux-aarch64/libuv4j.so"
