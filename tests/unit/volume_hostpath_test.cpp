// Single files in containers: hostPath volumes checked by type (File, FileOrCreate,
// Socket, CharDevice, Directory) with the kubelet's FailedMount messages, a node
// file mounted over a file, and a configMap key mounted with subPath.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/cluster/cluster.h"
#include "core/node/disks.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

namespace {

void apply(ShellFixture& f, const std::string& yaml, int seconds = 30) { f.apply(yaml, sim::seconds(seconds)); }

api::ObjectPtr pod(Sandbox& sb, const std::string& name) {
  return sb.api().get(sb.api().resource("", "pods"), "default", name);
}

std::vector<std::string> mount_failures(Sandbox& sb, const std::string& pod_name) {
  std::vector<std::string> out;
  for (const auto& e : sb.api().list(sb.api().resource("", "events"), "default").items)
    if (e->value("reason", "") == "FailedMount" && api::str_field(*e, {"involvedObject", "name"}) == pod_name)
      out.push_back(e->value("message", ""));
  return out;
}

constexpr const char* kAgent = R"(apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  nodeName: k8s-node1
  containers:
  - name: agent
    image: nginx:1.15-alpine
    volumeMounts:
    - name: localtime
      mountPath: /etc/localtime
      readOnly: true
    - name: containerd
      mountPath: /run/containerd/containerd.sock
    - name: applog
      mountPath: /log/app.log
    - name: null-dev
      mountPath: /host-null
  volumes:
  - name: localtime
    hostPath:
      path: /etc/localtime
      type: File
  - name: containerd
    hostPath:
      path: /run/containerd/containerd.sock
      type: Socket
  - name: applog
    hostPath:
      path: /var/log/app.log
      type: FileOrCreate
  - name: null-dev
    hostPath:
      path: /dev/null
      type: CharDevice
)";

}  // namespace

TEST_CASE("hostPath files of the node are mounted over single files", "[volumes][hostpath]") {
  ShellFixture f;
  apply(f, kAgent);
  REQUIRE(api::str_field(*pod(f.sandbox, "agent"), {"status", "phase"}) == "Running");
  CHECK(mount_failures(f.sandbox, "agent").empty());
  // The node's /etc/localtime, read-only; the rest of /etc is the image's.
  CHECK(f.out("kubectl exec agent -- sh -c 'tail -c 5 /etc/localtime'") == "UTC0\n");
  CHECK(f.out("kubectl exec agent -- sh -c 'echo x > /etc/localtime'").find("Read-only file system") != std::string::npos);
  CHECK(f.out("kubectl exec agent -- cat /etc/nginx/conf.d/default.conf").find("server {") != std::string::npos);
  // FileOrCreate made an empty file on the node; what the container appends lands there.
  auto node_fs = f.sandbox.cluster().disks().machine("k8s-node1");
  REQUIRE(node_fs->read("/var/log/app.log").data);
  CHECK(f.out("kubectl exec agent -- sh -c 'echo started >> /log/app.log'") == "");
  CHECK(*node_fs->read("/var/log/app.log").data == "started\n");
  CHECK(f.out("kubectl exec agent -- ls /run/containerd") == "containerd.sock\n");
}

TEST_CASE("hostPath type checks fail with the kubelet's messages", "[volumes][hostpath]") {
  ShellFixture f;
  apply(f, R"(apiVersion: v1
kind: Pod
metadata:
  name: dind
spec:
  nodeName: k8s-node1
  containers:
  - name: c
    image: nginx:1.15-alpine
    volumeMounts:
    - name: docker
      mountPath: /var/run/docker.sock
  volumes:
  - name: docker
    hostPath:
      path: /var/run/docker.sock
      type: Socket
)");
  auto p = pod(f.sandbox, "dind");
  CHECK(api::str_field(*p, {"status", "phase"}) == "Pending");
  auto msgs = mount_failures(f.sandbox, "dind");
  REQUIRE_FALSE(msgs.empty());
  // kubeadm v1.32 nodes run containerd: there is no Docker socket.
  CHECK(msgs[0] ==
        "MountVolume.SetUp failed for volume \"docker\" : hostPath type check failed: /var/run/docker.sock is not a "
        "socket file");

  apply(f, R"(apiVersion: v1
kind: Pod
metadata:
  name: wrong
spec:
  nodeName: k8s-node2
  containers:
  - name: c
    image: nginx:1.15-alpine
    volumeMounts:
    - {name: etc, mountPath: /host-etc}
    - {name: tty, mountPath: /host-tty}
    - {name: missing, mountPath: /x/y.log}
  volumes:
  - {name: etc, hostPath: {path: /etc, type: File}}
  - {name: tty, hostPath: {path: /etc/localtime, type: CharDevice}}
  - {name: missing, hostPath: {path: /no/such/dir/y.log, type: FileOrCreate}}
)");
  msgs = mount_failures(f.sandbox, "wrong");
  REQUIRE_FALSE(msgs.empty());
  CHECK(msgs[0] == "MountVolume.SetUp failed for volume \"etc\" : hostPath type check failed: /etc is not a file");
  using node::Disks;
  CHECK(Disks::special_file_type("/dev/null") == "CharDevice");
  CHECK(Disks::special_file_type("/var/run/containerd/containerd.sock") == "Socket");
  CHECK(Disks::special_file_type("/etc/localtime").empty());
}

TEST_CASE("a configMap key mounted with subPath replaces one file", "[volumes][hostpath]") {
  ShellFixture f;
  apply(f, R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: conf
data:
  nginx.conf: |
    events {}
    http { server { listen 8080; } }
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.15-alpine
    volumeMounts:
    - name: conf
      mountPath: /etc/nginx/nginx.conf
      subPath: nginx.conf
  volumes:
  - name: conf
    configMap:
      name: conf
)");
  REQUIRE(api::str_field(*pod(f.sandbox, "web"), {"status", "phase"}) == "Running");
  CHECK(f.out("kubectl exec web -- cat /etc/nginx/nginx.conf") == "events {}\nhttp { server { listen 8080; } }\n");
  // The directory around it is still the image's.
  CHECK(f.out("kubectl exec web -- ls /etc/nginx/conf.d") == "default.conf\n");
}
