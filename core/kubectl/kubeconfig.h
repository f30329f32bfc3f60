// The kubeconfig file of the host kubectl runs on, read and written through the
// CommandContext's FileSystem: $KUBECONFIG (its first path) or ~/.kube/config. The
// file's YAML is kept as the Json document clientcmd's v1.Config serialises to (keys
// sorted, named lists sorted by name), which is also how kubectl writes it back.
#pragma once

#include <string>

#include "core/api/json.h"
#include "core/terminal/command_context.h"

namespace kt::kubectl {

struct Kubeconfig {
  std::string path;
  Json config;        // an empty v1 Config when the file does not exist
  bool exists = false;
  std::string error;  // kubectl's message (with "error: " and newline) when it does not parse
};

// `explicit_path`: --kubeconfig, when given.
Kubeconfig load_kubeconfig(const term::CommandContext& ctx, const std::string& explicit_path = "");
// Writes the file back; "" or kubectl's error.
std::string save_kubeconfig(const term::CommandContext& ctx, Kubeconfig& kc);

// The named entry of "clusters", "users" or "contexts"; null when absent.
const Json* named_entry(const Json& config, const std::string& list, const std::string& name);

// The namespace of the current context ("" when none is set): kubectl's default
// namespace when -n is not given.
std::string current_context_namespace(const term::CommandContext& ctx, const std::string& explicit_path = "");

}  // namespace kt::kubectl
