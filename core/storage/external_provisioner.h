// External volume provisioners, as the images that implement them behave: while a
// pod of nfs-client-provisioner / nfs-subdir-external-provisioner (provisioner name
// from its PROVISIONER_NAME env, NFS_SERVER and NFS_PATH for the share) or
// rancher's local-path-provisioner ("rancher.io/local-path") is Running, claims the
// persistentvolume-binder-controller hands to that provisioner (annotation
// volume.kubernetes.io/storage-provisioner) get a PersistentVolume `pvc-<claim uid>`
// pre-bound to them, with the claim's size and access modes and the class's reclaim
// policy: events Provisioning ("External provisioner is provisioning volume for
// claim "ns/name"") and ProvisioningSucceeded ("Successfully provisioned volume
// pvc-…"). With the provisioner's pod gone, claims wait, as they do for real.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/api/apiserver.h"
#include "core/client/lifetime.h"

namespace kt::client {
class EventRecorder;
class SharedInformer;
}  // namespace kt::client

namespace kt::storage {

class ExternalProvisioners {
 public:
  explicit ExternalProvisioners(api::ApiServer& api);
  ~ExternalProvisioners();

  void start();
  void stop();

 private:
  struct Live {
    std::string pod;  // ns/name of the pod running it
    std::string image;
    std::string nfs_server;
    std::string nfs_path;
  };
  void on_pod(const api::ObjectPtr& pod);
  void on_pod_deleted(const api::ObjectPtr& pod);
  void on_claim(const api::ObjectPtr& claim);
  void provision(const api::ObjectPtr& claim, const std::string& provisioner, const Live& live);
  void retry_all();

  api::ApiServer& api_;
  std::unique_ptr<client::SharedInformer> pods_;
  std::unique_ptr<client::SharedInformer> claims_;
  std::map<std::string, Live> live_;  // provisioner name → where it runs
  std::map<std::string, std::unique_ptr<client::EventRecorder>> recorders_;
  client::Lifetime life_;
};

}  // namespace kt::storage
