// `kubectl config view -o json`: the kubeconfig as Go's json.MarshalIndent prints
// clientcmd's v1.Config, fields in the Go structs' order (kind, apiVersion,
// preferences, clusters, users, contexts, current-context), empty optional fields left
// out, four-space indentation.
#pragma once

#include <string>

#include "core/api/json.h"

namespace kt::kubectl {

std::string kubeconfig_json(const Json& config);

}  // namespace kt::kubectl
