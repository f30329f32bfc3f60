// The namespace controller (pkg/controller/namespace, deletion/namespaced_resources_deleter.go):
// empties a namespace that is being deleted, then releases it.
//
// A Namespace with a deletionTimestamp is queued 5 s after the event that shows it
// (namespaceDeletionGracePeriod: time for other API servers to stop accepting writes
// to it). sync(name), on the live object:
//  1. gone, or not being deleted → done; phase not Terminating → set it (status);
//  2. spec.finalizers already empty → done (the API server removes it);
//  3. for every namespaced resource that can be deleted (preferred versions, in
//     discovery order): delete every object (Background propagation), list again,
//     and count what remains. Pods still terminating give an estimate (their longest
//     grace period, 0 once deletionTimestamp + grace has passed); objects held by
//     finalizers give 15 s; anything else remaining is an error ("unexpected items
//     still remain in namespace: ns for gvr: /v1, Resource=pods");
//  4. the five deletion conditions are written to status with kube's reasons and
//     messages (NamespaceDeletionDiscoveryFailure False "All resources successfully
//     discovered", NamespaceContentRemaining True "Some resources are remaining:
//     pods. has 2 resource instances", NamespaceFinalizersRemaining True "Some
//     finalizers are remaining: example.com/x in 1 resource instances", ...);
//  5. errors → retry (rate limited, at most every 60 s); an estimate → requeue after
//     estimate/2+1 s; nothing left → remove "kubernetes" from spec.finalizers through
//     the finalize subresource, and the API server deletes the namespace.
#pragma once

#include <string>
#include <vector>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/informer.h"

namespace kt::controllers {

class NamespaceController : public client::Controller {
 public:
  struct Options {
    int workers = 10;                             // --concurrent-namespace-syncs
    sim::Duration resync_period = sim::minutes(5);  // --namespace-sync-period
  };

  NamespaceController(api::ApiServer& api, client::SharedInformerFactory& factory, Options opts);
  NamespaceController(api::ApiServer& api, client::SharedInformerFactory& factory)
      : NamespaceController(api, factory, Options{}) {}
  ~NamespaceController() override;

  // The rate limiter kube gives this controller (nsControllerRateLimiter).
  static std::unique_ptr<client::RateLimiter> rate_limiter();
  // What is emptied: namespaced, preferred, deletable resources in discovery order.
  static std::vector<const api::ResourceInfo*> deletable_resources(const api::ResourceRegistry& reg);

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  void enqueue_namespace(const api::ObjectPtr& ns);
  // Returns the estimate in seconds; fills `errors` and the condition inputs.
  std::int64_t delete_all_content(const Json& ns, std::vector<std::string>& errors);

  api::ApiServer& api_;
  client::SharedInformer& namespaces_;
  client::HandlerId handler_;
};

}  // namespace kt::controllers
