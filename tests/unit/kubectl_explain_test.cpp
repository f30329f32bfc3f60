// kubectl explain: the plaintext template of kubectl v1.32 rendered from the carried
// OpenAPI v3 schemas (core/api/openapi_schemas.*), its word wrapping, the resource
// resolution and the errors. The byte-for-byte comparison with the real kubectl runs in
// tests/kubectl/diff_corpus.txt against `kubetab serve`, which publishes the same schemas.
#include <catch2/catch.hpp>

#include "core/api/openapi_schemas.h"
#include "core/kubectl/explain_render.h"
#include "tests/unit/shell_test_util.h"

using namespace kt;
using kt::testing::ShellFixture;

TEST_CASE("explain's word wrap breaks at spaces as go-wordwrap does", "[kubectl][explain]") {
  CHECK(kubectl::word_wrap("aaa bbb ccc", 7) == "aaa bbb\nccc");
  CHECK(kubectl::word_wrap("aaa bbb ccc", 8) == "aaa bbb\nccc");
  // A word longer than the limit stays whole on its own line.
  CHECK(kubectl::word_wrap("a https://example.com/very/long b", 10) == "a\nhttps://example.com/very/long\nb");
  // Line breaks in the text are kept; the spaces before a break are dropped with it.
  CHECK(kubectl::word_wrap("one\n\ntwo three", 5) == "one\n\ntwo\nthree");
  CHECK(kubectl::word_wrap("x\n - y", 76) == "x\n - y");
}

TEST_CASE("the carried schemas are OpenAPI v3 shaped", "[kubectl][explain]") {
  const Json& s = api::openapi_schemas();
  REQUIRE(s.contains("io.k8s.api.core.v1.Pod"));
  CHECK(api::openapi_schema_for("", "v1", "Pod") == "io.k8s.api.core.v1.Pod");
  CHECK(api::openapi_schema_for("apps", "v1", "Deployment") == "io.k8s.api.apps.v1.Deployment");
  CHECK(api::openapi_schema_for("apps", "v1", "Nope").empty());
  const Json& spec = s["io.k8s.api.core.v1.Pod"]["properties"]["spec"];
  CHECK(spec["allOf"][0]["$ref"] == "#/components/schemas/io.k8s.api.core.v1.PodSpec");
  const Json& containers = s["io.k8s.api.core.v1.PodSpec"]["properties"]["containers"];
  CHECK(containers["type"] == "array");
  CHECK(containers["items"]["allOf"][0]["$ref"] == "#/components/schemas/io.k8s.api.core.v1.Container");
  CHECK(s["io.k8s.api.core.v1.PodSpec"]["required"] == Json::array({"containers"}));
  // openapi-gen's "Possible enum values" list becomes the field's enum.
  CHECK(s["io.k8s.api.core.v1.Toleration"]["properties"]["effect"]["enum"] ==
        Json::array({"NoExecute", "NoSchedule", "PreferNoSchedule"}));
  CHECK(s["io.k8s.api.core.v1.PodSpec"]["properties"]["nodeSelector"]["additionalProperties"]["type"] == "string");
  // A group-version's document holds the kinds and what they reference, nothing else.
  const Json apps = api::openapi_schema_closure({"io.k8s.api.apps.v1.Deployment"});
  CHECK(apps.contains("io.k8s.api.core.v1.Container"));
  CHECK_FALSE(apps.contains("io.k8s.api.core.v1.Service"));
}

