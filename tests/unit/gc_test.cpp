// The garbage collector: background, foreground and orphan deletion, dangling
// references, and owner chains. Owners and dependents are created by hand with
// ownerReferences (no ReplicaSet controller runs here).
#include <catch2/catch.hpp>

#include "core/client/informer.h"
#include "core/controllers/gc.h"
#include "tests/unit/controller_test_env.h"

using namespace kt;
using api::ObjectPtr;
using controllers::GarbageCollector;

namespace {

struct GcEnv : testenv::Env {
  client::SharedInformerFactory factory{api};
  GarbageCollector gc{api, factory};

  GcEnv() {
    factory.start();
    gc.start();
  }
  ObjectPtr rs_with_pods(const std::string& name, int n, bool block = true) {
    ObjectPtr rs = replicaset("default", name);
    for (int i = 0; i < n; ++i)
      pod("default", name + "-" + std::to_string(i), Json::array({owner_ref(rs, true, block)}));
    settle();
    return rs;
  }
  int count_pods() { return static_cast<int>(api.list(pods(), "default").items.size()); }
};

}  // namespace

TEST_CASE("gc: background deletion removes a ReplicaSet's pods", "[gc]") {
  GcEnv env;
  ObjectPtr rs = env.rs_with_pods("web", 3);
  env.pod("default", "unrelated");
  env.settle();
  REQUIRE(env.gc.node(api::meta::uid(*rs)));
  REQUIRE(env.gc.node(api::meta::uid(*rs))->dependents.size() == 3);
  REQUIRE(env.count_pods() == 4);

  env.api.remove(env.replicasets(), "default", "web");  // default propagation: background
  REQUIRE_FALSE(env.get(env.replicasets(), "default", "web"));
  env.settle();
  REQUIRE(env.count_pods() == 1);
  REQUIRE(env.get(env.pods(), "default", "unrelated"));
  REQUIRE_FALSE(env.gc.node(api::meta::uid(*rs)));
}

TEST_CASE("gc: foreground deletion waits for blocking dependents", "[gc]") {
  GcEnv env;
  ObjectPtr rs = env.rs_with_pods("web", 2);
  // A third pod that cannot go yet: a finalizer holds it.
  env.pod("default", "web-held", Json::array({testenv::Env::owner_ref(rs)}),
          {{"finalizers", {"example.com/hold"}}});
  env.settle();

  api::DeleteOptions fg;
  fg.propagation = api::Propagation::Foreground;
  ObjectPtr marked = env.api.remove(env.replicasets(), "default", "web", fg);
  REQUIRE(api::meta::being_deleted(*marked));
  env.settle(sim::seconds(5));
  // The free pods are gone; the held one is terminating; the owner still waits.
  REQUIRE_FALSE(env.get(env.pods(), "default", "web-0"));
  REQUIRE_FALSE(env.get(env.pods(), "default", "web-1"));
  ObjectPtr held = env.get(env.pods(), "default", "web-held");
  REQUIRE(held);
  REQUIRE(api::meta::being_deleted(*held));
  ObjectPtr owner = env.get(env.replicasets(), "default", "web");
  REQUIRE(owner);
  REQUIRE((*owner)["metadata"]["finalizers"] == Json::array({"foregroundDeletion"}));

  // Release the held pod: then the owner's finalizer goes and the owner with it.
  Json release = *held;
  release["metadata"].erase("finalizers");
  env.api.update(env.pods(), "default", release);
  env.settle();
  REQUIRE_FALSE(env.get(env.pods(), "default", "web-held"));
  REQUIRE_FALSE(env.get(env.replicasets(), "default", "web"));
}

TEST_CASE("gc: foreground deletion does not wait for non-blocking dependents", "[gc]") {
  GcEnv env;
  ObjectPtr rs = env.replicaset("default", "web");
  env.pod("default", "loose", Json::array({testenv::Env::owner_ref(rs, true, false)}),
          {{"finalizers", {"example.com/hold"}}});
  env.settle();
  api::DeleteOptions fg;
  fg.propagation = api::Propagation::Foreground;
  env.api.remove(env.replicasets(), "default", "web", fg);
  env.settle();
  REQUIRE_FALSE(env.get(env.replicasets(), "default", "web"));
  ObjectPtr loose = env.get(env.pods(), "default", "loose");
  REQUIRE(loose);
  REQUIRE(api::meta::being_deleted(*loose));  // deleted, but held by its own finalizer
}

TEST_CASE("gc: orphan deletion keeps the pods and removes their ownerReferences", "[gc]") {
  GcEnv env;
  ObjectPtr rs = env.rs_with_pods("web", 3);
  // A pod with a second owner keeps that one.
  ObjectPtr other = env.api.create(env.configmaps(), "default",
                                   {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "keeper"}}}});
  env.pod("default", "web-shared",
          Json::array({testenv::Env::owner_ref(rs), testenv::Env::owner_ref(other, false, false)}));
  env.settle();

  api::DeleteOptions orphan;
  orphan.propagation = api::Propagation::Orphan;
  env.api.remove(env.replicasets(), "default", "web", orphan);
  env.settle();
  REQUIRE_FALSE(env.get(env.replicasets(), "default", "web"));
  REQUIRE(env.count_pods() == 4);
  for (int i = 0; i < 3; ++i) {
    ObjectPtr p = env.get(env.pods(), "default", "web-" + std::to_string(i));
    REQUIRE(p);
    CHECK_FALSE((*p)["metadata"].contains("ownerReferences"));
    CHECK_FALSE(api::meta::being_deleted(*p));
  }
  ObjectPtr shared = env.get(env.pods(), "default", "web-shared");
  REQUIRE((*shared)["metadata"]["ownerReferences"].size() == 1);
  CHECK((*shared)["metadata"]["ownerReferences"][0]["uid"] == api::meta::uid(*other));
}

