// LimitRanger (plugin/pkg/admission/limitranger), for every LimitRange in the
// request's namespace, in name order:
//  mutating, pod creation: containers and init containers get the `type: Container`
//    item's `default` as limits and `defaultRequest` as requests for each resource
//    they leave out, and the pod is annotated
//      kubernetes.io/limit-ranger: "LimitRanger plugin set: cpu, memory request for container nginx; cpu limit for container nginx"
//  validating, pod creation and PVC creation/update: min, max and
//    maxLimitRequestRatio of `Container` (each container), `Pod` (the pod's summed
//    requests/limits) and `PersistentVolumeClaim` (spec.resources.requests) items.
//    The first LimitRange with violations rejects the request with all of its
//    messages (Go's error aggregate, "[a, b]" when more than one):
//      pods "x" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Pod is 1Gi, but limit is 2Gi]
// Pod updates are never checked (container resources are immutable), nor objects
// already being deleted. The LimitRange's own v1 defaults (default ← max,
// defaultRequest ← default, then ← min) are applied here too, so ranges stored
// without them behave as kube's.
#pragma once

#include <string>
#include <vector>

#include "core/api/admission.h"
#include "core/api/json.h"

namespace kt::admission {

class LimitRanger : public api::AdmissionPlugin {
 public:
  std::string name() const override { return "LimitRanger"; }
  void admit(api::AdmissionRequest& req, api::ApiServer& api) override;
  void validate(const api::AdmissionRequest& req, api::ApiServer& api) override;

  // The pieces, for tests and for anyone who needs the real texts.
  // SetDefaults_LimitRangeItem over spec.limits of a LimitRange.
  static Json with_defaults(const Json& limit_range);
  // Applies one LimitRange's container defaults to a pod (PodMutateLimitFunc).
  static void default_pod(const Json& limit_range, Json& pod);
  // The violation messages of one LimitRange for a pod / a PVC.
  static std::vector<std::string> pod_violations(const Json& limit_range, const Json& pod);
  static std::vector<std::string> pvc_violations(const Json& limit_range, const Json& pvc);
};

}  // namespace kt::admission
