// The simulated cluster inside a Sandbox: the machines of the scenario and the
// components that run on them. It bootstraps what kubeadm leaves behind (system
// namespaces, registered nodes) and owns the per-machine components.
//
// Each machine runs a kubelet (core/node/kubelet.h) that renews its Lease, runs
// the pods bound to it and, on the control plane, the static control-plane pods.
// FIXME(issue 6): the Node object is still registered here, Ready, once; the kubelet
// does not yet post node status or conditions itself.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/cluster/scenario.h"
#include "core/sim/random.h"

namespace kt::api { class ApiServer; }
namespace kt::node { class Disks; class Kubelet; }

namespace kt::cluster {

class Cluster {
 public:
  Cluster(const Scenario& scenario, api::ApiServer& api, sim::Random rng);
  ~Cluster();

  const Scenario& scenario() const { return scenario_; }
  const std::vector<MachineSpec>& machines() const { return scenario_.machines; }
  const MachineSpec* machine(const std::string& name) const;

  // Creates the kubeadm-like starting state through the API and starts the kubelets.
  void bootstrap();

  // The kubelet of a machine; null for an unknown name.
  node::Kubelet* kubelet(const std::string& machine) const;
  // The machines' disks and the NFS servers' exports.
  node::Disks& disks() { return *disks_; }

 private:
  void register_node(const MachineSpec& m, std::size_t index);

  const Scenario& scenario_;
  api::ApiServer& api_;
  sim::Random rng_;
  std::unique_ptr<node::Disks> disks_;
  std::vector<std::unique_ptr<node::Kubelet>> kubelets_;
};

}  // namespace kt::cluster
