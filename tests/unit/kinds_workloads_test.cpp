// apps/v1 workload strategies and ReplicationController: defaults compared with
// what a v1.32 API server stores, and the messages kubectl shows for common mistakes.
#include <catch2/catch.hpp>

#include "tests/unit/kinds_test_util.h"

using kt::Json;
using kt::test::Kind;

namespace {

// The body `kubectl create deployment nginx --image=nginx` sends.
Json create_deployment_body() {
  return Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"nginx"},"name":"nginx",
    "namespace":"default"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"nginx"}},"strategy":{},
    "template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"nginx","name":"nginx",
    "resources":{}}]}}},"status":{}})");
}

const char* const kDefaultedTemplate = R"({
  "metadata": {"creationTimestamp": null, "labels": {"app": "nginx"}},
  "spec": {
    "containers": [{"image": "nginx", "imagePullPolicy": "Always", "name": "nginx", "resources": {},
                    "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}],
    "dnsPolicy": "ClusterFirst", "restartPolicy": "Always", "schedulerName": "default-scheduler",
    "securityContext": {}, "terminationGracePeriodSeconds": 30
  }})";

Json workload(const std::string& api_version, const std::string& kind, const std::string& name) {
  Json obj = create_deployment_body();
  obj["apiVersion"] = api_version;
  obj["kind"] = kind;
  obj["metadata"]["name"] = name;
  obj["spec"].erase("strategy");
  obj.erase("status");
  return obj;
}

}  // namespace

TEST_CASE("Deployment defaults match kubectl create deployment on v1.32", "[kinds]") {
  Kind k("apps/v1", "Deployment");
  Json got = k.create(create_deployment_body());
  Json want = Json::parse(R"({
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"labels": {"app": "nginx"}, "name": "nginx", "namespace": "default"},
    "spec": {
      "progressDeadlineSeconds": 600, "replicas": 1, "revisionHistoryLimit": 10,
      "selector": {"matchLabels": {"app": "nginx"}},
      "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"}
    },
    "status": {}
  })");
  want["spec"]["template"] = Json::parse(kDefaultedTemplate);
  CHECK(got == want);
  CHECK(k.validate(got).empty());
}

TEST_CASE("Deployment selector and template messages", "[kinds]") {
  Kind k("apps/v1", "Deployment");
  Json mismatch = create_deployment_body();
  mismatch["spec"]["template"]["metadata"]["labels"] = {{"app", "y"}};
  CHECK(k.create_error(mismatch) ==
        "Deployment.apps \"nginx\" is invalid: spec.template.metadata.labels: Invalid value: "
        "map[string]string{\"app\":\"y\"}: `selector` does not match template `labels`");

  Json no_selector = create_deployment_body();
  no_selector["spec"].erase("selector");
  CHECK(k.create_error(no_selector) ==
        "Deployment.apps \"nginx\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid "
        "value: map[string]string{\"app\":\"nginx\"}: `selector` does not match template `labels`]");

  Json empty_selector = create_deployment_body();
  empty_selector["spec"]["selector"] = Json::object();
  CHECK(k.create_error(empty_selector) ==
        "Deployment.apps \"nginx\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
        "map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for "
        "deployment");

  Json no_labels = create_deployment_body();
  no_labels["spec"]["template"]["metadata"].erase("labels");
  CHECK(k.create_error(no_labels) ==
        "Deployment.apps \"nginx\" is invalid: spec.template.metadata.labels: Invalid value: "
        "map[string]string(nil): `selector` does not match template `labels`");

  Json no_containers = create_deployment_body();
  no_containers["spec"]["template"]["spec"]["containers"] = Json::array();
  CHECK(k.create_error(no_containers) ==
        "Deployment.apps \"nginx\" is invalid: spec.template.spec.containers: Required value");

  Json never = create_deployment_body();
  never["spec"]["template"]["spec"]["restartPolicy"] = "Never";
  CHECK(k.create_error(never) ==
        "Deployment.apps \"nginx\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Never\": "
        "supported values: \"Always\"");
}

