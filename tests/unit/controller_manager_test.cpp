// ControllerManager (--controllers, defaults) with the built-in controllers running
// together, determinism of a whole run, and ControllerExpectations.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/api/store.h"
#include "core/client/expectations.h"
#include "core/controllers/gc.h"
#include "core/controllers/manager.h"
#include "core/sim/random.h"
#include "tests/unit/controller_test_env.h"

using namespace kt;
using api::ObjectPtr;
using controllers::ControllerManager;

namespace {
bool has(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}
}  // namespace

TEST_CASE("manager: --controllers semantics and v1.32 defaults", "[gc][namespace]") {
  CHECK(ControllerManager::is_enabled("namespace-controller", {"*"}));
  CHECK_FALSE(ControllerManager::is_enabled("bootstrap-signer-controller", {"*"}));
  CHECK(ControllerManager::is_enabled("bootstrap-signer-controller", {"*", "bootstrap-signer-controller"}));
  CHECK_FALSE(ControllerManager::is_enabled("garbage-collector-controller", {"*", "-garbagecollector"}));
  CHECK_FALSE(ControllerManager::is_enabled("namespace-controller", {"garbage-collector-controller"}));
  CHECK(ControllerManager::is_enabled("namespace", {"namespace"}));
  CHECK(ControllerManager::canonical_name("root-ca-cert-publisher") == "root-ca-certificate-publisher-controller");
  CHECK(ControllerManager::canonical_name("nope").empty());

  controllers::ControllerManagerConfig cfg;
  CHECK(cfg.node_monitor_grace_period == sim::seconds(50));
  CHECK(cfg.concurrent_gc_syncs == 20);
  CHECK(cfg.concurrent_namespace_syncs == 10);
  CHECK(cfg.concurrent_daemonset_syncs == 2);
  CHECK(cfg.terminated_pod_gc_threshold == 12500);

  testenv::Env env;
  cfg.controllers = {"*", "-serviceaccount"};
  ControllerManager m(env.api, cfg);
  m.start();
  auto running = m.running();
  CHECK(has(running, "garbage-collector-controller"));
  CHECK(has(running, "namespace-controller"));
  CHECK(has(running, "root-ca-certificate-publisher-controller"));
  CHECK_FALSE(has(running, "serviceaccount-controller"));
  CHECK(m.garbage_collector());
  CHECK_FALSE(m.serviceaccount_controller());
  CHECK(has(running, "deployment-controller"));
  CHECK(has(running, "replicaset-controller"));
  CHECK(has(running, "replicationcontroller-controller"));
  for (const char* c : {"statefulset-controller", "daemonset-controller", "job-controller", "cronjob-controller",
                        "endpoints-controller", "endpointslice-controller", "node-lifecycle-controller",
                        "taint-eviction-controller", "pod-garbage-collector-controller",
                        "persistentvolume-binder-controller"}) {
    INFO(c);
    CHECK(has(running, c));
  }
  CHECK(has(m.unsimulated(), "horizontal-pod-autoscaler-controller"));
  CHECK_FALSE(has(m.enabled(), "bootstrap-signer-controller"));
}

TEST_CASE("manager: the built-in controllers together", "[gc][namespace][serviceaccount]") {
  testenv::Env env;
  ControllerManager m(env.api);
  m.start();
  env.ns("team");
  env.settle();
  CHECK(env.get(env.res("", "serviceaccounts"), "team", "default"));
  CHECK(env.get(env.configmaps(), "team", "kube-root-ca.crt"));
  ObjectPtr rs = env.replicaset("team", "web");
  env.pod("team", "web-abcde", Json::array({testenv::Env::owner_ref(rs)}));
  env.settle();
  env.api.remove(env.namespaces(), "", "team");
  env.settle(sim::seconds(10));
  CHECK_FALSE(env.get(env.namespaces(), "", "team"));
  CHECK(env.api.list(env.pods(), "team").items.empty());
  m.stop();
}

