// `kubectl set env` on the pod template of a workload (deployment, replicaset,
// replicationcontroller, daemonset, statefulset, job, cronjob) or a pod's own spec,
// as kubectl v1.32 does it client-side (staging/src/k8s.io/kubectl/pkg/cmd/set/set_env.go):
//   set env TYPE/NAME K=V ... K- ... [-c C] [--list] [--overwrite=false]
//       existing variables change in place, new ones are appended in argument order,
//       K- removes; "deployment.apps/x env updated" only when something changed;
//       --list prints "# Deployment x, container c" and K=V lines instead (--resolve:
//       the values of configmap/secret references); -e K=V as the positional form;
//       --from=configmap/x|secret/x [--keys=a,b] adds K valueFrom references
//       (names upper-cased, other characters '_'); --prefix goes before every name
//   several objects (TYPE/NAME..., TYPE NAME..., -l, --all), -f, --local, -o, --dry-run:
//   workload_edit.h.
#include <algorithm>
#include <cctype>
#include <map>

#include "core/api/apiserver.h"
#include "core/api/validation_names.h"
#include "core/kubectl/resource_args.h"
#include "core/kubectl/workload_edit.h"
#include "core/sandbox.h"
#include "core/util/base64.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

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

// ---- the changes: K=V, K-, -e, --from, --prefix (envutil.ParseEnv, RunEnv) ----------------

std::string env_name(const Json& e) { return e.value("name", std::string()); }

struct EnvChanges {
  std::vector<Json> env;            // EnvVars to set, in order
  std::vector<std::string> remove;  // names to remove
  std::string error;                // kubectl's error line
  std::string warnings;             // "Warning: key a.b transferred to A_B"
};

// validation.IsEnvVarName.
std::string env_name_error(const std::string& name) {
  bool ok = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_');
  std::string errs;
  if (!ok)
    errs = api::regex_error(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must "
        "not start with a digit",
        "[-._a-zA-Z][-._a-zA-Z0-9]*", {"my.env-name", "MY_ENV.NAME", "MyEnvName1"});
  if (name == ".") errs += std::string(errs.empty() ? "" : ";") + "must not be '.'";
  else if (name == "..") errs += std::string(errs.empty() ? "" : ";") + "must not be '..'";
  else if (name.rfind("..", 0) == 0) errs += std::string(errs.empty() ? "" : ";") + "must not start with '..'";
  return errs;
}

EnvChanges parse_env(const std::vector<std::string>& specs) {
  EnvChanges c;
  std::vector<std::string> set_names;
  for (const auto& spec : specs) {
    const auto eq = spec.find('=');
    if (spec == "-") {
      c.error = "error: reading environment variables from stdin (-) is not available in this sandbox yet\n";
      return c;
    }
    if (eq != std::string::npos) {
      const std::string name = spec.substr(0, eq);
      const std::string e = env_name_error(name);
      if (!e.empty()) {
        c.error = "error: \"" + name + "\" is not a valid key name: " + e + "\n";
        return c;
      }
      Json v = Json::object();
      v["name"] = name;
      v["value"] = spec.substr(eq + 1);
      c.env.push_back(v);
      set_names.push_back(name);
    } else if (!spec.empty() && spec.back() == '-') {
      c.remove.push_back(spec.substr(0, spec.size() - 1));
    } else {
      c.error = "error: unknown environment variable: " + spec + "\n";
      return c;
    }
  }
  for (const auto& r : c.remove)
    if (std::find(set_names.begin(), set_names.end(), r) != set_names.end()) {
      c.error = "error: can not both modify and remove the same environment variable in the same command\n";
      return c;
    }
  return c;
}

// keyToEnvName: characters other than [A-Za-z0-9_] become '_', then upper case.
std::string key_to_env_name(const std::string& key) {
  std::string out;
  for (char c : key) {
    const bool word = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    out += word ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : '_';
  }
  return out;
}

// --from=configmap/NAME|secret/NAME [--keys]: one valueFrom variable per key. kubectl
// walks the object's data map in Go's random map order; the sandbox takes keys sorted.
std::string env_from(Invocation& inv, EnvChanges& c) {
  const ParsedArgs& a = inv.args;
  ResourceArgs ra = resolve_resource_args(inv, {a.str("from")});
  if (!ra.error.empty()) return ra.error;
  if (ra.refs.size() != 1 || ra.refs[0].name.empty())
    return "error: resource(s) were provided, but no name was specified\n";
  const api::ResourceInfo& res = *ra.refs[0].res;
  const std::string name = ra.refs[0].name;
  auto obj = inv.sb.api().try_get(res, res.namespaced ? inv.ns() : "", name);
  if (!obj) return "Error from server (NotFound): " + res.qualified() + " \"" + name + "\" not found\n";
  const bool secret = res.group.empty() && res.plural == "secrets";
  if (!secret && !(res.group.empty() && res.plural == "configmaps"))
    return "error: unsupported resource specified in --from\n";
  const auto keys = a.list("keys");
  if (!obj->contains("data") || !(*obj)["data"].is_object()) return "";
  for (auto it = (*obj)["data"].begin(); it != (*obj)["data"].end(); ++it) {
    if (!keys.empty() && std::find(keys.begin(), keys.end(), it.key()) == keys.end()) continue;
    Json ref = Json::object();
    ref["key"] = it.key();
    ref["name"] = name;
    Json v = Json::object();
    v["name"] = key_to_env_name(it.key());
    v["valueFrom"][secret ? "secretKeyRef" : "configMapKeyRef"] = ref;
    if (env_name(v) != it.key()) c.warnings += "Warning: key " + it.key() + " transferred to " + env_name(v) + "\n";
    c.env.push_back(v);
  }
  return "";
}

