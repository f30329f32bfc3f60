// ServiceAccount (plugin/pkg/admission/serviceaccount), for pod creation:
//  1. spec.serviceAccountName defaults to "default" (spec.serviceAccount, the
//     deprecated alias, is read when the name is empty and mirrors it afterwards);
//  2. the service account must exist, else 403:
//       pods "x" is forbidden: error looking up service account default/foo: serviceaccount "foo" not found
//  3. unless automountServiceAccountToken is false (the pod's setting wins over the
//     service account's), a projected volume `kube-api-access-<5 chars>` holding the
//     bound token (expirationSeconds 3607, path token), the kube-root-ca.crt
//     ConfigMap's ca.crt and the downward-API namespace is added (defaultMode 420) and
//     mounted read-only at /var/run/secrets/kubernetes.io/serviceaccount in every init
//     container and container that has nothing mounted there yet;
//  4. a pod without imagePullSecrets gets the service account's.
// Mirror pods (annotation kubernetes.io/config.mirror) are not changed and may not
// reference service accounts, secrets or token projections. A service account
// annotated kubernetes.io/enforce-mountable-secrets: "true" limits the secrets the
// pod may use to the ones it lists.
#pragma once

#include <string>

#include "core/api/admission.h"
#include "core/sim/random.h"

namespace kt::admission {

class ServiceAccountAdmission : public api::AdmissionPlugin {
 public:
  // `rng` draws the kube-api-access-<suffix> volume names.
  explicit ServiceAccountAdmission(sim::Random rng) : rng_(std::move(rng)) {}
  std::string name() const override { return "ServiceAccount"; }
  void admit(api::AdmissionRequest& req, api::ApiServer& api) override;
  void validate(const api::AdmissionRequest& req, api::ApiServer& api) override;

  static constexpr const char* kVolumePrefix = "kube-api-access-";
  static constexpr const char* kMountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

 private:
  sim::Random rng_;
};

}  // namespace kt::admission
