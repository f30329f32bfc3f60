// DefaultPreemption: victims on one node, the candidate ordering, PDBs, and the
// whole flow through the API (DisruptionTarget, Preempted events, nomination, bind).
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/sandbox.h"
#include "core/scheduler/preemption.h"
#include "core/scheduler/scheduler.h"

using namespace kt;
using namespace kt::scheduler;

namespace {

api::ObjectPtr make_node(const std::string& name, const std::string& cpu = "2", const std::string& pods = "110") {
  Json n = {{"apiVersion", "v1"}, {"kind", "Node"}};
  n["metadata"]["name"] = name;
  n["metadata"]["labels"] = {{"kubernetes.io/hostname", name}};
  n["status"]["allocatable"] = {{"cpu", cpu}, {"memory", "4Gi"}, {"pods", pods}, {"ephemeral-storage", "10Gi"}};
  return std::make_shared<const Json>(std::move(n));
}

api::ObjectPtr pod(const std::string& name, const std::string& cpu, std::int64_t priority,
                   const std::string& started = "2025-01-15T09:00:00Z", Json labels = Json::object()) {
  Json p = {{"apiVersion", "v1"}, {"kind", "Pod"}};
  p["metadata"]["name"] = name;
  p["metadata"]["namespace"] = "default";
  if (!labels.empty()) p["metadata"]["labels"] = labels;
  Json c = {{"name", "c"}, {"image", "nginx"}};
  c["resources"]["requests"]["cpu"] = cpu;
  p["spec"]["containers"] = Json::array({c});
  p["spec"]["priority"] = priority;
  p["status"]["startTime"] = started;
  return std::make_shared<const Json>(std::move(p));
}

NodeInfos nodes_with(const std::vector<std::pair<api::ObjectPtr, std::vector<api::ObjectPtr>>>& spec) {
  NodeInfos out;
  for (const auto& [n, pods] : spec) {
    NodeInfo info(n);
    for (const auto& p : pods) info.add_pod(api::meta::key(*p), p);
    out.emplace(api::meta::name(*n), std::move(info));
  }
  return out;
}

std::vector<std::string> names(const std::vector<api::ObjectPtr>& pods) {
  std::vector<std::string> out;
  for (const auto& p : pods) out.push_back(api::meta::name(*p));
  return out;
}

}  // namespace

TEST_CASE("victims on a node: only lower priority pods, the fewest that make room", "[scheduler][preemption]") {
  // 2 cpu; low-a and low-b hold 1.5 cpu, mid 0.5; the incoming pod wants 750m.
  auto infos = nodes_with({{make_node("n1"),
                            {pod("low-a", "750m", 10, "2025-01-15T09:00:00Z"), pod("low-b", "750m", 10, "2025-01-15T09:05:00Z"),
                             pod("mid", "500m", 100)}}});
  auto incoming = pod("high", "750m", 1000);
  NodeVictims v = select_victims_on_node(*incoming, infos.at("n1"), infos, {});
  REQUIRE(v.fits);
  // Reprieve goes most important first: mid (priority 100) stays, then low-a (started
  // earlier) stays; low-b alone must go.
  CHECK(names(v.candidate.victims) == std::vector<std::string>{"low-b"});
  CHECK(v.candidate.pdb_violations == 0);

  // Equal priority pods are never victims.
  auto same = pod("peer", "1", 10);
  NodeVictims none = select_victims_on_node(*same, infos.at("n1"), infos, {});
  CHECK_FALSE(none.fits);
  // low-a/low-b have priority 10 = the pod's, mid is higher: nothing lower.
  CHECK(none.reasons == std::vector<std::string>{"No preemption victims found for incoming pod"});

  // Removing every lower pod still is not enough: the filter's own reason stands.
  auto huge = pod("huge", "3", 1000);
  NodeVictims too_big = select_victims_on_node(*huge, infos.at("n1"), infos, {});
  CHECK_FALSE(too_big.fits);
  CHECK(too_big.reasons == std::vector<std::string>{"Insufficient cpu"});
}

