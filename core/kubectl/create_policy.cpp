// `kubectl create pdb|quota|priorityclass|rolebinding|clusterrolebinding` as kubectl
// v1.32 generates them (the objects its typed structs serialise to, which is what
// --dry-run=client -o yaml shows).
#include <algorithm>
#include <cctype>

#include "core/api/labels.h"
#include "core/kubectl/create_generators.h"
#include "core/util/quantity.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

// intstr.Parse: an integer when the text is one, else the string.
Json int_or_string(const std::string& s) {
  if (!s.empty() && std::all_of(s.begin(), s.end(), ::isdigit)) return std::stoll(s);
  return s;
}

CommandResult create_pdb(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!generator_name(inv, name, err)) return err;
  const ParsedArgs& a = inv.args;
  const bool min = a.has("min-available") && !a.str("min-available").empty();
  const bool max = a.has("max-unavailable") && !a.str("max-unavailable").empty();
  if (!a.has("selector") || a.str("selector").empty()) return fail("error: a selector must be specified\n");
  if (!min && !max) return fail("error: one of min-available or max-unavailable must be specified\n");
  if (min && max) return fail("error: min-available and max-unavailable cannot be both specified\n");
  Json selector = Json::object();
  try {
    const api::LabelSelector sel = api::LabelSelector::parse(a.str("selector"));
    for (const auto& r : sel.requirements()) {
      using Op = api::LabelOp;
      if ((r.op == Op::Equals || r.op == Op::DoubleEquals) && r.values.size() == 1) {
        selector["matchLabels"][r.key] = r.values[0];
        continue;
      }
      Json e = Json::object();
      e["key"] = r.key;
      e["operator"] = r.op == Op::NotEquals || r.op == Op::NotIn ? "NotIn"
                      : r.op == Op::In                        ? "In"
                      : r.op == Op::DoesNotExist              ? "DoesNotExist"
                                                              : "Exists";
      if (!r.values.empty()) e["values"] = r.values;
      selector["matchExpressions"].push_back(e);
    }
  } catch (const std::invalid_argument& e) {
    return fail(std::string("error: ") + e.what() + "\n");
  }
  Json spec = Json::object();
  if (min) spec["minAvailable"] = int_or_string(a.str("min-available"));
  if (max) spec["maxUnavailable"] = int_or_string(a.str("max-unavailable"));
  spec["selector"] = selector;
  Json status = Json::object();
  for (const char* k : {"currentHealthy", "desiredHealthy", "disruptionsAllowed", "expectedPods"}) status[k] = 0;
  Json obj = Json::object();
  obj["apiVersion"] = "policy/v1";
  obj["kind"] = "PodDisruptionBudget";
  obj["metadata"] = generator_meta(inv, name);
  obj["spec"] = spec;
  obj["status"] = status;
  return create_generated(inv, "policy", "poddisruptionbudgets", std::move(obj), "poddisruptionbudget");
}

CommandResult create_quota(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!generator_name(inv, name, err)) return err;
  Json hard = Json::object();
  const std::string spec_text = inv.args.str("hard");
  std::size_t start = 0;
  while (start < spec_text.size()) {
    std::size_t comma = spec_text.find(',', start);
    if (comma == std::string::npos) comma = spec_text.size();
    const std::string item = spec_text.substr(start, comma - start);
    start = comma + 1;
    const auto eq = item.find('=');
    if (eq == std::string::npos) return fail("error: invalid argument syntax " + item + ", expected <resource>=<value>\n");
    auto q = util::Quantity::try_parse(item.substr(eq + 1));
    if (!q) return fail("error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n");
    hard[item.substr(0, eq)] = q->to_string();
  }
  Json spec = Json::object();
  if (!hard.empty()) spec["hard"] = hard;
  for (const auto& s : inv.args.list("scopes")) spec["scopes"].push_back(s);
  Json obj = Json::object();
  obj["apiVersion"] = "v1";
  obj["kind"] = "ResourceQuota";
  obj["metadata"] = generator_meta(inv, name);
  obj["spec"] = spec;
  obj["status"] = Json::object();
  return create_generated(inv, "", "resourcequotas", std::move(obj), "quota");
}

CommandResult create_priorityclass(Invocation& inv) {
  std::string name;
  CommandResult err;
  if (!generator_name(inv, name, err)) return err;
  const ParsedArgs& a = inv.args;
  Json meta = Json::object();
  meta["creationTimestamp"] = nullptr;
  meta["name"] = name;
  Json obj = Json::object();
  obj["apiVersion"] = "scheduling.k8s.io/v1";
  obj["kind"] = "PriorityClass";
  obj["metadata"] = meta;
  if (!a.str("description").empty()) obj["description"] = a.str("description");
  if (a.flag("global-default")) obj["globalDefault"] = true;
  obj["preemptionPolicy"] = a.str("preemption-policy", "PreemptLowerPriority");
  obj["value"] = a.integer("value", 0);
  return create_generated(inv, "scheduling.k8s.io", "priorityclasses", std::move(obj), "priorityclass");
}

