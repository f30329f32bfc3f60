// Catch2 entry point for the core unit tests (native and wasm under node).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
