// The ReplicaSet controller (and ReplicationControllers through the same code):
// pod creation in slow-start batches under expectations, deletion ranking,
// adoption and release, status and events.
#include <catch2/catch.hpp>

#include <set>

#include "core/controllers/controller_utils.h"
#include "tests/unit/workload_test_env.h"

using namespace kt;
using api::ObjectPtr;
using testenv::WorkloadEnv;

namespace {

// Lets `budget` pod creations through, then refuses them (a stand-in for a quota).
class PodBudget : public api::AdmissionPlugin {
 public:
  explicit PodBudget(int* budget, int* attempts) : budget_(budget), attempts_(attempts) {}
  std::string name() const override { return "PodBudget"; }
  void validate(const api::AdmissionRequest& req, api::ApiServer&) override {
    if (req.operation != api::Operation::Create || req.resource.plural != "pods") return;
    ++*attempts_;
    if (*budget_ <= 0) throw api::ApiError::forbidden("pods", req.name, "exceeded quota: pods");
    --*budget_;
  }

 private:
  int* budget_;
  int* attempts_;
};

std::set<std::string> names(const std::vector<ObjectPtr>& objs) {
  std::set<std::string> out;
  for (const auto& o : objs) out.insert(api::meta::name(*o));
  return out;
}

}  // namespace

TEST_CASE("replicaset: creates the missing pods, named <rs>-<5 chars>, owned by the RS", "[workloads]") {
  WorkloadEnv env;
  ObjectPtr rs = env.make_replicaset("web", 3);
  env.settle();
  auto pods = env.owned_by(rs);
  REQUIRE(pods.size() == 3);
  for (const auto& p : pods) {
    const std::string name = api::meta::name(*p);
    CHECK(name.rfind("web-", 0) == 0);
    CHECK(name.size() == 4 + 5);
    CHECK(api::str_field(*p, {"metadata", "generateName"}) == "web-");
    CHECK(api::str_field(*p, {"metadata", "labels", "app"}) == "web");
    const Json* ref = api::meta::controller_ref(*p);
    REQUIRE(ref);
    CHECK((*ref)["kind"] == "ReplicaSet");
    CHECK((*ref)["blockOwnerDeletion"] == true);
    CHECK((*p)["spec"]["containers"][0]["image"] == "nginx:1.27");
  }
  auto created = env.events_for("web", "SuccessfulCreate");
  REQUIRE(created.size() == 3);
  std::set<std::string> from_events;
  for (const auto& m : created) from_events.insert(m.substr(std::string("Created pod: ").size()));
  CHECK(from_events == names(pods));

  ObjectPtr now = env.get(env.replicasets(), "default", "web");
  CHECK((*now)["status"]["replicas"] == 3);
  CHECK((*now)["status"]["fullyLabeledReplicas"] == 3);
  CHECK_FALSE((*now)["status"].contains("readyReplicas"));  // omitempty
  CHECK((*now)["status"]["observedGeneration"] == 1);
}

TEST_CASE("replicaset: slow start stops at the first failing batch; expectations count what was sent",
          "[workloads]") {
  WorkloadEnv env;
  int budget = 3, attempts = 0;
  env.api.add_admission(std::make_unique<PodBudget>(&budget, &attempts));
  ObjectPtr rs = env.make_replicaset("web", 10);
  // Up to the end of the first sync, before any watch event reports the new pods.
  while (attempts == 0 && env.sim.step()) {
  }
  // Batches 1 and 2 succeed, the batch of 4 fails entirely: 7 attempts, 3 pods.
  CHECK(attempts == 7);
  CHECK(env.owned_by(rs).size() == 3);
  // 10 expected; the 7 that will never be observed were lowered at once: 3 remain,
  // and the informer's 3 creations satisfy them (no 5-minute expectations timeout).
  auto exp = env.rsc.expectations().get("default/web");
  REQUIRE(exp);
  CHECK(exp->add == 3);
  CHECK_FALSE(env.rsc.expectations().satisfied("default/web"));
  CHECK(env.events_for("web", "FailedCreate").size() >= 1);
  CHECK(env.events_for("web", "FailedCreate")[0].rfind("Error creating: pods ", 0) == 0);

  ObjectPtr now = env.get(env.replicasets(), "default", "web");
  const Json* failure = testenv::condition(*now, "ReplicaFailure");
  REQUIRE(failure);
  CHECK((*failure)["status"] == "True");
  CHECK((*failure)["reason"] == "FailedCreate");
  CHECK((*now)["status"]["replicas"] == 0);  // counted before the creations

  // The quota is lifted: the retries fill up and the condition goes away.
  budget = 100;
  env.settle(sim::seconds(2));
  CHECK(env.owned_by(rs).size() == 10);
  now = env.get(env.replicasets(), "default", "web");
  CHECK_FALSE(testenv::condition(*now, "ReplicaFailure"));
  CHECK((*now)["status"]["replicas"] == 10);
  CHECK(env.rsc.expectations().satisfied("default/web"));
}

