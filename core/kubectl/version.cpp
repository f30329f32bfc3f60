// `kubectl version`: the client, kustomize and server versions.
#include "core/cluster/scenario.h"
#include "core/kubectl/command.h"
#include "core/kubectl/kubectl.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

CommandResult run_version(Invocation& inv) {
  std::string o = inv.args.str("output");
  if (o == "json" || o == "yaml") {
    // FIXME(issue 5): the version documents of -o json/yaml (build dates, commits).
    return fail("error: --output " + o + " is not available yet in this sandbox\n");
  }
  if (!o.empty()) return fail("error: --output must be 'yaml' or 'json'\n");
  std::string out = std::string("Client Version: ") + kClientVersion + "\nKustomize Version: " + kKustomizeVersion + "\n";
  if (!inv.args.flag("client")) out += "Server Version: " + inv.sb.scenario().kubernetes_version + "\n";
  return {out, 0};
}

}  // namespace

Command version_command() {
  using K = FlagSpec::Kind;
  return {"version", {{"output", 'o', K::String, ""}, {"client", 0, K::Bool, "false"}}, run_version, {}};
}

}  // namespace kt::kubectl
