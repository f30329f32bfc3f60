// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go), which also
// runs ReplicationControllers through a thin adapter (ReplicaSetKind), as
// pkg/controller/replication does.
//
// Handlers only enqueue keys and count observed creations/deletions:
//   RS add/update/delete        → the RS (a delete forgets its expectations);
//   pod add                     → its controller (creation observed), or, for an
//                                 orphan, every RS whose selector matches it;
//   pod update                  → old and new controller; orphans whose labels
//                                 changed → the matching RSes; a pod that became
//                                 ready → again after minReadySeconds+1s;
//   pod delete / deletionTimestamp set → its controller (deletion observed).
// sync(key):
//   1. the RS from the cache (gone: forget its expectations);
//   2. active pods of the namespace, claimed (adopt orphans that match, release
//      owned pods that no longer match: controller_ref_manager.h);
//   3. when expectations are satisfied and the RS is not being deleted,
//      manage_replicas: too few → create min(diff, burstReplicas) pods named
//      generateName "<rs>-" in slow-start batches; too many → delete the first
//      min(diff, burstReplicas) pods of rank_for_deletion();
//   4. status: replicas, fullyLabeledReplicas, readyReplicas, availableReplicas
//      (minReadySeconds), observedGeneration and the ReplicaFailure condition;
//      written through /status only when it changed;
//   5. all ready but not yet all available → requeue after minReadySeconds (+1s).
// Events (component replicaset-controller / replication-controller):
// SuccessfulCreate "Created pod: x", SuccessfulDelete "Deleted pod: x",
// FailedCreate "Error creating: ...", FailedDelete "Error deleting: ...".
#pragma once

#include <string>
#include <vector>

#include "core/api/apiserver.h"
#include "core/api/labels.h"
#include "core/client/controller.h"
#include "core/client/events.h"
#include "core/client/expectations.h"
#include "core/client/informer.h"

namespace kt::controllers {

// What differs between ReplicaSets and ReplicationControllers.
struct ReplicaSetKind {
  std::string controller_name;  // work queue name
  std::string event_component;  // events' source.component
  std::string group;            // API group of the owner resource
  std::string plural;
  // The owner's pod selector; throws std::invalid_argument when it does not convert.
  api::LabelSelector (*selector)(const Json& owner);

  static ReplicaSetKind replica_sets();             // apps/v1 ReplicaSet, metav1.LabelSelector
  static ReplicaSetKind replication_controllers();  // v1 ReplicationController, a label map
};

class ReplicaSetController : public client::Controller {
 public:
  struct Options {
    int workers = 5;            // --concurrent-replicaset-syncs / --concurrent-rc-syncs
    int burst_replicas = 500;   // BurstReplicas: creations/deletions per sync
  };

  ReplicaSetController(api::ApiServer& api, client::SharedInformerFactory& factory, ReplicaSetKind kind,
                       Options opts);
  ReplicaSetController(api::ApiServer& api, client::SharedInformerFactory& factory, ReplicaSetKind kind)
      : ReplicaSetController(api, factory, std::move(kind), Options{}) {}
  ~ReplicaSetController() override;

  const ReplicaSetKind& kind() const { return kind_; }
  const client::UIDTrackingControllerExpectations& expectations() const { return expectations_; }
  client::UIDTrackingControllerExpectations& expectations() { return expectations_; }

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  void on_pod_add(const api::ObjectPtr& pod);
  void on_pod_update(const api::ObjectPtr& old_pod, const api::ObjectPtr& pod);
  void on_pod_delete(const api::ObjectPtr& pod);
  // resolveControllerRef: the owner a controllerRef names, if it is one of ours.
  api::ObjectPtr resolve(const std::string& ns, const Json* ref) const;
  // getPodReplicaSets: owners whose (non-empty) selector matches an orphan pod.
  std::vector<api::ObjectPtr> owners_matching(const Json& pod) const;
  // Pods controlled by the owners that share `owner`'s controller (a Deployment's
  // ReplicaSets): the "related" pods of the deletion ranking.
  std::vector<api::ObjectPtr> related_pods(const Json& owner) const;

  // "" on success; the error that ReplicaFailure reports otherwise.
  std::string manage_replicas(const std::vector<api::ObjectPtr>& pods, const api::ObjectPtr& owner,
                              const std::string& key);
  std::string create_pod(const Json& owner);
  Json calculate_status(const Json& owner, const std::vector<api::ObjectPtr>& pods, const std::string& manage_error);
  // Writes `status` through /status unless nothing changed; returns the stored owner.
  api::ObjectPtr update_status(const api::ObjectPtr& owner, Json status);

  api::ApiServer& api_;
  ReplicaSetKind kind_;
  Options opts_;
  const api::ResourceInfo& owner_res_;
  const api::ResourceInfo& pods_res_;
  client::SharedInformer& owners_;
  client::SharedInformer& pods_;
  client::HandlerId owner_handler_, pod_handler_;
  client::UIDTrackingControllerExpectations expectations_;
  client::EventRecorder recorder_;
};

}  // namespace kt::controllers
