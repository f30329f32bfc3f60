// Services and Endpoints (printService, printEndpoints).

#include "core/api/labels.h"
#include "core/printers/printer_util.h"

namespace kt::printers {
namespace {

using namespace detail;
using api::field;
using api::str_field;

std::vector<std::string> string_list(const Json& v) {
  std::vector<std::string> out;
  if (v.is_array())
    for (const auto& s : v)
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

std::string external_ip(const Json& svc) {
  const std::string type = str_field(svc, {"spec", "type"});
  const std::vector<std::string> external = string_list(field(svc, {"spec", "externalIPs"}));
  if (type == "ClusterIP" || type == "NodePort") return external.empty() ? "<none>" : join(external, ",");
  if (type == "LoadBalancer") {
    const std::string lb = load_balancer_addresses(field(svc, {"status", "loadBalancer", "ingress"}));
    if (!external.empty()) {
      std::string out = lb;
      for (const auto& e : external) out += (out.empty() ? "" : ",") + e;
      return out;
    }
    return lb.empty() ? "<pending>" : lb;
  }
  if (type == "ExternalName") return str_field(svc, {"spec", "externalName"});
  return "<unknown>";
}

std::string port_string(const Json& ports) {
  std::vector<std::string> pieces;
  if (ports.is_array()) {
    for (const auto& p : ports) {
      std::string s = std::to_string(api::int_field(p, {"port"}, 0));
      const std::int64_t node_port = api::int_field(p, {"nodePort"}, 0);
      if (node_port > 0) s += ":" + std::to_string(node_port);
      pieces.push_back(s + "/" + str_field(p, {"protocol"}));
    }
  }
  return join(pieces, ",");
}

Row service_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& svc = *obj;
  std::string cluster_ip = "<none>";
  if (const Json& ips = field(svc, {"spec", "clusterIPs"}); ips.is_array() && !ips.empty() && ips[0].is_string())
    cluster_ip = ips[0].get<std::string>();
  std::string ports = port_string(field(svc, {"spec", "ports"}));
  if (ports.empty()) ports = "<none>";
  return make_row(obj, {api::meta::name(svc), str_field(svc, {"spec", "type"}), cluster_ip, external_ip(svc), ports,
                        age(svc, now), api::format_labels(field(svc, {"spec", "selector"}))});
}

// net.JoinHostPort: IPv6 addresses in brackets.
std::string host_port(const std::string& ip, std::int64_t port) {
  if (ip.find(':') != std::string::npos) return "[" + ip + "]:" + std::to_string(port);
  return ip + ":" + std::to_string(port);
}

// formatEndpoints(endpoints, nil): up to three "ip:port", then " + N more...".
std::string format_endpoints(const Json& ep) {
  const Json& subsets = field(ep, {"subsets"});
  if (!subsets.is_array() || subsets.empty()) return "<none>";
  std::vector<std::string> list;
  const std::size_t max = 3;
  bool more = false;
  std::size_t count = 0;
  for (const auto& ss : subsets) {
    const Json& addrs = field(ss, {"addresses"});
    const Json& ports = field(ss, {"ports"});
    const std::size_t n_addrs = addrs.is_array() ? addrs.size() : 0;
    if (!ports.is_array() || ports.empty()) {
      // Headless services may have no ports.
      count += n_addrs;
      for (std::size_t i = 0; i < n_addrs; ++i) {
        if (list.size() == max) {
          more = true;
          break;
        }
        list.push_back(str_field(addrs[i], {"ip"}));
      }
      continue;
    }
    for (const auto& port : ports) {
      count += n_addrs;
      for (std::size_t i = 0; i < n_addrs; ++i) {
        if (list.size() == max) {
          more = true;
          break;
        }
        list.push_back(host_port(str_field(addrs[i], {"ip"}), api::int_field(port, {"port"}, 0)));
      }
    }
  }
  std::string ret = join(list, ",");
  if (more) return ret + " + " + std::to_string(count - max) + " more...";
  return ret;
}

Row endpoints_row(const api::ObjectPtr& obj, sim::Time now) {
  return make_row(obj, {api::meta::name(*obj), format_endpoints(*obj), age(*obj, now)});
}

}  // namespace

void register_service_printers() {
  add_printer("", "services",
              {{name_column(),
                col("Type", "string", 0,
                    "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are "
                    "ExternalName, ClusterIP, NodePort, and LoadBalancer."),
                col("Cluster-IP", "string", 0,
                    "clusterIP is the IP address of the service and is usually assigned randomly."),
                col("External-IP", "string", 0,
                    "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic "
                    "for this service."),
                col("Port(s)", "string", 0, "The list of ports that are exposed by this service."), age_column(),
                col("Selector", "string", 1,
                    "Route service traffic to pods with label keys and values matching this selector.")},
               service_row});
  add_printer("", "endpoints",
              {{name_column(),
                col("Endpoints", "string", 0,
                    "The set of all endpoints is the union of all subsets. Addresses are placed into subsets "
                    "according to the IPs they share."),
                age_column()},
               endpoints_row});
}

}  // namespace kt::printers
