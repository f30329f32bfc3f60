#include "core/network/dataplane.h"

#include <algorithm>

#include "core/cluster/cluster.h"
#include "core/controllers/endpoint_util.h"
#include "core/node/kubelet.h"

namespace kt::network {
namespace {

bool service_has_ip(const Json& svc, const std::string& ip) {
  if (api::str_field(svc, {"spec", "clusterIP"}) == ip) return true;
  for (const char* path : {"externalIPs"}) {
    const Json& ips = api::field(svc, {"spec", path});
    if (ips.is_array())
      for (const auto& x : ips)
        if (x == ip) return true;
  }
  const Json& ingress = api::field(svc, {"status", "loadBalancer", "ingress"});
  if (ingress.is_array())
    for (const auto& i : ingress)
      if (i.value("ip", "") == ip) return true;
  return false;
}

}  // namespace

Dataplane::Dataplane(const api::ApiServer& api, const cluster::Cluster& cluster, sim::Random rng)
    : api_(api), cluster_(cluster), rng_(std::move(rng)) {}

Connection Dataplane::to_pod(const std::string& ip, std::int64_t port, const std::string& protocol) const {
  Connection c;
  c.ip = ip;
  c.port = port;
  for (const auto& p : api_.list(api_.resource("", "pods"), "").items) {
    if (api::str_field(*p, {"status", "podIP"}) != ip) continue;
    if (api::field(*p, {"spec", "hostNetwork"}) == true) continue;
    const std::string phase = api::str_field(*p, {"status", "phase"});
    if (phase != "Running") continue;
    c.pod_ns = api::meta::namespace_of(*p);
    c.pod_name = api::meta::name(*p);
    const node::Kubelet* k = cluster_.kubelet(api::str_field(*p, {"spec", "nodeName"}));
    const node::PodState* st = k ? k->pod(c.pod_ns, c.pod_name) : nullptr;
    c.result = Connection::Result::Refused;
    if (!st || protocol != "TCP") return c;
    for (const auto& cs : st->containers) {
      if (cs.phase != node::ContainerState::Phase::Running || !cs.image || !cs.plan.runs_forever) continue;
      if (std::count(cs.image->ports.begin(), cs.image->ports.end(), static_cast<int>(port))) {
        c.result = Connection::Result::Connected;
        c.container = cs.name;
        return c;
      }
    }
    return c;
  }
  return c;  // nobody has this address: the packets go nowhere
}

Connection Dataplane::via_service(const Client& from, const Json& svc, const Json& svc_port,
                                  const std::string& node_only) {
  const std::string ns = api::meta::namespace_of(svc);
  const std::string name = api::meta::name(svc);
  const std::string port_name = svc_port.value("name", std::string());
  // Ready endpoints for this port (by port name), as kube-proxy programs them.
  std::vector<std::pair<std::string, std::int64_t>> backends;
  if (auto ep = api_.try_get(api_.resource("", "endpoints"), ns, name)) {
    const Json& subsets = api::field(*ep, {"subsets"});
    if (subsets.is_array())
      for (const auto& s : subsets) {
        std::int64_t target = -1;
        const Json& ports = api::field(s, {"ports"});
        if (ports.is_array())
          for (const auto& p : ports)
            if (p.value("name", std::string()) == port_name) target = p.value("port", std::int64_t{0});
        if (target < 0) continue;
        const Json& addrs = api::field(s, {"addresses"});
        if (!addrs.is_array()) continue;
        for (const auto& a : addrs) {
          if (!node_only.empty() && a.value("nodeName", "") != node_only) continue;
          backends.emplace_back(a.value("ip", ""), target);
        }
      }
  }
  Connection c;
  c.service = ns + "/" + name;
  if (backends.empty()) {
    c.result = node_only.empty() ? Connection::Result::Refused : Connection::Result::Timeout;
    return c;
  }
  std::sort(backends.begin(), backends.end());
  std::size_t pick = rng_.below(backends.size());
  if (api::str_field(svc, {"spec", "sessionAffinity"}) == "ClientIP") {
    const std::string key = c.service + "|" + from.ip;
    auto it = affinity_.find(key);
    if (it != affinity_.end())
      for (std::size_t i = 0; i < backends.size(); ++i)
        if (backends[i].first == it->second) pick = i;
    affinity_[key] = backends[pick].first;
  }
  Connection out = to_pod(backends[pick].first, backends[pick].second, svc_port.value("protocol", std::string("TCP")));
  out.service = c.service;
  return out;
}

Connection Dataplane::to_node(const std::string& machine, std::int64_t port, const std::string& protocol) const {
  Connection c;
  const cluster::MachineSpec* m = cluster_.machine(machine);
  c.ip = m ? m->internal_ip : "";
  c.port = port;
  c.result = Connection::Result::Refused;
  // hostNetwork pods and hostPorts on this node.
  for (const auto& p : api_.list(api_.resource("", "pods"), "").items) {
    if (api::str_field(*p, {"spec", "nodeName"}) != machine) continue;
    if (api::str_field(*p, {"status", "phase"}) != "Running") continue;
    const bool host_network = api::field(*p, {"spec", "hostNetwork"}) == true;
    const Json& containers = api::field(*p, {"spec", "containers"});
    if (!containers.is_array()) continue;
    for (const auto& ct : containers) {
      const Json& ports = api::field(ct, {"ports"});
      if (!ports.is_array()) continue;
      for (const auto& cp : ports) {
        const std::int64_t host_port = cp.value("hostPort", std::int64_t{0});
        if ((host_network && cp.value("containerPort", std::int64_t{0}) == port) || host_port == port) {
          Connection hit = to_pod(api::str_field(*p, {"status", "podIP"}), cp.value("containerPort", std::int64_t{0}),
                                  protocol);
          if (host_network) {
            // A hostNetwork pod shares the node's address: look it up by name instead.
            const node::Kubelet* k = cluster_.kubelet(machine);
            const node::PodState* st = k ? k->pod(api::meta::namespace_of(*p), api::meta::name(*p)) : nullptr;
            if (st)
              for (const auto& cs : st->containers)
                if (cs.phase == node::ContainerState::Phase::Running && cs.image && cs.plan.runs_forever &&
                    std::count(cs.image->ports.begin(), cs.image->ports.end(), static_cast<int>(port))) {
                  hit.result = Connection::Result::Connected;
                  hit.pod_ns = api::meta::namespace_of(*p);
                  hit.pod_name = api::meta::name(*p);
                  hit.container = cs.name;
                }
          }
          if (hit.result == Connection::Result::Connected) return hit;
        }
      }
    }
  }
  if (port == 22 || port == 10250 || (port == 6443 && m && m->control_plane)) {
    c.result = Connection::Result::Connected;
    c.machine = machine;
  }
  return c;
}

Connection Dataplane::connect(const Client& from, const std::string& ip, std::int64_t port, const std::string& protocol) {
  const std::string target = ip == "localhost" ? "127.0.0.1" : ip;
  if (target == "127.0.0.1" && from.pod_key.empty()) {
    for (auto& [id, f] : forwards_) {
      if (f.machine != from.machine || f.local_port != port || protocol != "TCP") continue;
      ++f.connections;
      auto p = api_.try_get(api_.resource("", "pods"), f.pod_ns, f.pod_name);
      if (!p) {
        Connection refused;  // the pod went away under the forward
        refused.result = Connection::Result::Refused;
        return refused;
      }
      return to_pod(api::str_field(*p, {"status", "podIP"}), f.pod_port, protocol);
    }
  }
  if (target == "127.0.0.1") {
    if (!from.pod_key.empty()) {
      auto [ns, name] = api::split_key(from.pod_key);
      auto p = api_.try_get(api_.resource("", "pods"), ns, name);
      if (p) return to_pod(api::str_field(*p, {"status", "podIP"}), port, protocol);
    }
    return to_node(from.machine, port, protocol);
  }
  for (const auto& svc : api_.list(api_.resource("", "services"), "").items) {
    if (!service_has_ip(*svc, target)) continue;
    if (!from.in_cluster && api::str_field(*svc, {"spec", "clusterIP"}) == target) return Connection{};
    const Json& ports = api::field(*svc, {"spec", "ports"});
    if (ports.is_array())
      for (const auto& p : ports)
        if (p.value("port", std::int64_t{0}) == port && p.value("protocol", std::string("TCP")) == protocol)
          return via_service(from, *svc, p, "");
    Connection dropped;
    dropped.service = api::meta::key(*svc);
    return dropped;  // no rule for that port: the packets are dropped
  }
  for (const auto& m : cluster_.machines()) {
    if (m.internal_ip != target) continue;
    for (const auto& svc : api_.list(api_.resource("", "services"), "").items) {
      const std::string type = api::str_field(*svc, {"spec", "type"});
      if (type != "NodePort" && type != "LoadBalancer") continue;
      const Json& ports = api::field(*svc, {"spec", "ports"});
      if (!ports.is_array()) continue;
      for (const auto& p : ports)
        if (p.value("nodePort", std::int64_t{0}) == port && p.value("protocol", std::string("TCP")) == protocol) {
          const bool local = api::str_field(*svc, {"spec", "externalTrafficPolicy"}) == "Local";
          return via_service(from, *svc, p, local ? m.name : "");
        }
    }
    return to_node(m.name, port, protocol);
  }
  if (!from.in_cluster) return Connection{};  // pod and service addresses are not routed outside
  return to_pod(target, port, protocol);
}

int Dataplane::add_forward(const std::string& machine, std::int64_t local_port, const std::string& pod_ns,
                           const std::string& pod_name, std::int64_t pod_port) {
  for (const auto& [id, f] : forwards_)
    if (f.machine == machine && f.local_port == local_port) return 0;
  const int id = next_forward_++;
  forwards_[id] = Forward{machine, local_port, pod_ns, pod_name, pod_port, 0};
  return id;
}

void Dataplane::remove_forward(int id) { forwards_.erase(id); }

std::size_t Dataplane::forward_connections(int id) const {
  auto it = forwards_.find(id);
  return it == forwards_.end() ? 0 : it->second.connections;
}

}  // namespace kt::network
