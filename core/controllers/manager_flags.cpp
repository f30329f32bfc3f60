#include "core/controllers/manager_flags.h"

#include <cstdlib>
#include <functional>
#include <map>
#include <stdexcept>

#include "core/util/duration.h"

namespace kt::controllers {
namespace {

using Setter = std::function<std::string(ControllerManagerConfig&, const std::string&)>;

Setter duration(sim::Duration ControllerManagerConfig::*field) {
  return [field](ControllerManagerConfig& c, const std::string& v) -> std::string {
    try {
      c.*field = util::parse_go_duration(v);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
}

Setter integer(int ControllerManagerConfig::*field) {
  return [field](ControllerManagerConfig& c, const std::string& v) -> std::string {
    char* end = nullptr;
    const long n = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end) return "strconv.ParseInt: parsing \"" + v + "\": invalid syntax";
    c.*field = static_cast<int>(n);
    return "";
  };
}

Setter real(double ControllerManagerConfig::*field) {
  return [field](ControllerManagerConfig& c, const std::string& v) -> std::string {
    char* end = nullptr;
    const double d = std::strtod(v.c_str(), &end);
    if (v.empty() || *end) return "strconv.ParseFloat: parsing \"" + v + "\": invalid syntax";
    c.*field = d;
    return "";
  };
}

const std::map<std::string, Setter>& setters() {
  using C = ControllerManagerConfig;
  static const std::map<std::string, Setter> s = {
      {"node-monitor-period", duration(&C::node_monitor_period)},
      {"node-monitor-grace-period", duration(&C::node_monitor_grace_period)},
      {"node-startup-grace-period", duration(&C::node_startup_grace_period)},
      {"node-eviction-rate", real(&C::node_eviction_rate)},
      {"secondary-node-eviction-rate", real(&C::secondary_node_eviction_rate)},
      {"large-cluster-size-threshold", integer(&C::large_cluster_size_threshold)},
      {"unhealthy-zone-threshold", real(&C::unhealthy_zone_threshold)},
      {"terminated-pod-gc-threshold", integer(&C::terminated_pod_gc_threshold)},
      {"namespace-sync-period", duration(&C::namespace_sync_period)},
      {"resource-quota-sync-period", duration(&C::resource_quota_sync_period)},
      {"pvclaimbinder-sync-period", duration(&C::pvclaimbinder_sync_period)},
      {"horizontal-pod-autoscaler-sync-period", duration(&C::hpa_sync_period)},
      {"concurrent-deployment-syncs", integer(&C::concurrent_deployment_syncs)},
      {"concurrent-replicaset-syncs", integer(&C::concurrent_replicaset_syncs)},
      {"concurrent-rc-syncs", integer(&C::concurrent_rc_syncs)},
      {"concurrent-statefulset-syncs", integer(&C::concurrent_statefulset_syncs)},
      {"concurrent-daemonset-syncs", integer(&C::concurrent_daemonset_syncs)},
      {"concurrent-job-syncs", integer(&C::concurrent_job_syncs)},
      {"concurrent-cron-job-syncs", integer(&C::concurrent_cron_job_syncs)},
      {"concurrent-endpoint-syncs", integer(&C::concurrent_endpoint_syncs)},
      {"concurrent-service-endpoint-syncs", integer(&C::concurrent_service_endpoint_syncs)},
      {"concurrent-service-syncs", integer(&C::concurrent_service_syncs)},
      {"concurrent-gc-syncs", integer(&C::concurrent_gc_syncs)},
      {"concurrent-namespace-syncs", integer(&C::concurrent_namespace_syncs)},
      {"concurrent-resource-quota-syncs", integer(&C::concurrent_resource_quota_syncs)},
      {"controllers",
       [](C& c, const std::string& v) -> std::string {
         c.controllers.clear();
         std::string item;
         for (char ch : v + ",") {
           if (ch != ',') {
             item += ch;
             continue;
           }
           if (!item.empty()) c.controllers.push_back(item);
           item.clear();
         }
         return "";
       }},
      {"enable-garbage-collector",
       [](C& c, const std::string& v) -> std::string {
         if (v != "true" && v != "false") return "strconv.ParseBool: parsing \"" + v + "\": invalid syntax";
         c.enable_garbage_collector = v == "true";
         return "";
       }},
      {"cluster-name", [](C& c, const std::string& v) -> std::string {
         c.cluster_name = v;
         return "";
       }}};
  return s;
}

}  // namespace

std::string apply_controller_manager_flags(ControllerManagerConfig& cfg, const std::vector<std::string>& flags) {
  for (const auto& f : flags) {
    if (f.rfind("--", 0) != 0) return "unexpected argument \"" + f + "\"";
    const auto eq = f.find('=');
    const std::string name = f.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    auto it = setters().find(name);
    if (it == setters().end()) return "unknown flag: --" + name;
    if (eq == std::string::npos) return "flag needs an argument: --" + name;
    const std::string value = f.substr(eq + 1);
    if (auto err = it->second(cfg, value); !err.empty())
      return "invalid argument \"" + value + "\" for \"--" + name + "\" flag: " + err;
  }
  return "";
}

}  // namespace kt::controllers
