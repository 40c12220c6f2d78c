# Sourced by the ci/ scripts: installs what the build needs on a Debian machine that has
# Java 17, Maven, gcc and git, and exports UV4J_LIBUV_SOURCE, the upstream libuv 1.50.0 tree. The
# source is kept in .cache/ (outside target/, so `mvn clean` keeps it), and an apt source added to
# fetch it is removed again once it is fetched.
set -euo pipefail

UV4J_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LIBUV_VERSION=1.50.0
LIBUV_ORIG=libuv1_${LIBUV_VERSION}.orig.tar.gz
LIBUV_SHA256=ec9de6ecf2a780fd2afb3b007947d2cd57c3bb17f3b9e721a66774980d35cd4d
LIBUV_DIR=$UV4J_ROOT/.cache/libuv
APT_UPDATED=

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_update_once() {
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
}

ensure_tools() {
  local missing=()
  command -v cmake >/dev/null || missing+=(cmake)
  command -v make >/dev/null || missing+=(make)
  command -v gcc >/dev/null || missing+=(gcc)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "ci: installing ${missing[*]}"
    apt_update_once
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Debian trixie ships exactly upstream libuv 1.50.0; its orig tarball is upstream's release.
ensure_libuv_source() {
  local tree=$LIBUV_DIR/libuv1-$LIBUV_VERSION
  if [ ! -f "$tree/include/uv.h" ]; then
    mkdir -p "$LIBUV_DIR"
    if [ ! -f "$LIBUV_DIR/$LIBUV_ORIG" ]; then
      local list=/etc/apt/sources.list.d/uv4j-trixie-src.sources added=
      if ! grep -rqs "trixie" /etc/apt/sources.list /etc/apt/sources.list.d/ ||
         ! apt-get source --print-uris libuv1/trixie >/dev/null 2>&1; then
        echo "ci: adding Debian trixie source packages to apt for this download ($list)"
        as_root tee "$list" >/dev/null <<SOURCES
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
        added=1
        APT_UPDATED=
      fi
      apt_update_once
      echo "ci: downloading libuv $LIBUV_VERSION source from Debian's archive"
      local fetched=1
      (cd "$LIBUV_DIR" && apt-get source --download-only -qq libuv1/trixie >/dev/null 2>&1) || fetched=
      if [ -n "$added" ]; then
        echo "ci: removing $list again"
        as_root rm -f "$list"
        as_root apt-get update -qq
      fi
      [ -n "$fetched" ] || {
        echo "ci: 'apt-get source libuv1/trixie' failed" >&2
        exit 1
      }
    fi
    echo "$LIBUV_SHA256  $LIBUV_DIR/$LIBUV_ORIG" | sha256sum --check --quiet - || {
      echo "ci: $LIBUV_ORIG does not have the SHA-256 of upstream libuv $LIBUV_VERSION" >&2
      exit 1
    }
    tar -xzf "$LIBUV_DIR/$LIBUV_ORIG" -C "$LIBUV_DIR"
  fi
  UV4J_LIBUV_SOURCE=$tree
  export UV4J_LIBUV_SOURCE
}

ensure_tools
ensure_libuv_source
cd "$UV4J_ROOT"
