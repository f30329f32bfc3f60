// The RBAC evaluator (core/auth/rbac.*) and the reviews built on it: rule matching
// table by table, bindings across namespaces, decision reasons, impersonation.
#include <catch2/catch.hpp>

#include "core/api/apiserver.h"
#include "core/auth/access_review.h"
#include "core/auth/rbac.h"

using namespace kt;
using namespace kt::auth;

namespace {

Attributes res(std::string verb, std::string group, std::string resource, std::string sub = "", std::string name = "",
               std::string ns = "default") {
  Attributes a;
  a.verb = std::move(verb);
  a.group = std::move(group);
  a.resource = std::move(resource);
  a.subresource = std::move(sub);
  a.name = std::move(name);
  a.ns = std::move(ns);
  return a;
}

Attributes url(std::string verb, std::string path) {
  Attributes a;
  a.resource_request = false;
  a.verb = std::move(verb);
  a.path = std::move(path);
  return a;
}

struct Fixture {
  sim::Simulator sim{sim::Time{1736931600LL * 1000000}};
  api::ApiServer api{sim, sim::Random(1)};
  const api::ResourceInfo& ns = api.resource("", "namespaces");

  Fixture() {
    for (const char* n : {"default", "dev", "prod"}) api.create(ns, "", {{"metadata", {{"name", n}}}});
  }
  void make(const std::string& plural, const std::string& namespace_, const std::string& json) {
    api.create(api.resource("rbac.authorization.k8s.io", plural), namespace_, Json::parse(json));
  }
};

}  // namespace

