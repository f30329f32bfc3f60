// The resourcequota controller (pkg/controller/resourcequota): keeps each
// ResourceQuota's status up to date:
//   status.hard = spec.hard
//   status.used = the namespace's usage of every hard resource (0 when unused),
//                 measured by the quota evaluators (core/admission/quota_usage.h)
// written through the status subresource only when something changed.
//
// When a quota is synced (keys are "ns/name"):
//  - it is added, or its spec.hard changes (status-only writes are ignored, so our
//    own writes do not loop);
//  - an object it can measure is added, deleted or changes its usage in the
//    quota's namespace ("replenishment"; kube's quota monitors). Pods, services,
//    PVCs, configmaps, secrets, replication controllers and resource quotas are
//    watched from start(); a count/<resource> limit starts a watch on that
//    resource the first time a quota naming it is synced;
//  - every quota, every resync period (--resource-quota-sync-period, 5m): usage
//    that changes with time alone (a pod past its deletion grace) is caught there.
// Unlike kube, admission does not raise status.used itself (see
// core/admission/resource_quota.h), so additions replenish too.
#pragma once

#include <set>
#include <string>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/informer.h"
#include "core/client/lifetime.h"

namespace kt::controllers {

class ResourceQuotaController : public client::Controller {
 public:
  struct Options {
    sim::Duration resync_period = sim::minutes(5);  // --resource-quota-sync-period
    int workers = 5;                                 // --concurrent-resource-quota-syncs
  };

  ResourceQuotaController(api::ApiServer& api, client::SharedInformerFactory& informers);
  ResourceQuotaController(api::ApiServer& api, client::SharedInformerFactory& informers, Options opts);
  ~ResourceQuotaController() override;

  // Registers the informer handlers (starting the informers it needs) and the
  // periodic full resync.
  void start() override;
  void stop() override;

  // syncResourceQuota for the quota `key` ("ns/name"), from the informer caches.
  client::SyncResult sync(const std::string& key) override;
  // Syncs every quota of `ns` now (what replenishment queues, without the queue).
  void recalculate(const std::string& ns);
  // Queues every quota (the periodic full resync).
  void enqueue_all();

  // The resources whose changes replenish quotas (qualified names).
  const std::set<std::string>& monitored() const { return monitored_; }

 private:
  void monitor(const api::ResourceInfo& res);
  void replenish(const api::ResourceInfo& res, const std::string& ns);
  void schedule_resync();
  client::SharedInformer& quotas();

  api::ApiServer& api_;
  client::SharedInformerFactory& informers_;
  Options opts_;
  std::set<std::string> monitored_;
  std::vector<std::pair<client::SharedInformer*, client::HandlerId>> handlers_;
  sim::EventId resync_event_ = 0;
  client::Lifetime life_;
};

}  // namespace kt::controllers
