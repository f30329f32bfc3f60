// node-lifecycle-controller (pkg/controller/nodelifecycle), on virtual time.
//
// Every --node-monitor-period (5 s) each node's health is checked: the last time
// its kubelet was heard from is the later of a change of its Ready heartbeat and a
// renewal of its Lease in kube-node-lease. Past --node-monitor-grace-period (50 s;
// --node-startup-grace-period for a node that never was Ready) the controller sets
// Ready, MemoryPressure, DiskPressure and PIDPressure to Unknown ("NodeStatusUnknown",
// "Kubelet stopped posting node status."), marks the node's pods not Ready, and
// records NodeNotReady.
//
// Taints follow the Ready condition (doNoExecuteTaintingPass and
// TaintNodesByCondition): Unknown → node.kubernetes.io/unreachable NoExecute (with
// timeAdded) and NoSchedule; False → node.kubernetes.io/not-ready likewise; True →
// both removed. spec.unschedulable → node.kubernetes.io/unschedulable:NoSchedule.
// The taint-eviction-controller (taint_eviction.h) acts on the NoExecute ones.
#pragma once

#include <map>
#include <string>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/events.h"
#include "core/client/informer.h"

namespace kt::controllers {

class NodeLifecycleController : public client::Controller {
 public:
  struct Options {
    sim::Duration monitor_period = sim::seconds(5);
    sim::Duration grace_period = sim::seconds(50);
    sim::Duration startup_grace_period = sim::seconds(60);
  };

  NodeLifecycleController(api::ApiServer& api, client::SharedInformerFactory& factory, Options opts);
  ~NodeLifecycleController() override;

  void start() override;
  void stop() override;

 protected:
  client::SyncResult sync(const std::string& key) override;

 private:
  struct Health {
    sim::Time probe{};            // when the kubelet was last heard from
    std::string heartbeat;        // the Ready condition's lastHeartbeatTime seen
    std::string lease_renew;      // the Lease's renewTime seen
    std::string ready_status;     // the Ready status last acted on
  };

  void tick();
  void mark_pods_not_ready(const std::string& node);
  void reconcile_taints(const api::ObjectPtr& node);

  api::ApiServer& api_;
  Options opts_;
  client::SharedInformer& nodes_;
  client::SharedInformer& leases_;
  client::SharedInformer& pods_;
  client::EventRecorder recorder_;
  client::HandlerId node_handler_, lease_handler_;
  std::map<std::string, Health> health_;
  sim::EventId timer_ = 0;
  client::Lifetime life_;
};

}  // namespace kt::controllers
