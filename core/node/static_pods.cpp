#include "core/node/static_pods.h"

#include "core/util/names.h"

namespace kt::node {
namespace {

Json host_path_volume(const std::string& name, const std::string& path, const std::string& type) {
  return {{"name", name}, {"hostPath", {{"path", path}, {"type", type}}}};
}

Json mount(const std::string& name, const std::string& path, bool read_only) {
  Json m = {{"mountPath", path}, {"name", name}};
  if (read_only) m["readOnly"] = true;
  return m;
}

Json probe(const std::string& host, const std::string& path, int port, const std::string& scheme, int failures,
           int initial_delay) {
  return {{"failureThreshold", failures},
          {"httpGet", {{"host", host}, {"path", path}, {"port", port}, {"scheme", scheme}}},
          {"initialDelaySeconds", initial_delay},
          {"periodSeconds", 10},
          {"successThreshold", 1},
          {"timeoutSeconds", 15}};
}

Json mirror_pod(const std::string& component, const std::string& node, Json container, Json volumes,
                Json annotations) {
  Json labels = {{"component", component}, {"tier", "control-plane"}};
  // kubernetes.io/config.hash: the manifest's hash, as the file source computes it.
  const std::string hash = util::safe_encode_string(std::to_string(util::fnv32a(component + node))) + "0";
  annotations["kubernetes.io/config.hash"] = hash;
  annotations["kubernetes.io/config.mirror"] = hash;
  annotations["kubernetes.io/config.source"] = "file";
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"name", component + "-" + node}, {"namespace", "kube-system"}, {"labels", labels},
            {"annotations", annotations}}},
          {"spec",
           {{"containers", Json::array({container})},
            {"hostNetwork", true},
            {"nodeName", node},
            {"priority", 2000001000},
            {"priorityClassName", "system-node-critical"},
            {"securityContext", {{"seccompProfile", {{"type", "RuntimeDefault"}}}}},
            {"tolerations", Json::array({Json{{"effect", "NoExecute"}, {"operator", "Exists"}}})},
            {"volumes", volumes}}}};
}

Json pki_volumes() {
  return Json::array({host_path_volume("ca-certs", "/etc/ssl/certs", "DirectoryOrCreate"),
                      host_path_volume("etc-pki", "/etc/pki", "DirectoryOrCreate"),
                      host_path_volume("k8s-certs", "/etc/kubernetes/pki", "DirectoryOrCreate")});
}

Json pki_mounts() {
  return Json::array({mount("ca-certs", "/etc/ssl/certs", true), mount("etc-pki", "/etc/pki", true),
                      mount("k8s-certs", "/etc/kubernetes/pki", true)});
}

}  // namespace

