// Rollout progress (pkg/controller/deployment/progress.go): the Progressing
// condition and the progress deadline.
//
// While a rollout runs, any progress (more updated, ready or available replicas,
// fewer old ones) refreshes Progressing=True/ReplicaSetUpdated's lastUpdateTime;
// complete → NewReplicaSetAvailable; no progress for progressDeadlineSeconds since
// the last update → Progressing=False/ProgressDeadlineExceeded. A deployment
// without progress is requeued for the moment its deadline passes, e.g. last
// update 00:00, deadline 600s, now 00:03 → checked again at 00:10 (+1s).
#include "core/controllers/deployment/deployment_controller.h"

#include "core/util/timefmt.h"

namespace kt::controllers {

using api::ObjectPtr;
using namespace deployment;

void DeploymentController::sync_rollout_status(Json& d, const RSList& all, const ObjectPtr& new_rs) {
  Json status = calculate_status(all, new_rs, d);
  const sim::Time now = api_.sim().now();
  if (!has_progress_deadline(d)) remove_condition(status, "Progressing");

  const Json* current = get_condition(d["status"], "Progressing");
  const bool complete_before = api::int_field(status, {"replicas"}) == api::int_field(status, {"updatedReplicas"}) &&
                               current && current->value("reason", "") == kNewRSAvailableReason;
  if (has_progress_deadline(d) && !complete_before) {
    const std::string subject = new_rs ? "ReplicaSet \"" + api::meta::name(*new_rs) + "\""
                                       : "Deployment \"" + api::meta::name(d) + "\"";
    if (deployment_complete(d, status)) {
      set_condition(status, new_condition("Progressing", "True", kNewRSAvailableReason,
                                          subject + " has successfully progressed.", now));
    } else if (deployment_progressing(d, status)) {
      // Progress refreshes lastUpdateTime even with the same reason, keeping
      // lastTransitionTime while the condition stays True.
      Json cond = new_condition("Progressing", "True", kReplicaSetUpdatedReason, subject + " is progressing.", now);
      if (current && current->value("status", "") == "True")
        cond["lastTransitionTime"] = current->value("lastTransitionTime", std::string());
      remove_condition(status, "Progressing");
      set_condition(status, std::move(cond));
    } else if (deployment_timed_out(d, status, now)) {
      set_condition(status, new_condition("Progressing", "False", kTimedOutReason,
                                          subject + " has timed out progressing.", now));
    }
  }

  // The new RS's ReplicaFailure, if any, becomes the deployment's (getReplicaFailures).
  const Json* failure = nullptr;
  if (new_rs) failure = get_condition(api::field(*new_rs, {"status"}), "ReplicaFailure");
  for (const auto& rs : all) {
    if (failure) break;
    if (rs) failure = get_condition(api::field(*rs, {"status"}), "ReplicaFailure");
  }
  if (failure) {
    // ReplicaSetToDeploymentCondition: both times are the RS condition's transition time.
    Json cond = new_condition("ReplicaFailure", failure->value("status", ""), failure->value("reason", ""),
                              failure->value("message", ""), now);
    cond["lastUpdateTime"] = cond["lastTransitionTime"] = failure->value("lastTransitionTime", "");
    set_condition(status, std::move(cond));
  } else {
    remove_condition(status, "ReplicaFailure");
  }

  if (d["status"] == status) {
    requeue_stuck(d, status);
    return;
  }
  d["status"] = std::move(status);
  update_status(d);
}

void DeploymentController::requeue_stuck(const Json& d, const Json& new_status) {
  const Json* cond = get_condition(api::field(d, {"status"}), "Progressing");
  if (!has_progress_deadline(d) || !cond) return;
  if (deployment_complete(d, new_status) || cond->value("reason", "") == kTimedOutReason) return;
  std::optional<sim::Time> updated = util::parse_rfc3339(cond->value("lastUpdateTime", ""));
  if (!updated) return;
  const sim::Duration after =
      (*updated + sim::seconds(api::int_field(d, {"spec", "progressDeadlineSeconds"}))) - api_.sim().now();
  if (after < sim::seconds(1)) queue().add_rate_limited(api::meta::key(d));
  else queue().add_after(api::meta::key(d), after + sim::seconds(1));
}

}  // namespace kt::controllers
