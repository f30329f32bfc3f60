// kube-scheduler: filters, scores, binding, FailedScheduling messages, retries.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/sandbox.h"
#include "core/scheduler/plugins.h"
#include "core/scheduler/scheduler.h"

using namespace kt;

namespace {

Json pod(const std::string& name, Json spec_extra = Json::object()) {
  Json spec = {{"containers", Json::array({Json{{"name", "c"}, {"image", "nginx:1.14.2"}}})}};
  for (auto it = spec_extra.begin(); it != spec_extra.end(); ++it) spec[it.key()] = *it;
  return {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", name}}}, {"spec", spec}};
}

Json with_requests(Json p, const std::string& cpu, const std::string& mem = "") {
  Json req = {{"cpu", cpu}};
  if (!mem.empty()) req["memory"] = mem;
  p["spec"]["containers"][0]["resources"] = {{"requests", req}};
  return p;
}

api::ObjectPtr get_pod(Sandbox& sb, const std::string& name) {
  return sb.api().get(sb.api().resource("", "pods"), "default", name);
}

std::vector<std::string> event_messages(Sandbox& sb, const std::string& reason) {
  std::vector<std::string> out;
  for (const auto& e : sb.api().list(sb.api().resource("", "events"), "default").items)
    if (e->value("reason", "") == reason) out.push_back(e->value("message", ""));
  return out;
}

}  // namespace

TEST_CASE("pods are bound to worker nodes, never to the tainted control plane", "[scheduler]") {
  Sandbox sb;
  const auto& pods = sb.api().resource("", "pods");
  for (int i = 0; i < 6; ++i) sb.api().create(pods, "default", pod("p" + std::to_string(i)));
  sb.advance(sim::seconds(1));
  std::map<std::string, int> per_node;
  for (int i = 0; i < 6; ++i) {
    auto p = get_pod(sb, "p" + std::to_string(i));
    const std::string node = api::str_field(*p, {"spec", "nodeName"});
    CHECK((node == "k8s-node1" || node == "k8s-node2"));
    ++per_node[node];
    CHECK(api::field(*p, {"status", "conditions"}).dump().find("PodScheduled") != std::string::npos);
  }
  // Spreading and least-allocated scoring balance the two workers.
  CHECK(per_node["k8s-node1"] == 3);
  CHECK(per_node["k8s-node2"] == 3);
  auto msgs = event_messages(sb, "Scheduled");
  REQUIRE(msgs.size() == 6);
  CHECK(std::count(msgs.begin(), msgs.end(), "Successfully assigned default/p0 to " +
                                                 api::str_field(*get_pod(sb, "p0"), {"spec", "nodeName"})) == 1);
}

TEST_CASE("a pod that fits nowhere gets FailedScheduling with the real histogram", "[scheduler]") {
  Sandbox sb;
  const auto& pods = sb.api().resource("", "pods");
  sb.api().create(pods, "default", with_requests(pod("big"), "3"));
  sb.advance(sim::seconds(1));
  auto p = get_pod(sb, "big");
  CHECK(api::str_field(*p, {"spec", "nodeName"}).empty());
  const std::string want =
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 "
      "Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No "
      "preemption victims found for incoming pod.";
  auto msgs = event_messages(sb, "FailedScheduling");
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0] == want);
  bool found = false;
  for (const auto& c : api::field(*p, {"status", "conditions"}))
    if (c.value("type", "") == "PodScheduled") {
      found = true;
      CHECK(c.value("status", "") == "False");
      CHECK(c.value("reason", "") == "Unschedulable");
      CHECK(c.value("message", "") == want);
    }
  CHECK(found);
}

TEST_CASE("an unschedulable pod is retried when room appears", "[scheduler]") {
  Sandbox sb;
  auto& api = sb.api();
  const auto& pods = api.resource("", "pods");
  // Two pods of 1.5 cpu fill both workers (2 cpu each); a third waits.
  api.create(pods, "default", with_requests(pod("a"), "1500m"));
  api.create(pods, "default", with_requests(pod("b"), "1500m"));
  api.create(pods, "default", with_requests(pod("c"), "1500m"));
  sb.advance(sim::seconds(2));
  CHECK(api::str_field(*get_pod(sb, "c"), {"spec", "nodeName"}).empty());
  CHECK(sb.scheduler().pending() == 1);
  const std::string node_a = api::str_field(*get_pod(sb, "a"), {"spec", "nodeName"});
  api::DeleteOptions now;
  now.grace_period_seconds = 0;
  api.remove(pods, "default", "a", now);
  sb.advance(sim::seconds(15));
  CHECK(api::str_field(*get_pod(sb, "c"), {"spec", "nodeName"}) == node_a);
  CHECK(sb.scheduler().pending() == 0);
}

