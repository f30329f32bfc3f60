// The namespace controller: a deleted namespace is emptied, reports what remains
// with kube's conditions, and is released through the finalize subresource.
#include <catch2/catch.hpp>

#include "core/client/informer.h"
#include "core/controllers/namespace_controller.h"
#include "tests/unit/controller_test_env.h"

using namespace kt;
using api::ObjectPtr;
using controllers::NamespaceController;

namespace {

struct NsEnv : testenv::Env {
  client::SharedInformerFactory factory{api};
  NamespaceController nc{api, factory};

  NsEnv() {
    factory.start();
    nc.start();
  }
  const Json* condition(const std::string& ns, const std::string& type) {
    static Json copy;
    ObjectPtr o = get(namespaces(), "", ns);
    if (!o) return nullptr;
    for (const auto& c : api::field(*o, {"status", "conditions"}))
      if (c.value("type", "") == type) {
        copy = c;
        return &copy;
      }
    return nullptr;
  }
};

Json bound_pod(const std::string& name) {
  return {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", name}}},
          {"spec", {{"nodeName", "node-1"}, {"terminationGracePeriodSeconds", 30},
                    {"containers", {{{"name", "c"}, {"image", "nginx"}}}}}}};
}

}  // namespace

TEST_CASE("namespace: deletion removes every object, then the namespace", "[namespace]") {
  NsEnv env;
  env.ns("team");
  env.configmap("team", "settings");
  env.pod("team", "worker");
  env.api.create(env.res("", "secrets"), "team",
                 {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", {{"name", "token"}}}});
  env.replicaset("team", "web");
  env.configmap("default", "survivor");
  env.settle();

  env.api.remove(env.namespaces(), "", "team");
  ObjectPtr ns = env.get(env.namespaces(), "", "team");
  REQUIRE(ns);
  REQUIRE((*ns)["status"]["phase"] == "Terminating");
  env.settle(sim::seconds(4));  // the controller waits 5s after it sees the deletion
  REQUIRE(env.get(env.configmaps(), "team", "settings"));
  env.settle(sim::seconds(2));
  CHECK_FALSE(env.get(env.configmaps(), "team", "settings"));
  CHECK_FALSE(env.get(env.pods(), "team", "worker"));
  CHECK_FALSE(env.get(env.res("", "secrets"), "team", "token"));
  CHECK_FALSE(env.get(env.replicasets(), "team", "web"));
  CHECK_FALSE(env.get(env.namespaces(), "", "team"));
  CHECK(env.get(env.configmaps(), "default", "survivor"));
}

TEST_CASE("namespace: terminating pods and finalizers are reported and waited for", "[namespace]") {
  NsEnv env;
  env.ns("team");
  env.api.create(env.pods(), "team", bound_pod("web-0"));
  env.api.create(env.pods(), "team", bound_pod("web-1"));
  env.configmap("team", "held");
  Json held = *env.get(env.configmaps(), "team", "held");
  held["metadata"]["finalizers"] = {"example.com/hold"};
  env.api.update(env.configmaps(), "team", held);
  env.settle();

  env.api.remove(env.namespaces(), "", "team");
  env.settle(sim::seconds(6));
  // Bound pods get their 30s grace period; the ConfigMap waits for its finalizer.
  ObjectPtr pod = env.get(env.pods(), "team", "web-0");
  REQUIRE(pod);
  REQUIRE(api::meta::being_deleted(*pod));
  REQUIRE(env.get(env.namespaces(), "", "team"));

  const Json* remaining = env.condition("team", "NamespaceContentRemaining");
  REQUIRE(remaining);
  CHECK((*remaining)["status"] == "True");
  CHECK((*remaining)["reason"] == "SomeResourcesRemain");
  CHECK((*remaining)["message"] ==
        "Some resources are remaining: configmaps. has 1 resource instances, pods. has 2 resource instances");
  const Json* fin = env.condition("team", "NamespaceFinalizersRemaining");
  REQUIRE(fin);
  CHECK((*fin)["status"] == "True");
  CHECK((*fin)["reason"] == "SomeFinalizerRemain");
  CHECK((*fin)["message"] == "Some finalizers are remaining: example.com/hold in 1 resource instances");
  const Json* discovery = env.condition("team", "NamespaceDeletionDiscoveryFailure");
  REQUIRE(discovery);
  CHECK((*discovery)["status"] == "False");
  CHECK((*discovery)["reason"] == "ResourcesDiscovered");
  CHECK((*discovery)["message"] == "All resources successfully discovered");
  const Json* content = env.condition("team", "NamespaceDeletionContentFailure");
  REQUIRE(content);
  CHECK((*content)["status"] == "False");
  CHECK((*content)["message"] == "All content successfully deleted, may be waiting on finalization");
  // kube's order of the condition types.
  ObjectPtr ns = env.get(env.namespaces(), "", "team");
  std::vector<std::string> types;
  for (const auto& c : (*ns)["status"]["conditions"]) types.push_back(c["type"]);
  CHECK(types == std::vector<std::string>{"NamespaceDeletionDiscoveryFailure",
                                          "NamespaceDeletionGroupVersionParsingFailure",
                                          "NamespaceDeletionContentFailure", "NamespaceContentRemaining",
                                          "NamespaceFinalizersRemaining"});

  // The kubelet finishes the pods; the finalizer is released.
  for (const char* p : {"web-0", "web-1"}) {
    api::DeleteOptions now;
    now.grace_period_seconds = 0;
    env.api.remove(env.pods(), "team", p, now);
  }
  Json release = *env.get(env.configmaps(), "team", "held");
  release["metadata"].erase("finalizers");
  env.api.update(env.configmaps(), "team", release);
  env.settle(sim::seconds(30));
  CHECK_FALSE(env.get(env.namespaces(), "", "team"));
}

TEST_CASE("namespace: new content is refused while it terminates", "[namespace]") {
  NsEnv env;
  env.ns("team");
  env.configmap("team", "held");
  Json held = *env.get(env.configmaps(), "team", "held");
  held["metadata"]["finalizers"] = {"example.com/hold"};
  env.api.update(env.configmaps(), "team", held);
  env.api.remove(env.namespaces(), "", "team");
  env.settle(sim::seconds(10));
  REQUIRE(env.get(env.namespaces(), "", "team"));
  REQUIRE_THROWS_AS(env.configmap("team", "late"), api::ApiError);
}

TEST_CASE("namespace: what it empties", "[namespace]") {
  auto res = NamespaceController::deletable_resources(api::ResourceRegistry::builtin());
  bool pods = false, nodes = false, hpa_v1 = false;
  for (const auto* r : res) {
    pods |= r->plural == "pods";
    nodes |= r->plural == "nodes";
    hpa_v1 |= r->plural == "horizontalpodautoscalers" && r->version == "v1";
  }
  CHECK(pods);
  CHECK_FALSE(nodes);   // cluster-scoped
  CHECK_FALSE(hpa_v1);  // not the preferred version
}
