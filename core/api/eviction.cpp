// The pods/eviction subresource as kube-apiserver v1.32 serves it
// (pkg/registry/core/pod/storage/eviction.go):
//   - a pod that is Pending, Succeeded, Failed or already being deleted is deleted
//     without consulting any budget;
//   - otherwise the PodDisruptionBudgets of its namespace whose (non-empty) selector
//     matches its labels are consulted: none → delete; more than one → 500; one →
//     the budget must have been processed by the disruption controller
//     (status.observedGeneration >= metadata.generation) and allow a disruption, which
//     is then spent (disruptionsAllowed-1, the pod noted in status.disruptedPods)
//     before the pod is deleted. A refusal is a 429 whose cause names the budget.
#include "core/api/eviction.h"

#include "core/api/labels.h"
#include "core/api/object.h"

namespace kt::api {
namespace {

ApiError budget_violation(const std::string& cause) {
  Json details = Json::object();
  Json c = Json::object();
  c["message"] = cause;
  c["reason"] = "DisruptionBudget";
  details["causes"] = Json::array();
  details["causes"].push_back(c);
  return {429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.", details};
}

bool ignores_budgets(const Json& pod) {
  const std::string phase = str_field(pod, {"status", "phase"});
  return phase == "Pending" || phase == "Succeeded" || phase == "Failed" || meta::being_deleted(pod);
}

}  // namespace

ObjectPtr evict_pod(ApiServer& api, std::string_view ns, std::string_view name, const DeleteOptions& opts) {
  const ResourceInfo& pods = api.resource("", "pods");
  ObjectPtr pod = api.get(pods, ns, name);
  if (ignores_budgets(*pod)) return api.remove(pods, ns, name, opts);

  const ResourceInfo& pdbs = api.resource("policy", "poddisruptionbudgets");
  std::vector<ObjectPtr> matching;
  for (const auto& pdb : api.list(pdbs, ns).items) {
    const Json& sel = field(*pdb, {"spec", "selector"});
    if (!sel.is_object() || sel.empty()) continue;  // a nil or empty selector matches nothing here
    try {
      if (LabelSelector::from_json(sel).matches(meta::labels(*pod))) matching.push_back(pdb);
    } catch (const std::invalid_argument&) {
    }
  }
  if (matching.size() > 1)
    throw ApiError::internal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
  if (matching.empty()) return api.remove(pods, ns, name, opts);

  const Json& pdb = *matching[0];
  const std::string pdb_name = meta::name(pdb);
  if (int_field(pdb, {"status", "observedGeneration"}) < meta::generation(pdb))
    throw budget_violation("The disruption budget " + pdb_name + " is still being processed by the server.");
  const std::int64_t allowed = int_field(pdb, {"status", "disruptionsAllowed"});
  if (allowed < 0)
    throw ApiError::forbidden("poddisruptionbudget.policy", pdb_name, "pdb disruptions allowed is negative");
  if (allowed == 0)
    throw budget_violation("The disruption budget " + pdb_name + " needs " +
                           std::to_string(int_field(pdb, {"status", "desiredHealthy"})) + " healthy pods and has " +
                           std::to_string(int_field(pdb, {"status", "currentHealthy"})) + " currently");
  if (!opts.dry_run) {
    Json updated = pdb;
    updated["status"]["disruptionsAllowed"] = allowed - 1;
    if (!updated["status"].contains("disruptedPods") || !updated["status"]["disruptedPods"].is_object())
      updated["status"]["disruptedPods"] = Json::object();
    updated["status"]["disruptedPods"][std::string(name)] = api.now_rfc3339();
    WriteOptions w;
    w.subresource = "status";
    api.update(pdbs, ns, std::move(updated), w);
  }
  return api.remove(pods, ns, name, opts);
}

}  // namespace kt::api
