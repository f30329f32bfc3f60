#include "core/cluster/addons.h"

#include "core/api/apiserver.h"

namespace kt::cluster {
namespace {

constexpr const char* kCorefile =
    ".:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n"
    "    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n"
    "       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n"
    "    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30 {\n"
    "       disable success cluster.local\n       disable denial cluster.local\n    }\n"
    "    loop\n    reload\n    loadbalance\n}\n";

Json probe(const std::string& path, int port, int initial_delay, int failures, int timeout) {
  return {{"failureThreshold", failures},
          {"httpGet", {{"path", path}, {"port", port}, {"scheme", "HTTP"}}},
          {"initialDelaySeconds", initial_delay},
          {"periodSeconds", 10},
          {"successThreshold", 1},
          {"timeoutSeconds", timeout}};
}

}  // namespace

void install_kubeadm_addons(api::ApiServer& api, const std::string& dns_ip, const std::string& kubernetes_version) {
  const std::string ns = "kube-system";
  api.create(api.resource("", "configmaps"), ns,
             Json{{"metadata", {{"name", "coredns"}}}, {"data", {{"Corefile", kCorefile}}}});
  api.create(api.resource("", "serviceaccounts"), ns, Json{{"metadata", {{"name", "coredns"}}}});

  Json container = {
      {"name", "coredns"},
      {"image", "registry.k8s.io/coredns/coredns:v1.11.3"},
      {"imagePullPolicy", "IfNotPresent"},
      {"args", Json::array({"-conf", "/etc/coredns/Corefile"})},
      {"resources", {{"limits", {{"memory", "170Mi"}}}, {"requests", {{"cpu", "100m"}, {"memory", "70Mi"}}}}},
      {"ports", Json::array({Json{{"containerPort", 53}, {"name", "dns"}, {"protocol", "UDP"}},
                             Json{{"containerPort", 53}, {"name", "dns-tcp"}, {"protocol", "TCP"}},
                             Json{{"containerPort", 9153}, {"name", "metrics"}, {"protocol", "TCP"}}})},
      {"livenessProbe", probe("/health", 8080, 60, 5, 5)},
      {"readinessProbe", probe("/ready", 8181, 0, 3, 1)},
      {"securityContext",
       {{"allowPrivilegeEscalation", false},
        {"capabilities", {{"add", Json::array({"NET_BIND_SERVICE"})}, {"drop", Json::array({"ALL"})}}},
        {"readOnlyRootFilesystem", true}}},
      {"volumeMounts", Json::array({Json{{"mountPath", "/etc/coredns"}, {"name", "config-volume"}, {"readOnly", true}}})}};
  Json pod_spec = {
      {"affinity",
       {{"podAntiAffinity",
         {{"preferredDuringSchedulingIgnoredDuringExecution",
           Json::array({Json{{"weight", 100},
                             {"podAffinityTerm",
                              {{"labelSelector",
                                {{"matchExpressions",
                                  Json::array({Json{{"key", "k8s-app"}, {"operator", "In"},
                                                    {"values", Json::array({"kube-dns"})}}})}}},
                               {"topologyKey", "kubernetes.io/hostname"}}}}})}}}}},
      {"containers", Json::array({container})},
      {"dnsPolicy", "Default"},
      {"nodeSelector", {{"kubernetes.io/os", "linux"}}},
      {"priorityClassName", "system-cluster-critical"},
      {"serviceAccountName", "coredns"},
      {"tolerations", Json::array({Json{{"key", "CriticalAddonsOnly"}, {"operator", "Exists"}},
                                   Json{{"effect", "NoSchedule"}, {"key", "node-role.kubernetes.io/control-plane"}}})},
      {"volumes", Json::array({Json{{"name", "config-volume"},
                                    {"configMap", {{"name", "coredns"},
                                                   {"items", Json::array({Json{{"key", "Corefile"}, {"path", "Corefile"}}})}}}}})}};
  api.create(api.resource("apps", "deployments"), ns,
             Json{{"apiVersion", "apps/v1"},
                  {"kind", "Deployment"},
                  {"metadata", {{"name", "coredns"}, {"labels", {{"k8s-app", "kube-dns"}}}}},
                  {"spec",
                   {{"replicas", 2},
                    {"selector", {{"matchLabels", {{"k8s-app", "kube-dns"}}}}},
                    {"strategy", {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxUnavailable", 1}}}}},
                    {"template", {{"metadata", {{"labels", {{"k8s-app", "kube-dns"}}}}}, {"spec", pod_spec}}}}}});

  // kube-proxy on every node, and the Calico CNI the scenarios install.
  api.create(api.resource("", "serviceaccounts"), ns, Json{{"metadata", {{"name", "kube-proxy"}}}});
  auto daemonset = [&](const std::string& name, const std::string& label_key, Json container, const std::string& sa) {
    Json spec = {{"containers", Json::array({container})},
                 {"hostNetwork", true},
                 {"nodeSelector", {{"kubernetes.io/os", "linux"}}},
                 {"priorityClassName", "system-node-critical"},
                 {"serviceAccountName", sa},
                 {"tolerations", Json::array({Json{{"operator", "Exists"}}})}};
    const Json labels = {{label_key, name}};
    Json ds_spec = Json::object();
    ds_spec["selector"] = {{"matchLabels", labels}};
    ds_spec["template"] = {{"metadata", {{"labels", labels}}}, {"spec", spec}};
    ds_spec["updateStrategy"] = {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxUnavailable", 1}}}};
    Json ds = {{"apiVersion", "apps/v1"}, {"kind", "DaemonSet"}};
    ds["metadata"] = {{"name", name}, {"labels", labels}};
    ds["spec"] = std::move(ds_spec);
    api.create(api.resource("apps", "daemonsets"), ns, std::move(ds));
  };
  daemonset("kube-proxy", "k8s-app",
            Json{{"name", "kube-proxy"},
                 {"image", "registry.k8s.io/kube-proxy:" + kubernetes_version},
                 {"imagePullPolicy", "IfNotPresent"},
                 {"command", Json::array({"/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf",
                                          "--hostname-override=$(NODE_NAME)"})},
                 {"securityContext", {{"privileged", true}}}},
            "kube-proxy");
  api.create(api.resource("", "serviceaccounts"), ns, Json{{"metadata", {{"name", "calico-node"}}}});
  daemonset("calico-node", "k8s-app",
            Json{{"name", "calico-node"},
                 {"image", "docker.io/calico/node:v3.29.1"},
                 {"imagePullPolicy", "IfNotPresent"},
                 {"resources", {{"requests", {{"cpu", "250m"}}}}},
                 {"securityContext", {{"privileged", true}}}},
            "calico-node");

  api.create(api.resource("", "services"), ns,
             Json{{"metadata",
                   {{"name", "kube-dns"},
                    {"labels", {{"k8s-app", "kube-dns"}, {"kubernetes.io/cluster-service", "true"}, {"kubernetes.io/name", "CoreDNS"}}},
                    {"annotations", {{"prometheus.io/port", "9153"}, {"prometheus.io/scrape", "true"}}}}},
                  {"spec",
                   {{"clusterIP", dns_ip},
                    {"ports", Json::array({Json{{"name", "dns"}, {"port", 53}, {"protocol", "UDP"}, {"targetPort", 53}},
                                           Json{{"name", "dns-tcp"}, {"port", 53}, {"protocol", "TCP"}, {"targetPort", 53}},
                                           Json{{"name", "metrics"}, {"port", 9153}, {"protocol", "TCP"}, {"targetPort", 9153}}})},
                    {"selector", {{"k8s-app", "kube-dns"}}},
                    {"sessionAffinity", "None"},
                    {"type", "ClusterIP"}}}});
}

}  // namespace kt::cluster