TEST_CASE("nodeSelector, tolerations, cordon and hostPort decide feasibility", "[scheduler]") {
  Sandbox sb;
  auto& api = sb.api();
  const auto& pods = api.resource("", "pods");
  const auto& nodes = api.resource("", "nodes");

  api.create(pods, "default", pod("on-master", {{"nodeSelector", {{"kubernetes.io/hostname", "k8s-master"}}}}));
  api.create(pods, "default",
             pod("tolerant", {{"nodeSelector", {{"kubernetes.io/hostname", "k8s-master"}}},
                              {"tolerations", Json::array({Json{{"key", "node-role.kubernetes.io/control-plane"},
                                                                {"operator", "Exists"},
                                                                {"effect", "NoSchedule"}}})}}));
  api.create(pods, "default", pod("nowhere", {{"nodeSelector", {{"disk", "ssd"}}}}));
  sb.advance(sim::seconds(1));
  CHECK(api::str_field(*get_pod(sb, "on-master"), {"spec", "nodeName"}).empty());
  CHECK(api::str_field(*get_pod(sb, "tolerant"), {"spec", "nodeName"}) == "k8s-master");
  auto failed = event_messages(sb, "FailedScheduling");
  // Both: the master fails on its taint first, the workers on the selector.
  CHECK(std::count(failed.begin(), failed.end(),
                   "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: "
                   "}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 "
                   "Preemption is not helpful for scheduling.") == 2);

  // Cordon node2 (spec.unschedulable), then a hostPort pod per remaining worker.
  Json n2 = *api.get(nodes, "", "k8s-node2");
  n2["spec"]["unschedulable"] = true;
  api.update(nodes, "", n2);
  Json hp = pod("hp1");
  hp["spec"]["containers"][0]["ports"] = Json::array({Json{{"containerPort", 80}, {"hostPort", 8080}}});
  api.create(pods, "default", hp);
  hp["metadata"]["name"] = "hp2";
  api.create(pods, "default", hp);
  sb.advance(sim::seconds(1));
  CHECK(api::str_field(*get_pod(sb, "hp1"), {"spec", "nodeName"}) == "k8s-node1");
  CHECK(api::str_field(*get_pod(sb, "hp2"), {"spec", "nodeName"}).empty());
  failed = event_messages(sb, "FailedScheduling");
  CHECK(std::count(failed.begin(), failed.end(),
                   "0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) "
                   "had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. "
                   "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 "
                   "Preemption is not helpful for scheduling.") == 1);
}

TEST_CASE("required pod anti-affinity by hostname keeps replicas apart", "[scheduler]") {
  Sandbox sb;
  auto& api = sb.api();
  const auto& pods = api.resource("", "pods");
  Json anti = {{"podAntiAffinity",
                {{"requiredDuringSchedulingIgnoredDuringExecution",
                  Json::array({Json{{"labelSelector", {{"matchLabels", {{"app", "web"}}}}},
                                    {"topologyKey", "kubernetes.io/hostname"}}})}}}};
  for (const char* n : {"w1", "w2", "w3"}) {
    Json p = pod(n, {{"affinity", anti}});
    p["metadata"]["labels"] = {{"app", "web"}};
    api.create(pods, "default", p);
  }
  sb.advance(sim::seconds(1));
  std::set<std::string> nodes;
  int unbound = 0;
  for (const char* n : {"w1", "w2", "w3"}) {
    const std::string node = api::str_field(*get_pod(sb, n), {"spec", "nodeName"});
    if (node.empty()) ++unbound;
    else nodes.insert(node);
  }
  CHECK(nodes.size() == 2);
  CHECK(unbound == 1);
}

TEST_CASE("taint toleration matching follows the operators", "[scheduler]") {
  const Json taint = {{"key", "dedicated"}, {"value", "gpu"}, {"effect", "NoSchedule"}};
  CHECK(scheduler::tolerates(Json::array({Json{{"key", "dedicated"}, {"value", "gpu"}}}), taint));
  CHECK_FALSE(scheduler::tolerates(Json::array({Json{{"key", "dedicated"}, {"value", "cpu"}}}), taint));
  CHECK(scheduler::tolerates(Json::array({Json{{"operator", "Exists"}}}), taint));
  CHECK(scheduler::tolerates(Json::array({Json{{"key", "dedicated"}, {"operator", "Exists"}, {"effect", "NoSchedule"}}}),
                             taint));
  CHECK_FALSE(scheduler::tolerates(
      Json::array({Json{{"key", "dedicated"}, {"operator", "Exists"}, {"effect", "NoExecute"}}}), taint));
  CHECK_FALSE(scheduler::tolerates(Json(), taint));
}
