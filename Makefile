# kubetab — the two commands a user needs:
#   make run    install what is missing, build native + wasm, serve the sandbox on :8080
#   make test   install, build, run every test (native, wasm under node, browser)
# Other targets: deps native wasm site bench clean.
SHELL := /bin/bash
.DEFAULT_GOAL := run

JOBS        ?= $(shell nproc)
NATIVE_DIR  := build/native
WASM_DIR    := build/wasm
SITE_DIR    := dist/site
PORT        ?= 8080
# Debian's emscripten finds its node modules (acorn) here (TOOLCHAIN.md pitfall 1).
export NODE_PATH := /usr/share/nodejs
# ccache keeps its default cache (~/.cache/ccache): rebuilds in a fresh clone on the
# same machine (CI after a session) are warm; a new machine is merely slower.

.PHONY: run test deps native wasm site bench clean test-native test-wasm test-browser

deps:
	@scripts/install-deps.sh all

native: deps
	@cmake -S . -B $(NATIVE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(NATIVE_DIR) -j $(JOBS)

wasm: deps
	@emcmake cmake -S . -B $(WASM_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  "-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node;--no-experimental-fetch" >/dev/null
	@cmake --build $(WASM_DIR) -j $(JOBS)

site: wasm
	@scripts/build-site.sh $(WASM_DIR) $(SITE_DIR)

run: native site
	@node tools/serve.mjs $(SITE_DIR) $(PORT)

test-native: native
	@cd $(NATIVE_DIR) && ctest --output-on-failure

test-wasm: wasm
	@cd $(WASM_DIR) && ctest --output-on-failure

test-browser: site
	@node tests/browser/run.mjs $(SITE_DIR)

test: test-native test-wasm test-browser
	@echo "make test: all suites passed"

bench: native
	@$(NATIVE_DIR)/kt_bench

clean:
	rm -rf build/native build/wasm dist