TEST_CASE("Deployment replicas and strategy messages", "[kinds]") {
  Kind k("apps/v1", "Deployment");
  Json negative = create_deployment_body();
  negative["spec"]["replicas"] = -1;
  CHECK(k.create_error(negative) ==
        "Deployment.apps \"nginx\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");

  Json zero = create_deployment_body();
  zero["spec"]["strategy"] = {{"rollingUpdate", {{"maxSurge", 0}, {"maxUnavailable", 0}}}};
  CHECK(k.create_error(zero) ==
        "Deployment.apps \"nginx\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may "
        "not be 0 when `maxSurge` is 0");

  Json percent = create_deployment_body();
  percent["spec"]["strategy"] = {{"rollingUpdate", {{"maxUnavailable", "120%"}}}};
  CHECK(k.create_error(percent) ==
        "Deployment.apps \"nginx\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 120%: must "
        "not be greater than 100%");

  Json bad_percent = create_deployment_body();
  bad_percent["spec"]["strategy"] = {{"rollingUpdate", {{"maxSurge", "abc"}}}};
  CHECK(k.create_error(bad_percent) ==
        "Deployment.apps \"nginx\" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: abc: a valid "
        "percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for "
        "validation is '[0-9]+%')");

  Json recreate = create_deployment_body();
  recreate["spec"]["strategy"] = {{"type", "Recreate"}, {"rollingUpdate", {{"maxSurge", 1}}}};
  CHECK(k.create_error(recreate) ==
        "Deployment.apps \"nginx\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when "
        "strategy `type` is 'Recreate'");

  Json deadline = create_deployment_body();
  deadline["spec"]["minReadySeconds"] = 700;
  CHECK(k.create_error(deadline) ==
        "Deployment.apps \"nginx\" is invalid: spec.progressDeadlineSeconds: Invalid value: 600: must be greater "
        "than minReadySeconds");
}

TEST_CASE("Deployment updates: selector immutable, generation on annotation changes", "[kinds]") {
  Kind k("apps/v1", "Deployment");
  Json old = k.create(create_deployment_body());
  old["metadata"]["generation"] = 1;
  Json moved = old;
  moved["spec"]["selector"]["matchLabels"] = {{"app", "web"}};
  moved["spec"]["template"]["metadata"]["labels"] = {{"app", "web"}};
  CHECK(k.update_error(moved, old) ==
        "Deployment.apps \"nginx\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
        "map[string]string{\"app\":\"web\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is "
        "immutable");

  Json scaled = old;
  scaled["spec"]["replicas"] = 3;
  CHECK(k.update_error(scaled, old).empty());
  CHECK(k.update(scaled, old)["metadata"]["generation"] == 2);

  Json annotated = old;
  annotated["metadata"]["annotations"] = {{"kubernetes.io/change-cause", "x"}};
  CHECK(k.update(annotated, old)["metadata"]["generation"] == 2);
  Json labelled = old;
  labelled["metadata"]["labels"]["tier"] = "web";
  CHECK(k.update(labelled, old)["metadata"]["generation"] == 1);
}

TEST_CASE("ReplicaSet and ReplicationController defaults and messages", "[kinds]") {
  Kind rs("apps/v1", "ReplicaSet");
  Json body = workload("apps/v1", "ReplicaSet", "web");
  body["spec"].erase("replicas");
  Json got = rs.create(body);
  CHECK(got["spec"]["replicas"] == 1);
  CHECK(got["spec"]["template"] == Json::parse(kDefaultedTemplate));
  CHECK(got["status"] == Json::parse(R"({"replicas": 0})"));
  Json empty = body;
  empty["spec"]["selector"] = {{"matchLabels", Json::object()}};
  CHECK(rs.create_error(empty) ==
        "ReplicaSet.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
        "map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for "
        "deployment");

  Kind rc("v1", "ReplicationController");
  Json rcbody = Json::parse(R"({"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"web"},
    "spec":{"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"nginx","name":"nginx"}]}}}})");
  Json rcgot = rc.create(rcbody);
  CHECK(rcgot["spec"]["selector"] == Json::parse(R"({"app": "nginx"})"));
  CHECK(rcgot["metadata"]["labels"] == Json::parse(R"({"app": "nginx"})"));
  CHECK(rcgot["spec"]["replicas"] == 1);
  CHECK(rc.validate(rcgot).empty());
  Json rcnone =
      Json::parse(R"({"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"web"},"spec":{}})");
  CHECK(rc.create_error(rcnone) ==
        "ReplicationController \"web\" is invalid: [spec.selector: Required value, spec.template: Required value]");
}

