// Helpers for the shell tests: one sandbox and shell, run a command, get exactly
// what the terminal shows and the exit status, apply a manifest.
#pragma once

#include <string>

#include <catch2/catch.hpp>

#include "core/sandbox.h"
#include "core/terminal/shell.h"

namespace kt::testing {

struct ShellFixture {
  Sandbox sandbox{SandboxOptions{.scenario = "default", .seed = 1}};
  Shell shell{sandbox};

  std::string out(const std::string& input) { return shell.run(input).output; }
  int code(const std::string& input) { return shell.run(input).exit_code; }
  // Writes the manifest to /tmp/m.yaml and applies it through the terminal (it must
  // succeed), then lets the cluster run for `run_for`.
  void apply(const std::string& yaml, sim::Duration run_for = {}) {
    REQUIRE(out("cat > /tmp/m.yaml <<'EOF'\n" + yaml + "EOF") == "");
    const auto r = shell.run("kubectl apply -f /tmp/m.yaml");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    if (run_for > sim::Duration{}) sandbox.advance(run_for);
  }
};

}  // namespace kt::testing
