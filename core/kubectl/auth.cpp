// `kubectl auth can-i|whoami|reconcile` as kubectl v1.32 runs them
// (staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go, whoami.go): can-i resolves the
// resource as kubectl's RESTMapper does, prints its warnings, posts a
// SelfSubjectAccessReview (or a SelfSubjectRulesReview for --list) and answers
// yes/no with the exit status; whoami posts a SelfSubjectReview. The reviews are
// answered by core/auth (as `kubetab serve` answers the real kubectl's); --as and
// --as-group impersonate as the Impersonate-* headers do.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/auth/access_review.h"
#include "core/kubectl/command.h"
#include "core/kubectl/extra_commands.h"
#include "core/kubectl/output.h"
#include "core/printers/tabwriter.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

// The user the request acts as: the sandbox's admin, or whom --as names.
auth::UserInfo requester(const Invocation& inv) {
  if (!inv.args.has("as") || inv.args.str("as").empty()) return auth::sandbox_admin();
  return auth::impersonated(inv.args.str("as"), inv.args.list("as-group"), inv.args.str("as-uid"));
}

const std::set<std::string>& resource_verbs() {
  static const std::set<std::string> v = {"get",         "list", "watch", "create", "update",   "patch",
                                          "delete",      "deletecollection", "use",    "bind",   "impersonate",
                                          "*",           "approve", "sign",  "escalate", "attest"};
  return v;
}

const std::set<std::string>& non_resource_verbs() {
  static const std::set<std::string> v = {"get", "put", "post", "head", "options", "delete", "patch", "*"};
  return v;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Go's fmt %v of a []string: "[a b]".
std::string go_list(const std::vector<std::string>& xs) {
  std::string out = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) out += (i ? " " : "") + xs[i];
  return out + "]";
}

// ---- --list: rbacutil.BreakdownRule, CompactRules, SortableRuleSlice ------------------------

std::vector<auth::Rule> breakdown(const auth::Rule& r) {
  std::vector<auth::Rule> out;
  for (const auto& g : r.api_groups)
    for (const auto& res : r.resources)
      for (const auto& v : r.verbs) {
        if (r.resource_names.empty()) out.push_back({{v}, {g}, {res}, {}, {}});
        for (const auto& n : r.resource_names) out.push_back({{v}, {g}, {res}, {n}, {}});
      }
  for (const auto& url : r.non_resource_urls)
    for (const auto& v : r.verbs) out.push_back({{v}, {}, {}, {}, {url}});
  return out;
}

// Rules with one group, one resource and at most one name merge their verbs.
std::vector<auth::Rule> compact(const std::vector<auth::Rule>& rules) {
  std::vector<auth::Rule> out, simple;
  for (const auto& r : rules) {
    const bool is_simple = r.resource_names.size() <= 1 && r.non_resource_urls.empty() && r.api_groups.size() == 1 &&
                           r.resources.size() == 1;
    if (!is_simple) {
      out.push_back(r);
      continue;
    }
    auto it = std::find_if(simple.begin(), simple.end(), [&](const auth::Rule& s) {
      return s.api_groups == r.api_groups && s.resources == r.resources && s.resource_names == r.resource_names;
    });
    if (it == simple.end()) {
      simple.push_back(r);
      continue;
    }
    for (const auto& v : r.verbs)
      if (std::find(it->verbs.begin(), it->verbs.end(), v) == it->verbs.end()) it->verbs.push_back(v);
  }
  out.insert(out.end(), simple.begin(), simple.end());
  return out;
}

// The generated PolicyRule.String() that SortableRuleSlice compares.
std::string rule_string(const auth::Rule& r) {
  return "&PolicyRule{Verbs:" + go_list(r.verbs) + ",APIGroups:" + go_list(r.api_groups) +
         ",Resources:" + go_list(r.resources) + ",ResourceNames:" + go_list(r.resource_names) +
         ",NonResourceURLs:" + go_list(r.non_resource_urls) + ",}";
}

// describe.CombineResourceGroup: "pods.apps/log" from resource "pods/log" and group "apps".
std::string combine_resource_group(const auth::Rule& r) {
  if (r.resources.empty()) return "";
  const std::string& res = r.resources[0];
  const auto slash = res.find('/');
  std::string out = res.substr(0, slash);
  if (!r.api_groups.empty() && !r.api_groups[0].empty()) out += "." + r.api_groups[0];
  if (slash != std::string::npos) out += res.substr(slash);
  return out;
}

