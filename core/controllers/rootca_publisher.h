// The root CA publisher (pkg/controller/certificates/rootcacertpublisher): a ConfigMap
// "kube-root-ca.crt" with the cluster CA bundle in every namespace (v1.32 has it on
// by default; pods mount it in their projected service account volume).
//
// Keys are namespace names. Queued on: a namespace added, or updated while Active;
// the ConfigMap updated or deleted. sync(ns): create the ConfigMap when the cache
// lacks it (a namespace that is gone or terminating is not an error); otherwise put
// data {"ca.crt": <bundle>} and the kubernetes.io/description annotation back if
// someone changed them.
#pragma once

#include <string>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/informer.h"

namespace kt::controllers {

inline constexpr const char* kRootCACertConfigMapName = "kube-root-ca.crt";
inline constexpr const char* kRootCADescriptionAnnotation = "kubernetes.io/description";
inline constexpr const char* kRootCADescription =
    "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the "
    "internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes "
    "clusters.";
// The sandbox cluster's CA: PEM-shaped, fixed, not a usable certificate.
extern const char* const kSandboxRootCA;

class RootCAPublisher : public client::Controller {
 public:
  struct Options {
    int workers = 1;
    std::string root_ca = kSandboxRootCA;  // --root-ca-file contents
  };

  RootCAPublisher(api::ApiServer& api, client::SharedInformerFactory& factory, Options opts);
  RootCAPublisher(api::ApiServer& api, client::SharedInformerFactory& factory)
      : RootCAPublisher(api, factory, Options{}) {}
  ~RootCAPublisher() override;

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  api::ApiServer& api_;
  std::string root_ca_;
  client::SharedInformer& namespaces_;
  client::SharedInformer& configmaps_;
  client::HandlerId ns_handler_, cm_handler_;
};

}  // namespace kt::controllers
