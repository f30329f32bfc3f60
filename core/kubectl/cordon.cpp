// `kubectl cordon NODE` / `kubectl uncordon NODE`: spec.unschedulable on the node,
// "node/x cordoned" / "node/x already cordoned" (uncordoned likewise), as v1.32
// prints them, for the nodes named or those -l selects; --dry-run. The node-lifecycle
// controller adds the unschedulable taint. (drain: drain.cpp.)
#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

CommandResult set_unschedulable(Invocation& inv, bool cordon) {
  const std::string verb = cordon ? "cordon" : "uncordon";
  const ParsedArgs& a = inv.args;
  const std::string selector = a.str("selector");
  if (!a.positional.empty() && !selector.empty())
    return fail("error: cannot specify both a node name and a --selector option\nSee 'kubectl " + verb +
                " -h' for help and examples\n");
  if (a.positional.empty() && selector.empty())
    return fail("error: USAGE: " + verb + " NODE [flags]\nSee 'kubectl " + verb + " -h' for help and examples\n");
  std::string error;
  const std::string dry = dry_run_mode(a, error);
  if (!error.empty()) return fail(error);
  auto& api = inv.sb.api();
  const auto& nodes = api.resource("", "nodes");
  // The nodes first (the first one missing ends the command), then the changes.
  std::vector<api::ObjectPtr> targets;
  if (!selector.empty()) {
    api::ListOptions lo;
    lo.label_selector = selector;
    try {
      targets = api.list(nodes, "", lo).items;
    } catch (const api::ApiError& e) {
      return fail(server_error(e));
    }
  }
  for (std::string name : a.positional) {
    if (name.rfind("node/", 0) == 0 || name.rfind("nodes/", 0) == 0) name = name.substr(name.find('/') + 1);
    auto node = api.try_get(nodes, "", name);
    if (!node) return fail("Error from server (NotFound): nodes \"" + name + "\" not found\n");
    targets.push_back(node);
  }
  std::string out, errors;
  for (const auto& node : targets) {
    const std::string name = api::meta::name(*node);
    const bool now = api::field(*node, {"spec", "unschedulable"}) == true;
    if (now == cordon) {
      out += "node/" + name + " already " + verb + "ed" + dry_run_suffix(dry) + "\n";
      continue;
    }
    Json updated = *node;
    if (cordon) updated["spec"]["unschedulable"] = true;
    else updated["spec"].erase("unschedulable");
    try {
      api::WriteOptions opts;
      opts.dry_run = dry == "server";
      if (dry != "client") api.update(nodes, "", std::move(updated), opts);
    } catch (const api::ApiError& e) {
      errors += server_error(e);
      continue;
    }
    out += "node/" + name + " " + verb + "ed" + dry_run_suffix(dry) + "\n";
  }
  return {out + errors, errors.empty() ? 0 : 1};
}

CommandResult run_cordon(Invocation& inv) { return set_unschedulable(inv, true); }
CommandResult run_uncordon(Invocation& inv) { return set_unschedulable(inv, false); }

}  // namespace

Command cordon_command() {
  return {"cordon", {dry_run_flag(), {"selector", 'l', K::String, ""}}, run_cordon, {}, {}};
}

Command uncordon_command() {
  return {"uncordon", {dry_run_flag(), {"selector", 'l', K::String, ""}}, run_uncordon, {}, {}};
}

}  // namespace kt::kubectl