TEST_CASE("kubectl explain prints a kind, a field, enums and required fields", "[kubectl][explain]") {
  ShellFixture f;
  const std::string pods = f.out("kubectl explain pods");
  CHECK(pods.rfind("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. "
                   "This resource is\n    created by clients and scheduled onto hosts.\n    \nFIELDS:\n  apiVersion\t<string>\n",
                   0) == 0);
  CHECK(pods.find("  spec\t<PodSpec>\n    Specification of the desired behavior of the pod.") != std::string::npos);
  CHECK(f.out("kubectl explain po") == pods);
  CHECK(f.out("kubectl explain Pod") == pods);

  const std::string tol = f.out("kubectl explain pod.spec.tolerations");
  CHECK(tol.rfind("KIND:       Pod\nVERSION:    v1\n\nFIELD: tolerations <[]Toleration>\n\n\nDESCRIPTION:\n"
                  "    If specified, the pod's tolerations.\n    The pod this Toleration is attached to tolerates any taint "
                  "that matches the\n    triple <key,value,effect> using the matching operator <operator>.\n    \nFIELDS:\n"
                  "  effect\t<string>\n  enum: NoExecute, NoSchedule, PreferNoSchedule\n",
                  0) == 0);
  CHECK(f.out("kubectl explain pod.spec.tolerations.operator | head -8") ==
        "KIND:       Pod\nVERSION:    v1\n\nFIELD: operator <string>\nENUM:\n    Equal\n    Exists\n\n");
  CHECK(f.out("kubectl explain pods.spec | grep -- -required-") == "  containers\t<[]Container> -required-\n");
  CHECK(f.out("kubectl explain deployments.spec | grep -- -required-") ==
        "  selector\t<LabelSelector> -required-\n  template\t<PodTemplateSpec> -required-\n");
  CHECK(f.out("kubectl explain deploy | head -4") == "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n");
  // Group-qualified names and --api-version find the same schema.
  CHECK(f.out("kubectl explain deployments.apps.spec.paused") == f.out("kubectl explain deployments.spec.paused"));
  CHECK(f.out("kubectl explain deployments.spec.paused --api-version=apps/v1") ==
        f.out("kubectl explain deployments.spec.paused"));
}

TEST_CASE("kubectl explain --recursive lists field names only, with their types", "[kubectl][explain]") {
  ShellFixture f;
  CHECK(f.out("kubectl explain pod.spec.containers.ports --recursive") ==
        "KIND:       Pod\nVERSION:    v1\n\nFIELD: ports <[]ContainerPort>\n\n\nDESCRIPTION:\n"
        "    List of ports to expose from the container. Not specifying a port here DOES\n"
        "    NOT prevent that port from being exposed. Any port which is listening on the\n"
        "    default \"0.0.0.0\" address inside a container will be accessible from the\n"
        "    network. Modifying this array with strategic merge patch may corrupt the\n"
        "    data. For more information See\n"
        "    https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.\n"
        "    ContainerPort represents a network port in a single container.\n    \nFIELDS:\n"
        "  containerPort\t<integer> -required-\n  hostIP\t<string>\n  hostPort\t<integer>\n  name\t<string>\n"
        "  protocol\t<string>\n  enum: SCTP, TCP, UDP\n\n");
}

TEST_CASE("kubectl explain answers errors as kubectl v1.32 does", "[kubectl][explain]") {
  ShellFixture f;
  CHECK(f.out("kubectl explain") ==
        "error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of "
        "supported resources.\n");
  CHECK(f.out("kubectl explain pods nodes") == "error: We accept only this format: explain RESOURCE\n");
  CHECK(f.out("kubectl explain nope") == "the server doesn't have a resource type \"nope\"\n");
  CHECK(f.out("kubectl explain pods.nope") == "KIND:       Pod\nVERSION:    v1\n\nerror: field \"nope\" does not exist\n");
  // The last element of the path names the field, as the template reports it.
  CHECK(f.out("kubectl explain pods.spec.nope.deeper") ==
        "KIND:       Pod\nVERSION:    v1\n\nerror: field \"deeper\" does not exist\n");
  CHECK(f.out("kubectl explain pods.spec.containers.name.x") ==
        "KIND:       Pod\nVERSION:    v1\n\nerror: field \"x\" does not exist\n");
  CHECK(f.code("kubectl explain pods.spec.containers.name.x") == 1);
  CHECK(f.code("kubectl explain pods") == 0);
  CHECK(f.out("kubectl explain pods -o json") == "error: unrecognized format: json\n");
  CHECK(f.out("kubectl explain pods --api-version=v2") == "error: couldn't find resource for \"/v2, Resource=pods\"\n");
  CHECK(f.out("kubectl explain pods --api-version=apps/v1") ==
        "error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema\n");
}

