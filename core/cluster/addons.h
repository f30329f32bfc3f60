// The add-ons `kubeadm init` v1.32 installs through the API: CoreDNS (its
// ConfigMap, ServiceAccount, Deployment of two replicas and the kube-dns Service on
// the tenth address of the service range). The workload controllers, scheduler and
// kubelets then run it like any Deployment.
// FIXME(issue 7): kube-proxy and the CNI (Calico) are DaemonSets; they arrive with
// the daemonset-controller.
#pragma once

#include <string>

namespace kt::api { class ApiServer; }

namespace kt::cluster {

void install_kubeadm_addons(api::ApiServer& api, const std::string& dns_service_ip);

}  // namespace kt::cluster
