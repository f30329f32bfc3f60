// Recreate (pkg/controller/deployment/recreate.go): every old ReplicaSet to zero,
// wait until none of their pods is left running, only then create/scale up the new
// ReplicaSet. The new RS is not created before that, so nothing surges.
#include "core/controllers/deployment/deployment_controller.h"

namespace kt::controllers {

using api::ObjectPtr;
using namespace deployment;

namespace {

// oldPodsRunning: old RSes still report pods, or a pod of theirs is not terminal.
bool old_pods_running(const ObjectPtr& new_rs, const RSList& old_rss,
                      const std::map<std::string, std::vector<ObjectPtr>>& pods) {
  if (sum_status(old_rss, "replicas") > 0) return true;
  for (const auto& [uid, list] : pods) {
    if (new_rs && api::meta::uid(*new_rs) == uid) continue;
    for (const auto& p : list) {
      const std::string phase = api::str_field(*p, {"status", "phase"});
      if (phase != "Failed" && phase != "Succeeded") return true;
    }
  }
  return false;
}

}  // namespace

void DeploymentController::rollout_recreate(Json& d, RSList& rss,
                                            const std::map<std::string, std::vector<ObjectPtr>>& pods) {
  Split split = all_replica_sets(d, rss, false);
  RSList all = split.old_rss;
  all.push_back(split.new_rs);

  bool scaled_down = false;
  for (const auto& rs : filter_active(split.old_rss)) {
    bool scaled = false;
    scale_replica_set(rs, 0, d, scaled);
    scaled_down = scaled_down || scaled;
  }
  if (scaled_down || old_pods_running(split.new_rs, split.old_rss, pods)) {
    sync_rollout_status(d, all, split.new_rs);
    return;
  }
  if (!split.new_rs) {
    split = all_replica_sets(d, rss, true);
    all = split.old_rss;
    all.push_back(split.new_rs);
  }
  if (spec_replicas(*split.new_rs) != spec_replicas(d)) {
    bool scaled = false;
    scale_replica_set(split.new_rs, spec_replicas(d), d, scaled);
  }
  if (deployment_complete(d, d["status"])) cleanup(d, split.old_rss);
  sync_rollout_status(d, all, split.new_rs);
}

}  // namespace kt::controllers
