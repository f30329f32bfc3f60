#include "core/node/disks.h"

namespace kt::node {

Disks::Disks(sim::Simulator& sim, const cluster::Scenario& scenario) : sim_(sim), scenario_(scenario) {}

std::shared_ptr<term::MemoryFs> Disks::make() {
  return std::make_shared<term::MemoryFs>([this] { return sim_.now(); });
}

namespace {

constexpr const char* kSockets[] = {"/run/containerd/containerd.sock", "/var/run/containerd/containerd.sock"};
constexpr const char* kCharDevices[] = {"/dev/null", "/dev/zero", "/dev/random", "/dev/urandom",
                                        "/dev/full", "/dev/tty",  "/dev/kmsg",   "/dev/fuse"};
constexpr const char* kBlockDevices[] = {"/dev/sda", "/dev/sda1", "/dev/sda2"};

// /etc/localtime of a node set to UTC: a TZif file (header, no transitions, "UTC0").
std::string utc_tzif() {
  std::string header = std::string("TZif2") + std::string(15, '\0');
  std::string counts(24, '\0');
  counts[23] = 4;  // charcnt: "UTC\0"
  counts[19] = 1;  // typecnt
  const std::string v1 = header + counts + std::string("\0\0\0\0\0\0", 6) + std::string("UTC\0", 4);
  return v1 + v1 + "\nUTC0\n";
}

void seed_node_files(term::MemoryFs& fs) {
  for (const char* d : {"/dev", "/etc", "/run/containerd", "/var/run/containerd"}) fs.mkdir(d, true);
  for (const char* p : kSockets) fs.write(p, "", false);
  for (const char* p : kCharDevices) fs.write(p, "", false);
  for (const char* p : kBlockDevices) fs.write(p, "", false);
  fs.write("/etc/localtime", utc_tzif(), false);
}

}  // namespace

std::string Disks::special_file_type(const std::string& path) {
  for (const char* p : kSockets)
    if (path == p) return "Socket";
  for (const char* p : kCharDevices)
    if (path == p) return "CharDevice";
  for (const char* p : kBlockDevices)
    if (path == p) return "BlockDevice";
  return "";
}

std::shared_ptr<term::MemoryFs> Disks::machine(const std::string& name) {
  if (auto it = machines_.find(name); it != machines_.end()) return it->second;
  for (const auto& m : scenario_.machines)
    if (m.name == name) {
      auto fs = machines_[name] = make();
      seed_node_files(*fs);
      return fs;
    }
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
