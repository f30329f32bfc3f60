// `kubectl create role|clusterrole` as kubectl v1.32 generates them
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_role.go, create_clusterrole.go):
//   --verb (deduplicated; `*` stands for all), --resource `pods`, `deployments.apps`,
//   `pods/status`, `*` (resolved through discovery: short names and singulars become
//   plurals, the group is filled in), --resource-name; clusterrole adds
//   --non-resource-url and --aggregation-rule.
// One rule per API group, groups in sorted order, resources in the order given; the
// non-resource URLs make a rule of their own at the end.
#include <algorithm>
#include <map>

#include "core/api/resources.h"
#include "core/kubectl/create_generators.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

const std::vector<std::string> kResourceVerbs = {"*",      "get",   "delete", "list",  "create",
                                                 "update", "patch", "watch",  "proxy", "deletecollection",
                                                 "use",    "bind",  "escalate", "impersonate"};
const std::vector<std::string> kNonResourceVerbs = {"*", "get", "post", "put", "delete", "patch", "head", "options"};

bool contains(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

// The verbs that only make sense on particular resources ("group/resource").
const std::map<std::string, std::vector<std::string>>& special_verbs() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"use", {"policy/podsecuritypolicies", "extensions/podsecuritypolicies"}},
      {"bind", {"rbac.authorization.k8s.io/roles", "rbac.authorization.k8s.io/clusterroles"}},
      {"escalate", {"rbac.authorization.k8s.io/roles", "rbac.authorization.k8s.io/clusterroles"}},
      {"impersonate", {"/users", "/serviceaccounts", "/groups", "authentication.k8s.io/userextras"}},
  };
  return m;
}

struct RuleResource {
  std::string group, resource, sub;
};

struct RoleSpec {
  std::vector<std::string> verbs, resource_names, urls;
  std::vector<RuleResource> resources;
};

std::vector<std::string> dedup(const std::vector<std::string>& xs) {
  std::vector<std::string> out;
  for (const auto& x : xs)
    if (!contains(out, x)) out.push_back(x);
  return out;
}

RoleSpec parse_spec(const ParsedArgs& a) {
  RoleSpec s;
  for (const auto& v : a.list("verb")) {
    if (v == "*") {
      s.verbs = {"*"};
      break;
    }
    if (!contains(s.verbs, v)) s.verbs.push_back(v);
  }
  for (const auto& r : a.list("resource")) {
    RuleResource rr;
    const auto slash = r.find('/');
    const std::string base = r.substr(0, slash);
    if (slash != std::string::npos) rr.sub = r.substr(slash + 1);
    const auto dot = base.find('.');
    rr.resource = base.substr(0, dot);
    if (dot != std::string::npos) rr.group = base.substr(dot + 1);
    if (rr.resource == "*" && dot == std::string::npos && slash == std::string::npos) {
      s.resources = {rr};
      break;
    }
    s.resources.push_back(rr);
  }
  s.resource_names = dedup(a.list("resource-name"));
  s.urls = dedup(a.list("non-resource-url"));
  return s;
}

// The RESTMapper's ResourceFor: the resource's plural and group, when discovery knows it.
const api::ResourceInfo* resource_for(Invocation& inv, const RuleResource& r) {
  return inv.sb.api().registry().resolve(r.group.empty() ? r.resource : r.resource + "." + r.group);
}

// The RESTMapper's NoResourceMatch, which kubectl prints without "error: ".
std::string no_match(const RuleResource& r) {
  return "the server doesn't have a resource type \"" + r.resource + "\"" +
         (r.group.empty() ? "" : " in group \"" + r.group + "\"");
}

// validateResource: "" or the error line's text.
std::string validate_resources(Invocation& inv, const RoleSpec& s) {
  for (const auto& r : s.resources) {
    if (r.resource.empty()) return "error: resource must be specified if apiGroup/subresource specified";
    if (r.resource == "*") return "";
    const api::ResourceInfo* found = resource_for(inv, r);
    const std::string group = found ? found->group : r.group, plural = found ? found->plural : r.resource;
    bool special_match = false;  // a special verb's own resource needs no discovery
    for (const auto& v : s.verbs) {
      auto it = special_verbs().find(v);
      if (it == special_verbs().end()) continue;
      if (!contains(it->second, group + "/" + plural))
        return "error: can not perform '" + v + "' on '" + plural + "' in group '" + group + "'";
      special_match = true;
    }
    if (!found && !special_match) return no_match(r);
  }
  return "";
}

std::string verb_warnings(const RoleSpec& s) {
  std::string out;
  for (const auto& v : s.verbs)
    if (!contains(kResourceVerbs, v)) out += "Warning: '" + v + "' is not a standard resource verb\n";
  return out;
}

Json strings(const std::vector<std::string>& xs) {
  Json a = Json::array();
  for (const auto& x : xs) a.push_back(x);
  return a;
}

