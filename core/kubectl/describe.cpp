// `kubectl describe`: TYPE, TYPE NAME..., TYPE/NAME..., -l, -A, -f, --show-events.
// As kubectl's DescribeOptions.Run: the objects found are described in order,
// separated by a blank line ("\n\n" in front of every description but the first);
// errors (NotFound, ...) come after. `describe TYPE NAME` with no object NAME
// describes every object whose name starts with NAME (DescribeMatchingResources),
// each followed by an empty line. The layouts are in core/printers/describe_*.cpp.
#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/manifests.h"
#include "core/kubectl/resource_args.h"
#include "core/printers/describe.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

struct Target {
  const api::ResourceInfo* res;
  std::string ns, name;
};

CommandResult run_describe(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  auto& api = inv.sb.api();
  const bool all_ns = a.flag("all-namespaces");
  const std::string ns = inv.ns();
  printers::DescribeContext dctx{api, inv.sb.sim().now(), a.flag("show-events", true)};

  if (a.positional.empty() && a.list("filename").empty())
    return fail(
        "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list "
        "of supported resources.\n");

  std::vector<Target> targets;
  std::vector<std::string> errors;
  bool prefix_mode_possible = false;
  ResourceRef prefix_ref;
  if (!a.list("filename").empty()) {
    Manifests m = read_manifests(inv.ctx, a.list("filename"), a.flag("recursive"));
    if (!m.error.empty()) return fail(m.error);
    for (const auto& item : m.items) {
      WriteTarget t = write_target(inv, item.object, item.source);
      if (!t.error.empty()) return fail(t.error);
      targets.push_back({t.res, t.ns, t.name});
    }
  } else {
    ResourceArgs ra = resolve_resource_args(inv, a.positional);
    if (!ra.error.empty()) return fail(ra.error);
    prefix_mode_possible = a.positional.size() == 2 && ra.refs.size() == 1 && !ra.refs[0].name.empty();
    if (prefix_mode_possible) prefix_ref = ra.refs[0];
    for (const auto& ref : ra.refs) {
      const std::string where = ref.res->namespaced ? (all_ns && ref.name.empty() ? "" : ns) : "";
      if (!ref.name.empty()) {
        targets.push_back({ref.res, where, ref.name});
        continue;
      }
      api::ListOptions lo;
      lo.label_selector = a.str("selector");
      try {
        for (const auto& o : api.list(*ref.res, where, lo).items)
          targets.push_back({ref.res, api::meta::namespace_of(*o), api::meta::name(*o)});
      } catch (const api::ApiError& e) {
        errors.push_back(server_error(e));
      }
    }
  }

  std::string out;
  bool first = true, any = false;
  for (const auto& t : targets) {
    std::string text;
    try {
      // The builder's GET comes first: a missing object is an error (or a name prefix)
      // before any describer runs.
      api.get(*t.res, t.ns, t.name);
      text = printers::describe(dctx, *t.res, t.ns, t.name);
    } catch (const api::ApiError& not_found) {
      const api::ApiError e = with_missing_namespace(api, *t.res, t.ns, not_found);
      if (prefix_mode_possible && e.reason() == "NotFound") {
        // DescribeMatchingResources: every object of the type whose name has the prefix.
        std::string matched;
        for (const auto& o : api.list(*prefix_ref.res, prefix_ref.res->namespaced ? ns : "").items) {
          const std::string name = api::meta::name(*o);
          if (name.rfind(prefix_ref.name, 0) != 0) continue;
          try {
            matched += printers::describe(dctx, *prefix_ref.res, api::meta::namespace_of(*o), name) + "\n";
          } catch (const api::ApiError& inner) {
            return {matched + server_error(inner), 1};
          }
        }
        if (!matched.empty()) return {matched, 0};
      }
      const std::string msg = server_error(e);
      if (std::find(errors.begin(), errors.end(), msg) == errors.end()) errors.push_back(msg);
      continue;
    }
    any = true;
    out += first ? text : "\n\n" + text;
    first = false;
  }
  std::string err;
  for (const auto& e : errors) err += e;
  if (!any && errors.empty()) {
    return {all_ns ? "No resources found\n" : "No resources found in " + ns + " namespace.\n", 0};
  }
  return {out + err, errors.empty() ? 0 : 1};
}

}  // namespace

Command describe_command() {
  std::vector<FlagSpec> f = filename_flags();
  f.insert(f.end(), {{"selector", 'l', K::String, ""},
                     {"all-namespaces", 'A', K::Bool, "false"},
                     {"show-events", 0, K::Bool, "true"},
                     {"chunk-size", 0, K::Int, "500"}});
  return {"describe", f, run_describe, {}, {"kustomize"}};
}

}  // namespace kt::kubectl
