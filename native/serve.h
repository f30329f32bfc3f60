// `kubetab serve`: the sandbox as a Kubernetes HTTP API on loopback, so the real
// kubectl (or any client library) can drive it.
#pragma once

#include <string>

#include "native/cli.h"

namespace kt::cli {

struct ServeOptions {
  SandboxOptions sandbox;
  std::string address = "127.0.0.1";
  unsigned short port = 6443;
  double speed = 1.0;  // virtual seconds per wall second
  bool quiet = false;  // no banner (tests)
};

int serve(const ServeOptions& opts);

}  // namespace kt::cli
