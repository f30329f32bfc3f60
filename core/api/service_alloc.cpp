#include "core/api/service_alloc.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/api/apiserver.h"

namespace kt::api {

std::string ipv4_to_string(std::uint32_t ip) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
  return buf;
}

bool parse_ipv4(const std::string& s, std::uint32_t& out) {
  unsigned a, b, c, d;
  char tail;
  if (std::sscanf(s.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4) return false;
  if (a > 255 || b > 255 || c > 255 || d > 255) return false;
  out = (a << 24) | (b << 16) | (c << 8) | d;
  return true;
}

ServiceAllocator::ServiceAllocator(sim::Random rng, ServiceRanges ranges) : rng_(std::move(rng)), ranges_(ranges) {
  const auto slash = ranges_.cidr.find('/');
  std::uint32_t net = 0;
  parse_ipv4(ranges_.cidr.substr(0, slash), net);
  const int bits = std::stoi(ranges_.cidr.substr(slash + 1));
  const std::uint32_t total = bits >= 32 ? 1u : (1u << (32 - bits));
  base_ = net;
  size_ = total > 2 ? total - 2 : 0;
}

namespace {

bool wants_node_ports(const Json& svc) {
  const std::string type = str_field(svc, {"spec", "type"}, "ClusterIP");
  return type == "NodePort" || type == "LoadBalancer";
}

// Offsets taken by other services (ClusterIPs) or their ports (nodePorts).
template <typename Fn>
void for_each_other_service(ApiServer& api, const std::string& self_key, Fn&& fn) {
  const auto& services = api.resource("", "services");
  for (const auto& s : api.list(services, "").items)
    if (meta::key(*s) != self_key) fn(*s);
}

// Draws from [lo, hi] avoiding `used`, upper band first: a random start and a
// linear probe, as kube's bitmap allocator does.
std::optional<std::uint32_t> draw(sim::Random& rng, const std::set<std::uint32_t>& used, std::uint32_t lo,
                                  std::uint32_t band, std::uint32_t hi) {
  auto probe = [&](std::uint32_t a, std::uint32_t b) -> std::optional<std::uint32_t> {
    if (a > b) return std::nullopt;
    const std::uint32_t n = b - a + 1;
    const std::uint32_t start = static_cast<std::uint32_t>(rng.below(n));
    for (std::uint32_t i = 0; i < n; ++i) {
      std::uint32_t v = a + (start + i) % n;
      if (!used.count(v)) return v;
    }
    return std::nullopt;
  };
  if (auto v = probe(lo + band, hi)) return v;
  return probe(lo, std::min(hi, lo + band - 1));
}

}  // namespace

void ServiceAllocator::admit(AdmissionRequest& req, ApiServer& api) {
  if (!req.resource.group.empty() || req.resource.plural != "services" || !req.subresource.empty() || !req.object)
    return;
  if (req.operation != Operation::Create && req.operation != Operation::Update) return;
  const std::string self_key = req.ns + "/" + req.name;
  allocate_cluster_ip(*req.object, req.old_object, api, self_key);
  allocate_node_ports(*req.object, req.old_object, api, self_key);
}

void ServiceAllocator::allocate_cluster_ip(Json& svc, const Json* old, ApiServer& api, const std::string& self_key) {
  auto& spec = svc["spec"];
  if (str_field(svc, {"spec", "type"}) == "ExternalName") return;
  std::string ip = str_field(svc, {"spec", "clusterIP"});
  if (ip.empty() && old) ip = str_field(*old, {"spec", "clusterIP"});  // kept across updates
  if (ip == "None") {
    spec["clusterIPs"] = Json::array({"None"});
    return;
  }
  std::set<std::uint32_t> used;
  for_each_other_service(api, self_key, [&](const Json& s) {
    std::uint32_t v;
    if (parse_ipv4(str_field(s, {"spec", "clusterIP"}), v)) used.insert(v);
  });
  if (!ip.empty()) {
    std::uint32_t v;
    if (!parse_ipv4(ip, v)) return;  // validation reports the bad address
    const bool in_range = v > base_ && v <= base_ + size_;
    if (in_range && used.count(v) && !(old && str_field(*old, {"spec", "clusterIP"}) == ip)) {
      throw ApiError::invalid(
          "Service", meta::name(svc),
          {FieldError::invalid("spec.clusterIPs", Json::array({ip}),
                               "failed to allocate IP " + ip + ": provided IP is already allocated")});
    }
    spec["clusterIP"] = ip;
    spec["clusterIPs"] = Json::array({ip});
    return;
  }
  const std::uint32_t band = std::min<std::uint32_t>(std::max<std::uint32_t>(16, size_ / 16), 256);
  auto v = draw(rng_, used, base_ + 1, band, base_ + size_);
  if (!v) {
    throw ApiError::internal("failed to allocate a serviceIP: range is full");
  }
  spec["clusterIP"] = ipv4_to_string(*v);
  spec["clusterIPs"] = Json::array({ipv4_to_string(*v)});
}

void ServiceAllocator::allocate_node_ports(Json& svc, const Json* old, ApiServer& api, const std::string& self_key) {
  Json& ports = svc["spec"]["ports"];
  if (!ports.is_array()) {
    svc["spec"].erase("ports");
    return;
  }
  if (!wants_node_ports(svc)) {
    for (auto& p : ports) p.erase("nodePort");
    return;
  }
  std::set<std::uint32_t> used;
  for_each_other_service(api, self_key, [&](const Json& s) {
    const Json& ps = field(s, {"spec", "ports"});
    if (ps.is_array())
      for (const auto& p : ps)
        if (p.contains("nodePort") && p["nodePort"].is_number_integer()) used.insert(p["nodePort"].get<std::uint32_t>());
  });
  const Json* old_ports = old ? &field(*old, {"spec", "ports"}) : nullptr;
  const auto lo = static_cast<std::uint32_t>(ranges_.node_port_min);
  const auto hi = static_cast<std::uint32_t>(ranges_.node_port_max);
  const std::uint32_t band = std::min<std::uint32_t>(std::max<std::uint32_t>(16, (hi - lo + 1) / 32), 128);
  for (std::size_t i = 0; i < ports.size(); ++i) {
    Json& p = ports[i];
    std::int64_t requested = p.contains("nodePort") && p["nodePort"].is_number_integer() ? p["nodePort"].get<std::int64_t>() : 0;
    // An update that leaves nodePort out keeps the one the same port had.
    if (requested == 0 && old_ports && old_ports->is_array())
      for (const auto& op : *old_ports)
        if (op.value("port", -1) == p.value("port", -2) && op.contains("nodePort")) requested = op["nodePort"].get<std::int64_t>();
    if (requested != 0) {
      if (requested >= lo && requested <= hi && used.count(static_cast<std::uint32_t>(requested))) {
        throw ApiError::invalid("Service", meta::name(svc),
                                {FieldError::invalid("spec.ports[" + std::to_string(i) + "].nodePort", requested,
                                                     "provided port is already allocated")});
      }
      p["nodePort"] = requested;
      used.insert(static_cast<std::uint32_t>(requested));
      continue;
    }
    auto v = draw(rng_, used, lo, band, hi);
    if (!v) throw ApiError::internal("failed to allocate a nodePort: range is full");
    p["nodePort"] = *v;
    used.insert(*v);
  }
}

}  // namespace kt::api