// updateEnv: existing variables in place (replaced whole by a newer one of the same
// name), removed ones dropped, new ones appended in order, each name once.
Json update_env(const Json& existing, const std::vector<Json>& env, const std::vector<std::string>& remove) {
  Json out = Json::array();
  std::vector<std::string> covered = remove;
  auto is_covered = [&covered](const std::string& n) {
    return std::find(covered.begin(), covered.end(), n) != covered.end();
  };
  for (const auto& e : existing) {
    const std::string n = env_name(e);
    if (is_covered(n)) continue;
    auto newer = std::find_if(env.begin(), env.end(), [&n](const Json& x) { return env_name(x) == n; });
    if (newer != env.end()) {
      covered.push_back(n);
      out.push_back(*newer);
      continue;
    }
    out.push_back(e);
  }
  for (const auto& e : env) {
    if (is_covered(env_name(e))) continue;
    covered.push_back(env_name(e));
    out.push_back(e);
  }
  return out;
}

// --resolve: a valueFrom reference's value (envutil.GetEnvVarRefValue), or the error.
bool resolve_ref(Invocation& inv, const Json& obj, const Json& from, std::string& value, std::string& error) {
  const std::string ns = api::meta::namespace_of(obj);
  for (const char* ref : {"secretKeyRef", "configMapKeyRef"}) {
    if (!from.contains(ref)) continue;
    const bool secret = std::string(ref) == "secretKeyRef";
    const std::string name = from[ref].value("name", std::string()), key = from[ref].value("key", std::string());
    const auto& res = *inv.sb.api().registry().find_plural("", secret ? "secrets" : "configmaps");
    auto src = inv.sb.api().try_get(res, ns, name);
    if (!src) {
      error = res.plural + " \"" + name + "\" not found";
      return false;
    }
    const Json& data = api::field(*src, {"data", key});
    if (!data.is_string()) {
      error = "key " + key + " not found in " + (secret ? "secret " : "config map ") + name;
      return false;
    }
    if (!secret) {
      value = data.get<std::string>();
      return true;
    }
    auto decoded = util::base64_decode(data.get<std::string>());
    value = decoded ? *decoded : "";
    return true;
  }
  if (from.contains("fieldRef")) {
    const std::string path = from["fieldRef"].value("fieldPath", std::string());
    if (path == "metadata.name") value = api::meta::name(obj);
    else if (path == "metadata.namespace") value = ns;
    else {
      error = "unsupported fieldPath: " + path;
      return false;
    }
    return true;
  }
  error = "invalid valueFrom";
  return false;
}

// --list: "# Kind name, container c", then K=V lines and "# K from <source>" lines;
// resolution errors go last, sorted.
std::string list_env(Invocation& inv, const Json& obj, const std::string& kind, const Json& container, bool resolve) {
  std::string out = "# " + kind + " " + api::meta::name(obj) + ", container " + env_name(container) + "\n";
  std::map<std::string, std::vector<std::string>> errors;
  const Json env = container.contains("env") ? container["env"] : Json::array();
  for (const auto& e : env) {
    if (!e.contains("valueFrom")) {
      out += env_name(e) + "=" + e.value("value", std::string()) + "\n";
      continue;
    }
    std::string value, error;
    if (resolve && resolve_ref(inv, obj, e["valueFrom"], value, error)) {
      out += env_name(e) + "=" + value + "\n";
      continue;
    }
    out += "# " + env_name(e) + " from " + env_ref_string(e["valueFrom"]) + "\n";
    if (resolve) errors[error].push_back(env_name(e));
  }
  std::vector<std::string> lines;
  for (auto& [err, vars] : errors) {
    std::sort(vars.begin(), vars.end());
    std::string joined;
    for (const auto& v : vars) joined += (joined.empty() ? "" : ", ") + v;
    lines.push_back("error retrieving reference for " + joined + ": " + err);
  }
  std::sort(lines.begin(), lines.end());
  for (const auto& l : lines) out += l + "\n";
  return out;
}

