// The hosts' network programs and machine operations, driven through the shell:
// curl to pods and Services, nslookup against the cluster DNS, ping, ifconfig,
// systemctl stop kubelet → NotReady, poweroff over ssh.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

namespace {

void nginx_pod(Sandbox& sb, const std::string& name, const std::string& node) {
  sb.api().create(sb.api().resource("", "pods"), "default",
                  Json{{"apiVersion", "v1"},
                       {"kind", "Pod"},
                       {"metadata", {{"name", name}, {"labels", {{"app", "web"}}}}},
                       {"spec", {{"nodeName", node}, {"containers", Json::array({Json{{"name", "nginx"}, {"image", "nginx:1.14.2"}}})}}}});
}

std::string pod_ip(Sandbox& sb, const std::string& name) {
  return api::str_field(*sb.api().get(sb.api().resource("", "pods"), "default", name), {"status", "podIP"});
}

}  // namespace

TEST_CASE("curl reaches a pod from every node; a closed port and a lost address fail as curl 7.29 says", "[shell][network]") {
  ShellFixture f;
  nginx_pod(f.sandbox, "web", "k8s-node1");
  f.sandbox.advance(sim::seconds(10));
  const std::string ip = pod_ip(f.sandbox, "web");
  const std::string page = f.out("curl -s " + ip);
  CHECK(page.rfind("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>", 0) == 0);
  CHECK(f.out("ssh k8s-node2 curl -s " + ip + " | grep -c nginx.org") == "1\n");
  CHECK(f.out("curl " + ip + ":8080") == "curl: (7) Failed connect to " + ip + ":8080; Connection refused\n");
  CHECK(f.code("curl " + ip + ":8080") == 7);
  CHECK(f.out("curl -m 3 192.168.200.9") == "curl: (28) Connection timed out after 3001 milliseconds\n");
  CHECK(f.out("curl nosuch.example") == "curl: (6) Could not resolve host: nosuch.example; Unknown error\n");
  const std::string head = f.out("curl -I " + ip);
  CHECK(head.rfind("HTTP/1.1 200 OK\r\nServer: nginx/1.14.2\r\nDate: ", 0) == 0);
  CHECK(head.find("Content-Length: 612\r\n") != std::string::npos);
}

TEST_CASE("a Service's ClusterIP and NodePort answer through the shell; DNS via kube-dns", "[shell][network]") {
  ShellFixture f;
  nginx_pod(f.sandbox, "web", "k8s-node1");
  f.sandbox.api().create(f.sandbox.api().resource("", "services"), "default",
                         Json{{"apiVersion", "v1"},
                              {"kind", "Service"},
                              {"metadata", {{"name", "web"}}},
                              {"spec",
                               {{"type", "NodePort"},
                                {"selector", {{"app", "web"}}},
                                {"ports", Json::array({Json{{"port", 80}, {"nodePort", 30080}}})}}}});
  f.sandbox.advance(sim::seconds(10));
  const std::string cip =
      api::str_field(*f.sandbox.api().get(f.sandbox.api().resource("", "services"), "default", "web"), {"spec", "clusterIP"});
  CHECK(f.out("curl -s " + cip + " | grep -o 'Welcome to nginx!' | head -1") == "Welcome to nginx!\n");
  CHECK(f.out("curl -s k8s-node2:30080 | grep -c '<h1>'") == "1\n");
  CHECK(f.out("nslookup web.default.svc.cluster.local 10.96.0.10") ==
        "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: " + cip + "\n\n");
  CHECK(f.out("nslookup web") == "Server:\t\t172.31.0.2\nAddress:\t172.31.0.2#53\n\n** server can't find web: NXDOMAIN\n\n");
  // ClusterIPs are iptables rules, not hosts: ping gets no answer.
  CHECK(f.out("ping -c 2 " + cip).find("2 packets transmitted, 0 received, 100% packet loss") != std::string::npos);
  CHECK(f.out("ping -c 1 k8s-node1").find("64 bytes from 172.31.0.5: icmp_seq=1 ttl=63") != std::string::npos);
}

TEST_CASE("ifconfig and ip a show the machine's interfaces", "[shell][network]") {
  ShellFixture f;
  const std::string tunl = f.out("ssh k8s-node1 ifconfig tunl0");
  CHECK(tunl.rfind("tunl0: flags=193<UP,RUNNING,NOARP>  mtu 1480\n        inet 192.168.1.1  netmask 255.255.255.255\n", 0) == 0);
  CHECK(f.out("ip a | grep 'inet '") ==
        "    inet 172.31.0.4/24 scope global eth0\n    inet 127.0.0.1/8 scope host lo\n    inet 192.168.0.1/32 scope global tunl0\n");
  CHECK(f.out("ifconfig eth9") == "eth9: error fetching interface information: Device not found\n");
}

TEST_CASE("systemctl stop kubelet on a node makes it NotReady; start brings it back", "[shell][network][nodelifecycle]") {
  ShellFixture f;
  CHECK(f.code("ssh k8s-node1 systemctl stop kubelet") == 0);
  CHECK(f.out("ssh k8s-node1 systemctl is-active kubelet") == "inactive\n");
  f.sandbox.advance(sim::seconds(70));
  CHECK(f.out("kubectl get nodes k8s-node1 | awk 'NR==2 {print $2}'") == "NotReady\n");
  CHECK(f.out("ssh k8s-node1 systemctl status kubelet | grep Active:").find("inactive (dead) since") != std::string::npos);
  CHECK(f.code("ssh k8s-node1 systemctl start kubelet") == 0);
  f.sandbox.advance(sim::seconds(15));
  CHECK(f.out("kubectl get nodes k8s-node1 | awk 'NR==2 {print $2}'") == "Ready\n");
}

TEST_CASE("poweroff over ssh closes the session and the machine stops answering", "[shell][network][nodelifecycle]") {
  ShellFixture f;
  f.out("ssh k8s-node2");
  CHECK(f.out("poweroff") == "Connection to k8s-node2 closed by remote host.\nConnection to k8s-node2 closed.\n");
  CHECK(f.shell.prompt() == "[root@k8s-master ~]# ");
  CHECK(f.out("ssh k8s-node2") == "ssh: connect to host k8s-node2 port 22: No route to host\n");
  CHECK(f.out("poweroff") == "poweroff: the sandbox's terminal runs on k8s-master; ssh to another machine to power it off or reboot it\n");
  CHECK(f.out("ping -c 1 k8s-node2").find("1 packets transmitted, 0 received") != std::string::npos);
}
