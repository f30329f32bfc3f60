// Helpers for the shell tests: one sandbox and shell, run a command, get exactly
// what the terminal shows and the exit status.
#pragma once

#include <string>

#include "core/sandbox.h"
#include "core/terminal/shell.h"

namespace kt::testing {

struct ShellFixture {
  Sandbox sandbox{SandboxOptions{.scenario = "default", .seed = 1}};
  Shell shell{sandbox};

  std::string out(const std::string& input) { return shell.run(input).output; }
  int code(const std::string& input) { return shell.run(input).exit_code; }
};

}  // namespace kt::testing
