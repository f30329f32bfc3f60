// Authorization as kube-apiserver v1.32 decides it with `--authorization-mode=Node,RBAC`
// for a user who is not a node: first the privileged-group authorizer (members of
// system:masters may do anything, with no reason given), then the RBAC authorizer
// (plugin/pkg/auth/authorizer/rbac/rbac.go) over the stored ClusterRoleBindings and,
// in a namespace, that namespace's RoleBindings, matching rules as
// pkg/apis/rbac/v1/evaluation_helpers.go does: `*` verbs, groups and resources,
// `*/subresource`, `pods/log`-style subresources, resourceNames, nonResourceURLs with
// a trailing `*`. Bindings to a role that does not exist contribute the NotFound
// error kube reports in its denial reason.
//
// The evaluator only answers questions (the access reviews, `kubectl auth can-i`);
// the sandbox's API server does not enforce RBAC on its own requests.
#pragma once

#include <string>
#include <vector>

#include "core/api/apiserver.h"

namespace kt::auth {

struct UserInfo {
  std::string username;
  std::string uid;
  std::vector<std::string> groups;
};

// The sandbox's own user, as kubeadm's admin kubeconfig authenticates it.
UserInfo sandbox_admin();

// The user an impersonating request acts as (Impersonate-User / --as and
// Impersonate-Group / --as-group), with the groups kube-apiserver adds: a service
// account's system:serviceaccounts and system:serviceaccounts:NS when no group is
// given, and system:authenticated for everyone but system:anonymous.
UserInfo impersonated(const std::string& user, const std::vector<std::string>& groups, const std::string& uid);

// authorizer.Attributes: a resource request or a non-resource URL.
struct Attributes {
  std::string verb;
  bool resource_request = true;
  std::string ns, group, resource, subresource, name;
  std::string path;  // non-resource requests
};

struct Decision {
  bool allowed = false;
  std::string reason;  // `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"`
};

Decision authorize(const api::ApiServer& api, const UserInfo& user, const Attributes& attrs);

// A PolicyRule (rbac/v1) as it appears in rules reviews.
struct Rule {
  std::vector<std::string> verbs, api_groups, resources, resource_names, non_resource_urls;
};

struct RulesResult {
  std::vector<Rule> rules;        // in the order the bindings were visited
  std::vector<std::string> errors;  // NotFound messages of missing roles
};

// RulesFor(user, namespace): every rule that applies to the user in the namespace
// (cluster-wide bindings first); the SelfSubjectRulesReview's answer.
RulesResult rules_for(const api::ApiServer& api, const UserInfo& user, const std::string& ns);

// evaluation_helpers.go's RuleAllows.
bool rule_allows(const Attributes& attrs, const Rule& rule);
Rule rule_from_json(const Json& rule);

}  // namespace kt::auth
