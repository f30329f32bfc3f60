// `kubectl cordon NODE` / `kubectl uncordon NODE`: spec.unschedulable on the node,
// "node/x cordoned" / "node/x already cordoned" (uncordoned likewise), as v1.32
// prints them. The node-lifecycle controller adds the unschedulable taint.
// FIXME(issue 5): -l selectors. (drain: drain.cpp.)
#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

CommandResult set_unschedulable(Invocation& inv, bool cordon) {
  const std::string verb = cordon ? "cordon" : "uncordon";
  if (inv.args.positional.empty())
    return fail("error: USAGE: " + verb + " NODE [flags]\nSee 'kubectl " + verb + " -h' for help and examples\n");
  auto& api = inv.sb.api();
  const auto& nodes = api.resource("", "nodes");
  std::string out, errors;
  for (std::string name : inv.args.positional) {
    if (name.rfind("node/", 0) == 0 || name.rfind("nodes/", 0) == 0) name = name.substr(name.find('/') + 1);
    auto node = api.try_get(nodes, "", name);
    if (!node) {
      errors += "Error from server (NotFound): nodes \"" + name + "\" not found\n";
      continue;
    }
    const bool now = api::field(*node, {"spec", "unschedulable"}) == true;
    if (now == cordon) {
      out += "node/" + name + " already " + verb + "ed\n";
      continue;
    }
    Json updated = *node;
    if (cordon) updated["spec"]["unschedulable"] = true;
    else updated["spec"].erase("unschedulable");
    try {
      if (!inv.args.has("dry-run") || inv.args.str("dry-run") == "none") api.update(nodes, "", std::move(updated));
    } catch (const api::ApiError& e) {
      errors += server_error(e);
      continue;
    }
    out += "node/" + name + " " + verb + "ed\n";
  }
  return {out + errors, errors.empty() ? 0 : 1};
}

CommandResult run_cordon(Invocation& inv) { return set_unschedulable(inv, true); }
CommandResult run_uncordon(Invocation& inv) { return set_unschedulable(inv, false); }

}  // namespace

Command cordon_command() {
  return {"cordon", {dry_run_flag(), {"selector", 'l', K::String, ""}}, run_cordon, {}, {"selector"}};
}

Command uncordon_command() {
  return {"uncordon", {dry_run_flag(), {"selector", 'l', K::String, ""}}, run_uncordon, {}, {"selector"}};
}

}  // namespace kt::kubectl
