// Cell text of core/v1, networking, storage, rbac, policy and coordination tables,
// and the default Name/Created At table, against kube-apiserver v1.32's printers.
#include <catch2/catch.hpp>

#include "core/api/resources.h"
#include "core/printers/table.h"
#include "core/util/timefmt.h"
#include "tests/unit/printers_test_util.h"

namespace {

using kt::testing::cells;
using kt::testing::headers;

}  // namespace

TEST_CASE("services: ClusterIP, NodePort, LoadBalancer pending/with IPs, ExternalName, headless", "[printers]") {
  CHECK(headers("", "v1", "services") ==
        std::vector<std::string>{"Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector*"});
  auto k = cells("", "v1", "services", R"({"metadata": {"name": "kubernetes", "creationTimestamp": "2023-12-01T00:00:00Z"},
    "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"],
             "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}]}})");
  CHECK(k == std::vector<std::string>{"kubernetes", "ClusterIP", "10.96.0.1", "<none>", "443/TCP", "31d", "<none>"});
  auto np = cells("", "v1", "services", R"({"metadata": {"name": "web", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"type": "NodePort", "clusterIPs": ["10.96.12.7"], "selector": {"app": "web", "tier": "fe"},
             "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"}, {"port": 53, "nodePort": 31053, "protocol": "UDP"}]}})");
  CHECK(np == std::vector<std::string>{"web", "NodePort", "10.96.12.7", "<none>", "80:30080/TCP,53:31053/UDP", "60m",
                                       "app=web,tier=fe"});
  auto lb = cells("", "v1", "services", R"({"metadata": {"name": "lb", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"type": "LoadBalancer", "clusterIPs": ["10.96.3.3"], "ports": [{"port": 80, "nodePort": 31000, "protocol": "TCP"}]}})");
  CHECK(lb[3] == "<pending>");
  auto lb2 = cells("", "v1", "services", R"({"metadata": {"name": "lb", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"type": "LoadBalancer", "clusterIPs": ["10.96.3.3"], "externalIPs": ["1.2.3.4"]},
    "status": {"loadBalancer": {"ingress": [{"ip": "172.18.0.9"}, {"hostname": "a.example.com"}, {"ip": "172.18.0.10"}]}}})");
  CHECK(lb2[3] == "172.18.0.10,172.18.0.9,a.example.com,1.2.3.4");
  CHECK(lb2[4] == "<none>");
  auto en = cells("", "v1", "services", R"({"metadata": {"name": "db", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"type": "ExternalName", "externalName": "db.example.com"}})");
  CHECK(en[2] == "<none>");
  CHECK(en[3] == "db.example.com");
  auto headless = cells("", "v1", "services", R"({"metadata": {"name": "nginx", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"type": "ClusterIP", "clusterIP": "None", "clusterIPs": ["None"], "ports": [{"port": 80, "protocol": "TCP", "name": "web"}]}})");
  CHECK(headless[2] == "None");
}

TEST_CASE("endpoints: ip:port, headless without ports, + N more", "[printers]") {
  auto e = cells("", "v1", "endpoints", R"({"metadata": {"name": "web", "creationTimestamp": "2024-01-01T00:59:00Z"},
    "subsets": [{"addresses": [{"ip": "10.244.1.2"}, {"ip": "10.244.2.3"}], "ports": [{"port": 80, "protocol": "TCP"}, {"port": 443, "protocol": "TCP"}]}]})");
  CHECK(e == std::vector<std::string>{"web", "10.244.1.2:80,10.244.2.3:80,10.244.1.2:443 + 1 more...", "60s"});
  auto none = cells("", "v1", "endpoints", R"({"metadata": {"name": "x", "creationTimestamp": "2024-01-01T00:59:00Z"}})");
  CHECK(none[1] == "<none>");
  auto notready = cells("", "v1", "endpoints", R"({"metadata": {"name": "x", "creationTimestamp": "2024-01-01T00:59:00Z"},
    "subsets": [{"notReadyAddresses": [{"ip": "10.244.1.2"}], "ports": [{"port": 80}]}]})");
  CHECK(notready[1] == "");
  auto headless = cells("", "v1", "endpoints", R"({"metadata": {"name": "x", "creationTimestamp": "2024-01-01T00:59:00Z"},
    "subsets": [{"addresses": [{"ip": "10.244.1.2"}]}]})");
  CHECK(headless[1] == "10.244.1.2");
}

