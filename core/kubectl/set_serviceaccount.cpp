// `kubectl set serviceaccount (-f FILE | TYPE NAME) SERVICE_ACCOUNT` as kubectl v1.32
// does it (staging/src/k8s.io/kubectl/pkg/cmd/set/set_serviceaccount.go): the last
// argument names the account, set as the pod template's serviceAccountName;
// "deployment.apps/x serviceaccount updated". Several objects, --all, -f, --local, -o,
// --dry-run, --record: workload_edit.h (the command has no -l).
// FIXME: the `sa` alias (commands have no aliases yet).
#include "core/kubectl/workload_edit.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

CommandResult set_serviceaccount(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  const std::string warn =
      a.has("record") ? "Flag --record has been deprecated, --record will be removed in the future\n" : "";
  std::string e = check_set_output(inv);
  if (!e.empty()) return fail(warn + e);
  if (a.positional.empty()) return fail(warn + "error: serviceaccount is required\n");
  const std::string account = a.positional.back();
  const std::vector<std::string> resources(a.positional.begin(), a.positional.end() - 1);
  Workloads found = find_workloads(inv, resources, LocalArgs::Ignored);
  if (!found.failure().empty()) return fail(warn + found.failure());
  e = local_server_error(inv);
  if (!e.empty()) return fail(warn + e);

  const std::vector<Edit> edits = edit_pod_templates(found, [&](Edit& edit, Json& spec) {
    spec["serviceAccountName"] = account;
    if (a.flag("record")) edit.after["metadata"]["annotations"]["kubernetes.io/change-cause"] = record_cause(inv);
  });
  WriteSpec spec{"serviceaccount updated", "failed to patch ServiceAccountName "};
  spec.skip_unchanged = false;
  return write_edits(inv, edits, spec, {}, warn);
}

}  // namespace

Command set_serviceaccount_command() {
  std::vector<FlagSpec> f = {{"record", 0, K::Bool, "false"},
                             {"all", 0, K::Bool, "false"},
                             {"local", 0, K::Bool, "false"},
                             dry_run_flag(),
                             {"field-manager", 0, K::String, "kubectl-set"}};
  for (auto& o : output_flags()) f.push_back(o);
  for (auto& o : filename_flags()) f.push_back(o);
  return {"serviceaccount", f, set_serviceaccount, {}, set_unsupported_flags()};
}

}  // namespace kt::kubectl
