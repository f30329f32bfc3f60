// ResourceQuota (apiserver/pkg/admission/plugin/resourcequota), validating only: a
// create or update in a namespace (not of a subresource, not of a namespace) is
// checked against every ResourceQuota of the namespace whose hard limits name
// something the object consumes and whose scopes select it:
//  - a pod must state every cpu/memory request/limit such a quota limits:
//      pods "x" is forbidden: failed quota: compute-resources: must specify limits.cpu for: nginx; limits.memory for: nginx
//  - used + requested must stay within hard for every resource the request adds to:
//      pods "x" is forbidden: exceeded quota: compute-resources, requested: limits.cpu=2,limits.memory=2Gi, used: limits.cpu=0,limits.memory=0, limited: limits.cpu=1,limits.memory=1Gi
//    (requested/used/limited show only the exceeded resources).
// Updates are charged the growth only (a Service turning NodePort, a PVC growing).
//
// Where "used" comes from: kube reads the quota's status.used, which this plugin
// itself raises on every admitted request and the resourcequota controller
// recalculates. We never write from inside admission; instead used is the live
// usage of the namespace (quota_usage.h), raised to status.used where the
// controller last saw more (a deletion it has not caught up with), which gives
// kube's answers for bursts (a ReplicaSet creating pods in one sync) as well.
// kube's "status unknown for quota" (a quota the controller has not filled yet) does
// not happen here: spec.hard and live usage are always known.
#pragma once

#include <string>

#include "core/api/admission.h"

namespace kt::admission {

class ResourceQuotaAdmission : public api::AdmissionPlugin {
 public:
  std::string name() const override { return "ResourceQuota"; }
  void validate(const api::AdmissionRequest& req, api::ApiServer& api) override;
};

}  // namespace kt::admission
