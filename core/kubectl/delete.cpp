// `kubectl delete`: by name (TYPE NAME..., TYPE/NAME), by -f, by -l or --all; with
// --grace-period, --force (and its warning), --dry-run and --wait (on by default:
// the sandbox fast-forwards until the objects are gone).
#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/manifests.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

struct Target {
  const api::ResourceInfo* res;
  std::string ns, name;
  std::string uid;  // of the object deleted: a controller may create another with its name
};

// "deployment.apps \"web\"": how delete names an object.
std::string quoted_kind_name(const api::ResourceInfo& res, const std::string& name) {
  std::string kn = kind_name(res, name);
  return kn.substr(0, kn.find('/')) + " \"" + name + "\"";
}

// --wait: the cluster runs until every deleted object is gone.
void wait_until_gone(Sandbox& sb, const std::vector<Target>& deleted) {
  wait_until(sb, [&] {
    for (const auto& t : deleted)
      if (auto now = sb.api().try_get(*t.res, t.ns, t.name); now && api::meta::uid(*now) == t.uid) return false;
    return true;
  });
}

CommandResult run_delete(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  std::string error;
  const std::string dry = dry_run_mode(a, error);
  if (!error.empty()) return fail(error);
  if (a.has("output") && a.str("output") != "name")
    return fail("error: unexpected -o output mode: " + a.str("output") + ". We only support '-o name'\n");
  std::int64_t grace = a.integer("grace-period", -1);
  const bool force = a.flag("force");
  if (a.flag("now")) {
    if (grace != -1) return fail("error: --now and --grace-period cannot be specified together\n");
    grace = 1;
  }
  if (grace == 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;

  auto& api = inv.sb.api();
  const std::string selector = a.str("selector");
  const bool all = a.flag("all");
  const bool all_ns = a.flag("all-namespaces");
  std::vector<Target> targets;
  std::string errors;
  auto files = a.list("filename");
  if (!files.empty()) {
    Manifests m = read_manifests(inv.ctx, files, a.flag("recursive"));
    for (const auto& item : m.items) {
      WriteTarget t = write_target(inv, item.object, item.source);
      if (!t.error.empty()) return fail(t.error);
      targets.push_back({t.res, t.ns, t.name, ""});
    }
    errors += m.error;
  } else {
    if (a.positional.empty())
      return fail(
          "error: You must provide one or more resources by argument or filename.\nExample resource specifications "
          "include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
    ResourceArgs ra = resolve_resource_args(inv, a.positional);
    if (!ra.error.empty()) return fail(ra.error);
    for (const auto& ref : ra.refs) {
      if (!ref.name.empty()) {
        if (!selector.empty()) return fail("error: name cannot be provided when a selector is specified\n");
        if (all) return fail("error: name cannot be provided when everything is selected (--all)\n");
        targets.push_back({ref.res, ref.res->namespaced ? inv.ns() : "", ref.name, ""});
        continue;
      }
      if (selector.empty() && !all && a.str("field-selector").empty())
        return fail("error: resource(s) were provided, but no name was specified\n");
      api::ListOptions lo;
      lo.label_selector = selector;
      lo.field_selector = a.str("field-selector");
      try {
        for (const auto& o : api.list(*ref.res, ref.res->namespaced && !all_ns ? inv.ns() : "", lo).items)
          targets.push_back({ref.res, api::meta::namespace_of(*o), api::meta::name(*o), ""});
      } catch (const api::ApiError& e) {
        return fail(server_error(e));
      }
    }
    if (targets.empty()) return {"No resources found\n", 0};
  }

  std::string out;
  if (grace == 0 && force)
    out += "Warning: Immediate deletion does not wait for confirmation that the running resource has been "
           "terminated. The resource may continue to run on the cluster indefinitely.\n";
  std::vector<Target> deleted;
  api::DeleteOptions opts;
  const std::string cascade = a.str("cascade", "background");
  if (cascade == "background" || cascade == "true") opts.propagation = api::Propagation::Background;
  else if (cascade == "orphan" || cascade == "false") opts.propagation = api::Propagation::Orphan;
  else if (cascade == "foreground") opts.propagation = api::Propagation::Foreground;
  else return fail("error: invalid cascade value (" + cascade + "). Must be \"background\", \"foreground\", or \"orphan\"\n");
  if (grace >= 0) opts.grace_period_seconds = grace;
  opts.dry_run = dry == "server";
  for (auto t : targets) {
    try {
      if (dry == "client") {
        api.get(*t.res, t.ns, t.name);
      } else {
        t.uid = api::meta::uid(*api.get(*t.res, t.ns, t.name));
        api.remove(*t.res, t.ns, t.name, opts);
      }
    } catch (const api::ApiError& e) {
      if (!(a.flag("ignore-not-found") && e.reason() == "NotFound")) errors += server_error(e);
      continue;
    }
    deleted.push_back(t);
    std::string operation = grace == 0 ? "force deleted" : "deleted";
    if (a.str("output") == "name") out += kind_name(*t.res, t.name) + "\n";
    else out += quoted_kind_name(*t.res, t.name) + " " + operation + dry_run_suffix(dry) + "\n";
  }
  if (a.flag("wait", true) && dry == "none") wait_until_gone(inv.sb, deleted);
  return {out + errors, errors.empty() ? 0 : 1};
}

}  // namespace

Command delete_command() {
  auto f = filename_flags();
  f.insert(f.end(), {{"output", 'o', K::String, ""},
                     dry_run_flag(),
                     {"selector", 'l', K::String, ""},
                     {"field-selector", 0, K::String, ""},
                     {"all", 0, K::Bool, "false"},
                     {"all-namespaces", 'A', K::Bool, "false"},
                     {"grace-period", 0, K::Int, "-1"},
                     {"force", 0, K::Bool, "false"},
                     {"now", 0, K::Bool, "false"},
                     {"wait", 0, K::Bool, "true"},
                     {"timeout", 0, K::String, "0s"},
                     {"ignore-not-found", 0, K::Bool, "false"},
                     {"cascade", 0, K::String, "background", "background"},
                     {"interactive", 'i', K::Bool, "false"}});
  return {"delete", f, run_delete, {}, {"kustomize", "interactive"}};
}

}  // namespace kt::kubectl
