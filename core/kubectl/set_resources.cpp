// `kubectl set resources TYPE/NAME --limits=cpu=200m,memory=512Mi --requests=... [-c C]`
// on the pod template of a workload or a pod's own spec, as kubectl v1.32 does it:
// quantities in their canonical form; "... resource requirements updated".
//   several objects (TYPE/NAME..., TYPE NAME..., -l, --all), -f, --local, -o, --dry-run:
//   workload_edit.h.
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
  // Complete: the printer, then the objects; Validate: the flags.
  std::string e = check_set_output(inv);
  if (!e.empty()) return fail(e);
  Workloads found = find_workloads(inv, a.positional, LocalArgs::Rejected);
  if (!found.failure().empty()) return fail(found.failure());
  e = local_server_error(inv);
  if (!e.empty()) return fail(e);
  if (a.flag("all") && !a.str("selector").empty()) return fail("error: cannot set --all and --selector at the same time\n");
  if (!a.has("limits") && !a.has("requests"))
    return fail("error: you must specify an update to requests or limits (in the form of --requests/--limits)\n");
  Json limits, requests;
  e = parse_resource_list(a.str("limits"), limits);
  if (e.empty()) e = parse_resource_list(a.str("requests"), requests);
  if (!e.empty()) return fail("error: " + e + "\n");

  const std::string selector = a.str("containers", "*");
  ErrorList errs;
  const std::vector<Edit> edits = edit_pod_templates(found, [&](Edit& edit, Json& spec) {
    bool matched = false;
    for (const char* list_name : {"initContainers", "containers"}) {
      if (!spec.contains(list_name) || !spec[list_name].is_array()) continue;
      for (auto& c : spec[list_name]) {
        if (!glob_match(selector, c.value("name", std::string()))) continue;
        matched = true;
        for (auto it = limits.begin(); it != limits.end(); ++it) c["resources"]["limits"][it.key()] = it.value();
        for (auto it = requests.begin(); it != requests.end(); ++it) c["resources"]["requests"][it.key()] = it.value();
      }
    }
    if (!matched) {
      errs.add("error: unable to find container named " + selector);
      edit.after = *edit.w.obj;
    }
  });
  return write_edits(inv, edits, {"resource requirements updated", "failed to patch resources update to pod template "},
                     std::move(errs));
}

}  // namespace

Command set_resources_command() {
  return {"resources",
          set_common_flags({{"containers", 'c', K::String, "*"},
                            {"limits", 0, K::String, ""},
                            {"requests", 0, K::String, ""}}),
          set_resources,
          {},
          set_unsupported_flags()};
}

}  // namespace kt::kubectl
