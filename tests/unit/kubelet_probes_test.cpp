// Probes against what containers really do, driven through the terminal: the
// liveness-exec tutorial (the process removes /tmp/healthy, the probe fails three
// times, the kubelet restarts the container), a readiness httpGet that nginx
// answers 404 until the page exists, a startup probe on a port nothing serves.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

namespace {

void apply(ShellFixture& f, const std::string& yaml) { f.apply(yaml); }

Json pod(Sandbox& sb, const std::string& name) { return *sb.api().get(sb.api().resource("", "pods"), "default", name); }

std::string messages(ShellFixture& f, const std::string& reason) {
  return f.out("kubectl get events --field-selector reason=" + reason + " -o jsonpath='{range .items[*]}{.message}{\"\\n\"}{end}'");
}

}  // namespace

TEST_CASE("liveness exec: cat /tmp/healthy fails once the process removed it; the container restarts", "[kubelet][probes]") {
  ShellFixture f;
  apply(f,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: liveness-exec\nspec:\n  containers:\n  - name: liveness\n"
        "    image: busybox\n    args:\n    - /bin/sh\n    - -c\n    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600\n"
        "    livenessProbe:\n      exec:\n        command:\n        - cat\n        - /tmp/healthy\n"
        "      initialDelaySeconds: 5\n      periodSeconds: 5\n");
  f.sandbox.advance(sim::seconds(20));
  CHECK(f.out("kubectl exec liveness-exec -- ls /tmp") == "healthy\n");
  CHECK(messages(f, "Unhealthy").empty());
  f.sandbox.advance(sim::seconds(30));  // ~50 s: removed at ~33 s, three failures by ~45 s
  CHECK(f.out("kubectl exec liveness-exec -- ls /tmp") == "");
  CHECK(messages(f, "Unhealthy") == "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
  CHECK(messages(f, "Killing") == "Container liveness failed liveness probe, will be restarted\n");
  CHECK(api::int_field(pod(f.sandbox, "liveness-exec"), {"status", "containerStatuses", "0", "restartCount"}) == 0);
  // sh ignores SIGTERM: it dies at the end of the 30 s grace period, then starts again.
  f.sandbox.advance(sim::seconds(40));
  const Json p = pod(f.sandbox, "liveness-exec");
  const Json& cs = api::field(p, {"status", "containerStatuses"})[0];
  CHECK(cs["restartCount"] == 1);
  CHECK(cs["lastState"]["terminated"]["exitCode"] == 137);
  CHECK(cs["lastState"]["terminated"]["reason"] == "Error");
  CHECK(f.out("kubectl exec liveness-exec -- ls /tmp") == "healthy\n");
}

TEST_CASE("readiness httpGet: nginx's 404 keeps the pod out of its Service until the page exists", "[kubelet][probes]") {
  ShellFixture f;
  apply(f,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n"
        "  - name: nginx\n    image: nginx:1.27\n    readinessProbe:\n      httpGet:\n        path: /healthz\n"
        "        port: 80\n      periodSeconds: 5\n");
  f.out("kubectl expose pod web --port=80 2>/dev/null || kubectl create service clusterip web --tcp=80:80");
  f.sandbox.advance(sim::seconds(40));
  CHECK(f.out("kubectl get pod web --no-headers | awk '{print $2, $3}'") == "0/1 Running\n");
  CHECK(messages(f, "Unhealthy").rfind("Readiness probe failed: HTTP probe failed with statuscode: 404\n", 0) == 0);
  CHECK(f.out("kubectl get endpoints web -o jsonpath='{.subsets[0].notReadyAddresses[0].targetRef.name}'") == "web");
  f.out("kubectl exec web -- sh -c 'echo ok > /usr/share/nginx/html/healthz'");
  f.sandbox.advance(sim::seconds(10));
  CHECK(f.out("kubectl get pod web --no-headers | awk '{print $2}'") == "1/1\n");
  CHECK(f.out("kubectl get endpoints web -o jsonpath='{.subsets[0].addresses[0].targetRef.name}'") == "web");
}

TEST_CASE("a startup probe on a port nothing serves kills the container after failureThreshold", "[kubelet][probes]") {
  ShellFixture f;
  apply(f,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: slow\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n"
        "    startupProbe:\n      tcpSocket:\n        port: 8080\n      periodSeconds: 2\n      failureThreshold: 3\n");
  f.sandbox.advance(sim::seconds(30));
  const Json p = pod(f.sandbox, "slow");
  const std::string ip = api::str_field(p, {"status", "podIP"});
  CHECK(messages(f, "Unhealthy").rfind("Startup probe failed: dial tcp " + ip + ":8080: connect: connection refused\n", 0) == 0);
  CHECK(messages(f, "Killing").rfind("Container app failed startup probe, will be restarted\n", 0) == 0);
  const Json& cs = api::field(p, {"status", "containerStatuses"})[0];
  CHECK(cs["restartCount"].get<int>() >= 1);
  CHECK(cs["ready"] == false);
  CHECK(cs["started"] == false);
}

TEST_CASE("over its memory limit a container is OOMKilled and backs off", "[kubelet][oom]") {
  ShellFixture f;
  apply(f,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: memory-demo-2\nspec:\n  containers:\n  - name: memory-demo-2-ctr\n"
        "    image: polinux/stress\n    resources:\n      requests:\n        memory: \"50Mi\"\n      limits:\n"
        "        memory: \"100Mi\"\n    command: [\"stress\"]\n    args: [\"--vm\", \"1\", \"--vm-bytes\", \"250M\", \"--vm-hang\", \"1\"]\n");
  f.sandbox.advance(sim::seconds(15));
  const Json p = pod(f.sandbox, "memory-demo-2");
  const Json& cs = api::field(p, {"status", "containerStatuses"})[0];
  const Json& term = cs.contains("lastState") && cs["lastState"].contains("terminated") ? cs["lastState"]["terminated"]
                                                                                        : cs["state"]["terminated"];
  CHECK(term["reason"] == "OOMKilled");
  CHECK(term["exitCode"] == 137);
  f.sandbox.advance(sim::seconds(60));
  CHECK(f.out("kubectl get pod memory-demo-2 --no-headers | awk '{print $3}'") == "CrashLoopBackOff\n");
  // Within its limit the same allocation runs on.
  apply(f,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: memory-demo\nspec:\n  containers:\n  - name: ctr\n"
        "    image: polinux/stress\n    resources:\n      limits:\n        memory: \"200Mi\"\n"
        "    command: [\"stress\"]\n    args: [\"--vm\", \"1\", \"--vm-bytes\", \"150M\", \"--vm-hang\", \"1\"]\n");
  f.sandbox.advance(sim::seconds(30));
  CHECK(f.out("kubectl get pod memory-demo --no-headers | awk '{print $2, $3, $4}'") == "1/1 Running 0\n");
}

TEST_CASE("kubetab-fault kills a container and slows a node's pulls; preStop delays termination", "[kubelet][faults]") {
  ShellFixture f;
  f.out("kubectl run web --image=nginx:1.27");
  f.sandbox.advance(sim::seconds(30));
  CHECK(f.out("kubetab-fault kill-container web") == "");
  f.sandbox.advance(sim::seconds(5));
  const Json web = pod(f.sandbox, "web");
  const Json& cs = api::field(web, {"status", "containerStatuses"})[0];
  CHECK(cs["restartCount"] == 1);
  CHECK(cs["lastState"]["terminated"]["exitCode"] == 137);
  CHECK(f.out("kubetab-fault kill-container nosuch") == "kubetab-fault: no pod default/nosuch\n");
  // A slow registry: the same pull takes ten times as long.
  CHECK(f.out("kubetab-fault slow-pull k8s-node1 10") == "");
  CHECK(f.out("kubetab-fault status").find("k8s-node1: power on, kubelet running, pulls 10x slower\n") != std::string::npos);
  apply(f,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  nodeName: k8s-node1\n  containers:\n"
        "  - name: es\n    image: elasticsearch:7.6.2\n");
  f.sandbox.advance(sim::seconds(60));
  CHECK(f.out("kubectl get pod big --no-headers | awk '{print $3}'") == "ContainerCreating\n");
  f.sandbox.advance(sim::seconds(300));
  CHECK(f.out("kubectl get pod big --no-headers | awk '{print $3}'") == "Running\n");
  // preStop: sleep 5 keeps nginx up 5 s after the delete.
  apply(f,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: hooked\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n"
        "    lifecycle:\n      preStop:\n        exec:\n          command: [\"/bin/sh\", \"-c\", \"sleep 5\"]\n");
  f.sandbox.advance(sim::seconds(20));
  f.out("kubectl delete pod hooked --wait=false");
  f.sandbox.advance(sim::seconds(3));
  CHECK(f.out("kubectl get pod hooked --no-headers | awk '{print $3}'") == "Terminating\n");
  f.sandbox.advance(sim::seconds(4));
  CHECK(f.out("kubectl get pod hooked 2>&1") == "Error from server (NotFound): pods \"hooked\" not found\n");
}

TEST_CASE("memory pressure: condition, taint, BestEffort pods evicted and replaced elsewhere", "[kubelet][faults][pressure]") {
  ShellFixture f;
  f.out("kubectl create deployment be --image=nginx:1.27 --replicas=2");
  apply(f,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: guaranteed\nspec:\n  nodeName: k8s-node1\n  containers:\n"
        "  - name: c\n    image: nginx:1.27\n    resources:\n      requests: {cpu: 100m, memory: 64Mi}\n"
        "      limits: {cpu: 100m, memory: 64Mi}\n");
  f.sandbox.advance(sim::seconds(40));
  const std::string on_node1 =
      f.out("kubectl get pods -l app=be --field-selector spec.nodeName=k8s-node1 -o name | wc -l");
  CHECK(f.out("kubetab-fault pressure k8s-node1 memory on") == "");
  f.sandbox.advance(sim::seconds(5));
  CHECK(f.out("kubectl get node k8s-node1 -o jsonpath='{.status.conditions[?(@.type==\"MemoryPressure\")].status}'") ==
        "True");
  CHECK(f.out("kubectl get node k8s-node1 -o jsonpath='{.spec.taints[*].key}'") == "node.kubernetes.io/memory-pressure");
  f.sandbox.advance(sim::seconds(60));
  // Every BestEffort pod on the node was evicted; the Guaranteed one stays.
  CHECK(f.out("kubectl get pod guaranteed --no-headers | awk '{print $3}'") == "Running\n");
  CHECK(f.out("kubectl get pods -l app=be --field-selector spec.nodeName=k8s-node1,status.phase=Running -o name | wc -l") ==
        "0\n");
  if (on_node1 != "0\n") {
    // v1.32's table shows the containers' last state (Completed); the pod's reason says why.
    CHECK(f.out("kubectl get pods -l app=be --field-selector status.phase=Failed -o jsonpath='{.items[0].status.reason}'") ==
          "Evicted");
    CHECK(f.out("kubectl get events --field-selector reason=Evicted -o jsonpath='{.items[0].message}'") ==
          "The node was low on resource: memory. Threshold quantity: 100Mi, available: 91236Ki. ");
  }
  CHECK(f.out("kubectl get deploy be --no-headers | awk '{print $2}'") == "2/2\n");
  CHECK(f.out("kubetab-fault pressure k8s-node1 memory off") == "");
  f.sandbox.advance(sim::seconds(15));
  CHECK(f.out("kubectl get node k8s-node1 -o jsonpath='{.spec.taints}'") == "");
}
