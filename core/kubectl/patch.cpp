// `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`: the patch is
// YAML or JSON; "patched", or "patched (no change)" when the object stayed the same.
#include "core/api/apiserver.h"
#include "core/api/yaml.h"
#include "core/kubectl/command.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

CommandResult run_patch(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  const std::string type = a.str("type", "strategic");
  api::PatchType pt;
  if (type == "strategic") pt = api::PatchType::Strategic;
  else if (type == "merge") pt = api::PatchType::Merge;
  else if (type == "json") pt = api::PatchType::Json;
  else return fail("error: --type must be one of [json merge strategic], not \"" + type + "\"\n");
  std::string text = a.str("patch");
  if (a.has("patch-file")) {
    auto r = inv.ctx.fs ? inv.ctx.fs->read(a.str("patch-file")) : term::FileSystem::ReadResult{std::nullopt, "No such file or directory"};
    if (!r.data) return fail("error: unable to read patch file: open " + a.str("patch-file") + ": no such file or directory\n");
    text = *r.data;
  }
  if (text.empty()) return fail("error: must specify --patch or --patch-file containing the contents of the patch\n");
  Json patch;
  try {
    auto docs = api::parse_yaml_documents(text);
    patch = docs.empty() ? Json() : docs[0];
  } catch (const api::YamlError& e) {
    return fail(std::string("error: unable to parse \"") + text + "\": " + e.what() + "\n");
  }
  std::string error;
  const std::string dry = dry_run_mode(a, error);
  if (!error.empty()) return fail(error);
  auto& api = inv.sb.api();
  ResourceArgs ra = resolve_resource_args(inv, a.positional);
  if (!ra.error.empty()) return fail(ra.error);
  if (ra.refs.empty())
    return fail(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications "
        "include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
  std::string out, errors;
  for (const auto& ref : ra.refs) {
    if (ref.name.empty()) return fail("error: resource(s) were provided, but no name was specified\n");
    const std::string ns = ref.res->namespaced ? inv.ns() : "";
    try {
      api::ObjectPtr before = api.get(*ref.res, ns, ref.name);
      api::WriteOptions opts;
      opts.dry_run = dry != "none";
      opts.field_manager = inv.args.str("field-manager", "kubectl-patch");
      api::ObjectPtr after = api.patch(*ref.res, ns, ref.name, pt, patch, opts);
      const bool changed = *before != *after;
      // A server dry run reports plainly "patched", as kubectl v1.32 does.
      const std::string note = dry == "server" ? "" : (changed ? "" : " (no change)") + dry_run_suffix(dry);
      out += kind_name(*ref.res, ref.name) + " patched" + note + "\n";
    } catch (const api::ApiError& e) {
      errors += server_error(e);
    }
  }
  return {out + errors, errors.empty() ? 0 : 1};
}

}  // namespace

Command patch_command() {
  auto f = filename_flags();
  f.insert(f.end(), {{"output", 'o', K::String, ""},
                     dry_run_flag(),
                     {"patch", 'p', K::String, ""},
                     {"patch-file", 0, K::String, ""},
                     {"type", 0, K::String, "strategic"},
                     {"local", 0, K::Bool, "false"},
                     {"subresource", 0, K::String, ""},
                     {"field-manager", 0, K::String, "kubectl-patch"}});
  return {"patch", f, run_patch, {}, {"filename", "kustomize", "local", "subresource", "output"}};
}

}  // namespace kt::kubectl
