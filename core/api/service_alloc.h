// Service address allocation, as kube-apiserver's service REST storage does before
// validation: a ClusterIP from the service CIDR and a nodePort for each port of
// NodePort/LoadBalancer services. Allocations are derived from the stored services
// (nothing to leak on a failed or dry-run create). Random choices come from the
// server's seeded stream.
//
// v1.32 rules (ServiceIPStaticSubrange, ServiceNodePortStaticSubrange, both GA):
// the low band of each range is kept for explicitly requested values; dynamic
// allocation draws from the upper band first and falls back to the low band.
//   IPs:   band = min(max(16, size/16), 256) addresses (10.96.0.0/12 → 256)
//   ports: band = min(max(16, size/32), 128) ports     (30000-32767 → 86)
#pragma once

#include <cstdint>
#include <string>

#include "core/api/admission.h"
#include "core/sim/random.h"

namespace kt::api {

struct ServiceRanges {
  std::string cidr = "10.96.0.0/12";
  int node_port_min = 30000;
  int node_port_max = 32767;
};

// Runs as the first mutating step for services (before the admission chain).
class ServiceAllocator : public AdmissionPlugin {
 public:
  ServiceAllocator(sim::Random rng, ServiceRanges ranges = {});
  std::string name() const override { return "ServiceAllocator"; }
  void admit(AdmissionRequest& req, ApiServer& api) override;

 private:
  void allocate_cluster_ip(Json& svc, const Json* old, ApiServer& api, const std::string& self_key);
  void allocate_node_ports(Json& svc, const Json* old, ApiServer& api, const std::string& self_key);

  sim::Random rng_;
  ServiceRanges ranges_;
  std::uint32_t base_ = 0;   // network address of the CIDR
  std::uint32_t size_ = 0;   // usable addresses (network and broadcast excluded)
};

std::string ipv4_to_string(std::uint32_t ip);
bool parse_ipv4(const std::string& s, std::uint32_t& out);

}  // namespace kt::api