TEST_CASE("kubectl explain says so where the sandbox carries no description", "[kubectl][explain]") {
  ShellFixture f;
  // PodSecurityContext is not carried: rendering it would lack its fields.
  const std::string psc = f.out("kubectl explain pods.spec.securityContext");
  CHECK(psc.find("not available") != std::string::npos);
  CHECK(psc.find("FIELDS") == std::string::npos);
  // Neither is all of PodSpec's tree, which --recursive walks.
  CHECK(f.out("kubectl explain pods --recursive").find("not available") != std::string::npos);
  CHECK(f.out("kubectl explain pv").find("not available") != std::string::npos);
}

TEST_CASE("kubectl explain splits TYPE from the field path as kubectl does", "[kubectl][explain]") {
  ShellFixture f;
  // "plural.group" names the group only when spelled with the plural; with a short
  // name the group reads as a field.
  CHECK(f.out("kubectl explain deploy.apps.spec") ==
        "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nerror: field \"spec\" does not exist\n");
  CHECK(f.out("kubectl explain pods.") == f.out("kubectl explain pods"));
  // With --api-version the first part alone is the resource.
  CHECK(f.out("kubectl explain deployments.apps --api-version=apps/v1") ==
        "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nerror: field \"apps\" does not exist\n");
}

TEST_CASE("kubectl explain reads ObjectMeta and the types it references", "[kubectl][explain]") {
  ShellFixture f;
  const std::string meta = f.out("kubectl explain deploy.metadata");
  CHECK(meta.rfind("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: metadata <ObjectMeta>\n", 0) == 0);
  // A reference to Time reads as the string it is; lists and maps keep their shapes.
  CHECK(meta.find("\n  creationTimestamp\t<string>\n") != std::string::npos);
  CHECK(meta.find("\n  labels\t<map[string]string>\n") != std::string::npos);
  CHECK(meta.find("\n  ownerReferences\t<[]OwnerReference>\n") != std::string::npos);
  // Every type under ObjectMeta is carried, so --recursive walks all of it.
  const std::string rec = f.out("kubectl explain cm.metadata --recursive");
  CHECK(rec.find("not available") == std::string::npos);
  CHECK(rec.find("\n    fieldsV1\t<FieldsV1>\n") != std::string::npos);
  CHECK(rec.find("\n    uid\t<string> -required-\n") != std::string::npos);
  CHECK(f.code("kubectl explain deploy.spec.selector.matchExpressions") == 0);
}

TEST_CASE("kubectl explain reads Service's spec, ports and status", "[kubectl][explain]") {
  ShellFixture f;
  // The enum list comes from openapi-gen's "Possible enum values", sorted by value.
  const Json& spec = api::openapi_schemas()["io.k8s.api.core.v1.ServiceSpec"]["properties"];
  CHECK(spec["type"]["enum"] == Json::array({"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"}));
  CHECK(spec["sessionAffinity"]["enum"] == Json::array({"ClientIP", "None"}));
  // A list of enum values keeps no enum of its own (openapi-gen writes it for the field's own type only).
  CHECK_FALSE(spec["ipFamilies"].contains("enum"));
  // IntOrString is openapi-gen's oneOf integer or string, with no type.
  const Json& ios = api::openapi_schemas()["io.k8s.apimachinery.pkg.util.intstr.IntOrString"];
  CHECK_FALSE(ios.contains("type"));
  CHECK(ios["format"] == "int-or-string");
  CHECK(ios["oneOf"].size() == 2);

  CHECK(f.out("kubectl explain svc.spec.type | head -10") ==
        "KIND:       Service\nVERSION:    v1\n\nFIELD: type <string>\nENUM:\n    ClusterIP\n    ExternalName\n"
        "    LoadBalancer\n    NodePort\n\n");
  const std::string ports = f.out("kubectl explain svc.spec.ports");
  CHECK(ports.find("\n  port\t<integer> -required-\n") != std::string::npos);
  CHECK(ports.find("\n  targetPort\t<IntOrString>\n") != std::string::npos);
  CHECK(f.out("kubectl explain svc.spec.ports.targetPort").rfind(
            "KIND:       Service\nVERSION:    v1\n\nFIELD: targetPort <IntOrString>\n", 0) == 0);
  const std::string lb = f.out("kubectl explain svc.status.loadBalancer --recursive");
  CHECK(lb.find("not available") == std::string::npos);
  CHECK(lb.find("\n      protocol\t<string> -required-\n") != std::string::npos);
  // meta/v1 Condition lists its required fields.
  CHECK(f.out("kubectl explain svc.status.conditions | grep -c -- -required-") == "5\n");
  // Quantity is openapi-gen's oneOf string or number, with no type: maps of it keep its name.
  const Json& qty = api::openapi_schemas()["io.k8s.apimachinery.pkg.api.resource.Quantity"];
  CHECK_FALSE(qty.contains("type"));
  CHECK_FALSE(qty.contains("format"));
  CHECK(qty["oneOf"][1]["type"] == "number");
  CHECK(f.out("kubectl explain pvc.spec.resources --recursive").find("\n  limits\t<map[string]Quantity>\n") !=
        std::string::npos);
}