TEST_CASE("replicaset: expectations hold off a second round of creations until the pods are seen",
          "[workloads]") {
  WorkloadEnv env;
  int budget = 1000, attempts = 0;
  env.api.add_admission(std::make_unique<PodBudget>(&budget, &attempts));
  ObjectPtr rs = env.make_replicaset("web", 5);
  env.settle();
  CHECK(attempts == 5);
  // Resyncs with everything observed create nothing more.
  env.rsc.enqueue_key("default/web");
  env.settle();
  CHECK(attempts == 5);
  // While creations are outstanding, a sync does not manage replicas.
  env.rsc.expectations().expect_creations("default/web", 2);
  env.edit(env.replicasets(), "web", [](Json& o) { o["spec"]["replicas"] = 7; });
  env.settle();
  CHECK(attempts == 5);
  env.rsc.expectations().lower_expectations("default/web", 2, 0);
  env.rsc.enqueue_key("default/web");
  env.settle();
  CHECK(attempts == 7);
  CHECK(env.owned_by(rs).size() == 7);
}

TEST_CASE("replicaset: scale down deletes unassigned, then pending, then not-ready pods first", "[workloads]") {
  WorkloadEnv env;
  ObjectPtr rs = env.make_replicaset("web", 5);
  env.settle();
  auto pods = env.owned_by(rs);
  REQUIRE(pods.size() == 5);
  std::vector<std::string> n;
  for (const auto& p : pods) n.push_back(api::meta::name(*p));
  // n[0]: unassigned; n[1]: bound, Pending; n[2]: Running, not ready;
  // n[3]: ready for an hour; n[4]: ready just now.
  env.api.bind_pod("default", n[1], "node-1");
  env.start_pod(n[2], "node-1", false);
  env.start_pod(n[3], "node-2");
  env.settle(sim::hours(1));
  env.start_pod(n[4], "node-3");
  env.settle();

  auto scale_to = [&](int replicas) {
    env.edit(env.replicasets(), "web", [&](Json& o) { o["spec"]["replicas"] = replicas; });
    env.settle();
  };
  scale_to(4);
  CHECK(env.events_for("web", "SuccessfulDelete") == std::vector<std::string>{"Deleted pod: " + n[0]});
  scale_to(3);
  CHECK(env.events_for("web", "SuccessfulDelete").back() == "Deleted pod: " + n[1]);
  scale_to(2);
  CHECK(env.events_for("web", "SuccessfulDelete").back() == "Deleted pod: " + n[2]);
  // Both ready: the one ready for less time goes first.
  scale_to(1);
  CHECK(env.events_for("web", "SuccessfulDelete").back() == "Deleted pod: " + n[4]);
  auto left = env.owned_by(rs);
  REQUIRE(left.size() == 1);
  CHECK(api::meta::name(*left[0]) == n[3]);
  // Bound pods are deleted gracefully: they stay, being deleted, until the kubelet is done.
  ObjectPtr gone = env.get(env.pods(), "default", n[4]);
  REQUIRE(gone);
  CHECK(api::meta::being_deleted(*gone));
  ObjectPtr now = env.get(env.replicasets(), "default", "web");
  CHECK((*now)["status"]["replicas"] == 1);
}

