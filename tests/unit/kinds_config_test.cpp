// ConfigMap, Secret, ServiceAccount, Namespace, Node, Event, Lease and PriorityClass.
#include <catch2/catch.hpp>

#include "tests/unit/kinds_test_util.h"

using kt::Json;
using kt::test::Kind;

TEST_CASE("ConfigMap keys and immutability", "[kinds]") {
  Kind k("v1", "ConfigMap");
  Json cm =
      Json::parse(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"app"},"data":{"LOG_LEVEL":"debug"}})");
  CHECK(k.create(cm) == cm);
  CHECK(k.validate(cm).empty());
  Json bad = cm;
  bad["data"]["log level"] = "x";
  CHECK(k.create_error(bad) ==
        "ConfigMap \"app\" is invalid: data[log level]: Invalid value: \"log level\": a valid config key must consist "
        "of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used "
        "for validation is '[-._a-zA-Z0-9]+')");
  Json locked = cm;
  locked["immutable"] = true;
  Json changed = locked;
  changed["data"]["LOG_LEVEL"] = "info";
  CHECK(k.update_error(changed, locked) ==
        "ConfigMap \"app\" is invalid: data: Forbidden: field is immutable when `immutable` is set");
}

TEST_CASE("Secret defaults, stringData and messages", "[kinds]") {
  Kind k("v1", "Secret");
  // kubectl create secret generic db --from-literal=password=s3cr3t
  Json s =
      Json::parse(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"password":"czNjcjN0"}})");
  Json got = k.create(s);
  CHECK(got == Json::parse(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},
                               "data":{"password":"czNjcjN0"},"type":"Opaque"})"));
  Json sd =
      Json::parse(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"stringData":{"user":"admin"}})");
  Json sdgot = k.create(sd);
  CHECK(sdgot["data"] == Json::parse(R"({"user":"YWRtaW4="})"));
  CHECK_FALSE(sdgot.contains("stringData"));

  Json tls =
      Json::parse(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"cert"},"type":"kubernetes.io/tls"})");
  CHECK(k.create_error(tls) ==
        "Secret \"cert\" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]");
  Json bad_key = s;
  bad_key["data"]["pass word"] = "eA==";
  CHECK(
      k.create_error(bad_key).rfind("Secret \"db\" is invalid: data[pass word]: Invalid value: \"pass word\": a valid "
                                    "config key must consist of alphanumeric characters",
                                    0) == 0);
  Json retyped = got;
  retyped["type"] = "kubernetes.io/basic-auth";
  CHECK(k.update_error(retyped, got) ==
        "Secret \"db\" is invalid: type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable");

  Json bad64 = s;
  bad64["data"]["password"] = "not base64!";
  try {
    k.create(bad64);
    FAIL("expected a BadRequest");
  } catch (const kt::api::ApiError& e) {
    CHECK(e.code() == 400);
    CHECK(e.message() == "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 3");
  }
}

TEST_CASE("ServiceAccount names and labels", "[kinds]") {
  Kind k("v1", "ServiceAccount");
  Json sa = Json::parse(R"({"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"builder"}})");
  CHECK(k.create(sa) == sa);
  Json bad = sa;
  bad["metadata"]["name"] = "Builder";
  CHECK(k.create_error(bad).rfind("ServiceAccount \"Builder\" is invalid: metadata.name: Invalid value: \"Builder\": a "
                                  "lowercase RFC 1123 subdomain must consist of",
                                  0) == 0);
}

TEST_CASE("Namespace defaults and name rule", "[kinds]") {
  Kind k("v1", "Namespace");
  // kubectl create namespace dev
  Json ns = Json::parse(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"dev"},"spec":{},"status":{}})");
  Json got = k.create(ns);
  CHECK(got == Json::parse(R"({"apiVersion":"v1","kind":"Namespace",
    "metadata":{"labels":{"kubernetes.io/metadata.name":"dev"},"name":"dev"},
    "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}})"));
  CHECK(k.validate(got).empty());
  Json bad = ns;
  bad["metadata"]["name"] = "Dev_1";
  CHECK(k.create_error(bad) ==
        "Namespace \"Dev_1\" is invalid: metadata.name: Invalid value: \"Dev_1\": a lowercase RFC 1123 label must "
        "consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character "
        "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
  // Updates keep finalizers and status; the name label is enforced.
  Json edited = got;
  edited["spec"]["finalizers"] = Json::array();
  edited["metadata"]["labels"]["kubernetes.io/metadata.name"] = "other";
  Json stored = k.update(edited, got);
  CHECK(stored["spec"]["finalizers"] == Json::array({"kubernetes"}));
  CHECK(stored["metadata"]["labels"]["kubernetes.io/metadata.name"] == "dev");
}

