// The disks of the simulated world: each machine's root filesystem and the exports
// of NFS servers outside the cluster. The terminal's hosts show a machine's files
// (`ssh k8s-node1; ls /data`), the kubelet lays out pod volumes on them
// (/var/lib/kubelet/pods/<uid>/volumes/…, hostPath directories) and mounts them
// into containers, so a file written through any of these views is in one place.
// An NFS export of a cluster machine (seed 003 shares the master's /data/k8s) is
// that machine's directory; any other server gets a disk of its own.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/cluster/scenario.h"
#include "core/sim/simulator.h"
#include "core/terminal/vfs.h"

namespace kt::node {

class Disks {
 public:
  Disks(sim::Simulator& sim, const cluster::Scenario& scenario);

  // A machine's or workstation's root filesystem (created on first use; a cluster
  // machine starts with the system files every kubeadm node has, see
  // special_file_type); null for an unknown name.
  std::shared_ptr<term::MemoryFs> machine(const std::string& name);
  // The kind of the node system files the filesystem cannot type by itself:
  // "Socket" (containerd's socket, under /run and /var/run), "CharDevice"
  // (/dev/null, /dev/zero, /dev/random, /dev/urandom, /dev/full, /dev/tty,
  // /dev/kmsg, /dev/fuse), "BlockDevice" (/dev/sda, /dev/sda1, /dev/sda2), else "".
  static std::string special_file_type(const std::string& path);
  // The filesystem holding an NFS server's exports (a machine's own when the
  // address is one of the machines').
  std::shared_ptr<term::MemoryFs> nfs_server(const std::string& server);
  // A volume that lives outside the machines (a cloud disk, a CSI volume): one
  // filesystem per name, kept for as long as the sandbox lives.
  std::shared_ptr<term::MemoryFs> detached(const std::string& name);

 private:
  std::shared_ptr<term::MemoryFs> make();

  sim::Simulator& sim_;
  const cluster::Scenario& scenario_;
  std::map<std::string, std::shared_ptr<term::MemoryFs>> machines_, servers_, detached_;
};

}  // namespace kt::node
