// The scheduler's view of one node (framework.NodeInfo): the Node object, the pods
// assigned to it (bound or assumed), what they request and which host ports they
// hold. Requests follow resource helpers' PodRequests: the sum over containers,
// at least the largest init container, plus spec.overhead.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "core/api/object.h"

namespace kt::scheduler {

struct Resources {
  std::int64_t milli_cpu = 0;
  std::int64_t memory = 0;             // bytes
  std::int64_t ephemeral_storage = 0;  // bytes
  std::int64_t pods = 0;

  Resources& operator+=(const Resources& o);
  Resources& operator-=(const Resources& o);
};

// What a pod requests (PodRequests). With `non_zero`, containers that request no
// cpu/memory count 100m / 200Mi (schedutil.GetNonzeroRequests), as scoring does.
Resources pod_requests(const Json& pod, bool non_zero = false);
// A Node's status.allocatable.
Resources node_allocatable(const Json& node);

// hostPort claims: (hostIP, protocol, port); "0.0.0.0" for an unset hostIP.
using HostPort = std::tuple<std::string, std::string, std::int64_t>;
std::set<HostPort> pod_host_ports(const Json& pod);

class NodeInfo {
 public:
  explicit NodeInfo(api::ObjectPtr node) : node_(std::move(node)) {}

  const Json& node() const { return *node_; }
  std::string name() const;
  void set_node(api::ObjectPtr node) { node_ = std::move(node); }

  void add_pod(const std::string& key, const api::ObjectPtr& pod);
  void remove_pod(const std::string& key);
  bool has_pod(const std::string& key) const { return pods_.count(key) != 0; }

  const Resources& requested() const { return requested_; }
  const Resources& non_zero_requested() const { return non_zero_requested_; }
  std::size_t pod_count() const { return pods_.size(); }
  bool port_in_use(const HostPort& p) const;
  // The pods counted on the node, by key.
  const std::map<std::string, api::ObjectPtr>& pods() const { return pod_objects_; }

 private:
  struct Entry {
    Resources requests;
    Resources non_zero;
    std::set<HostPort> ports;
  };
  api::ObjectPtr node_;
  std::map<std::string, Entry> pods_;
  std::map<std::string, api::ObjectPtr> pod_objects_;
  Resources requested_;
  Resources non_zero_requested_;
};

}  // namespace kt::scheduler