TEST_CASE("rule_allows matches verbs, groups, resources, subresources and names as RBAC does", "[auth][rbac]") {
  struct Row {
    const char* rule;
    Attributes attrs;
    bool allowed;
  };
  const std::vector<Row> rows = {
      {R"({"verbs":["get"],"apiGroups":[""],"resources":["pods"]})", res("get", "", "pods"), true},
      {R"({"verbs":["get"],"apiGroups":[""],"resources":["pods"]})", res("list", "", "pods"), false},
      {R"({"verbs":["get"],"apiGroups":[""],"resources":["pods"]})", res("get", "apps", "pods"), false},
      {R"({"verbs":["*"],"apiGroups":["*"],"resources":["*"]})", res("escalate", "rbac.authorization.k8s.io", "roles"), true},
      // A resource grants no subresource; "pods/log" and "*/scale" do.
      {R"({"verbs":["get"],"apiGroups":[""],"resources":["pods"]})", res("get", "", "pods", "log"), false},
      {R"({"verbs":["get"],"apiGroups":[""],"resources":["pods/log"]})", res("get", "", "pods", "log"), true},
      {R"({"verbs":["get"],"apiGroups":[""],"resources":["pods/log"]})", res("get", "", "pods"), false},
      {R"({"verbs":["update"],"apiGroups":["apps"],"resources":["*/scale"]})",
       res("update", "apps", "deployments", "scale"), true},
      {R"({"verbs":["update"],"apiGroups":["apps"],"resources":["*/scale"]})", res("update", "apps", "deployments"),
       false},
      {R"({"verbs":["get"],"apiGroups":[""],"resources":["*"]})", res("get", "", "pods", "exec"), true},
      // resourceNames narrow the rule; a request without a name does not match them.
      {R"({"verbs":["get"],"apiGroups":[""],"resources":["configmaps"],"resourceNames":["a"]})",
       res("get", "", "configmaps", "", "a"), true},
      {R"({"verbs":["get"],"apiGroups":[""],"resources":["configmaps"],"resourceNames":["a"]})",
       res("get", "", "configmaps", "", "b"), false},
      {R"({"verbs":["get"],"apiGroups":[""],"resources":["configmaps"],"resourceNames":["a"]})",
       res("get", "", "configmaps"), false},
      // Non-resource URLs: exact, "*" and a trailing-star prefix.
      {R"({"verbs":["get"],"nonResourceURLs":["/healthz"]})", url("get", "/healthz"), true},
      {R"({"verbs":["get"],"nonResourceURLs":["/healthz"]})", url("get", "/healthz/etcd"), false},
      {R"({"verbs":["get"],"nonResourceURLs":["/logs/*"]})", url("get", "/logs/kube.log"), true},
      {R"({"verbs":["get"],"nonResourceURLs":["/logs/*"]})", url("get", "/logs"), false},
      {R"({"verbs":["*"],"nonResourceURLs":["*"]})", url("post", "/anything"), true},
      {R"({"verbs":["get"],"nonResourceURLs":["/healthz"]})", url("post", "/healthz"), false},
      // A resource rule never grants a URL and a URL rule never a resource.
      {R"({"verbs":["*"],"apiGroups":["*"],"resources":["*"]})", url("get", "/healthz"), false},
      {R"({"verbs":["*"],"nonResourceURLs":["*"]})", res("get", "", "pods"), false},
  };
  for (const auto& row : rows) {
    INFO(row.rule << " verb=" << row.attrs.verb << " resource=" << row.attrs.resource << " sub="
                  << row.attrs.subresource << " name=" << row.attrs.name << " path=" << row.attrs.path);
    CHECK(rule_allows(row.attrs, rule_from_json(Json::parse(row.rule))) == row.allowed);
  }
}

TEST_CASE("authorize follows bindings: cluster-wide, per namespace, to users, groups and service accounts",
          "[auth][rbac]") {
  Fixture f;
  f.make("clusterroles", "", R"({"metadata":{"name":"pod-reader"},
      "rules":[{"verbs":["get","list"],"apiGroups":[""],"resources":["pods"]}]})");
  f.make("roles", "dev", R"({"metadata":{"name":"cm-editor"},
      "rules":[{"verbs":["*"],"apiGroups":[""],"resources":["configmaps"]}]})");
  f.make("rolebindings", "dev", R"({"metadata":{"name":"alice-pods"},
      "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"pod-reader"},
      "subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"alice"}]})");
  f.make("rolebindings", "dev", R"({"metadata":{"name":"bot-cm"},
      "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"cm-editor"},
      "subjects":[{"kind":"ServiceAccount","name":"bot"}]})");
  f.make("clusterrolebindings", "", R"({"metadata":{"name":"ops-read"},
      "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"pod-reader"},
      "subjects":[{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"ops"}]})");

  const UserInfo alice = impersonated("alice", {}, "");
  CHECK(alice.groups == std::vector<std::string>{"system:authenticated"});
  Decision d = authorize(f.api, alice, res("list", "", "pods", "", "", "dev"));
  CHECK(d.allowed);
  CHECK(d.reason == R"(RBAC: allowed by RoleBinding "alice-pods/dev" of ClusterRole "pod-reader" to User "alice")");
  // A RoleBinding grants nothing outside its namespace, nor cluster-wide.
  CHECK_FALSE(authorize(f.api, alice, res("list", "", "pods", "", "", "prod")).allowed);
  CHECK_FALSE(authorize(f.api, alice, res("list", "", "pods", "", "", "")).allowed);
  CHECK_FALSE(authorize(f.api, alice, res("delete", "", "pods", "", "", "dev")).allowed);

  // A ClusterRoleBinding grants in every namespace and cluster-wide.
  const UserInfo bob = impersonated("bob", {"ops"}, "");
  CHECK(bob.groups == std::vector<std::string>{"ops", "system:authenticated"});
  d = authorize(f.api, bob, res("get", "", "pods", "", "x", "prod"));
  CHECK(d.allowed);
  CHECK(d.reason == R"(RBAC: allowed by ClusterRoleBinding "ops-read" of ClusterRole "pod-reader" to Group "ops")");
  CHECK(authorize(f.api, bob, res("list", "", "pods", "", "", "")).allowed);

  // A ServiceAccount subject without a namespace means the binding's namespace.
  const UserInfo bot = impersonated("system:serviceaccount:dev:bot", {}, "");
  CHECK(bot.groups ==
        std::vector<std::string>{"system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"});
  d = authorize(f.api, bot, res("create", "", "configmaps", "", "", "dev"));
  CHECK(d.allowed);
  CHECK(d.reason == R"(RBAC: allowed by RoleBinding "bot-cm/dev" of Role "cm-editor" to ServiceAccount "bot/dev")");
  CHECK_FALSE(authorize(f.api, impersonated("system:serviceaccount:prod:bot", {}, ""),
                        res("create", "", "configmaps", "", "", "dev"))
                  .allowed);

  // system:masters may do anything, with no reason.
  d = authorize(f.api, sandbox_admin(), res("escalate", "x", "y"));
  CHECK(d.allowed);
  CHECK(d.reason.empty());
  CHECK(authorize(f.api, sandbox_admin(), url("get", "/healthz")).allowed);

  // A denial says nothing, unless a binding names a role that does not exist.
  d = authorize(f.api, impersonated("carol", {}, ""), res("get", "", "pods", "", "", "dev"));
  CHECK_FALSE(d.allowed);
  CHECK(d.reason.empty());
  f.make("rolebindings", "dev", R"({"metadata":{"name":"carol"},
      "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"missing"},
      "subjects":[{"kind":"User","name":"carol"}]})");
  d = authorize(f.api, impersonated("carol", {}, ""), res("get", "", "pods", "", "", "dev"));
  CHECK_FALSE(d.allowed);
  CHECK(d.reason == R"(RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found)");
}

TEST_CASE("the review resources answer access, rules and self-subject reviews", "[auth][rbac]") {
  Fixture f;
  f.make("clusterroles", "", R"({"metadata":{"name":"r"},
      "rules":[{"verbs":["get"],"apiGroups":[""],"resources":["pods"],"resourceNames":["web"]},
               {"verbs":["get"],"nonResourceURLs":["/healthz"]}]})");
  f.make("rolebindings", "dev", R"({"metadata":{"name":"b"},
      "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"r"},
      "subjects":[{"kind":"User","name":"dana"}]})");
  const UserInfo dana = impersonated("dana", {}, "");

  Json sar = Json::parse(R"({"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview",
      "spec":{"user":"dana","resourceAttributes":{"namespace":"dev","verb":"get","resource":"pods","name":"web"}}})");
  Json out = create_review(f.api, sandbox_admin(), "subjectaccessreviews", "", sar);
  CHECK(out["status"]["allowed"] == true);
  CHECK(out["metadata"]["creationTimestamp"].is_null());

  Json ssar = Json::parse(R"({"spec":{"resourceAttributes":{"namespace":"dev","verb":"get","resource":"pods"}}})");
  out = create_review(f.api, dana, "selfsubjectaccessreviews", "", ssar);
  CHECK(out["kind"] == "SelfSubjectAccessReview");
  CHECK(out["status"] == Json::parse(R"({"allowed":false})"));

  // Exactly one of resourceAttributes and nonResourceAttributes.
  CHECK_THROWS_AS(create_review(f.api, dana, "selfsubjectaccessreviews", "", Json::parse(R"({"spec":{}})")),
                  api::ApiError);
  // A SubjectAccessReview needs a user or a group.
  CHECK_THROWS_AS(create_review(f.api, dana, "subjectaccessreviews", "",
                                Json::parse(R"({"spec":{"nonResourceAttributes":{"path":"/","verb":"get"}}})")),
                  api::ApiError);

  out = create_review(f.api, dana, "selfsubjectrulesreviews", "", Json::parse(R"({"spec":{"namespace":"dev"}})"));
  CHECK(out["status"]["resourceRules"] ==
        Json::parse(R"([{"verbs":["get"],"apiGroups":[""],"resources":["pods"],"resourceNames":["web"]}])"));
  CHECK(out["status"]["nonResourceRules"] == Json::parse(R"([{"verbs":["get"],"nonResourceURLs":["/healthz"]}])"));
  CHECK(out["status"]["incomplete"] == false);
  CHECK_THROWS_AS(create_review(f.api, dana, "selfsubjectrulesreviews", "", Json::parse(R"({"spec":{}})")),
                  api::ApiError);

  out = create_review(f.api, dana, "selfsubjectreviews", "", Json::object());
  CHECK(out["status"]["userInfo"] == Json::parse(R"({"username":"dana","groups":["system:authenticated"]})"));
  CHECK(impersonated("system:anonymous", {}, "").groups == std::vector<std::string>{"system:unauthenticated"});
}