TEST_CASE("configmaps, secrets, serviceaccounts count their data", "[printers]") {
  CHECK(cells("", "v1", "configmaps", R"({"metadata": {"name": "kube-root-ca.crt", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "data": {"ca.crt": "x"}, "binaryData": {"b": "AA=="}})") == std::vector<std::string>{"kube-root-ca.crt", "2", "60m"});
  CHECK(cells("", "v1", "configmaps", R"({"metadata": {"name": "empty", "creationTimestamp": "2024-01-01T00:00:00Z"}})")[1] == "0");
  CHECK(cells("", "v1", "secrets", R"({"metadata": {"name": "s", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "type": "kubernetes.io/tls", "data": {"tls.crt": "", "tls.key": ""}})") ==
        std::vector<std::string>{"s", "kubernetes.io/tls", "2", "60m"});
  CHECK(cells("", "v1", "serviceaccounts", R"({"metadata": {"name": "default", "creationTimestamp": "2024-01-01T00:00:00Z"}})") ==
        std::vector<std::string>{"default", "0", "60m"});
}

TEST_CASE("events: LAST SEEN TYPE REASON OBJECT MESSAGE, wide extras", "[printers]") {
  CHECK(headers("", "v1", "events") ==
        std::vector<std::string>{"Last Seen", "Type", "Reason", "Object", "Subobject*", "Source*", "Message",
                                 "First Seen*", "Count*", "Name*"});
  auto e = cells("", "v1", "events", R"({"metadata": {"name": "web-1.17a", "creationTimestamp": "2024-01-01T00:50:00Z"},
    "involvedObject": {"kind": "Pod", "name": "web-1", "fieldPath": "spec.containers{nginx}"},
    "reason": "Pulled", "message": "Successfully pulled image \"nginx\"\n", "type": "Normal",
    "source": {"component": "kubelet", "host": "k8s-node1"},
    "firstTimestamp": "2024-01-01T00:50:00Z", "lastTimestamp": "2024-01-01T00:58:00Z", "count": 3})");
  CHECK(e == std::vector<std::string>{"2m", "Normal", "Pulled", "pod/web-1", "spec.containers{nginx}",
                                      "kubelet, k8s-node1", "Successfully pulled image \"nginx\"", "10m", "3",
                                      "web-1.17a"});
  auto micro = cells("", "v1", "events", R"({"metadata": {"name": "n", "creationTimestamp": "2024-01-01T00:50:00Z"},
    "involvedObject": {"kind": "Node", "name": "k8s-node1"}, "reason": "Starting", "type": "Normal",
    "eventTime": "2024-01-01T00:59:30.000000Z", "reportingComponent": "kube-proxy", "reportingInstance": "k8s-node1"})");
  CHECK(micro[0] == "30s");
  CHECK(micro[5] == "kube-proxy, k8s-node1");
  CHECK(micro[7] == "30s");
  CHECK(micro[8] == "1");
}

