#include "core/node/disks.h"

namespace kt::node {

Disks::Disks(sim::Simulator& sim, const cluster::Scenario& scenario) : sim_(sim), scenario_(scenario) {}

std::shared_ptr<term::MemoryFs> Disks::make() {
  return std::make_shared<term::MemoryFs>([this] { return sim_.now(); });
}

std::shared_ptr<term::MemoryFs> Disks::machine(const std::string& name) {
  if (auto it = machines_.find(name); it != machines_.end()) return it->second;
  for (const auto& m : scenario_.machines)
    if (m.name == name) return machines_[name] = make();
  for (const auto& w : scenario_.workstations)
    if (w.name == name) return machines_[name] = make();
  return nullptr;
}

std::shared_ptr<term::MemoryFs> Disks::nfs_server(const std::string& server) {
  for (const auto& m : scenario_.machines)
    if (m.internal_ip == server || m.name == server) return machine(m.name);
  auto& fs = servers_[server];
  if (!fs) fs = make();
  return fs;
}

std::shared_ptr<term::MemoryFs> Disks::detached(const std::string& name) {
  auto& fs = detached_[name];
  if (!fs) fs = make();
  return fs;
}

}  // namespace kt::node
