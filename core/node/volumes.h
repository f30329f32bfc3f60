// A pod's volumes as the kubelet's volume manager sets them up on its node, and
// the container filesystems that mount them.
//
//   emptyDir               /var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~empty-dir/<name>
//                          on the node: shared by the pod's containers, gone with the pod
//   hostPath               that directory or file of the node, checked as the hostPath
//                          plugin does (Directory/File/Socket/CharDevice/BlockDevice
//                          must exist as one: "hostPath type check failed: /x is not
//                          a file"; DirectoryOrCreate/FileOrCreate create it); a file
//                          is mounted over a file (/etc/localtime, containerd.sock)
//   configMap, secret,     files the kubelet writes under the pod's directory
//   downwardAPI, projected (kubernetes.io~configmap/<name>, …), mounted read-only
//   persistentVolumeClaim  the bound PV's storage: an NFS export (a machine's
//                          directory when the server is one), a hostPath or local
//                          directory of the node, or a detached disk named after the PV
//   nfs                    the export itself
// Everything else gets an empty directory under the pod, so mounts still work.
// Data written to a PV-backed volume lives on after the pod (seed 003).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/api/apiserver.h"
#include "core/node/disks.h"
#include "core/terminal/vfs.h"

namespace kt::node {

struct VolumeSource {
  std::shared_ptr<term::MemoryFs> fs;
  std::string root;  // the directory in fs
  bool read_only = false;
};

using PodVolumes = std::map<std::string, VolumeSource>;  // by volume name

// Sets up every volume of pod on node. "" on success, else the FailedMount event
// message of the first that failed ("MountVolume.SetUp failed for volume \"x\" :
// configmap \"y\" not found"); volumes set up before the failure stay in `out`.
std::string setup_volumes(api::ApiServer& api, Disks& disks, const std::string& node, const Json& pod,
                          const std::string& pod_ip, PodVolumes& out);

// Removes the pod's directory on the node (its emptyDirs and projected files).
void teardown_volumes(Disks& disks, const std::string& node, const std::string& pod_uid);

// Mounts a container's volumeMounts (subPath and readOnly included) into its root
// filesystem, and writes the files the kubelet gives every container: /etc/hosts,
// /etc/hostname, /etc/resolv.conf.
void assemble_container_fs(term::MemoryFs& rootfs, const Json& pod, const Json& container, const std::string& pod_ip,
                           const PodVolumes& volumes);

}  // namespace kt::node
