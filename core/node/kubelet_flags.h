// The kubelet's command line as a scenario gives it ("--node-status-update-frequency=4s"),
// with pflag's errors for a flag v1.32 does not have or a bad value.
#pragma once

#include <string>
#include <vector>

#include "core/node/kubelet.h"

namespace kt::node {

// "" when every flag applied, else the first error.
std::string apply_kubelet_flags(KubeletConfig& cfg, const std::vector<std::string>& flags);

}  // namespace kt::node
