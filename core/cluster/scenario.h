// Scenarios: the machines a sandbox starts with and the facts that vary between
// tutorials (names, addresses, versions, start time). Data, not code paths: a new
// scenario is a new table entry (later: a file under scenarios/).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/sim/time.h"

namespace kt::cluster {

struct MachineSpec {
  std::string name;         // hostname and Node name
  bool control_plane = false;
  std::string internal_ip;
  std::string cpu = "2";    // capacity, as Quantity strings
  std::string memory = "4026364Ki";
  std::string pods = "110";
  std::string ephemeral_storage = "41152812Ki";
  std::string os_image = "CentOS Linux 7 (Core)";
  std::string kernel = "3.10.0-1160.el7.x86_64";
  std::string container_runtime = "containerd://1.7.24";
};

// A machine outside the cluster (a learner's workstation): it reaches the
// machines' addresses, NodePorts and LoadBalancer IPs, not pod or ClusterIPs.
struct WorkstationSpec {
  std::string name;
  std::string ip;
  std::string os_image = "Ubuntu 24.04.1 LTS";
  std::string kernel = "6.8.0-48-generic";
};

struct Scenario {
  std::string name;
  std::string description;
  std::vector<MachineSpec> machines;
  std::vector<WorkstationSpec> workstations;
  std::string kubernetes_version = "v1.32.5";  // the real kubectl on this machine kind is v1.32.5
  std::string pod_cidr = "192.168.0.0/16";
  std::string service_cidr = "10.96.0.0/12";
  // Addresses the sandbox's load-balancer provider hands to LoadBalancer Services
  // ("" = none: they stay <pending>, as on a bare kubeadm cluster).
  std::string lb_pool = "172.31.0.200-172.31.0.219";
  sim::Time start{1736931600LL * 1000000};     // 2025-01-15T09:00:00Z
  // Virtual time the cluster has already been running when the learner arrives,
  // so AGE columns look like a real cluster's rather than "0s".
  sim::Duration warm_up = sim::minutes(12);
  std::string login_host;  // the machine (or workstation) whose shell the terminal opens on
  // The control plane's and kubelets' command lines as the tutorial set them
  // ("--node-monitor-grace-period=20s", "--node-status-update-frequency=4s"): a
  // flag v1.32 does not have is an error when the sandbox starts.
  std::vector<std::string> controller_manager_flags;
  std::vector<std::string> kubelet_flags;
};

const Scenario* find_scenario(const std::string& name);
std::vector<std::string> scenario_names();

}  // namespace kt::cluster