std::vector<Json> static_pod_manifests(const cluster::MachineSpec& m, const std::string& version,
                                       const std::string& service_cidr, const std::string& pod_cidr) {
  const std::string ip = m.internal_ip;
  const std::string reg = "registry.k8s.io/";
  std::vector<Json> out;

  Json etcd = {{"name", "etcd"},
               {"image", reg + "etcd:3.5.16-0"},
               {"command", Json::array({"etcd", "--advertise-client-urls=https://" + ip + ":2379",
                                        "--cert-file=/etc/kubernetes/pki/etcd/server.crt", "--client-cert-auth=true",
                                        "--data-dir=/var/lib/etcd", "--experimental-initial-corrupt-check=true",
                                        "--initial-advertise-peer-urls=https://" + ip + ":2380",
                                        "--initial-cluster=" + m.name + "=https://" + ip + ":2380",
                                        "--key-file=/etc/kubernetes/pki/etcd/server.key",
                                        "--listen-client-urls=https://127.0.0.1:2379,https://" + ip + ":2379",
                                        "--listen-metrics-urls=http://127.0.0.1:2381",
                                        "--listen-peer-urls=https://" + ip + ":2380", "--name=" + m.name,
                                        "--snapshot-count=10000",
                                        "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt"})},
               {"imagePullPolicy", "IfNotPresent"},
               {"livenessProbe", probe("127.0.0.1", "/livez", 2381, "HTTP", 8, 10)},
               {"readinessProbe", probe("127.0.0.1", "/readyz", 2381, "HTTP", 3, 0)},
               {"resources", {{"requests", {{"cpu", "100m"}, {"memory", "100Mi"}}}}},
               {"volumeMounts", Json::array({mount("etcd-data", "/var/lib/etcd", false),
                                             mount("etcd-certs", "/etc/kubernetes/pki/etcd", false)})}};
  out.push_back(mirror_pod("etcd", m.name, etcd,
                           Json::array({host_path_volume("etcd-certs", "/etc/kubernetes/pki/etcd", "DirectoryOrCreate"),
                                        host_path_volume("etcd-data", "/var/lib/etcd", "DirectoryOrCreate")}),
                           {{"kubeadm.kubernetes.io/etcd.advertise-client-urls", "https://" + ip + ":2379"}}));

  Json apiserver = {
      {"name", "kube-apiserver"},
      {"image", reg + "kube-apiserver:" + version},
      {"command", Json::array({"kube-apiserver", "--advertise-address=" + ip, "--allow-privileged=true",
                               "--authorization-mode=Node,RBAC", "--client-ca-file=/etc/kubernetes/pki/ca.crt",
                               "--enable-admission-plugins=NodeRestriction", "--enable-bootstrap-token-auth=true",
                               "--etcd-servers=https://127.0.0.1:2379", "--secure-port=6443",
                               "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                               "--service-cluster-ip-range=" + service_cidr,
                               "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
                               "--tls-private-key-file=/etc/kubernetes/pki/apiserver.key"})},
      {"imagePullPolicy", "IfNotPresent"},
      {"livenessProbe", probe(ip, "/livez", 6443, "HTTPS", 8, 10)},
      {"readinessProbe", probe(ip, "/readyz", 6443, "HTTPS", 3, 0)},
      {"resources", {{"requests", {{"cpu", "250m"}}}}},
      {"volumeMounts", pki_mounts()}};
  out.push_back(mirror_pod("kube-apiserver", m.name, apiserver, pki_volumes(),
                           {{"kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint", ip + ":6443"}}));

  Json cm = {{"name", "kube-controller-manager"},
             {"image", reg + "kube-controller-manager:" + version},
             {"command", Json::array({"kube-controller-manager", "--allocate-node-cidrs=true",
                                      "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf",
                                      "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf",
                                      "--bind-address=127.0.0.1", "--client-ca-file=/etc/kubernetes/pki/ca.crt",
                                      "--cluster-cidr=" + pod_cidr, "--cluster-name=kubernetes",
                                      "--controllers=*,bootstrapsigner,tokencleaner",
                                      "--kubeconfig=/etc/kubernetes/controller-manager.conf",
                                      "--leader-elect=true", "--service-cluster-ip-range=" + service_cidr,
                                      "--use-service-account-credentials=true"})},
             {"imagePullPolicy", "IfNotPresent"},
             {"livenessProbe", probe("127.0.0.1", "/healthz", 10257, "HTTPS", 8, 10)},
             {"resources", {{"requests", {{"cpu", "200m"}}}}},
             {"volumeMounts", pki_mounts()}};
  out.push_back(mirror_pod("kube-controller-manager", m.name, cm, pki_volumes(), Json::object()));

  Json sched = {{"name", "kube-scheduler"},
                {"image", reg + "kube-scheduler:" + version},
                {"command", Json::array({"kube-scheduler",
                                         "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
                                         "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",
                                         "--bind-address=127.0.0.1", "--kubeconfig=/etc/kubernetes/scheduler.conf",
                                         "--leader-elect=true"})},
                {"imagePullPolicy", "IfNotPresent"},
                {"livenessProbe", probe("127.0.0.1", "/healthz", 10259, "HTTPS", 8, 10)},
                {"resources", {{"requests", {{"cpu", "100m"}}}}},
                {"volumeMounts", Json::array({mount("kubeconfig", "/etc/kubernetes/scheduler.conf", true)})}};
  out.push_back(mirror_pod("kube-scheduler", m.name, sched,
                           Json::array({host_path_volume("kubeconfig", "/etc/kubernetes/scheduler.conf", "FileOrCreate")}),
                           Json::object()));
  return out;
}

}  // namespace kt::node
