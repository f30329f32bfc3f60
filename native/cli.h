// The CLI's two sandbox front ends.
#pragma once

#include <string>

#include "core/sandbox.h"

namespace kt::cli {

struct Options {
  SandboxOptions sandbox;
  std::string script;         // "" or "-": stdin
  double think_seconds = 3;   // virtual time between transcript lines
};

int shell(const Options& opts);
int run(const Options& opts);

}  // namespace kt::cli
