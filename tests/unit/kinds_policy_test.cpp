// ResourceQuota, LimitRange, PodDisruptionBudget and HorizontalPodAutoscaler (v1, v2).
#include <catch2/catch.hpp>

#include "tests/unit/kinds_test_util.h"

using kt::Json;
using kt::test::Kind;

TEST_CASE("ResourceQuota status, resource names and scopes", "[kinds]") {
  Kind k("v1", "ResourceQuota");
  // kubectl create quota q --hard=cpu=1,pods=2
  Json q = Json::parse(R"({"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},
    "spec":{"hard":{"cpu":"1","pods":"2"}},"status":{}})");
  Json got = k.create(q);
  CHECK(got["status"] == Json::object());
  CHECK(k.validate(got).empty());
  Json bad = q;
  bad["spec"]["hard"] = {{"pod", "2"}};
  CHECK(k.create_error(bad) ==
        "ResourceQuota \"q\" is invalid: [spec.hard[pod]: Invalid value: \"pod\": must be a standard resource type or "
        "fully qualified, spec.hard[pod]: Invalid value: \"pod\": must be a standard resource for quota]");
  Json half = q;
  half["spec"]["hard"] = {{"pods", "1.5"}};
  CHECK(k.create_error(half) ==
        "ResourceQuota \"q\" is invalid: spec.hard[pods]: Invalid value: 1500m: must be an integer");
  Json scopes = q;
  scopes["spec"]["scopes"] = Json::array({"BestEffort", "NotBestEffort"});
  CHECK(k.create_error(scopes) ==
        "ResourceQuota \"q\" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{\"BestEffort\", "
        "\"NotBestEffort\"}: conflicting scopes");
}

TEST_CASE("LimitRange defaults container limits and checks ordering", "[kinds]") {
  Kind k("v1", "LimitRange");
  Json lr = Json::parse(R"({"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"limits"},
    "spec":{"limits":[{"type":"Container","max":{"cpu":"1"},"min":{"memory":"64Mi"}}]}})");
  Json got = k.create(lr);
  CHECK(got["spec"]["limits"][0] == Json::parse(R"({"type":"Container","max":{"cpu":"1"},"min":{"memory":"64Mi"},
    "default":{"cpu":"1"},"defaultRequest":{"cpu":"1","memory":"64Mi"}})"));
  CHECK(k.validate(got).empty());
  Json inverted = Json::parse(R"({"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"limits"},
    "spec":{"limits":[{"type":"Pod","max":{"cpu":"1"},"min":{"cpu":"2"}}]}})");
  CHECK(k.create_error(inverted) ==
        "LimitRange \"limits\" is invalid: spec.limits[0].min[cpu]: Invalid value: 2: min value 2 is greater than max "
        "value 1");
}

TEST_CASE("PodDisruptionBudget status and messages", "[kinds]") {
  Kind k("policy/v1", "PodDisruptionBudget");
  Json pdb = Json::parse(R"({"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"web"},
    "spec":{"minAvailable":1,"selector":{"matchLabels":{"app":"web"}}}})");
  Json got = k.create(pdb);
  CHECK(got["status"] ==
        Json::parse(R"({"currentHealthy":0,"desiredHealthy":0,"disruptionsAllowed":0,"expectedPods":0})"));
  CHECK(k.validate(got).empty());
  Json pct = pdb;
  pct["spec"]["minAvailable"] = "150%";
  CHECK(k.create_error(pct) ==
        "PodDisruptionBudget.policy \"web\" is invalid: spec.minAvailable: Invalid value: 150%: must not be "
        "greater than 100%");
}

TEST_CASE("HorizontalPodAutoscaler v2 defaults and messages", "[kinds]") {
  Kind k("autoscaling/v2", "HorizontalPodAutoscaler");
  Json hpa = Json::parse(R"({"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
    "spec":{"maxReplicas":5,"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"}}})");
  Json got = k.create(hpa);
  CHECK(got["spec"] == Json::parse(R"({"maxReplicas":5,"minReplicas":1,
    "metrics":[{"resource":{"name":"cpu","target":{"averageUtilization":80,"type":"Utilization"}},"type":"Resource"}],
    "scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"}})"));
  CHECK(got["status"] == Json::parse(R"({"desiredReplicas":0})"));
  CHECK(k.validate(got).empty());
  Json inverted = hpa;
  inverted["spec"]["minReplicas"] = 10;
  CHECK(k.create_error(inverted) ==
        "HorizontalPodAutoscaler.autoscaling \"web\" is invalid: spec.maxReplicas: Invalid value: 5: must be greater "
        "than or equal to `minReplicas`");
  Json behavior = hpa;
  behavior["spec"]["behavior"] = {{"scaleDown", {{"stabilizationWindowSeconds", 60}}}};
  Json b = k.create(behavior)["spec"]["behavior"];
  CHECK(b["scaleDown"] == Json::parse(R"({"policies":[{"periodSeconds":15,"type":"Percent","value":100}],
                                          "selectPolicy":"Max","stabilizationWindowSeconds":60})"));
  CHECK(b["scaleUp"]["policies"].size() == 2);

  Kind v1("autoscaling/v1", "HorizontalPodAutoscaler");
  Json h1 = Json::parse(R"({"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
    "spec":{"maxReplicas":5,"scaleTargetRef":{"kind":"Deployment","name":"web"}}})");
  // v1's own defaulting; the rest (the CPU target, status) comes from the conversion
  // to the stored v2 object (conversion_test.cpp).
  Json g1 = v1.create(h1);
  CHECK(g1["spec"]["minReplicas"] == 1);
  CHECK_FALSE(g1["spec"].contains("targetCPUUtilizationPercentage"));
}
