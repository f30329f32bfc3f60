// kube-controller-manager: one shared informer factory and the controllers that the
// --controllers flag enables, configured by the v1.32 flags with their defaults.
//
// --controllers (app.IsControllerEnabled): a list of names; the first entry naming a
// controller decides ("foo" on, "-foo" off); otherwise "*" turns on every controller
// that is on by default; without "*" nothing else runs. Old names are accepted as
// aliases ("garbagecollector" → "garbage-collector-controller").
//
// Every controller kube-controller-manager v1.32 knows is listed; those the sandbox
// does not simulate yet have no initializer (unsimulated() names them). Other parts of
// the sandbox add theirs with set_initializer() before start().
//
// start(): builds the enabled controllers that have initializers (they request their
// informers), starts the factory (LIST+WATCH, synchronously), then the controllers.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/api/apiserver.h"
#include "core/client/informer.h"

namespace kt::controllers {

class GarbageCollector;
class NamespaceController;
class ServiceAccountController;
class RootCAPublisher;

// The flags of kube-controller-manager v1.32 the sandbox reads, with their defaults.
struct ControllerManagerConfig {
  std::vector<std::string> controllers = {"*"};  // --controllers

  // --concurrent-*-syncs
  int concurrent_deployment_syncs = 5;
  int concurrent_replicaset_syncs = 5;
  int concurrent_rc_syncs = 5;
  int concurrent_statefulset_syncs = 5;
  int concurrent_daemonset_syncs = 2;
  int concurrent_job_syncs = 5;
  int concurrent_cron_job_syncs = 5;
  int concurrent_endpoint_syncs = 5;
  int concurrent_service_endpoint_syncs = 5;  // endpointslice-controller
  int concurrent_service_syncs = 1;           // service-lb-controller
  int concurrent_gc_syncs = 20;
  int concurrent_namespace_syncs = 10;
  int concurrent_resource_quota_syncs = 5;
  int concurrent_serviceaccount_token_syncs = 5;
  int concurrent_ttl_after_finished_syncs = 5;
  int concurrent_horizontal_pod_autoscaler_syncs = 5;
  int concurrent_ephemeralvolume_syncs = 5;
  int concurrent_validating_admission_policy_status_syncs = 5;

  // node-lifecycle-controller
  sim::Duration node_monitor_period = sim::seconds(5);        // --node-monitor-period
  sim::Duration node_monitor_grace_period = sim::seconds(50); // --node-monitor-grace-period (40s before v1.32)
  sim::Duration node_startup_grace_period = sim::seconds(60); // --node-startup-grace-period
  double node_eviction_rate = 0.1;                            // --node-eviction-rate (nodes/s)
  double secondary_node_eviction_rate = 0.01;                 // --secondary-node-eviction-rate
  int large_cluster_size_threshold = 50;                      // --large-cluster-size-threshold
  double unhealthy_zone_threshold = 0.55;                     // --unhealthy-zone-threshold

  int terminated_pod_gc_threshold = 12500;                    // --terminated-pod-gc-threshold
  sim::Duration namespace_sync_period = sim::minutes(5);      // --namespace-sync-period
  sim::Duration resource_quota_sync_period = sim::minutes(5); // --resource-quota-sync-period
  sim::Duration min_resync_period = sim::hours(12);           // --min-resync-period
  sim::Duration pvclaimbinder_sync_period = sim::seconds(15); // --pvclaimbinder-sync-period

  // horizontal-pod-autoscaler-controller
  sim::Duration hpa_sync_period = sim::seconds(15);                      // --horizontal-pod-autoscaler-sync-period
  sim::Duration hpa_downscale_stabilization = sim::minutes(5);           // ...-downscale-stabilization
  double hpa_tolerance = 0.1;                                            // ...-tolerance
  sim::Duration hpa_cpu_initialization_period = sim::minutes(5);         // ...-cpu-initialization-period
  sim::Duration hpa_initial_readiness_delay = sim::seconds(30);          // ...-initial-readiness-delay

  bool enable_garbage_collector = true;   // --enable-garbage-collector
  std::string cluster_name = "kubernetes";  // --cluster-name
  std::string cluster_cidr;               // --cluster-cidr
  bool allocate_node_cidrs = false;       // --allocate-node-cidrs
  int node_cidr_mask_size = 24;           // --node-cidr-mask-size
  std::string service_cluster_ip_range;   // --service-cluster-ip-range
  int max_endpoints_per_slice = 100;      // --max-endpoints-per-slice
  std::string root_ca;                    // --root-ca-file contents ("" = the sandbox CA)
};

// One entry of app.NewControllerDescriptors.
struct ControllerDescriptor {
  std::string name;                  // "garbage-collector-controller"
  std::vector<std::string> aliases;  // "garbagecollector"
  bool enabled_by_default = true;
  std::string note;                  // why it is off by default, if it is
};

// A running controller as the manager sees it.
class ManagedController {
 public:
  virtual ~ManagedController() = default;
  virtual void start() = 0;
  virtual void stop() = 0;
};

class ControllerManager {
 public:
  struct Context {
    api::ApiServer& api;
    client::SharedInformerFactory& factory;
    const ControllerManagerConfig& config;
  };
  using Initializer = std::function<std::unique_ptr<ManagedController>(Context&)>;

  ControllerManager(api::ApiServer& api, ControllerManagerConfig cfg = {});
  ~ControllerManager();
  ControllerManager(const ControllerManager&) = delete;
  ControllerManager& operator=(const ControllerManager&) = delete;

  static const std::vector<ControllerDescriptor>& known_controllers();
  // The canonical name for a name or alias; "" when unknown.
  static std::string canonical_name(const std::string& name_or_alias);
  // app.IsControllerEnabled for `name` under a --controllers list.
  static bool is_enabled(const std::string& name, const std::vector<std::string>& controllers);

  const ControllerManagerConfig& config() const { return cfg_; }
  client::SharedInformerFactory& factory() { return factory_; }
  api::ApiServer& api() { return api_; }

  // Provides (or replaces) how a controller is built. Before start().
  void set_initializer(const std::string& name, Initializer init);

  void start();
  void stop();
  bool started() const { return started_; }

  // Canonical names the flags enable, in known_controllers() order.
  std::vector<std::string> enabled() const;
  // Enabled but without an initializer: not simulated (yet).
  std::vector<std::string> unsimulated() const;
  // Running controllers by canonical name.
  std::vector<std::string> running() const;
  ManagedController* controller(const std::string& name) const;

  // The built-in ones, typed (null when not running).
  GarbageCollector* garbage_collector() const;
  NamespaceController* namespace_controller() const;
  ServiceAccountController* serviceaccount_controller() const;
  RootCAPublisher* root_ca_publisher() const;

 private:
  api::ApiServer& api_;
  ControllerManagerConfig cfg_;
  client::SharedInformerFactory factory_;
  std::map<std::string, Initializer> initializers_;
  std::vector<std::pair<std::string, std::unique_ptr<ManagedController>>> running_;
  bool started_ = false;
};

}  // namespace kt::controllers