TEST_CASE("kubectl explain reads StatefulSet, ReplicaSet, DaemonSet and Job specs", "[kubectl][explain]") {
  ShellFixture f;
  CHECK(api::openapi_schema_for("apps", "v1", "StatefulSet") == "io.k8s.api.apps.v1.StatefulSet");
  CHECK(api::openapi_schema_for("batch", "v1", "Job") == "io.k8s.api.batch.v1.Job");
  CHECK(f.out("kubectl explain sts | head -4") == "GROUP:      apps\nKIND:       StatefulSet\nVERSION:    v1\n\n");
  CHECK(f.out("kubectl explain sts.spec | grep -- -required-") ==
        "  selector\t<LabelSelector> -required-\n  template\t<PodTemplateSpec> -required-\n");
  CHECK(f.out("kubectl explain sts.spec.podManagementPolicy | sed -n 6,8p") == "ENUM:\n    OrderedReady\n    Parallel\n");
  CHECK(f.out("kubectl explain ds.spec.updateStrategy.type | sed -n 6,8p") == "ENUM:\n    OnDelete\n    RollingUpdate\n");
  CHECK(f.out("kubectl explain deploy.spec.strategy.type | sed -n 6,8p") == "ENUM:\n    Recreate\n    RollingUpdate\n");
  CHECK(f.code("kubectl explain rs.spec.template.spec.containers") == 0);
  CHECK(f.out("kubectl explain job.spec.completionMode | sed -n 6,8p") == "ENUM:\n    Indexed\n    NonIndexed\n");
  // CronJob's jobTemplate now reaches JobSpec.
  CHECK(f.out("kubectl explain cj.spec.jobTemplate.spec.template.spec.restartPolicy").find("not available") ==
        std::string::npos);
  // The retention policy's values are no enum in v1.32 (PersistentVolumeClaimRetentionPolicyType has no +enum).
  CHECK_FALSE(api::openapi_schemas()["io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy"]
                                    ["properties"]["whenDeleted"]
                                        .contains("enum"));
}

TEST_CASE("kubectl explain reads a container's env, envFrom and probe actions", "[kubectl][explain]") {
  ShellFixture f;
  const std::string env = f.out("kubectl explain pod.spec.containers.env.valueFrom.fieldRef --recursive");
  CHECK(env.find("not available") == std::string::npos);
  CHECK(env.find("\n  fieldPath\t<string> -required-\n") != std::string::npos);
  // resourceFieldRef's divisor is a Quantity, carried too, so --recursive walks all of EnvVarSource.
  CHECK(f.out("kubectl explain pod.spec.containers.env.valueFrom --recursive").find("not available") ==
        std::string::npos);
  CHECK(f.out("kubectl explain pod.spec.containers.livenessProbe.tcpSocket | grep -- -required-") ==
        "  port\t<IntOrString> -required-\n");
  // A paragraph break in the spec's text stays one.
  CHECK(f.out("kubectl explain pod.spec.containers.livenessProbe.grpc.service")
            .find("health-checking.md).\n    \n    If this is not specified") != std::string::npos);
}

