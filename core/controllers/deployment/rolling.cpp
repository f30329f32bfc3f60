// RollingUpdate (pkg/controller/deployment/rolling.go): each sync first grows the
// new ReplicaSet as far as maxSurge allows, else shrinks old ones as far as
// maxUnavailable allows, then reports progress.
//
// Worked example: 16 replicas, 25%/25% → surge 4, unavailable 4: at most 20 pods,
// at least 12 available. A new template: the new RS goes 0 → 4 (20 pods). Old RSes
// may lose 20 - 12 - 4 (new, not yet available) = 4: old 16 → 12. Once the 4 new
// pods are available: new 4 → 8 (20 pods again), and so on, in waves of 4.
#include "core/controllers/deployment/deployment_controller.h"

namespace kt::controllers {

using api::ObjectPtr;
using namespace deployment;

void DeploymentController::rollout_rolling(Json& d, RSList& rss) {
  Split split = all_replica_sets(d, rss, true);
  RSList all = split.old_rss;
  all.push_back(split.new_rs);
  if (reconcile_new_replica_set(all, split.new_rs, d) ||
      reconcile_old_replica_sets(all, filter_active(split.old_rss), split.new_rs, d)) {
    sync_rollout_status(d, all, split.new_rs);
    return;
  }
  if (deployment_complete(d, d["status"])) cleanup(d, split.old_rss);
  sync_rollout_status(d, all, split.new_rs);
}

bool DeploymentController::reconcile_new_replica_set(const RSList& all, const ObjectPtr& new_rs, const Json& d) {
  const std::int64_t desired = spec_replicas(d);
  const std::int64_t current = spec_replicas(*new_rs);
  if (current == desired) return false;
  bool scaled = false;
  // Larger than wanted (scaled down meanwhile): straight to the desired count.
  const std::int64_t target = current > desired ? desired : new_rs_new_replicas(d, all, *new_rs);
  if (target != current) scale_replica_set(new_rs, target, d, scaled);
  return scaled;
}

bool DeploymentController::reconcile_old_replica_sets(const RSList& all, RSList old_rss, const ObjectPtr& new_rs,
                                                      const Json& d) {
  if (sum_spec_replicas(old_rss) == 0) return false;  // nothing to scale down
  const std::int64_t min_available = spec_replicas(d) - max_unavailable(d);
  const std::int64_t new_unavailable = spec_replicas(*new_rs) - status_count(*new_rs, "availableReplicas");
  // Pods that may go now: e.g. 10 replicas, maxUnavailable 2 → min 8 available; 13
  // pods in all with 5 of the new ones not yet available → 13 - 8 - 5 = 0: wait.
  const std::int64_t max_scaled_down = sum_spec_replicas(all) - min_available - new_unavailable;
  if (max_scaled_down <= 0) return false;
  // Unhealthy old replicas go first: they would otherwise block the rollout.
  const std::int64_t cleaned = cleanup_unhealthy_replicas(old_rss, d, max_scaled_down);
  RSList all_now = old_rss;
  all_now.push_back(new_rs);
  const std::int64_t scaled_down = scale_down_old_for_rolling_update(all_now, old_rss, d);
  return cleaned + scaled_down > 0;
}

std::int64_t DeploymentController::cleanup_unhealthy_replicas(RSList& old_rss, const Json& d,
                                                              std::int64_t max_cleanup) {
  sort_by_creation(old_rss);
  std::int64_t total = 0;
  for (auto& rs : old_rss) {
    if (total >= max_cleanup) break;
    const std::int64_t replicas = spec_replicas(*rs);
    const std::int64_t available = status_count(*rs, "availableReplicas");
    if (replicas == 0 || replicas == available) continue;
    const std::int64_t down = std::min(max_cleanup - total, replicas - available);
    bool scaled = false;
    rs = scale_replica_set(rs, replicas - down, d, scaled);
    total += down;
  }
  return total;
}

std::int64_t DeploymentController::scale_down_old_for_rolling_update(const RSList& all, RSList old_rss,
                                                                     const Json& d) {
  const std::int64_t min_available = spec_replicas(d) - max_unavailable(d);
  const std::int64_t available = sum_status(all, "availableReplicas");
  if (available <= min_available) return 0;
  sort_by_creation(old_rss);
  const std::int64_t want_down = available - min_available;
  std::int64_t total = 0;
  for (const auto& rs : old_rss) {
    if (total >= want_down) break;
    const std::int64_t replicas = spec_replicas(*rs);
    if (replicas == 0) continue;
    const std::int64_t down = std::min(replicas, want_down - total);
    bool scaled = false;
    scale_replica_set(rs, replicas - down, d, scaled);
    total += down;
  }
  return total;
}

}  // namespace kt::controllers