TEST_CASE("replicaset: pod-deletion-cost outranks readiness time", "[workloads]") {
  WorkloadEnv env;
  ObjectPtr rs = env.make_replicaset("web", 2);
  env.settle();
  auto pods = env.owned_by(rs);
  REQUIRE(pods.size() == 2);
  const std::string old_pod = api::meta::name(*pods[0]), new_pod = api::meta::name(*pods[1]);
  env.start_pod(old_pod);
  env.settle(sim::hours(2));
  env.start_pod(new_pod);
  // The older pod is marked cheap to delete.
  env.api.patch(env.pods(), "default", old_pod, api::PatchType::Merge,
                {{"metadata", {{"annotations", {{controllers::kPodDeletionCostAnnotation, "-10"}}}}}});
  env.settle();
  env.edit(env.replicasets(), "web", [](Json& o) { o["spec"]["replicas"] = 1; });
  env.settle();
  CHECK(env.events_for("web", "SuccessfulDelete") == std::vector<std::string>{"Deleted pod: " + old_pod});
}

TEST_CASE("replicaset: deletion ranking, piece by piece", "[workloads]") {
  const sim::Time now = testenv::kStart + sim::hours(10);
  auto pod = [](std::string uid, std::string node, std::string phase, bool ready, sim::Time since) {
    Json p = {{"metadata", {{"uid", uid}, {"creationTimestamp", util::format_rfc3339(since)}}},
              {"spec", {{"nodeName", node}}}, {"status", {{"phase", phase}}}};
    if (ready)
      p["status"]["conditions"] = Json::array({{{"type", "Ready"}, {"status", "True"},
                                                {"lastTransitionTime", util::format_rfc3339(since)}}});
    return p;
  };
  using controllers::delete_before;
  const sim::Time t0 = testenv::kStart;
  // Doubled-up pods go first, all else equal.
  CHECK(delete_before(pod("a", "n1", "Running", true, t0), 2, pod("b", "n2", "Running", true, t0), 1, now));
  // Ready times within the same power-of-two window rank equal: UID decides.
  CHECK(delete_before(pod("a", "n", "Running", true, t0), 0, pod("b", "n", "Running", true, t0 + sim::seconds(1)), 0,
                      now));
  // An hour apart on a ten-hour scale is a different window: the newer goes first.
  CHECK(delete_before(pod("z", "n", "Running", true, t0 + sim::hours(9)), 0, pod("a", "n", "Running", true, t0), 0,
                      now));
  // More restarts go first.
  Json crashy = pod("z", "n", "Running", false, t0);
  crashy["status"]["containerStatuses"] = Json::array({{{"name", "c"}, {"restartCount", 4}}});
  CHECK(delete_before(crashy, 0, pod("a", "n", "Running", false, t0), 0, now));
}

TEST_CASE("replicaset: adopts matching orphans, releases and replaces a relabelled pod", "[workloads]") {
  WorkloadEnv env;
  env.pod("default", "stray", nullptr, {{"labels", {{"app", "web"}}}});
  env.pod("default", "other", nullptr, {{"labels", {{"app", "db"}}}});
  ObjectPtr rs = env.make_replicaset("web", 2);
  env.settle();
  auto owned = env.owned_by(rs);
  REQUIRE(owned.size() == 2);
  CHECK(names(owned).count("stray") == 1);
  CHECK_FALSE(api::meta::controller_ref(*env.get(env.pods(), "default", "other")));
  CHECK(env.events_for("web", "SuccessfulCreate").size() == 1);

  // Relabelled out of the selector: released (controllerRef removed), replaced.
  env.api.patch(env.pods(), "default", "stray", api::PatchType::Merge,
                {{"metadata", {{"labels", {{"app", "debug"}}}}}});
  env.settle();
  ObjectPtr stray = env.get(env.pods(), "default", "stray");
  CHECK_FALSE(api::meta::controller_ref(*stray));
  owned = env.owned_by(rs);
  CHECK(owned.size() == 2);
  CHECK(names(owned).count("stray") == 0);
  CHECK(env.events_for("web", "SuccessfulCreate").size() == 2);

  // Back in: adopted again, and one pod too many is deleted.
  env.api.patch(env.pods(), "default", "stray", api::PatchType::Merge, {{"metadata", {{"labels", {{"app", "web"}}}}}});
  env.settle();
  CHECK(env.owned_by(rs).size() == 2);
  CHECK(env.events_for("web", "SuccessfulDelete").size() == 1);
}

