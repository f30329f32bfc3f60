// Disruption and resource policy: poddisruptionbudgets (policy/v1), resourcequotas
// (core/v1), priorityclasses (scheduling.k8s.io/v1): printPodDisruptionBudget,
// printResourceQuota, printPriorityClass. LimitRanges have no printer in kube.
#include <algorithm>

#include "core/printers/printer_util.h"

namespace kt::printers {
namespace {

using namespace detail;
using api::field;
using api::str_field;

Row pdb_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& pdb = *obj;
  const Json& min = field(pdb, {"spec", "minAvailable"});
  const Json& max = field(pdb, {"spec", "maxUnavailable"});
  return make_row(obj, {api::meta::name(pdb), min.is_null() ? "N/A" : int_or_string(min),
                        max.is_null() ? "N/A" : int_or_string(max), int_cell(pdb, {"status", "disruptionsAllowed"}),
                        age(pdb, now)});
}

// "resource: used/hard" for each hard limit, sorted by name; names that start with
// "limits." go to the Limit column.
Row quota_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& q = *obj;
  const Json& hard = field(q, {"status", "hard"});
  const Json& used = field(q, {"status", "used"});
  std::vector<std::string> names;
  if (hard.is_object())
    for (const auto& [k, v] : hard.items()) names.push_back(k);
  std::sort(names.begin(), names.end());
  std::string request, limit;
  for (const auto& n : names) {
    std::string& w = n.rfind("limits.", 0) == 0 ? limit : request;
    const Json& u = used.is_object() && used.contains(n) ? used[n] : Json();
    w += n + ": " + quantity_string(u) + "/" + quantity_string(hard[n]) + ", ";
  }
  auto trim = [](std::string s) {
    if (s.size() >= 2 && s.compare(s.size() - 2, 2, ", ") == 0) s.resize(s.size() - 2);
    return s;
  };
  return make_row(obj, {api::meta::name(q), trim(request), trim(limit), age(q, now)});
}

Row priorityclass_row(const api::ObjectPtr& obj, sim::Time now) {
  const Json& pc = *obj;
  const Json& gd = field(pc, {"globalDefault"});
  return make_row(obj, {api::meta::name(pc), int_cell(pc, {"value"}), Json(gd.is_boolean() && gd.get<bool>()),
                        age(pc, now), str_field(pc, {"preemptionPolicy"})});
}

}  // namespace

void register_policy_printers() {
  add_printer("policy", "poddisruptionbudgets",
              {{name_column(), col("Min Available", "string", 0, "The minimum number of pods that must be available."),
                col("Max Unavailable", "string", 0, "The maximum number of pods that may be unavailable."),
                col("Allowed Disruptions", "integer", 0, "Calculated number of pods that may be disrupted at this time."),
                age_column()},
               pdb_row});
  add_printer("", "resourcequotas",
              {{name_column(),
                col("Request", "string", 0,
                    "Request represents a minimum amount of cpu/memory that a container may consume."),
                col("Limit", "string", 0,
                    "Limits control the maximum amount of cpu/memory that a container may use independent of "
                    "contention on the node."),
                age_column()},
               quota_row});
  add_printer("scheduling.k8s.io", "priorityclasses",
              {{name_column(),
                col("Value", "integer", 0,
                    "value represents the integer value of this priority class. This is the actual priority that pods "
                    "receive when they have the name of this class in their pod spec."),
                col("Global-Default", "boolean", 0,
                    "globalDefault specifies whether this PriorityClass should be considered as the default priority "
                    "for pods that do not have any priority class."),
                age_column(),
                col("PreemptionPolicy", "string", 0,
                    "preemptionPolicy is the Policy for preempting pods with lower priority.")},
               priorityclass_row});
}

}  // namespace kt::printers
