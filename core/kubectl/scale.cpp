// `kubectl scale --replicas=N`: the scale subresource of deployments, replica sets,
// stateful sets and replication controllers; --current-replicas as a precondition.
#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

CommandResult run_scale(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (!a.has("replicas")) return fail(command_failed(inv.sb, "required flag(s) \"replicas\" not set"));
  const std::int64_t replicas = a.integer("replicas", 0);
  if (replicas < 0) return fail("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n");
  std::string error;
  const std::string dry = dry_run_mode(a, error);
  if (!error.empty()) return fail(error);
  if (a.positional.empty())
    return fail(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications "
        "include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
  auto& api = inv.sb.api();
  ResourceArgs ra = resolve_resource_args(inv, a.positional);
  if (!ra.error.empty()) return fail(ra.error);
  std::string out, errors;
  for (const auto& ref : ra.refs) {
    if (ref.name.empty()) return fail("error: resource(s) were provided, but no name was specified\n");
    const std::string ns = ref.res->namespaced ? inv.ns() : "";
    if (!ref.res->has_subresource("scale")) {
      errors += "Error from server (NotFound): the server could not find the requested resource\n";
      continue;
    }
    if (!api.try_get(*ref.res, ns, ref.name)) {
      errors += "error: no objects passed to scale " + ref.res->qualified() + " \"" + ref.name + "\" not found\n";
      continue;
    }
    try {
      Json scale = api.get_scale(*ref.res, ns, ref.name);
      const std::int64_t current = scale["spec"].value("replicas", std::int64_t{0});
      const std::int64_t expected = a.integer("current-replicas", -1);
      if (expected >= 0 && expected != current) {
        errors += "error: Expected replicas to be " + std::to_string(expected) + ", was " + std::to_string(current) + "\n";
        continue;
      }
      api::WriteOptions opts;
      opts.dry_run = dry == "server";
      opts.field_manager = "kubectl";  // no --field-manager: kube names it from the user agent
      if (dry != "client") api.update_scale(*ref.res, ns, ref.name, replicas, opts);
    } catch (const api::ApiError& e) {
      errors += server_error(e);
      continue;
    }
    out += kind_name(*ref.res, ref.name) + " scaled" + dry_run_suffix(dry) + "\n";
  }
  return {out + errors, errors.empty() ? 0 : 1};
}

}  // namespace

Command scale_command() {
  auto f = filename_flags();
  f.insert(f.end(), {{"output", 'o', K::String, ""},
                     dry_run_flag(),
                     {"replicas", 0, K::Int, "0"},
                     {"current-replicas", 0, K::Int, "-1"},
                     {"resource-version", 0, K::String, ""},
                     {"selector", 'l', K::String, ""},
                     {"all", 0, K::Bool, "false"},
                     {"timeout", 0, K::String, "0s"}});
  return {"scale", f, run_scale, {}, {"filename", "kustomize", "selector", "all", "resource-version", "output"}};
}

}  // namespace kt::kubectl