TEST_CASE("victims protected by a PodDisruptionBudget are reprieved first", "[scheduler][preemption]") {
  Json app = {{"app", "db"}};
  auto infos = nodes_with({{make_node("n1"),
                            {pod("db-0", "1", 10, "2025-01-15T09:10:00Z", app), pod("web", "1", 10, "2025-01-15T09:00:00Z")}}});
  Json pdb = {{"apiVersion", "policy/v1"}, {"kind", "PodDisruptionBudget"}};
  pdb["metadata"] = {{"name", "db"}, {"namespace", "default"}};
  pdb["spec"]["selector"]["matchLabels"] = app;
  pdb["status"]["disruptionsAllowed"] = 0;
  const std::vector<DisruptionBudget> pdbs = {DisruptionBudget::from_json(pdb)};
  auto incoming = pod("high", "1", 1000);
  NodeVictims v = select_victims_on_node(*incoming, infos.at("n1"), infos, pdbs);
  REQUIRE(v.fits);
  // Without the budget web (started first, so more important) would stay and db-0
  // go; the budget puts db-0 back first.
  CHECK(names(v.candidate.victims) == std::vector<std::string>{"web"});
  CHECK(v.candidate.pdb_violations == 0);

  auto both = pod("bigger", "2", 1000);
  NodeVictims all = select_victims_on_node(*both, infos.at("n1"), infos, pdbs);
  REQUIRE(all.fits);
  CHECK(names(all.candidate.victims) == std::vector<std::string>{"web", "db-0"});
  CHECK(all.candidate.pdb_violations == 1);
}

TEST_CASE("candidate nodes ranked as pickOneNodeForPreemption does", "[scheduler][preemption]") {
  auto victim = [](const std::string& name, std::int64_t prio, const std::string& start = "2025-01-15T09:00:00Z") {
    return pod(name, "1", prio, start);
  };
  SECTION("fewest PDB violations first") {
    std::vector<Candidate> c = {{"a", {victim("x", 1)}, 1}, {"b", {victim("y", 5), victim("z", 5)}, 0}};
    CHECK(best_candidates(c) == std::vector<std::size_t>{1});
  }
  SECTION("then the lowest highest-priority victim") {
    std::vector<Candidate> c = {{"a", {victim("x", 50)}, 0}, {"b", {victim("y", 20), victim("z", 10)}, 0}};
    CHECK(best_candidates(c) == std::vector<std::size_t>{1});
  }
  SECTION("then the smallest sum of priorities, then the fewest victims") {
    std::vector<Candidate> sum = {{"a", {victim("x", 10), victim("y", 10)}, 0}, {"b", {victim("z", 10), victim("w", 5)}, 0}};
    CHECK(best_candidates(sum) == std::vector<std::size_t>{1});
    // Priorities count offset by 2^31, so one victim beats two of lower priority.
    std::vector<Candidate> count = {{"a", {victim("x", 10), victim("y", 0)}, 0}, {"b", {victim("z", 10)}, 0}};
    CHECK(best_candidates(count) == std::vector<std::size_t>{1});
  }
  SECTION("then the latest started highest-priority victim; a full tie keeps every node") {
    std::vector<Candidate> c = {{"a", {victim("x", 10, "2025-01-15T09:00:00Z")}, 0},
                                {"b", {victim("y", 10, "2025-01-15T09:30:00Z")}, 0}};
    CHECK(best_candidates(c) == std::vector<std::size_t>{1});
    std::vector<Candidate> tie = {{"a", {victim("x", 10)}, 0}, {"b", {victim("y", 10)}, 0}};
    CHECK(best_candidates(tie) == std::vector<std::size_t>{0, 1});
  }
}

TEST_CASE("preempt: messages when preemption cannot help", "[scheduler][preemption]") {
  auto infos = nodes_with({{make_node("n1"), {pod("low", "2", 0)}}, {make_node("n2"), {pod("peer", "2", 1000)}}});
  std::map<std::string, FilterResult> failed = {{"n1", {false, false, {"Insufficient cpu"}}},
                                                {"n2", {false, false, {"Insufficient cpu"}}}};
  sim::Random rng(1);
  Json never = *pod("high", "1", 1000);
  never["spec"]["preemptionPolicy"] = "Never";
  CHECK(preempt(never, infos, failed, {}, rng).message == "preemption: not eligible due to preemptionPolicy=Never.");

  PreemptionOutcome ok = preempt(*pod("high", "1", 1000), infos, failed, {}, rng);
  REQUIRE(ok.chosen);
  CHECK(ok.chosen->node == "n1");
  CHECK(names(ok.chosen->victims) == std::vector<std::string>{"low"});

  // While its victim terminates, a nominated pod does not preempt again.
  Json victim = *pod("low", "2", 0);
  victim["metadata"]["deletionTimestamp"] = "2025-01-15T09:10:00Z";
  victim["status"]["conditions"] = Json::array({Json{{"type", "DisruptionTarget"},
                                                     {"status", "True"},
                                                     {"reason", "PreemptionByScheduler"}}});
  auto terminating = nodes_with({{make_node("n1"), {std::make_shared<const Json>(victim)}},
                                 {make_node("n2"), {pod("peer", "2", 1000)}}});
  Json waiting = *pod("high", "1", 1000);
  waiting["status"]["nominatedNodeName"] = "n1";
  CHECK(preempt(waiting, terminating, failed, {}, rng).message ==
        "preemption: not eligible due to a terminating pod on the nominated node.");

  failed["n1"] = {false, true, {"node(s) didn't match Pod's node affinity/selector"}};
  PreemptionOutcome none = preempt(*pod("high", "1", 1000), infos, failed, {}, rng);
  CHECK_FALSE(none.chosen);
  CHECK(none.message ==
        "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not "
        "helpful for scheduling.");
}