Json rules(Invocation& inv, const RoleSpec& s) {
  std::map<std::string, std::vector<std::string>> by_group;  // sorted by group, as sets.StringKeySet(...).List()
  for (const auto& r : s.resources) {
    const api::ResourceInfo* found = resource_for(inv, r);
    const std::string group = found ? found->group : r.group;
    std::string plural = found ? found->plural : r.resource;
    if (!r.sub.empty()) plural += "/" + r.sub;
    auto& list = by_group[group];
    if (!contains(list, plural)) list.push_back(plural);
  }
  Json out = Json::array();
  for (const auto& [group, resources] : by_group) {
    Json rule = Json::object();
    rule["apiGroups"] = strings({group});
    if (!s.resource_names.empty()) rule["resourceNames"] = strings(s.resource_names);
    rule["resources"] = strings(resources);
    rule["verbs"] = strings(s.verbs);
    out.push_back(rule);
  }
  if (!s.urls.empty()) {
    Json rule = Json::object();
    rule["nonResourceURLs"] = strings(s.urls);
    rule["verbs"] = strings(s.verbs);
    out.push_back(rule);
  }
  return out;
}

CommandResult with_warnings(const std::string& warnings, CommandResult r) {
  r.output = warnings + r.output;
  return r;
}

CommandResult create_role(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!generator_name(inv, name, err)) return err;
  const RoleSpec s = parse_spec(inv.args);
  if (s.verbs.empty()) return fail("error: at least one verb must be specified\n");
  const std::string warn = verb_warnings(s);
  if (s.resources.empty()) return fail(warn + "error: at least one resource must be specified\n");
  const std::string e = validate_resources(inv, s);
  if (!e.empty()) return fail(warn + e + "\n");
  Json obj = Json::object();
  obj["apiVersion"] = "rbac.authorization.k8s.io/v1";
  obj["kind"] = "Role";
  obj["metadata"] = generator_meta(inv, name);
  obj["rules"] = rules(inv, s);
  return with_warnings(warn, create_generated(inv, "rbac.authorization.k8s.io", "roles", std::move(obj)));
}

// --aggregation-rule's key=value pairs (cliflag.MapStringString); "" or the error.
std::string aggregation_labels(const ParsedArgs& a, Json& out) {
  out = Json::object();
  for (const auto& value : a.list("aggregation-rule")) {
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      const std::string pair = value.substr(start, comma - start);
      start = comma + 1;
      if (pair.empty() && value.empty()) break;
      const auto eq = pair.find('=');
      if (eq == std::string::npos)
        return "invalid argument \"" + value + "\" for \"--aggregation-rule\" flag: malformed pair, expect string=string";
      out[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
  }
  return "";
}

std::string validate_urls(const RoleSpec& s) {
  for (const auto& v : s.verbs)
    if (!contains(kNonResourceVerbs, v)) return "invalid verb: '" + v + "' for nonResourceURL";
  for (const auto& u : s.urls) {
    if (u == "*") continue;
    if (u.empty() || u[0] != '/') return "nonResourceURL should start with /";
    if (u.substr(0, u.size() - 1).find('*') != std::string::npos)
      return "nonResourceURL only supports wildcard matches when '*' is at the end";
  }
  return "";
}

CommandResult create_clusterrole(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!generator_name(inv, name, err)) return err;
  const RoleSpec s = parse_spec(inv.args);
  Json labels;
  const std::string agg_error = aggregation_labels(inv.args, labels);
  if (!agg_error.empty())
    return fail("Error: " + agg_error + "\nSee 'kubectl " + inv.path + " --help' for usage.\n");
  Json meta = Json::object();
  meta["creationTimestamp"] = nullptr;
  meta["name"] = name;
  Json obj = Json::object();
  obj["apiVersion"] = "rbac.authorization.k8s.io/v1";
  obj["kind"] = "ClusterRole";
  obj["metadata"] = meta;
  std::string warn;
  if (!labels.empty()) {
    if (!s.urls.empty() || !s.verbs.empty() || !s.resources.empty() || !s.resource_names.empty())
      return fail(
          "error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames\n");
    Json selector = Json::object();
    selector["matchLabels"] = labels;
    obj["aggregationRule"]["clusterRoleSelectors"] = Json::array();
    obj["aggregationRule"]["clusterRoleSelectors"].push_back(selector);
    obj["rules"] = nullptr;  // ClusterRole.Rules has no omitempty: a nil slice prints as null
  } else {
    if (s.verbs.empty()) return fail("error: at least one verb must be specified\n");
    if (s.resources.empty() && s.urls.empty()) return fail("error: one of resource or nonResourceURL must be specified\n");
    if (!s.resources.empty()) {
      warn = verb_warnings(s);
      const std::string e = validate_resources(inv, s);
      if (!e.empty()) return fail(warn + e + "\n");
    }
    if (!s.urls.empty()) {
      const std::string e = validate_urls(s);
      if (!e.empty()) return fail(warn + "error: " + e + "\n");
    }
    obj["rules"] = rules(inv, s);
  }
  return with_warnings(warn,
                       create_generated(inv, "rbac.authorization.k8s.io", "clusterroles", std::move(obj)));
}

}  // namespace

std::vector<Command> rbac_generators() {
  const std::vector<FlagSpec> role = {{"verb", 0, K::StringList, "[]"},
                                      {"resource", 0, K::StringList, "[]"},
                                      {"resource-name", 0, K::StringArray, "[]"}};
  auto cluster = role;
  cluster.push_back({"non-resource-url", 0, K::StringList, "[]"});
  cluster.push_back({"aggregation-rule", 0, K::StringArray, "[]"});
  return {{"role", generator_flags(role), create_role, {}},
          {"clusterrole", generator_flags(cluster), create_clusterrole, {}}};
}

}  // namespace kt::kubectl
