#!/usr/bin/env bash
# Runs the JUnit suite on Linux aarch64 without an aarch64 machine: the library cross-built by
# ci/cross-build.sh, loaded by Debian's arm64 OpenJDK 17 running under qemu-user. Maven stays on
# the host's JVM; only the forked test JVM is emulated. Slow (the whole suite takes about 25
# minutes on two cores), so .ci/run does not call it.
#
# Usage: ci/test-arm64.sh [MAVEN ARGS...]   e.g. ci/test-arm64.sh -Dtest='LoopTest,TimerTest'
#
# The arm64 packages are downloaded by a private apt instance (its own lists, status and
# architecture under .cache/arm64/apt) and unpacked with dpkg-deb into .cache/arm64/sysroot:
# nothing is installed into the system and no foreign architecture is added to dpkg. Later runs
# reuse the sysroot. qemu-user is installed with apt-get when missing.
source "$(dirname "$0")/setup.sh"

# The JVM's own libraries link only against these (the AWT, font and sound libraries that need
# more are never loaded by the tests).
ARM64_PACKAGES=(openjdk-17-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g)
QEMU_WRAPPED=(bin/java lib/jspawnhelper)
cache=$UV4J_ROOT/.cache/arm64
sysroot=$cache/sysroot
jdk=$sysroot/usr/lib/jvm/java-17-openjdk-arm64

fail() {
  echo "test-arm64: $*" >&2
  exit 1
}

if ! command -v qemu-aarch64 >/dev/null; then
  echo "ci: installing qemu-user"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    qemu-user >/dev/null
fi

# apt_arm64 APT-ARGS...: apt-get with arm64 as its only architecture and all of its state in
# .cache/arm64/apt, so the system's apt lists, dpkg status and architectures stay as they are.
apt_arm64() {
  local dir=$cache/apt
  apt-get -q=2 -o APT::Architecture=arm64 -o APT::Architectures::=arm64 \
    -o Dir::State::Lists="$dir/lists" -o Dir::State::status="$dir/status" \
    -o Dir::Cache="$dir/cache" -o Dir::Etc::SourceList="$dir/sources.list" \
    -o Dir::Etc::SourceParts="$dir/sources.list.d" -o APT::Sandbox::User=root "$@"
}

make_sysroot() {
  local dir=$cache/apt codename
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  [ -n "$codename" ] || fail "/etc/os-release names no Debian release"
  rm -rf "$dir" "$sysroot"
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/sources.list.d" "$dir/debs" "$sysroot"
  touch "$dir/status"
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  cat > "$dir/sources.list" <<SOURCES
deb [signed-by=$keyring] http://deb.debian.org/debian $codename main
deb [signed-by=$keyring] http://deb.debian.org/debian $codename-updates main
deb [signed-by=$keyring] http://deb.debian.org/debian-security $codename-security main
SOURCES
  echo "ci: downloading ${ARM64_PACKAGES[*]} for arm64 from Debian $codename"
  apt_arm64 update
  (cd "$dir/debs" && apt_arm64 download "${ARM64_PACKAGES[@]}")
  local deb
  for deb in "$dir"/debs/*.deb; do
    dpkg-deb -x "$deb" "$sysroot"
  done
  # The host kernel, not qemu, follows symbolic links: one pointing at /etc/java-17-openjdk
  # would reach the host's files, so each absolute link is made relative within the sysroot.
  local link target
  while IFS= read -r -d '' link; do
    target=$(readlink "$link")
    ln -sfn "$(realpath -ms --relative-to="$(dirname "$link")" "$sysroot$target")" "$link"
  done < <(find "$sysroot" -type l -lname '/*' -print0)
  # The emulated JVM starts programs of its own: java.home/bin/java (tests start more JVMs) and
  # lib/jspawnhelper (every ProcessBuilder.start goes through it). The host kernel cannot run an
  # aarch64 program (no binfmt_misc handler is assumed), so each becomes a host script that runs
  # the real one under qemu.
  local program
  for program in "${QEMU_WRAPPED[@]}"; do
    mv "$jdk/$program" "$jdk/$program.aarch64"
    cp ci/arm64/qemu-aarch64-wrapper.sh "$jdk/$program"
    chmod +x "$jdk/$program"
  done
  rm -rf "$dir"
  sysroot_recipe > "$sysroot/.recipe"
}

# What the sysroot was made from; a sysroot made otherwise is made again.
sysroot_recipe() {
  echo "packages: ${ARM64_PACKAGES[*]}"
  echo "wrapped: ${QEMU_WRAPPED[*]}"
  cat ci/arm64/qemu-aarch64-wrapper.sh
}

if [ "$(cat "$sysroot/.recipe" 2>/dev/null)" != "$(sysroot_recipe)" ]; then
  make_sysroot
fi
"$jdk/bin/java" -version 2>&1 | sed 's/^/ci: arm64 JVM: /'

bash ci/cross-build.sh
library=target/cross/native/linux-aarch64/libuv4j.so
[ -f "$library" ] || fail "ci/cross-build.sh left no $library"
# The library goes where the jar carries it, so the loader finds it by the emulated JVM's
# os.arch, in the suite's JVM and in every JVM a test starts. It is removed again afterwards
# so that a later host build does not package it.
packaged=target/classes/META-INF/native/linux-aarch64
remove_packaged() { rm -rf "$packaged"; }
trap remove_packaged EXIT
mkdir -p "$packaged"
cp "$library" "$packaged/"

log=target/test-arm64.log
rm -rf target/surefire-reports
echo "ci: running the tests on the arm64 JVM under qemu-user (log: $log)"
start=$SECONDS
status=0
# The pom's fork timeout bounds one test JVM; under emulation the whole suite in one JVM could
# outlast it, so each test class gets a JVM of its own. Emulation runs a test some twenty times
# slower, hence the longer limit per test.
mvn -B -ntp test -Duv4j.libuv.source="$UV4J_LIBUV_SOURCE" -Djvm="$jdk/bin/java" -DreuseForks=false \
  -Duv4j.test.timeout="20 m" "$@" \
  2>&1 | tee "$log" || status=$?
echo "ci: the arm64 run took $((SECONDS - start)) s"

# Forked JVMs print -Xcheck:jni warnings to their stdout, which surefire keeps in its reports.
if grep -rE "WARNING in native method|FATAL ERROR in native method" "$log" target/surefire-reports; then
  fail "-Xcheck:jni reported the problems above on arm64"
fi
echo "test-arm64: -Xcheck:jni reported nothing"
[ "$status" -eq 0 ] || fail "the tests failed on arm64 (log: $log)"
echo "test-arm64: passed"