namespace {

Json sandbox_pod(const std::string& name, const std::string& cpu, const std::string& priority_class = "") {
  Json p = {{"apiVersion", "v1"}, {"kind", "Pod"}};
  p["metadata"]["name"] = name;
  Json c = {{"name", "c"}, {"image", "nginx:1.14.2"}};
  c["resources"]["requests"]["cpu"] = cpu;
  p["spec"]["containers"] = Json::array({c});
  if (!priority_class.empty()) p["spec"]["priorityClassName"] = priority_class;
  return p;
}

Json priority_class(const std::string& name, std::int64_t value, const std::string& policy = "") {
  Json pc = {{"apiVersion", "scheduling.k8s.io/v1"}, {"kind", "PriorityClass"}};
  pc["metadata"]["name"] = name;
  pc["value"] = value;
  if (!policy.empty()) pc["preemptionPolicy"] = policy;
  return pc;
}

std::vector<std::string> events(Sandbox& sb, const std::string& reason) {
  std::vector<std::string> out;
  for (const auto& e : sb.api().list(sb.api().resource("", "events"), "default").items)
    if (e->value("reason", "") == reason) out.push_back(api::str_field(*e, {"involvedObject", "name"}) + ": " + e->value("message", ""));
  return out;
}

}  // namespace

TEST_CASE("a high-priority pod preempts a low-priority one and binds on the nominated node", "[scheduler][preemption]") {
  Sandbox sb;
  const auto& pods = sb.api().resource("", "pods");
  sb.api().create(sb.api().resource("scheduling.k8s.io", "priorityclasses"), "", priority_class("high", 1000));
  // Four 700m pods fill both 2-cpu workers (two each).
  for (int i = 0; i < 4; ++i) sb.api().create(pods, "default", sandbox_pod("low-" + std::to_string(i), "700m"));
  sb.advance(sim::seconds(20));
  sb.api().create(pods, "default", sandbox_pod("high", "900m", "high"));
  // Moments later: the victim is terminating, the pod nominated (nginx stops within
  // a second of its SIGTERM, and the kubelet's first status write drops the
  // nomination once the pod runs).
  sb.advance(sim::millis(100));

  auto high = sb.api().get(pods, "default", "high");
  CHECK(api::int_field(*high, {"spec", "priority"}) == 1000);
  CHECK(api::str_field(*high, {"spec", "preemptionPolicy"}) == "PreemptLowerPriority");
  const std::string nominated = api::str_field(*high, {"status", "nominatedNodeName"});
  REQUIRE((nominated == "k8s-node1" || nominated == "k8s-node2"));
  CHECK(api::str_field(*high, {"spec", "nodeName"}).empty());

  // Exactly one victim, on the nominated node, terminating with DisruptionTarget.
  std::vector<std::string> victims;
  for (int i = 0; i < 4; ++i) {
    auto p = sb.api().get(pods, "default", "low-" + std::to_string(i));
    if (!api::meta::being_deleted(*p)) continue;
    victims.push_back(api::meta::name(*p));
    CHECK(api::str_field(*p, {"spec", "nodeName"}) == nominated);
    bool marked = false;
    for (const auto& c : api::field(*p, {"status", "conditions"}))
      if (c.value("type", "") == "DisruptionTarget") {
        marked = true;
        CHECK(c.value("reason", "") == "PreemptionByScheduler");
        CHECK(c.value("message", "") == "default-scheduler: preempting to accommodate a higher priority pod");
      }
    CHECK(marked);
  }
  REQUIRE(victims.size() == 1);
  CHECK(events(sb, "Preempted") ==
        std::vector<std::string>{victims[0] + ": Preempted by pod " + api::meta::uid(*high) + " on node " + nominated});
  auto failed = events(sb, "FailedScheduling");
  REQUIRE_FALSE(failed.empty());
  // Preemption found room, so the message has no "preemption:" part.
  CHECK(failed[0] ==
        "high: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 "
        "Insufficient cpu.");

  // The victim ends after its 30 s grace period; the pod then binds where it was nominated.
  sb.advance(sim::seconds(45));
  CHECK_FALSE(sb.api().try_get(pods, "default", victims[0]));
  high = sb.api().get(pods, "default", "high");
  CHECK(api::str_field(*high, {"spec", "nodeName"}) == nominated);
  CHECK(api::str_field(*high, {"status", "phase"}) == "Running");
}

