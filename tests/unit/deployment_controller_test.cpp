// The Deployment controller: ReplicaSets per template (pod-template-hash, revisions),
// RollingUpdate waves within maxSurge/maxUnavailable, Recreate, rollback to an old
// template, history cleanup, pause, proportional scaling, progress conditions.
// The stand-in kubelet of workload_test_env.h makes pods Running and Ready.
#include <catch2/catch.hpp>

#include "core/printers/table.h"
#include "core/util/names.h"
#include "core/sandbox.h"
#include "core/controllers/manager.h"
#include "tests/unit/workload_test_env.h"

using namespace kt;
using api::ObjectPtr;
using testenv::WorkloadEnv;
namespace du = controllers::deployment;

namespace {

ObjectPtr rs_for_image(WorkloadEnv& env, const std::string& image) {
  for (const auto& rs : env.replicasets_now())
    if ((*rs)["spec"]["template"]["spec"]["containers"][0]["image"] == image) return rs;
  return nullptr;
}

std::int64_t replicas(const ObjectPtr& o) { return api::int_field(*o, {"spec", "replicas"}, 1); }
std::string annotation(const ObjectPtr& o, const char* key) {
  return api::str_field(*o, {"metadata", "annotations", key});
}

// A `kubectl get -o wide` row without the AGE column.
std::vector<std::string> table_row(const ObjectPtr& obj, const api::ResourceInfo& res, sim::Time now) {
  auto t = printers::make_table(res, {obj}, now);
  std::vector<std::string> out;
  for (const auto& c : t.rows.at(0).cells) out.push_back(c.is_string() ? c.get<std::string>() : c.dump());
  out.erase(out.begin() + 4);  // AGE
  return out;
}

}  // namespace

TEST_CASE("deployment: a new deployment gets one ReplicaSet <name>-<pod-template-hash>", "[workloads]") {
  WorkloadEnv env;
  ObjectPtr d = env.make_deployment("web", 3, "nginx:1.27");
  env.settle();
  auto rss = env.replicasets_now();
  REQUIRE(rss.size() == 1);
  const ObjectPtr& rs = rss[0];
  const std::string hash = du::compute_hash((*d)["spec"]["template"], std::nullopt);
  CHECK(api::meta::name(*rs) == "web-" + hash);
  CHECK(hash.find_first_not_of(util::kNameAlphabet) == std::string::npos);
  CHECK((*rs)["metadata"]["labels"]["pod-template-hash"] == hash);
  CHECK((*rs)["spec"]["selector"]["matchLabels"]["pod-template-hash"] == hash);
  CHECK((*rs)["spec"]["template"]["metadata"]["labels"]["pod-template-hash"] == hash);
  CHECK(replicas(rs) == 3);
  CHECK(annotation(rs, du::kRevisionAnnotation) == "1");
  CHECK(annotation(rs, du::kDesiredReplicasAnnotation) == "3");
  CHECK(annotation(rs, du::kMaxReplicasAnnotation) == "4");  // 3 + ceil(25% of 3)
  const Json* ref = api::meta::controller_ref(*rs);
  REQUIRE(ref);
  CHECK((*ref)["kind"] == "Deployment");
  CHECK(env.events_for("web", "ScalingReplicaSet") ==
        std::vector<std::string>{"Scaled up replica set web-" + hash + " from 0 to 3"});

  // Pods still pending: progressing, not available.
  ObjectPtr now = env.get(env.deployments(), "default", "web");
  CHECK(annotation(now, du::kRevisionAnnotation) == "1");
  CHECK(api::meta::generation(*now) == 1);  // the revision annotation came through /status
  CHECK((*now)["status"]["replicas"] == 3);
  CHECK((*now)["status"]["updatedReplicas"] == 3);
  CHECK((*now)["status"]["unavailableReplicas"] == 3);
  const Json* avail = testenv::condition(*now, "Available");
  REQUIRE(avail);
  CHECK((*avail)["status"] == "False");
  CHECK((*avail)["reason"] == "MinimumReplicasUnavailable");
  CHECK((*avail)["message"] == "Deployment does not have minimum availability.");
  const Json* prog = testenv::condition(*now, "Progressing");
  REQUIRE(prog);
  CHECK((*prog)["reason"] == "ReplicaSetUpdated");
  CHECK((*prog)["message"] == "ReplicaSet \"web-" + hash + "\" is progressing.");

  env.run_cluster();
  now = env.get(env.deployments(), "default", "web");
  CHECK((*now)["status"]["readyReplicas"] == 3);
  CHECK((*now)["status"]["availableReplicas"] == 3);
  CHECK_FALSE((*now)["status"].contains("unavailableReplicas"));
  CHECK((*now)["status"]["observedGeneration"] == 1);
  avail = testenv::condition(*now, "Available");
  CHECK((*avail)["status"] == "True");
  CHECK((*avail)["reason"] == "MinimumReplicasAvailable");
  CHECK((*avail)["message"] == "Deployment has minimum availability.");
  prog = testenv::condition(*now, "Progressing");
  CHECK((*prog)["status"] == "True");
  CHECK((*prog)["reason"] == "NewReplicaSetAvailable");
  CHECK((*prog)["message"] == "ReplicaSet \"web-" + hash + "\" has successfully progressed.");
  // kubectl lists Available before Progressing.
  CHECK((*now)["status"]["conditions"][0]["type"] == "Available");
  CHECK(env.active_pods().size() == 3);
}

