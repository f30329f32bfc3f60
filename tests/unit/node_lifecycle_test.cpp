// Node loss and recovery: kubelet stopped / machine powered off → Lease stops →
// Ready Unknown after the grace period → unreachable taints → eviction after the
// 300 s toleration → recovery; PodGC of pods on deleted nodes.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/cluster/cluster.h"
#include "core/node/kubelet.h"
#include "core/sandbox.h"

using namespace kt;

namespace {

api::ObjectPtr get_node(Sandbox& sb, const std::string& name) {
  return sb.api().get(sb.api().resource("", "nodes"), "", name);
}

const Json* condition(const Json& obj, const std::string& type) {
  const Json& conds = api::field(obj, {"status", "conditions"});
  if (!conds.is_array()) return nullptr;
  for (const auto& c : conds)
    if (c.value("type", "") == type) return &c;
  return nullptr;
}

std::string taint_keys(const Json& n) {
  std::string out;
  const Json& taints = api::field(n, {"spec", "taints"});
  if (taints.is_array())
    for (const auto& t : taints) out += t.value("key", "") + ":" + t.value("effect", "") + " ";
  return out;
}

api::ObjectPtr pod(Sandbox& sb, const std::string& name) {
  return sb.api().try_get(sb.api().resource("", "pods"), "default", name);
}

void run_pod(Sandbox& sb, const std::string& name, const std::string& node_name) {
  sb.api().create(sb.api().resource("", "pods"), "default",
                  Json{{"apiVersion", "v1"},
                       {"kind", "Pod"},
                       {"metadata", {{"name", name}}},
                       {"spec",
                        {{"nodeName", node_name},
                         {"containers", Json::array({Json{{"name", "web"}, {"image", "nginx:1.14.2"}}})}}}});
}

}  // namespace

TEST_CASE("a stopped kubelet: NotReady after the grace period, eviction after 300 s, recovery", "[nodelifecycle]") {
  Sandbox sb;
  run_pod(sb, "web", "k8s-node1");
  sb.advance(sim::seconds(10));
  REQUIRE(condition(*pod(sb, "web"), "Ready")->value("status", "") == "True");

  node::Kubelet* kubelet = sb.cluster().kubelet("k8s-node1");
  kubelet->set_service(false);  // systemctl stop kubelet
  sb.advance(sim::seconds(40));
  CHECK(condition(*get_node(sb, "k8s-node1"), "Ready")->value("status", "") == "True");

  sb.advance(sim::seconds(25));  // past 50 s since the last Lease renewal (+ a monitor period)
  auto n1 = get_node(sb, "k8s-node1");
  const Json* ready = condition(*n1, "Ready");
  CHECK(ready->value("status", "") == "Unknown");
  CHECK(ready->value("reason", "") == "NodeStatusUnknown");
  CHECK(ready->value("message", "") == "Kubelet stopped posting node status.");
  CHECK(condition(*n1, "MemoryPressure")->value("status", "") == "Unknown");
  CHECK(taint_keys(*n1) == "node.kubernetes.io/unreachable:NoExecute node.kubernetes.io/unreachable:NoSchedule ");
  CHECK(condition(*get_node(sb, "k8s-node2"), "Ready")->value("status", "") == "True");
  // The pod is marked not ready; it still exists: it tolerates unreachable for 300 s.
  CHECK(condition(*pod(sb, "web"), "Ready")->value("status", "") == "False");
  CHECK_FALSE(api::meta::being_deleted(*pod(sb, "web")));

  sb.advance(sim::seconds(300));
  auto p = pod(sb, "web");
  REQUIRE(p);  // Terminating: no kubelet confirms the kill
  CHECK(api::meta::being_deleted(*p));
  CHECK(condition(*p, "DisruptionTarget")->value("reason", "") == "DeletionByTaintManager");

  kubelet->set_service(true);  // systemctl start kubelet
  sb.advance(sim::seconds(15));
  n1 = get_node(sb, "k8s-node1");
  CHECK(condition(*n1, "Ready")->value("status", "") == "True");
  CHECK(condition(*n1, "Ready")->value("reason", "") == "KubeletReady");
  CHECK(taint_keys(*n1) == "");
  CHECK_FALSE(pod(sb, "web"));  // the kubelet finished the deletion

  // Events as kubectl describe shows them.
  bool not_ready = false, ready_again = false, evicted = false;
  for (const auto& e : sb.api().list(sb.api().resource("", "events"), "").items) {
    const std::string msg = api::str_field(*e, {"message"});
    if (msg == "Node k8s-node1 status is now: NodeNotReady") not_ready = true;
    if (msg == "Node k8s-node1 status is now: NodeReady") ready_again = true;
    if (msg == "Marking for deletion Pod default/web") evicted = true;
  }
  CHECK(not_ready);
  CHECK(ready_again);
  CHECK(evicted);
}

TEST_CASE("a machine powered off and on: containers restart, counted", "[nodelifecycle]") {
  Sandbox sb;
  run_pod(sb, "web", "k8s-node2");
  sb.advance(sim::seconds(10));
  node::Kubelet* kubelet = sb.cluster().kubelet("k8s-node2");
  kubelet->set_power(false);
  sb.advance(sim::seconds(20));
  kubelet->set_power(true);
  sb.advance(sim::seconds(45));  // boot + sandbox + start
  auto p = pod(sb, "web");
  REQUIRE(p);
  const Json& cs = api::field(*p, {"status", "containerStatuses"})[0];
  CHECK(cs.value("restartCount", 0) == 1);
  CHECK(api::str_field(cs, {"lastState", "terminated", "reason"}) == "Unknown");
  CHECK(api::field(cs, {"lastState", "terminated", "exitCode"}) == 255);
  CHECK(api::str_field(*p, {"status", "phase"}) == "Running");
  CHECK(condition(*get_node(sb, "k8s-node2"), "Ready")->value("status", "") == "True");
}

TEST_CASE("PodGC deletes the pods of a node that is gone", "[nodelifecycle][podgc]") {
  Sandbox sb;
  run_pod(sb, "web", "k8s-node2");
  sb.advance(sim::seconds(10));
  sb.cluster().kubelet("k8s-node2")->set_power(false);
  sb.api().remove(sb.api().resource("", "nodes"), "", "k8s-node2");
  sb.advance(sim::seconds(30));
  CHECK(pod(sb, "web"));
  sb.advance(sim::seconds(60));  // 40 s quarantine, 20 s period
  CHECK_FALSE(pod(sb, "web"));
}
