// The scenario's load-balancer address pool, in the spirit of MetalLB / OpenELB on
// bare metal (kube-controller-manager has no cloud provider here): a Service of type
// LoadBalancer gets the lowest free address of the pool in
// status.loadBalancer.ingress (EXTERNAL-IP; <pending> until then), with an event
// IPAllocated `Assigned IP ["172.31.0.200"]`; when the pool is empty it stays
// pending with AllocationFailed `Failed to allocate IP for "ns/name": no available
// IPs`. spec.loadBalancerIP asks for a particular address. The address goes back to
// the pool when the Service is deleted or changes type. An empty pool (a scenario
// without a provider) leaves every LoadBalancer pending, as a bare kubeadm cluster does.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/api/apiserver.h"

namespace kt::client {
class EventRecorder;
class SharedInformer;
}  // namespace kt::client

namespace kt::network {

// "172.31.0.200-172.31.0.209" or "172.31.0.200/29" → every address, in order.
std::vector<std::string> expand_pool(const std::string& spec);

class LoadBalancerPool {
 public:
  LoadBalancerPool(api::ApiServer& api, std::vector<std::string> addresses);
  ~LoadBalancerPool();

  void start();
  void stop();

 private:
  void sync(const api::ObjectPtr& svc);
  void release(const std::string& key);

  api::ApiServer& api_;
  std::vector<std::string> addresses_;
  std::map<std::string, std::string> assigned_;  // service key → address
  std::unique_ptr<client::SharedInformer> services_;
  std::unique_ptr<client::EventRecorder> recorder_;
};

}  // namespace kt::network
