// `kubectl set resources TYPE/NAME --limits=cpu=200m,memory=512Mi --requests=... [-c C]`
// on the pod template of a workload or a pod's own spec, as kubectl v1.32 does it:
// quantities in their canonical form; "... resource requirements updated".
// FIXME: -l/--all, -f, --local, -o.
#include "core/kubectl/workload_edit.h"
#include "core/util/quantity.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

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
