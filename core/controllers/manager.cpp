#include "core/controllers/manager.h"

#include <algorithm>

#include "core/controllers/daemonset/daemonset_controller.h"
#include "core/controllers/deployment/deployment_controller.h"
#include "core/controllers/endpoints_controller.h"
#include "core/controllers/endpointslice_controller.h"
#include "core/controllers/gc.h"
#include "core/controllers/job/cronjob_controller.h"
#include "core/controllers/job/job_controller.h"
#include "core/controllers/job/ttl_after_finished.h"
#include "core/controllers/namespace_controller.h"
#include "core/controllers/node_lifecycle.h"
#include "core/controllers/podgc.h"
#include "core/controllers/pv_binder.h"
#include "core/controllers/replicaset/replica_set.h"
#include "core/controllers/resourcequota.h"
#include "core/controllers/rootca_publisher.h"
#include "core/controllers/serviceaccount_controller.h"
#include "core/controllers/statefulset/statefulset_controller.h"
#include "core/controllers/taint_eviction.h"

namespace kt::controllers {

namespace {

// Adapts a controller object with start()/stop() to ManagedController.
template <typename T>
class Managed : public ManagedController {
 public:
  explicit Managed(std::unique_ptr<T> c) : c_(std::move(c)) {}
  void start() override { c_->start(); }
  void stop() override { c_->stop(); }
  T* get() const { return c_.get(); }

