// The service account controller ("default" in every active namespace) and the root
// CA publisher ("kube-root-ca.crt" in every namespace).
#include <catch2/catch.hpp>

#include "core/client/informer.h"
#include "core/controllers/rootca_publisher.h"
#include "core/controllers/serviceaccount_controller.h"
#include "tests/unit/controller_test_env.h"

using namespace kt;
using api::ObjectPtr;

namespace {

struct SaEnv : testenv::Env {
  client::SharedInformerFactory factory{api};
  controllers::ServiceAccountController sac{api, factory};
  controllers::RootCAPublisher ca{api, factory};

  SaEnv() {
    ns("team");
    factory.start();
    sac.start();
    ca.start();
  }
  const api::ResourceInfo& sas() { return res("", "serviceaccounts"); }
};

}  // namespace

TEST_CASE("serviceaccount: every active namespace gets a default ServiceAccount", "[serviceaccount]") {
  SaEnv env;
  env.settle();
  REQUIRE(env.get(env.sas(), "default", "default"));
  REQUIRE(env.get(env.sas(), "team", "default"));
  env.ns("later");
  env.settle();
  REQUIRE(env.get(env.sas(), "later", "default"));
}

TEST_CASE("serviceaccount: a deleted default ServiceAccount comes back", "[serviceaccount]") {
  SaEnv env;
  env.settle();
  ObjectPtr before = env.get(env.sas(), "team", "default");
  REQUIRE(before);
  env.api.remove(env.sas(), "team", "default");
  REQUIRE_FALSE(env.get(env.sas(), "team", "default"));
  env.settle();
  ObjectPtr after = env.get(env.sas(), "team", "default");
  REQUIRE(after);
  CHECK(api::meta::uid(*after) != api::meta::uid(*before));
  // Other accounts are left alone.
  env.api.create(env.sas(), "team", {{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", {{"name", "ci"}}}});
  env.api.remove(env.sas(), "team", "ci");
  env.settle();
  CHECK_FALSE(env.get(env.sas(), "team", "ci"));
}

TEST_CASE("serviceaccount: a terminating namespace gets none", "[serviceaccount]") {
  SaEnv env;
  env.settle();
  env.configmap("team", "held");
  Json held = *env.get(env.configmaps(), "team", "held");
  held["metadata"]["finalizers"] = {"example.com/hold"};
  env.api.update(env.configmaps(), "team", held);
  env.api.remove(env.namespaces(), "", "team");
  env.api.remove(env.sas(), "team", "default");
  env.settle();
  CHECK_FALSE(env.get(env.sas(), "team", "default"));
  CHECK(env.sac.metrics().retries == 0);
}

TEST_CASE("rootca: kube-root-ca.crt in every namespace, kept as published", "[serviceaccount]") {
  SaEnv env;
  env.settle();
  ObjectPtr cm = env.get(env.configmaps(), "team", "kube-root-ca.crt");
  REQUIRE(cm);
  CHECK((*cm)["data"]["ca.crt"] == controllers::kSandboxRootCA);
  CHECK(std::string((*cm)["data"]["ca.crt"]).rfind("-----BEGIN CERTIFICATE-----\n", 0) == 0);
  CHECK((*cm)["metadata"]["annotations"]["kubernetes.io/description"] == controllers::kRootCADescription);
  REQUIRE(env.get(env.configmaps(), "default", "kube-root-ca.crt"));

  // Edited: put back. Deleted: created again.
  Json edited = *cm;
  edited["data"]["ca.crt"] = "tampered";
  env.api.update(env.configmaps(), "team", edited);
  env.settle();
  CHECK((*env.get(env.configmaps(), "team", "kube-root-ca.crt"))["data"]["ca.crt"] == controllers::kSandboxRootCA);
  env.api.remove(env.configmaps(), "team", "kube-root-ca.crt");
  env.settle();
  CHECK(env.get(env.configmaps(), "team", "kube-root-ca.crt"));
}
