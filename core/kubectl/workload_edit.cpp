// The workload edits the `kubectl set` commands share (see workload_edit.h).
#include "core/kubectl/workload_edit.h"

#include "core/api/apiserver.h"
#include "core/kubectl/go_json.h"
#include "core/kubectl/manifests.h"
#include "core/kubectl/output.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"

namespace kt::kubectl {
namespace {

// "Error from server (NotFound): ..." for an object the builder did not find (no newline).
std::string missing_text(const api::ApiServer& api, const api::ResourceInfo& res, const std::string& ns,
                         const std::string& name) {
  std::string text = server_error(object_not_found(api, res, ns, name));
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}


using K = FlagSpec::Kind;

constexpr const char* kNoResources =
    "error: You must provide one or more resources by argument or filename.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'\n"
    "   '<resource> <name>'\n"
    "   '<resource>'\n";

constexpr const char* kLocalResourceError =
    "error: you must specify resources by --filename when --local is set.\n"
    "Example resource specifications include:\n"
    "   '-f rsrc.yaml'\n"
    "   '--filename=rsrc.json'\n";

std::string strip_newline(std::string s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

// -f: the manifests' objects, from the server or (--local) as they are.
Workloads from_files(Invocation& inv, const std::vector<std::string>& files, bool local) {
  Workloads out;
  Manifests m = read_manifests(inv.ctx, files, inv.args.flag("recursive"));
  if (!m.error.empty()) {
    out.error = m.error;
    return out;
  }
  for (const auto& item : m.items) {
    WriteTarget t = write_target(inv, item.object, item.source);
    if (!t.error.empty()) {
      out.items.push_back({t.res, nullptr, t.error});
      continue;
    }
    Workload w;
    w.res = t.res;
    if (local) {
      w.obj = std::make_shared<const Json>(item.object);  // as it is: kubectl adds no namespace
    } else {
      w.obj = inv.sb.api().try_get(*t.res, t.ns, t.name);
      if (!w.obj) w.missing = missing_text(inv.sb.api(), *t.res, t.ns, t.name);
    }
    out.items.push_back(std::move(w));
  }
  return out;
}

// TYPE NAME..., TYPE/NAME..., TYPE -l SEL, TYPE --all: the objects on the server.
Workloads from_args(Invocation& inv, const std::vector<std::string>& resources, bool type_selects_all) {
  Workloads out;
  const ParsedArgs& a = inv.args;
  auto& api = inv.sb.api();
  const bool select = type_selects_all || a.flag("all") || !a.str("selector").empty();
  if (resources.empty()) {
    out.error = a.str("selector").empty() ? kNoResources : "error: at least one resource must be specified to use a selector\n";
    return out;
  }
  ResourceArgs ra = resolve_resource_args(inv, resources);
  if (!ra.error.empty()) {
    out.error = ra.error;
    return out;
  }
  for (const auto& ref : ra.refs)
    if (ref.name.empty() && !select) {
      out.error = "error: resource(s) were provided, but no name was specified\n";
      return out;
    }
  for (const auto& ref : ra.refs) {
    const std::string ns = ref.res->namespaced ? inv.ns() : "";
    if (ref.name.empty()) {
      api::ListOptions lo;
      lo.label_selector = a.str("selector");
      try {
        for (auto& o : api.list(*ref.res, ns, lo).items) out.items.push_back({ref.res, o});
      } catch (const api::ApiError& e) {
        out.items.push_back({ref.res, nullptr, server_error(e)});
      }
      continue;
    }
    api::ObjectPtr obj = api.try_get(*ref.res, ns, ref.name);
    if (!obj) {
      out.items.push_back({ref.res, nullptr, missing_text(api, *ref.res, ns, ref.name)});
      continue;
    }
    out.items.push_back({ref.res, obj});
  }
  return out;
}

}  // namespace

std::string Workloads::failure() const {
  if (!error.empty()) return error;
  ErrorList errs;
  for (const auto& w : items)
    if (!w.obj) errs.add_standard(w.missing);
  return errs.text();
}

void ErrorList::add_standard(std::string msg) { errs_.emplace_back(strip_newline(std::move(msg)), true); }

std::string ErrorList::text() const {
  if (errs_.empty()) return "";
  if (errs_.size() == 1) {
    std::string msg = errs_[0].first;
    if (!errs_[0].second && msg.rfind("error: ", 0) != 0) msg = "error: " + msg;
    if (msg.empty() || msg.back() != '\n') msg += "\n";
    return msg;
  }
  std::string out;
  for (const auto& e : errs_) out += e.first + "\n";
  return out;
}

Workloads find_workloads(Invocation& inv, const std::vector<std::string>& resources, LocalArgs local_args,
                         bool type_selects_all) {
  const std::vector<std::string> files = inv.args.list("filename");
  if (inv.args.flag("local")) {
    if (local_args == LocalArgs::Rejected && !resources.empty()) return {{}, kLocalResourceError};
    if (files.empty()) return {{}, kNoResources};
    return from_files(inv, files, true);
  }
  if (!files.empty()) {
    if (!resources.empty())
      return {{},
              "error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as "
              "well\n"};
    return from_files(inv, files, false);
  }
  return from_args(inv, resources, type_selects_all);
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

// %T of the typed object kubectl decoded: "*v1.Service", "*v2.HorizontalPodAutoscaler".
std::string no_pod_template(const api::ResourceInfo& res) {
  return "the object is not a pod or does not have a pod template: *" + res.version + "." + res.kind;
}

std::vector<Edit> edit_pod_templates(const Workloads& found, const std::function<void(Edit&, Json& spec)>& change) {
  std::vector<Edit> edits;
  for (const auto& w : found.items) {
    Edit edit{w, *w.obj, ""};
    if (Json* spec = pod_spec(edit.after)) change(edit, *spec);
    else edit.error = no_pod_template(*w.res);
    edits.push_back(std::move(edit));
  }
  return edits;
}

// Containers matching -c (a shell glob in kubectl; "*" by default).
bool glob_match(const std::string& pat, const std::string& s) {
  if (pat.empty()) return s.empty();
  if (pat[0] == '*') return glob_match(pat.substr(1), s) || (!s.empty() && glob_match(pat, s.substr(1)));
  return !s.empty() && (pat[0] == '?' || pat[0] == s[0]) && glob_match(pat.substr(1), s.substr(1));
}

CommandResult write_edits(Invocation& inv, const std::vector<Edit>& edits, const WriteSpec& spec, ErrorList errs,
                          std::string out) {
  const ParsedArgs& a = inv.args;
  std::string error;
  const std::string dry = dry_run_mode(a, error);
  if (!error.empty()) return fail(out + error);
  const OutputFormat fmt = parse_output(a, false, error);
  if (!error.empty()) return fail(out + error);
  // kubectl prints the typed object in its Go structs' field order (go_json.h); the
  // sandbox has the tables of some kinds only (get -o json sorts keys).
  if (fmt.kind == OutputFormat::Kind::Json)
    for (const auto& e : edits)
      if (e.error.empty() && !go_json_known(*e.w.obj))
        return fail(out + "error: kubectl " + inv.path + " -o json of a " + e.w.res->kind +
                    " is not available in this sandbox yet (use -o yaml)\n");
  const bool local = a.flag("local");
  int printed = 0;
  // The printer: kubectl's line, or the object (YAML documents after the first start with "---").
  auto print = [&](const Workload& w, const Json& obj) {
    if (fmt.kind == OutputFormat::Kind::Default) {
      out += kind_name(*w.res, api::meta::name(obj)) + " " + spec.what + dry_run_suffix(dry) + "\n";
      return;
    }
    if (fmt.kind == OutputFormat::Kind::Yaml && printed > 0) out += "---\n";
    ++printed;
    if (fmt.kind == OutputFormat::Kind::Json) {
      out += go_json(a.flag("show-managed-fields") ? obj : for_output(obj));
      return;
    }
    std::string print_error;
    out += print_structured(fmt, a.flag("show-managed-fields") ? obj : for_output(obj), print_error);
    if (!print_error.empty()) errs.add(strip_newline(print_error));
  };
  for (const auto& e : edits) {
    if (!e.error.empty()) {
      errs.add("error: " + e.w.res->plural + "/" + api::meta::name(*e.w.obj) + " " + e.error + "\n");
      continue;
    }
    if (e.after == *e.w.obj && spec.skip_unchanged) continue;
    if (local || dry == "client") {
      print(e.w, e.after);
      continue;
    }
    api::ObjectPtr actual = e.w.obj;  // an empty patch leaves the object as it is
    if (e.after != *e.w.obj) {
      try {
        api::WriteOptions opts;
        opts.dry_run = dry == "server";
        opts.field_manager = a.str("field-manager", "kubectl-set");
        Json obj = e.after;
        const std::string ns = api::meta::namespace_of(obj);
        actual = inv.sb.api().update(*e.w.res, ns, std::move(obj), opts);
      } catch (const api::ApiError& err) {
        errs.add(spec.patch_failed + err.message());
        continue;
      }
    }
    if (!spec.after_first_write.empty()) return fail(out + "error: " + spec.after_first_write + "\n");
    print(e.w, *actual);
  }
  const std::string tail = errs.text();
  return {out + tail, tail.empty() ? 0 : 1};
}

std::vector<FlagSpec> set_common_flags(std::vector<FlagSpec> own) {
  std::vector<FlagSpec> f = std::move(own);
  f.insert(f.end(), {{"all", 0, K::Bool, "false"},
                     {"selector", 'l', K::String, ""},
                     {"local", 0, K::Bool, "false"},
                     dry_run_flag(),
                     {"field-manager", 0, K::String, "kubectl-set"}});
  for (auto& o : output_flags()) f.push_back(o);
  for (auto& o : filename_flags()) f.push_back(o);
  return f;
}

std::vector<std::string> set_unsupported_flags() { return {"kustomize"}; }

std::string check_set_output(const Invocation& inv) {
  const ParsedArgs& a = inv.args;
  std::string error;
  dry_run_mode(a, error);
  if (!error.empty()) return error;
  parse_output(a, false, error);
  return error;
}

std::string local_server_error(const Invocation& inv) {
  std::string error;
  if (inv.args.flag("local") && dry_run_mode(inv.args, error) == "server")
    return "error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n";
  return "";
}

}  // namespace kt::kubectl
