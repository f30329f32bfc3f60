#include <catch2/catch.hpp>

#include <map>
#include <stdexcept>

#include "core/api/fields.h"

using namespace kt;
using namespace kt::api;

namespace {
std::string parse_error(std::string_view s) {
  try {
    FieldSelector::parse(s);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<no error>";
}
FieldSelector::Getter getter(std::map<std::string, std::string, std::less<>> m) {
  return [m](std::string_view f) -> std::optional<std::string> {
    auto it = m.find(f);
    if (it == m.end()) return std::nullopt;
    return it->second;
  };
}
}  // namespace

TEST_CASE("field selectors parse and print", "[fields]") {
  for (std::string s : {"x=a,y=b,z=c", "", "x!=a,y=b", R"(x=a||y\=b)", R"(x=a\=\=b)"}) {
    INFO(s);
    CHECK(FieldSelector::parse(s).to_string() == s);
  }
  CHECK(FieldSelector::parse("status.phase=Running,metadata.name=web").to_string() ==
        "metadata.name=web,status.phase=Running");  // terms are sorted
  CHECK(FieldSelector::parse("a==b").to_string() == "a=b");
  CHECK(FieldSelector::parse("x=a,,y=b").requirements().size() == 2);
  CHECK(FieldSelector::parse("").empty());

  auto reqs = FieldSelector::parse(R"(spec.nodeName!=,metadata.name=a\,b)").requirements();
  REQUIRE(reqs.size() == 2);
  CHECK(reqs[0] == FieldRequirement{"metadata.name", FieldRequirement::Op::Equals, "a,b"});
  CHECK(reqs[1] == FieldRequirement{"spec.nodeName", FieldRequirement::Op::NotEquals, ""});
  CHECK(FieldSelector::parse(R"(x=a\\b)").requirements()[0].value == R"(a\b)");
  CHECK(escape_field_value(R"(a\b,c=d)") == R"(a\\b\,c\=d)");
  CHECK(FieldSelector::parse("metadata.name=web").requires_exact_match("metadata.name") == std::optional<std::string>("web"));
  CHECK_FALSE(FieldSelector::parse("metadata.name!=web").requires_exact_match("metadata.name").has_value());
}

TEST_CASE("field selector parse errors carry the real messages", "[fields]") {
  CHECK(parse_error("x") == "invalid selector: 'x'; can't understand 'x'");
  CHECK(parse_error("x in (a)") == "invalid selector: 'x in (a)'; can't understand 'x in (a)'");
  CHECK(parse_error("x=a,b") == "invalid selector: 'x=a,b'; can't understand 'b'");
  // Go prints the offending rune with %v: its number.
  CHECK(parse_error("x=a||y=b") == "invalid field selector: unescaped character in value: 61");
  CHECK(parse_error("x==a==b") == "invalid field selector: unescaped character in value: 61");
  CHECK(parse_error(R"(x=\a)") == R"(invalid field selector: invalid escape sequence: \a)");
  CHECK(parse_error(R"(x=a\)") == R"(invalid field selector: invalid escape sequence: \)");
  CHECK(parse_error(R"(x=\\\)") == R"(invalid field selector: invalid escape sequence: \)");
}

TEST_CASE("field selectors match", "[fields]") {
  auto get = getter({{"status.phase", "Running"}, {"spec.nodeName", "node-1"}});
  CHECK(FieldSelector::parse("status.phase=Running").matches(get));
  CHECK_FALSE(FieldSelector::parse("status.phase!=Running").matches(get));
  CHECK(FieldSelector::parse("status.phase=Running,spec.nodeName!=node-2").matches(get));
  CHECK_FALSE(FieldSelector::parse("status.phase=Running,spec.nodeName=node-2").matches(get));
  CHECK(FieldSelector::parse("missing=").matches(get));  // absent reads as ""
  CHECK(FieldSelector::parse("missing!=x").matches(get));
  CHECK(FieldSelector::parse("").matches(get));
}

TEST_CASE("selectable fields of objects", "[fields]") {
  Json pod = Json::parse(R"({"kind": "Pod", "metadata": {"name": "web-0", "namespace": "default"},
    "spec": {"nodeName": "node-1", "restartPolicy": "Always", "schedulerName": "default-scheduler",
             "serviceAccountName": "default"},
    "status": {"phase": "Running", "podIP": "10.244.1.5", "podIPs": [{"ip": "10.244.1.5"}, {"ip": "fd00::5"}]}})");
  CHECK(field_value(pod, "metadata.name") == std::optional<std::string>("web-0"));
  CHECK(field_value(pod, "metadata.namespace") == std::optional<std::string>("default"));
  CHECK(field_value(pod, "spec.nodeName") == std::optional<std::string>("node-1"));
  CHECK(field_value(pod, "spec.host") == std::optional<std::string>("node-1"));
  CHECK(field_value(pod, "spec.restartPolicy") == std::optional<std::string>("Always"));
  CHECK(field_value(pod, "spec.schedulerName") == std::optional<std::string>("default-scheduler"));
  CHECK(field_value(pod, "spec.serviceAccountName") == std::optional<std::string>("default"));
  CHECK(field_value(pod, "spec.hostNetwork") == std::optional<std::string>("false"));
  CHECK(field_value(pod, "status.phase") == std::optional<std::string>("Running"));
  CHECK(field_value(pod, "status.podIP") == std::optional<std::string>("10.244.1.5"));
  CHECK(field_value(pod, "status.nominatedNodeName") == std::optional<std::string>(""));
  CHECK_FALSE(field_value(pod, "spec.containers").has_value());
  CHECK(FieldSelector::parse("spec.nodeName=node-1,status.phase!=Pending").matches_object(pod));
  pod["spec"]["hostNetwork"] = true;
  CHECK(field_value(pod, "spec.hostNetwork") == std::optional<std::string>("true"));
  Json pending = Json::parse(R"({"kind": "Pod", "metadata": {"name": "p"}, "status": {"phase": "Pending"}})");
  CHECK(FieldSelector::parse("spec.nodeName=").matches_object(pending));
  CHECK(field_value(pending, "metadata.namespace") == std::optional<std::string>(""));