TEST_CASE("replicaset: readyReplicas and availableReplicas follow minReadySeconds", "[workloads]") {
  WorkloadEnv env;
  ObjectPtr rs = env.make_replicaset("web", 2, {{"minReadySeconds", 10}});
  env.settle();
  for (const auto& p : env.owned_by(rs)) env.start_pod(api::meta::name(*p));
  env.settle();
  ObjectPtr now = env.get(env.replicasets(), "default", "web");
  CHECK((*now)["status"]["readyReplicas"] == 2);
  CHECK_FALSE((*now)["status"].contains("availableReplicas"));
  // No event will come: the controller requeues itself after minReadySeconds.
  env.settle(sim::seconds(11));
  now = env.get(env.replicasets(), "default", "web");
  CHECK((*now)["status"]["availableReplicas"] == 2);

  // A spec change is observed in observedGeneration.
  env.edit(env.replicasets(), "web", [](Json& o) { o["spec"]["minReadySeconds"] = 5; });
  env.settle();
  now = env.get(env.replicasets(), "default", "web");
  CHECK(api::meta::generation(*now) == 2);
  CHECK((*now)["status"]["observedGeneration"] == 2);
}

TEST_CASE("replicaset: fullyLabeledReplicas counts pods with every template label", "[workloads]") {
  WorkloadEnv env;
  // The template carries a label the selector does not require.
  Json tmpl = WorkloadEnv::pod_template("web", "nginx");
  tmpl["metadata"]["labels"]["tier"] = "fe";
  env.pod("default", "partial", nullptr, {{"labels", {{"app", "web"}}}});
  ObjectPtr rs = env.make_replicaset("web", 2, {{"template", tmpl}});
  env.settle();
  ObjectPtr now = env.get(env.replicasets(), "default", "web");
  CHECK((*now)["status"]["replicas"] == 2);
  CHECK((*now)["status"]["fullyLabeledReplicas"] == 1);
}

TEST_CASE("replicationcontroller: the same controller through the RC adapter", "[workloads]") {
  WorkloadEnv env;
  Json rc = {{"apiVersion", "v1"}, {"kind", "ReplicationController"}, {"metadata", {{"name", "legacy"}}},
             {"spec", {{"replicas", 2}, {"selector", {{"app", "legacy"}}},
                       {"template", WorkloadEnv::pod_template("legacy", "nginx")}}}};
  ObjectPtr owner = env.api.create(env.rcs(), "default", rc);
  env.settle();
  auto pods = env.owned_by(owner);
  REQUIRE(pods.size() == 2);
  CHECK((*api::meta::controller_ref(*pods[0]))["kind"] == "ReplicationController");
  CHECK(api::meta::name(*pods[0]).rfind("legacy-", 0) == 0);
  auto evs = env.api.list(env.res("", "events"), "default").items;
  bool from_rc = false;
  for (const auto& e : evs)
    if (api::str_field(*e, {"reason"}) == "SuccessfulCreate")
      from_rc = api::str_field(*e, {"source", "component"}) == "replication-controller";
  CHECK(from_rc);
  for (const auto& p : pods) env.start_pod(api::meta::name(*p));
  env.settle();
  ObjectPtr now = env.get(env.rcs(), "default", "legacy");
  CHECK((*now)["status"]["replicas"] == 2);
  CHECK((*now)["status"]["readyReplicas"] == 2);
  CHECK((*now)["status"]["availableReplicas"] == 2);
  // The ReplicaSet controller leaves RC pods alone.
  CHECK(env.events_for("legacy", "SuccessfulCreate").size() == 2);
}
