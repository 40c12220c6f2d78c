#!/usr/bin/env bash
# Checks what a build made: that -Xcheck:jni never complained, and that each native library
# exports JNI entry points only. Runs on Linux, macOS and Windows (Git Bash).
#
# Usage: ci/check-native.sh [--log MAVEN_LOG]... [--reports DIR]... [--max-glibc X.Y] [LIBRARY]...
#   --log MAVEN_LOG  fail if the JVM printed a JNI warning in that log or in the test reports of
#                    the Maven project the log lies in (<project>/target/surefire-reports)
#   --reports DIR    fail if a JNI warning is in that folder of test reports
#   --max-glibc X.Y  fail if a Linux library needs glibc symbols newer than X.Y
#   LIBRARY          a native library to check; by default this platform's library in
#                    target/classes/META-INF/native/<platform>/
# For each library it prints its platform folder, how many symbols it exports and, for a Linux
# library, the newest glibc symbol version it needs (libc=GLIBC_x.y, libc=musl or libc=none).
# It fails if a library exports anything but Java_io_uv4j_* and JNI_OnLoad/JNI_OnUnload, or does
# not export JNI_OnLoad.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
problems=0

problem() {
  echo "check-native: $*" >&2
  problems=$((problems + 1))
}

usage() {
  echo "usage: ci/check-native.sh [--log MAVEN_LOG]... [--reports DIR]... [--max-glibc X.Y] [LIBRARY]..." >&2
  exit 2
}

logs=()
reports=()
libraries=()
max_glibc=
while [ $# -gt 0 ]; do
  case $1 in
    --log) [ $# -ge 2 ] || usage; logs+=("$2"); shift 2 ;;
    --reports) [ $# -ge 2 ] || usage; reports+=("$2"); shift 2 ;;
    --max-glibc)
      [ $# -ge 2 ] || usage
      [[ $2 =~ ^[0-9]+\.[0-9]+$ ]] || { echo "check-native: --max-glibc wants X.Y, not '$2'" >&2; exit 2; }
      max_glibc=$2
      shift 2
      ;;
    -*) usage ;;
    *) libraries+=("$1"); shift ;;
  esac
done

# --- -Xcheck:jni warnings -------------------------------------------------

# The folder holding the pom.xml nearest above FILE.
project_of() {
  local dir
  dir=$(cd "$(dirname "$1")" && pwd)
  while [ ! -f "$dir/pom.xml" ]; do
    [ "$dir" != / ] || return 1
    dir=$(dirname "$dir")
  done
  echo "$dir"
}

searched=()
for log in ${logs[@]+"${logs[@]}"}; do
  if [ ! -f "$log" ]; then
    problem "no Maven log at $log"
    continue
  fi
  searched+=("$log")
  # Forked test JVMs print JNI warnings straight to their stdout, which surefire keeps in its
  # report files rather than in the Maven log.
  if project=$(project_of "$log"); then
    [ -d "$project/target/surefire-reports" ] && searched+=("$project/target/surefire-reports")
  else
    problem "$log is in no Maven project, so its test reports are unknown: name them with --reports"
  fi
done
for dir in ${reports[@]+"${reports[@]}"}; do
  if [ -d "$dir" ]; then
    searched+=("$dir")
  else
    problem "no test reports folder at $dir"
  fi
done
if [ ${#searched[@]} -gt 0 ]; then
  if grep -rE "WARNING in native method|FATAL ERROR in native method|WARNING: JNI local refs" "${searched[@]}"; then
    problem "-Xcheck:jni reported the problems above (searched ${searched[*]})"
  else
    echo "check-native: no -Xcheck:jni warning in ${searched[*]}"
  fi
fi

# --- exported symbols and the C library -----------------------------------

# This platform's folder name, as the Java loader computes it.
host_platform() {
  local os arch
  case "$(uname -s)" in
    Linux)
      # musl's getconf does not know glibc's version
      if getconf GNU_LIBC_VERSION >/dev/null 2>&1; then os=linux; else os=linux-musl; fi
      ;;
    Darwin) os=macos ;;
    MINGW* | MSYS* | CYGWIN*) os=windows ;;
    *) os=$(uname -s | tr '[:upper:]' '[:lower:]') ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) arch=$(uname -m) ;;
  esac
  # An x64 Git Bash emulated on Windows ARM64 sees x86_64; the processor's name says ARM.
  if [ "$os" = windows ] && [[ "${PROCESSOR_ARCHITEW6432:-} ${PROCESSOR_ARCHITECTURE:-} ${PROCESSOR_IDENTIFIER:-}" =~ ARM ]]; then
    arch=aarch64
  fi
  echo "$os-$arch"
}