TEST_CASE("determinism: two runs with the same seed produce the same watch-event log", "[gc][namespace]") {
  auto run = [](std::uint64_t seed) {
    testenv::Env env(seed);
    std::vector<std::string> log;
    std::vector<api::WatchPtr> watches;
    for (const auto* res : {&env.pods(), &env.replicasets(), &env.configmaps(), &env.namespaces(),
                            &env.res("", "serviceaccounts"), &env.res("", "events")}) {
      api::WatchOptions wo;
      wo.resource_version = std::to_string(env.api.current_resource_version());
      watches.push_back(env.api.watch(*res, "", wo, [&log](const api::WatchEvent& ev) {
        log.push_back(std::string(api::to_string(ev.type)) + " " + api::meta::key(*ev.object) + " " +
                      std::to_string(api::meta::resource_version(*ev.object)));
      }));
    }
    ControllerManager m(env.api);
    m.start();
    sim::Random rng(seed);
    for (int round = 0; round < 6; ++round) {
      const std::string ns = "ns-" + std::to_string(round);
      env.ns(ns);
      env.settle(sim::millis(static_cast<std::int64_t>(rng.below(2000))));
      const int owners = static_cast<int>(rng.between(1, 3));
      for (int o = 0; o < owners; ++o) {
        ObjectPtr rs = env.replicaset(ns, "rs-" + std::to_string(o));
        const int pods = static_cast<int>(rng.between(1, 4));
        for (int p = 0; p < pods; ++p)
          env.pod(ns, "rs-" + std::to_string(o) + "-" + std::to_string(p), Json::array({testenv::Env::owner_ref(rs)}));
        env.settle(sim::millis(static_cast<std::int64_t>(rng.below(500))));
      }
      api::DeleteOptions opts;
      const auto dice = rng.below(3);
      opts.propagation = dice == 0 ? api::Propagation::Background
                         : dice == 1 ? api::Propagation::Foreground
                                     : api::Propagation::Orphan;
      env.api.remove(env.replicasets(), ns, "rs-0", opts);
      env.settle(sim::seconds(static_cast<std::int64_t>(rng.below(3))));
      if (rng.below(2)) env.api.remove(env.namespaces(), "", ns);
    }
    env.settle(sim::minutes(2));
    return log;
  };
  auto a = run(5), b = run(5), c = run(6);
  REQUIRE(a.size() > 50);
  REQUIRE(a == b);
  REQUIRE(a != c);
}

TEST_CASE("expectations: satisfied when observed, or after 5 minutes", "[workqueue]") {
  sim::Simulator sim(testenv::kStart);
  client::ControllerExpectations e(sim);
  CHECK(e.satisfied("default/web"));  // no record: a new controller may act
  e.expect_creations("default/web", 3);
  CHECK_FALSE(e.satisfied("default/web"));
  e.creation_observed("default/web");
  e.creation_observed("default/web");
  CHECK_FALSE(e.satisfied("default/web"));
  e.creation_observed("default/web");
  CHECK(e.satisfied("default/web"));
  CHECK(e.get("default/web")->add == 0);

  e.expect_deletions("default/web", 2);
  e.raise_expectations("default/web", 1, 0);
  e.deletion_observed("default/web");
  e.deletion_observed("default/web");
  CHECK_FALSE(e.satisfied("default/web"));  // one creation still expected
  sim.run_for(sim::minutes(5));
  CHECK_FALSE(e.satisfied("default/web"));
  sim.run_for(sim::seconds(1));
  CHECK(e.expired("default/web"));
  CHECK(e.satisfied("default/web"));  // lost events do not block for ever
  e.delete_expectations("default/web");
  CHECK_FALSE(e.get("default/web"));
}

TEST_CASE("expectations: UID tracking counts each deleted pod once", "[workqueue]") {
  sim::Simulator sim(testenv::kStart);
  client::UIDTrackingControllerExpectations e(sim);
  e.expect_deletions("default/web", std::vector<std::string>{"default/web-a", "default/web-b"});
  e.deletion_observed("default/web", "default/web-a");
  e.deletion_observed("default/web", "default/web-a");  // graceful delete, then the final removal
  CHECK_FALSE(e.satisfied("default/web"));
  e.deletion_observed("default/web", "default/other");
  CHECK_FALSE(e.satisfied("default/web"));
  e.deletion_observed("default/web", "default/web-b");
  CHECK(e.satisfied("default/web"));
  CHECK(e.get_uids("default/web").empty());
  e.delete_expectations("default/web");
  CHECK_FALSE(e.get("default/web"));
}