std::vector<std::string> strings_of(const Json& j) {
  std::vector<std::string> out;
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

CommandResult access_list(Invocation& inv) {
  Json request = Json::object();
  request["apiVersion"] = "authorization.k8s.io/v1";
  request["kind"] = "SelfSubjectRulesReview";
  request["spec"] = Json{{"namespace", inv.ns()}};
  Json response;
  try {
    response = auth::create_review(inv.sb.api(), requester(inv), "selfsubjectrulesreviews", "", request);
  } catch (const api::ApiError& e) {
    return fail(server_error(e));
  }
  const Json& status = response["status"];
  std::vector<auth::Rule> rules;
  for (const auto& r : status.value("resourceRules", Json::array()))
    for (const auto& b : breakdown({strings_of(r.value("verbs", Json())), strings_of(r.value("apiGroups", Json())),
                                    strings_of(r.value("resources", Json())),
                                    strings_of(r.value("resourceNames", Json())), {}}))
      rules.push_back(b);
  for (const auto& r : status.value("nonResourceRules", Json::array()))
    for (const auto& b :
         breakdown({strings_of(r.value("verbs", Json())), {}, {}, {}, strings_of(r.value("nonResourceURLs", Json()))}))
      rules.push_back(b);
  rules = compact(rules);
  std::stable_sort(rules.begin(), rules.end(),
                   [](const auth::Rule& a, const auth::Rule& b) { return rule_string(a) < rule_string(b); });
  std::vector<std::vector<std::string>> rows;
  if (!inv.args.flag("no-headers")) rows.push_back({"Resources", "Non-Resource URLs", "Resource Names", "Verbs"});
  for (const auto& r : rules)
    rows.push_back({combine_resource_group(r), go_list(r.non_resource_urls), go_list(r.resource_names), go_list(r.verbs)});
  return {printers::tabwrite(rows), 0};
}

// ---- can-i --------------------------------------------------------------------------------------

CommandResult can_i(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  const auto& args = a.positional;
  const bool list = a.flag("list");
  const bool all_ns = a.flag("all-namespaces");
  const std::string subresource = a.str("subresource");
  std::string warnings;
  std::string verb, url, name;
  std::string group, resource;  // the resolved GroupVersionResource (version left out)
  bool known = false;           // resolved through discovery
  const api::ResourceInfo* info = nullptr;
  if (list) {
    if (!args.empty()) return fail("error: list option must be specified with no arguments\n");
  } else {
    if (args.size() != 2)
      return fail(
          "error: you must specify two arguments: verb resource or verb resource/resourceName.\n"
          "See 'kubectl auth can-i -h' for help and examples.\n");
    verb = args[0];
    if (!args[1].empty() && args[1][0] == '/') {
      url = args[1];
    } else {
      const auto slash = args[1].find('/');
      const std::string type = args[1].substr(0, slash);
      if (slash != std::string::npos) name = args[1].substr(slash + 1);
      if (type == "*") {
        resource = "*";
      } else if ((info = inv.sb.api().registry().resolve(type))) {
        known = true;
        group = info->group;
        resource = info->plural;
      } else {
        // The warning names the lowercased group/resource; the review carries the
        // argument as typed.
        const std::string t = lower(type);
        const auto dot = t.find('.');
        const std::string r = t.substr(0, dot), g = dot == std::string::npos ? "" : t.substr(dot + 1);
        if (t != "users" && t != "groups")
          warnings += g.empty() ? "Warning: the server doesn't have a resource type '" + r + "'\n\n"
                                : "Warning: the server doesn't have a resource type '" + r + "' in group '" + g + "'\n\n";
        resource = type;
      }
    }
  }
  // Validate.
  if (list) {
    if (a.flag("quiet") || all_ns || !subresource.empty())
      return fail("error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n");
    return access_list(inv);
  }
  if (!url.empty()) {
    if (!subresource.empty()) return fail(warnings + "error: --subresource can not be used with NonResourceURL\n");
    if (!non_resource_verbs().count(verb)) warnings += "Warning: verb '" + verb + "' is not a known verb\n\n";
  } else if (!resource.empty() && !all_ns) {
    if (known && !info->namespaced)
      warnings += group.empty() ? "Warning: resource '" + resource + "' is not namespace scoped\n\n"
                                : "Warning: resource '" + resource + "' is not namespace scoped in group '" + group + "'\n\n";
    if (!resource_verbs().count(verb)) warnings += "Warning: verb '" + verb + "' is not a known verb\n\n";
  }
  if (a.flag("no-headers")) return fail(warnings + "error: --no-headers cannot be set without --list specified\n");

  Json spec = Json::object();
  if (url.empty()) {
    Json ra = Json::object();
    if (!all_ns) ra["namespace"] = inv.ns();
    ra["verb"] = verb;
    if (!group.empty()) ra["group"] = group;
    ra["resource"] = resource;
    if (!subresource.empty()) ra["subresource"] = subresource;
    if (!name.empty()) ra["name"] = name;
    spec["resourceAttributes"] = ra;
  } else {
    spec["nonResourceAttributes"] = Json{{"path", url}, {"verb", verb}};
  }
  Json request = Json::object();
  request["apiVersion"] = "authorization.k8s.io/v1";
  request["kind"] = "SelfSubjectAccessReview";
  request["spec"] = spec;
  Json response;
  try {
    response = auth::create_review(inv.sb.api(), requester(inv), "selfsubjectaccessreviews", "", request);
  } catch (const api::ApiError& e) {
    return fail(warnings + server_error(e));
  }
  const Json& status = response["status"];
  const bool allowed = status.value("allowed", false);
  std::string out;
  if (allowed) {
    out = "yes\n";
  } else {
    out = "no";
    if (!status.value("reason", std::string()).empty()) out += " - " + status.value("reason", std::string());
    if (!status.value("evaluationError", std::string()).empty())
      out += " - " + status.value("evaluationError", std::string());
    out += "\n";
  }
  if (a.flag("quiet")) out.clear();
  return {warnings + out, allowed ? 0 : 1};
}

// ---- whoami -------------------------------------------------------------------------------------

// json.MarshalIndent of the typed SelfSubjectReview: fields in the Go structs' order
// (TypeMeta, ObjectMeta, Status; UserInfo's username, uid, groups, extra), four-space
// indentation.
std::string struct_json(const Json& v, int depth) {
  const std::string pad(static_cast<std::size_t>(depth + 1) * 4, ' '), end(static_cast<std::size_t>(depth) * 4, ' ');
  if (v.is_object() && !v.empty()) {
    static const std::vector<std::string> order = {"kind",     "apiVersion", "metadata", "status", "userInfo",
                                                   "username", "uid",        "groups",   "extra"};
    std::vector<std::string> keys;
    for (auto it = v.begin(); it != v.end(); ++it) keys.push_back(it.key());
    auto rank = [](const std::string& k) {
      return static_cast<std::size_t>(std::find(order.begin(), order.end(), k) - order.begin());
    };
    std::stable_sort(keys.begin(), keys.end(), [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    std::string out = "{\n";
    for (std::size_t i = 0; i < keys.size(); ++i)
      out += pad + Json(keys[i]).dump() + ": " + struct_json(v[keys[i]], depth + 1) + (i + 1 < keys.size() ? ",\n" : "\n");
    return out + end + "}";
  }
  if (v.is_array() && !v.empty()) {
    std::string out = "[\n";
    for (std::size_t i = 0; i < v.size(); ++i)
      out += pad + struct_json(v[i], depth + 1) + (i + 1 < v.size() ? ",\n" : "\n");
    return out + end + "]";
  }
  return v.dump();
}

CommandResult whoami(Invocation& inv) {
  std::string error;
  const OutputFormat fmt = parse_output(inv.args, false, error);
  if (!error.empty()) return fail(error);
  Json request = Json::object();
  request["apiVersion"] = "authentication.k8s.io/v1";
  request["kind"] = "SelfSubjectReview";
  const Json response = auth::create_review(inv.sb.api(), requester(inv), "selfsubjectreviews", "", request);
  if (fmt.kind == OutputFormat::Kind::Json) return {struct_json(response, 0) + "\n", 0};
  if (inv.args.has("output")) {
    std::string out = print_structured(fmt, response, error);
    return {out + error, error.empty() ? 0 : 1};
  }
  const Json& ui = response["status"]["userInfo"];
  std::vector<std::vector<std::string>> rows = {{"ATTRIBUTE", "VALUE"}};
  if (!ui.value("username", std::string()).empty()) rows.push_back({"Username", ui.value("username", std::string())});
  if (!ui.value("uid", std::string()).empty()) rows.push_back({"UID", ui.value("uid", std::string())});
  const auto groups = strings_of(ui.value("groups", Json()));
  if (!groups.empty()) rows.push_back({"Groups", go_list(groups)});
  return {printers::tabwrite(rows), 0};
}

CommandResult reconcile(Invocation& inv) {
  if (inv.args.list("filename").empty()) return fail("error: must specify one of -f and -k\n");
  return fail("error: \"kubectl auth reconcile\" is not available in this sandbox yet\n");
}

}  // namespace

Command auth_command() {
  std::vector<FlagSpec> who = output_flags();
  Command can{"can-i",
              {{"all-namespaces", 'A', K::Bool, "false"},
               {"quiet", 'q', K::Bool, "false"},
               {"subresource", 0, K::String, ""},
               {"list", 0, K::Bool, "false"},
               {"no-headers", 0, K::Bool, "false"}},
              can_i,
              {}};
  Command rec{"reconcile", filename_flags(), reconcile, {}};
  return {"auth", {}, nullptr, {can, rec, Command{"whoami", who, whoami, {}}}};
}

}  // namespace kt::kubectl
