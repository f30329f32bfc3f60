#include "core/sandbox.h"

#include "core/api/apiserver.h"
#include "core/api/errors.h"
#include "core/cluster/cluster.h"
#include "core/cluster/scenario.h"

namespace kt {

Sandbox::Sandbox(SandboxOptions opts) : opts_(std::move(opts)) {
  const cluster::Scenario* sc = cluster::find_scenario(opts_.scenario);
  if (!sc) throw std::invalid_argument("unknown scenario \"" + opts_.scenario + "\"");
  sim::Random root(opts_.seed);
  sim_ = std::make_unique<sim::Simulator>(sc->start);
  api_ = std::make_unique<api::ApiServer>(*sim_, root.fork("apiserver"));
  cluster_ = std::make_unique<cluster::Cluster>(*sc, *api_, root.fork("cluster"));
  cluster_->bootstrap();
  sim_->run_for(sc->warm_up);
}

Sandbox::~Sandbox() = default;

const cluster::Scenario& Sandbox::scenario() const { return cluster_->scenario(); }

}  // namespace kt
