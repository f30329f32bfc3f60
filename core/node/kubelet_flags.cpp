#include "core/node/kubelet_flags.h"

#include <cstdlib>
#include <stdexcept>

#include "core/util/duration.h"

namespace kt::node {

std::string apply_kubelet_flags(KubeletConfig& cfg, const std::vector<std::string>& flags) {
  for (const auto& f : flags) {
    if (f.rfind("--", 0) != 0) return "unexpected argument \"" + f + "\"";
    const auto eq = f.find('=');
    const std::string name = f.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const std::string value = eq == std::string::npos ? "" : f.substr(eq + 1);
    sim::Duration* duration = name == "node-status-update-frequency" ? &cfg.node_status_update
                              : name == "node-status-report-frequency" ? &cfg.node_status_report
                                                                       : nullptr;
    if (!duration && name != "node-lease-duration-seconds") return "unknown flag: --" + name;
    if (eq == std::string::npos) return "flag needs an argument: --" + name;
    if (duration) {
      try {
        *duration = util::parse_go_duration(value);
      } catch (const std::invalid_argument& e) {
        return "invalid argument \"" + value + "\" for \"--" + name + "\" flag: " + e.what();
      }
      continue;
    }
    char* end = nullptr;
    const long n = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end)
      return "invalid argument \"" + value + "\" for \"--" + name + "\" flag: strconv.ParseInt: parsing \"" + value +
             "\": invalid syntax";
    cfg.lease_duration_seconds = n;
    cfg.lease_renew_interval = sim::millis(n * 1000 / 4);  // renewed at a quarter of the duration
  }
  return "";
}

}  // namespace kt::node