TEST_CASE("kubectl explain reads PodStatus, container statuses and their states", "[kubectl][explain]") {
  ShellFixture f;
  const std::string status = f.out("kubectl explain pod.status");
  CHECK(status.find("not available") == std::string::npos);
  // PodPhase and PodQOSClass carry +enum: their values come from the "Possible enum values" list.
  CHECK(status.find("  phase\t<string>\n  enum: Failed, Pending, Running, Succeeded, ....\n") != std::string::npos);
  CHECK(status.find("  qosClass\t<string>\n  enum: BestEffort, Burstable, Guaranteed\n") != std::string::npos);
  // PodResizeStatus has no +enum in v1.32.
  CHECK_FALSE(api::openapi_schemas()["io.k8s.api.core.v1.PodStatus"]["properties"]["resize"].contains("enum"));
  const std::string cs = f.out("kubectl explain pod.status.containerStatuses");
  CHECK(cs.find("  restartCount\t<integer> -required-\n") != std::string::npos);
  CHECK(cs.find("(see Started field).\n    \n    The value is typically used") != std::string::npos);
  const std::string state = f.out("kubectl explain pod.status.containerStatuses.state --recursive");
  CHECK(state.find("not available") == std::string::npos);
  CHECK(state.find("    exitCode\t<integer> -required-\n") != std::string::npos);
  // ResourceStatus (allocatedResourcesStatus) is not carried, so the whole PodStatus tree is not yet.
  CHECK(f.out("kubectl explain pod.status --recursive").find("not available") != std::string::npos);
}

TEST_CASE("kubectl explain reads a container's lifecycle hooks and HTTP probes", "[kubectl][explain]") {
  ShellFixture f;
  const std::string lc = f.out("kubectl explain pod.spec.containers.lifecycle --recursive");
  CHECK(lc.find("not available") == std::string::npos);
  CHECK(lc.find("\n    sleep\t<SleepAction>\n      seconds\t<integer> -required-\n") != std::string::npos);
  // URIScheme carries +enum.
  CHECK(f.out("kubectl explain pod.spec.containers.livenessProbe.httpGet | grep enum:") == "  enum: HTTP, HTTPS\n");
  // With HTTPGetAction carried, all of Probe is.
  CHECK(f.out("kubectl explain pod.spec.containers.livenessProbe --recursive").find("not available") ==
        std::string::npos);
}

TEST_CASE("kubectl explain reads PodSpec's host aliases, DNS config, gates and resource claims", "[kubectl][explain]") {
  ShellFixture f;
  CHECK(f.out("kubectl explain pod.spec.hostAliases | grep -- -required-") == "  ip\t<string> -required-\n");
  const std::string dns = f.out("kubectl explain pod.spec.dnsConfig --recursive");
  CHECK(dns.find("not available") == std::string::npos);
  CHECK(dns.find("\n  options\t<[]PodDNSConfigOption>\n    name\t<string>\n    value\t<string>\n") != std::string::npos);
  CHECK(f.out("kubectl explain pod.spec.schedulingGates").find("not available") == std::string::npos);
  CHECK(f.out("kubectl explain pod.spec.readinessGates").find("not available") == std::string::npos);
  // PodResourceClaim's paragraph breaks stay.
  CHECK(f.out("kubectl explain pod.spec.resourceClaims.resourceClaimName")
            .find("this pod.\n    \n    Exactly one of") != std::string::npos);
}

TEST_CASE("kubectl explain reads Affinity and the node affinity tree", "[kubectl][explain]") {
  ShellFixture f;
  CHECK(f.out("kubectl explain pod.spec.affinity").find("  podAntiAffinity\t<PodAntiAffinity>\n") != std::string::npos);
  const std::string na = f.out("kubectl explain pod.spec.affinity.nodeAffinity --recursive");
  CHECK(na.find("not available") == std::string::npos);
  // NodeSelectorOperator carries +enum; its constants have no comments, so the values stand alone.
  CHECK(na.find("        operator\t<string> -required-\n        enum: DoesNotExist, Exists, Gt, In, ....\n") !=
        std::string::npos);
  CHECK(f.out("kubectl explain pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution."
              "nodeSelectorTerms.matchExpressions.operator")
            .find("Possible enum values:\n     - `\"DoesNotExist\"`\n     - `\"Exists\"`\n") != std::string::npos);
  // The pod (anti-)affinity terms are carried too, so all of Affinity explains recursively.
  const std::string all = f.out("kubectl explain pod.spec.affinity --recursive");
  CHECK(all.find("not available") == std::string::npos);
  CHECK(all.find("\n        topologyKey\t<string> -required-\n      weight\t<integer> -required-\n") != std::string::npos);
}