TEST_CASE("Node defaults and taint messages", "[kinds]") {
  Kind k("v1", "Node");
  Json node = Json::parse(R"({"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1"},
    "status":{"capacity":{"cpu":"2","memory":"4Gi","pods":"110"}}})");
  Json got = k.create(node);
  CHECK(got["status"]["allocatable"] == got["status"]["capacity"]);
  CHECK(k.validate(got).empty());
  Json tainted = got;
  tainted["spec"]["taints"] = Json::array({{{"key", "dedicated"}, {"value", "gpu"}, {"effect", "NoScheduleX"}}});
  CHECK(k.validate(tainted) ==
        "Node \"node-1\" is invalid: metadata.taints[0].effect: Unsupported value: \"NoScheduleX\": supported "
        "values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
  Json twice = got;
  twice["spec"]["taints"] =
      Json::array({{{"key", "k"}, {"effect", "NoSchedule"}}, {{"key", "k"}, {"value", "v"}, {"effect", "NoSchedule"}}});
  CHECK(k.validate(twice) ==
        "Node \"node-1\" is invalid: metadata.taints[1]: Duplicate value: core.Taint{Key:\"k\", Value:\"v\", "
        "Effect:\"NoSchedule\", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair");
}

TEST_CASE("Event, Lease and PriorityClass rules", "[kinds]") {
  Kind ev("v1", "Event");
  Json e = Json::parse(R"({"apiVersion":"v1","kind":"Event","metadata":{"name":"web.17a","namespace":"default"},
    "involvedObject":{"kind":"Pod","name":"web","namespace":"default"},"reason":"Scheduled","type":"Normal"})");
  CHECK(ev.create_error(e).empty());
  Json other = e;
  other["involvedObject"]["namespace"] = "kube-system";
  CHECK(ev.create_error(other) ==
        "Event \"web.17a\" is invalid: involvedObject.namespace: Invalid value: \"kube-system\": does not match "
        "event.namespace");

  Kind lease("coordination.k8s.io/v1", "Lease");
  Json l = Json::parse(R"({"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"node-1"},
    "spec":{"holderIdentity":"node-1","leaseDurationSeconds":0}})");
  CHECK(lease.create_error(l) ==
        "Lease.coordination.k8s.io \"node-1\" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be "
        "greater than 0");

  Kind pc("scheduling.k8s.io/v1", "PriorityClass");
  Json p = Json::parse(
      R"({"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"high"},"value":1000})");
  CHECK(pc.create(p)["preemptionPolicy"] == "PreemptLowerPriority");
  Json huge = p;
  huge["value"] = 2000000000;
  CHECK(pc.create_error(huge) ==
        "PriorityClass.scheduling.k8s.io \"high\" is invalid: value: Forbidden: maximum allowed value of a user "
        "defined priority is 1000000000");
  Json system = p;
  system["metadata"]["name"] = "system-high";
  CHECK(pc.create_error(system) ==
        "PriorityClass.scheduling.k8s.io \"system-high\" is invalid: metadata.name: Forbidden: priority class names "
        "with 'system-' prefix are reserved for system use only. error: system-high is not a known system priority "
        "class");
  Json stored = pc.create(p);
  Json changed = stored;
  changed["value"] = 2000;
  CHECK(pc.update_error(changed, stored) ==
        "PriorityClass.scheduling.k8s.io \"high\" is invalid: value: Forbidden: may not be changed in an update.");
}

TEST_CASE("strategy_for covers every built-in kind with state", "[kinds]") {
  const auto& fallback = kt::api::strategy_for(*kt::api::ResourceRegistry::builtin().find_kind("v1", "ComponentStatus"));
  for (const auto& res : kt::api::ResourceRegistry::builtin().all()) {
    if (res.kind == "ComponentStatus" || res.kind == "Binding") continue;
    INFO(res.api_version() << " " << res.kind);
    CHECK(&kt::api::strategy_for(res) != &fallback);
  }
  // The fallback validates names as DNS subdomains.
  CHECK(fallback.validate_name("a.b").empty());
  CHECK_FALSE(fallback.validate_name("A").empty());
  // autoscaling/v1 and v2 have their own shapes.
  Kind v1("autoscaling/v1", "HorizontalPodAutoscaler"), v2("autoscaling/v2", "HorizontalPodAutoscaler");
  CHECK(&v1.strategy() != &v2.strategy());
}
