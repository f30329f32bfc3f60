// DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): every pod
// (create and update, not subresources) that does not already tolerate them gets
//   {key: node.kubernetes.io/not-ready,   operator: Exists, effect: NoExecute, tolerationSeconds: 300}
//   {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
// appended, so pods leave a lost node 5 minutes after the node controller taints it.
// An existing toleration counts when its key is the taint's (or empty) and its effect
// is NoExecute (or empty).
#pragma once

#include <cstdint>
#include <string>

#include "core/api/admission.h"

namespace kt::admission {

class DefaultTolerationSeconds : public api::AdmissionPlugin {
 public:
  // kube-apiserver --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds.
  explicit DefaultTolerationSeconds(std::int64_t not_ready_seconds = 300, std::int64_t unreachable_seconds = 300)
      : not_ready_seconds_(not_ready_seconds), unreachable_seconds_(unreachable_seconds) {}
  std::string name() const override { return "DefaultTolerationSeconds"; }
  void admit(api::AdmissionRequest& req, api::ApiServer& api) override;

 private:
  std::int64_t not_ready_seconds_;
  std::int64_t unreachable_seconds_;
};

}  // namespace kt::admission
