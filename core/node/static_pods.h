// The static pod manifests kubeadm v1.32 writes to /etc/kubernetes/manifests on a
// control-plane machine (etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler), as the mirror pods the kubelet creates for them: named
// `<component>-<node>`, hostNetwork, system-node-critical, with kubeadm's flags.
#pragma once

#include <string>
#include <vector>

#include "core/api/json.h"
#include "core/cluster/scenario.h"

namespace kt::node {

std::vector<Json> static_pod_manifests(const cluster::MachineSpec& machine, const std::string& kubernetes_version,
                                       const std::string& service_cidr, const std::string& pod_cidr);

}  // namespace kt::node
