#include "core/network/dns.h"

#include <algorithm>

#include "core/util/strings.h"

namespace kt::network {
namespace {

using util::split;
using util::lower;

// Ready addresses of a Service's Endpoints (hostname filter when given).
std::vector<std::string> endpoint_ips(const api::ApiServer& api, const std::string& ns, const std::string& svc,
                                      const std::string& hostname) {
  std::vector<std::string> out;
  auto ep = api.try_get(api.resource("", "endpoints"), ns, svc);
  if (!ep) return out;
  const Json& subsets = api::field(*ep, {"subsets"});
  if (!subsets.is_array()) return out;
  for (const auto& s : subsets) {
    const Json& addrs = api::field(s, {"addresses"});
    if (!addrs.is_array()) continue;
    for (const auto& a : addrs) {
      if (!hostname.empty() && a.value("hostname", "") != hostname) continue;
      const std::string ip = a.value("ip", "");
      if (std::find(out.begin(), out.end(), ip) == out.end()) out.push_back(ip);
    }
  }
  return out;
}

}  // namespace

std::string reverse(const api::ApiServer& api, const std::string& ip) {
  const std::string domain = std::string(".svc.") + kClusterDomain;
  for (const auto& svc : api.list(api.resource("", "services"), "").items)
    if (api::str_field(*svc, {"spec", "clusterIP"}) == ip)
      return api::meta::name(*svc) + "." + api::meta::namespace_of(*svc) + domain;
  for (const auto& ep : api.list(api.resource("", "endpoints"), "").items) {
    const Json& subsets = api::field(*ep, {"subsets"});
    if (!subsets.is_array()) continue;
    for (const auto& s : subsets) {
      const Json& addrs = api::field(s, {"addresses"});
      if (!addrs.is_array()) continue;
      for (const auto& a : addrs)
        if (a.value("ip", "") == ip && !a.value("hostname", "").empty())
          return a.value("hostname", "") + "." + api::meta::name(*ep) + "." + api::meta::namespace_of(*ep) + domain;
    }
  }
  return "";
}

std::vector<std::string> search_path(const std::string& ns) {
  if (ns.empty()) return {};
  return {ns + ".svc." + kClusterDomain, std::string("svc.") + kClusterDomain, kClusterDomain};
}

DnsAnswer resolve_fqdn(const api::ApiServer& api, const std::string& fqdn_in) {
  DnsAnswer a;
  std::string fqdn = lower(fqdn_in);
  if (!fqdn.empty() && fqdn.back() == '.') fqdn.pop_back();
  a.name = fqdn;
  const std::string suffix = std::string(".") + kClusterDomain;
  if (fqdn.size() <= suffix.size() || fqdn.compare(fqdn.size() - suffix.size(), suffix.size(), suffix) != 0) return a;
  const std::vector<std::string> labels = split(fqdn.substr(0, fqdn.size() - suffix.size()), '.');
  const auto& services = api.resource("", "services");
  if (labels.size() == 3 && labels[2] == "svc") {
    auto svc = api.try_get(services, labels[1], labels[0]);
    if (!svc) return a;
    const std::string type = api::str_field(*svc, {"spec", "type"});
    if (type == "ExternalName") {
      a.found = true;
      a.cname = api::str_field(*svc, {"spec", "externalName"});
      return a;
    }
    const std::string cluster_ip = api::str_field(*svc, {"spec", "clusterIP"});
    if (cluster_ip == "None") {
      a.addresses = endpoint_ips(api, labels[1], labels[0], "");
      std::sort(a.addresses.begin(), a.addresses.end());
      a.found = !a.addresses.empty();
      return a;
    }
    a.found = true;
    a.addresses.push_back(cluster_ip);
    return a;
  }
  if (labels.size() == 4 && labels[3] == "svc") {
    a.addresses = endpoint_ips(api, labels[2], labels[1], labels[0]);
    a.found = !a.addresses.empty();
    return a;
  }
  if (labels.size() == 3 && labels[2] == "pod") {
    std::string ip = labels[0];
    std::replace(ip.begin(), ip.end(), '-', '.');
    if (std::count(ip.begin(), ip.end(), '.') != 3) return a;
    a.found = true;
    a.addresses.push_back(ip);
    return a;
  }
  return a;
}

DnsAnswer resolve(const api::ApiServer& api, const std::string& name, const std::vector<std::string>& search) {
  if (name.empty()) return {};
  const bool absolute = name.back() == '.';
  const auto dots = std::count(name.begin(), name.end(), '.');
  // ndots:5 — a name with fewer dots goes through the search path first.
  if (!absolute && dots < 5) {
    for (const auto& domain : search) {
      DnsAnswer a = resolve_fqdn(api, name + "." + domain);
      if (a.found) return a;
    }
  }
  DnsAnswer a = resolve_fqdn(api, name);
  if (!a.found) a.name = name;
  return a;
}

}  // namespace kt::network
