// `kubectl label` and `kubectl annotate`: KEY=VALUE sets, KEY- removes, --overwrite
// allows changing a key that has another value; the change goes as a JSON merge
// patch of metadata.labels / metadata.annotations; -o prints each object as kubectl
// changed it before the patch (its old resourceVersion), each through a printer of its own.
#include "core/api/apiserver.h"
#include "core/api/patch.h"
#include "core/kubectl/command.h"
#include "core/kubectl/output.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

struct Meta {
  const char* field;     // "labels"
  const char* done;      // "labeled"
  const char* command;   // "label"
  bool reports_no_change;
};

CommandResult run_meta(Invocation& inv, const Meta& m) {
  const ParsedArgs& a = inv.args;
  std::vector<std::string> resources;
  std::vector<std::pair<std::string, std::string>> set;
  std::vector<std::string> remove;
  for (const auto& arg : a.positional) {
    auto eq = arg.find('=');
    if (eq != std::string::npos) set.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
    else if (!arg.empty() && arg.back() == '-') remove.push_back(arg.substr(0, arg.size() - 1));
    else resources.push_back(arg);
  }
  if (resources.empty())
    return fail("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
  if (set.empty() && remove.empty())
    return fail(std::string("error: at least one ") + (m.command[0] == 'l' ? "label" : "annotation") +
                " update is required\n");
  std::string error;
  const std::string dry = dry_run_mode(a, error);
  if (!error.empty()) return fail(error);
  // kubectl makes each object's printer after its patch: a bad -o fails there.
  const OutputFormat fmt = parse_output(a, false, error);
  const std::string format_error = error;
  auto& api = inv.sb.api();
  ResourceArgs ra = resolve_resource_args(inv, resources);
  if (!ra.error.empty()) return fail(ra.error);

  std::vector<api::ObjectPtr> objects;
  std::vector<const api::ResourceInfo*> types;
  std::string out, errors;
  for (const auto& ref : ra.refs) {
    const std::string ns = ref.res->namespaced ? inv.ns() : "";
    try {
      if (!ref.name.empty()) {
        objects.push_back(api.get(*ref.res, ns, ref.name));
        types.push_back(ref.res);
      } else if (a.flag("all") || a.has("selector") || a.has("field-selector")) {
        api::ListOptions lo;
        lo.label_selector = a.str("selector");
        lo.field_selector = a.str("field-selector");
        for (auto& o : api.list(*ref.res, a.flag("all-namespaces") ? "" : ns, lo).items) {
          objects.push_back(o);
          types.push_back(ref.res);
        }
      } else {
        return fail("error: resource(s) were provided, but no name was specified\n");
      }
    } catch (const api::ApiError& e) {
      errors += server_error(ref.name.empty() ? e : with_missing_namespace(api, *ref.res, ns, e));
    }
  }
  const bool overwrite = a.flag("overwrite");
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const Json& obj = *objects[i];
    const api::ResourceInfo& res = *types[i];
    const Json& meta = api::meta::metadata(obj);
    Json current = meta.is_object() && meta.contains(m.field) && meta[m.field].is_object() ? meta[m.field] : Json::object();
    if (!overwrite) {
      std::vector<std::string> conflicts;
      for (const auto& [k, v] : set)
        if (current.contains(k) && current[k] != v)
          conflicts.push_back("'" + k + "' already has a value (" + current[k].get<std::string>() + ")");
      if (!conflicts.empty()) {
        if (m.reports_no_change) {
          // label: one error per key; kubectl prefixes "error: " only when there is one.
          for (const auto& c : conflicts)
            errors += (conflicts.size() == 1 ? "error: " : "") + c + ", and --overwrite is false\n";
        } else {
          std::string joined;
          for (const auto& c : conflicts) joined += (joined.empty() ? "" : "; ") + c;
          errors += "error: --overwrite is false but found the following declared annotation(s): " + joined + "\n";
        }
        continue;
      }
    }
    Json changes = Json::object();
    for (const auto& [k, v] : set)
      if (!current.contains(k) || current[k] != v) changes[k] = v;
    for (const auto& k : remove) {
      if (current.contains(k)) changes[k] = nullptr;
      else if (m.reports_no_change) out += std::string(m.command) + " \"" + k + "\" not found.\n";
    }
    const std::string name = api::meta::name(obj);
    std::string verb = m.done;
    // What -o prints: the object as kubectl changed it locally (labelFunc), not the
    // server's answer: the old resourceVersion, the map present even when empty.
    Json local = obj;
    if (changes.empty()) {
      if (m.reports_no_change) verb = std::string("not ") + m.done;
    } else {
      if (m.reports_no_change && set.empty()) verb = std::string("un") + m.done;
      Json patch = {{"metadata", {{m.field, changes}}}};
      api::WriteOptions opts;
      opts.dry_run = dry == "server";
      opts.field_manager = inv.args.str("field-manager", std::string("kubectl-") + (m.field == std::string("labels") ? "label" : "annotate"));
      try {
        if (dry != "client") api.patch(res, api::meta::namespace_of(obj), name, api::PatchType::Merge, patch, opts);
        local = api::patch::merge_patch(obj, patch);
      } catch (const api::ApiError& e) {
        errors += server_error(e);
        continue;
      }
    }
    if (!format_error.empty()) return fail(out + errors + format_error);
    if (fmt.kind == OutputFormat::Kind::Default) {
      out += kind_name(res, name) + " " + verb + dry_run_suffix(dry) + "\n";
      continue;
    }
    // Each object through a printer of its own: no "---" between YAML documents.
    std::string print_error;
    if (!local["metadata"].contains(m.field) || !local["metadata"][m.field].is_object())
      local["metadata"][m.field] = Json::object();
    out += print_structured(fmt, for_output(local), print_error);
    errors += print_error;
  }
  return {out + errors, errors.empty() ? 0 : 1};
}

CommandResult run_label(Invocation& inv) { return run_meta(inv, {"labels", "labeled", "label", true}); }
CommandResult run_annotate(Invocation& inv) { return run_meta(inv, {"annotations", "annotated", "annotate", false}); }

std::vector<FlagSpec> meta_flags() {
  auto f = filename_flags();
  for (auto& o : output_flags()) f.push_back(o);
  f.insert(f.end(), {dry_run_flag(),
                     {"overwrite", 0, K::Bool, "false"},
                     {"selector", 'l', K::String, ""},
                     {"field-selector", 0, K::String, ""},
                     {"all", 0, K::Bool, "false"},
                     {"all-namespaces", 'A', K::Bool, "false"},
                     {"local", 0, K::Bool, "false"},
                     {"resource-version", 0, K::String, ""},
                     {"field-manager", 0, K::String, "kubectl-label"}});
  return f;
}

}  // namespace

Command label_command() {
  auto f = meta_flags();
  f.push_back({"list", 0, K::Bool, "false"});
  return {"label", f, run_label, {}, {"filename", "kustomize", "local", "resource-version", "list"}};
}

Command annotate_command() {
  return {"annotate", meta_flags(), run_annotate, {}, {"filename", "kustomize", "local", "resource-version"}};
}

}  // namespace kt::kubectl
