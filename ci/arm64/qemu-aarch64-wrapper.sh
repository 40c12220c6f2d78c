#!/bin/sh
# Stands in for an aarch64 program of the JDK in the sysroot that ci/test-arm64.sh makes: runs the
# real one, kept beside it as NAME.aarch64, under qemu-user with the sysroot's libraries. The JDK's
# programs lie in <sysroot>/usr/lib/jvm/<jdk>/{bin,lib}/, five levels below the sysroot.
dir=$(cd "$(dirname "$0")" && pwd)
sysroot=$(cd "$dir/../../../../.." && pwd)
exec qemu-aarch64 -L "$sysroot" "$dir/$(basename "$0").aarch64" "$@"
