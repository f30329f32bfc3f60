// A whole simulated cluster: the kernel, the API server, the controllers, the
// machines. One Sandbox per browser tab / CLI session / test. Everything inside
// is a pure function of (scenario, seed, inputs).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/sim/random.h"
#include "core/sim/simulator.h"

namespace kt {

namespace api { class ApiServer; }
namespace client { class EventTTL; }
namespace cluster { class Cluster; struct Scenario; }
namespace controllers { class ControllerManager; }
namespace scheduler { class Scheduler; }
namespace storage { class ExternalProvisioners; }
namespace network { class Dataplane; class LoadBalancerPool; }

struct SandboxOptions {
  std::string scenario = "default";
  std::uint64_t seed = 1;
};

class Sandbox {
 public:
  explicit Sandbox(SandboxOptions opts = {});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  sim::Simulator& sim() { return *sim_; }
  api::ApiServer& api() { return *api_; }
  cluster::Cluster& cluster() { return *cluster_; }
  controllers::ControllerManager& controllers() { return *controllers_; }
  scheduler::Scheduler& scheduler() { return *scheduler_; }
  // The pod network and kube-proxy's rules: where a connection ends up.
  network::Dataplane& network() { return *network_; }
  const cluster::Scenario& scenario() const;
  std::uint64_t seed() const { return opts_.seed; }

  // Fast-forward: runs the simulation for d of virtual time.
  void advance(sim::Duration d) { sim_->run_for(d); }

 private:
  SandboxOptions opts_;
  std::unique_ptr<sim::Simulator> sim_;
  // Declaration order is teardown order reversed: controllers stop first.
  std::unique_ptr<api::ApiServer> api_;
  std::unique_ptr<client::EventTTL> event_ttl_;
  std::unique_ptr<cluster::Cluster> cluster_;
  std::unique_ptr<controllers::ControllerManager> controllers_;
  std::unique_ptr<scheduler::Scheduler> scheduler_;
  std::unique_ptr<storage::ExternalProvisioners> provisioners_;  // run by their pods
  std::unique_ptr<network::LoadBalancerPool> lb_pool_;
  std::unique_ptr<network::Dataplane> network_;
};

}  // namespace kt
