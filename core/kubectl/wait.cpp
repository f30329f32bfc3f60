// `kubectl wait (TYPE/NAME | TYPE NAME | TYPE -l SEL | TYPE --all)
//   --for=delete | --for=condition=C[=V] | --for=jsonpath='{expr}'[=value] [--timeout=30s]`
// as kubectl v1.32's pkg/cmd/wait does it: each object in turn is checked, then
// watched until the condition holds ("pod/x condition met") or the timeout passes
// ("timed out waiting for the condition on pods/x"); virtual time runs meanwhile,
// stopping where the condition first held. Conditions match their type and status
// case-insensitively and are ignored while their observedGeneration is behind.
#include <algorithm>
#include <cctype>

#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/jsonpath.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"
#include "core/util/duration.h"
#include "core/util/strings.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

using util::lower;

struct Condition {
  enum class Kind { Delete, Create, Condition, JsonPath } kind = Kind::Delete;
  std::string name, value;  // condition type and status, or the jsonpath value ("" = any)
  std::unique_ptr<JsonPath> path;
};

// splitJSONPathInput: split on single '='; "==" stays in the element.
std::vector<std::string> split_jsonpath_input(const std::string& in) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '=') {
      cur += in[i];
      continue;
    }
    if (i + 1 < in.size() && in[i + 1] == '=') {
      cur += "==";
      ++i;
      continue;
    }
    out.push_back(cur);
    cur.clear();
  }
  out.push_back(cur);
  return out;
}

std::string parse_condition(const std::string& spec, Condition& c) {
  if (lower(spec) == "delete") {
    c.kind = Condition::Kind::Delete;
    return "";
  }
  if (lower(spec) == "create") {
    c.kind = Condition::Kind::Create;
    return "";
  }
  if (spec.rfind("condition=", 0) == 0) {
    c.kind = Condition::Kind::Condition;
    c.name = spec.substr(10);
    c.value = "true";
    if (auto eq = c.name.find('='); eq != std::string::npos) {
      c.value = c.name.substr(eq + 1);
      c.name = c.name.substr(0, eq);
    }
    return "";
  }
  if (spec.rfind("jsonpath=", 0) == 0) {
    c.kind = Condition::Kind::JsonPath;
    auto parts = split_jsonpath_input(spec.substr(9));
    if (parts.size() > 2)
      return "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or "
             "--for=jsonpath='{.status.readyReplicas}'";
    std::string expr;
    try {
      expr = relaxed_jsonpath(parts[0]);
    } catch (const JsonPathError& e) {
      return e.what();
    }
    if (parts.size() == 2) {
      std::string v = parts[1];
      while (!v.empty() && (v.front() == '\'' || v.front() == '"')) v.erase(0, 1);
      while (!v.empty() && (v.back() == '\'' || v.back() == '"')) v.pop_back();
      if (v.empty())
        return "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3";
      c.value = v;
    }
    if (expr.empty()) return "jsonpath expression cannot be empty";
    try {
      c.path = std::make_unique<JsonPath>(expr);
    } catch (const JsonPathError& e) {
      return e.what();
    }
    return "";
  }
  return "unrecognized condition: \"" + spec + "\"";
}

bool condition_met(const Condition& c, const Json& obj, std::string& error) {
  if (c.kind == Condition::Kind::Condition) {
    const Json& conds = api::field(obj, {"status", "conditions"});
    if (!conds.is_array()) return false;
    for (const auto& cond : conds) {
      if (!cond.is_object() || lower(cond.value("type", std::string())) != lower(c.name)) continue;
      if (!cond.contains("status") || !cond["status"].is_string()) continue;
      const Json& gen = api::field(obj, {"metadata", "generation"});
      if (gen.is_number()) {
        std::int64_t observed = -1;
        if (cond.contains("observedGeneration") && cond["observedGeneration"].is_number())
          observed = cond["observedGeneration"].get<std::int64_t>();
        else if (api::field(obj, {"status", "observedGeneration"}).is_number())
          observed = api::field(obj, {"status", "observedGeneration"}).get<std::int64_t>();
        if (observed >= 0 && observed < gen.get<std::int64_t>()) continue;
      }
      return lower(cond["status"].get<std::string>()) == lower(c.value);
    }
    return false;
  }
  // JsonPath
  std::vector<std::vector<Json>> results;
  try {
    results = c.path->find_results(obj);
  } catch (const JsonPathError& e) {
    error = e.what();
    return false;
  }
  std::vector<Json> values;
  for (const auto& r : results) values.insert(values.end(), r.begin(), r.end());
  if (values.empty()) return false;
  if (values.size() > 1) {
    error = "given jsonpath expression matches more than one value";
    return false;
  }
  if (c.value.empty()) return true;
  const Json& v = values[0];
  if (v.is_object() || v.is_array()) {
    error = "jsonpath leads to a nested object or list which is not supported";
    return false;
  }
  return go_sprint(v) == c.value;
}