TEST_CASE("preemptionPolicy Never waits; equal priority finds no victims", "[scheduler][preemption]") {
  Sandbox sb;
  const auto& pods = sb.api().resource("", "pods");
  sb.api().create(sb.api().resource("scheduling.k8s.io", "priorityclasses"), "", priority_class("polite", 1000, "Never"));
  for (int i = 0; i < 4; ++i) sb.api().create(pods, "default", sandbox_pod("low-" + std::to_string(i), "700m"));
  sb.advance(sim::seconds(20));
  sb.api().create(pods, "default", sandbox_pod("polite", "1", "polite"));
  sb.api().create(pods, "default", sandbox_pod("peer", "1"));
  sb.advance(sim::seconds(2));
  const std::string head =
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 "
      "Insufficient cpu. ";
  auto failed = events(sb, "FailedScheduling");
  CHECK(std::count(failed.begin(), failed.end(), "polite: " + head + "preemption: not eligible due to preemptionPolicy=Never.") == 1);
  CHECK(std::count(failed.begin(), failed.end(),
                   "peer: " + head +
                       "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No "
                       "preemption victims found for incoming pod.") == 1);
  CHECK(events(sb, "Preempted").empty());
  CHECK(api::str_field(*sb.api().get(pods, "default", "polite"), {"spec", "preemptionPolicy"}) == "Never");
}

TEST_CASE("Priority admission resolves classes and refuses what kube-apiserver refuses", "[admission][preemption]") {
  Sandbox sb;
  const auto& pods = sb.api().resource("", "pods");
  const auto& pcs = sb.api().resource("scheduling.k8s.io", "priorityclasses");
  auto error_of = [&](const std::function<void()>& f) -> std::string {
    try {
      f();
    } catch (const api::ApiError& e) {
      return std::to_string(e.code()) + " " + e.message();
    }
    return "";
  };
  // The apiserver's own classes exist; a plain pod gets priority 0.
  CHECK(sb.api().try_get(pcs, "", "system-node-critical"));
  CHECK(api::int_field(*sb.api().get(pcs, "", "system-cluster-critical"), {"value"}) == 2000000000);
  auto plain = sb.api().create(pods, "default", sandbox_pod("plain", "100m"));
  CHECK(api::int_field(*plain, {"spec", "priority"}, -1) == 0);
  CHECK(api::str_field(*plain, {"spec", "preemptionPolicy"}) == "PreemptLowerPriority");
  CHECK_FALSE(api::field(*plain, {"spec"}).contains("priorityClassName"));

  CHECK(error_of([&] { sb.api().create(pods, "default", sandbox_pod("x", "100m", "nope")); }) ==
        "403 pods \"x\" is forbidden: no PriorityClass with name nope was found");
  Json fixed = sandbox_pod("y", "100m");
  fixed["spec"]["priority"] = 5;
  CHECK(error_of([&] { sb.api().create(pods, "default", fixed); }) ==
        "403 pods \"y\" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority "
        "admission controller computed 0 from the given PriorityClass name");

  // A globalDefault class applies to pods naming none; only one may exist.
  Json def = priority_class("normal", 50, "Never");
  def["globalDefault"] = true;
  sb.api().create(pcs, "", def);
  Json second = priority_class("other", 60);
  second["globalDefault"] = true;
  CHECK(error_of([&] { sb.api().create(pcs, "", second); }) ==
        "403 priorityclasses.scheduling.k8s.io \"other\" is forbidden: PriorityClass normal is already marked as "
        "default. Only one default can exist");
  auto defaulted = sb.api().create(pods, "default", sandbox_pod("d", "100m"));
  CHECK(api::str_field(*defaulted, {"spec", "priorityClassName"}) == "normal");
  CHECK(api::int_field(*defaulted, {"spec", "priority"}) == 50);
  CHECK(api::str_field(*defaulted, {"spec", "preemptionPolicy"}) == "Never");
  Json pushy = sandbox_pod("e", "100m");
  pushy["spec"]["preemptionPolicy"] = "PreemptLowerPriority";
  CHECK(error_of([&] { sb.api().create(pods, "default", pushy); }) ==
        "403 pods \"e\" is forbidden: the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided "
        "in pod spec; priority admission controller computed Never from the given PriorityClass name");
}
