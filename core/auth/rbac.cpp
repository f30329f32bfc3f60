// The privileged-group and RBAC authorizers (see rbac.h). Map of this file:
//   1. users: the sandbox's admin, impersonation
//   2. rule matching (evaluation_helpers.go)
//   3. visiting the bindings that apply to a user (rule_resolver.go's VisitRulesFor)
//   4. authorize and rules_for
#include "core/auth/rbac.h"

#include <algorithm>
#include <functional>

namespace kt::auth {
namespace {

const char* const kRbacGroup = "rbac.authorization.k8s.io";

bool has(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

std::vector<std::string> strings(const Json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

// ---- 1. users -------------------------------------------------------------------------------

UserInfo sandbox_admin() { return {"kubernetes-admin", "", {"system:masters", "system:authenticated"}}; }

UserInfo impersonated(const std::string& user, const std::vector<std::string>& groups, const std::string& uid) {
  UserInfo u{user, uid, groups};
  // serviceaccount.SplitUsername: system:serviceaccount:NS:NAME with both parts set.
  const std::string prefix = "system:serviceaccount:";
  if (user.rfind(prefix, 0) == 0 && groups.empty()) {
    const std::string rest = user.substr(prefix.size());
    const auto colon = rest.find(':');
    if (colon != std::string::npos && colon > 0 && colon + 1 < rest.size() &&
        rest.find(':', colon + 1) == std::string::npos)
      u.groups = {"system:serviceaccounts", "system:serviceaccounts:" + rest.substr(0, colon)};
  }
  if (user == "system:anonymous") {
    if (!has(u.groups, "system:unauthenticated")) u.groups.push_back("system:unauthenticated");
  } else if (!has(u.groups, "system:authenticated")) {
    u.groups.push_back("system:authenticated");
  }
  return u;
}

// ---- 2. rule matching -----------------------------------------------------------------------

Rule rule_from_json(const Json& r) {
  return {strings(r.value("verbs", Json())), strings(r.value("apiGroups", Json())),
          strings(r.value("resources", Json())), strings(r.value("resourceNames", Json())),
          strings(r.value("nonResourceURLs", Json()))};
}

bool rule_allows(const Attributes& a, const Rule& rule) {
  const bool verb = has(rule.verbs, "*") || has(rule.verbs, a.verb);
  if (!a.resource_request) {
    if (!verb) return false;
    for (const auto& url : rule.non_resource_urls) {
      if (url == "*" || url == a.path) return true;
      // "/apis/*" covers "/apis/apps" and "/apis/" but not "/apis".
      if (!url.empty() && url.back() == '*' && a.path.rfind(url.substr(0, url.size() - 1), 0) == 0) return true;
    }
    return false;
  }
  if (!verb) return false;
  if (!has(rule.api_groups, "*") && !has(rule.api_groups, a.group)) return false;
  const std::string combined = a.subresource.empty() ? a.resource : a.resource + "/" + a.subresource;
  bool resource = false;
  for (const auto& r : rule.resources) {
    if (r == "*" || r == combined) resource = true;
    // "*/scale" grants the scale subresource of every resource.
    else if (!a.subresource.empty() && r == "*/" + a.subresource) resource = true;
  }
  if (!resource) return false;
  return rule.resource_names.empty() || has(rule.resource_names, a.name);
}

// ---- 3. bindings ----------------------------------------------------------------------------
namespace {

// `Kind "name"` as describeSubject writes a binding's subject.
std::string describe_subject(const Json& s, const std::string& binding_ns) {
  const std::string kind = s.value("kind", std::string());
  const std::string name = s.value("name", std::string());
  if (kind == "ServiceAccount") {
    const std::string ns = s.value("namespace", std::string());
    return kind + " \"" + name + "/" + (ns.empty() ? binding_ns : ns) + "\"";
  }
  return kind + " \"" + name + "\"";
}

// appliesTo: the first subject of the binding that names the user, or null.
const Json* subject_for(const UserInfo& user, const Json& binding, const std::string& binding_ns) {
  const Json& subjects = api::field(binding, {"subjects"});
  if (!subjects.is_array()) return nullptr;
  for (const auto& s : subjects) {
    const std::string kind = s.value("kind", std::string());
    const std::string name = s.value("name", std::string());
    if (kind == "User" && user.username == name) return &s;
    if (kind == "Group" && has(user.groups, name)) return &s;
    if (kind == "ServiceAccount") {
      std::string ns = s.value("namespace", std::string());
      if (ns.empty()) ns = binding_ns;
      if (!ns.empty() && user.username == "system:serviceaccount:" + ns + ":" + name) return &s;
    }
  }
  return nullptr;
}

// visitor(source, rule, error): return false to stop visiting.
using Visitor = std::function<bool(const std::string& source, const Rule* rule, const std::string& error)>;

// getRoleReferenceRules: the rules of the binding's role, or its NotFound message.
bool role_rules(const api::ApiServer& api, const Json& role_ref, const std::string& binding_ns,
                std::vector<Rule>& rules, std::string& error) {
  const std::string kind = role_ref.value("kind", std::string());
  const std::string name = role_ref.value("name", std::string());
  api::ObjectPtr role;
  if (kind == "ClusterRole") {
    role = api.try_get(api.resource(kRbacGroup, "clusterroles"), "", name);
    if (!role) error = "clusterrole.rbac.authorization.k8s.io \"" + name + "\" not found";
  } else if (kind == "Role") {
    role = api.try_get(api.resource(kRbacGroup, "roles"), binding_ns, name);
    if (!role) error = "role.rbac.authorization.k8s.io \"" + name + "\" not found";
  } else {
    error = "unsupported role reference kind: \"" + kind + "\"";
  }
  if (!role) return false;
  const Json& rs = api::field(*role, {"rules"});
  if (rs.is_array())
    for (const auto& r : rs) rules.push_back(rule_from_json(r));
  return true;
}

void visit_rules_for(const api::ApiServer& api, const UserInfo& user, const std::string& ns, const Visitor& visit) {
  for (const auto& b : api.list(api.resource(kRbacGroup, "clusterrolebindings"), "").items) {
    const Json* subject = subject_for(user, *b, "");
    if (!subject) continue;
    const Json& ref = api::field(*b, {"roleRef"});
    std::vector<Rule> rules;
    std::string error;
    if (!role_rules(api, ref, "", rules, error)) {
      if (!visit("", nullptr, error)) return;
      continue;
    }
    const std::string source = "ClusterRoleBinding \"" + api::meta::name(*b) + "\" of " +
                               ref.value("kind", std::string()) + " \"" + ref.value("name", std::string()) + "\" to " +
                               describe_subject(*subject, "");
    for (const auto& r : rules)
      if (!visit(source, &r, "")) return;
  }
  if (ns.empty()) return;
  for (const auto& b : api.list(api.resource(kRbacGroup, "rolebindings"), ns).items) {
    const Json* subject = subject_for(user, *b, ns);
    if (!subject) continue;
    const Json& ref = api::field(*b, {"roleRef"});
    std::vector<Rule> rules;
    std::string error;
    if (!role_rules(api, ref, ns, rules, error)) {
      if (!visit("", nullptr, error)) return;
      continue;
    }
    const std::string source = "RoleBinding \"" + api::meta::name(*b) + "/" + ns + "\" of " +
                               ref.value("kind", std::string()) + " \"" + ref.value("name", std::string()) + "\" to " +
                               describe_subject(*subject, ns);
    for (const auto& r : rules)
      if (!visit(source, &r, "")) return;
  }
}

// utilerrors.NewAggregate(errs).Error(): one message alone, several in brackets.
std::string aggregate(const std::vector<std::string>& errors) {
  std::vector<std::string> unique;
  for (const auto& e : errors)
    if (!has(unique, e)) unique.push_back(e);
  if (unique.size() == 1) return unique[0];
  std::string out = "[";
  for (std::size_t i = 0; i < unique.size(); ++i) out += (i ? ", " : "") + unique[i];
  return out + "]";
}

}  // namespace

// ---- 4. authorize and rules_for -------------------------------------------------------------

Decision authorize(const api::ApiServer& api, const UserInfo& user, const Attributes& attrs) {
  if (has(user.groups, "system:masters")) return {true, ""};
  Decision d;
  std::vector<std::string> errors;
  visit_rules_for(api, user, attrs.ns, [&](const std::string& source, const Rule* rule, const std::string& error) {
    if (rule && rule_allows(attrs, *rule)) {
      d = {true, "RBAC: allowed by " + source};
      return false;
    }
    if (!error.empty()) errors.push_back(error);
    return true;
  });
  if (!d.allowed && !errors.empty()) d.reason = "RBAC: " + aggregate(errors);
  return d;
}

RulesResult rules_for(const api::ApiServer& api, const UserInfo& user, const std::string& ns) {
  RulesResult out;
  visit_rules_for(api, user, ns, [&](const std::string&, const Rule* rule, const std::string& error) {
    if (rule) out.rules.push_back(*rule);
    if (!error.empty()) out.errors.push_back(error);
    return true;
  });
  return out;
}

}  // namespace kt::auth