if [ ${#libraries[@]} -eq 0 ]; then
  platform=$(host_platform)
  case $platform in
    macos-*) file=libuv4j.dylib ;;
    windows-*) file=uv4j.dll ;;
    *) file=libuv4j.so ;;
  esac
  default=$root/target/classes/META-INF/native/$platform/$file
  if [ ! -f "$default" ]; then
    problem "no library at $default; built: $(find "$root/target/classes/META-INF/native" -type f 2>/dev/null | tr '\n' ' ')"
    exit 1
  fi
  libraries=("$default")
fi

# The first bytes of a file, in hex: 7f454c46 ELF, 4d5a PE, cffaedfe/cafebabe Mach-O.
magic() {
  od -An -tx1 -N4 "$1" | tr -d ' \n'
}

elf_exports() {
  readelf --dyn-syms -W "$1" |
    awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && ($5 == "GLOBAL" || $5 == "WEAK") {sub(/@.*/, "", $8); print $8}'
}

# GLIBC_x.y of the newest glibc symbol version the library needs, or musl, or none.
elf_libc() {
  local newest
  newest=$(readelf -V -W "$1" | grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' | sort -uV | tail -n 1)
  if [ -n "$newest" ]; then
    echo "$newest"
  elif readelf -d "$1" | grep -qE 'NEEDED.*\[(libc\.so|libc\.musl-[^]]*)\]'; then
    echo musl
  else
    echo none
  fi
}

# Exported names of a PE (Windows) library: dumpbin on Windows, a binutils objdump elsewhere.
pe_exports() {
  case "$(uname -s)" in
    MINGW* | MSYS* | CYGWIN*)
      # dumpbin is not on PATH outside a Visual Studio prompt; vswhere knows where it is. Options
      # are spelled -x, not /x, so that Git Bash does not rewrite them as paths.
      local program_files_x86 vswhere dumpbin
      program_files_x86=$(printenv 'ProgramFiles(x86)' || echo 'C:\Program Files (x86)')
      vswhere="$(cygpath -u "$program_files_x86")/Microsoft Visual Studio/Installer/vswhere.exe"
      [ -x "$vswhere" ] || { echo "vswhere not found at $vswhere" >&2; return 1; }
      dumpbin=$("$vswhere" -latest -products '*' -find 'VC\Tools\MSVC\**\bin\Host*\*\dumpbin.exe' |
        tr -d '\r' | sed -n 1p)
      [ -n "$dumpbin" ] || { echo "dumpbin not found by vswhere" >&2; return 1; }
      "$(cygpath -u "$dumpbin")" -nologo -exports "$1" | tr -d '\r' |
        awk '$1 ~ /^[0-9]+$/ && $2 ~ /^[0-9A-Fa-f]+$/ && NF >= 4 {print $4}'
      ;;
    *)
      local objdump
      for objdump in x86_64-w64-mingw32-objdump aarch64-w64-mingw32-objdump objdump; do
        if command -v "$objdump" >/dev/null && "$objdump" -p "$1" >/dev/null 2>&1; then
          "$objdump" -p "$1" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/{/Table/d; s/^.*\] //p;}'
          return
        fi
      done
      echo "no objdump here reads PE files (apt-get install binutils-mingw-w64-x86-64)" >&2
      return 1
      ;;
  esac
}

macho_exports() {
  nm -gU "$1" | awk '{print $NF}' | sed 's/^_//'
}

for library in "${libraries[@]}"; do
  if [ ! -f "$library" ]; then
    problem "no library at $library"
    continue
  fi
  platform=$(basename "$(dirname "$library")")
  libc=
  case $(magic "$library") in
    7f454c46)
      exports=$(elf_exports "$library")
      libc=$(elf_libc "$library")
      ;;
    4d5a*) exports=$(pe_exports "$library") || { problem "$library: cannot list its exports"; continue; } ;;
    cffaedfe | cefaedfe | feedfacf | feedface | cafebabe | bebafeca) exports=$(macho_exports "$library") ;;
    *) problem "$library is not an ELF, PE or Mach-O library"; continue ;;
  esac

  count=$(grep -c . <<<"$exports" || true)
  echo "check-native: $platform exports=$count${libc:+ libc=$libc} $library"
  not_jni=$(grep -vE '^(Java_io_uv4j_.*|JNI_OnLoad|JNI_OnUnload)$' <<<"$exports" | grep . || true)
  [ -z "$not_jni" ] || problem "$platform: $library exports what is not JNI: $(paste -s -d ' ' - <<<"$not_jni")"
  grep -qx JNI_OnLoad <<<"$exports" || problem "$platform: $library does not export JNI_OnLoad"
  grep -q '^Java_io_uv4j_' <<<"$exports" || problem "$platform: $library exports no Java_io_uv4j_* function"
  if [ -n "$max_glibc" ] && [[ $libc == GLIBC_* ]] &&
     [ "$(printf '%s\n' "${libc#GLIBC_}" "$max_glibc" | sort -V | tail -n 1)" != "$max_glibc" ]; then
    problem "$platform: $library needs $libc, newer than --max-glibc $max_glibc"
  fi
done

[ "$problems" -eq 0 ] || exit 1
