// NamespaceLifecycle (apiserver/pkg/admission/plugin/namespace/lifecycle): the first
// plugin of the chain.
//  - Deleting default, kube-system or kube-public:
//      namespaces "default" is forbidden: this namespace may not be deleted
//  - Creating or updating in a namespace that does not exist (404, the namespace
//    lookup's own error):  namespaces "foo" not found
//  - Creating in a namespace being deleted (status.phase Terminating):
//      pods "x" is forbidden: unable to create new content in namespace foo because it is being terminated
//    with a NamespaceTerminating cause in the Status details.
// Cluster-scoped resources, namespaces themselves and deletions are never checked
// for the namespace.
#pragma once

#include <set>
#include <string>

#include "core/api/admission.h"

namespace kt::admission {

class NamespaceLifecycle : public api::AdmissionPlugin {
 public:
  NamespaceLifecycle();
  std::string name() const override { return "NamespaceLifecycle"; }
  void admit(api::AdmissionRequest& req, api::ApiServer& api) override;
  // Deletions only reach the validating phase on our server; kube runs the
  // immortal-namespace check from Admit, which comes first either way.
  void validate(const api::AdmissionRequest& req, api::ApiServer& api) override;

 private:
  std::set<std::string> immortal_;
};

}  // namespace kt::admission