TEST_CASE("gc: a dependent of a missing owner is deleted; the UID must match", "[gc]") {
  GcEnv env;
  ObjectPtr rs = env.replicaset("default", "web");
  Json ghost_ref = testenv::Env::owner_ref(rs);
  ghost_ref["uid"] = "00000000-0000-4000-8000-000000000000";  // same name, another UID
  env.pod("default", "impostor-child", Json::array({ghost_ref}));
  Json missing_ref = ghost_ref;
  missing_ref["name"] = "gone";
  missing_ref["uid"] = "11111111-1111-4111-8111-111111111111";
  env.pod("default", "orphaned", Json::array({missing_ref}));
  env.pod("default", "real-child", Json::array({testenv::Env::owner_ref(rs)}));
  env.settle(sim::seconds(5));
  CHECK_FALSE(env.get(env.pods(), "default", "impostor-child"));
  CHECK_FALSE(env.get(env.pods(), "default", "orphaned"));
  CHECK(env.get(env.pods(), "default", "real-child"));
  CHECK(env.get(env.replicasets(), "default", "web"));
  // The virtual nodes for the missing owners are gone from the graph again.
  CHECK_FALSE(env.gc.node("11111111-1111-4111-8111-111111111111"));
}

TEST_CASE("gc: a dangling reference next to a live owner is removed, the object kept", "[gc]") {
  GcEnv env;
  ObjectPtr rs = env.replicaset("default", "web");
  Json missing = {{"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"}, {"name", "gone"},
                  {"uid", "22222222-2222-4222-8222-222222222222"}};
  env.pod("default", "two-owners", Json::array({testenv::Env::owner_ref(rs, false, false), missing}));
  env.settle(sim::seconds(5));
  ObjectPtr p = env.get(env.pods(), "default", "two-owners");
  REQUIRE(p);
  REQUIRE((*p)["metadata"]["ownerReferences"].size() == 1);
  CHECK((*p)["metadata"]["ownerReferences"][0]["uid"] == api::meta::uid(*rs));
}

TEST_CASE("gc: an owner in another namespace does not own", "[gc]") {
  GcEnv env;
  env.ns("other");
  ObjectPtr rs = env.replicaset("default", "web");
  env.settle();
  env.pod("other", "cross", Json::array({testenv::Env::owner_ref(rs)}));
  env.settle(sim::seconds(5));
  CHECK_FALSE(env.get(env.pods(), "other", "cross"));
  CHECK(env.get(env.replicasets(), "default", "web"));
  // The GC reports the bad reference as kube does.
  bool warned = false;
  for (const auto& e : env.api.list(env.res("", "events"), "other").items)
    warned |= (*e)["reason"] == "OwnerRefInvalidNamespace";
  CHECK(warned);
}

TEST_CASE("gc: deleting a Deployment cascades through its ReplicaSet to the pods", "[gc]") {
  GcEnv env;
  const auto& deployments = env.res("apps", "deployments");
  Json d = {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", {{"name", "web"}}},
            {"spec", {{"replicas", 2},
                      {"selector", {{"matchLabels", {{"app", "web"}}}}},
                      {"template", {{"metadata", {{"labels", {{"app", "web"}}}}},
                                    {"spec", {{"containers", {{{"name", "c"}, {"image", "nginx"}}}}}}}}}}};
  ObjectPtr deploy = env.api.create(deployments, "default", d);
  Json rs = *env.replicaset("default", "web-5d9c7b8f6");
  rs["metadata"]["ownerReferences"] = Json::array({testenv::Env::owner_ref(deploy)});
  ObjectPtr rs_obj = env.api.update(env.replicasets(), "default", rs);
  env.pod("default", "web-5d9c7b8f6-abcde", Json::array({testenv::Env::owner_ref(rs_obj)}));
  env.pod("default", "web-5d9c7b8f6-fghij", Json::array({testenv::Env::owner_ref(rs_obj)}));
  env.settle();

  SECTION("background") {
    env.api.remove(deployments, "default", "web");
    env.settle();
    CHECK_FALSE(env.get(env.replicasets(), "default", "web-5d9c7b8f6"));
    CHECK(env.count_pods() == 0);
  }
  SECTION("foreground: the owner goes last") {
    api::DeleteOptions fg;
    fg.propagation = api::Propagation::Foreground;
    env.api.remove(deployments, "default", "web", fg);
    env.settle();
    CHECK(env.count_pods() == 0);
    CHECK_FALSE(env.get(env.replicasets(), "default", "web-5d9c7b8f6"));
    CHECK_FALSE(env.get(deployments, "default", "web"));
  }
  SECTION("orphan: the ReplicaSet and its pods stay") {
    api::DeleteOptions orphan;
    orphan.propagation = api::Propagation::Orphan;
    env.api.remove(deployments, "default", "web", orphan);
    env.settle();
    CHECK_FALSE(env.get(deployments, "default", "web"));
    ObjectPtr left = env.get(env.replicasets(), "default", "web-5d9c7b8f6");
    REQUIRE(left);
    CHECK_FALSE((*left)["metadata"].contains("ownerReferences"));
    CHECK(env.count_pods() == 2);
  }
}

TEST_CASE("gc: watches what can be owned, not events", "[gc]") {
  auto res = GarbageCollector::deletable_resources(api::ResourceRegistry::builtin());
  bool pods = false, events = false, bindings = false;
  for (const auto* r : res) {
    pods |= r->plural == "pods";
    events |= r->plural == "events";
    bindings |= r->plural == "bindings";
    CHECK(r->preferred);
  }
  CHECK(pods);
  CHECK_FALSE(events);
  CHECK_FALSE(bindings);
}
