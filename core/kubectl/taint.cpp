// `kubectl taint nodes NAME... key=value:Effect | key:Effect- | key- [--overwrite]`
// (also `--all` and `-l`), as kubectl v1.32's pkg/cmd/taint does it client-side:
// arguments before the first taint-looking one name the resources; the node's taints
// become the taints to add followed by the old ones they do not replace (same key and
// effect), minus the ones to remove; the report is "tainted", "untainted" or
// "modified" (any --overwrite, or adding and removing at once).
#include <algorithm>

#include "core/api/apiserver.h"
#include "core/api/labels.h"
#include "core/api/validation_names.h"
#include "core/kubectl/command.h"
#include "core/kubectl/output.h"
#include "core/sandbox.h"
#include "core/util/strings.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

struct Taint {
  std::string key, value, effect;
  // corev1.Taint.ToString: key=value:effect, key:effect, key=value or key.
  std::string to_string() const {
    std::string s = key;
    if (!value.empty()) s += "=" + value;
    if (!effect.empty()) s += ":" + effect;
    return s;
  }
  bool matches(const Json& t) const {
    return t.value("key", std::string()) == key && t.value("effect", std::string()) == effect;
  }
};

using util::join;

// parseTaint: `key=value:effect`, `key:effect` or `key`; "" or the error text.
std::string parse_taint(const std::string& spec, Taint& t) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t c; (c = spec.find(':', start)) != std::string::npos; start = c + 1) parts.push_back(spec.substr(start, c - start));
  parts.push_back(spec.substr(start));
  if (parts.size() > 2) return "invalid taint spec: " + spec;
  if (parts.size() == 1) {
    t.key = parts[0];
  } else {
    t.effect = parts[1];
    if (t.effect != "NoSchedule" && t.effect != "PreferNoSchedule" && t.effect != "NoExecute")
      return "invalid taint effect: " + t.effect + ", unsupported taint effect";
    const std::string& kv = parts[0];
    const auto eq = kv.find('=');
    if (eq != std::string::npos && kv.find('=', eq + 1) != std::string::npos) return "invalid taint spec: " + spec;
    t.key = kv.substr(0, eq);
    if (eq != std::string::npos) {
      t.value = kv.substr(eq + 1);
      auto errs = api::is_valid_label_value(t.value);
      if (!errs.empty()) return "invalid taint spec: " + spec + ", " + join(errs, "; ");
    }
  }
  auto errs = api::is_qualified_name(t.key);
  if (!errs.empty()) return "invalid taint spec: " + spec + ", " + join(errs, "; ");
  return "";
}

struct TaintArgs {
  std::vector<std::string> resources;
  std::vector<Taint> add, remove;
};

CommandResult usage_error(const std::string& msg) {
  return fail("error: " + msg + "\nSee 'kubectl taint -h' for help and examples\n");
}

// The taints after the change and kubectl's word for it; "" error when it applies.
std::string reorganize(const Json& old_taints, const TaintArgs& t, bool overwrite, Json& out, std::string& operation) {
  out = Json::array();
  for (const auto& a : t.add) {
    Json j = Json::object();
    j["effect"] = a.effect;
    j["key"] = a.key;
    if (!a.value.empty()) j["value"] = a.value;
    out.push_back(j);
  }
  if (old_taints.is_array()) {
    for (const auto& o : old_taints) {
      bool replaced = std::any_of(t.add.begin(), t.add.end(), [&](const Taint& a) { return a.matches(o); });
      if (!replaced) out.push_back(o);
    }
  }
  const bool added = !old_taints.is_array() ? !out.empty() : old_taints.size() != out.size();
  std::vector<std::string> errors;
  bool removed = false;
  for (const auto& r : t.remove) {
    Json kept = Json::array();
    for (const auto& o : out) {
      bool drop = r.effect.empty() ? o.value("key", std::string()) == r.key : r.matches(o);
      if (!drop) kept.push_back(o);
    }
    removed = kept.size() != out.size();
    if (!removed) errors.push_back("taint \"" + r.to_string() + "\" not found");
    out = kept;
  }
  if ((added && removed) || overwrite) operation = "modified";
  else if (added) operation = "tainted";
  else operation = "untainted";
  if (errors.size() == 1) return errors[0];
  if (errors.size() > 1) return "[" + join(errors, ", ") + "]";
  return "";
}

