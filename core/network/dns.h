// Cluster DNS as CoreDNS's kubernetes plugin answers it (cluster domain
// cluster.local), read from the API like CoreDNS's informers:
//   <svc>.<ns>.svc.cluster.local            ClusterIP; headless: the ready endpoints'
//                                           IPs; ExternalName: a CNAME
//   <hostname>.<svc>.<ns>.svc.cluster.local a headless Service's endpoint with that
//                                           hostname (StatefulSet pods: web-0.nginx…)
//   <a-b-c-d>.<ns>.pod.cluster.local        that address
// Names are tried with the client's search path first (a pod in namespace X:
// X.svc.cluster.local svc.cluster.local cluster.local; ndots 5), as the resolver
// in the pod does. Anything else is NXDOMAIN: the sandbox has no Internet.
#pragma once

#include <string>
#include <vector>

#include "core/api/apiserver.h"

namespace kt::network {

inline constexpr const char* kClusterDomain = "cluster.local";
inline constexpr const char* kDnsServiceIP = "10.96.0.10";

struct DnsAnswer {
  bool found = false;
  std::string name;                // the fully qualified name that answered
  std::vector<std::string> addresses;
  std::string cname;               // ExternalName services
};

// The search path of a pod in `ns` ("" for a machine: no cluster search domains).
std::vector<std::string> search_path(const std::string& ns);

// Resolves `name` (relative or absolute, a trailing dot means absolute).
DnsAnswer resolve(const api::ApiServer& api, const std::string& name, const std::vector<std::string>& search);

// A PTR query as CoreDNS answers it: a Service's ClusterIP gives the Service's name,
// the address of a headless Service's endpoint with a hostname gives
// <hostname>.<svc>.<ns>.svc.cluster.local; "" for anything else.
std::string reverse(const api::ApiServer& api, const std::string& ip);

// One fully qualified name, no search path.
DnsAnswer resolve_fqdn(const api::ApiServer& api, const std::string& fqdn);

}  // namespace kt::network
