// The add-ons `kubeadm init` v1.32 installs through the API — CoreDNS (its
// ConfigMap, ServiceAccount, a Deployment of two replicas and the kube-dns Service
// on the tenth address of the service range) and the kube-proxy DaemonSet — plus
// the calico-node DaemonSet of the Calico CNI the scenarios use. The workload
// controllers, scheduler and kubelets then run them like any other workload.
#pragma once

#include <string>

namespace kt::api { class ApiServer; }

namespace kt::cluster {

void install_kubeadm_addons(api::ApiServer& api, const std::string& dns_service_ip,
                            const std::string& kubernetes_version);

}  // namespace kt::cluster
