#!/usr/bin/env bash
# Installs what kubetab needs to build and test, skipping what is already present.
# Everything comes from Debian's registry or npm's, at build time; nothing is vendored.
#   scripts/install-deps.sh [apt|sources|npm|all]   (default: all)
# Sources of imgui and yaml-cpp (for the wasm build) land in build/third_party/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
what=${1:-all}

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

apt_packages=(
  build-essential cmake ninja-build ccache pkg-config dpkg-dev
  emscripten
  libboost-dev nlohmann-json3-dev libyaml-cpp-dev catch2 libimgui-dev
  chromium chromium-driver
)

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
}

install_apt() {
  local missing=()
  for p in "${apt_packages[@]}"; do have_pkg "$p" || missing+=("$p"); done
  # Node.js and npm: any node >= 18 will do; only install Debian's when none is there.
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm  >/dev/null || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: apt-get install ${missing[*]}"
    apt_update_once
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "install-deps: Debian packages already present"
  fi
}

# Adds a deb-src line mirroring the first deb entry, so `apt-get source` works.
ensure_deb_src() {
  if grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    return
  fi
  echo "install-deps: adding a deb-src entry"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed -e 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      | $SUDO tee /etc/apt/sources.list.d/kubetab-src.sources >/dev/null
  else
    grep -hE '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
      | $SUDO tee /etc/apt/sources.list.d/kubetab-src.list >/dev/null
  fi
  apt_updated=0
}

# imgui 1.86 and yaml-cpp 0.7 sources, unpacked under build/third_party/{imgui,yaml-cpp}.
install_sources() {
  local dest="$root/build/third_party"
  mkdir -p "$dest"
  for pkg in imgui yaml-cpp; do
    if [ -d "$dest/$pkg" ]; then continue; fi
    ensure_deb_src
    apt_update_once
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && apt-get source --download-only -qq "$pkg" >/dev/null && dpkg-source -x --skip-patches "$pkg"_*.dsc src >/dev/null 2>&1 || dpkg-source -x "$pkg"_*.dsc src >/dev/null)
    mv "$tmp/src" "$dest/$pkg"
    rm -rf "$tmp"
    echo "install-deps: $pkg sources in build/third_party/$pkg"
  done
}

install_npm() {
  if [ -d node_modules/@xterm/xterm ] && [ -d node_modules/playwright-core ] \
     && [ ! node_modules/.package-lock.json -ot package-lock.json ]; then
    echo "install-deps: npm packages already present"
    return
  fi
  npm ci --no-audit --no-fund --loglevel=error
}

case "$what" in
  apt) install_apt ;;
  sources) install_sources ;;
  npm) install_npm ;;
  all) install_apt; install_sources; install_npm ;;
  *) echo "usage: $0 [apt|sources|npm|all]" >&2; exit 2 ;;
esac
