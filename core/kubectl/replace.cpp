// `kubectl replace -f`: PUT of each manifest's object; "replaced".
#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/manifests.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

CommandResult run_replace(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  auto files = a.list("filename");
  if (files.empty()) return fail("error: must specify --filename to replace\n");
  std::string error;
  const std::string dry = dry_run_mode(a, error);
  if (!error.empty()) return fail(error);
  Manifests m = read_manifests(inv.ctx, files, a.flag("recursive"));
  if (m.items.empty() && m.error.empty()) return fail("error: no objects passed to replace\n");
  std::string out, errors;
  for (const auto& item : m.items) {
    WriteTarget t = write_target(inv, item.object, item.source);
    if (!t.error.empty()) {
      errors += t.error;
      continue;
    }
    Json obj = item.object;
    if (t.res->namespaced) obj["metadata"]["namespace"] = t.ns;
    api::WriteOptions opts;
    opts.dry_run = dry == "server";
    opts.validation = validation_mode(a);
    opts.field_manager = a.str("field-manager", "kubectl-replace");
    auto& api = inv.sb.api();
    try {
      if (dry == "client") {
        api.get(*t.res, t.ns, t.name);
      } else if (a.flag("force")) {
        // --force: delete, wait until gone, create again.
        api.remove(*t.res, t.ns, t.name, api::DeleteOptions{});
        const std::string kn = kind_name(*t.res, t.name);
        out += kn.substr(0, kn.find('/')) + " \"" + t.name + "\" deleted\n";
        wait_until(inv.sb, [&] { return !api.try_get(*t.res, t.ns, t.name); });
        obj["metadata"].erase("resourceVersion");
        api.create(*t.res, t.ns, obj, opts);
      } else {
        api.update(*t.res, t.ns, obj, opts);
      }
    } catch (const api::ApiError& e) {
      errors += server_error_for(e, "replacing", item.source);
      continue;
    }
    out += warnings(inv.sb) + kind_name(*t.res, t.name) + " replaced" + dry_run_suffix(dry) + "\n";
  }
  errors += m.error;
  return {out + errors, errors.empty() ? 0 : 1};
}

}  // namespace

Command replace_command() {
  auto f = filename_flags();
  f.insert(f.end(), {{"output", 'o', K::String, ""}, dry_run_flag(), validate_flag(), {"force", 0, K::Bool, "false"},
                     {"grace-period", 0, K::Int, "-1"}, {"save-config", 0, K::Bool, "false"}});
  return {"replace", f, run_replace, {}, {"kustomize", "output", "grace-period"}};
}

}  // namespace kt::kubectl
