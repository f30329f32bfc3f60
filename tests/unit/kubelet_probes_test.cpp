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

void apply(ShellFixture& f, const std::string& yaml) {
  REQUIRE(f.out("cat > /tmp/p.yaml <<'EOF'\n" + yaml + "EOF") == "");
  REQUIRE(f.code("kubectl apply -f /tmp/p.yaml") == 0);
}

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
