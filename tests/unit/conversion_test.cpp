// One stored object, served in two versions: autoscaling/v1 and v2 HorizontalPodAutoscalers.
#include <catch2/catch.hpp>

#include <vector>

#include "core/api/apiserver.h"
#include "core/api/conversion.h"

using namespace kt;
using namespace kt::api;

namespace {

struct HpaFixture {
  sim::Simulator sim{sim::Time{1736931600LL * 1000000}};
  ApiServer api{sim, sim::Random(1)};
  const ResourceInfo& v1 = *api.registry().find("autoscaling", "v1", "horizontalpodautoscalers");
  const ResourceInfo& v2 = *api.registry().find("autoscaling", "v2", "horizontalpodautoscalers");

  HpaFixture() { api.create(api.resource("", "namespaces"), "", {{"metadata", {{"name", "default"}}}}); }

  static Json v1_hpa(const std::string& name) {
    return Json::parse(R"({"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":")" + name +
                       R"("},"spec":{"maxReplicas":5,"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment",
                       "name":"web"}}})");
  }
};

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const ApiError& e) {
    return e.message();
  }
  return "no error";
}

}  // namespace

TEST_CASE("an autoscaling/v1 HPA is stored as v2 and reads back in both versions", "[api][conversion]") {
  HpaFixture f;
  ObjectPtr created = f.api.create(f.v1, "default", HpaFixture::v1_hpa("web"));
  CHECK((*created)["apiVersion"] == "autoscaling/v1");
  CHECK((*created)["spec"]["minReplicas"] == 1);
  // v1 had an implicit 80% CPU target; the conversion makes it explicit.
  CHECK((*created)["spec"]["targetCPUUtilizationPercentage"] == 80);
  CHECK((*created)["status"] == Json::parse(R"({"currentReplicas":0,"desiredReplicas":0})"));

  ObjectPtr as_v2 = f.api.get(f.v2, "default", "web");
  CHECK((*as_v2)["apiVersion"] == "autoscaling/v2");
  CHECK((*as_v2)["spec"]["metrics"] == Json::parse(R"([{"type":"Resource","resource":{"name":"cpu",
    "target":{"type":"Utilization","averageUtilization":80}}}])"));
  CHECK((*as_v2)["status"] == Json::parse(R"({"desiredReplicas":0})"));
  CHECK(meta::uid(*as_v2) == meta::uid(*created));
  CHECK(meta::resource_version(*as_v2) == meta::resource_version(*created));
  CHECK_FALSE((*as_v2)["metadata"].contains("annotations"));

  // One object: listing either version finds it once.
  CHECK(f.api.list(f.v1, "default").items.size() == 1);
  CHECK(f.api.list(f.v2, "default").items.size() == 1);
  CHECK((*f.api.list(f.v1, "default").items.front())["apiVersion"] == "autoscaling/v1");

  // Validation is the internal (v2-shaped) type's, as kube reports it.
  Json zero = HpaFixture::v1_hpa("zero");
  zero["spec"]["targetCPUUtilizationPercentage"] = 0;
  CHECK(error_of([&] { f.api.create(f.v1, "default", zero); }) ==
        "HorizontalPodAutoscaler.autoscaling \"zero\" is invalid: spec.metrics[0].resource.target.averageUtilization: "
        "Invalid value: 0: must be greater than 0");
  // Unknown fields are checked against the version sent.
  Json strict = HpaFixture::v1_hpa("strict");
  strict["spec"]["metrics"] = Json::array();
  WriteOptions opts;
  opts.validation = FieldValidation::Strict;
  CHECK(error_of([&] { f.api.create(f.v1, "default", strict, opts); }) ==
        "HorizontalPodAutoscaler in version \"v1\" cannot be handled as a HorizontalPodAutoscaler: strict decoding "
        "error: unknown field \"spec.metrics\"");

  f.api.remove(f.v1, "default", "web");
  CHECK(f.api.try_get(f.v2, "default", "web") == nullptr);
}

TEST_CASE("v2 metrics v1 cannot express travel in annotations and survive a v1 update", "[api][conversion]") {
  HpaFixture f;
  Json hpa = Json::parse(R"({"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
    "spec":{"maxReplicas":5,"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},
      "metrics":[{"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"}}},
                 {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]}})");
  f.api.create(f.v2, "default", hpa);
  ObjectPtr as_v1 = f.api.get(f.v1, "default", "web");
  CHECK((*as_v1)["spec"]["targetCPUUtilizationPercentage"] == 50);
  CHECK((*as_v1)["metadata"]["annotations"]["autoscaling.alpha.kubernetes.io/metrics"] ==
        R"([{"type":"Resource","resource":{"name":"memory","targetAverageValue":"500Mi"}}])");

  // A v1 client reads, changes maxReplicas and writes back what it read.
  Json changed = *as_v1;
  changed["spec"]["maxReplicas"] = 7;
  ObjectPtr updated = f.api.update(f.v1, "default", changed);
  CHECK((*updated)["spec"]["maxReplicas"] == 7);
  ObjectPtr stored = f.api.get(f.v2, "default", "web");
  CHECK((*stored)["spec"]["maxReplicas"] == 7);
  CHECK((*stored)["spec"]["metrics"] == hpa["spec"]["metrics"]);
  CHECK_FALSE((*stored)["metadata"].contains("annotations"));
  CHECK(meta::generation(*stored) == meta::generation(*f.api.get(f.v1, "default", "web")));

  // A merge patch through v1 changes the CPU target and keeps the memory metric.
  f.api.patch(f.v1, "default", "web", PatchType::Merge, Json::parse(R"({"spec":{"targetCPUUtilizationPercentage":60}})"));
  stored = f.api.get(f.v2, "default", "web");
  CHECK((*stored)["spec"]["metrics"][0]["resource"]["name"] == "memory");
  CHECK((*stored)["spec"]["metrics"][1]["resource"]["target"]["averageUtilization"] == 60);
}