TEST_CASE("deployment: a 16-replica rolling update moves in waves of 4 (25%/25%)", "[workloads]") {
  WorkloadEnv env;
  env.make_deployment("web", 16, "nginx:1.0");
  env.run_cluster();
  ObjectPtr old_rs = rs_for_image(env, "nginx:1.0");
  REQUIRE(old_rs);
  REQUIRE(env.active_pods().size() == 16);

  // Every ReplicaSet write, as (new RS replicas, old RS replicas).
  std::vector<std::pair<std::int64_t, std::int64_t>> steps;
  std::int64_t new_size = 0, old_size = 16;
  std::string new_name;
  api::WatchOptions wo;
  wo.resource_version = std::to_string(env.api.current_resource_version());
  auto watch = env.api.watch(env.replicasets(), "default", wo,
                             [&](const api::WatchEvent& ev) {
                               if (ev.type != api::WatchEvent::Type::Added && ev.type != api::WatchEvent::Type::Modified)
                                 return;
                               const Json& rs = *ev.object;
                               const bool is_old = api::meta::name(rs) == api::meta::name(*old_rs);
                               const std::int64_t r = api::int_field(rs, {"spec", "replicas"}, 1);
                               if (is_old) old_size = r;
                               else new_size = r;
                               if (steps.empty() || steps.back() != std::make_pair(new_size, old_size))
                                 steps.emplace_back(new_size, old_size);
                             });
  env.set_image("web", "nginx:2.0");
  // Check the bounds after every round: never more than 20 pods, never fewer than
  // 12 available.
  for (int round = 0; round < 6; ++round) {
    env.settle();
    auto rss = env.replicasets_now();
    std::int64_t total = 0, available = 0;
    for (const auto& rs : rss) {
      total += replicas(rs);
      available += api::int_field(*rs, {"status", "availableReplicas"});
    }
    CHECK(total <= 20);
    CHECK(available >= 12);
    env.kubelet();
  }
  env.settle();
  watch->stop();
  CHECK(steps == std::vector<std::pair<std::int64_t, std::int64_t>>{
                     {4, 16}, {4, 12}, {8, 12}, {8, 4}, {16, 4}, {16, 0}});

  ObjectPtr new_rs = rs_for_image(env, "nginx:2.0");
  REQUIRE(new_rs);
  CHECK(annotation(new_rs, du::kRevisionAnnotation) == "2");
  const std::string nn = api::meta::name(*new_rs), on = api::meta::name(*old_rs);
  CHECK(env.events_for("web", "ScalingReplicaSet") ==
        std::vector<std::string>{"Scaled up replica set " + on + " from 0 to 16",
                                 "Scaled up replica set " + nn + " from 0 to 4",
                                 "Scaled down replica set " + on + " from 16 to 12",
                                 "Scaled up replica set " + nn + " from 4 to 8",
                                 "Scaled down replica set " + on + " from 12 to 4",
                                 "Scaled up replica set " + nn + " from 8 to 16",
                                 "Scaled down replica set " + on + " from 4 to 0"});
  ObjectPtr d = env.get(env.deployments(), "default", "web");
  CHECK(annotation(d, du::kRevisionAnnotation) == "2");
  CHECK((*d)["status"]["replicas"] == 16);
  CHECK((*d)["status"]["updatedReplicas"] == 16);
  CHECK((*d)["status"]["availableReplicas"] == 16);
  CHECK((*testenv::condition(*d, "Progressing"))["reason"] == "NewReplicaSetAvailable");

  // `kubectl get deploy,rs` as the real one prints them.
  const sim::Time now = env.sim.now();
  CHECK(table_row(d, env.deployments(), now) ==
        std::vector<std::string>{"web", "16/16", "16", "16", "app", "nginx:2.0", "app=web"});
  CHECK(table_row(env.get(env.replicasets(), "default", on), env.replicasets(), now) ==
        std::vector<std::string>{on, "0", "0", "0", "app", "nginx:1.0",
                                 "app=web,pod-template-hash=" + on.substr(4)});
  CHECK(table_row(env.get(env.replicasets(), "default", nn), env.replicasets(), now) ==
        std::vector<std::string>{nn, "16", "16", "16", "app", "nginx:2.0",
                                 "app=web,pod-template-hash=" + nn.substr(4)});
}

