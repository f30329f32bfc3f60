// `kubectl apply -f` (client-side, as v1.32 does it by default; --server-side sends
// the configuration as an apply patch and prints "serverside-applied"): the new
// configuration is stored in the kubectl.kubernetes.io/last-applied-configuration
// annotation; a missing object is created, an existing one gets the three-way
// strategic merge patch from (last applied, new, live), and an empty patch means
// "unchanged". Errors are collected and printed after the objects that went through.
#include "core/api/patch.h"
#include "core/kubectl/command.h"
#include "core/kubectl/jsonpath.h"
#include "core/kubectl/last_applied.h"
#include "core/kubectl/manifests.h"
#include "core/kubectl/output.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

// kubectl's advice after a server-side apply conflict (apply.go fieldManagerConflictErr).
constexpr const char* kConflictAdvice =
    "Please review the fields above--they currently have other managers. Here\n"
    "are the ways you can resolve this warning:\n"
    "* If you intend to manage all of these fields, please re-run the apply\n"
    "  command with the `--force-conflicts` flag.\n"
    "* If you do not intend to manage all of the fields, please edit your\n"
    "  manifest to remove references to the fields that should keep their\n"
    "  current managers.\n"
    "* You may co-own fields by updating your manifest to match the existing\n"
    "  value; in this case, you'll become the manager if the other manager(s)\n"
    "  stop managing the field (remove it from their configuration).\n"
    "See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts\n";

CommandResult run_apply(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  const bool server_side = a.flag("server-side");
  if (a.flag("force-conflicts") && !server_side) return fail("error: --force-conflicts only works with --server-side\n");
  auto files = a.list("filename");
  if (files.empty()) return fail("error: must specify one of -f and -k\n");
  std::string error;
  const std::string dry = dry_run_mode(a, error);
  if (!error.empty()) return fail(error);
  OutputFormat fmt = parse_output(a, false, error);
  if (!error.empty()) return fail(error);

  Manifests m = read_manifests(inv.ctx, files, a.flag("recursive"));
  if (m.items.empty() && m.error.empty()) return fail("error: no objects passed to apply\n");
  auto& api = inv.sb.api();
  std::string out, errors;
  api::WriteOptions opts;
  opts.dry_run = dry == "server";
  opts.validation = validation_mode(a);
  opts.field_manager = a.str("field-manager", "kubectl-client-side-apply");
  if (server_side) {
    if (dry == "client")
      return fail("error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n");
    if (!a.has("field-manager")) opts.field_manager = "kubectl";
    opts.force = a.flag("force-conflicts");
  }
  for (const auto& item : m.items) {
    WriteTarget t = write_target(inv, item.object, item.source);
    if (!t.error.empty()) {
      errors += t.error;
      continue;
    }
    Json obj = item.object;
    if (t.res->namespaced) obj["metadata"]["namespace"] = t.ns;
    if (server_side) {
      // The whole configuration goes to the server, which merges it and keeps
      // field ownership (core/api/managed_fields.h).
      api::ObjectPtr result;
      try {
        result = api.patch(*t.res, t.ns, t.name, api::PatchType::Apply, obj, opts);
      } catch (const api::ApiError& e) {
        if (e.code() == 409 && e.reason() == "Conflict") errors += "error: " + e.message() + "\n" + kConflictAdvice;
        else errors += server_error(e);
        continue;
      }
      out += warnings(inv.sb);
      if (fmt.kind == OutputFormat::Kind::Default) {
        out += kind_name(*t.res, t.name) + " serverside-applied" + dry_run_suffix(dry) + "\n";
      } else {
        std::string print_error;
        out += print_structured(fmt, for_output(*result), print_error);
        errors += print_error;
      }
      continue;
    }
    const Json modified = with_last_applied(obj);
    std::string verb;
    Json result = modified;
    try {
      api::ObjectPtr live = api.try_get(*t.res, t.ns, t.name);
      if (!live) {
        verb = "created";
        if (dry != "client") result = *api.create(*t.res, t.ns, modified, opts);
      } else if (dry == "client") {
        verb = "configured";  // kubectl computes no patch for a client dry run
      } else {
        const Json& annotations = api::meta::annotations(*live);
        if (!annotations.is_object() || !annotations.contains(kLastApplied))
          out += "Warning: resource " + t.res->qualified() + "/" + t.name + " is missing the " + kLastApplied +
                 " annotation which is required by kubectl apply. kubectl apply should only be used on resources "
                 "created declaratively by either kubectl create --save-config or kubectl apply. The missing "
                 "annotation will be patched automatically.\n";
        Json patch = api::patch::create_three_way_merge_patch(last_applied(*live), modified, *live,
                                                              api::patch::builtin_strategy(t.res->api_version(), t.res->kind));
        result = *live;
        if (patch.empty()) {
          verb = "unchanged";
        } else {
          verb = "configured";
          result = *api.patch(*t.res, t.ns, t.name, api::PatchType::Strategic, patch, opts);
        }
      }
    } catch (const api::ApiError& e) {
      errors += server_error_for(e, "creating", item.source);
      continue;
    }
    out += warnings(inv.sb);
    if (fmt.kind == OutputFormat::Kind::Default) {
      out += kind_name(*t.res, t.name) + " " + verb + dry_run_suffix(dry) + "\n";
    } else {
      std::string print_error;
      out += print_structured(fmt, for_output(result), print_error);
      errors += print_error;
    }
  }
  errors += m.error;
  return {out + errors, errors.empty() ? 0 : 1};
}

}  // namespace

Json last_applied(const Json& live) {
  const Json& a = api::meta::annotations(live);
  if (!a.is_object() || !a.contains(kLastApplied) || !a[kLastApplied].is_string()) return Json();
  try {
    return Json::parse(a[kLastApplied].get<std::string>());
  } catch (const std::exception&) {
    return Json();
  }
}

Json modified_configuration(Json obj) {
  Json& meta = obj["metadata"];
  Json annotations = meta.contains("annotations") && meta["annotations"].is_object() ? meta["annotations"] : Json::object();
  annotations.erase(kLastApplied);
  meta["annotations"] = annotations;
  return obj;
}

Json with_last_applied(Json obj) {
  obj = modified_configuration(std::move(obj));
  const std::string applied = go_json_compact(obj) + "\n";
  obj["metadata"]["annotations"][kLastApplied] = applied;
  return obj;
}

Command apply_command() {
  using K = FlagSpec::Kind;
  std::vector<FlagSpec> f = output_flags();
  auto more = filename_flags();
  f.insert(f.end(), more.begin(), more.end());
  f.insert(f.end(), {dry_run_flag(),
                     validate_flag(),
                     {"server-side", 0, K::Bool, "false"},
                     {"force-conflicts", 0, K::Bool, "false"},
                     {"field-manager", 0, K::String, "kubectl-client-side-apply"},
                     {"overwrite", 0, K::Bool, "true"},
                     {"selector", 'l', K::String, ""},
                     {"prune", 0, K::Bool, "false"},
                     {"wait", 0, K::Bool, "false"},
                     {"record", 0, K::Bool, "false"}});
  return {"apply", f, run_apply, {}, {"prune", "selector", "kustomize", "wait", "record"}};
}

}  // namespace kt::kubectl
