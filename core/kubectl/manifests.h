// `-f FILE|DIR|-` (with -R): the objects of the manifests a command is given, read
// through the command's host (CommandContext), as kubectl's resource.Builder reads
// them: directories yield their .json, .yaml and .yml files in name order
// (subdirectories only with -R), `-` is standard input, documents are split on `---`,
// empty ones skipped, and `kind: List` items are flattened.
#pragma once

#include <string>
#include <vector>

#include "core/api/json.h"
#include "core/terminal/command_context.h"

namespace kt::kubectl {

struct Manifest {
  Json object;
  std::string source;  // the path as kubectl names it in messages, or "STDIN"
};

struct Manifests {
  std::vector<Manifest> items;
  std::string error;  // kubectl's message ("error: the path \"x\" does not exist\n")
};

Manifests read_manifests(const term::CommandContext& ctx, const std::vector<std::string>& paths, bool recursive);

}  // namespace kt::kubectl
