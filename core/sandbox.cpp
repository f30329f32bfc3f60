#include "core/sandbox.h"

#include "core/admission/chain.h"
#include "core/api/apiserver.h"
#include "core/api/errors.h"
#include "core/client/events.h"
#include "core/cluster/cluster.h"
#include "core/cluster/scenario.h"
#include "core/controllers/manager.h"
#include "core/controllers/manager_flags.h"
#include "core/network/dataplane.h"
#include "core/network/lb_pool.h"
#include "core/scheduler/scheduler.h"
#include "core/storage/external_provisioner.h"

namespace kt {

Sandbox::Sandbox(SandboxOptions opts) : opts_(std::move(opts)) {
  const cluster::Scenario* sc = cluster::find_scenario(opts_.scenario);
  if (!sc) throw std::invalid_argument("unknown scenario \"" + opts_.scenario + "\"");
  sim::Random root(opts_.seed);
  sim_ = std::make_unique<sim::Simulator>(sc->start);
  api_ = std::make_unique<api::ApiServer>(*sim_, root.fork("apiserver"));
  admission::install_default_admission(*api_, root.fork("admission").seed());
  event_ttl_ = std::make_unique<client::EventTTL>(*api_);
  event_ttl_->start();
  cluster_ = std::make_unique<cluster::Cluster>(*sc, *api_, root.fork("cluster"));
  cluster_->bootstrap();
  controllers::ControllerManagerConfig cm;
  if (auto err = controllers::apply_controller_manager_flags(cm, sc->controller_manager_flags); !err.empty())
    throw std::invalid_argument("scenario \"" + sc->name + "\": kube-controller-manager: " + err);
  controllers_ = std::make_unique<controllers::ControllerManager>(*api_, cm);
  controllers_->start();
  scheduler_ = std::make_unique<scheduler::Scheduler>(*api_, root.fork("scheduler"));
  scheduler_->start();
  provisioners_ = std::make_unique<storage::ExternalProvisioners>(*api_);
  provisioners_->start();
  lb_pool_ = std::make_unique<network::LoadBalancerPool>(*api_, network::expand_pool(sc->lb_pool));
  lb_pool_->start();
  network_ = std::make_unique<network::Dataplane>(*api_, *cluster_, root.fork("network"));
  sim_->run_for(sc->warm_up);
}

Sandbox::~Sandbox() {
  // Controllers and informers hold watches on the API server: stop them first.
  network_.reset();
  lb_pool_.reset();
  provisioners_.reset();
  scheduler_.reset();
  controllers_.reset();
  cluster_.reset();
  event_ttl_.reset();
}

const cluster::Scenario& Sandbox::scenario() const { return cluster_->scenario(); }

}  // namespace kt