CommandResult run_taint(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  std::string error;
  const std::string dry = dry_run_mode(a, error);
  if (!error.empty()) return fail(error);
  OutputFormat fmt = parse_output(a, false, error);
  if (!error.empty()) return fail(error);

  TaintArgs t;
  std::vector<std::string> specs;
  for (const auto& s : a.positional) {
    const bool is_taint = s.find('=') != std::string::npos || s.find(':') != std::string::npos ||
                          (!s.empty() && s.back() == '-');
    if (is_taint) specs.push_back(s);
    else if (specs.empty()) t.resources.push_back(s);
    else return fail("error: all resources must be specified before taint changes: " + s + "\n");
  }
  if (t.resources.empty()) return fail("error: one or more resources must be specified as <resource> <name>\n");
  if (specs.empty()) return fail("error: at least one taint update is required\n");
  for (const auto& s : specs) {
    Taint taint;
    const bool remove = s.back() == '-';
    std::string e = parse_taint(remove ? s.substr(0, s.size() - 1) : s, taint);
    if (!e.empty()) return usage_error(e);
    if (remove) {
      taint.value.clear();
      t.remove.push_back(taint);
      continue;
    }
    if (taint.effect.empty()) return usage_error("invalid taint spec: " + s);
    for (const auto& other : t.add)
      if (other.key == taint.key && other.effect == taint.effect)
        return usage_error("duplicated taints with the same key and effect: {" + taint.key + " " + taint.value + " " +
                           taint.effect + " <nil>}");
    t.add.push_back(taint);
  }

  auto& api = inv.sb.api();
  std::string type = t.resources[0];
  std::transform(type.begin(), type.end(), type.begin(), ::tolower);
  const api::ResourceInfo* res = api.registry().resolve(type);
  if (!res) return fail("error: the server doesn't have a resource type \"" + type + "\"\n");
  if (res->kind != "Node") return fail("error: invalid resource type " + type + ", only node types are supported\n");

  std::vector<std::string> conflicts;
  for (const auto& add : t.add)
    for (const auto& rm : t.remove)
      if (add.key == rm.key && (rm.effect.empty() || add.effect == rm.effect))
        conflicts.push_back(rm.key + "=" + rm.effect);
  if (!conflicts.empty())
    return fail("error: can not both modify and remove the following taint(s) in the same command: " +
                join(conflicts, ", ") + "\n");
  const bool all = a.flag("all");
  const std::string selector = a.str("selector");
  if (all && !selector.empty()) return fail("error: setting 'all' parameter with a non empty selector is prohibited\n");
  if (!all && selector.empty() && t.resources.size() < 2)
    return fail("error: at least one resource name must be specified since 'all' parameter is not set\n");

  std::vector<std::string> names;
  std::string errors;
  if (all || !selector.empty()) {
    api::ListOptions opts;
    opts.label_selector = selector;
    try {
      for (const auto& n : api.list(*res, "", opts).items) names.push_back(api::meta::name(*n));
    } catch (const std::invalid_argument& e) {
      return fail(std::string("error: ") + e.what() + "\n");
    }
    if (names.empty()) return fail("error: No resources found\n");  // FIXME: not checked against v1.32
  } else {
    names.assign(t.resources.begin() + 1, t.resources.end());
  }
  std::string out;
  for (const auto& name : names) {
    auto node = api.try_get(*res, "", name);
    if (!node) {
      errors += "Error from server (NotFound): nodes \"" + name + "\" not found\n";
      continue;
    }
    const Json old_taints = api::field(*node, {"spec", "taints"});
    if (!a.flag("overwrite")) {
      std::vector<std::string> existing;
      for (const auto& add : t.add)
        if (old_taints.is_array())
          for (const auto& o : old_taints)
            if (add.matches(o)) existing.push_back(add.key);
      if (!existing.empty()) {
        errors += "error: node " + name + " already has " + join(existing, ",") +
                  " taint(s) with same effect(s) and --overwrite is false\n";
        continue;
      }
    }
    Json taints;
    std::string operation;
    std::string e = reorganize(old_taints, t, a.flag("overwrite"), taints, operation);
    if (!e.empty()) {
      errors += "error: " + e + "\n";
      continue;
    }
    Json updated = *node;
    if (taints.empty()) updated["spec"].erase("taints");
    else updated["spec"]["taints"] = taints;
    Json result = updated;
    if (dry != "client") {
      api::WriteOptions opts;
      opts.dry_run = dry == "server";
      opts.field_manager = a.str("field-manager", "kubectl-taint");
      try {
        result = *api.update(*res, "", std::move(updated), opts);
      } catch (const api::ApiError& err) {
        errors += server_error(err);
        continue;
      }
    }
    if (fmt.kind == OutputFormat::Kind::Default) {
      // kubectl's printer for taint sets the operation itself, dropping the dry-run suffix.
      out += "node/" + name + " " + operation + "\n";
      continue;
    }
    std::string perr;
    out += print_structured(fmt, for_output(result), perr);
    if (!perr.empty()) return {out + perr, 1};
  }
  return {out + errors, errors.empty() ? 0 : 1};
}

}  // namespace

Command taint_command() {
  auto f = output_flags();
  f.insert(f.end(), {dry_run_flag(),
                     validate_flag(),
                     {"selector", 'l', K::String, ""},
                     {"overwrite", 0, K::Bool, "false"},
                     {"all", 0, K::Bool, "false"},
                     {"field-manager", 0, K::String, "kubectl-taint"}});
  return {"taint", f, run_taint, {}};
}

}  // namespace kt::kubectl
