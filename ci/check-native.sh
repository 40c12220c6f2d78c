#!/usr/bin/env bash
# Checks a finished `mvn verify`: fails if -Xcheck:jni complained in the Maven log or in the test
# reports, or if the library built for this platform does not export its JNI entry points or
# exports any libuv symbol. Runs on Linux, macOS and Windows (Git Bash).
#
# Usage: ci/check-native.sh MAVEN_LOG [OS-ARCH]
#   OS-ARCH is the folder the library must be in (linux-x86_64, macos-aarch64, ...); by default
#   it is worked out from uname, the way the Java loader names it.
set -euo pipefail

log=${1:?usage: ci/check-native.sh MAVEN_LOG [OS-ARCH]}
cd "$(dirname "$0")/.."

fail() {
  echo "check-native: $*" >&2
  exit 1
}

case "$(uname -s)" in
  Linux) os=linux lib_name=libuv4j.so ;;
  Darwin) os=macos lib_name=libuv4j.dylib ;;
  MINGW* | MSYS* | CYGWIN*) os=windows lib_name=uv4j.dll ;;
  *) fail "unsupported OS $(uname -s)" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) arch=$(uname -m) ;;
esac
platform=${2:-$os-$arch}

# Forked test JVMs print JNI warnings straight to their stdout, which surefire keeps in
# *.dumpstream files rather than in the Maven log, so every report file is searched.
[ -f "$log" ] || fail "no Maven log at $log"
reports=()
[ -d target/surefire-reports ] && reports+=(target/surefire-reports)
if grep -rE "WARNING in native method|FATAL ERROR in native method" "$log" "${reports[@]}"; then
  fail "-Xcheck:jni reported the problems above"
fi

lib=target/classes/META-INF/native/$platform/$lib_name
[ -f "$lib" ] || fail "no library at $lib; built: $(find target/classes/META-INF/native -type f 2>/dev/null | tr '\n' ' ')"

case "$os" in
  linux)
    exports=$(nm -D --defined-only "$lib" | awk '{print $NF}')
    ;;
  macos)
    exports=$(nm -gU "$lib" | awk '{print $NF}' | sed 's/^_//')
    ;;
  windows)
    # dumpbin is not on PATH outside a Visual Studio prompt; vswhere knows where it is. Options
    # are spelled -x, not /x, so that Git Bash does not rewrite them as paths.
    program_files_x86=$(printenv 'ProgramFiles(x86)' || echo 'C:\Program Files (x86)')
    vswhere="$(cygpath -u "$program_files_x86")/Microsoft Visual Studio/Installer/vswhere.exe"
    [ -x "$vswhere" ] || fail "vswhere not found at $vswhere"
    dumpbin=$("$vswhere" -latest -products '*' -find 'VC\Tools\MSVC\**\bin\Hostx64\x64\dumpbin.exe' |
      tr -d '\r' | sed -n 1p)
    [ -n "$dumpbin" ] || fail "dumpbin not found by vswhere"
    exports=$("$(cygpath -u "$dumpbin")" -nologo -exports "$lib" | tr -d '\r' |
      awk '$1 ~ /^[0-9]+$/ && $2 ~ /^[0-9A-Fa-f]+$/ && NF >= 4 {print $4}')
    ;;
esac

grep -qx "JNI_OnLoad" <<<"$exports" || fail "$lib does not export JNI_OnLoad"
grep -q "^Java_io_uv4j_" <<<"$exports" || fail "$lib exports no Java_io_uv4j_* function"
if grep -E "^uv_" <<<"$exports"; then
  fail "$lib exports the libuv symbols above"
fi
echo "check-native: no JNI warning; $lib exports $(grep -c . <<<"$exports") symbols, none from libuv"