TEST_CASE("v2 status reads through v1 as the CPU figure plus annotations", "[api][conversion]") {
  HpaFixture f;
  f.api.create(f.v1, "default", HpaFixture::v1_hpa("web"));
  Json st = *f.api.get(f.v2, "default", "web");
  st["status"] = Json::parse(R"({"currentReplicas":2,"desiredReplicas":3,
    "currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":91,"averageValue":"455m"}}}],
    "conditions":[{"type":"AbleToScale","status":"True","lastTransitionTime":"2025-01-15T09:00:00Z",
                   "reason":"SucceededRescale","message":"the HPA controller was able to update the target scale to 3"}]})");
  WriteOptions status;
  status.subresource = "status";
  f.api.update(f.v2, "default", st, status);

  ObjectPtr as_v1 = f.api.get(f.v1, "default", "web");
  CHECK((*as_v1)["status"] ==
        Json::parse(R"({"currentReplicas":2,"desiredReplicas":3,"currentCPUUtilizationPercentage":91})"));
  const Json& ann = (*as_v1)["metadata"]["annotations"];
  CHECK(ann["autoscaling.alpha.kubernetes.io/current-metrics"] ==
        R"([{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":91,"currentAverageValue":"455m"}}])");
  CHECK(ann["autoscaling.alpha.kubernetes.io/conditions"] ==
        R"([{"type":"AbleToScale","status":"True","lastTransitionTime":"2025-01-15T09:00:00Z","reason":"SucceededRescale",)"
        R"("message":"the HPA controller was able to update the target scale to 3"}])");

  // Writing the v1 object back (annotations included) loses nothing.
  f.api.update(f.v1, "default", *as_v1);
  ObjectPtr stored = f.api.get(f.v2, "default", "web");
  CHECK((*stored)["status"] == st["status"]);
}

TEST_CASE("a v1 watch sees v2 writes converted", "[api][conversion]") {
  HpaFixture f;
  std::vector<std::string> seen;
  auto w = f.api.watch(f.v1, "default", {}, [&](const WatchEvent& e) {
    if (e.type == WatchEvent::Type::Bookmark) return;
    seen.push_back(std::string(to_string(e.type)) + " " + (*e.object)["apiVersion"].get<std::string>() + " " +
                   std::to_string((*e.object)["spec"].value("targetCPUUtilizationPercentage", 0)));
  });
  Json hpa = Json::parse(R"({"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
    "spec":{"maxReplicas":5,"scaleTargetRef":{"kind":"Deployment","name":"web"},
      "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}}]}})");
  f.api.create(f.v2, "default", hpa);
  f.api.remove(f.v2, "default", "web");
  f.sim.run_for(sim::millis(1));
  CHECK(seen == std::vector<std::string>{"ADDED autoscaling/v1 70", "DELETED autoscaling/v1 70"});
  w->stop();
}

TEST_CASE("v1 ⇄ v2 conversion of pods, object and external metrics", "[api][conversion]") {
  Json v2 = Json::parse(R"({"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"q"},
    "spec":{"maxReplicas":4,"scaleTargetRef":{"kind":"Deployment","name":"q"},"metrics":[
      {"type":"Pods","pods":{"metric":{"name":"packets","selector":{"matchLabels":{"a":"b"}}},
                             "target":{"type":"AverageValue","averageValue":"1k"}}},
      {"type":"Object","object":{"describedObject":{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","name":"main"},
                                 "metric":{"name":"requests"},"target":{"type":"Value","value":"10k"}}},
      {"type":"External","external":{"metric":{"name":"queue"},"target":{"type":"AverageValue","averageValue":"30"}}}]}})");
  Json v1 = hpa_v2_to_v1(v2);
  CHECK_FALSE(v1["spec"].contains("targetCPUUtilizationPercentage"));
  CHECK(v1["metadata"]["annotations"]["autoscaling.alpha.kubernetes.io/metrics"] ==
        R"([{"type":"Pods","pods":{"metricName":"packets","targetAverageValue":"1k","selector":{"matchLabels":{"a":"b"}}}},)"
        R"({"type":"Object","object":{"target":{"kind":"Ingress","name":"main","apiVersion":"networking.k8s.io/v1"},)"
        R"("metricName":"requests","targetValue":"10k"}},)"
        R"({"type":"External","external":{"metricName":"queue","targetAverageValue":"30"}}])");
  // And back: the same metrics, no CPU default added since there are metrics.
  Json back = hpa_v1_to_v2(v1);
  CHECK(back["spec"]["metrics"] == v2["spec"]["metrics"]);
  CHECK_FALSE(back["metadata"].contains("annotations"));
}
