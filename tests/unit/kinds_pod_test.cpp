// Pod strategy: v1 defaults, PrepareForCreate status, create and update validation
// with kube's messages (pkg/apis/core/validation, pkg/registry/core/pod).
#include <catch2/catch.hpp>

#include "tests/unit/kinds_test_util.h"

using kt::Json;
using kt::test::Kind;

namespace {

Json pod(Json containers) {
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata", {{"name", "web"}, {"namespace", "default"}}},
          {"spec", {{"containers", std::move(containers)}}}};
}

Json nginx() { return Json::array({{{"name", "nginx"}, {"image", "nginx"}}}); }

}  // namespace

TEST_CASE("Pod defaults match a v1.32 pod (kubectl run without admission)", "[kinds]") {
  Kind k("v1", "Pod");
  Json got = k.create(pod(nginx()));
  Json want = Json::parse(R"({
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "web", "namespace": "default"},
    "spec": {
      "containers": [{
        "image": "nginx", "imagePullPolicy": "Always", "name": "nginx", "resources": {},
        "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"
      }],
      "dnsPolicy": "ClusterFirst", "enableServiceLinks": true, "restartPolicy": "Always",
      "schedulerName": "default-scheduler", "securityContext": {}, "terminationGracePeriodSeconds": 30
    },
    "status": {"phase": "Pending", "qosClass": "BestEffort"}
  })");
  CHECK(got == want);
}

TEST_CASE("Pod imagePullPolicy follows the image tag", "[kinds]") {
  Kind k("v1", "Pod");
  auto policy = [&](const std::string& image) {
    Json p = k.create(pod(Json::array({{{"name", "c"}, {"image", image}}})));
    return p["spec"]["containers"][0]["imagePullPolicy"].get<std::string>();
  };
  CHECK(policy("nginx") == "Always");
  CHECK(policy("nginx:latest") == "Always");
  CHECK(policy("nginx:1.25") == "IfNotPresent");
  CHECK(policy("localhost:5000/app") == "Always");
  CHECK(policy("registry.io:5000/team/app:v2") == "IfNotPresent");
  CHECK(policy("busybox@sha256:abc") == "IfNotPresent");
}

TEST_CASE("Pod defaults probes, ports, volumes, requests from limits and the QoS class", "[kinds]") {
  Kind k("v1", "Pod");
  Json p = pod(Json::array({{{"name", "app"},
                             {"image", "app:1"},
                             {"ports", {{{"containerPort", 8080}}}},
                             {"livenessProbe", {{"httpGet", {{"port", 8080}}}}},
                             {"resources", {{"limits", {{"cpu", "0.5"}, {"memory", "128Mi"}}}}}}}));
  p["spec"]["volumes"] = Json::array({{{"name", "cfg"}, {"configMap", {{"name", "app"}}}}, {{"name", "scratch"}}});
  Json got = k.create(p);
  const Json& c = got["spec"]["containers"][0];
  CHECK(c["ports"][0] == Json::parse(R"({"containerPort": 8080, "protocol": "TCP"})"));
  CHECK(c["livenessProbe"] ==
        Json::parse(R"({"failureThreshold": 3, "httpGet": {"path": "/", "port": 8080, "scheme": "HTTP"},
                                             "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 1})"));
  // Quantities are stored canonically; requests default to limits on pods.
  CHECK(c["resources"] == Json::parse(R"({"limits": {"cpu": "500m", "memory": "128Mi"},
                                          "requests": {"cpu": "500m", "memory": "128Mi"}})"));
  CHECK(got["spec"]["volumes"] == Json::parse(R"([{"configMap": {"defaultMode": 420, "name": "app"}, "name": "cfg"},
                                                   {"emptyDir": {}, "name": "scratch"}])"));
  CHECK(got["status"]["qosClass"] == "Guaranteed");

  Json burstable =
      pod(Json::array({{{"name", "app"}, {"image", "app:1"}, {"resources", {{"requests", {{"cpu", "100m"}}}}}}}));
  CHECK(k.create(burstable)["status"]["qosClass"] == "Burstable");
}

