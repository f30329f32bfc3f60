#include "core/scheduler/node_info.h"

#include <algorithm>

#include "core/util/quantity.h"

namespace kt::scheduler {
namespace {

constexpr std::int64_t kDefaultMilliCpuRequest = 100;                 // schedutil.DefaultMilliCPURequest
constexpr std::int64_t kDefaultMemoryRequest = 200LL * 1024 * 1024;   // schedutil.DefaultMemoryRequest

std::int64_t quantity_value(const Json& list, const char* name, bool milli) {
  if (!list.is_object()) return 0;
  auto it = list.find(name);
  if (it == list.end()) return 0;
  auto q = util::Quantity::try_parse(it->is_string() ? it->get<std::string>() : it->dump());
  if (!q) return 0;
  return milli ? q->milli_value() : q->value();
}

Resources from_list(const Json& list) {
  Resources r;
  r.milli_cpu = quantity_value(list, "cpu", true);
  r.memory = quantity_value(list, "memory", false);
  r.ephemeral_storage = quantity_value(list, "ephemeral-storage", false);
  r.pods = quantity_value(list, "pods", false);
  return r;
}

Resources container_requests(const Json& c, bool non_zero) {
  const Json& req = api::field(c, {"resources", "requests"});
  Resources r = from_list(req);
  if (non_zero) {
    const bool has_cpu = req.is_object() && req.contains("cpu");
    const bool has_mem = req.is_object() && req.contains("memory");
    if (!has_cpu) r.milli_cpu = kDefaultMilliCpuRequest;
    if (!has_mem) r.memory = kDefaultMemoryRequest;
  }
  return r;
}

void max_into(Resources& into, const Resources& r) {
  into.milli_cpu = std::max(into.milli_cpu, r.milli_cpu);
  into.memory = std::max(into.memory, r.memory);
  into.ephemeral_storage = std::max(into.ephemeral_storage, r.ephemeral_storage);
}

}  // namespace

Resources& Resources::operator+=(const Resources& o) {
  milli_cpu += o.milli_cpu;
  memory += o.memory;
  ephemeral_storage += o.ephemeral_storage;
  pods += o.pods;
  return *this;
}

Resources& Resources::operator-=(const Resources& o) {
  milli_cpu -= o.milli_cpu;
  memory -= o.memory;
  ephemeral_storage -= o.ephemeral_storage;
  pods -= o.pods;
  return *this;
}

Resources pod_requests(const Json& pod, bool non_zero) {
  Resources sum;
  const Json& spec = api::field(pod, {"spec"});
  const Json& containers = api::field(spec, {"containers"});
  if (containers.is_array())
    for (const auto& c : containers) sum += container_requests(c, non_zero);
  // Init containers run one at a time before the others: the pod needs the largest.
  const Json& inits = api::field(spec, {"initContainers"});
  if (inits.is_array())
    for (const auto& c : inits) max_into(sum, container_requests(c, non_zero));
  sum += from_list(api::field(spec, {"overhead"}));
  sum.pods = 1;
  return sum;
}

Resources node_allocatable(const Json& node) { return from_list(api::field(node, {"status", "allocatable"})); }

std::set<HostPort> pod_host_ports(const Json& pod) {
  std::set<HostPort> out;
  const Json& containers = api::field(pod, {"spec", "containers"});
  if (!containers.is_array()) return out;
  for (const auto& c : containers) {
    const Json& ports = api::field(c, {"ports"});
    if (!ports.is_array()) continue;
    for (const auto& p : ports) {
      const std::int64_t host_port = p.value("hostPort", std::int64_t{0});
      if (host_port <= 0) continue;
      std::string ip = p.value("hostIP", std::string());
      if (ip.empty()) ip = "0.0.0.0";
      out.emplace(ip, p.value("protocol", std::string("TCP")), host_port);
    }
  }
  return out;
}

std::string NodeInfo::name() const { return api::meta::name(*node_); }

void NodeInfo::add_pod(const std::string& key, const api::ObjectPtr& pod) {
  remove_pod(key);
  Entry e{pod_requests(*pod), pod_requests(*pod, true), pod_host_ports(*pod)};
  requested_ += e.requests;
  non_zero_requested_ += e.non_zero;
  pods_.emplace(key, std::move(e));
  pod_objects_[key] = pod;
}

void NodeInfo::remove_pod(const std::string& key) {
  auto it = pods_.find(key);
  if (it == pods_.end()) return;
  requested_ -= it->second.requests;
  non_zero_requested_ -= it->second.non_zero;
  pods_.erase(it);
  pod_objects_.erase(key);
}

// A port conflicts with one on the same protocol and port when either side binds
// every address (0.0.0.0) or both bind the same one.
bool NodeInfo::port_in_use(const HostPort& p) const {
  const auto& [ip, proto, port] = p;
  for (const auto& [key, e] : pods_) {
    for (const auto& [ip2, proto2, port2] : e.ports) {
      if (port2 != port || proto2 != proto) continue;
      if (ip == "0.0.0.0" || ip2 == "0.0.0.0" || ip == ip2) return true;
    }
  }
  return false;
}

}  // namespace kt::scheduler
