// persistentvolume-binder-controller (pkg/controller/volume/persistentvolume), on
// virtual time: claims meet volumes.
//
// syncClaim, for a claim not bound yet:
//  - the smallest Available volume that fits (same storageClassName, every
//    requested access mode, capacity ≥ request, same volumeMode, the claim's
//    selector, or a volume pre-bound to this claim by claimRef) is bound to it:
//    PV.spec.claimRef + phase Bound, PVC.spec.volumeName + phase Bound with the
//    volume's capacity and access modes, the bind-completed / bound-by-controller
//    annotations;
//  - otherwise, with a StorageClass that has a provisioner: Immediate → the claim
//    is annotated volume.kubernetes.io/storage-provisioner and ExternalProvisioning
//    says who it waits for (an external provisioner creates `pvc-<uid>`, see
//    core/storage/); WaitForFirstConsumer → "waiting for first consumer to be
//    created before binding" until a pod uses it;
//  - otherwise FailedBinding "no persistent volumes available for this claim and no
//    storage class is set" (or the class is missing: `storageclass.storage.k8s.io
//    "x" not found`).
// syncVolume: a Bound volume whose claim is gone becomes Released and is reclaimed
// by its persistentVolumeReclaimPolicy (Delete → the PV is deleted; Retain → it
// stays Released).
#pragma once

#include <string>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/events.h"
#include "core/client/informer.h"

namespace kt::controllers {

class PersistentVolumeBinder : public client::Controller {
 public:
  struct Options {
    sim::Duration resync = sim::seconds(15);  // --pvclaimbinder-sync-period
  };
  PersistentVolumeBinder(api::ApiServer& api, client::SharedInformerFactory& factory, Options opts);
  ~PersistentVolumeBinder() override;

  void start() override;
  void stop() override;

 protected:
  // Keys: "claim:<ns>/<name>" or "volume:<name>".
  client::SyncResult sync(const std::string& key) override;

 private:
  client::SyncResult sync_claim(const std::string& key);
  client::SyncResult sync_volume(const std::string& name);
  api::ObjectPtr find_volume(const Json& claim) const;
  void bind(const api::ObjectPtr& claim, const api::ObjectPtr& volume);
  void resync();

  api::ApiServer& api_;
  Options opts_;
  client::SharedInformer& claims_;
  client::SharedInformer& volumes_;
  client::SharedInformer& classes_;
  client::SharedInformer& pods_;
  client::EventRecorder recorder_;
  client::HandlerId claim_handler_, volume_handler_, pod_handler_;
  sim::EventId timer_ = 0;
  client::Lifetime life_;
};

}  // namespace kt::controllers
