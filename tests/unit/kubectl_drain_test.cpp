// kubectl drain through the eviction API: cordon, refusals for DaemonSet-managed and
// unmanaged pods, evictions that wait for the pods to go, budgets that refuse.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/api/eviction.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

namespace {

void create_bare_pod(Sandbox& sb, const std::string& name, const std::string& node) {
  auto& api = sb.api();
  Json c = Json::object();
  c["name"] = "c";
  c["image"] = "nginx:1.25";
  Json pod = Json::object();
  pod["apiVersion"] = "v1";
  pod["kind"] = "Pod";
  pod["metadata"] = {{"name", name}, {"labels", {{"app", name}}}};
  pod["spec"] = {{"containers", Json::array({c})}, {"nodeName", node}};
  api.create(api.resource("", "pods"), "default", pod);
}

// The DaemonSet pods on a node, as drain lists them: "kube-system/kube-proxy-x, ...".
std::string daemon_pods(ShellFixture& f, const std::string& node) {
  std::string out = f.out("kubectl get pods -A --field-selector spec.nodeName=" + node +
                          " -o jsonpath='{range .items[?(@.metadata.ownerReferences[0].kind==\"DaemonSet\")]}"
                          "{.metadata.namespace}/{.metadata.name}, {end}'");
  return out.size() >= 2 ? out.substr(0, out.size() - 2) : out;
}

// Lines of `text` that start with `prefix` and end with `suffix`.
int count_lines(const std::string& text, const std::string& prefix, const std::string& suffix = "") {
  int n = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (line.rfind(prefix, 0) == 0 && line.size() >= prefix.size() + suffix.size() &&
        line.compare(line.size() - suffix.size(), suffix.size(), suffix) == 0)
      ++n;
    start = end + 1;
  }
  return n;
}

}  // namespace

