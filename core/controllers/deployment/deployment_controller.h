// The Deployment controller (pkg/controller/deployment). This header and
// deployment_controller.cpp hold the wiring and syncDeployment's branching; the
// work is split as upstream does:
//   sync.cpp      getNewReplicaSet (create/find the new RS, revisions), scale
//                 (proportional scaling), cleanup (revisionHistoryLimit), status
//   rolling.cpp   RollingUpdate: scale the new RS up within maxSurge, old ones down
//                 within maxUnavailable
//   recreate.cpp  Recreate: old RSes to 0, wait for their pods to go, then the new one
//   progress.cpp  the Progressing/Available conditions and the progress deadline
//
// Handlers only enqueue: Deployment add/update/delete; a ReplicaSet's controller
// (or, for an orphan, every Deployment whose selector matches it); a deleted pod's
// Deployment when it uses Recreate (it waits for old pods to be gone).
//
// syncDeployment(key), for a copy `d` of the cached Deployment:
//   1. an empty selector selects everything: warn (SelectingAll), only record
//      observedGeneration;
//   2. claim ReplicaSets (adopt/release, controller_ref_manager.h);
//   3. being deleted → status only; paused or a scaling event (an active RS whose
//      desired-replicas annotation differs from spec.replicas) → sync (scale
//      proportionally, no rollout); else the strategy's rollout.
// Events (component deployment-controller): ScalingReplicaSet "Scaled up replica
// set x from 0 to 3" / "Scaled down replica set x from 3 to 1", SelectingAll,
// ReplicaSetCreateError. Pausing and resuming show as the Progressing condition
// (DeploymentPaused / DeploymentResumed), not as events.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/events.h"
#include "core/client/informer.h"
#include "core/controllers/deployment/deployment_util.h"

namespace kt::controllers {

class DeploymentController : public client::Controller {
 public:
  struct Options {
    int workers = 5;  // --concurrent-deployment-syncs
  };

  DeploymentController(api::ApiServer& api, client::SharedInformerFactory& factory, Options opts);
  DeploymentController(api::ApiServer& api, client::SharedInformerFactory& factory)
      : DeploymentController(api, factory, Options{}) {}
  ~DeploymentController() override;

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  using RSList = deployment::RSList;

  // ---- wiring (deployment_controller.cpp)
  void on_rs_add(const api::ObjectPtr& rs);
  void on_rs_update(const api::ObjectPtr& old_rs, const api::ObjectPtr& rs);
  void on_rs_delete(const api::ObjectPtr& rs);
  void on_pod_delete(const api::ObjectPtr& pod);
  api::ObjectPtr resolve(const std::string& ns, const Json* ref) const;
  std::vector<api::ObjectPtr> deployments_matching(const Json& rs) const;
  // getReplicaSetsForDeployment: the claimed RSes ("" error on success).
  RSList claim_replica_sets(const api::ObjectPtr& d, const api::LabelSelector& selector, std::string& error);
  // getPodMapForDeployment: RS uid → pods it controls that match the selector.
  std::map<std::string, std::vector<api::ObjectPtr>> pod_map(const Json& d, const api::LabelSelector& selector,
                                                             const RSList& rss) const;
  // Paused / resumed conditions (checkPausedConditions).
  void check_paused_conditions(Json& d);

  // ---- sync.cpp
  struct Split {
    api::ObjectPtr new_rs;  // null when there is none (and none was to be created)
    RSList old_rss;
  };
  // getAllReplicaSetsAndSyncRevision: the new RS (created when `create` and missing,
  // its annotations and the deployment's revision brought up to date) and the old
  // ones. `rss` is kept current with what this sync wrote.
  Split all_replica_sets(Json& d, RSList& rss, bool create);
  api::ObjectPtr new_replica_set(Json& d, const api::ObjectPtr& existing, const RSList& old_rss, bool create);
  void sync_scaling(Json& d, RSList& rss);  // dc.sync: scale, cleanup when paused, status
  void scale(const Json& d, const api::ObjectPtr& new_rs, const RSList& old_rss);
  bool is_scaling_event(Json& d, RSList& rss);
  // scaleReplicaSetAndRecordEvent / scaleReplicaSet: returns the RS as stored,
  // `scaled` true when its size changed.
  api::ObjectPtr scale_replica_set(const api::ObjectPtr& rs, std::int64_t size, const Json& d, bool& scaled);
  void cleanup(const Json& d, const RSList& old_rss);
  Json calculate_status(const RSList& all, const api::ObjectPtr& new_rs, const Json& d) const;
  void sync_status(Json& d, const RSList& all, const api::ObjectPtr& new_rs);  // syncDeploymentStatus
  void update_status(Json& d);

  // ---- rolling.cpp
  void rollout_rolling(Json& d, RSList& rss);
  bool reconcile_new_replica_set(const RSList& all, const api::ObjectPtr& new_rs, const Json& d);
  bool reconcile_old_replica_sets(const RSList& all, RSList old_rss, const api::ObjectPtr& new_rs, const Json& d);
  std::int64_t cleanup_unhealthy_replicas(RSList& old_rss, const Json& d, std::int64_t max_cleanup);
  std::int64_t scale_down_old_for_rolling_update(const RSList& all, RSList old_rss, const Json& d);

  // ---- recreate.cpp
  void rollout_recreate(Json& d, RSList& rss, const std::map<std::string, std::vector<api::ObjectPtr>>& pods);

  // ---- progress.cpp
  void sync_rollout_status(Json& d, const RSList& all, const api::ObjectPtr& new_rs);
  void requeue_stuck(const Json& d, const Json& new_status);

  api::ApiServer& api_;
  const api::ResourceInfo& deployments_res_;
  const api::ResourceInfo& rs_res_;
  client::SharedInformer& deployments_;
  client::SharedInformer& replicasets_;
  client::SharedInformer& pods_;
  client::HandlerId d_handler_, rs_handler_, pod_handler_;
  client::EventRecorder recorder_;
};

}  // namespace kt::controllers
