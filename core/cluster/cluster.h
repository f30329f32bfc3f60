// The simulated cluster inside a Sandbox: the machines of the scenario and the
// components that run on them. It bootstraps what kubeadm leaves behind (system
// namespaces, registered nodes) and owns the per-machine components.
//
// FIXME: nodes are registered here once, Ready, until the kubelet simulation
// (issue 6) registers them itself, renews Leases and reports conditions.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/cluster/scenario.h"
#include "core/sim/random.h"

namespace kt::api { class ApiServer; }

namespace kt::cluster {

class Cluster {
 public:
  Cluster(const Scenario& scenario, api::ApiServer& api, sim::Random rng);
  ~Cluster();

  const Scenario& scenario() const { return scenario_; }
  const std::vector<MachineSpec>& machines() const { return scenario_.machines; }
  const MachineSpec* machine(const std::string& name) const;

  // Creates the kubeadm-like starting state through the API.
  void bootstrap();

 private:
  void register_node(const MachineSpec& m, std::size_t index);

  const Scenario& scenario_;
  api::ApiServer& api_;
  sim::Random rng_;
};

}  // namespace kt::cluster