  Json ev = Json::parse(R"({"kind": "Event", "metadata": {"name": "web-0.17a", "namespace": "default"},
    "involvedObject": {"kind": "Pod", "name": "web-0", "namespace": "default", "uid": "u-1", "apiVersion": "v1",
                       "resourceVersion": "42", "fieldPath": "spec.containers{web}"},
    "reason": "Scheduled", "type": "Normal", "reportingComponent": "default-scheduler", "source": {}})");
  CHECK(field_value(ev, "involvedObject.kind") == std::optional<std::string>("Pod"));
  CHECK(field_value(ev, "involvedObject.name") == std::optional<std::string>("web-0"));
  CHECK(field_value(ev, "involvedObject.uid") == std::optional<std::string>("u-1"));
  CHECK(field_value(ev, "involvedObject.fieldPath") == std::optional<std::string>("spec.containers{web}"));
  CHECK(field_value(ev, "reason") == std::optional<std::string>("Scheduled"));
  CHECK(field_value(ev, "type") == std::optional<std::string>("Normal"));
  CHECK(field_value(ev, "reportingComponent") == std::optional<std::string>("default-scheduler"));
  CHECK(field_value(ev, "source") == std::optional<std::string>("default-scheduler"));  // falls back
  ev["source"]["component"] = "kubelet";
  CHECK(field_value(ev, "source") == std::optional<std::string>("kubelet"));
  CHECK(FieldSelector::parse("involvedObject.kind=Pod,involvedObject.name=web-0").matches_object(ev));

  Json node = Json::parse(R"({"kind": "Node", "metadata": {"name": "node-1"}, "spec": {"unschedulable": true}})");
  CHECK(field_value(node, "spec.unschedulable") == std::optional<std::string>("true"));
  CHECK_FALSE(field_value(node, "metadata.namespace").has_value());
  CHECK(field_value(Json::parse(R"({"kind": "Node", "metadata": {"name": "n"}})"), "spec.unschedulable") ==
        std::optional<std::string>("false"));
  CHECK(field_value(Json::parse(R"({"kind": "Secret", "metadata": {"name": "s"}, "type": "Opaque"})"), "type") ==
        std::optional<std::string>("Opaque"));
  CHECK(field_value(Json::parse(R"({"kind": "Namespace", "status": {"phase": "Active"}})"), "status.phase") ==
        std::optional<std::string>("Active"));
  CHECK(field_value(Json::parse(R"({"kind": "ReplicaSet", "status": {"replicas": 3}})"), "status.replicas") ==
        std::optional<std::string>("3"));
  CHECK(field_value(Json::parse(R"({"kind": "ReplicationController", "status": {}})"), "status.replicas") ==
        std::optional<std::string>("0"));
  CHECK(field_value(Json::parse(R"({"kind": "Job", "status": {"succeeded": 1}})"), "status.successful") ==
        std::optional<std::string>("1"));
  CHECK(field_value(Json::parse(R"({"kind": "Service", "spec": {"clusterIP": "None", "type": "ClusterIP"}})"),
                    "spec.clusterIP") == std::optional<std::string>("None"));
  CHECK(field_value(Json::parse(R"({"kind": "Deployment", "metadata": {"name": "d", "namespace": "ns"}})"),
                    "metadata.namespace") == std::optional<std::string>("ns"));
}

TEST_CASE("fields the API server accepts, and its errors", "[fields]") {
  CHECK(field_supported("pods", "status.phase"));
  CHECK(field_supported("pods", "spec.nodeName"));
  CHECK(field_supported("pods", "spec.host"));
  CHECK(canonical_field_label("pods", "spec.host") == "spec.nodeName");
  CHECK(field_supported("events", "involvedObject.name"));
  CHECK(field_supported("nodes", "spec.unschedulable"));
  CHECK_FALSE(field_supported("nodes", "metadata.namespace"));
  CHECK(field_supported("namespaces", "status.phase"));
  CHECK(field_supported("secrets", "type"));
  CHECK(field_supported("services", "spec.type"));
  CHECK(field_supported("replicationcontrollers", "status.replicas"));
  CHECK(field_supported("jobs.batch", "status.successful"));
  CHECK(field_supported("jobs", "status.successful"));
  CHECK(field_supported("deployments.apps", "metadata.name"));
  CHECK_FALSE(field_supported("replicasets.apps", "status.replicas"));

  CHECK_FALSE(field_label_error("pods", "metadata.name").has_value());
  CHECK(field_label_error("pods", "foo") == std::optional<std::string>("field label not supported: foo"));
  CHECK(field_label_error("nodes", "metadata.namespace") ==
        std::optional<std::string>("field label not supported: metadata.namespace"));
  CHECK(field_label_error("jobs.batch", "status.succeeded") ==
        std::optional<std::string>("field label \"status.succeeded\" not supported for batchv1.Job"));
  CHECK(field_label_error("replicasets.apps", "status.replicas") ==
        std::optional<std::string>(
            "\"status.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""));
  CHECK(field_label_error("deployments.apps", "spec.replicas") ==
        std::optional<std::string>(
            "\"spec.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""));
}