TEST_CASE("persistent volumes, claims and storage classes", "[printers]") {
  CHECK(headers("", "v1", "persistentvolumes") ==
        std::vector<std::string>{"Name", "Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass",
                                 "VolumeAttributesClass", "Reason", "Age", "VolumeMode*"});
  auto pv = cells("", "v1", "persistentvolumes", R"({"metadata": {"name": "pv0001", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"capacity": {"storage": "5Gi"}, "accessModes": ["ReadWriteMany", "ReadWriteOnce"], "persistentVolumeReclaimPolicy": "Retain",
             "storageClassName": "slow", "volumeMode": "Filesystem", "claimRef": {"namespace": "default", "name": "data"}},
    "status": {"phase": "Bound"}})");
  CHECK(pv == std::vector<std::string>{"pv0001", "5Gi", "RWO,RWX", "Retain", "Bound", "default/data", "slow", "<unset>",
                                       "", "60m", "Filesystem"});
  auto pvc = cells("", "v1", "persistentvolumeclaims", R"({"metadata": {"name": "data", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "standard",
             "volumeMode": "Filesystem", "volumeName": "pvc-123"},
    "status": {"phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": {"storage": "1Gi"}}})");
  CHECK(pvc == std::vector<std::string>{"data", "Bound", "pvc-123", "1Gi", "RWO", "standard", "<unset>", "60m", "Filesystem"});
  auto pending = cells("", "v1", "persistentvolumeclaims", R"({"metadata": {"name": "d", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}, "status": {"phase": "Pending"}})");
  CHECK(pending == std::vector<std::string>{"d", "Pending", "", "", "", "", "<unset>", "60m", "<unset>"});
  auto sc = cells("storage.k8s.io", "v1", "storageclasses", R"({"metadata": {"name": "standard", "creationTimestamp": "2024-01-01T00:00:00Z",
    "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}}, "provisioner": "rancher.io/local-path",
    "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer"})");
  CHECK(sc == std::vector<std::string>{"standard (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer",
                                       "false", "60m"});
}

TEST_CASE("ingresses, ingress classes, network policies, endpoint slices", "[printers]") {
  auto ing = cells("networking.k8s.io", "v1", "ingresses", R"({"metadata": {"name": "web", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"ingressClassName": "nginx", "tls": [{"hosts": ["a.example.com"]}],
             "rules": [{"host": "a.example.com"}, {}, {"host": "b.example.com"}, {"host": "c.example.com"}, {"host": "d.example.com"}]},
    "status": {"loadBalancer": {"ingress": [{"ip": "192.168.49.2"}]}}})");
  CHECK(ing == std::vector<std::string>{"web", "nginx", "a.example.com,b.example.com,c.example.com + 2 more...", "192.168.49.2",
                                        "80, 443", "60m"});
  auto plain = cells("networking.k8s.io", "v1", "ingresses", R"({"metadata": {"name": "x", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"rules": [{"http": {}}]}})");
  CHECK(plain == std::vector<std::string>{"x", "<none>", "*", "", "80", "60m"});
  CHECK(cells("networking.k8s.io", "v1", "ingressclasses", R"({"metadata": {"name": "nginx", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"controller": "k8s.io/ingress-nginx", "parameters": {"apiGroup": "k8s.example.com", "kind": "IngressParameters", "name": "p"}}})") ==
        std::vector<std::string>{"nginx", "k8s.io/ingress-nginx", "IngressParameters.k8s.example.com/p", "60m"});
  CHECK(cells("networking.k8s.io", "v1", "networkpolicies", R"({"metadata": {"name": "deny", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"podSelector": {}}})")[1] == "<none>");
  auto es = cells("discovery.k8s.io", "v1", "endpointslices", R"({"metadata": {"name": "web-abcde", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "addressType": "IPv4", "ports": [{"name": "http", "port": 80, "protocol": "TCP"}],
    "endpoints": [{"addresses": ["10.244.1.2"]}, {"addresses": ["10.244.1.3"]}, {"addresses": ["10.244.2.2"]}, {"addresses": ["10.244.2.3"]}]})");
  CHECK(es == std::vector<std::string>{"web-abcde", "IPv4", "80", "10.244.1.2,10.244.1.3,10.244.2.2 + 1 more...", "60m"});
  auto empty = cells("discovery.k8s.io", "v1", "endpointslices", R"({"metadata": {"name": "e", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "addressType": "IPv4", "endpoints": null, "ports": null})");
  CHECK(empty[2] == "<unset>");
  CHECK(empty[3] == "<unset>");
}

