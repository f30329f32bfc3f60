// kube-controller-manager's command line as a scenario gives it
// ("--node-monitor-grace-period=20s", "--controllers=*,-ttl-after-finished-controller"):
// each flag sets its ControllerManagerConfig field, with pflag's errors for a flag
// v1.32 does not have (--pod-eviction-timeout went in v1.27) or a bad value.
#pragma once

#include <string>
#include <vector>

#include "core/controllers/manager.h"

namespace kt::controllers {

// "" when every flag applied, else the first error ("unknown flag: --x",
// "invalid argument \"abc\" for \"--node-monitor-grace-period\" flag: …").
std::string apply_controller_manager_flags(ControllerManagerConfig& cfg, const std::vector<std::string>& flags);

}  // namespace kt::controllers
