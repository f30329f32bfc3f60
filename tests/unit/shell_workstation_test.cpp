// The "workstation" scenario: the terminal opens on a machine outside the cluster.
// It has kubectl and the admin kubeconfig; it reaches NodePorts and the machines,
// not pod or ClusterIP addresses; names are what its own /etc/hosts says.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/sandbox.h"
#include "core/terminal/shell.h"

using namespace kt;

TEST_CASE("a workstation outside the cluster: kubectl works, NodePorts answer, pod IPs do not", "[shell][network][workstation]") {
  Sandbox sb{SandboxOptions{.scenario = "workstation", .seed = 1}};
  Shell sh{sb};
  CHECK(sh.prompt() == "root@workstation:~# ");
  CHECK(sh.run("cat /etc/hostname").output == "workstation\n");
  CHECK(sh.run("kubectl get nodes --no-headers | wc -l").output == "3\n");
  sh.run("kubectl create deployment web --image=nginx:1.27");
  sh.run("kubectl create service nodeport web --tcp=80:80 --node-port=30080");
  sb.advance(sim::seconds(40));
  const std::string pod_ip = sh.run("kubectl get pods -l app=web -o jsonpath='{.items[0].status.podIP}'").output;
  REQUIRE(!pod_ip.empty());
  CHECK(sh.run("curl -m 2 " + pod_ip).output == "curl: (28) Connection timed out after 2001 milliseconds\n");
  CHECK(sh.run("curl -s 172.31.0.5:30080 | grep -c '<h1>Welcome'").output == "1\n");
  CHECK(sh.run("curl -s www.example.test:30080").exit_code == 6);
  sh.run("echo '172.31.0.5 www.example.test' >> /etc/hosts");
  CHECK(sh.run("curl -s www.example.test:30080 | grep -c '<h1>Welcome'").output == "1\n");
  CHECK(sh.run("ssh 172.31.0.4 hostname").output.find("k8s-master\n") != std::string::npos);
  CHECK(sh.run("cd /tmp && pwd").output == "/tmp\n");
  CHECK(sh.prompt() == "root@workstation:/tmp# ");
}

TEST_CASE("LoadBalancer Services take the pool's addresses until it runs out", "[shell][network][loadbalancer]") {
  Sandbox sb{SandboxOptions{.scenario = "default", .seed = 1}};
  Shell sh{sb};
  // The default scenario's pool is 172.31.0.200-172.31.0.219: twenty addresses.
  CHECK(sh.run("for i in $(seq 1 21); do printf 'apiVersion: v1\\nkind: Service\\nmetadata:\\n  name: lb%s\\nspec:\\n"
               "  type: LoadBalancer\\n  ports:\\n  - port: 80\\n' $i | kubectl apply -f - >/dev/null; done")
            .exit_code == 0);
  sb.advance(sim::seconds(5));
  CHECK(sh.run("kubectl get svc lb1 -o jsonpath='{.status.loadBalancer.ingress[0].ip}'").output == "172.31.0.200");
  CHECK(sh.run("kubectl get svc lb20 -o jsonpath='{.status.loadBalancer.ingress[0].ip}'").output == "172.31.0.219");
  CHECK(sh.run("kubectl get svc lb21 --no-headers | awk '{print $4}'").output == "<pending>\n");
  CHECK(sh.run("kubectl get events --field-selector involvedObject.name=lb21 -o jsonpath='{.items[*].message}'").output ==
        "Failed to allocate IP for \"default/lb21\": no available IPs");
  // Deleting one frees its address for the one that waited.
  sh.run("kubectl delete svc lb3");
  sb.advance(sim::seconds(5));
  CHECK(sh.run("kubectl get svc lb21 -o jsonpath='{.status.loadBalancer.ingress[0].ip}'").output == "172.31.0.202");
}