TEST_CASE("StatefulSet defaults, name rule and update restrictions", "[kinds]") {
  Kind k("apps/v1", "StatefulSet");
  Json body = workload("apps/v1", "StatefulSet", "web");
  body["spec"]["serviceName"] = "web";
  body["spec"]["volumeClaimTemplates"] =
      Json::parse(R"([{"metadata":{"name":"www"},"spec":{"accessModes":["ReadWriteOnce"],
      "resources":{"requests":{"storage":"1Gi"}}}}])");
  Json got = k.create(body);
  Json want_spec = Json::parse(R"({
    "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Retain", "whenScaled": "Retain"},
    "podManagementPolicy": "OrderedReady", "replicas": 1, "revisionHistoryLimit": 10,
    "selector": {"matchLabels": {"app": "nginx"}}, "serviceName": "web",
    "updateStrategy": {"rollingUpdate": {"partition": 0}, "type": "RollingUpdate"},
    "volumeClaimTemplates": [{"apiVersion": "v1", "kind": "PersistentVolumeClaim",
      "metadata": {"creationTimestamp": null, "name": "www"},
      "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "volumeMode": "Filesystem"},
      "status": {"phase": "Pending"}}]
  })");
  want_spec["template"] = Json::parse(kDefaultedTemplate);
  CHECK(got["spec"] == want_spec);
  CHECK(got["status"] == Json::parse(R"({"availableReplicas": 0, "replicas": 0})"));
  CHECK(k.validate(got).empty());

  Json dotted = body;
  dotted["metadata"]["name"] = "web.v1";
  CHECK(
      k.create_error(dotted).rfind("StatefulSet.apps \"web.v1\" is invalid: metadata.name: Invalid value: \"web.v1\": "
                                   "a lowercase RFC 1123 label must consist of",
                                   0) == 0);

  Json renamed = got;
  renamed["spec"]["serviceName"] = "other";
  CHECK(k.update_error(renamed, got) ==
        "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than "
        "'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
        "'minReadySeconds' are forbidden");
  Json scaled = got;
  scaled["spec"]["replicas"] = 3;
  CHECK(k.update_error(scaled, got).empty());

  Json policy = body;
  policy["spec"]["podManagementPolicy"] = "Random";
  CHECK(k.create_error(policy) ==
        "StatefulSet.apps \"web\" is invalid: spec.podManagementPolicy: Invalid value: \"Random\": must be "
        "'OrderedReady' or 'Parallel'");
}

TEST_CASE("DaemonSet defaults, template generation and messages", "[kinds]") {
  Kind k("apps/v1", "DaemonSet");
  Json body = workload("apps/v1", "DaemonSet", "agent");
  body["spec"].erase("replicas");
  Json got = k.create(body);
  Json want_spec = Json::parse(R"({
    "revisionHistoryLimit": 10, "selector": {"matchLabels": {"app": "nginx"}},
    "updateStrategy": {"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"}
  })");
  want_spec["template"] = Json::parse(kDefaultedTemplate);
  CHECK(got["spec"] == want_spec);
  CHECK(got["metadata"]["annotations"] == Json::parse(R"({"deprecated.daemonset.template.generation": "1"})"));
  CHECK(got["status"] == Json::parse(R"({"currentNumberScheduled": 0, "desiredNumberScheduled": 0,
                                         "numberMisscheduled": 0, "numberReady": 0})"));
  CHECK(k.validate(got).empty());

  Json image = got;
  image["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.27";
  CHECK(k.update(image, got)["metadata"]["annotations"]["deprecated.daemonset.template.generation"] == "2");
  Json same = got;
  CHECK(k.update(same, got)["metadata"]["annotations"]["deprecated.daemonset.template.generation"] == "1");

  Json both = body;
  both["spec"]["updateStrategy"] = {{"rollingUpdate", {{"maxSurge", 1}, {"maxUnavailable", 1}}}};
  CHECK(k.create_error(both) ==
        "DaemonSet.apps \"agent\" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not "
        "be set when maxUnavailable is non-zero");
  Json no_selector = body;
  no_selector["spec"].erase("selector");
  CHECK(k.create_error(no_selector) ==
        "DaemonSet.apps \"agent\" is invalid: spec.template.metadata.labels: Invalid value: "
        "map[string]string{\"app\":\"nginx\"}: `selector` does not match template `labels`");
}

TEST_CASE("ControllerRevision requires data and keeps it", "[kinds]") {
  Kind k("apps/v1", "ControllerRevision");
  Json cr = Json::parse(
      R"({"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"web-6d4cf56db6"},"revision":1})");
  CHECK(k.create_error(cr) ==
        "ControllerRevision.apps \"web-6d4cf56db6\" is invalid: data: Required value: data is mandatory");
  cr["data"] = {{"spec", Json::object()}};
  CHECK(k.create_error(cr).empty());
}
