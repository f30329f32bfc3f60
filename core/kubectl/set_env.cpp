// `kubectl set env` and `kubectl set resources` on the pod template of a workload
// (deployment, replicaset, replicationcontroller, daemonset, statefulset, job, cronjob)
// or a pod's own spec, as kubectl v1.32 does them client-side:
//   set env TYPE/NAME K=V ... K- ... [-c C] [--list] [--overwrite=false]
//       existing variables change in place, new ones are appended in argument order,
//       K- removes; "deployment.apps/x env updated" only when something changed;
//       --list prints "# Deployment x, container c" and K=V lines instead
//   set resources TYPE/NAME --limits=cpu=200m,memory=512Mi --requests=... [-c C]
//       quantities in their canonical form; "... resource requirements updated"
// FIXME: --from=configmap/secret, --keys, --prefix, --resolve, -e, -l/--all, -f.
#include "core/api/apiserver.h"
#include "core/kubectl/command.h"
#include "core/kubectl/resource_args.h"
#include "core/sandbox.h"
#include "core/util/quantity.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

struct Workload {
  const api::ResourceInfo* res = nullptr;
  api::ObjectPtr obj;
  std::string error;
};

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

std::string env_ref_string(const Json& from) {
  if (from.contains("fieldRef")) return "field path " + from["fieldRef"].value("fieldPath", std::string());
  if (from.contains("resourceFieldRef")) return "resource " + from["resourceFieldRef"].value("resource", std::string());
  if (from.contains("configMapKeyRef"))
    return "configmap " + from["configMapKeyRef"].value("name", std::string()) + ", key " +
           from["configMapKeyRef"].value("key", std::string());
  if (from.contains("secretKeyRef"))
    return "secret " + from["secretKeyRef"].value("name", std::string()) + ", key " +
           from["secretKeyRef"].value("key", std::string());
  return "invalid source";
}

CommandResult set_env(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  // SplitEnvironmentFromResources: resources first, then K=V and K- arguments.
  std::vector<std::string> resources, changes;
  for (const auto& p : a.positional) {
    const bool is_env = p.find('=') != std::string::npos || (!p.empty() && p.back() == '-');
    if (is_env) changes.push_back(p);
    else if (changes.empty()) resources.push_back(p);
    else return fail("error: all resources must be specified before environment changes: " + p + "\n");
  }
  if (a.has("from") || a.has("keys") || a.has("prefix") || a.has("env"))
    return fail("error: kubectl set env --from/--keys/--prefix/--env is not available in this sandbox yet\n");
  const bool list = a.flag("list");
  Workload w = find_workload(inv, resources);
  if (!w.error.empty()) return fail(w.error);
  Json obj = *w.obj;
  Json* spec = pod_spec(obj);
  if (!spec) return fail("error: " + w.res->qualified() + "/" + api::meta::name(obj) + " has no pod template\n");

  std::vector<std::pair<std::string, std::string>> add;
  std::vector<std::string> remove;
  for (const auto& c : changes) {
    const auto eq = c.find('=');
    if (eq == std::string::npos) {
      remove.push_back(c.substr(0, c.size() - 1));
      continue;
    }
    add.emplace_back(c.substr(0, eq), c.substr(eq + 1));
  }
  const std::string selector = a.str("containers", "*");
  const std::string id = w.res->kind + "/" + api::meta::name(obj);
  std::string out;
  bool matched = false;
  for (const char* list_name : {"initContainers", "containers"}) {
    if (!spec->contains(list_name) || !(*spec)[list_name].is_array()) continue;
    for (auto& c : (*spec)[list_name]) {
      if (!glob_match(selector, c.value("name", std::string()))) continue;
      matched = true;
      Json env = c.contains("env") && c["env"].is_array() ? c["env"] : Json::array();
      if (!a.flag("overwrite", true))
        for (const auto& [k, v] : add)
          for (const auto& e : env)
            if (e.value("name", std::string()) == k)
              return fail("error: '" + k + "' already has a value (" + e.value("value", std::string()) +
                          "), and --overwrite is false\n");
      for (const auto& [k, v] : add) {
        bool found = false;
        for (auto& e : env)
          if (e.value("name", std::string()) == k) {
            e.erase("valueFrom");
            e["value"] = v;
            found = true;
          }
        if (!found) {
          Json e = Json::object();
          e["name"] = k;
          e["value"] = v;
          env.push_back(e);
        }
      }
      Json kept = Json::array();
      for (const auto& e : env)
        if (std::find(remove.begin(), remove.end(), e.value("name", std::string())) == remove.end()) kept.push_back(e);
      if (kept.empty()) c.erase("env");
      else c["env"] = kept;
      if (list) {
        out += "# " + w.res->kind + " " + api::meta::name(obj) + ", container " + c.value("name", std::string()) + "\n";
        for (const auto& e : kept) {
          if (e.contains("valueFrom")) out += "# " + e.value("name", std::string()) + " from " + env_ref_string(e["valueFrom"]) + "\n";
          else out += e.value("name", std::string()) + "=" + e.value("value", std::string()) + "\n";
        }
      }
    }
  }
  if (!matched) return {"Warning: " + id + " does not have any containers matching \"" + selector + "\"\n", 0};
  if (list) return {out, 0};
  return write_back(inv, w, std::move(obj), "env updated");
}