TEST_CASE("deployment: Recreate scales the old ReplicaSet to 0 and waits for its pods", "[workloads]") {
  WorkloadEnv env;
  env.make_deployment("web", 3, "nginx:1.0", {{"strategy", {{"type", "Recreate"}}}});
  env.run_cluster();
  ObjectPtr old_rs = rs_for_image(env, "nginx:1.0");
  REQUIRE(old_rs);
  env.set_image("web", "nginx:2.0");
  env.settle();
  CHECK(replicas(env.get(env.replicasets(), "default", api::meta::name(*old_rs))) == 0);
  // The old pods are terminating, not gone: no new ReplicaSet yet.
  CHECK_FALSE(rs_for_image(env, "nginx:2.0"));
  CHECK(env.all_pods().size() == 3);
  env.kubelet();  // the old pods finish terminating
  env.settle();
  ObjectPtr new_rs = rs_for_image(env, "nginx:2.0");
  REQUIRE(new_rs);
  CHECK(replicas(new_rs) == 3);
  CHECK(annotation(new_rs, du::kMaxReplicasAnnotation) == "3");  // no surge
  env.run_cluster();
  ObjectPtr d = env.get(env.deployments(), "default", "web");
  CHECK((*d)["status"]["availableReplicas"] == 3);
  CHECK((*d)["status"]["updatedReplicas"] == 3);
}