 private:
  std::unique_ptr<T> c_;
};

template <typename T>
std::unique_ptr<ManagedController> managed(std::unique_ptr<T> c) {
  return std::make_unique<Managed<T>>(std::move(c));
}

template <typename T>
T* typed(const ControllerManager& m, const std::string& name) {
  auto* mc = dynamic_cast<Managed<T>*>(m.controller(name));
  return mc ? mc->get() : nullptr;
}

}  // namespace

const std::vector<ControllerDescriptor>& ControllerManager::known_controllers() {
  // cmd/kube-controller-manager/names and app.NewControllerDescriptors (v1.32).
  auto d = [](std::string name, std::vector<std::string> aliases, bool on = true, std::string note = "") {
    return ControllerDescriptor{std::move(name), std::move(aliases), on, std::move(note)};
  };
  static const std::vector<ControllerDescriptor> all = {
      d("serviceaccount-token-controller", {"serviceaccount-token"}),
      d("endpoints-controller", {"endpoint"}),
      d("endpointslice-controller", {"endpointslice"}),
      d("endpointslice-mirroring-controller", {"endpointslicemirroring"}),
      d("replicationcontroller-controller", {"replicationcontroller"}),
      d("pod-garbage-collector-controller", {"podgc"}),
      d("resourcequota-controller", {"resourcequota"}),
      d("namespace-controller", {"namespace"}),
      d("serviceaccount-controller", {"serviceaccount"}),
      d("garbage-collector-controller", {"garbagecollector"}),
      d("daemonset-controller", {"daemonset"}),
      d("job-controller", {"job"}),
      d("deployment-controller", {"deployment"}),
      d("replicaset-controller", {"replicaset"}),
      d("horizontal-pod-autoscaler-controller", {"horizontalpodautoscaling"}),
      d("disruption-controller", {"disruption"}),
      d("statefulset-controller", {"statefulset"}),
      d("cronjob-controller", {"cronjob"}),
      d("certificatesigningrequest-signing-controller", {"csrsigning"}),
      d("certificatesigningrequest-approving-controller", {"csrapproving"}),
      d("certificatesigningrequest-cleaner-controller", {"csrcleaner"}),
      d("ttl-controller", {"ttl"}),
      d("bootstrap-signer-controller", {"bootstrapsigner"}, false, "disabled by default"),
      d("token-cleaner-controller", {"tokencleaner"}, false, "disabled by default"),
      d("node-ipam-controller", {"nodeipam"}),
      d("node-lifecycle-controller", {"nodelifecycle"}),
      d("taint-eviction-controller", {}),
      d("persistentvolume-binder-controller", {"persistentvolume-binder"}),
      d("persistentvolume-attach-detach-controller", {"attachdetach"}),
      d("persistentvolume-expander-controller", {"persistentvolume-expander"}),
      d("clusterrole-aggregation-controller", {"clusterrole-aggregation"}),
      d("persistentvolumeclaim-protection-controller", {"pvc-protection"}),
      d("persistentvolume-protection-controller", {"pv-protection"}),
      d("ttl-after-finished-controller", {"ttl-after-finished"}),
      d("root-ca-certificate-publisher-controller", {"root-ca-cert-publisher"}),
      d("ephemeral-volume-controller", {"ephemeral-volume"}),
      d("storageversion-garbage-collector-controller", {"storage-version-gc"}, false,
       "requires the APIServerIdentity and StorageVersionAPI feature gates"),
      d("resourceclaim-controller", {"resource-claim-controller"}, false,
       "requires the DynamicResourceAllocation feature gate"),
      d("legacy-serviceaccount-token-cleaner-controller", {"legacy-service-account-token-cleaner"}),
      d("validatingadmissionpolicy-status-controller", {}),
      d("service-cidr-controller", {}, false, "requires the MultiCIDRServiceAllocator feature gate"),
      d("storage-version-migrator-controller", {}, false, "requires the StorageVersionMigrator feature gate"),
      d("service-lb-controller", {"service"}, false, "requires a cloud provider"),
      d("node-route-controller", {"route"}, false, "requires a cloud provider"),
      d("cloud-node-lifecycle-controller", {"cloud-node-lifecycle"}, false, "requires a cloud provider"),
  };
  return all;
}

std::string ControllerManager::canonical_name(const std::string& name) {
  for (const auto& d : known_controllers()) {
    if (d.name == name) return d.name;
    if (std::find(d.aliases.begin(), d.aliases.end(), name) != d.aliases.end()) return d.name;
  }
  return "";
}

bool ControllerManager::is_enabled(const std::string& name, const std::vector<std::string>& controllers) {
  const std::string canon = canonical_name(name).empty() ? name : canonical_name(name);
  bool has_star = false;
  for (const auto& entry : controllers) {
    if (entry == "*") {
      has_star = true;
      continue;
    }
    const bool off = !entry.empty() && entry[0] == '-';
    std::string n = off ? entry.substr(1) : entry;
    if (std::string c = canonical_name(n); !c.empty()) n = c;
    if (n == canon) return !off;
  }
  if (!has_star) return false;
  for (const auto& d : known_controllers())
    if (d.name == canon) return d.enabled_by_default;
  return false;
}

ControllerManager::ControllerManager(api::ApiServer& api, ControllerManagerConfig cfg)
    : api_(api), cfg_(std::move(cfg)), factory_(api) {
  initializers_["garbage-collector-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    if (!ctx.config.enable_garbage_collector) return nullptr;
    GarbageCollector::Options o;
    o.workers = ctx.config.concurrent_gc_syncs;
    return managed(std::make_unique<GarbageCollector>(ctx.api, ctx.factory, o));
  };
  initializers_["namespace-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    NamespaceController::Options o;
    o.workers = ctx.config.concurrent_namespace_syncs;
    o.resync_period = ctx.config.namespace_sync_period;
    return managed(std::make_unique<NamespaceController>(ctx.api, ctx.factory, o));
  };
  initializers_["serviceaccount-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    return managed(std::make_unique<ServiceAccountController>(ctx.api, ctx.factory));
  };
  initializers_["resourcequota-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    ResourceQuotaController::Options o;
    o.workers = ctx.config.concurrent_resource_quota_syncs;
    o.resync_period = ctx.config.resource_quota_sync_period;
    return managed(std::make_unique<ResourceQuotaController>(ctx.api, ctx.factory, o));
  };
  initializers_["replicaset-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    ReplicaSetController::Options o;
    o.workers = ctx.config.concurrent_replicaset_syncs;
    return managed(std::make_unique<ReplicaSetController>(ctx.api, ctx.factory, ReplicaSetKind::replica_sets(), o));
  };
  initializers_["replicationcontroller-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    ReplicaSetController::Options o;
    o.workers = ctx.config.concurrent_rc_syncs;
    return managed(
        std::make_unique<ReplicaSetController>(ctx.api, ctx.factory, ReplicaSetKind::replication_controllers(), o));
  };
  initializers_["deployment-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    DeploymentController::Options o;
    o.workers = ctx.config.concurrent_deployment_syncs;
    return managed(std::make_unique<DeploymentController>(ctx.api, ctx.factory, o));
  };
  initializers_["root-ca-certificate-publisher-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    RootCAPublisher::Options o;
    if (!ctx.config.root_ca.empty()) o.root_ca = ctx.config.root_ca;
    return managed(std::make_unique<RootCAPublisher>(ctx.api, ctx.factory, o));
  };
  initializers_["node-lifecycle-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    NodeLifecycleController::Options o;
    o.monitor_period = ctx.config.node_monitor_period;
    o.grace_period = ctx.config.node_monitor_grace_period;
    o.startup_grace_period = ctx.config.node_startup_grace_period;
    return managed(std::make_unique<NodeLifecycleController>(ctx.api, ctx.factory, o));
  };
  initializers_["taint-eviction-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    return managed(std::make_unique<TaintEvictionController>(ctx.api, ctx.factory));
  };
  initializers_["persistentvolume-binder-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    PersistentVolumeBinder::Options o;
    o.resync = ctx.config.pvclaimbinder_sync_period;
    return managed(std::make_unique<PersistentVolumeBinder>(ctx.api, ctx.factory, o));
  };
  initializers_["endpoints-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    return managed(std::make_unique<EndpointsController>(ctx.api, ctx.factory, ctx.config.concurrent_endpoint_syncs));
  };
  initializers_["endpointslice-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    return managed(std::make_unique<EndpointSliceController>(ctx.api, ctx.factory,
                                                             ctx.config.concurrent_service_endpoint_syncs,
                                                             ctx.config.max_endpoints_per_slice));
  };
  initializers_["job-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    return managed(std::make_unique<JobController>(ctx.api, ctx.factory, ctx.config.concurrent_job_syncs));
  };
  initializers_["cronjob-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    return managed(std::make_unique<CronJobController>(ctx.api, ctx.factory, ctx.config.concurrent_cron_job_syncs));
  };
  initializers_["daemonset-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    return managed(std::make_unique<DaemonSetController>(ctx.api, ctx.factory, ctx.config.concurrent_daemonset_syncs));
  };
  initializers_["statefulset-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    return managed(std::make_unique<StatefulSetController>(ctx.api, ctx.factory, ctx.config.concurrent_statefulset_syncs));
  };
  initializers_["ttl-after-finished-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    return managed(std::make_unique<TTLAfterFinishedController>(ctx.api, ctx.factory,
                                                                ctx.config.concurrent_ttl_after_finished_syncs));
  };
  initializers_["pod-garbage-collector-controller"] = [](Context& ctx) -> std::unique_ptr<ManagedController> {
    PodGCController::Options o;
    o.terminated_pod_threshold = ctx.config.terminated_pod_gc_threshold;
    return managed(std::make_unique<PodGCController>(ctx.api, ctx.factory, o));
  };
}

