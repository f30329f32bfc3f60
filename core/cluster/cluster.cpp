#include "core/cluster/cluster.h"

#include <cstdio>
#include <stdexcept>

#include "core/api/apiserver.h"
#include "core/cluster/addons.h"
#include "core/node/disks.h"
#include "core/node/kubelet.h"
#include "core/node/kubelet_flags.h"

namespace kt::cluster {
namespace {

// "4026364Ki" → KiB count; scenario quantities are written in Ki.
long long kib(const std::string& q) {
  long long v = 0;
  for (char c : q) {
    if (c < '0' || c > '9') break;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string hex_id(sim::Random& rng, int n) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < n; ++i) s += digits[rng.below(16)];
  return s;
}

}  // namespace

Cluster::Cluster(const Scenario& scenario, api::ApiServer& api, sim::Random rng)
    : scenario_(scenario), api_(api), rng_(std::move(rng)), disks_(std::make_unique<node::Disks>(api.sim(), scenario)) {}

Cluster::~Cluster() {
  for (auto& k : kubelets_) k->stop();
}

node::Kubelet* Cluster::kubelet(const std::string& machine) const {
  for (const auto& k : kubelets_)
    if (k->node_name() == machine) return k.get();
  return nullptr;
}

const MachineSpec* Cluster::machine(const std::string& name) const {
  for (const auto& m : scenario_.machines)
    if (m.name == name) return &m;
  return nullptr;
}

void Cluster::bootstrap() {
  const auto& ns_res = api_.resource("", "namespaces");
  for (const char* ns : {"default", "kube-node-lease", "kube-public", "kube-system"}) {
    api_.create(ns_res, "", Json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}});
  }
  // kube-apiserver's scheduling post-start hook creates the two system classes
  // (pkg/apis/scheduling SystemPriorityClasses) that critical add-ons name.
  const auto& pc_res = api_.resource("scheduling.k8s.io", "priorityclasses");
  const std::pair<const char*, const char*> system_classes[] = {
      {"system-node-critical", "Used for system critical pods that must not be moved from their current node."},
      {"system-cluster-critical",
       "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."}};
  for (const auto& [name, description] : system_classes) {
    Json pc = {{"apiVersion", "scheduling.k8s.io/v1"}, {"kind", "PriorityClass"}};
    pc["metadata"]["name"] = name;
    pc["value"] = std::string(name) == "system-node-critical" ? 2000001000 : 2000000000;
    pc["description"] = description;
    pc["globalDefault"] = false;
    api_.create(pc_res, "", std::move(pc));
  }
  for (std::size_t i = 0; i < scenario_.machines.size(); ++i) register_node(scenario_.machines[i], i);
  node::KubeletConfig kcfg;
  kcfg.kubernetes_version = scenario_.kubernetes_version;
  kcfg.service_cidr = scenario_.service_cidr;
  kcfg.pod_cidr = scenario_.pod_cidr;
  if (auto err = node::apply_kubelet_flags(kcfg, scenario_.kubelet_flags); !err.empty())
    throw std::invalid_argument("scenario \"" + scenario_.name + "\": kubelet: " + err);
  for (const auto& m : scenario_.machines) {
    auto k = std::make_unique<node::Kubelet>(api_, m, *disks_, rng_.fork("kubelet/" + m.name), kcfg);
    // kubeadm pulled the control-plane and pod-sandbox images before `init`/`join`.
    k->preload_image("registry.k8s.io/pause:3.10");
    kubelets_.push_back(std::move(k));
  }

  // kube-apiserver keeps a `kubernetes` Service (the first address of the service
  // CIDR) and its Endpoints pointing at every apiserver (port 6443).
  api_.create(api_.resource("", "services"), "default",
              Json{{"metadata", {{"name", "kubernetes"}, {"labels", {{"component", "apiserver"}, {"provider", "kubernetes"}}}}},
                   {"spec",
                    {{"clusterIP", "10.96.0.1"},
                     {"ports", Json::array({{{"name", "https"}, {"port", 443}, {"protocol", "TCP"}, {"targetPort", 6443}}})},
                     {"sessionAffinity", "None"},
                     {"type", "ClusterIP"}}}});
  Json addresses = Json::array();
  for (const auto& m : scenario_.machines)
    if (m.control_plane) addresses.push_back({{"ip", m.internal_ip}});
  api_.create(api_.resource("", "endpoints"), "default",
              Json{{"metadata", {{"name", "kubernetes"}, {"labels", {{"endpointslice.kubernetes.io/skip-mirror", "true"}}}}},
                   {"subsets", Json::array({{{"addresses", addresses},
                                             {"ports", Json::array({{{"name", "https"}, {"port", 6443}, {"protocol", "TCP"}}})}}})}});
  // …and the EndpointSlice its endpoint reconciler keeps beside them.
  Json endpoints = Json::array();
  for (const auto& a : addresses)
    endpoints.push_back({{"addresses", Json::array({a["ip"]})}, {"conditions", {{"ready", true}}}});
  api_.create(api_.resource("discovery.k8s.io", "endpointslices"), "default",
              Json{{"metadata", {{"name", "kubernetes"}, {"labels", {{"kubernetes.io/service-name", "kubernetes"}}}}},
                   {"addressType", "IPv4"},
                   {"endpoints", endpoints},
                   {"ports", Json::array({Json{{"name", "https"}, {"port", 6443}, {"protocol", "TCP"}}})}});
  install_kubeadm_addons(api_, "10.96.0.10", scenario_.kubernetes_version);
  for (auto& k : kubelets_) k->start();
}

