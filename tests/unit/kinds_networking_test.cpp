// Ingress, IngressClass, NetworkPolicy and the RBAC kinds.
#include <catch2/catch.hpp>

#include "tests/unit/kinds_test_util.h"

using kt::Json;
using kt::test::Kind;

namespace {

// kubectl create ingress web --rule="foo.com/=web:80"
Json ingress_body() {
  return Json::parse(R"({"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web"},
    "spec":{"rules":[{"host":"foo.com","http":{"paths":[{"backend":{"service":{"name":"web","port":{"number":80}}},
    "path":"/","pathType":"Exact"}]}}]},"status":{"loadBalancer":{}}})");
}

}  // namespace

TEST_CASE("Ingress status and validation messages", "[kinds]") {
  Kind k("networking.k8s.io/v1", "Ingress");
  Json got = k.create(ingress_body());
  CHECK(got == ingress_body());
  CHECK(k.validate(got).empty());

  Json no_type = ingress_body();
  no_type["spec"]["rules"][0]["http"]["paths"][0].erase("pathType");
  CHECK(k.create_error(no_type) ==
        "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType "
        "must be specified");
  Json relative = ingress_body();
  relative["spec"]["rules"][0]["http"]["paths"][0]["path"] = "api";
  CHECK(k.create_error(relative) ==
        "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].http.paths[0].path: Invalid value: \"api\": must "
        "be an absolute path");
  Json no_port = ingress_body();
  no_port["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"].erase("port");
  CHECK(k.create_error(no_port) ==
        "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].http.paths[0].backend: Required value: port name "
        "or number is required");
  Json empty = ingress_body();
  empty["spec"] = Json::object();
  CHECK(k.create_error(empty) ==
        "Ingress.networking.k8s.io \"web\" is invalid: spec: Invalid value: []networking.IngressRule(nil): either "
        "`defaultBackend` or `rules` must be specified");
  Json ip_host = ingress_body();
  ip_host["spec"]["rules"][0]["host"] = "10.0.0.1";
  CHECK(k.create_error(ip_host) ==
        "Ingress.networking.k8s.io \"web\" is invalid: spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS "
        "name, not an IP address");
  Json wildcard = ingress_body();
  wildcard["spec"]["rules"][0]["host"] = "*.foo.com";
  CHECK(k.create_error(wildcard).empty());
}

TEST_CASE("IngressClass and NetworkPolicy defaults and messages", "[kinds]") {
  Kind ic("networking.k8s.io/v1", "IngressClass");
  Json cls = Json::parse(R"({"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"nginx"},
    "spec":{"controller":"k8s.io/ingress-nginx"}})");
  CHECK(ic.create_error(cls).empty());
  Json bad = cls;
  bad["spec"]["controller"] = "nginx";
  CHECK(ic.create_error(bad) ==
        "IngressClass.networking.k8s.io \"nginx\" is invalid: spec.controller: Invalid value: \"nginx\": must be a "
        "domain-prefixed path (such as \"acme.io/foo\")");

  Kind np("networking.k8s.io/v1", "NetworkPolicy");
  Json pol = Json::parse(R"({"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db"},
    "spec":{"podSelector":{"matchLabels":{"app":"db"}},"ingress":[{"ports":[{"port":5432}]}],"egress":[{}]}})");
  Json got = np.create(pol);
  CHECK(got["spec"]["policyTypes"] == Json::array({"Ingress", "Egress"}));
  CHECK(got["spec"]["ingress"][0]["ports"][0] == Json::parse(R"({"port":5432,"protocol":"TCP"})"));
  CHECK(np.validate(got).empty());
  Json deny_all = Json::parse(
      R"({"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"deny"},"spec":{}})");
  Json dgot = np.create(deny_all);
  CHECK(dgot["spec"] == Json::parse(R"({"podSelector":{},"policyTypes":["Ingress"]})"));
  Json bad_port = got;
  bad_port["spec"]["ingress"][0]["ports"][0]["port"] = 70000;
  CHECK(np.validate(bad_port) ==
        "NetworkPolicy.networking.k8s.io \"db\" is invalid: spec.ingress[0].ports[0].port: Invalid value: 70000: must "
        "be between 1 and 65535, inclusive");
}

TEST_CASE("RBAC defaults and messages", "[kinds]") {
  Kind rb("rbac.authorization.k8s.io/v1", "RoleBinding");
  // kubectl create rolebinding admin --clusterrole=admin --user=jane (apiGroup filled by defaults)
  Json b = Json::parse(R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"admin"},
    "roleRef":{"kind":"ClusterRole","name":"admin"},"subjects":[{"kind":"User","name":"jane"},
    {"kind":"ServiceAccount","name":"builder","namespace":"default"}]})");
  Json got = rb.create(b);
  CHECK(got["roleRef"] ==
        Json::parse(R"({"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin"})"));
  CHECK(got["subjects"][0]["apiGroup"] == "rbac.authorization.k8s.io");
  CHECK_FALSE(got["subjects"][1].contains("apiGroup"));
  CHECK(rb.validate(got).empty());
  Json changed = got;
  changed["roleRef"]["name"] = "edit";
  CHECK(rb.update_error(changed, got) ==
        "RoleBinding.rbac.authorization.k8s.io \"admin\" is invalid: roleRef: Invalid value: "
        "rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"edit\"}: cannot change "
        "roleRef");
  Json bad_kind = b;
  bad_kind["subjects"][0]["kind"] = "user";
  CHECK(rb.create_error(bad_kind) ==
        "RoleBinding.rbac.authorization.k8s.io \"admin\" is invalid: subjects[0].kind: Unsupported value: \"user\": "
        "supported values: \"ServiceAccount\", \"User\", \"Group\"");

  Kind crb("rbac.authorization.k8s.io/v1", "ClusterRoleBinding");
  Json cb =
      Json::parse(R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"x"},
    "roleRef":{"kind":"Role","name":"admin"},"subjects":[{"kind":"ServiceAccount","name":"builder"}]})");
  CHECK(crb.create_error(cb) ==
        "ClusterRoleBinding.rbac.authorization.k8s.io \"x\" is invalid: [roleRef.kind: Unsupported value: \"Role\": "
        "supported values: \"ClusterRole\", subjects[0].namespace: Required value]");

  Kind role("rbac.authorization.k8s.io/v1", "Role");
  Json r = Json::parse(R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"reader"},
    "rules":[{"apiGroups":[""],"resources":["pods"]}]})");
  CHECK(role.create_error(r) ==
        "Role.rbac.authorization.k8s.io \"reader\" is invalid: rules[0].verbs: Required value: verbs must contain at "
        "least one value");
  Json slash = r;
  slash["metadata"]["name"] = "a/b";
  slash["rules"][0]["verbs"] = Json::array({"get"});
  CHECK(
      role.create_error(slash) ==
      "Role.rbac.authorization.k8s.io \"a/b\" is invalid: metadata.name: Invalid value: \"a/b\": may not contain '/'");
  Json colon = slash;
  colon["metadata"]["name"] = "system:reader";
  CHECK(role.create_error(colon).empty());
}