TEST_CASE("rbac bindings, pdb, resource quota, priority class, lease", "[printers]") {
  auto rb = cells("rbac.authorization.k8s.io", "v1", "rolebindings", R"({"metadata": {"name": "read", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "pod-reader"},
    "subjects": [{"kind": "User", "name": "jane"}, {"kind": "ServiceAccount", "name": "default", "namespace": "dev"},
                 {"kind": "Group", "name": "devs"}, {"kind": "User", "name": "bob"}]})");
  CHECK(rb == std::vector<std::string>{"read", "Role/pod-reader", "60m", "jane, bob", "devs", "dev/default"});
  auto pdb = cells("policy", "v1", "poddisruptionbudgets", R"({"metadata": {"name": "zk", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"minAvailable": "50%"}, "status": {"disruptionsAllowed": 1}})");
  CHECK(pdb == std::vector<std::string>{"zk", "50%", "N/A", "1", "60m"});
  auto q = cells("", "v1", "resourcequotas", R"({"metadata": {"name": "compute", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "status": {"hard": {"requests.cpu": "1", "requests.memory": "1Gi", "limits.cpu": "2", "pods": "10"},
               "used": {"requests.cpu": "500m", "requests.memory": "0", "pods": "2"}}})");
  CHECK(q == std::vector<std::string>{"compute", "pods: 2/10, requests.cpu: 500m/1, requests.memory: 0/1Gi",
                                      "limits.cpu: 0/2", "60m"});
  auto pc = cells("scheduling.k8s.io", "v1", "priorityclasses", R"({"metadata": {"name": "system-node-critical", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "value": 2000001000, "preemptionPolicy": "PreemptLowerPriority"})");
  CHECK(pc == std::vector<std::string>{"system-node-critical", "2000001000", "false", "60m", "PreemptLowerPriority"});
  auto lease = cells("coordination.k8s.io", "v1", "leases", R"({"metadata": {"name": "k8s-node1", "creationTimestamp": "2024-01-01T00:00:00Z"},
    "spec": {"holderIdentity": "k8s-node1", "leaseDurationSeconds": 40}})");
  CHECK(lease == std::vector<std::string>{"k8s-node1", "k8s-node1", "60m"});
}

TEST_CASE("kinds without a printer get Name and Created At", "[printers]") {
  CHECK(headers("rbac.authorization.k8s.io", "v1", "roles") == std::vector<std::string>{"Name", "Created At"});
  CHECK(cells("", "v1", "limitranges", R"({"metadata": {"name": "limits", "creationTimestamp": "2024-01-01T00:00:00Z"}})") ==
        std::vector<std::string>{"limits", "2024-01-01T00:00:00Z"});
}

TEST_CASE("nodes: NotReady for False and Unknown, SchedulingDisabled, roles", "[printers]") {
  auto n = cells("", "v1", "nodes", R"({"metadata": {"name": "k8s-node1", "creationTimestamp": "2024-01-01T00:00:00Z",
    "labels": {"node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "worker"}},
    "spec": {"unschedulable": true},
    "status": {"conditions": [{"type": "Ready", "status": "Unknown"}],
               "addresses": [{"type": "InternalIP", "address": "192.168.0.11"}],
               "nodeInfo": {"kubeletVersion": "v1.32.5", "osImage": "Ubuntu 22.04.4 LTS", "kernelVersion": "5.15.0-105-generic",
                            "containerRuntimeVersion": "containerd://1.7.12"}}})");
  CHECK(n == std::vector<std::string>{"k8s-node1", "NotReady,SchedulingDisabled", "control-plane,worker", "60m",
                                      "v1.32.5", "192.168.0.11", "<none>", "Ubuntu 22.04.4 LTS", "5.15.0-105-generic",
                                      "containerd://1.7.12"});
}
