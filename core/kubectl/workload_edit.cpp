// The workload edits `set env` and `set resources` share (see workload_edit.h).
#include "core/kubectl/workload_edit.h"

#include "core/api/apiserver.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"

namespace kt::kubectl {

Workload find_workload(Invocation& inv, const std::vector<std::string>& resources) {
  Workload w;
  auto& api = inv.sb.api();
  if (resources.empty()) {
    w.error = "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n";
    return w;
  }
  ResourceArgs ra = resolve_resource_args(api.registry(), resources);
  if (!ra.error.empty()) {
    w.error = ra.error;
    return w;
  }
  if (ra.refs.size() != 1 || ra.refs[0].name.empty()) {
    w.error = ra.refs.size() > 1 ? "error: kubectl " + inv.path + " on several objects is not available in this sandbox yet\n"
                                 : "error: resource(s) were provided, but no name was specified\n";
    return w;
  }
  w.res = ra.refs[0].res;
  w.obj = api.try_get(*w.res, w.res->namespaced ? inv.ns() : "", ra.refs[0].name);
  if (!w.obj) w.error = "Error from server (NotFound): " + w.res->qualified() + " \"" + ra.refs[0].name + "\" not found\n";
  return w;
}

// The pod spec inside a workload (null when the kind has none).
Json* pod_spec(Json& obj) {
  const std::string kind = obj.value("kind", std::string());
  if (kind == "Pod") return &obj["spec"];
  if (kind == "CronJob") return &obj["spec"]["jobTemplate"]["spec"]["template"]["spec"];
  if (kind == "Deployment" || kind == "ReplicaSet" || kind == "ReplicationController" || kind == "DaemonSet" ||
      kind == "StatefulSet" || kind == "Job")
    return &obj["spec"]["template"]["spec"];
  return nullptr;
}

// Containers matching -c (a shell glob in kubectl; "*" by default).
bool glob_match(const std::string& pat, const std::string& s) {
  if (pat.empty()) return s.empty();
  if (pat[0] == '*') return glob_match(pat.substr(1), s) || (!s.empty() && glob_match(pat, s.substr(1)));
  return !s.empty() && (pat[0] == '?' || pat[0] == s[0]) && glob_match(pat.substr(1), s.substr(1));
}

CommandResult write_back(Invocation& inv, const Workload& w, Json obj, const std::string& what) {
  if (obj == *w.obj) return {"", 0};
  std::string error;
  const std::string dry = dry_run_mode(inv.args, error);
  if (!error.empty()) return fail(error);
  if (dry != "client") {
    api::WriteOptions opts;
    opts.dry_run = dry == "server";
    opts.field_manager = inv.args.str("field-manager", "kubectl-set");
    try {
      const std::string ns = api::meta::namespace_of(obj);
      inv.sb.api().update(*w.res, ns, std::move(obj), opts);
    } catch (const api::ApiError& e) {
      return fail(server_error(e));
    }
  }
  return {kind_name(*w.res, api::meta::name(*w.obj)) + " " + what + dry_run_suffix(dry) + "\n", 0};
}

}  // namespace kt::kubectl