ControllerManager::~ControllerManager() {
  stop();
  // Controllers go before the factory whose informers they registered with.
  running_.clear();
}

void ControllerManager::set_initializer(const std::string& name, Initializer init) {
  std::string canon = canonical_name(name);
  initializers_[canon.empty() ? name : canon] = std::move(init);
}

std::vector<std::string> ControllerManager::enabled() const {
  std::vector<std::string> out;
  for (const auto& d : known_controllers())
    if (is_enabled(d.name, cfg_.controllers)) out.push_back(d.name);
  // Controllers registered by other components that kube does not know by name.
  for (const auto& [name, init] : initializers_)
    if (canonical_name(name).empty() && is_enabled(name, cfg_.controllers)) out.push_back(name);
  return out;
}

std::vector<std::string> ControllerManager::unsimulated() const {
  std::vector<std::string> out;
  for (const auto& name : enabled())
    if (!initializers_.count(name)) out.push_back(name);
  return out;
}

void ControllerManager::start() {
  if (started_) return;
  started_ = true;
  Context ctx{api_, factory_, cfg_};
  for (const auto& name : enabled()) {
    auto it = initializers_.find(name);
    if (it == initializers_.end()) continue;
    if (auto c = it->second(ctx)) running_.emplace_back(name, std::move(c));
  }
  factory_.start();
  for (auto& [name, c] : running_) c->start();
}

void ControllerManager::stop() {
  if (!started_) return;
  started_ = false;
  for (auto& [name, c] : running_) c->stop();
  factory_.stop();
}

std::vector<std::string> ControllerManager::running() const {
  std::vector<std::string> out;
  for (const auto& [name, c] : running_) out.push_back(name);
  return out;
}

ManagedController* ControllerManager::controller(const std::string& name) const {
  std::string canon = canonical_name(name);
  if (canon.empty()) canon = name;
  for (const auto& [n, c] : running_)
    if (n == canon) return c.get();
  return nullptr;
}

GarbageCollector* ControllerManager::garbage_collector() const {
  return typed<GarbageCollector>(*this, "garbage-collector-controller");
}
NamespaceController* ControllerManager::namespace_controller() const {
  return typed<NamespaceController>(*this, "namespace-controller");
}
ServiceAccountController* ControllerManager::serviceaccount_controller() const {
  return typed<ServiceAccountController>(*this, "serviceaccount-controller");
}
RootCAPublisher* ControllerManager::root_ca_publisher() const {
  return typed<RootCAPublisher>(*this, "root-ca-certificate-publisher-controller");
}

}  // namespace kt::controllers