TEST_CASE("Pod scheduling gates add the SchedulingGated condition", "[kinds]") {
  Kind k("v1", "Pod");
  Json p = pod(nginx());
  p["spec"]["schedulingGates"] = Json::array({{{"name", "example.com/gate"}}});
  Json got = k.create(p);
  CHECK(got["status"]["conditions"][0]["reason"] == "SchedulingGated");
  CHECK(got["status"]["conditions"][0]["message"] == "Scheduling is blocked due to non-empty scheduling gates");
}

TEST_CASE("Pod create validation messages", "[kinds]") {
  Kind k("v1", "Pod");
  CHECK(k.create_error(pod(nginx())).empty());
  CHECK(k.create_error(pod(Json::array())) == "Pod \"web\" is invalid: spec.containers: Required value");
  CHECK(k.create_error(pod(Json::array({{{"name", "nginx"}}}))) ==
        "Pod \"web\" is invalid: spec.containers[0].image: Required value");
  CHECK(k.create_error(pod(Json::array({Json::object()}))) ==
        "Pod \"web\" is invalid: [spec.containers[0].name: Required value, spec.containers[0].image: Required value]");
  CHECK(k.create_error(pod(Json::array({{{"name", "Nginx"}, {"image", "nginx"}}}))) ==
        "Pod \"web\" is invalid: spec.containers[0].name: Invalid value: \"Nginx\": a lowercase RFC 1123 label must "
        "consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character "
        "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
  CHECK(k.create_error(pod(Json::array({{{"name", "a"}, {"image", "a"}}, {{"name", "a"}, {"image", "b"}}}))) ==
        "Pod \"web\" is invalid: spec.containers[1].name: Duplicate value: \"a\"");
}

TEST_CASE("Pod port, restart policy and resource messages", "[kinds]") {
  Kind k("v1", "Pod");
  CHECK(k.create_error(pod(Json::array({{{"name", "c"}, {"image", "i"}, {"ports", {{{"containerPort", 70000}}}}}}))) ==
        "Pod \"web\" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 "
        "and 65535, inclusive");
  CHECK(k.create_error(pod(Json::array(
            {{{"name", "c"}, {"image", "i"}, {"ports", {{{"containerPort", 80}, {"protocol", "HTTP"}}}}}}))) ==
        "Pod \"web\" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: "
        "\"SCTP\", \"TCP\", \"UDP\"");
  Json p = pod(nginx());
  p["spec"]["restartPolicy"] = "Sometimes";
  CHECK(k.create_error(p) ==
        "Pod \"web\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", "
        "\"OnFailure\", \"Never\"");
  Json r = pod(Json::array(
      {{{"name", "c"}, {"image", "i"}, {"resources", {{"limits", {{"cpu", "1"}}}, {"requests", {{"cpu", "2"}}}}}}}));
  CHECK(k.create_error(r) ==
        "Pod \"web\" is invalid: spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or "
        "equal to cpu limit of 1");
  Json neg = pod(Json::array({{{"name", "c"}, {"image", "i"}, {"resources", {{"requests", {{"memory", "-1Gi"}}}}}}}));
  CHECK(k.create_error(neg) ==
        "Pod \"web\" is invalid: spec.containers[0].resources.requests[memory]: Invalid value: \"-1Gi\": must be "
        "greater than or equal to 0");
  Json bad_res = pod(Json::array({{{"name", "c"}, {"image", "i"}, {"resources", {{"limits", {{"cpus", "1"}}}}}}}));
  CHECK(k.create_error(bad_res) ==
        "Pod \"web\" is invalid: [spec.containers[0].resources.limits[cpus]: Invalid value: \"cpus\": must be a "
        "standard resource type or fully qualified, spec.containers[0].resources.limits[cpus]: Invalid value: "
        "\"cpus\": must be a standard resource for containers, spec.containers[0].resources.requests[cpus]: "
        "Invalid value: \"cpus\": must be a standard resource type or fully qualified, "
        "spec.containers[0].resources.requests[cpus]: Invalid value: \"cpus\": must be a standard resource for "
        "containers]");  // requests were defaulted from the limits
}

TEST_CASE("Pod volume, env, probe and toleration messages", "[kinds]") {
  Kind k("v1", "Pod");
  Json p = pod(
      Json::array({{{"name", "c"}, {"image", "i"}, {"volumeMounts", {{{"name", "data"}, {"mountPath", "/data"}}}}}}));
  CHECK(k.create_error(p) == "Pod \"web\" is invalid: spec.containers[0].volumeMounts[0].name: Not found: \"data\"");

  Json env =
      pod(Json::array({{{"name", "c"}, {"image", "i"}, {"env", {{{"name", "A"}, {"valueFrom", Json::object()}}}}}}));
  CHECK(k.create_error(env) ==
        "Pod \"web\" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: "
        "`fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");

  Json probe = pod(Json::array({{{"name", "c"},
                                 {"image", "i"},
                                 {"livenessProbe", {{"exec", {{"command", {"true"}}}}, {"successThreshold", 2}}}}}));
  CHECK(k.create_error(probe) ==
        "Pod \"web\" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1");
  Json no_handler = pod(Json::array({{{"name", "c"}, {"image", "i"}, {"readinessProbe", {{"periodSeconds", 5}}}}}));
  CHECK(k.create_error(no_handler) ==
        "Pod \"web\" is invalid: spec.containers[0].readinessProbe: Required value: must specify a handler type");

  Json tol = pod(nginx());
  tol["spec"]["tolerations"] = Json::array({{{"key", "k"}, {"operator", "Exists"}, {"value", "v"}}});
  CHECK(k.create_error(tol) ==
        "Pod \"web\" is invalid: spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when "
        "`operator` is 'Exists'");

  Json labels = pod(nginx());
  labels["metadata"]["labels"] = {{"app", "my app"}};
  CHECK(k.create_error(labels) ==
        "Pod \"web\" is invalid: metadata.labels: Invalid value: \"my app\": a valid label must be an empty string or "
        "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
        "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");

  Json affinity = pod(nginx());
  affinity["spec"]["affinity"] = Json::parse(R"({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
      {"nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "in", "values": ["a"]}]}]}}})");
  CHECK(k.create_error(affinity) ==
        "Pod \"web\" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution."
        "nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: \"in\": not a valid selector operator");
}

TEST_CASE("Pod update rules", "[kinds]") {
  Kind k("v1", "Pod");
  Json old = k.create(pod(nginx()));
  old["metadata"]["resourceVersion"] = "5";

  Json image = old;
  image["spec"]["containers"][0]["image"] = "nginx:1.27";
  CHECK(k.update_error(image, old).empty());

  Json labels = old;
  labels["metadata"]["labels"] = {{"tier", "web"}};
  CHECK(k.update_error(labels, old).empty());

  Json added = old;
  added["spec"]["containers"].push_back({{"name", "side"}, {"image", "busybox"}});
  CHECK(k.update_error(added, old) ==
        "Pod \"web\" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers");

  Json command = old;
  command["spec"]["containers"][0]["command"] = Json::array({"sleep", "1"});
  std::string msg = k.update_error(command, old);
  CHECK(msg.rfind("Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than "
                  "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                  "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
                  "(allow it to be set to 1 if it was previously negative)\n  core.PodSpec{",
                  0) == 0);

  Json tolerations = old;
  tolerations["spec"]["tolerations"] = Json::array({{{"key", "k"}, {"operator", "Exists"}}});
  CHECK(k.update_error(tolerations, old).empty());
  Json removed = tolerations;
  removed["spec"].erase("tolerations");
  CHECK(k.update_error(removed, tolerations) ==
        "Pod \"web\" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its "
        "tolerationSeconds");

  Json deadline = old;
  deadline["spec"]["activeDeadlineSeconds"] = 30;
  CHECK(k.update_error(deadline, old).empty());
  Json longer = deadline;
  longer["spec"]["activeDeadlineSeconds"] = 60;
  CHECK(k.update_error(longer, deadline) ==
        "Pod \"web\" is invalid: spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous "
        "value");
  Json cleared = deadline;
  cleared["spec"].erase("activeDeadlineSeconds");
  CHECK(k.update_error(cleared, deadline) ==
        "Pod \"web\" is invalid: spec.activeDeadlineSeconds: Invalid value: \"null\": must not update from a positive "
        "integer to nil value");
}
