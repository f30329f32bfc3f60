#include "core/cluster/scenario.h"

namespace kt::cluster {
namespace {

std::vector<Scenario> builtin_scenarios() {
  std::vector<Scenario> out;

  // Seed 004's cluster: kubeadm, one control-plane machine and two workers.
  Scenario d;
  d.name = "default";
  d.description = "kubeadm cluster: k8s-master (control plane), k8s-node1, k8s-node2";
  d.machines = {
      {.name = "k8s-master", .control_plane = true, .internal_ip = "172.31.0.4"},
      {.name = "k8s-node1", .internal_ip = "172.31.0.5"},
      {.name = "k8s-node2", .internal_ip = "172.31.0.6"},
  };
  d.login_host = "k8s-master";
  out.push_back(d);

  Scenario single = d;
  single.name = "single-node";
  single.description = "one control-plane machine (k8s-master) that also runs workloads";
  single.machines = {{.name = "k8s-master", .control_plane = true, .internal_ip = "172.31.0.4", .cpu = "4",
                      .memory = "8008904Ki"}};
  out.push_back(single);

  // The default cluster seen from outside: the terminal opens on a workstation with
  // kubectl and the admin kubeconfig; `ssh k8s-master` reaches the machines.
  Scenario ws = d;
  ws.name = "workstation";
  ws.description = "the default cluster, with the terminal on a workstation outside it";
  ws.workstations = {{.name = "workstation", .ip = "172.31.0.100"}};
  ws.login_host = "workstation";
  out.push_back(ws);

  // Seed 001's node controller lesson with the timings turned down, as its flags
  // allow: the kubelet reports every 4 s, the controller gives a silent node 20 s.
  Scenario fast = d;
  fast.name = "fast-node-lifecycle";
  fast.description = "the default cluster with --node-monitor-grace-period=20s and --node-status-update-frequency=4s";
  fast.controller_manager_flags = {"--node-monitor-grace-period=20s", "--node-monitor-period=2s"};
  fast.kubelet_flags = {"--node-status-update-frequency=4s"};
  out.push_back(fast);
  return out;
}

const std::vector<Scenario>& all() {
  static const std::vector<Scenario> s = builtin_scenarios();
  return s;
}

}  // namespace

const Scenario* find_scenario(const std::string& name) {
  for (const auto& s : all())
    if (s.name == name) return &s;
  return nullptr;
}

std::vector<std::string> scenario_names() {
  std::vector<std::string> out;
  for (const auto& s : all()) out.push_back(s.name);
  return out;
}

}  // namespace kt::cluster