struct Item {
  const api::ResourceInfo* res;
  std::string ns, name, uid;
};

CommandResult run_wait(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  sim::Duration timeout = sim::seconds(30);
  if (a.has("timeout")) {
    try {
      timeout = util::parse_go_duration(a.str("timeout"));
    } catch (const std::invalid_argument& e) {
      return fail("Error: invalid argument \"" + a.str("timeout") + "\" for \"--timeout\" flag: " + e.what() +
                  "\nSee 'kubectl wait --help' for usage.\n");
    }
    if (timeout < sim::Duration{0}) timeout = sim::hours(168);
  }
  Condition cond;
  std::string error = parse_condition(a.str("for"), cond);
  if (!error.empty()) return fail("error: " + error + "\n");
  if (a.positional.empty())
    return fail(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications "
        "include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
  auto& api = inv.sb.api();
  ResourceArgs ra = resolve_resource_args(inv, a.positional);
  if (!ra.error.empty()) return fail(ra.error);
  const bool for_delete = cond.kind == Condition::Kind::Delete;
  const bool all_ns = a.flag("all-namespaces");
  const std::string selector = a.str("selector");
  std::vector<Item> items;
  std::string errors;
  for (const auto& ref : ra.refs) {
    const std::string ns = !ref.res->namespaced ? "" : all_ns ? "" : inv.ns();
    if (ref.name.empty()) {
      if (selector.empty() && !a.flag("all") && !all_ns)
        return fail("error: resource(s) were provided, but no name was specified\n");
      api::ListOptions opts;
      opts.label_selector = selector;
      opts.field_selector = a.str("field-selector");
      try {
        for (const auto& o : api.list(*ref.res, ns, opts).items)
          items.push_back({ref.res, api::meta::namespace_of(*o), api::meta::name(*o), api::meta::uid(*o)});
      } catch (const api::ApiError& e) {
        return fail(server_error(e));
      }
      continue;
    }
    auto o = api.try_get(*ref.res, ns, ref.name);
    if (!o) {
      if (cond.kind == Condition::Kind::Create) {
        items.push_back({ref.res, ns, ref.name, ""});
        continue;
      }
      if (!for_delete) errors += "Error from server (NotFound): " + ref.res->qualified() + " \"" + ref.name + "\" not found\n";
      continue;
    }
    items.push_back({ref.res, ns, ref.name, api::meta::uid(*o)});
  }
  if (!errors.empty()) return fail(errors);
  if (items.empty() && !for_delete) return fail("error: no matching resources found\n");

  std::string out;
  const sim::Time start = inv.sb.sim().now();
  for (const auto& it : items) {
    const std::string object_name = it.res->plural + "/" + it.name;
    // The timeout is one deadline for the whole command.
    const sim::Duration left = start + timeout - inv.sb.sim().now();
    std::string cond_error;
    bool gone = false;
    auto check = [&]() {
      auto o = api.try_get(*it.res, it.ns, it.name);
      if (cond.kind == Condition::Kind::Delete) return !o || api::meta::uid(*o) != it.uid;
      if (cond.kind == Condition::Kind::Create) return o != nullptr;
      if (!o) {
        gone = true;
        return true;
      }
      return condition_met(cond, *o, cond_error) || !cond_error.empty();
    };
    bool met;
    if (timeout == sim::Duration{0}) {
      met = check();
      if (!met || gone) return {out + "error: condition not met for " + object_name + "\n", 1};
    } else {
      met = left > sim::Duration{0} ? wait_for(inv.sb, left, check) : check();
    }
    if (gone) return {out + "Error from server (NotFound): " + it.res->qualified() + " \"" + it.name + "\" not found\n", 1};
    if (!cond_error.empty()) return {out + "error: " + cond_error + "\n", 1};
    if (!met) return {out + "error: timed out waiting for the condition on " + object_name + "\n", 1};
    out += kind_name(*it.res, it.name) + " condition met\n";
  }
  return {out, 0};
}

}  // namespace

Command wait_command() {
  auto f = filename_flags();
  f.insert(f.end(), {{"output", 'o', K::String, ""},
                     {"for", 0, K::String, ""},
                     {"timeout", 0, K::String, "30s"},
                     {"selector", 'l', K::String, ""},
                     {"field-selector", 0, K::String, ""},
                     {"all", 0, K::Bool, "false"},
                     {"all-namespaces", 'A', K::Bool, "false"},
                     {"local", 0, K::Bool, "false"}});
  return {"wait", f, run_wait, {}, {"filename", "kustomize", "output", "local"}};
}

}  // namespace kt::kubectl