CommandResult set_env_changes(Invocation& inv, EnvChanges& c);

CommandResult set_env(Invocation& inv) {
  EnvChanges c;
  CommandResult r = set_env_changes(inv, c);
  r.output = c.warnings + r.output;
  return r;
}

CommandResult set_env_changes(Invocation& inv, EnvChanges& c) {
  const ParsedArgs& a = inv.args;
  if (a.flag("all") && !a.str("selector").empty()) return fail("error: cannot set --all and --selector at the same time\n");
  // SplitEnvironmentFromResources: resources first, then K=V and K- arguments.
  std::vector<std::string> resources, changes;
  for (const auto& p : a.positional) {
    const auto eq = p.find('=');
    const bool is_env = (eq != std::string::npos && eq > 0) || (!p.empty() && p.back() == '-');
    if (is_env) {
      changes.push_back(p);
    } else if (changes.empty()) {
      resources.push_back(p);
    } else {
      std::string all;
      for (const auto& x : a.positional) all += (all.empty() ? "" : " ") + x;
      return fail("error: all resources must be specified before environment changes: " + all + "\n");
    }
  }
  const bool list = a.flag("list");
  std::string e = check_set_output(inv);
  if (e.empty()) e = local_server_error(inv);
  if (!e.empty()) return fail(e);
  if (resources.empty() && a.list("filename").empty())
    return fail("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
  if (list && !a.str("output").empty()) return fail("error: --list and --output may not be specified together\n");
  if (!a.list("keys").empty() && a.str("from").empty())
    return fail("error: when specifying --keys, a configmap or secret must be provided with --from\n");
  std::vector<std::string> specs = a.list("env");
  specs.insert(specs.end(), changes.begin(), changes.end());
  c = parse_env(specs);
  if (!c.error.empty()) return fail(c.error);
  if (!a.str("from").empty()) {
    e = env_from(inv, c);
    if (!e.empty()) return fail(e);
  }
  const std::string prefix = a.str("prefix");
  for (auto& e : c.env) e["name"] = prefix + env_name(e);

  Workloads found = find_workloads(inv, resources, LocalArgs::Ignored);
  if (!found.failure().empty()) return fail(found.failure());

  const std::string selector = a.str("containers", "*");
  std::string out;
  const std::vector<Edit> edits = edit_pod_templates(found, [&](Edit& edit, Json& spec) {
    const std::string name = api::meta::name(*edit.w.obj);
    bool matched = false;
    // selectContainers: the containers, then the init containers.
    for (const char* list_name : {"containers", "initContainers"}) {
      if (!spec.contains(list_name) || !spec[list_name].is_array()) continue;
      for (auto& ctr : spec[list_name]) {
        if (!glob_match(selector, env_name(ctr)) || !edit.error.empty()) continue;
        matched = true;
        const Json env = ctr.contains("env") && ctr["env"].is_array() ? ctr["env"] : Json::array();
        if (!a.flag("overwrite", true))
          for (const auto& e : c.env)
            for (const auto& cur : env)
              if (edit.error.empty() && env_name(cur) == env_name(e) &&
                  cur.value("value", std::string()) != e.value("value", std::string()))
                edit.error = "'" + env_name(cur) + "' already has a value (" + cur.value("value", std::string()) +
                             "), and --overwrite is false";
        if (!edit.error.empty()) continue;
        Json updated = update_env(env, c.env, c.remove);
        if (updated.empty()) ctr.erase("env");
        else ctr["env"] = updated;
        if (list) out += list_env(inv, edit.after, edit.w.res->kind, ctr, a.flag("resolve"));
      }
    }
    if (!matched)
      out += "Warning: " + edit.w.res->kind + "/" + name + " does not have any containers matching \"" + selector + "\"\n";
  });
  if (list) return {out, 0};
  // kubectl patches first and only then asks for a variable to set: removals given
  // only through -e (`-e A-`) are written, and still reported as an error.
  WriteSpec spec{"env updated", "failed to patch env update to pod template: "};
  if (c.env.empty() && changes.empty()) spec.after_first_write = "at least one environment variable must be provided";
  return write_edits(inv, edits, spec, {}, out);
}

}  // namespace

Command set_env_command() {
  return {"env",
          set_common_flags({{"containers", 'c', K::String, "*"},
                            {"list", 0, K::Bool, "false"},
                            {"overwrite", 0, K::Bool, "true"},
                            {"from", 0, K::String, ""},
                            {"keys", 0, K::StringList, "[]"},
                            {"prefix", 0, K::String, ""},
                            {"env", 'e', K::StringArray, "[]"},
                            {"resolve", 0, K::Bool, "false"}}),
          set_env,
          {},
          set_unsupported_flags()};
}

}  // namespace kt::kubectl
