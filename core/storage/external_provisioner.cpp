#include "core/storage/external_provisioner.h"

#include "core/client/events.h"
#include "core/client/informer.h"
#include "core/node/images.h"

namespace kt::storage {
namespace {

std::string env_of(const Json& container, const std::string& name) {
  const Json& env = api::field(container, {"env"});
  if (env.is_array())
    for (const auto& e : env)
      if (e.value("name", "") == name) return e.value("value", std::string());
  return "";
}

bool running(const Json& pod) {
  return api::str_field(pod, {"status", "phase"}) == "Running" && !api::meta::being_deleted(pod);
}

}  // namespace

ExternalProvisioners::ExternalProvisioners(api::ApiServer& api) : api_(api) {}

ExternalProvisioners::~ExternalProvisioners() { stop(); }

void ExternalProvisioners::start() {
  pods_ = std::make_unique<client::SharedInformer>(api_, api_.resource("", "pods"));
  claims_ = std::make_unique<client::SharedInformer>(api_, api_.resource("", "persistentvolumeclaims"));
  pods_->add_handler({[this](const api::ObjectPtr& p) { on_pod(p); },
                      [this](const api::ObjectPtr&, const api::ObjectPtr& p) { on_pod(p); },
                      [this](const api::ObjectPtr& p) { on_pod_deleted(p); }});
  claims_->add_handler({[this](const api::ObjectPtr& c) { on_claim(c); },
                        [this](const api::ObjectPtr&, const api::ObjectPtr& c) { on_claim(c); },
                        nullptr});
  pods_->start();
  claims_->start();
}

void ExternalProvisioners::stop() {
  if (pods_) pods_->stop();
  if (claims_) claims_->stop();
}

void ExternalProvisioners::on_pod(const api::ObjectPtr& pod) {
  const std::string key = api::meta::key(*pod);
  const Json& containers = api::field(*pod, {"spec", "containers"});
  if (!containers.is_array()) return;
  for (const auto& c : containers) {
    auto ref = node::parse_image(c.value("image", std::string()));
    if (!ref) continue;
    const std::string image = ref->short_name();
    std::string name;
    if (image == "nfs-client-provisioner" || image == "nfs-subdir-external-provisioner") {
      name = env_of(c, "PROVISIONER_NAME");
      if (name.empty()) name = "k8s-sigs.io/nfs-subdir-external-provisioner";
    } else if (image == "local-path-provisioner") {
      name = "rancher.io/local-path";
    } else {
      continue;
    }
    auto it = live_.find(name);
    if (running(*pod)) {
      const bool fresh = it == live_.end();
      live_[name] = Live{key, image, env_of(c, "NFS_SERVER"), env_of(c, "NFS_PATH")};
      if (fresh) retry_all();
    } else if (it != live_.end() && it->second.pod == key) {
      live_.erase(it);
    }
  }
}

void ExternalProvisioners::on_pod_deleted(const api::ObjectPtr& pod) {
  const std::string key = api::meta::key(*pod);
  for (auto it = live_.begin(); it != live_.end();) it = it->second.pod == key ? live_.erase(it) : std::next(it);
}

void ExternalProvisioners::retry_all() {
  for (const auto& c : claims_->list()) on_claim(c);
}

void ExternalProvisioners::on_claim(const api::ObjectPtr& claim) {
  if (api::meta::being_deleted(*claim) || !api::str_field(*claim, {"spec", "volumeName"}).empty()) return;
  const std::string provisioner =
      api::str_field(*claim, {"metadata", "annotations", "volume.kubernetes.io/storage-provisioner"});
  auto it = live_.find(provisioner);
  if (provisioner.empty() || it == live_.end()) return;
  const std::string pv_name = "pvc-" + api::meta::uid(*claim);
  if (api_.try_get(api_.resource("", "persistentvolumes"), "", pv_name)) return;
  provision(claim, provisioner, it->second);
}

void ExternalProvisioners::provision(const api::ObjectPtr& claim, const std::string& provisioner, const Live& live) {
  const std::string ns = api::meta::namespace_of(*claim);
  const std::string name = api::meta::name(*claim);
  const std::string pv_name = "pvc-" + api::meta::uid(*claim);
  auto& recorder = recorders_[provisioner + live.pod];
  if (!recorder) {
    const std::string pod_name = live.pod.substr(live.pod.find('/') + 1);
    recorder = std::make_unique<client::EventRecorder>(api_, provisioner + "_" + pod_name + "_" + api_.new_uid());
  }
  recorder->event(*claim, client::EventType::Normal, "Provisioning",
                  "External provisioner is provisioning volume for claim \"" + ns + "/" + name + "\"");

  const std::string cls = api::str_field(*claim, {"spec", "storageClassName"});
  auto sc = api_.try_get(api_.resource("storage.k8s.io", "storageclasses"), "", cls);
  const std::string reclaim = sc ? api::str_field(*sc, {"reclaimPolicy"}, "Delete") : "Delete";
  Json source;
  if (live.image == "local-path-provisioner") {
    source = {{"hostPath", {{"path", "/opt/local-path-provisioner/" + pv_name + "_" + ns + "_" + name},
                            {"type", "DirectoryOrCreate"}}}};
  } else {
    std::string path = live.nfs_path.empty() ? "/" : live.nfs_path;
    if (path.back() != '/') path += '/';
    source = {{"nfs", {{"server", live.nfs_server}, {"path", path + ns + "-" + name + "-" + pv_name}}}};
  }
  Json pv = {{"apiVersion", "v1"},
             {"kind", "PersistentVolume"},
             {"metadata", {{"name", pv_name}, {"annotations", {{"pv.kubernetes.io/provisioned-by", provisioner}}}}},
             {"spec",
              {{"accessModes", api::field(*claim, {"spec", "accessModes"})},
               {"capacity", {{"storage", api::field(*claim, {"spec", "resources", "requests", "storage"})}}},
               {"claimRef",
                {{"apiVersion", "v1"},
                 {"kind", "PersistentVolumeClaim"},
                 {"name", name},
                 {"namespace", ns},
                 {"resourceVersion", api::str_field(*claim, {"metadata", "resourceVersion"})},
                 {"uid", api::meta::uid(*claim)}}},
               {"persistentVolumeReclaimPolicy", reclaim},
               {"storageClassName", cls},
               {"volumeMode", api::str_field(*claim, {"spec", "volumeMode"}, "Filesystem")}}}};
  for (auto it = source.begin(); it != source.end(); ++it) pv["spec"][it.key()] = *it;
  try {
    api_.create(api_.resource("", "persistentvolumes"), "", std::move(pv));
  } catch (const api::ApiError& e) {
    recorder->event(*claim, client::EventType::Warning, "ProvisioningFailed",
                    "failed to provision volume with StorageClass \"" + cls + "\": " + e.message());
    return;
  }
  recorder->event(*claim, client::EventType::Normal, "ProvisioningSucceeded", "Successfully provisioned volume " + pv_name);
}

}  // namespace kt::storage
