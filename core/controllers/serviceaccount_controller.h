// The service account controller (pkg/controller/serviceaccount/serviceaccounts_controller.go):
// every active namespace has a ServiceAccount named "default".
//
// Keys are namespace names. A namespace added or updated is queued; a deleted
// ServiceAccount queues its namespace, so a deleted "default" comes back.
// sync(ns): nothing unless the namespace exists and is Active; for each account to
// ensure, if the cache lacks it, create it (AlreadyExists is fine; a namespace that
// started terminating meanwhile is fine too).
#pragma once

#include <string>
#include <vector>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/informer.h"

namespace kt::controllers {

class ServiceAccountController : public client::Controller {
 public:
  struct Options {
    int workers = 1;  // kube-controller-manager runs it with one worker
    std::vector<std::string> accounts = {"default"};
  };

  ServiceAccountController(api::ApiServer& api, client::SharedInformerFactory& factory, Options opts);
  ServiceAccountController(api::ApiServer& api, client::SharedInformerFactory& factory)
      : ServiceAccountController(api, factory, Options{}) {}
  ~ServiceAccountController() override;

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  api::ApiServer& api_;
  std::vector<std::string> accounts_;
  client::SharedInformer& namespaces_;
  client::SharedInformer& accounts_inf_;
  client::HandlerId ns_handler_, sa_handler_;
};

// True for a Forbidden error whose details carry the NamespaceTerminating cause.
bool is_namespace_terminating(const api::ApiError& e);

}  // namespace kt::controllers