TEST_CASE("deployment: re-applying an old template reuses its ReplicaSet with a new revision", "[workloads]") {
  WorkloadEnv env;
  env.make_deployment("web", 2, "nginx:1.0");
  env.run_cluster();
  env.edit(env.deployments(), "web", [](Json& d) {
    d["metadata"]["annotations"][du::kChangeCauseAnnotation] = "kubectl set image deployment/web app=nginx:2.0";
    d["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:2.0";
  });
  env.run_cluster(3);
  ObjectPtr v1 = rs_for_image(env, "nginx:1.0"), v2 = rs_for_image(env, "nginx:2.0");
  REQUIRE(v1);
  REQUIRE(v2);
  CHECK(annotation(v2, du::kRevisionAnnotation) == "2");
  CHECK(annotation(v2, du::kChangeCauseAnnotation) == "kubectl set image deployment/web app=nginx:2.0");
  CHECK(replicas(v1) == 0);

  // `kubectl rollout undo`: the client writes revision 1's template back.
  env.set_image("web", "nginx:1.0");
  env.run_cluster(3);
  CHECK(env.replicasets_now().size() == 2);
  ObjectPtr back = env.get(env.replicasets(), "default", api::meta::name(*v1));
  CHECK(annotation(back, du::kRevisionAnnotation) == "3");
  CHECK(annotation(back, du::kRevisionHistoryAnnotation) == "1");
  CHECK(replicas(back) == 2);
  CHECK(replicas(env.get(env.replicasets(), "default", api::meta::name(*v2))) == 0);
  ObjectPtr d = env.get(env.deployments(), "default", "web");
  CHECK(annotation(d, du::kRevisionAnnotation) == "3");
  CHECK((*d)["status"]["updatedReplicas"] == 2);
}

TEST_CASE("deployment: revisionHistoryLimit keeps that many old ReplicaSets", "[workloads]") {
  WorkloadEnv env;
  env.make_deployment("web", 1, "nginx:1", {{"revisionHistoryLimit", 1}});
  env.run_cluster();
  for (const char* image : {"nginx:2", "nginx:3", "nginx:4"}) {
    env.set_image("web", image);
    env.run_cluster(3);
  }
  auto rss = env.replicasets_now();
  REQUIRE(rss.size() == 2);
  CHECK(rs_for_image(env, "nginx:4"));
  CHECK(rs_for_image(env, "nginx:3"));
  CHECK(annotation(rs_for_image(env, "nginx:4"), du::kRevisionAnnotation) == "4");
}

TEST_CASE("deployment: paused deployments do not roll out but still scale", "[workloads]") {
  WorkloadEnv env;
  env.make_deployment("web", 4, "nginx:1.0");
  env.run_cluster();
  env.edit(env.deployments(), "web", [](Json& d) {
    d["spec"]["paused"] = true;
    d["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:2.0";
  });
  env.run_cluster();
  CHECK(env.replicasets_now().size() == 1);
  ObjectPtr d = env.get(env.deployments(), "default", "web");
  const Json* prog = testenv::condition(*d, "Progressing");
  REQUIRE(prog);
  CHECK((*prog)["status"] == "Unknown");
  CHECK((*prog)["reason"] == "DeploymentPaused");
  CHECK((*prog)["message"] == "Deployment is paused");

  env.edit(env.deployments(), "web", [](Json& d) { d["spec"]["replicas"] = 6; });
  env.run_cluster();
  ObjectPtr v1 = rs_for_image(env, "nginx:1.0");
  CHECK(replicas(v1) == 6);
  CHECK(annotation(v1, du::kDesiredReplicasAnnotation) == "6");

  env.edit(env.deployments(), "web", [](Json& d) { d["spec"]["paused"] = false; });
  env.settle();
  d = env.get(env.deployments(), "default", "web");
  CHECK(rs_for_image(env, "nginx:2.0"));
  env.run_cluster(4);
  d = env.get(env.deployments(), "default", "web");
  CHECK(replicas(rs_for_image(env, "nginx:2.0")) == 6);
  CHECK((*testenv::condition(*d, "Progressing"))["reason"] == "NewReplicaSetAvailable");
}

TEST_CASE("deployment: scaling in the middle of a rollout is proportional", "[workloads]") {
  WorkloadEnv env;
  // 10 replicas, maxSurge 3, maxUnavailable 2.
  env.make_deployment("web", 10, "nginx:1.0",
                      {{"strategy", {{"type", "RollingUpdate"},
                                     {"rollingUpdate", {{"maxSurge", 3}, {"maxUnavailable", 2}}}}}});
  env.run_cluster();
  env.set_image("web", "nginx:2.0");
  env.settle();  // new 3, old 8, then new 5 (13 pods, the new ones not ready)
  ObjectPtr v1 = rs_for_image(env, "nginx:1.0"), v2 = rs_for_image(env, "nginx:2.0");
  REQUIRE(replicas(v1) == 8);
  REQUIRE(replicas(v2) == 5);
  env.edit(env.deployments(), "web", [](Json& d) { d["spec"]["replicas"] = 15; });
  env.settle();
  // 18 allowed, 5 more: 8*18/13 = 11.08 → +3 old; 5*18/13 = 6.9 → +2 new.
  CHECK(replicas(rs_for_image(env, "nginx:1.0")) == 11);
  CHECK(replicas(rs_for_image(env, "nginx:2.0")) == 7);
  env.run_cluster(6);
  CHECK(replicas(rs_for_image(env, "nginx:2.0")) == 15);
  CHECK(replicas(rs_for_image(env, "nginx:1.0")) == 0);
}

TEST_CASE("deployment: no progress within progressDeadlineSeconds → ProgressDeadlineExceeded", "[workloads]") {
  WorkloadEnv env;
  env.make_deployment("web", 2, "nginx:1.0", {{"progressDeadlineSeconds", 30}});
  env.settle(sim::seconds(20));
  ObjectPtr d = env.get(env.deployments(), "default", "web");
  CHECK((*testenv::condition(*d, "Progressing"))["status"] == "True");
  // Nobody runs the pods; the controller comes back by itself at the deadline.
  env.settle(sim::seconds(15));
  d = env.get(env.deployments(), "default", "web");
  const Json* prog = testenv::condition(*d, "Progressing");
  REQUIRE(prog);
  CHECK((*prog)["status"] == "False");
  CHECK((*prog)["reason"] == "ProgressDeadlineExceeded");
  const std::string rs = api::meta::name(*env.replicasets_now().at(0));
  CHECK((*prog)["message"] == "ReplicaSet \"" + rs + "\" has timed out progressing.");
  // Pods coming up later complete the rollout after all.
  env.run_cluster();
  d = env.get(env.deployments(), "default", "web");
  CHECK((*testenv::condition(*d, "Progressing"))["reason"] == "NewReplicaSetAvailable");
}

TEST_CASE("deployment: a Sandbox runs the deployment, replicaset and RC controllers", "[workloads]") {
  Sandbox sb;
  for (const char* name : {"deployment-controller", "replicaset-controller", "replicationcontroller-controller"})
    CHECK(sb.controllers().controller(name));
  Json d = {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", {{"name", "hello"}}},
            {"spec", {{"replicas", 2}, {"selector", {{"matchLabels", {{"app", "hello"}}}}},
                      {"template", WorkloadEnv::pod_template("hello", "nginx")}}}};
  sb.api().create(sb.api().resource("apps", "deployments"), "default", d);
  sb.advance(sim::seconds(2));
  std::size_t hello_pods = 0;
  for (const auto& p : sb.api().list(sb.api().resource("", "pods"), "default").items)
    if (api::meta::name(*p).rfind("hello-", 0) == 0) ++hello_pods;
  CHECK(hello_pods == 2);
}

TEST_CASE("deployment: maxSurge rounds up, maxUnavailable down, both 0 → 1 unavailable", "[workloads]") {
  auto d = [](int replicas, Json surge, Json unavailable) {
    return Json{{"spec", {{"replicas", replicas},
                          {"strategy", {{"type", "RollingUpdate"},
                                        {"rollingUpdate", {{"maxSurge", surge}, {"maxUnavailable", unavailable}}}}}}}};
  };
  CHECK(du::max_surge(d(10, "25%", "25%")) == 3);
  CHECK(du::max_unavailable(d(10, "25%", "25%")) == 2);
  CHECK(du::max_surge(d(16, "25%", "25%")) == 4);
  CHECK(du::max_unavailable(d(16, "25%", "25%")) == 4);
  CHECK(du::max_surge(d(3, 2, 1)) == 2);
  // 10% of 3 is 0.3: surge rounds to 1, unavailable to 0.
  CHECK(du::max_surge(d(3, "10%", "10%")) == 1);
  CHECK(du::max_unavailable(d(3, "10%", "10%")) == 0);
  // Both resolve to 0: one pod may be unavailable, or the rollout could not move.
  CHECK(du::max_unavailable(d(3, "0%", "10%")) == 1);
  // Never more unavailable than replicas; nothing for 0 replicas or Recreate.
  CHECK(du::max_unavailable(d(2, 0, 5)) == 2);
  CHECK(du::max_unavailable(d(0, 1, 1)) == 0);
  Json recreate = {{"spec", {{"replicas", 3}, {"strategy", {{"type", "Recreate"}}}}}};
  CHECK(du::max_surge(recreate) == 0);
  CHECK(du::max_unavailable(recreate) == 0);
}
