// statefulset-controller (pkg/controller/statefulset), on virtual time.
//
// Pods `<set>-<ordinal>` with hostname `<set>-<ordinal>` and subdomain =
// spec.serviceName (so `web-0.nginx` resolves through the headless Service),
// labelled statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index and
// controller-revision-hash. Each volumeClaimTemplate gets a PVC
// `<template>-<set>-<ordinal>` before its pod, kept when pods go (retention policy
// Retain, the default) and reused when they come back. persistentVolumeClaimRetention-
// Policy Delete puts owner references on the claims (whenDeleted: the set; whenScaled:
// the pod, once its ordinal is scaled away) so that the garbage collector deletes
// them with their owner. A pod counts as available (availableReplicas, and before
// OrderedReady moves on) once it has been Ready for minReadySeconds.
// OrderedReady (default): ordinal n is created only when 0..n-1 are Running and
// Ready; scale-down removes the highest ordinal first, one at a time. Parallel:
// all at once. RollingUpdate replaces pods from the highest ordinal down to
// `partition`, each after the previous one is Ready again; OnDelete waits.
// ControllerRevisions `<set>-<hash>` give currentRevision / updateRevision.
// Events: SuccessfulCreate "create Pod web-0 in StatefulSet web successful",
// "create Claim www-web-0 Pod web-0 in StatefulSet web success", SuccessfulDelete
// "delete Pod web-1 in StatefulSet web successful".
//
// spec.updateStrategy.rollingUpdate.maxUnavailable needs the alpha feature gate
// MaxUnavailableStatefulSet, off in v1.32, so it is ignored: one pod at a time.
#pragma once

#include <string>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/events.h"
#include "core/client/informer.h"

namespace kt::controllers {

class StatefulSetController : public client::Controller {
 public:
  StatefulSetController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers = 5);
  ~StatefulSetController() override;

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  std::string revision(const api::ObjectPtr& set, std::string& error);

  api::ApiServer& api_;
  const api::ResourceInfo& sts_res_;
  const api::ResourceInfo& pods_res_;
  const api::ResourceInfo& pvc_res_;
  client::SharedInformer& sets_;
  client::SharedInformer& pods_;
  client::EventRecorder recorder_;
  client::HandlerId set_handler_, pod_handler_;
};

}  // namespace kt::controllers