void Cluster::register_node(const MachineSpec& m, std::size_t index) {
  const std::string now = api_.now_rfc3339();
  Json labels = {{"beta.kubernetes.io/arch", "amd64"},
                 {"beta.kubernetes.io/os", "linux"},
                 {"kubernetes.io/arch", "amd64"},
                 {"kubernetes.io/hostname", m.name},
                 {"kubernetes.io/os", "linux"}};
  Json taints = Json::array();
  if (m.control_plane) {
    labels["node-role.kubernetes.io/control-plane"] = "";
    labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
    if (scenario_.machines.size() > 1)
      taints.push_back({{"effect", "NoSchedule"}, {"key", "node-role.kubernetes.io/control-plane"}});
  }
  // The kubelet reserves 100Mi of memory and 10% of the node filesystem for eviction.
  const long long mem_alloc = kib(m.memory) - 100 * 1024;
  const long long disk_alloc_bytes = kib(m.ephemeral_storage) * 1024 / 10 * 9;

  // Per-node pod CIDR: the node-ipam controller hands out /24s of the cluster CIDR in order.
  std::string cidr_base = scenario_.pod_cidr.substr(0, scenario_.pod_cidr.find('/'));
  unsigned a = 0, b = 0, c = 0, d = 0;
  std::sscanf(cidr_base.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d);
  const std::string pod_cidr =
      std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c + index) + ".0/24";

  auto condition = [&](const char* type, const char* status, const char* reason, const char* message) {
    return Json{{"type", type},       {"status", status},   {"reason", reason},
                {"message", message}, {"lastHeartbeatTime", now}, {"lastTransitionTime", now}};
  };

  Json node = {
      {"apiVersion", "v1"},
      {"kind", "Node"},
      {"metadata",
       {{"name", m.name},
        {"labels", labels},
        {"annotations",
         {{"kubeadm.alpha.kubernetes.io/cri-socket", "unix:///var/run/containerd/containerd.sock"},
          {"node.alpha.kubernetes.io/ttl", "0"},
          {"volumes.kubernetes.io/controller-managed-attach-detach", "true"}}}}},
      {"spec", {{"podCIDR", pod_cidr}, {"podCIDRs", Json::array({pod_cidr})}}},
      {"status",
       {{"addresses", Json::array({{{"address", m.internal_ip}, {"type", "InternalIP"}},
                                   {{"address", m.name}, {"type", "Hostname"}}})},
        {"capacity",
         {{"cpu", m.cpu},
          {"ephemeral-storage", m.ephemeral_storage},
          {"hugepages-1Gi", "0"},
          {"hugepages-2Mi", "0"},
          {"memory", m.memory},
          {"pods", m.pods}}},
        {"allocatable",
         {{"cpu", m.cpu},
          {"ephemeral-storage", std::to_string(disk_alloc_bytes)},
          {"hugepages-1Gi", "0"},
          {"hugepages-2Mi", "0"},
          {"memory", std::to_string(mem_alloc) + "Ki"},
          {"pods", m.pods}}},
        {"conditions",
         Json::array({condition("MemoryPressure", "False", "KubeletHasSufficientMemory",
                                "kubelet has sufficient memory available"),
                      condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                      condition("PIDPressure", "False", "KubeletHasSufficientPID",
                                "kubelet has sufficient PID available"),
                      condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")})},
        {"daemonEndpoints", {{"kubeletEndpoint", {{"Port", 10250}}}}},
        {"nodeInfo",
         {{"architecture", "amd64"},
          {"bootID", hex_id(rng_, 8) + "-" + hex_id(rng_, 4) + "-" + hex_id(rng_, 4) + "-" + hex_id(rng_, 4) + "-" +
                         hex_id(rng_, 12)},
          {"containerRuntimeVersion", m.container_runtime},
          {"kernelVersion", m.kernel},
          {"kubeProxyVersion", scenario_.kubernetes_version},
          {"kubeletVersion", scenario_.kubernetes_version},
          {"machineID", hex_id(rng_, 32)},
          {"operatingSystem", "linux"},
          {"osImage", m.os_image},
          {"systemUUID", hex_id(rng_, 8) + "-" + hex_id(rng_, 4) + "-" + hex_id(rng_, 4) + "-" + hex_id(rng_, 4) +
                             "-" + hex_id(rng_, 12)}}}}}};
  node["spec"]["taints"] = taints;
  if (taints.empty()) node["spec"].erase("taints");

  const auto& nodes = api_.resource("", "nodes");
  api_.create(nodes, "", node);
  // The kubelet reports status through the status subresource after registering.
  auto created = api_.get(nodes, "", m.name);
  Json with_status = *created;
  with_status["status"] = node["status"];
  api::WriteOptions status_write;
  status_write.subresource = "status";
  api_.update(nodes, "", with_status, status_write);
}

}  // namespace kt::cluster
