#!/usr/bin/env bash
# Assembles the static site: one self-contained folder that any static server (or a
# sub-path of one) can serve as is.
#   scripts/build-site.sh BUILD_DIR OUT_DIR
# BUILD_DIR holds kubetab_web.js/.wasm (the Emscripten build); xterm.js and its fit
# addon are copied from node_modules here, at build time only (never committed).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR OUT_DIR" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
build=$1
out=$2

need() {
  if [ ! -f "$1" ]; then
    echo "build-site: missing $1 ($2)" >&2
    exit 1
  fi
}
need "$build/kubetab_web.js" "run: make wasm"
need "$build/kubetab_web.wasm" "run: make wasm"
need node_modules/@xterm/xterm/lib/xterm.js "run: scripts/install-deps.sh npm"
need node_modules/@xterm/addon-fit/lib/addon-fit.js "run: scripts/install-deps.sh npm"

# Built fresh each time so a file dropped from the site does not linger in it.
rm -rf "$out"
mkdir -p "$out"
cp web/index.html web/app.js web/style.css web/favicon.svg "$out/"
cp "$build/kubetab_web.js" "$build/kubetab_web.wasm" "$out/"
cp node_modules/@xterm/xterm/lib/xterm.js node_modules/@xterm/xterm/css/xterm.css "$out/"
cp node_modules/@xterm/addon-fit/lib/addon-fit.js "$out/"
# The licences of what we ship from others travel with it (imgui and yaml-cpp are
# compiled into the wasm).
mkdir -p "$out/licenses"
cp node_modules/@xterm/xterm/LICENSE "$out/licenses/xterm.txt"
cp node_modules/@xterm/addon-fit/LICENSE "$out/licenses/xterm-addon-fit.txt"
third_party=build/third_party
if [ -f "$third_party/imgui/LICENSE.txt" ]; then cp "$third_party/imgui/LICENSE.txt" "$out/licenses/imgui.txt"; fi
if [ -f "$third_party/yaml-cpp/LICENSE" ]; then cp "$third_party/yaml-cpp/LICENSE" "$out/licenses/yaml-cpp.txt"; fi

echo "build-site: $(find "$out" -type f | wc -l) files, $(du -sk "$out" | cut -f1) KiB in $out"
