#!/usr/bin/env bash
# Builds the release jars from the Java sources and libraries built elsewhere: Java is compiled
# once, without CMake (-Duv4j.native.skip=true), and the libraries go into
# target/classes/META-INF/native before Maven packages the jar. Fails unless the jar holds the
# library of every platform asked for. Writes target/dist/uv4j.jar, uv4j-sources.jar and
# uv4j-javadoc.jar.
#
# META_INF is laid out as the natives jobs upload their target/classes/META-INF: native/<folder>/
# with one library per platform folder, and anything else the native build puts beside it
# (libuv's licences), which goes into the jar's META-INF as it is.
#
# Usage: ci/assemble.sh META_INF [FOLDER...]   (default FOLDERs: the eight release platforms)
set -euo pipefail

fail() {
  echo "assemble: $*" >&2
  exit 1
}

[ $# -ge 1 ] || fail "usage: ci/assemble.sh META_INF [FOLDER...]"
meta_inf=$(cd "$1" && pwd)
shift
folders=("$@")
if [ ${#folders[@]} -eq 0 ]; then
  folders=(linux-x86_64 linux-aarch64 linux-musl-x86_64 linux-musl-aarch64
    macos-x86_64 macos-aarch64 windows-x86_64 windows-aarch64)
fi
cd "$(dirname "$0")/.."

# library_name FOLDER: the file System.mapLibraryName("uv4j") gives on that platform
library_name() {
  case $1 in
    linux-*) echo libuv4j.so ;;
    macos-*) echo libuv4j.dylib ;;
    windows-*) echo uv4j.dll ;;
    *) fail "no library name known for folder $1" ;;
  esac
}

for folder in "${folders[@]}"; do
  library=$meta_inf/native/$folder/$(library_name "$folder")
  [ -f "$library" ] || fail "no $library; $meta_inf/native has: $(cd "$meta_inf/native" 2>/dev/null && find . -type f | tr '\n' ' ')"
done

classes=target/classes/META-INF
rm -rf "$classes/native"
mkdir -p "$classes/native"
for folder in "${folders[@]}"; do
  cp -R "$meta_inf/native/$folder" "$classes/native/"
done
for other in "$meta_inf"/*; do
  [ "$(basename "$other")" = native ] || cp -R "$other" "$classes/"
done

mvn -B -ntp package -Duv4j.native.skip=true -DskipTests

version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
rm -rf target/dist
mkdir -p target/dist
cp "target/uv4j-$version.jar" target/dist/uv4j.jar
cp "target/uv4j-$version-sources.jar" target/dist/uv4j-sources.jar
cp "target/uv4j-$version-javadoc.jar" target/dist/uv4j-javadoc.jar

contents=$(jar tf target/dist/uv4j.jar)
for folder in "${folders[@]}"; do
  entry=META-INF/native/$folder/$(library_name "$folder")
  grep -qx "$entry" <<<"$contents" || fail "uv4j.jar lacks $entry"
done
grep -qx "META-INF/native-image/io.uv4j/uv4j/reachability-metadata.json" <<<"$contents" ||
  fail "uv4j.jar lacks its native-image metadata"
echo "assemble: target/dist/uv4j.jar holds the libraries of ${#folders[@]} platforms:"
grep "^META-INF/native/.*[^/]$" <<<"$contents"