TEST_CASE("kubectl drain refuses DaemonSet and unmanaged pods", "[kubectl][drain]") {
  ShellFixture f;
  f.sandbox.advance(sim::seconds(5));
  const std::string ds = daemon_pods(f, "k8s-node1");
  REQUIRE(!ds.empty());
  const std::string fatal = "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): " + ds;
  CHECK(f.out("kubectl drain k8s-node1") ==
        "node/k8s-node1 cordoned\nerror: unable to drain node \"k8s-node1\" due to error: " + fatal +
            ", continuing command...\nThere are pending nodes to be drained:\n k8s-node1\n" + fatal + "\n");
  CHECK(f.code("kubectl drain k8s-node1") == 1);
  CHECK(f.out("kubectl get node k8s-node1 -o jsonpath='{.spec.unschedulable}'") == "true");
  create_bare_pod(f.sandbox, "lonely", "k8s-node1");
  f.sandbox.advance(sim::seconds(5));
  CHECK(f.out("kubectl drain k8s-node1 --ignore-daemonsets") ==
        "node/k8s-node1 already cordoned\nerror: unable to drain node \"k8s-node1\" due to error: cannot delete Pods "
        "that declare no controller (use --force to override): default/lonely, continuing command...\nThere are "
        "pending nodes to be drained:\n k8s-node1\ncannot delete Pods that declare no controller (use --force to "
        "override): default/lonely\n");
  // Both warnings (kubectl joins them in Go map order; here in the order first met).
  const std::string dry = f.out("kubectl drain k8s-node1 --ignore-daemonsets --force --dry-run=client");
  CHECK(dry.rfind("node/k8s-node1 already cordoned (dry run)\nWarning: deleting Pods that declare no controller: "
                  "default/lonely; ignoring DaemonSet-managed Pods: " + ds + "\nevicting pod default/lonely (dry run)\n",
                  0) == 0);
  CHECK(dry.substr(dry.size() - 33) == "node/k8s-node1 drained (dry run)\n");
  CHECK(f.out("kubectl get pod lonely -o jsonpath='{.metadata.name}'") == "lonely");
  CHECK(f.out("kubectl drain") == "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
  CHECK(f.out("kubectl drain nosuch") == "Error from server (NotFound): nodes \"nosuch\" not found\n");
}

TEST_CASE("kubectl drain evicts managed pods and waits for them", "[kubectl][drain]") {
  ShellFixture f;
  f.out("kubectl create deployment web --image=nginx:1.25 --replicas=4");
  f.sandbox.advance(sim::seconds(20));
  const int on_node1 = std::stoi(
      f.out("kubectl get pods -l app=web --field-selector spec.nodeName=k8s-node1 --no-headers | wc -l"));
  REQUIRE(on_node1 > 0);
  const std::string ds = daemon_pods(f, "k8s-node1");
  const std::string out = f.out("kubectl drain k8s-node1 --ignore-daemonsets");
  CHECK(out.rfind("node/k8s-node1 cordoned\nWarning: ignoring DaemonSet-managed Pods: " + ds + "\nevicting pod default/web-", 0) == 0);
  CHECK(count_lines(out, "evicting pod default/web-") == on_node1);
  CHECK(count_lines(out, "pod/web-", " evicted") == on_node1);
  CHECK(count_lines(out, "node/k8s-node1 drained") == 1);
  CHECK(out.size() > 23);
  CHECK(out.substr(out.size() - 23) == "node/k8s-node1 drained\n");
  // The pods went and the deployment brought them back elsewhere.
  CHECK(f.out("kubectl get pods -l app=web --field-selector spec.nodeName=k8s-node1 --no-headers 2>&1") ==
        "No resources found in default namespace.\n");
  f.sandbox.advance(sim::seconds(20));
  CHECK(f.out("kubectl get deploy web --no-headers | awk '{print $2}'") == "4/4\n");
}

TEST_CASE("evictions honour PodDisruptionBudgets", "[kubectl][drain][eviction]") {
  ShellFixture f;
  auto& api = f.sandbox.api();
  f.out("kubectl create deployment web --image=nginx:1.25 --replicas=2");
  f.sandbox.advance(sim::seconds(20));
  Json pdb = Json::object();
  pdb["apiVersion"] = "policy/v1";
  pdb["kind"] = "PodDisruptionBudget";
  pdb["metadata"] = {{"name", "web"}};
  pdb["spec"] = {{"minAvailable", 2}, {"selector", {{"matchLabels", {{"app", "web"}}}}}};
  api.create(api.resource("policy", "poddisruptionbudgets"), "default", pdb);
  const std::string pod = f.out("kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'");
  // No disruption controller has looked at the budget yet.
  try {
    api::evict_pod(api, "default", pod);
    FAIL("eviction allowed");
  } catch (const api::ApiError& e) {
    CHECK(e.code() == 429);
    CHECK(e.message() == "Cannot evict pod as it would violate the pod's disruption budget.");
    CHECK(e.details()["causes"][0]["message"] == "The disruption budget web is still being processed by the server.");
  }
  // Processed, with no disruption allowed.
  Json status = *api.get(api.resource("policy", "poddisruptionbudgets"), "default", "web");
  status["status"] = {{"observedGeneration", 1}, {"disruptionsAllowed", 0}, {"currentHealthy", 2},
                      {"desiredHealthy", 2}, {"expectedPods", 2}};
  api::WriteOptions w;
  w.subresource = "status";
  api.update(api.resource("policy", "poddisruptionbudgets"), "default", status, w);
  try {
    api::evict_pod(api, "default", pod);
    FAIL("eviction allowed");
  } catch (const api::ApiError& e) {
    CHECK(e.details()["causes"][0]["message"] == "The disruption budget web needs 2 healthy pods and has 2 currently");
  }
  // One disruption allowed: spent by the eviction.
  status = *api.get(api.resource("policy", "poddisruptionbudgets"), "default", "web");
  status["status"]["disruptionsAllowed"] = 1;
  api.update(api.resource("policy", "poddisruptionbudgets"), "default", status, w);
  api::evict_pod(api, "default", pod);
  CHECK(f.out("kubectl get pdb web -o jsonpath='{.status.disruptionsAllowed}'") == "0");
  CHECK(f.out("kubectl get pdb web -o jsonpath='{.status.disruptedPods}'").find(pod) != std::string::npos);
  CHECK(f.out("kubectl get pod " + pod + " -o jsonpath='{.metadata.deletionTimestamp}'") != "");
}

TEST_CASE("kubectl drain retries while a budget refuses, until --timeout", "[kubectl][drain][eviction]") {
  ShellFixture f;
  auto& api = f.sandbox.api();
  f.out("kubectl create deployment web --image=nginx:1.25 --replicas=4");
  f.sandbox.advance(sim::seconds(20));
  Json pdb = Json::object();
  pdb["apiVersion"] = "policy/v1";
  pdb["kind"] = "PodDisruptionBudget";
  pdb["metadata"] = {{"name", "web"}};
  pdb["spec"] = {{"maxUnavailable", 0}, {"selector", {{"matchLabels", {{"app", "web"}}}}}};
  api.create(api.resource("policy", "poddisruptionbudgets"), "default", pdb);
  const std::string out = f.out("kubectl drain k8s-node1 --ignore-daemonsets --timeout=12s");
  CHECK(count_lines(out, "error when evicting pods/\"web-",
                    "\" -n \"default\" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption "
                    "budget.") >= 2);
  CHECK(out.find("global timeout reached: 12s") != std::string::npos);
  CHECK(out.find("There are pending nodes to be drained:\n k8s-node1\n") != std::string::npos);
  CHECK(f.code("kubectl get pods") == 0);
}