// "cpu=200m,memory=512Mi" → {"cpu": "200m", "memory": "512Mi"}; "" or the error.
std::string parse_resource_list(const std::string& spec, Json& out) {
  out = Json::object();
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t comma = spec.find(',', start);
    if (comma == std::string::npos) comma = spec.size();
    const std::string item = spec.substr(start, comma - start);
    start = comma + 1;
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string::npos) return "invalid argument syntax " + item + ", expected <resource>=<value>";
    auto q = util::Quantity::try_parse(item.substr(eq + 1));
    if (!q) return "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    out[item.substr(0, eq)] = q->to_string();
  }
  return "";
}

CommandResult set_resources(Invocation& inv) {
  const ParsedArgs& a = inv.args;
  if (!a.has("limits") && !a.has("requests"))
    return fail("error: you must specify an update to requests or limits (in the form of --requests/--limits)\n");
  Json limits, requests;
  std::string e = parse_resource_list(a.str("limits"), limits);
  if (e.empty()) e = parse_resource_list(a.str("requests"), requests);
  if (!e.empty()) return fail("error: " + e + "\n");
  Workload w = find_workload(inv, a.positional);
  if (!w.error.empty()) return fail(w.error);
  Json obj = *w.obj;
  Json* spec = pod_spec(obj);
  if (!spec) return fail("error: " + w.res->qualified() + "/" + api::meta::name(obj) + " has no pod template\n");
  const std::string selector = a.str("containers", "*");
  bool matched = false;
  for (const char* list_name : {"initContainers", "containers"}) {
    if (!spec->contains(list_name) || !(*spec)[list_name].is_array()) continue;
    for (auto& c : (*spec)[list_name]) {
      if (!glob_match(selector, c.value("name", std::string()))) continue;
      matched = true;
      for (auto it = limits.begin(); it != limits.end(); ++it) c["resources"]["limits"][it.key()] = it.value();
      for (auto it = requests.begin(); it != requests.end(); ++it) c["resources"]["requests"][it.key()] = it.value();
    }
  }
  if (!matched)
    return fail("error: unable to find container named " + selector + "\n");
  return write_back(inv, w, std::move(obj), "resource requirements updated");
}

}  // namespace

Command set_env_command() {
  return {"env",
          {{"containers", 'c', K::String, "*"},
           {"list", 0, K::Bool, "false"},
           {"overwrite", 0, K::Bool, "true"},
           {"from", 0, K::String, ""},
           {"keys", 0, K::StringList, "[]"},
           {"prefix", 0, K::String, ""},
           {"env", 'e', K::StringArray, "[]"},
           {"resolve", 0, K::Bool, "false"},
           {"all", 0, K::Bool, "false"},
           {"selector", 'l', K::String, ""},
           {"local", 0, K::Bool, "false"},
           {"output", 'o', K::String, ""},
           dry_run_flag(),
           {"filename", 'f', K::StringList, "[]"}},
          set_env,
          {},
          {"resolve", "all", "selector", "local", "output", "filename"}};
}

Command set_resources_command() {
  return {"resources",
          {{"containers", 'c', K::String, "*"},
           {"limits", 0, K::String, ""},
           {"requests", 0, K::String, ""},
           {"all", 0, K::Bool, "false"},
           {"selector", 'l', K::String, ""},
           {"local", 0, K::Bool, "false"},
           {"output", 'o', K::String, ""},
           dry_run_flag(),
           {"filename", 'f', K::StringList, "[]"}},
          set_resources,
          {},
          {"all", "selector", "local", "output", "filename"}};
}

}  // namespace kt::kubectl