// Users, then groups, then service accounts ("ns:name"); "" or the error.
std::string subjects(const ParsedArgs& a, Json& out) {
  out = Json::array();
  for (const char* kind : {"User", "Group"}) {
    for (const auto& n : a.list(kind == std::string("User") ? "user" : "group")) {
      Json s = Json::object();
      s["apiGroup"] = "rbac.authorization.k8s.io";
      s["kind"] = kind;
      s["name"] = n;
      out.push_back(s);
    }
  }
  for (const auto& sa : a.list("serviceaccount")) {
    const auto colon = sa.find(':');
    if (colon == std::string::npos || sa.find(':', colon + 1) != std::string::npos)
      return "serviceaccount must be <namespace>:<name>";
    Json s = Json::object();
    s["kind"] = "ServiceAccount";
    s["name"] = sa.substr(colon + 1);
    s["namespace"] = sa.substr(0, colon);
    out.push_back(s);
  }
  return "";
}

CommandResult create_binding(Invocation& inv, bool cluster) {
  std::string name;
  CommandResult err;
  if (!generator_name(inv, name, err)) return err;
  const ParsedArgs& a = inv.args;
  Json ref = Json::object();
  ref["apiGroup"] = "rbac.authorization.k8s.io";
  if (cluster) {
    if (a.str("clusterrole").empty()) return fail("error: required flag(s) \"clusterrole\" not set\n");
    ref["kind"] = "ClusterRole";
    ref["name"] = a.str("clusterrole");
  } else {
    const bool role = !a.str("role").empty(), cr = !a.str("clusterrole").empty();
    if (role == cr) return fail("error: exactly one of clusterrole or role must be specified\n");
    ref["kind"] = role ? "Role" : "ClusterRole";
    ref["name"] = role ? a.str("role") : a.str("clusterrole");
  }
  Json subs;
  std::string e = subjects(a, subs);
  if (!e.empty()) return fail("error: " + e + "\n");
  Json obj = Json::object();
  obj["apiVersion"] = "rbac.authorization.k8s.io/v1";
  obj["kind"] = cluster ? "ClusterRoleBinding" : "RoleBinding";
  if (cluster) {
    Json meta = Json::object();
    meta["creationTimestamp"] = nullptr;
    meta["name"] = name;
    obj["metadata"] = meta;
  } else {
    obj["metadata"] = generator_meta(inv, name);
  }
  obj["roleRef"] = ref;
  if (!subs.empty()) obj["subjects"] = subs;
  return create_generated(inv, "rbac.authorization.k8s.io", cluster ? "clusterrolebindings" : "rolebindings",
                          std::move(obj), cluster ? "clusterrolebinding" : "rolebinding");
}

CommandResult create_rolebinding(Invocation& inv) { return create_binding(inv, false); }
CommandResult create_clusterrolebinding(Invocation& inv) { return create_binding(inv, true); }

}  // namespace

std::vector<Command> policy_generators() {
  const std::vector<FlagSpec> pdb = {{"selector", 0, K::String, ""},
                                     {"min-available", 0, K::String, ""},
                                     {"max-unavailable", 0, K::String, ""}};
  const std::vector<FlagSpec> quota = {{"hard", 0, K::String, ""}, {"scopes", 0, K::StringList, "[]"}};
  const std::vector<FlagSpec> pc = {{"value", 0, K::Int, "0"},
                                    {"global-default", 0, K::Bool, "false"},
                                    {"description", 0, K::String, ""},
                                    {"preemption-policy", 0, K::String, "PreemptLowerPriority"}};
  const std::vector<FlagSpec> subjects = {{"user", 0, K::StringArray, "[]"},
                                          {"group", 0, K::StringArray, "[]"},
                                          {"serviceaccount", 0, K::StringArray, "[]"},
                                          {"clusterrole", 0, K::String, ""}};
  auto rb = subjects;
  rb.push_back({"role", 0, K::String, ""});
  return {{"poddisruptionbudget", generator_flags(pdb), create_pdb, {}},
          {"pdb", generator_flags(pdb), create_pdb, {}},
          {"quota", generator_flags(quota), create_quota, {}},
          {"resourcequota", generator_flags(quota), create_quota, {}},
          {"priorityclass", generator_flags(pc), create_priorityclass, {}},
          {"pc", generator_flags(pc), create_priorityclass, {}},
          {"rolebinding", generator_flags(rb), create_rolebinding, {}},
          {"clusterrolebinding", generator_flags(subjects), create_clusterrolebinding, {}}};
}

}  // namespace kt::kubectl
